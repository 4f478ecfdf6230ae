"""Counts the orders of the stage's table and publishes the count to the alerts topic."""
import json
import os

import boto3


def handler(event, context):
    table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])
    count = table.scan(Select="COUNT")["Count"]
    boto3.client("sns").publish(
        TopicArn=os.environ["ALERTS_TOPIC_ARN"],
        Subject=f"{os.environ['STAGE']}: nightly orders",
        Message=json.dumps({"orders": count}),
    )
    return {"orders": count}
