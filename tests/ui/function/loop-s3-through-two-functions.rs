// `ingest` writes into `outbox`, which triggers `forward`, which writes back under the prefix
// `ingest` is triggered on: each upload runs them both for ever.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket uploads {}
        bucket outbox {}

        function ingest {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [s3:PutObject on outbox.objects("*")],
            triggers: [s3(uploads, prefix: "in/")],
        }

        function forward {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [wildcard(s3:Put*) on uploads.objects("in/*")],
            triggers: [s3(outbox)],
        }
    }
}

fn main() {
    let _ = shop();
}
