// An `existing` role is given by its ARN.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        role deployer { existing: "ci-deployer" }
    }
}

fn main() {
    let _ = shop();
}
