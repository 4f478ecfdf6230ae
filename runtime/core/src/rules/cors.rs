//! CORS of a function URL (and, later, of the stack's HTTP API): which browser origins may call
//! it, with which methods and headers.
//!
//! Source: the Lambda API reference, `Cors` of `CreateFunctionUrlConfig`
//! (docs.aws.amazon.com/lambda/latest/api/API_Cors.html, as of 2026-12-02): origins, methods and
//! headers are lists, `MaxAge` is 0–86,400 seconds, and the Fetch standard forbids `*` as the
//! allowed origin of a request with credentials, which browsers then refuse.
//!
//! ```
//! use lambda_stack_core::decl::Cors;
//! use lambda_stack_core::rules::cors;
//! let open = Cors { origins: vec!["*".into()], credentials: true, ..Cors::default() };
//! assert!(cors::check_cors(&open)[0].2.contains("`*` with `credentials: true`"));
//! ```

use super::suggest::{did_you_mean, one_of};
use crate::keys::Key;

/// `cors: { origins, methods, headers, expose, max_age, credentials }`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cors {
    pub origins: Vec<String>,
    pub methods: Vec<String>,
    pub headers: Vec<String>,
    pub expose: Vec<String>,
    pub max_age: Option<u64>,
    pub credentials: bool,
}

/// At most this many seconds a browser may cache a preflight answer.
pub const MAX_AGE_SECONDS: u64 = 86_400;
/// The methods a CORS rule may allow: the HTTP verbs, or `*`.
pub const CORS_METHODS: &[&str] = &["*", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

/// What is wrong with a CORS rule: the key, the item's index in that key's list (when the problem
/// is one item), and the message.
pub fn check_cors(cors: &Cors) -> Vec<(Key, Option<usize>, String)> {
    let mut found = Vec::new();
    for (i, origin) in cors.origins.iter().enumerate() {
        if let Err(message) = check_origin(origin) {
            found.push((Key::Origins, Some(i), message));
        }
    }
    if cors.credentials && cors.origins.iter().any(|o| o == "*") {
        found.push((
            Key::Credentials,
            None,
            "`*` with `credentials: true`: browsers refuse credentials from a server that allows every origin; \
             list the origins instead"
                .into(),
        ));
    }
    for (i, method) in cors.methods.iter().enumerate() {
        if !CORS_METHODS.contains(&method.as_str()) {
            let message = format!(
                "unknown method `{method}` in `cors`; expected {}{}",
                one_of(CORS_METHODS.iter()),
                did_you_mean(&method.to_ascii_uppercase(), CORS_METHODS.iter().copied())
            );
            found.push((Key::Methods, Some(i), message));
        }
    }
    for (key, list) in [(Key::Headers, &cors.headers), (Key::Expose, &cors.expose)] {
        for (i, header) in list.iter().enumerate() {
            let token = !header.is_empty()
                && header.bytes().all(|b| b == b'*' || b.is_ascii_alphanumeric() || b"!#$%&'+-.^_`|~".contains(&b));
            if !token {
                found.push((key, Some(i), format!("`{header}` is not an HTTP header name")));
            }
        }
    }
    if let Some(age) = cors.max_age.filter(|&age| age > MAX_AGE_SECONDS) {
        found.push((Key::MaxAge, None, format!("`max_age` is {age} s; at most {MAX_AGE_SECONDS} (a day)")));
    }
    found
}

/// `*`, or `scheme://host[:port]` without a path: what a browser sends as `Origin`.
pub fn check_origin(origin: &str) -> Result<(), String> {
    if origin == "*" {
        return Ok(());
    }
    let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(['/', ' ', '?', '#']) => Ok(()),
        Some(host) if host.ends_with('/') && !host[..host.len() - 1].contains('/') => Err(format!(
            "origin `{origin}` ends with `/`; a browser's `Origin` has no path: `{}`",
            origin.trim_end_matches('/')
        )),
        _ => Err(format!(
            "`{origin}` is not an origin; expected `*` or `https://host[:port]`, such as `https://shop.example.com`"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert!(check_origin("https://shop.example.com").is_ok());
        assert!(check_origin("http://localhost:3000").is_ok());
        assert!(check_origin("https://shop.example.com/").unwrap_err().contains("ends with `/`"));
        assert!(check_origin("shop.example.com").is_err());
    }

    #[test]
    fn rules() {
        let cors = Cors {
            origins: vec!["https://a.example".into()],
            methods: vec!["get".into()],
            headers: vec!["content type".into()],
            max_age: Some(100_000),
            ..Cors::default()
        };
        let found = check_cors(&cors);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].2.contains("did you mean `GET`?"));
    }
}
