"""Applies one stack folder against the shared tools' AWS emulator, then plans others against the
same state, and prints each plan's resource actions as JSON: what `terraform plan` would do to
resources the first apply created. Driven by tests/adoption.rs and tests/migrate.rs through
plan_against_emulator.sh.

    plan_against_emulator.py FIRST_DIR [--first-extra FILE ...] [--then NAME=DIR ...] [--create-queue NAME]

`--first-extra FILE` adds a Terraform file to the first stack's folder only (the CDKTF fixtures
need `offline_override.tf.json`: their provider pin is not in the offline mirror); its `backend`
is left out, since the state must stay where every later plan reads it. `--create-queue NAME`
creates an SQS queue by hand (through boto3) after the first apply, as an operator would have, so
a later stack can `import` it.

Each planned change is `{"actions": [..], "previous": OLD_ADDRESS_OR_NULL}`, and an in-place update
also names the arguments it changes with their values before and after
(`"arguments": {"NAME": [BEFORE, AFTER]}`), so a test can list them. Moves that change nothing are
listed too (`["no-op"]` with a `previous`).
"""
import json, os, shutil, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "tools", "lib"))
import aws_sandbox  # the shared tools' emulator driver: start_moto, override, tf
import boto3


def changed_arguments(before, after, prefix=""):
    """The arguments (nested objects followed) that differ between two resource values, each with
    its value before and after, cut to 120 characters."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = {}
        for key in sorted(set(before) | set(after)):
            found.update(changed_arguments(before.get(key), after.get(key), f"{prefix}{key}."))
        return found
    if before == after:
        return {}
    cut = lambda value: json.dumps(value)[:120]
    return {prefix.rstrip("."): [cut(before), cut(after)]}


def plan_actions(work):
    aws_sandbox.tf(["plan", "-input=false", "-out=plan.bin"], work)
    plan = json.loads(aws_sandbox.tf(["show", "-json", "plan.bin"], work).stdout)
    changes = {}
    for change in plan.get("resource_changes", []):
        actions = change["change"]["actions"]
        if change["change"].get("importing"):
            actions = actions + ["import"]
        previous = change.get("previous_address")
        if actions != ["no-op"] or previous:
            entry = {"actions": actions, "previous": previous}
            if actions == ["update"]:
                # Unknown values (known after apply) count as changed: they are.
                after = dict(change["change"].get("after") or {})
                for key, unknown in (change["change"].get("after_unknown") or {}).items():
                    if unknown is True:
                        after[key] = "(known after apply)"
                entry["arguments"] = changed_arguments(change["change"].get("before") or {}, after)
            changes[change["address"]] = entry
    return changes


def main(args):
    first, rest = args[0], args[1:]
    thens, queues, extras = [], [], []
    while rest:
        flag, value, rest = rest[0], rest[1], rest[2:]
        if flag == "--then":
            thens.append(value.split("=", 1))
        elif flag == "--create-queue":
            queues.append(value)
        elif flag == "--first-extra":
            extras.append(value)
        else:
            sys.exit(f"plan_against_emulator: unknown option {flag}")
    port = aws_sandbox.free_port()
    moto = aws_sandbox.start_moto(port)
    work = tempfile.mkdtemp(prefix="plan-emulator-")
    report = {}
    try:
        def use(stack_dir):
            for name in os.listdir(work):
                if name.endswith(".tf.json") and name != "aws_sandbox_override.tf.json":
                    os.remove(os.path.join(work, name))
            shutil.copytree(stack_dir, work, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".terraform*"))
            with open(os.path.join(work, "aws_sandbox_override.tf.json"), "w") as f:
                json.dump(aws_sandbox.override(port), f)

        use(first)
        for extra in extras:
            with open(extra) as f:
                document = json.load(f)
            document.get("terraform", {}).pop("backend", None)
            with open(os.path.join(work, os.path.basename(extra)), "w") as f:
                json.dump(document, f)
        aws_sandbox.tf(["init", "-input=false", "-reconfigure"], work)
        aws_sandbox.tf(["apply", "-auto-approve", "-input=false"], work)
        sqs = boto3.client("sqs", region_name=aws_sandbox.REGION, endpoint_url=f"http://127.0.0.1:{port}",
                           aws_access_key_id="test", aws_secret_access_key="test")
        for queue in queues:
            sqs.create_queue(QueueName=queue)
        for name, stack_dir in thens:
            use(stack_dir)
            report[name] = plan_actions(work)
        aws_sandbox.tf(["destroy", "-auto-approve", "-input=false"], work, check=False)
    finally:
        moto.terminate()
        moto.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
