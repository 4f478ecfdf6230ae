// Stage names are lowercase letters and digits: they go into every AWS name.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        stages: [dev, Prod],
    }
}

fn main() {
    let _ = shop();
}
