// Two mistakes in one stack are both reported by one build.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memory: 64,
            allow: [s3:GetObjekt on reports.objects],
        }
    }
}

fn main() {
    let _ = shop();
}
