// Lambda's largest memory size is 10240 MB.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            memory: 10241,
        }
    }
}

fn main() {
    let _ = shop();
}
