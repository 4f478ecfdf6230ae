// Two functions reserving 950 executions of a default account's 1,000, which must keep 100
// unreserved: the apply would fail at the second.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function checkout {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            reserved_concurrency: 500,
        }

        function search {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            reserved_concurrency: 450,
        }
    }
}

fn main() {
    let _ = shop();
}
