"""Applies several stack folders into one AWS emulator, each with its own working folder and state,
as two stages of a stack deploy into one account; reports what each created, then destroys all.
Driven by tests/stages.rs through emulator_python.sh.

    apply_side_by_side.py [--create-role NAME] [--create-queue NAME] DIR [DIR ...]

`--create-role` and `--create-queue` create, through boto3 before any apply, what an operator
would have created by hand, for stacks that name it as `existing`.

Prints JSON: per folder (by its name), its Lambda functions with their tags and environment, its
queue, topic and table names, and what `terraform plan` would still change after the apply.
"""
import json, os, shutil, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "tools", "lib"))
import aws_sandbox  # the shared tools' emulator driver: start_moto, override, tf
import boto3


def main(args):
    dirs, roles, queues = [], [], []
    while args:
        if args[0] == "--create-role":
            roles.append(args[1]); args = args[2:]
        elif args[0] == "--create-queue":
            queues.append(args[1]); args = args[2:]
        else:
            dirs.append(args[0]); args = args[1:]
    port = aws_sandbox.free_port()
    moto = aws_sandbox.start_moto(port)
    works = []
    report = {}
    client = lambda service: boto3.client(service, region_name=aws_sandbox.REGION,
                                          endpoint_url=f"http://127.0.0.1:{port}",
                                          aws_access_key_id="test", aws_secret_access_key="test")
    try:
        trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                                   "Principal": {"Service": "lambda.amazonaws.com"}}]})
        for role in roles:  # `ci/deployer`: the role `deployer` under the path `/ci/`
            path, _, name = role.rpartition("/")
            client("iam").create_role(RoleName=name, Path=f"/{path}/" if path else "/", AssumeRolePolicyDocument=trust)
        for queue in queues:
            client("sqs").create_queue(QueueName=queue)
        for stack_dir in dirs:
            work = tempfile.mkdtemp(prefix="side-by-side-")
            works.append(work)
            shutil.copytree(stack_dir, work, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".terraform*"))
            with open(os.path.join(work, "aws_sandbox_override.tf.json"), "w") as f:
                json.dump(aws_sandbox.override(port), f)
            aws_sandbox.tf(["init", "-input=false"], work)
            aws_sandbox.tf(["apply", "-auto-approve", "-input=false"], work)
            state = json.loads(aws_sandbox.tf(["show", "-json"], work).stdout)
            resources = state.get("values", {}).get("root_module", {}).get("resources", [])
            names = lambda kind, key: sorted(r["values"][key] for r in resources if r["type"] == kind)
            lam = client("lambda")
            functions = {}
            for name in names("aws_lambda_function", "function_name"):
                config = lam.get_function(FunctionName=name)
                functions[name] = {
                    "tags": config.get("Tags", {}),
                    "environment": config["Configuration"].get("Environment", {}).get("Variables", {}),
                    "memory": config["Configuration"]["MemorySize"],
                    "role": config["Configuration"]["Role"],
                    "subnets": sorted(config["Configuration"].get("VpcConfig", {}).get("SubnetIds", [])),
                    "policy": resource_policy(lam, name),
                    "invoke_config": invoke_config(lam, name),
                    "kms_key_arn": config["Configuration"].get("KMSKeyArn"),
                    "layers": [layer["Arn"] for layer in config["Configuration"].get("Layers", [])],
                    "aliases": aliases(lam, name),
                }
            plan = aws_sandbox.tf(["plan", "-input=false", "-detailed-exitcode", "-out=drift.plan"], work, check=False)
            drift = json.loads(aws_sandbox.tf(["show", "-json", "drift.plan"], work).stdout) if plan.returncode == 2 else {}
            report[os.path.basename(os.path.normpath(stack_dir))] = {
                "functions": functions,
                "queues": names("aws_sqs_queue", "name"),
                "topics": names("aws_sns_topic", "name"),
                "tables": names("aws_dynamodb_table", "name"),
                "key_aliases": names("aws_kms_alias", "name"),
                "roles": names("aws_iam_role", "name"),
                "role_policies": sorted(f'{r["values"]["role"]}/{r["values"]["name"]}' for r in resources
                                        if r["type"] == "aws_iam_role_policy"),
                "event_sources": sorted(r["values"]["event_source_arn"] for r in resources
                                        if r["type"] == "aws_lambda_event_source_mapping"),
                "event_source_functions": sorted(lam.get_event_source_mapping(UUID=r["values"]["uuid"])["FunctionArn"]
                                                 for r in resources
                                                 if r["type"] == "aws_lambda_event_source_mapping"),
                "http_apis": http_apis(client("apigatewayv2"), resources),
                "buses": names("aws_cloudwatch_event_bus", "name"),
                "event_rules": event_rules(client("events"), resources),
                "schedules": schedules(client("scheduler"), resources),
                "mappings": mappings(lam, functions),
                "layer_versions": sorted(r["values"]["arn"] for r in resources if r["type"] == "aws_lambda_layer_version"),
                "plan_exit_code": plan.returncode,
                # What that plan would change, by address, when it would change something.
                "plan_changes": sorted(c["address"] for c in drift.get("resource_changes", [])
                                       if c["change"]["actions"] != ["no-op"]),
            }
        report["emulator"] = {"functions": sorted(f["FunctionName"] for f in client("lambda").list_functions()["Functions"])}
    finally:
        for work in reversed(works):
            aws_sandbox.tf(["destroy", "-auto-approve", "-input=false"], work, check=False)
            shutil.rmtree(work, ignore_errors=True)
        moto.terminate()
        moto.wait(timeout=10)
    print(json.dumps(report))


