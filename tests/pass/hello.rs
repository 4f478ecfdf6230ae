// The stack of DESIGN.md §2, as written there.
use lambda_stack::prelude::*;

lambda_stack! {
    /// The course's first function: Python, behind an HTTP API, reading one bucket.
    stack hello {
        region: "eu-west-3",

        bucket reports {}

        role hello_role {
            managed: [AWSLambdaBasicExecutionRole],
            allow: [s3:GetObject on reports.objects],
        }

        function hello {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "functions/hello",
            memory: 256,
            timeout: 10,
            env: { GREETING: "bonjour", REPORTS_BUCKET: reports.name },
            role: hello_role,
            triggers: [http(GET "/hello")],
        }
    }
}

fn main() {
    let out = lambda_stack::synth::synthesize(&hello()).expect("the stack synthesizes");
    assert!(out.document.resource("aws_lambda_function", "hello").is_some());
    assert!(out.warnings.is_empty());
}
