// The same check in a named role's `allow`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}

        role readers {
            allow: [s3:PutObjekt on reports.objects],
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
