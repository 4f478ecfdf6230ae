// `security_group` is a typo of `security_groups`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",


        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            vpc: { subnets: ["subnet-0123456789abcdef0"], security_group: ["sg-0123456789abcdef0"] },
        }
    }
}

fn main() {
    let _ = shop();
}
