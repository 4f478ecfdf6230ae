// One action of a list does not apply to the resource.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [[s3:GetObject, s3:ListBucket] on reports.objects],
        }
    }
}

fn main() {
    let _ = shop();
}
