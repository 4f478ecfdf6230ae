// Of two declarations of one name, the later in the source is reported, whatever their kinds.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function reports {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
        }

        bucket reports {}
    }
}

fn main() {
    let _ = shop();
}
