//! Inside Lambda, the stack binary is the `bootstrap` of its Rust functions: when
//! `AWS_LAMBDA_RUNTIME_API` is set, [`crate::App::run`] serves the function `_HANDLER` names
//! through the `lambda_runtime` crate instead of reading a command line.

use crate::error::{Error, Result};
use crate::stack::Stack;

/// Serves the Rust function `_HANDLER` names when running inside Lambda; `None` otherwise.
pub(crate) fn in_lambda(stacks: &[Stack]) -> Option<Result<()>> {
    std::env::var_os("AWS_LAMBDA_RUNTIME_API")?;
    let handler = std::env::var("_HANDLER").unwrap_or_default();
    Some(serve(stacks, &handler))
}

fn serve(stacks: &[Stack], handler: &str) -> Result<()> {
    let rust_functions = || stacks.iter().flat_map(|s| s.functions.iter()).filter(|f| f.rust.is_some());
    let mut matching = rust_functions().filter(|f| f.name == handler).filter_map(|f| f.rust.as_ref());
    let Some(code) = matching.next() else {
        let mut names: Vec<&str> = rust_functions().map(|f| f.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let message = format!(
            "this binary serves no Rust function of that name; it serves {}",
            if names.is_empty() { "none".to_owned() } else { crate::rules::suggest::one_of(names) }
        );
        return Err(Error::Lambda { handler: handler.to_owned(), message });
    };
    if matching.any(|other| other.type_name != code.type_name) {
        let message = format!("two Rust functions are named `{handler}` in this binary; rename one");
        return Err(Error::Lambda { handler: handler.to_owned(), message });
    }
    (code.serve)().map_err(|e| Error::Lambda { handler: handler.to_owned(), message: e.to_string() })
}
