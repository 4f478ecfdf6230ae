import os

import boto3

# Read at import: unset, the first invocation fails with `KeyError: 'ORDER_TABLE'`.
TABLE = boto3.resource("dynamodb").Table(os.environ["ORDER_TABLE"])
DEBUG = os.environ.get("DEBUG", "0") == "1"


def handler(event, context):
    return TABLE.get_item(Key={"id": event["id"]}).get("Item")
