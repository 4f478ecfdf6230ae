"""The shop's API: answers with the stage it runs in and where its alerts go."""
import json
import os


def handler(event, context):
    body = {
        "stage": os.environ["STAGE"],
        "alerts_to": os.environ["ALERTS_TO"],
        "owner": os.environ["OWNER"],
        "orders_table": os.environ["ORDERS_TABLE"],
    }
    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}
