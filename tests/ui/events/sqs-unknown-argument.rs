// A misspelt trigger argument gets a did-you-mean.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue jobs {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [sqs(jobs, batchsize: 10)],
        }
    }
}

fn main() {
    let _ = shop();
}
