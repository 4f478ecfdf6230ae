//! An upload pipeline with every event source: `cargo run --example pipeline`.
//!
//! A CSV lands in `uploads/incoming/` → `ingest` turns each line into a job on `jobs` → `worker`
//! writes the order into `orders` → the table's stream feeds `auditor`, which publishes large
//! orders to `alerts` → `notifier` receives them. A nightly schedule runs `nightly`, partners post
//! to `webhook` through its function URL, and `clicks_consumer` reads the `clicks` Kinesis stream.
//! No permission is written by hand: the triggers bring them.

use lambda_stack::prelude::*;

lambda_stack! {
    /// Uploads to orders, with audit, alerts, a nightly report, a webhook and click analytics.
    stack pipeline {
        region: "eu-west-3",
        tags: { project: "pipeline" },

        bucket uploads {}

        queue failed_jobs { retention: 1209600 }
        queue jobs { visibility_timeout: 180, dead_letter: failed_jobs, max_receive: 5 }
        queue ingest_failures {}

        table orders { hash_key: "id", range_key: "created_at", stream: new_and_old_images }
        topic alerts {}
        stream clicks { shards: 1 }

        /// Splits each uploaded CSV into jobs.
        function ingest {
            runtime: python3.12,
            handler: "ingest.handler",
            code: "functions/ingest",
            timeout: 30,
            env: { JOBS_QUEUE_URL: jobs.url },
            allow: [s3:GetObject on uploads.objects("incoming/*"), sqs:SendMessage on jobs],
            triggers: [s3(uploads, on: created, prefix: "incoming/", suffix: ".csv")],
            dead_letter: ingest_failures,
        }

        /// Writes each job's order into the table, reporting the jobs that failed.
        function worker {
            runtime: python3.12,
            handler: "worker.handler",
            code: "functions/worker",
            timeout: 30,
            env: { ORDERS_TABLE: orders.name },
            allow: [dynamodb:PutItem on orders],
            triggers: [sqs(jobs, batch_size: 20, window: 5, report_failures: true)],
        }

        /// Publishes large new orders to the alerts topic.
        function auditor {
            runtime: python3.12,
            handler: "auditor.handler",
            code: "functions/auditor",
            env: { ALERTS_TOPIC_ARN: alerts.arn, ORDERS_STREAM: orders.stream_arn },
            allow: [sns:Publish on alerts],
            triggers: [dynamodb(orders, start: trim_horizon, batch_size: 50)],
        }

        /// Counts yesterday's orders every night at 03:00 UTC.
        function nightly {
            runtime: python3.12,
            handler: "nightly.handler",
            code: "functions/nightly",
            timeout: 120,
            env: { ORDERS_TABLE: orders.name },
            allow: [[dynamodb:Scan, dynamodb:Query] on orders, dynamodb:Query on orders.indexes],
            triggers: [schedule("cron(0 3 * * ? *)")],
        }

        /// Receives the alerts.
        function notifier {
            runtime: python3.12,
            handler: "notifier.handler",
            code: "functions/notifier",
            triggers: [sns(alerts)],
        }

        /// Takes partner orders over HTTPS and queues them.
        function webhook {
            runtime: nodejs22.x,
            handler: "index.handler",
            code: "functions/webhook",
            env: { JOBS_QUEUE_URL: jobs.url },
            allow: [sqs:SendMessage on jobs],
            triggers: [url(auth: none)],
        }

        /// Aggregates click events.
        function clicks_consumer {
            runtime: python3.12,
            handler: "clicks.handler",
            code: "functions/clicks",
            arch: arm64,
            triggers: [kinesis(clicks, start: latest, batch_size: 100, window: 10)],
        }
    }
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(pipeline()).run()
}
