//! One stack, two stages: `cargo run --example stages` writes `cdktf.out/stacks/shop-dev/` and
//! `cdktf.out/stacks/shop-prod/`, which deploy side by side in one account (`--stage prod` writes
//! one).
//!
//! Each stage has its own names (`shop-dev-...`, `shop-api-prod`), state, `stage` tag and values:
//! `per_stage(..)` picks memory, concurrency and the schedule per stage, each checked as if
//! written alone, and `alert_email`'s per-stage value goes to `<stage>.auto.tfvars.json`, where an
//! operator can change it. `owner` has no default: Terraform asks for it (`-var owner=..`, or a
//! `.tfvars` file, as CI's `ci.auto.tfvars.json`). `infra/alerts.tf` is hand-written Terraform
//! that subscribes `alert_email` to the generated `alerts` topic.

use lambda_stack::prelude::*;

lambda_stack! {
    /// A shop's API and its nightly report, in dev and in prod.
    stack shop {
        region: "eu-west-3",
        stages: [dev, prod],
        tags: { project: "shop" },
        include: ["infra/*.tf"],

        param alert_email {
            default: per_stage(dev: "shop-dev@example.com", prod: "ops@example.com"),
            description: "Where the stage's alerts are emailed",
        }
        param owner { description: "The team that answers for the stage" }

        table orders { hash_key: "id" }
        topic alerts {}

        /// Answers with its stage.
        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/api",
            memory: per_stage(dev: 256, prod: 1024),
            reserved_concurrency: per_stage(prod: 20, _: 2),
            env: { STAGE: stage, ALERTS_TO: alert_email, OWNER: owner, ORDERS_TABLE: orders.name },
            allow: [dynamodb:GetItem on orders],
            name: "shop-api-{stage}",
            triggers: [http(GET "/items")],
        }

        /// Publishes the number of orders, hourly in dev and nightly in prod.
        function nightly {
            runtime: python3.12,
            handler: "report.handler",
            code: "functions/nightly",
            timeout: per_stage(dev: 30, prod: 120),
            env: { STAGE: stage, ORDERS_TABLE: orders.name, ALERTS_TOPIC_ARN: alerts.arn },
            allow: [dynamodb:Scan on orders, sns:Publish on alerts],
            triggers: [schedule(per_stage(dev: "rate(1 hour)", prod: "cron(0 3 * * ? *)"))],
        }
    }
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(shop()).run()
}
