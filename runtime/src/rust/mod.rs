//! Lambda functions written in Rust, in the same crate as their stack.
//!
//! `#[function]` leaves the `async fn` as it is and adds a hidden type of the same name (in the
//! type namespace, beside the function in the value namespace) implementing [`RustFunction`]: the
//! attribute's keys, the event type, and how to serve the function. A `function NAME { .. }`
//! without `runtime`, `handler` and `code` in `lambda_stack!` binds it with [`Function::rust`]:
//!
//! ```ignore
//! #[function(memory = 128, timeout = 5)]
//! async fn get_order(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> { .. }
//!
//! // what `function get_order { triggers: [http(GET "/orders/{id}")] }` expands to:
//! Function::new("get_order").rust::<get_order>(Binary::new(env!("CARGO_MANIFEST_DIR"), ..))
//!     .trigger(Trigger::http("GET", "/orders/{id}"))
//! ```
//!
//! The function deploys as `provided.al2023` with its own name as handler; the stack binary, built
//! for the function's architecture, is its `bootstrap`, and inside Lambda [`crate::App::run`]
//! serves the function `_HANDLER` names.
//!
//! Everything about Rust functions lives here: [`RustFunction`] and [`Binary`] (this file), the
//! event types triggers send ([`events`]), the checks a binding runs at compile time
//! (`compile_checks`), building the `bootstrap` at synth ([`bootstrap`]), and serving the function
//! inside Lambda (`serve`).

pub mod bootstrap;
mod compile_checks;
mod detail;
pub mod events;
pub(crate) mod serve;

use crate::function::Function;
use crate::rules::resources::Kind;

pub use compile_checks::{check_key_once, check_references, check_visibility};
pub use detail::detail_fields;
pub use lambda_runtime::{self, service_fn, Context, Diagnostic, Error, LambdaEvent};

/// What `#[function]` generates for an `async fn`; [`Function::rust`] reads it.
///
/// Implemented by the hidden type `#[function]` puts beside the function. The associated items are
/// what the stack needs to know at compile time (the keys the attribute set, the declarations it
/// refers to) and at synth and in Lambda (the builder calls, the handler).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `#[function]`",
    label = "a `function` without `runtime`, `handler` and `code` binds the `#[function]` of this name",
    note = "write `#[function] async fn NAME(event: LambdaEvent<E>) -> Result<R, Error>` in scope, or give the function `runtime`, `handler` and `code`"
)]
pub trait RustFunction {
    /// The function's name, which is its handler.
    const NAME: &'static str;
    /// The keys `#[function(...)]` sets; a `function` block binding it may not set them again.
    const KEYS: &'static [&'static str];
    /// The declarations `#[function(...)]` names (trigger sources, IAM resources, environment
    /// references), for the stack that binds it to check.
    const REFERENCES: &'static [Reference];
    /// `timeout` from the attribute, for the queues of the stack to check against.
    const TIMEOUT: Option<u64>;
    /// The queues the attribute's `sqs(..)` triggers read.
    const SQS_QUEUES: &'static [&'static str];
    /// The payload of `LambdaEvent<Event>`.
    type Event;
    /// Applies the attribute's keys to the function's builder.
    fn configure(function: Function) -> Function;
    /// The name and JSON field names of its event's `detail` type, for an `EventBridgeEvent<T>`
    /// ([`detail_fields`]): what `event(..)` patterns on `detail` may name. `None` when any may be.
    fn detail_fields() -> Option<(&'static str, Vec<&'static str>)> {
        None
    }
    /// Runs the Lambda runtime client with this function as handler, until the environment ends.
    fn serve() -> Result<(), Error>;
}

/// A declaration `#[function(...)]` names, and the kinds it may be.
#[derive(Debug, Clone, Copy)]
pub struct Reference {
    pub name: &'static str,
    pub kinds: &'static [Kind],
    /// When the stack declares no such name.
    pub missing: &'static str,
    /// When the stack declares it with a kind not in `kinds`.
    pub wrong_kind: &'static str,
}

pub use crate::function::{Binary, RustCode};

impl Function {
    /// Makes this a Rust function: `F` is what `#[function]` generated for an `async fn` of the
    /// same name, and `binary` the stack binary that serves it (see [`Binary`]). It deploys as
    /// `provided.al2023`, with its name as handler and the attribute's keys applied; keys set after
    /// this call override the attribute's (`lambda_stack!` refuses a key set in both places).
    pub fn rust<F: RustFunction>(self, binary: Binary) -> Self {
        let mut function = F::configure(self.runtime(crate::rules::rust::RUNTIME).handler(F::NAME));
        function.rust = Some(RustCode {
            binary,
            type_name: std::any::type_name::<F>(),
            serve: F::serve,
            detail_fields: F::detail_fields,
        });
        function
    }
}

/// Runs `future` (the Lambda runtime client) on a multi-threaded tokio runtime, as `#[tokio::main]`
/// would.
pub fn block_on<T>(future: impl std::future::Future<Output = Result<T, Error>>) -> Result<T, Error> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(future)
}
