// Scheduler takes tz database names, with a did-you-mean.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function report {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [schedule("cron(0 8 * * ? *)", timezone: "Europe/Pari")],
        }
    }
}

fn main() {
    let _ = shop();
}
