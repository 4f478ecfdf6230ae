// A permissions boundary is a policy: this ARN names a role.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        role workers { managed: [AWSLambdaBasicExecutionRole], boundary: "arn:aws:iam::123456789012:role/boundary" }
    }
}

fn main() {
    let _ = shop();
}
