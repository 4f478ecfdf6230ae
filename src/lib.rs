//! # lambda-stack
//!
//! Declare AWS Lambda stacks in Rust. `cargo build` checks them (a wrong runtime, a handler that
//! is not in the code, an IAM action that does not exist or does not apply, a memory size Lambda
//! refuses are compile errors on the offending token); `cargo run` writes Terraform JSON and
//! deterministic zip packages into `cdktf.out/`; `terraform apply` deploys.
//!
//! ```ignore
//! // This is `examples/hello/main.rs`: `cargo run --example hello`.
//! use lambda_stack::prelude::*;
//!
//! lambda_stack! {
//!     /// The course's first function: Python, behind an HTTP API, reading one bucket.
//!     stack hello {
//!         region: "eu-west-3",
//!
//!         bucket reports {}
//!
//!         role hello_role {
//!             managed: [AWSLambdaBasicExecutionRole],
//!             allow: [s3:GetObject on reports.objects],
//!         }
//!
//!         function hello {
//!             runtime: python3.12,
//!             handler: "lambda_handler.handler",
//!             code: "functions/hello",
//!             memory: 256,
//!             timeout: 10,
//!             env: { GREETING: "bonjour", REPORTS_BUCKET: reports.name },
//!             role: hello_role,
//!             triggers: [http(GET "/hello")],
//!         }
//!     }
//! }
//!
//! fn main() -> lambda_stack::Result<()> {
//!     lambda_stack::App::new().stack(hello()).run()
//! }
//! ```
//!
//! ## The language
//!
//! Blocks are `kind name { key: value, ... }` inside `stack NAME { ... }`.
//!
//! | block | keys |
//! |---|---|
//! | `stack` | `region` (optional: without it Terraform takes it from `AWS_REGION` or the profile), `tags: { K: "v" }` (the provider's `default_tags`), `backend: local` or `backend: s3 { bucket, key, region, encrypt }`, `assets: BUCKET` (packages over 50 MB go through this bucket of the stack) |
//! | `bucket` | `existing: "name-or-arn"` (otherwise the stack owns it: private, encrypted, versioned) |
//! | `queue` | `existing`, `fifo`, `visibility_timeout` (s), `retention` (s), `dead_letter: QUEUE`, `max_receive` |
//! | `table` | `existing`, `hash_key: "id"`, `range_key: "sk"`, `stream: new_image \| old_image \| new_and_old_images \| keys_only` |
//! | `topic` | `existing`, `fifo` |
//! | `stream` | `existing`, `shards` (Kinesis; on-demand without it) |
//! | `layer` | `code`, `runtimes: [python3.12, ..]` (one language), `arch: [x86_64, arm64]`, `description`, `name`, or `existing: "arn:..:layer:NAME:VERSION"` |
//! | `role` | `managed: [AWSLambdaBasicExecutionRole, "arn:..."]`, `allow: [ACTION on RESOURCE, ...]` |
//! | `function` | `runtime`, `handler`, `code`, `memory` (MB), `timeout` (s), `env`, `role`, `allow`, `arch` (`x86_64`/`arm64`), `ephemeral_storage` (MB), `reserved_concurrency`, `tracing` (`active`/`pass_through`), `layers` (the stack's `layer`s, ARNs, params), `description`, `log_retention` (days), `tags`, `triggers`, `dead_letter: QUEUE_OR_TOPIC`, `exclude` |
//!
//! * `runtime:` takes AWS's identifiers unquoted (`python3.12`, `nodejs22.x`, `provided.al2023`)
//!   or as a string. Deprecated runtimes warn; runtimes AWS no longer accepts are errors.
//! * `code:` is a directory relative to the file holding the macro call, like `include_str!`.
//!   Python handlers (`module.function`) must be a top-level `def function(event, context)` in
//!   `module.py`; Node handlers must be exported from `file.js`/`.mjs`/`.cjs`; `provided.*`
//!   runtimes need an executable `bootstrap`. Editing the handler file re-runs the check.
//! * `env: { KEY: "text", BUCKET: reports.name }`: values are text or references to attributes
//!   (`name`, `arn`) of declarations of the same stack.
//! * IAM statements are `ACTION on RESOURCE` or `[A1, A2] on RESOURCE`. Resources are names of
//!   the stack (the resource itself), sub-resources (`reports.objects`,
//!   `reports.objects("in/*")`) or ARN strings. Each action must exist in AWS's list and apply to
//!   the resource's type. Wildcards need the opt-in `wildcard(s3:Get*) on reports.objects`.
//! * `triggers: [...]`: `http(GET "/items/{id}")` (routes of the stack's one HTTP API),
//!   `s3(uploads, on: created, prefix: "in/", suffix: ".csv")`, `sqs(jobs, batch_size: 10, window: 5)`,
//!   `dynamodb(orders, start: latest)`, `kinesis(clicks, start: trim_horizon)`, `sns(alerts)`,
//!   `schedule("rate(5 minutes)")`, `url(auth: iam)`. Each brings its permissions: a resource
//!   policy scoped to its source for push triggers, the read actions on the function's role for
//!   poll triggers. A function without triggers is invoked by hand.
//! * A function without `role:` gets its own role with `AWSLambdaBasicExecutionRole` and its
//!   `allow` statements; a named role is for sharing one role between functions.
//!
//! ## Rust functions (the `rust` feature)
//!
//! ```ignore
//! use lambda_stack::prelude::*;
//! use lambda_stack::events::apigw::{ApiGatewayV2httpRequest, ApiGatewayV2httpResponse};
//!
//! #[function(memory = 128, timeout = 5)]
//! async fn get_order(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
//!     Ok(ApiGatewayV2httpResponse::default())
//! }
//!
//! lambda_stack! {
//!     stack orders {
//!         function get_order { triggers: [http(GET "/orders/{id}")] }
//!     }
//! }
//! ```
//!
//! `#[function]` checks the signature and takes the function keys but `runtime`, `handler`, `code`
//! and `exclude`; a `function` block with none of `runtime`, `handler` and `code` binds the
//! `#[function]` of its name (a key set in both places is an error). The event type must be one
//! the triggers send (see [`events`]). It deploys as `provided.al2023`: synth builds this binary in
//! release for the function's architecture and zips it as `bootstrap`, and inside Lambda
//! [`App::run`] serves the function named by `_HANDLER`. See `examples/orders` and the README.
//!
//! The same rules run again when a stack built by hand with [`Stack`], [`Function`] and the other
//! builders is synthesized.

