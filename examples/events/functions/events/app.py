"""The events example's functions: each logs what it was sent and answers with a summary."""
import json


def audit(event, context):
    """Reads placed orders (EventBridge), S3 object events, schedules, jobs and stream records."""
    records = event.get("Records", [])
    print(json.dumps({"source": event.get("source"), "records": len(records)}))
    return {"records": len(records), "source": event.get("source")}


def notify(event, context):
    """Invoked asynchronously; its result goes to the bus, its failures to a queue."""
    return {"notified": event.get("order_id")}


def checkout(event, context):
    """Behind the `live` alias, with provisioned concurrency."""
    return {"statusCode": 200, "body": json.dumps({"ok": True})}


def quote(event, context):
    """SnapStart restores it from a snapshot of its initialized version."""
    return {"price": 42}


def uses_layer(event, context):
    """Imports `shared` from the `common` layer."""
    import shared

    return shared.summary(event)
