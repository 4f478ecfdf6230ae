#!/usr/bin/env python3
"""Writes the prebuilt-zip fixtures (`code: "....zip"`) of the ui, pass and emulator tests, and the
prebuilt function of `examples/polyglot`.

Deterministic: entries in this order, all dated 1980-01-01, made on Unix (host 3) with the modes
given, deflated at level 9 (stored for directory entries). The committed zips are the fixtures;
running this again with another zlib may give other deflate bytes for the same contents, which
the tests do not depend on (tests/prebuilt.rs compares a package with the zip it was given).

    python3 scripts/make-prebuilt-zips.py
"""

import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
UI = ROOT / "tests/ui/handler/functions/zips"
PASS = ROOT / "tests/pass/functions/prebuilt"
POLYGLOT = ROOT / "examples/polyglot/functions/report/dist"

HANDLER = "import json\n\n\ndef handler(event, context):\n    return {\"prebuilt\": True, \"event\": event}\n"
# A custom runtime in Python's standard library (as tests/local.rs's): one event, then exit.
BOOTSTRAP = """#!/usr/bin/env python3
import json, os, urllib.request
api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
with urllib.request.urlopen(api + "next") as r:
    request_id = r.headers["Lambda-Runtime-Aws-Request-Id"]
    event = json.loads(r.read())
body = json.dumps({"echo": event, "handler": os.environ["_HANDLER"]}).encode()
urllib.request.urlopen(urllib.request.Request(api + request_id + "/response", data=body, method="POST")).read()
"""


def write(path, entries):
    """`entries`: (name, mode, text); a name ending with `/` is a directory entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name, mode, text in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = mode << 16
            if name.endswith("/"):
                info.external_attr |= 0x10  # MS-DOS directory bit, as zip(1) sets it
                archive.writestr(info, b"", compress_type=zipfile.ZIP_STORED)
            else:
                archive.writestr(info, text.encode(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)


write(UI / "no_module.zip", [("main.py", 0o100644, HANDLER)])
write(UI / "no_function.zip", [("app.py", 0o100644, HANDLER.replace("def handler", "def main"))])
write(UI / "bootstrap_not_executable.zip", [("bootstrap", 0o100644, BOOTSTRAP)])
write(UI / "app.zip", [("app.py", 0o100644, HANDLER)])
write(
    PASS / "python.zip",
    [
        ("app.py", 0o100644, HANDLER),
        ("lib/", 0o040755, ""),
        ("lib/helpers.py", 0o100644, "GREETING = 'hello from the zip'\n" * 50),
    ],
)
write(PASS / "provided.zip", [("bootstrap", 0o100755, BOOTSTRAP)])
write(
    POLYGLOT / "report.zip",
    [
        (
            "report.py",
            0o100644,
            "import json\n\n\ndef handler(event, context):\n"
            "    # Built and zipped by another build (here, scripts/make-prebuilt-zips.py); deployed as it is.\n"
            "    return {\"statusCode\": 200, \"body\": json.dumps({\"report\": event.get(\"period\", \"daily\")})}\n",
        ),
    ],
)