pub use lambda_stack_macros::{function, lambda_stack};
pub use lambda_stack_runtime::{
    cli, local, migrate, output, package, rules, scan, synth, terraform, testing, Api, App, Arch, Auth, Backend,
    Bucket, Build, Bundle, Bus, Cors, EnvValue, Error, EventTrigger, Findings, Function, KmsKey, Layer, Logs,
    ManagedPolicy, Origin, Param, Problem, Queue, Recursion, Ref, Resource, RestApi, Result, Role, S3Trigger, Secret,
    SqsTrigger, SsmParameter, Stack, Statement, Stream, StreamTrigger, Table, Topic, Tracing, Trigger, Vpc,
};

/// The events triggers send to Rust functions ([`aws_lambda_events`](https://docs.rs/aws_lambda_events)'
/// types by module: `apigw`, `sqs`, `s3`, ...), and the traits saying which trigger sends which
/// (`FromHttp`, `FromSqs`, ...). Needs the `rust` feature.
#[cfg(feature = "rust")]
pub mod events {
    pub use lambda_stack_runtime::rust::events::*;
}

/// Rust functions: what `#[function]` generates and `lambda_stack!` binds, the Lambda runtime
/// types, and the `bootstrap` build. Needs the `rust` feature.
#[cfg(feature = "rust")]
pub mod rust {
    /// The `bootstrap` build (`lambda_stack_runtime::rust::bootstrap`), under its old name.
    pub use lambda_stack_runtime::rust::bootstrap as build;
    pub use lambda_stack_runtime::rust::{Binary, Context, Diagnostic, Error, LambdaEvent, RustFunction};
}

/// `use lambda_stack::prelude::*;` brings the macros and the app into scope, and with the `rust`
/// feature what a `#[function]`'s signature names: `LambdaEvent`, `Context` and `Error` (the
/// Lambda runtime's boxed error).
pub mod prelude {
    pub use crate::{function, lambda_stack, App};
    #[cfg(feature = "rust")]
    pub use lambda_stack_runtime::rust::{Context, Error, LambdaEvent};
}

#[doc(hidden)]
pub mod __private {
    pub use lambda_stack_runtime::__private::*;
}

/// What `#[function]` wraps its generated items in: they need the `rust` feature.
#[cfg(feature = "rust")]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_rust_feature {
    ($($item:item)*) => { $($item)* };
}

/// What `#[function]` wraps its generated items in: they need the `rust` feature.
#[cfg(not(feature = "rust"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __with_rust_feature {
    ($($item:item)*) => {
        ::core::compile_error!(
            "`#[function]` needs the `rust` feature of lambda-stack: `lambda-stack = { version = \"0.1\", features = [\"rust\"] }` in Cargo.toml"
        );
    };
}
