// `subnets` takes a list: `private_subnet` is a `string` param.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        param private_subnet { default: "subnet-0123456789abcdef0" }

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            vpc: { subnets: private_subnet, security_groups: ["sg-0123456789abcdef0"] },
        }
    }
}

fn main() {
    let _ = shop();
}