def aliases(lam, name):
    """The function's aliases as Lambda stores them: each one's version, and the resource policy,
    URL and asynchronous invocation config qualified by it."""
    found = {}
    for alias in lam.list_aliases(FunctionName=name)["Aliases"]:
        qualified = f"{name}:{alias['Name']}"
        try:
            url = lam.get_function_url_config(FunctionName=name, Qualifier=alias["Name"])["FunctionUrl"]
        except lam.exceptions.ResourceNotFoundException:
            url = None
        found[alias["Name"]] = {
            "version": alias["FunctionVersion"],
            "policy": resource_policy(lam, qualified),
            "url": url,
            "invoke_config": invoke_config(lam, qualified),
        }
    return found


def invoke_config(lam, name):
    """The function's asynchronous invocation config as Lambda stores it, or None."""
    try:
        config = lam.get_function_event_invoke_config(FunctionName=name)
    except lam.exceptions.ResourceNotFoundException:
        return None
    destinations = config.get("DestinationConfig", {})
    return {
        "retries": config.get("MaximumRetryAttempts"),
        "max_event_age": config.get("MaximumEventAgeInSeconds"),
        "on_success": destinations.get("OnSuccess", {}).get("Destination"),
        "on_failure": destinations.get("OnFailure", {}).get("Destination"),
    }


def event_rules(events, resources):
    """Each EventBridge rule as EventBridge stores it: its bus, pattern (parsed) or schedule, and
    its targets' ARNs."""
    rules = {}
    for r in resources:
        if r["type"] != "aws_cloudwatch_event_rule":
            continue
        name, bus = r["values"]["name"], r["values"].get("event_bus_name") or "default"
        rule = events.describe_rule(Name=name, EventBusName=bus)
        targets = events.list_targets_by_rule(Rule=name, EventBusName=bus)["Targets"]
        rules[name] = {
            "bus": bus,
            "pattern": json.loads(rule["EventPattern"]) if rule.get("EventPattern") else None,
            "schedule": rule.get("ScheduleExpression"),
            "targets": sorted(t["Arn"] for t in targets),
        }
    return rules


def schedules(scheduler, resources):
    """Each EventBridge Scheduler schedule as Scheduler stores it."""
    found = {}
    for r in resources:
        if r["type"] != "aws_scheduler_schedule":
            continue
        s = scheduler.get_schedule(Name=r["values"]["name"])
        found[s["Name"]] = {
            "expression": s["ScheduleExpression"],
            "timezone": s.get("ScheduleExpressionTimezone"),
            "window": s.get("FlexibleTimeWindow", {}),
            "target": s["Target"]["Arn"],
            "role": s["Target"]["RoleArn"],
            "input": json.loads(s["Target"]["Input"]) if s["Target"].get("Input") else None,
        }
    return found


def mappings(lam, functions):
    """Each function's event source mappings as Lambda stores them, by source ARN."""
    found = {}
    # Listed whole and matched by function: the emulator's filter by function name finds none.
    for m in lam.list_event_source_mappings()["EventSourceMappings"]:
        if m["FunctionArn"].rsplit(":", 1)[-1] in functions:
            found[m["EventSourceArn"]] = {
                "function": m["FunctionArn"],
                "filters": [json.loads(f["Pattern"]) for f in m.get("FilterCriteria", {}).get("Filters", [])],
                "max_concurrency": m.get("ScalingConfig", {}).get("MaximumConcurrency"),
                "bisect": m.get("BisectBatchOnFunctionError"),
                "max_retries": m.get("MaximumRetryAttempts"),
                "max_age": m.get("MaximumRecordAgeInSeconds"),
                "parallelization": m.get("ParallelizationFactor"),
                "tumbling_window": m.get("TumblingWindowInSeconds"),
                "on_failure": m.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination"),
                "state": m.get("State"),
            }
    return found


def resource_policy(lam, name):
    """The function's resource-based policy as Lambda stores it: its statements' IDs and size."""
    try:
        policy = lam.get_policy(FunctionName=name)["Policy"]
    except lam.exceptions.ResourceNotFoundException:
        return {"statements": [], "bytes": 0}
    return {"statements": sorted(s["Sid"] for s in json.loads(policy)["Statement"]), "bytes": len(policy)}


def http_apis(apigw, resources):
    """Each HTTP API's routes (authorization type, authorizer name, scopes), authorizers, domains."""
    apis = {}
    for r in resources:
        if r["type"] != "aws_apigatewayv2_api":
            continue
        api_id = r["values"]["id"]
        # One authorizer at a time: the emulator cannot list them (GetAuthorizers answers 500).
        authorizers = {}
        routes = {}
        for route in apigw.get_routes(ApiId=api_id)["Items"]:
            authorizer_id = route.get("AuthorizerId")
            if authorizer_id and authorizer_id not in authorizers:
                authorizers[authorizer_id] = apigw.get_authorizer(ApiId=api_id, AuthorizerId=authorizer_id)
            authorizer = authorizers.get(authorizer_id, {})
            routes[route["RouteKey"]] = {
                "authorization_type": route.get("AuthorizationType", "NONE"),
                "authorizer": authorizer.get("Name"),
                "scopes": route.get("AuthorizationScopes", []),
            }
        apis[r["values"]["name"]] = {
            "routes": routes,
            "authorizers": sorted([
                {"name": a["Name"], "type": a["AuthorizerType"], "identity": a.get("IdentitySource", []),
                 "jwt": a.get("JwtConfiguration"), "ttl": a.get("AuthorizerResultTtlInSeconds")}
                for a in authorizers.values()
            ], key=lambda a: a["name"]),
        }
    domains = [r["values"]["domain_name"] for r in resources if r["type"] == "aws_apigatewayv2_domain_name"]
    if domains:
        apis["domains"] = sorted(domains)
    return apis


if __name__ == "__main__":
    main(sys.argv[1:])
