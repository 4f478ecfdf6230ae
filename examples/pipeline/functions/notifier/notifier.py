"""Receives alerts published to the topic."""


def handler(event, context):
    for record in event["Records"]:
        print("alert:", record["Sns"]["Message"])
