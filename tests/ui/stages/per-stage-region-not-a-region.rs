// A per-stage region is checked like a region: dev's is not one AWS has.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: per_stage(dev: "eu-west-9", prod: "eu-west-1"),
        stages: [dev, prod],
    }
}

fn main() {
    let _ = shop();
}
