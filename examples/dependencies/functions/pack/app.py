"""Packs the event with msgpack, a dependency with a C extension, installed for arm64 at synth."""

import base64

import msgpack


def handler(event, context):
    packed = msgpack.packb(event)
    return {
        "packed": base64.b64encode(packed).decode(),
        "bytes": len(packed),
        # True in Lambda; False where the arm64 extension cannot load (an x86_64 `invoke`), in
        # which case msgpack falls back to its pure-Python implementation.
        "compiled": msgpack.Packer.__module__ == "msgpack._cmsgpack",
    }
