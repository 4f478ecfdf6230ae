// A misspelt role key: `alow`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        role readers {
            alow: [s3:GetObject on reports.objects],
        }

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            role: readers,
        }
    }
}

fn main() {
    let _ = shop();
}
