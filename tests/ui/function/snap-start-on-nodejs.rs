// SnapStart takes Java 11+, Python 3.12+ and .NET 8+, not Node.js.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        function quote {
            runtime: nodejs22.x,
            handler: "index.handler",
            code: "functions/node",
            alias: live,
            snap_start: true,
        }
    }
}

fn main() {
    let _ = shop();
}
