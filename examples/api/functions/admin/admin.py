"""Operations' routes: `POST /admin` for SigV4 callers with execute-api:Invoke, `GET /health` for anyone."""
import json


def handler(event, context):
    if event.get("routeKey") == "GET /health":
        return {"statusCode": 200, "body": "ok"}
    caller = event.get("requestContext", {}).get("authorizer", {}).get("iam", {}).get("userArn")
    return {"statusCode": 200, "body": json.dumps({"admin": caller})}
