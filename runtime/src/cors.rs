//! Which browser origins may call a function URL.

use lambda_stack_core::decl;

/// `cors: { origins, methods, headers, expose, max_age, credentials }` of a function URL
/// ([`crate::Trigger::cors`]). Checked like the macro's: origins are `*` or `https://host[:port]`,
/// `*` cannot go with credentials, methods are HTTP verbs or `*`, `max_age` at most a day.
///
/// ```
/// use lambda_stack_runtime::Cors;
/// let cors = Cors::new().origins(["https://shop.example.com"]).methods(["GET", "POST"]).max_age(300);
/// # let _ = cors;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct Cors(pub(crate) decl::Cors);

fn strings<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Vec<String> {
    items.into_iter().map(Into::into).collect()
}

impl Cors {
    pub fn new() -> Self {
        Cors::default()
    }

    /// The origins browsers may call from: `https://host[:port]`, or `*` for any.
    pub fn origins<S: Into<String>>(mut self, origins: impl IntoIterator<Item = S>) -> Self {
        self.0.origins = strings(origins);
        self
    }

    /// The methods allowed (`GET`, `POST`, ..., or `*`).
    pub fn methods<S: Into<String>>(mut self, methods: impl IntoIterator<Item = S>) -> Self {
        self.0.methods = strings(methods);
        self
    }

    /// The request headers allowed.
    pub fn headers<S: Into<String>>(mut self, headers: impl IntoIterator<Item = S>) -> Self {
        self.0.headers = strings(headers);
        self
    }

    /// The response headers browsers may read.
    pub fn expose<S: Into<String>>(mut self, headers: impl IntoIterator<Item = S>) -> Self {
        self.0.expose = strings(headers);
        self
    }

    /// How long, in seconds, a browser may cache the answer to a preflight request.
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.0.max_age = Some(seconds);
        self
    }

    /// Whether requests may carry credentials (cookies, authorization headers).
    pub fn credentials(mut self, allowed: bool) -> Self {
        self.0.credentials = allowed;
        self
    }
}
