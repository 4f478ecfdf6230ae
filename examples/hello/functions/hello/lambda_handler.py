"""The course's first Lambda function: greets the caller and says where reports are kept."""

import json
import os


def handler(event, context):
    name = (event.get("queryStringParameters") or {}).get("name", "world")
    body = {
        "message": f"{os.environ.get('GREETING', 'hello')}, {name}!",
        "reports_bucket": os.environ.get("REPORTS_BUCKET", ""),
        "request_id": getattr(context, "aws_request_id", None),
    }
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps(body),
    }
