//! What `lambda_stack!` and the builders share, written once: the declarations a stack is made of
//! ([`decl`]), the keywords of the language ([`keys`]), the tables and predicates of AWS's rules
//! ([`rules`]), the readers of user code ([`scan`]) and the one checker ([`check`]) that both
//! front-ends run. The macro maps each finding's [`check::Location`] to a span, the builders to
//! the source line that declared it.
//!
//! Std only: the proc-macro compiles this crate for the compiler.

pub mod check;
pub mod decl;
pub mod json;
pub mod keys;
pub mod rules;
pub mod scan;
