//! Event-driven Lambda with everything the second release adds: `cargo run --example events`.
//!
//! Orders are placed on a custom EventBridge bus; `audit` reads them (only those above 100), the
//! objects S3 reports on the default bus, a daily report in Paris time with a constant input, a
//! one-time reminder, filtered jobs from a queue with capped concurrency, a Kinesis stream with
//! failure handling and a table's stream of inserts. `notify` sends its asynchronous results to a
//! topic and its failures to a queue; `checkout` and `quote` run behind a `live` alias (`quote`
//! with SnapStart); `uses_layer` imports code from a layer built from a folder, and logs JSON.
//!
//! Provisioned concurrency (`provisioned: N` beside `alias:`) is left out: the local AWS emulator
//! CI applies every example to cannot create it (`tests/aliases.rs` validates it with Terraform).

use lambda_stack::prelude::*;

lambda_stack! {
    /// Orders on a bus, schedules, filtered mappings, destinations, aliases and a layer.
    stack events {
        region: "eu-west-3",
        tags: { project: "events" },

        bus orders_bus {}
        queue jobs {}
        queue failed_jobs {}
        queue failed_clicks {}
        topic done_topic {}
        stream clicks { shards: 1 }
        table orders { hash_key: "id", stream: new_and_old_images }

        layer common { code: "layers/common", runtimes: [python3.12, python3.13], arch: [x86_64, arm64] }

        /// Audits large orders, new objects, schedules, jobs, clicks and inserted orders.
        function audit {
            runtime: python3.12,
            handler: "app.audit",
            code: "functions/events",
            reserved_concurrency: 10,
            triggers: [
                event(orders_bus, pattern: { source: ["shop.orders"], "detail-type": ["OrderPlaced"],
                                             detail: { total: [{ numeric: [">", 100] }] } }),
                event(pattern: { source: ["aws.s3"], "detail-type": ["Object Created"] }),
                schedule("cron(0 8 * * ? *)", timezone: "Europe/Paris", input: { report: "daily" }),
                schedule("at(2027-01-01T00:00:00)"),
                sqs(jobs, batch_size: 10, max_concurrency: 5, filter: [{ body: { kind: ["order"] } }]),
                kinesis(clicks, bisect: true, max_retries: 3, max_age: 3600, on_failure: failed_clicks, parallelization: 2),
                dynamodb(orders, filter: [{ eventName: ["INSERT"] }], tumbling_window: 60),
            ],
        }

        /// Invoked asynchronously: results to a topic, failures to a queue.
        function notify {
            runtime: python3.12,
            handler: "app.notify",
            code: "functions/events",
            on_success: done_topic,
            on_failure: failed_jobs,
            retries: 1,
            max_event_age: 3600,
        }

        /// Takes orders over its URL, through the `live` alias.
        function checkout {
            runtime: python3.12,
            handler: "app.checkout",
            code: "functions/events",
            alias: live,
            triggers: [url(auth: iam)],
        }

        /// Prices quickly after a cold start: SnapStart on its published versions.
        function quote {
            runtime: python3.12,
            handler: "app.quote",
            code: "functions/events",
            alias: live,
            snap_start: true,
        }

        /// Uses the layer's `shared` module, and writes JSON logs at `info` and above.
        function uses_layer {
            runtime: python3.12,
            handler: "app.uses_layer",
            code: "functions/events",
            layers: [common],
            logs: { format: json, level: info, system_level: warn },
        }
    }
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(events()).run()
}
