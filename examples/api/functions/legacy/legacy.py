"""The shop's old item lookup, kept on the REST API for partners with an API key."""
import json


def handler(event, context):
    item = (event.get("pathParameters") or {}).get("id")
    return {"statusCode": 200, "headers": {"content-type": "application/json"}, "body": json.dumps({"item": item})}
