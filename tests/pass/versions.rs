// DESIGN 8.3's versions and 8.4's recursion opt-in: an alias with provisioned concurrency, one with
// SnapStart on arm64 (which SnapStart runs on), and an intended loop through a queue.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue retry {}

        function checkout {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "functions/hello",
            alias: live,
            provisioned: 5,
            triggers: [http(POST "/checkout"), url(auth: iam)],
        }

        function quote {
            runtime: python3.13,
            handler: "lambda_handler.handler",
            code: "functions/hello",
            arch: arm64,
            alias: "blue-2",
            snap_start: true,
            ephemeral_storage: 512,
            triggers: [http(GET "/quote")],
        }

        function poller {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "functions/hello",
            alias: live,
            recursion: allow,
            allow: [sqs:SendMessage on retry],
            triggers: [sqs(retry)],
        }
    }
}

fn main() {
    let _ = shop();
}
