"""The shop's orders, for callers with a JWT of its Cognito user pool (the API checks it)."""
import json


def handler(event, context):
    claims = event.get("requestContext", {}).get("authorizer", {}).get("jwt", {}).get("claims", {})
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps({"route": event.get("routeKey"), "customer": claims.get("sub")}),
    }
