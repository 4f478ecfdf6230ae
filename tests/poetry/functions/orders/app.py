"""Packs the event with msgpack, a dependency locked by Poetry (`poetry.lock`), not in `requirements.txt`."""

import msgpack


def handler(event, context):
    packed = msgpack.packb(event)
    return {"statusCode": 200, "body": {"bytes": len(packed), "unpacked": msgpack.unpackb(packed)}}
