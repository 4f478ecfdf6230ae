// `existing: NAME` takes a param of the stack; `deployer_arm` is a typo of `deployer_arn`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        param deployer_arn {}

        role deployer { existing: deployer_arm }
    }
}

fn main() {
    let _ = shop();
}
