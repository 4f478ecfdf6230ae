// Node.js handlers: `exports.handler` in a CommonJS `.js`, `export const handler` in an `.mjs`.
use lambda_stack::prelude::*;

lambda_stack! {
    stack web {
        region: "us-east-1",

        function legacy {
            runtime: nodejs22.x,
            handler: "index.handler",
            code: "functions/node_cjs",
            triggers: [http(GET "/legacy")],
        }

        function modern {
            runtime: "nodejs24.x",
            handler: "app.handler",
            code: "functions/node_esm",
            triggers: [http(POST "/modern/{id}")],
        }

        // A keyword as a name: `r#static` is the function `static` (AWS name `web-static`).
        function r#static {
            runtime: nodejs24.x,
            handler: "app.handler",
            code: "functions/node_esm",
            triggers: [http(GET "/static/{path+}")],
        }
    }
}

fn main() {
    let out = lambda_stack::synth::synthesize(&web()).expect("the stack synthesizes");
    assert!(out.document.resource("aws_lambda_function", "legacy").is_some());
    assert!(out.document.resource("aws_lambda_function", "modern").is_some());
    assert!(out.document.resource("aws_lambda_function", "static").is_some());
}
