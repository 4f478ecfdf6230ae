//! Third-party dependencies, installed at synth for each function's runtime and architecture: an
//! arm64 Python function whose `requirements.txt` pulls a wheel with a C extension (built for
//! aarch64, whatever machine runs the synth), and a Node.js function whose `package.json` and
//! lockfile are installed with `npm ci --omit=dev`. Packages over 50 MB would go through the
//! `artifacts` bucket.

use lambda_stack::prelude::*;

lambda_stack! {
    stack dependencies {
        region: "eu-west-3",
        assets: artifacts,

        bucket artifacts {}

        function pack {
            runtime: python3.12,
            arch: arm64,
            handler: "app.handler",
            code: "functions/pack",
            memory: 256,
            timeout: 10,
        }

        function format {
            runtime: nodejs22.x,
            arch: arm64,
            handler: "index.handler",
            code: "functions/format",
        }
    }
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(dependencies()).run()
}
