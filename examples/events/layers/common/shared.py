"""Shared by the functions that use the `common` layer (it is under /opt/python at run time)."""


def summary(event):
    """A one-line summary of an event, for logs."""
    return {"keys": sorted(event) if isinstance(event, dict) else None}
