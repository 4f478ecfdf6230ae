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
                    "kms_key_arn": config["Configuration"].get("KMSKeyArn"),
                }
            plan = aws_sandbox.tf(["plan", "-input=false", "-detailed-exitcode"], work, check=False)
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
                "plan_exit_code": plan.returncode,
            }
        report["emulator"] = {"functions": sorted(f["FunctionName"] for f in client("lambda").list_functions()["Functions"])}
    finally:
        for work in reversed(works):
            aws_sandbox.tf(["destroy", "-auto-approve", "-input=false"], work, check=False)
            shutil.rmtree(work, ignore_errors=True)
        moto.terminate()
        moto.wait(timeout=10)
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1:])
