#!/usr/bin/env bash
# rust_vs_cargo_lambda.sh — the Rust edit loop against cargo-lambda's, side by side in one run.
#
# Two generated projects under target/bench/ (never in the repository tree), each with its own
# target directory, hold the same three functions (the `orders` example's get_order, create_order
# and fulfil, the same handler code and the same lambda_runtime and aws_lambda_events releases):
#   * rust-fns: a user's crate depending on lambda-stack by path (features = ["rust"]), the
#     functions as `#[function]`s of one `lambda_stack!` stack, two of them on x86_64 and one on
#     arm64; `cargo run --quiet -- --out DIR` (the default debug profile, as a user runs it)
#     synthesizes, which builds the stack binary in release for both architectures and zips it;
#   * cl-fns: the same handlers as three binaries of a plain lambda_runtime crate, built by
#     cargo-lambda (PyPI's `cargo-lambda`, with `ziglang` as its cross linker, both installed into
#     target/bench/cargo-lambda) with `cargo lambda build --release --x86-64` then `--arm64`.
# After one warm-up build of each, every round edits one handler's text in both projects (the
# same edit) and times each tool's rebuild for both architectures; the order alternates. A
# benchmark, not a test: it prints figures and asserts nothing. Needs scripts/install-cross.sh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bench="$root/target/bench"
rounds=${ROUNDS:-3}
mkdir -p "$bench"

tools="$bench/cargo-lambda"
if [ ! -x "$tools/bin/cargo-lambda" ]; then
  python3 -m pip install -q --disable-pip-version-check --target "$tools" 'cargo-lambda==1.9.2' 'ziglang==0.17.1'
fi
export PATH="$tools/bin:$PATH"
export PYTHONPATH="$tools${PYTHONPATH:+:$PYTHONPATH}"

handlers() { # $1: the crate paths of the events
  cat <<EOF
use $1::apigw::{ApiGatewayV2httpRequest, ApiGatewayV2httpResponse};
use $1::encodings::Body;
use $1::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
use serde_json::{json, Value};

pub async fn get_order_handler(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    let Some(id) = event.payload.path_parameters.get("id") else {
        return Ok(respond(400, json!({ "error": "the path has no order id" })));
    };
    Ok(respond(200, json!({ "id": id, "status": "received", "request": event.context.request_id })))
}

pub async fn create_order_handler(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    let body = event.payload.body.unwrap_or_default();
    let order: Value = match serde_json::from_str(&body) {
        Ok(order) => order,
        Err(error) => return Ok(respond(400, json!({ "error": format!("the body is not JSON: {error}") }))),
    };
    match (order["item"].as_str(), order["quantity"].as_u64()) {
        (Some(item), Some(quantity)) if quantity > 0 => {
            let id = format!("{}-{quantity}", item.to_lowercase().replace(' ', "-"));
            Ok(respond(201, json!({ "id": id, "item": item, "quantity": quantity })))
        }
        _ => Err(format!("an order needs an item and a positive quantity, got {order}").into()),
    }
}

pub async fn fulfil_handler(event: LambdaEvent<SqsEvent>) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    for message in event.payload.records {
        let order: Option<Value> = message.body.as_deref().and_then(|body| serde_json::from_str(body).ok());
        if order.as_ref().and_then(|o| o["item"].as_str()).is_none() {
            let mut failure = BatchItemFailure::default();
            failure.item_identifier = message.message_id.unwrap_or_default();
            response.batch_item_failures.push(failure);
        }
    }
    Ok(response)
}

fn respond(status: i64, body: Value) -> ApiGatewayV2httpResponse {
    let mut response = ApiGatewayV2httpResponse::default();
    response.status_code = status;
    response.headers.insert("content-type", "application/json".parse().expect("a header value"));
    response.body = Some(Body::Text(body.to_string()));
    response
}
EOF
}

ours="$bench/rust-fns"
mkdir -p "$ours/src"
cat > "$ours/Cargo.toml" <<EOF
[package]
name = "rust-fns"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
lambda-stack = { path = "$root", features = ["rust"] }
serde_json = "1"

[workspace]
EOF
{
  echo "use lambda_stack::prelude::*;"
  handlers "lambda_stack::events"
  cat <<'EOF'

#[function(memory = 128, timeout = 5)]
pub async fn get_order(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    get_order_handler(event).await
}

#[function(memory = 256, timeout = 10)]
pub async fn create_order(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    create_order_handler(event).await
}

#[function(arch = arm64, timeout = 30, triggers = [sqs(fulfilment, batch_size: 10, report_failures: true)])]
pub async fn fulfil(event: LambdaEvent<SqsEvent>) -> Result<SqsBatchResponse, Error> {
    fulfil_handler(event).await
}

lambda_stack! {
    stack orders {
        queue fulfilment { visibility_timeout: 60 }
        function get_order { triggers: [http(GET "/orders/{id}")] }
        function create_order { triggers: [http(POST "/orders")] }
        function fulfil {}
    }
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(orders()).run()
}
EOF
} > "$ours/src/main.rs"

theirs="$bench/cl-fns"
mkdir -p "$theirs/src/bin"
cat > "$theirs/Cargo.toml" <<'EOF'
[package]
name = "cl-fns"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
lambda_runtime = { version = "=1.5.0", default-features = false }
aws_lambda_events = { version = "=1.2.1", default-features = false, features = ["apigw", "sqs"] }
tokio = { version = "1.54", features = ["macros", "rt-multi-thread"] }
serde_json = "1"

[profile.release]
strip = "symbols"

[workspace]
EOF
{
  echo "use lambda_runtime::{Error, LambdaEvent};"
  handlers "aws_lambda_events"
} > "$theirs/src/lib.rs"
for function in get_order create_order fulfil; do
  cat > "$theirs/src/bin/$function.rs" <<EOF
#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::run(lambda_runtime::service_fn(cl_fns::${function}_handler)).await
}
EOF
done

ours_build() { (cd "$ours" && cargo run --quiet -- --out "$bench/rust-fns-out" > /dev/null 2>&1); }
theirs_build() {
  (cd "$theirs" && cargo lambda build --quiet --release --x86-64 > /dev/null 2>&1 \
    && cargo lambda build --quiet --release --arm64 > /dev/null 2>&1)
}
seconds() { local start; start=$(date +%s.%N); "$@"; python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$(date +%s.%N)"; }

echo "warm-up (first builds of both; not timed)" >&2
ours_build
theirs_build

edit() { # $1: round
  sed -i -E "s/\"status\": \"received[^\"]*\"/\"status\": \"received-$1\"/" "$ours/src/main.rs" "$theirs/src/lib.rs"
}
printf '%-6s %28s %34s\n' round "lambda-stack synth (2 archs)" "cargo lambda build (2 archs)"
for round in $(seq 1 "$rounds"); do
  edit "$round"
  if [ $((round % 2)) -eq 1 ]; then
    a=$(seconds ours_build); b=$(seconds theirs_build)
  else
    b=$(seconds theirs_build); a=$(seconds ours_build)
  fi
  printf '%-6s %27.1fs %33.1fs\n' "$round" "$a" "$b"
done
ls -l "$theirs"/target/lambda/*/bootstrap 2>/dev/null | awk '{print "cargo-lambda bootstrap:", $5, "bytes", $9}' || true
