// There is no `ap.py` in the code directory (there is `app.py`).
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "ap.handler",
            code: "functions/python",
        }
    }
}

fn main() {
    let _ = shop();
}
