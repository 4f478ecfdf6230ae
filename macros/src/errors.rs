//! Collecting every error of an invocation, to report them together.

use std::fmt::Display;

use proc_macro2::TokenStream;

use crate::span::Range;

/// The errors found so far. Phases add to it; expansion runs only when it is empty.
#[derive(Default)]
pub struct Errors {
    errors: Vec<syn::Error>,
}

impl Errors {
    pub fn new() -> Self {
        Errors::default()
    }

    /// An error at `span` (a token, or a range of tokens).
    pub fn at(&mut self, span: impl Into<Range>, message: impl Display) {
        let range = span.into();
        self.errors.push(syn::Error::new_spanned(range.tokens(), message));
    }

    pub fn push(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    /// Records `result`'s error at `span`, passing its value through.
    pub fn check<T>(&mut self, span: impl Into<Range>, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.at(span, message);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many errors so far: a reader compares it before and after to tell whether it failed.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// All errors as `compile_error!`s, in source order, each once: a stack with stages is
    /// checked once per stage, and what is wrong in every stage is reported once.
    pub fn into_compile_errors(mut self) -> TokenStream {
        self.errors.sort_by_key(|e| {
            let start = e.span().start();
            (start.line, start.column)
        });
        let mut seen = std::collections::BTreeSet::new();
        self.errors.retain(|e| {
            let (start, end) = (e.span().start(), e.span().end());
            seen.insert((start.line, start.column, end.line, end.column, e.to_string()))
        });
        self.errors.into_iter().map(syn::Error::into_compile_error).collect()
    }
}
