//! Function URLs: the `auth:` of `url(..)`, and one URL per function.
//!
//! Source, as of 2026-11-25: Lambda API `FunctionUrlAuthType` (`NONE`, `AWS_IAM`).

use super::suggest::{did_you_mean, one_of};

/// The `auth:` words of `url(..)` and their `FunctionUrlAuthType`.
pub const URL_AUTH: &[(&str, &str)] = &[("none", "NONE"), ("iam", "AWS_IAM")];

/// `url(auth: ..)` is `none` or `iam`; returns the API value.
pub fn check_url_auth(auth: &str) -> Result<&'static str, String> {
    if let Some(&(_, api)) = URL_AUTH.iter().find(|&&(word, _)| word == auth) {
        return Ok(api);
    }
    let words = URL_AUTH.iter().map(|&(word, _)| word);
    let hint = match URL_AUTH.iter().find(|&&(_, api)| api.eq_ignore_ascii_case(auth)) {
        Some(&(word, _)) => format!("; write `{word}`"),
        None => did_you_mean(auth, words.clone()),
    };
    Err(format!("unknown url auth `{auth}`; expected {}{hint}", one_of(words)))
}

/// A function has at most one URL.
pub fn check_url_count(function: &str, count: usize) -> Result<(), String> {
    if count <= 1 {
        return Ok(());
    }
    Err(format!("function `{function}` declares `url(..)` {count} times; a function has a single URL"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(check_url_auth("none"), Ok("NONE"));
        assert_eq!(check_url_auth("iam"), Ok("AWS_IAM"));
        assert!(check_url_auth("AWS_IAM").unwrap_err().ends_with("write `iam`"));
        assert!(check_url_auth("nnoe").unwrap_err().ends_with("did you mean `none`?"));
        assert!(check_url_count("api", 1).is_ok());
        assert_eq!(
            check_url_count("api", 2).unwrap_err(),
            "function `api` declares `url(..)` 2 times; a function has a single URL"
        );
    }
}
