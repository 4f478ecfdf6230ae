// `index.mjs` sends to `process.env.JOBS_QUEUE_URL`, which nothing sets (`STAGE` has a default).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function webhook {
            runtime: nodejs22.x,
            handler: "index.handler",
            code: "functions/reads-queue",
            env: { JOBS_QUEUE: jobs.url },
            allow: [sqs:SendMessage on jobs],
        }
    }
}

fn main() {
    let _ = shop();
}
