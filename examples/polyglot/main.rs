//! One stack, a function in each way Lambda code gets built: a zip another build made, deployed
//! byte for byte; TypeScript bundled by esbuild; Go built by `go build` into `bootstrap`; Java
//! built by Maven into a jar; and Python locked by uv. Every handler is checked at `cargo build`
//! (the zip's module, the `.ts` export, the Go `package main`, the Java class and method), and
//! each package is built at `cargo run`.
//!
//! ```text
//! cargo run --example polyglot
//! cargo run --example polyglot -- invoke greet --event '{"name": "ts"}'
//! ```

use lambda_stack::prelude::*;

lambda_stack! {
    stack polyglot {
        region: "eu-west-3",

        api {
            auth: iam,
        }

        /// A zip made by another build (`scripts/make-prebuilt-zips.py`), deployed as it is.
        function report {
            runtime: python3.12,
            handler: "report.handler",
            code: "functions/report/dist/report.zip",
            triggers: [schedule("cron(0 6 * * ? *)")],
        }

        /// TypeScript, bundled with its imports by esbuild, with its source map.
        function greet {
            runtime: nodejs22.x,
            handler: "src/index.handler",
            code: "functions/greet",
            bundle: esbuild,
            source_map: true,
            triggers: [http(GET "/greet")],
        }

        /// Go, built for arm64 into `bootstrap`.
        function api {
            runtime: provided.al2023,
            handler: "bootstrap",
            code: "functions/api",
            build: go,
            arch: arm64,
            triggers: [http(GET "/hello")],
        }

        /// Java, built by Maven into a jar.
        function orders {
            runtime: java17,
            handler: "example.Handler::handleRequest",
            code: "functions/orders",
            build: maven,
            memory: 512,
            timeout: 15,
            triggers: [http(POST "/orders")],
        }

        /// Python with its dependencies locked by uv (`uv.lock`).
        function prices {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/prices",
        }
    }
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(polyglot()).run()
}
