//! What a stack binding a `#[function]` checks at compile time. The attribute and the stack are
//! two macro calls that cannot see each other; the stack's expansion evaluates these checks as
//! `const`s against what the attribute's expansion declared (its keys, references, timeout), so
//! each fails the build on the binding's token. This decides which checks apply and their
//! messages; the expansion only emits them.

use lambda_stack_core::decl;
use lambda_stack_core::keys::Key;
use lambda_stack_core::rules::{self, resources::Kind};
use proc_macro2::Span;

use crate::model::{Function, Stack};

/// The checks of one function binding a `#[function]`.
pub struct Binding {
    /// The function's index among the stack's functions.
    pub function: usize,
    /// Keys the block sets: each must not be set by the attribute too.
    pub keys: Vec<(Key, Span, String)>,
    /// Every declaration of the stack, for the attribute's references to resolve against.
    pub declared: Vec<(String, Kind)>,
    /// The stack's queues the function may read, against the function's timeout.
    pub visibility: Vec<VisibilityCheck>,
}

/// A queue's visibility timeout against the function's timeout, when the attribute decides one
/// side: the queue is read by the attribute's `sqs(..)` trigger, or the timeout is the attribute's.
pub struct VisibilityCheck {
    pub queue: String,
    pub visibility: u64,
    /// The block's own `timeout`, which wins over the attribute's.
    pub block_timeout: Option<u64>,
    /// Whether the block's own triggers read the queue (else only the attribute's may).
    pub from_block: bool,
    pub message: String,
}

/// The binding checks of every function of `stack` that binds a `#[function]`.
pub fn bindings(stack: &Stack, lowered: &decl::Stack) -> Vec<Binding> {
    let declared: Vec<(String, Kind)> = lowered.declarations().map(|(_, name, kind)| (name.to_owned(), kind)).collect();
    stack
        .functions
        .iter()
        .zip(&lowered.functions)
        .enumerate()
        .filter(|(_, (function, _))| function.binds_rust())
        .map(|(i, (function, lowered_fn))| Binding {
            function: i,
            keys: keys_once(function),
            declared: declared.clone(),
            visibility: visibility(lowered, lowered_fn),
        })
        .collect()
}

/// A key is set in the attribute or in the block, not both.
fn keys_once(function: &Function) -> Vec<(Key, Span, String)> {
    let name = crate::check::text(&function.name);
    function
        .key_spans
        .iter()
        .map(|&(key, span)| {
            let message = format!(
                "function `{name}` sets `{key}` both in its `#[function(...)]` attribute and in `lambda_stack!`; keep one"
            );
            (key, span, message)
        })
        .collect()
}

/// The queues whose visibility timeout the function's timeout must stay within. When both the
/// trigger and the timeout are the block's, the stack's own checker has already applied the rule.
fn visibility(stack: &decl::Stack, function: &decl::Function) -> Vec<VisibilityCheck> {
    let block_queues: Vec<&str> = function.sqs_queues().collect();
    stack
        .queues
        .iter()
        .filter_map(|queue| {
            let visibility = queue.visibility_seconds()?;
            let from_block = block_queues.contains(&queue.name.as_str());
            if from_block && function.timeout.is_some() {
                return None;
            }
            Some(VisibilityCheck {
                queue: queue.name.clone(),
                visibility,
                block_timeout: function.timeout,
                from_block,
                message: rules::sqs::binding_visibility_message(&function.name, &queue.name, visibility),
            })
        })
        .collect()
}
