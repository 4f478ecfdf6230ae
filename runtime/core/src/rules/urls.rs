//! Function URLs: the `auth:` of `url(..)`, and one URL per function.
//!
//! Source, as of 2026-11-25: Lambda API `FunctionUrlAuthType` (`NONE`, `AWS_IAM`).

use super::suggest::{did_you_mean, one_of};

/// Who may call a function URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UrlAuth {
    /// Anyone: the URL is public.
    None,
    /// Callers that sign with SigV4 and hold `lambda:InvokeFunctionUrl` (the default: a URL is
    /// public only when it says so).
    #[default]
    Iam,
}

impl UrlAuth {
    /// The words `auth:` takes and their `FunctionUrlAuthType`.
    pub const WORDS: &[(&str, &str, UrlAuth)] = &[("none", "NONE", UrlAuth::None), ("iam", "AWS_IAM", UrlAuth::Iam)];

    pub fn parse(word: &str) -> Result<UrlAuth, String> {
        if let Some(&(_, _, auth)) = Self::WORDS.iter().find(|&&(w, _, _)| w == word) {
            return Ok(auth);
        }
        let words = Self::WORDS.iter().map(|&(w, _, _)| w);
        let hint = match Self::WORDS.iter().find(|&&(_, api, _)| api.eq_ignore_ascii_case(word)) {
            Some(&(w, _, _)) => format!("; write `{w}`"),
            None => did_you_mean(word, words.clone()),
        };
        Err(format!("unknown url auth `{word}`; expected {}{hint}", one_of(words)))
    }

    /// The word `auth:` takes for it.
    pub fn word(self) -> &'static str {
        Self::WORDS.iter().find(|&&(_, _, a)| a == self).map_or("iam", |&(word, _, _)| word)
    }

    /// The `FunctionUrlAuthType`.
    pub fn api(self) -> &'static str {
        Self::WORDS.iter().find(|&&(_, _, a)| a == self).map_or("AWS_IAM", |&(_, api, _)| api)
    }
}

/// A function has at most one URL.
pub fn check_url_count(function: &str, count: usize) -> Result<(), String> {
    if count <= 1 {
        return Ok(());
    }
    Err(format!("function `{function}` declares `url(..)` {count} times; a function has a single URL"))
}

/// Lambda streams responses (`stream: true`, invoke mode `RESPONSE_STREAM`) from Node.js managed
/// runtimes and OS-only (custom) runtimes; the other managed runtimes answer in one piece
/// ("Response streaming for Lambda functions", Lambda developer guide, as of 2026-12-02).
pub fn check_stream(family: Option<super::runtimes::Family>, rust: bool) -> Result<(), String> {
    use super::runtimes::Family;
    match family {
        _ if rust => Ok(()),
        None | Some(Family::Node | Family::Provided) => Ok(()),
        Some(other) => Err(format!(
            "`stream: true` needs a runtime that streams responses: Lambda streams from Node.js and OS-only \
             (`provided.al2023`) runtimes, not {}",
            other.name()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(UrlAuth::parse("none").map(UrlAuth::api), Ok("NONE"));
        assert_eq!(UrlAuth::parse("iam").map(UrlAuth::api), Ok("AWS_IAM"));
        assert_eq!(UrlAuth::default(), UrlAuth::Iam);
        assert!(UrlAuth::parse("AWS_IAM").unwrap_err().ends_with("write `iam`"));
        assert!(UrlAuth::parse("nnoe").unwrap_err().ends_with("did you mean `none`?"));
        assert!(check_url_count("api", 1).is_ok());
        assert_eq!(
            check_url_count("api", 2).unwrap_err(),
            "function `api` declares `url(..)` 2 times; a function has a single URL"
        );
    }
}
