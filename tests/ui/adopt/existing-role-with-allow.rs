// An `existing` role is not managed by the stack: it takes no statements of its own.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        bucket reports {}
        role deployer {
            existing: "arn:aws:iam::123456789012:role/ci-deployer",
            allow: [s3:GetObject on reports.objects],
        }
    }
}

fn main() {
    let _ = shop();
}
