"""A Lambda authorizer (payload 2.0, simple responses): lets a partner in when its key is one of
the keys listed in the environment's secret-free allowlist of key hashes."""
import hashlib
import os


def handler(event, context):
    key = (event.get("headers") or {}).get("x-partner-key", "")
    digest = hashlib.sha256(key.encode()).hexdigest()
    allowed = set(filter(None, os.environ.get("PARTNER_KEY_HASHES", "").split(",")))
    return {"isAuthorized": bool(key) and digest in allowed, "context": {"partner": digest[:12]}}
