"""Publishes new orders above a threshold to the alerts topic."""
import json
import os

import boto3

sns = boto3.client("sns")
THRESHOLD = 1000


def handler(event, context):
    for record in event["Records"]:
        if record["eventName"] != "INSERT":
            continue
        image = record["dynamodb"]["NewImage"]
        amount = float(image.get("amount", {}).get("S", "0"))
        if amount >= THRESHOLD:
            sns.publish(TopicArn=os.environ["ALERTS_TOPIC_ARN"], Message=json.dumps(image))
