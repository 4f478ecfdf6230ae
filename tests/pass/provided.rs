// An OS-only runtime with an executable `bootstrap` in its code directory.
use lambda_stack::prelude::*;

lambda_stack! {
    stack native {
        region: "eu-central-1",

        function resize {
            runtime: provided.al2023,
            handler: "resize",
            code: "functions/bootstrap",
            arch: arm64,
        }
    }
}

fn main() {
    let out = lambda_stack::synth::synthesize(&native()).expect("the stack synthesizes");
    assert!(out.document.resource("aws_lambda_function", "resize").is_some());
}
