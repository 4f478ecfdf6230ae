//! Function environment variables.
//!
//! Sources (2026-11-25): the Lambda developer guide, "Defined runtime environment variables"
//! (docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html), which lists the reserved
//! keys; the API's `EnvironmentVariableName` pattern `[a-zA-Z]([a-zA-Z0-9_])+`; and the 4 KB
//! aggregate quota on the quotas page.
//!
//! ```
//! use lambda_stack_core::rules::env;
//! assert!(env::check_key("GREETING").is_ok());
//! assert!(env::check_key("AWS_REGION").is_err());
//! ```

use super::limits::MAX_ENV_BYTES;

/// Keys Lambda sets itself and refuses in a function's configuration.
pub const RESERVED_KEYS: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_DEFAULT_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_LAMBDA_RUNTIME_API",
    "AWS_REGION",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "LAMBDA_RUNTIME_DIR",
    "LAMBDA_TASK_ROOT",
    "TZ",
];

/// Variables Lambda sets in every execution environment that are not reserved (the user may
/// override them): the developer guide's "unreserved" list, and X-Ray's daemon variables.
pub const SET_BY_LAMBDA: &[&str] = &[
    "_AWS_XRAY_DAEMON_ADDRESS",
    "_AWS_XRAY_DAEMON_PORT",
    "AWS_XRAY_CONTEXT_MISSING",
    "AWS_XRAY_DAEMON_ADDRESS",
    "LANG",
    "LD_LIBRARY_PATH",
    "NODE_PATH",
    "PATH",
    "PYTHONPATH",
];

/// Whether Lambda itself sets `name` in the function's environment: the reserved keys, the
/// unreserved ones it sets, and its own `AWS_LAMBDA_` namespace.
pub fn set_by_lambda(name: &str) -> bool {
    RESERVED_KEYS.contains(&name) || SET_BY_LAMBDA.contains(&name) || name.starts_with("AWS_LAMBDA_")
}

/// A handler module's read of `name` with no default (in `file`, on `line`) is of a variable
/// that `env:` (`declared`) or Lambda sets; otherwise the function fails at its first
/// invocation, and the error offers the closest declared name.
///
/// ```
/// use lambda_stack_core::rules::{env, runtimes::Family};
/// assert!(env::check_read(Family::Python, "app.py", 3, "TABLE", &["TABLE"]).is_ok());
/// assert!(env::check_read(Family::Python, "app.py", 3, "AWS_REGION", &[]).is_ok());
/// assert_eq!(
///     env::check_read(Family::Python, "app.py", 3, "TABEL", &["TABLE"]).unwrap_err(),
///     "`app.py` reads environment variable `TABEL` on line 3 with no default, and neither `env:` \
///      nor Lambda sets it; did you mean `TABLE`?"
/// );
/// ```
pub fn check_read(
    family: super::runtimes::Family,
    file: &str,
    line: usize,
    name: &str,
    declared: &[&str],
) -> Result<(), String> {
    if declared.contains(&name) || set_by_lambda(name) {
        return Ok(());
    }
    let head = format!(
        "`{file}` reads environment variable `{name}` on line {line} with no default, and neither `env:` nor \
         Lambda sets it"
    );
    let known = declared.iter().chain(RESERVED_KEYS).chain(SET_BY_LAMBDA).copied();
    let suggestion = super::suggest::did_you_mean(name, known);
    if !suggestion.is_empty() {
        return Err(format!("{head}{suggestion}"));
    }
    let default = match family {
        super::runtimes::Family::Node => format!("`process.env.{name} ?? \"..\"`"),
        _ => format!("`os.environ.get(\"{name}\", \"..\")`"),
    };
    Err(format!("{head}; set it in the function's `env:`, or read it with a default ({default})"))
}

/// A key starts with a letter, has at least two characters of letters, digits and `_`, and is not
/// one Lambda reserves (nor anything under `AWS_LAMBDA_`).
pub fn check_key(key: &str) -> Result<(), String> {
    if RESERVED_KEYS.contains(&key) || key.starts_with("AWS_LAMBDA_") {
        return Err(format!("environment variable `{key}` is reserved: Lambda sets it itself"));
    }
    let rule = "it must start with a letter and have at least two letters, digits or `_`";
    match key.chars().next() {
        None => return Err(format!("environment variable name is empty; {rule}")),
        Some(first) if !first.is_ascii_alphabetic() => {
            return Err(format!("environment variable name `{key}` starts with {}; {rule}", describe_char(first)))
        }
        Some(_) => {}
    }
    if let Some(bad) = key.chars().find(|&c| !(c.is_ascii_alphanumeric() || c == '_')) {
        return Err(format!("environment variable name `{key}` contains {}; {rule}", describe_char(bad)));
    }
    if key.len() < 2 {
        return Err(format!("environment variable name `{key}` is one character; {rule}"));
    }
    Ok(())
}

/// A character as a message names it: a space or a non-ASCII letter is hard to see in the key
/// itself, so it gets its code point too.
fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        c if c.is_ascii_graphic() => format!("`{c}`"),
        c if c.is_whitespace() || c.is_control() => format!("the invisible character U+{:04X}", c as u32),
        c => format!("`{c}` (U+{:04X}, not ASCII)", c as u32),
    }
}

/// The variables, written as Lambda counts them (`{"K":"V",...}` in UTF-8), fit in 4 KB.
///
/// Each item is a key and the length of its value in bytes; for a value only known at deploy time
/// (a bucket's generated name) pass the longest it can be.
pub fn check_total_size<'a, I>(vars: I) -> Result<(), String>
where
    I: IntoIterator<Item = (&'a str, usize)>,
{
    let mut bytes = 2; // {}
    for (index, (key, value_len)) in vars.into_iter().enumerate() {
        // "key":"value" plus a comma between pairs.
        bytes += key.len() + value_len + 5 + usize::from(index > 0);
    }
    if bytes <= MAX_ENV_BYTES {
        Ok(())
    } else {
        Err(format!(
            "environment variables take up to {bytes} bytes, above Lambda's limit of {MAX_ENV_BYTES} bytes for all of a function's variables"
        ))
    }
}

/// How many bytes a literal value takes once JSON-escaped, as Lambda measures it.
pub fn json_len(value: &str) -> usize {
    value
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
            c if (c as u32) < 0x20 => 6,
            c => c.len_utf8(),
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_format() {
        assert!(check_key("A1").is_ok());
        assert!(check_key("A").is_err());
        assert!(check_key("1A").is_err());
        assert!(check_key("_X").is_err());
        assert!(check_key("MY-KEY").unwrap_err().contains("contains `-`"));
        assert!(check_key("MY KEY").unwrap_err().contains("contains a space"));
        assert!(check_key("CAFÉ").unwrap_err().contains("`É` (U+00C9, not ASCII)"));
        assert!(check_key("1A").unwrap_err().contains("starts with `1`"));
        assert!(check_key("AWS_LAMBDA_ANYTHING").is_err());
        assert!(check_key("LAMBDA_TASK_ROOT").is_err());
    }

    #[test]
    fn size_counts_json() {
        assert!(check_total_size([("K", 4_000)]).is_ok());
        assert!(check_total_size([("K", 4_088)]).is_ok()); // {"K":"…"} is 4096 bytes
        assert!(check_total_size([("K", 4_089)]).is_err());
        assert_eq!(json_len("a\"b"), 4);
    }
}
