// `python3.14` and `nodejs24.x` build, with a note; the output's provider floor is the newest
// first-accepting release among the stack's runtimes (6.20.0 for `python3.14`).
use lambda_stack::prelude::*;

lambda_stack! {
    stack modern {
        region: "eu-west-3",

        function report {
            runtime: python3.14,
            handler: "lambda_handler.handler",
            code: "functions/hello",
        }

        function web {
            runtime: nodejs24.x,
            handler: "index.handler",
            code: "functions/node_cjs",
        }
    }
}

fn main() {
    let out = lambda_stack::synth::synthesize(&modern()).expect("the stack synthesizes");
    let version = &out.document.terraform["required_providers"]["aws"]["version"];
    assert_eq!(version, ">= 6.20.0, < 7.0");
    for (runtime, release) in [("python3.14", "6.20.0"), ("nodejs24.x", "6.19.0")] {
        let needle = format!("runtime `{runtime}` needs the `hashicorp/aws` provider {release} or later");
        assert!(out.warnings.iter().any(|w| w.message.contains(&needle)), "{needle}: {:?}", out.warnings);
    }
}
