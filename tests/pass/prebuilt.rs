// Prebuilt zips as code: a Python handler and an OS-only `bootstrap`, both checked inside their
// zips (made by scripts/make-prebuilt-zips.py) and deployed byte for byte.
use lambda_stack::prelude::*;

lambda_stack! {
    stack prebuilt {
        region: "eu-west-3",

        function api {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/prebuilt/python.zip",
        }
        function native {
            runtime: provided.al2023,
            handler: "bootstrap",
            code: "functions/prebuilt/provided.zip",
        }
    }
}

fn main() {
    let out = lambda_stack::synth::synthesize(&prebuilt()).expect("the stack synthesizes");
    let asset = out.assets.iter().find(|asset| asset.function == "api").unwrap();
    // `app.py` and `lib/helpers.py`: the zip's directory entry `lib/` is not a file.
    assert_eq!(asset.package.files, 2);
    assert!(asset.package.bytes.starts_with(b"PK\x03\x04"), "the package is the zip itself");
}
