"""Counts the orders in the table, once a night."""
import os

import boto3

table = boto3.resource("dynamodb").Table(os.environ["ORDERS_TABLE"])


def handler(event, context):
    count = 0
    kwargs = {"Select": "COUNT"}
    while True:
        page = table.scan(**kwargs)
        count += page["Count"]
        if "LastEvaluatedKey" not in page:
            return {"orders": count}
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
