// A security group's ID where a subnet's is expected.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",


        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            vpc: { subnets: ["sg-0123456789abcdef0"], security_groups: ["sg-0123456789abcdef0"] },
        }
    }
}

fn main() {
    let _ = shop();
}
