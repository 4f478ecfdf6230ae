// A string param takes a string default.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        param alert_email { default: ["ops@example.com"] }
    }
}

fn main() {
    let _ = shop();
}
