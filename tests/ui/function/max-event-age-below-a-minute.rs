// Lambda keeps an asynchronous event at least 60 s.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            max_event_age: 30,
        }
    }
}

fn main() {
    let _ = shop();
}
