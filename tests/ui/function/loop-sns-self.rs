// A function that publishes to the topic it subscribes to starts itself for ever.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        topic events {}

        function relay {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            allow: [sns:Publish on events],
            triggers: [sns(events)],
        }
    }
}

fn main() {
    let _ = shop();
}
