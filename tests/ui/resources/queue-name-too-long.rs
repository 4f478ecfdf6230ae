// The generated SQS name (`shop-` + the queue's name) is over SQS's 80 characters.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        queue incoming_orders_from_every_partner_of_the_company_waiting_for_validation_and_more {}

        function worker {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }
    }
}

fn main() {
    let _ = shop();
}
