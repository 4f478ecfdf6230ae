// A deprecated runtime (`python3.10`, deprecated on 2026-10-31, creation blocked from 2027-02-01)
// still builds: it is a warning, not an error. (`tests/ui.rs` pins the date.)
use lambda_stack::prelude::*;

lambda_stack! {
    stack legacy {
        region: "eu-west-3",

        function report {
            runtime: python3.10,
            handler: "lambda_handler.handler",
            code: "functions/hello",
        }
    }
}

fn main() {
    let out = lambda_stack::synth::synthesize(&legacy()).expect("the stack synthesizes");
    assert!(out.document.resource("aws_lambda_function", "report").is_some());
    assert!(out.warnings.iter().any(|w| w.message.contains("`python3.10` is deprecated")), "{:?}", out.warnings);
}
