// Terraform imports an SQS queue by its URL, not its name.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-1",

        queue jobs { name: "jobs", import: "jobs" }
    }
}

fn main() {
    let _ = shop();
}
