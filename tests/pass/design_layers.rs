// DESIGN §8.3's layer lines as written there: a layer built from a folder for two Python
// versions and both architectures, named by a function in `layers:` beside an ARN.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shelf {
        region: "eu-west-3",
        layer common { code: "layers/common", runtimes: [python3.12, python3.13], arch: [x86_64, arm64] }
        layer vendor { existing: "arn:aws:lambda:eu-west-3:123456789012:layer:vendor:7" }
        function uses_layer {
            runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello", arch: arm64,
            layers: [common, vendor, "arn:aws:lambda:eu-west-3:123456789012:layer:extra:2"],
        }
    }
}

fn main() {
    let stack = shelf();
    assert_eq!(stack.check().problems, Vec::new());
    let template = lambda_stack::testing::Template::synth(&stack).expect("the stack synthesizes");
    let layer = template.resource("aws_lambda_layer_version", "common").expect("the layer version");
    assert_eq!(layer["layer_name"], "shelf-common");
    assert_eq!(layer["compatible_runtimes"], serde_json::json!(["python3.12", "python3.13"]));
    assert_eq!(layer["compatible_architectures"], serde_json::json!(["x86_64", "arm64"]));
    let function = template.resource("aws_lambda_function", "uses_layer").expect("the function");
    assert_eq!(
        function["layers"],
        serde_json::json!([
            "${aws_lambda_layer_version.common.arn}",
            "arn:aws:lambda:eu-west-3:123456789012:layer:vendor:7",
            "arn:aws:lambda:eu-west-3:123456789012:layer:extra:2"
        ])
    );
}
