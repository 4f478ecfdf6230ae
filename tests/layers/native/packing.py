import msgpack


def roundtrip(value):
    return msgpack.unpackb(msgpack.packb(value))
