"""Sums up the day's orders (invoked once a day by an EventBridge schedule)."""
import json


def handler(event, context):
    summary = {"rule": event.get("resources", []), "time": event.get("time")}
    print(json.dumps(summary))
    return summary
