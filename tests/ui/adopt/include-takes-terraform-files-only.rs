// `include:` copies Terraform files only.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        include: ["infra/*.txt"],

        queue jobs {}
        topic alerts {}
    }
}

fn main() {
    let _ = shop();
}
