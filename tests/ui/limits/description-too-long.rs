// A description is at most 256 characters.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            description: "Reads the orders of the day, groups them by customer and by region, \
                computes totals, margins and the share of returns for each group, compares them with \
                the same day of the previous week and of the previous year, and writes a summary to \
                the reports bucket, where the morning dashboard picks it up.",
        }
    }
}

fn main() {
    let _ = shop();
}
