"""Counts click events per page from the Kinesis stream."""
import base64
import collections
import json


def handler(event, context):
    pages = collections.Counter()
    for record in event["Records"]:
        click = json.loads(base64.b64decode(record["kinesis"]["data"]))
        pages[click.get("page", "?")] += 1
    print(json.dumps(pages))
    return dict(pages)
