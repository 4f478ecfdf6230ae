//! Spans: a value with the tokens it came from.

use std::ops::Deref;

use proc_macro2::{Span, TokenStream};
use quote::TokenStreamExt;

/// From the first to the last token of something written over several tokens (`python3.12`,
/// `s3:GetObject`). Stable Rust cannot join spans, but an error given both ends underlines the
/// whole range.
#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub start: Span,
    pub end: Span,
}

impl Range {
    pub fn new(start: Span, end: Span) -> Self {
        Range { start, end }
    }

    /// Two tokens carrying the ends, for `syn::Error::new_spanned`.
    pub fn tokens(self) -> TokenStream {
        let mut tokens = TokenStream::new();
        tokens.append(proc_macro2::Ident::new("start", self.start));
        tokens.append(proc_macro2::Ident::new("end", self.end));
        tokens
    }
}

impl From<Span> for Range {
    fn from(span: Span) -> Self {
        Range { start: span, end: span }
    }
}

/// A value and where it was written, so later phases can point at it.
#[derive(Debug, Clone)]
pub struct Sp<T> {
    pub value: T,
    pub span: Range,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: impl Into<Range>) -> Self {
        Sp { value, span: span.into() }
    }
}

impl<T> Deref for Sp<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}
