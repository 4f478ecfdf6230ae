//! Names: the ones users write, and the AWS names lambda-stack derives from them.
//!
//! A declaration's name is a Rust identifier; it becomes the Terraform resource name as it is, and
//! AWS names are derived from it with the stack's name in front (`hello` in stack `shop` is the
//! function `shop-hello`), so two stacks in one account do not collide. Rules are the API models'
//! (botocore 1.44.8) and the S3 bucket naming rules page
//! (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), as of 2026-11-25.
//!
//! ```
//! use lambda_stack_runtime::rules::names;
//! assert_eq!(names::function_name("shop", "hello"), "shop-hello");
//! assert!(names::check_function_name("shop", "hello").is_ok());
//! ```

/// Lambda function names: `[a-zA-Z0-9_-]{1,64}`.
pub const MAX_FUNCTION_NAME: usize = 64;
/// IAM role names: `[\w+=,.@-]{1,64}`.
pub const MAX_ROLE_NAME: usize = 64;
/// IAM policy names: `[\w+=,.@-]{1,128}`.
pub const MAX_POLICY_NAME: usize = 128;
/// S3 bucket names: 3 to 63 characters.
pub const BUCKET_NAME_CHARS: std::ops::RangeInclusive<usize> = 3..=63;
/// Terraform's `bucket_prefix` (it appends 26 characters of its own).
pub const MAX_BUCKET_PREFIX: usize = 37;
/// HTTP API names (API Gateway `CreateApi`): 1 to 128 characters.
pub const MAX_API_NAME: usize = 128;

/// The Lambda function name of `function` in `stack`.
pub fn function_name(stack: &str, function: &str) -> String {
    format!("{stack}-{function}")
}

/// The IAM role name of role (or function) `name` in `stack`.
pub fn role_name(stack: &str, name: &str) -> String {
    format!("{stack}-{name}")
}

/// The log group Lambda writes `function_name`'s logs to.
pub fn log_group_name(function_name: &str) -> String {
    format!("/aws/lambda/{function_name}")
}

/// The `bucket_prefix` of an owned bucket: bucket names are global, so Terraform appends a unique
/// suffix; S3 allows only lowercase letters, digits, dots and hyphens.
pub fn bucket_prefix(stack: &str, bucket: &str) -> String {
    format!("{stack}-{bucket}-").to_ascii_lowercase().replace('_', "-")
}

/// A declaration name is ASCII (it becomes part of AWS names, which are ASCII).
pub fn check_declaration_name(kind: &str, name: &str) -> Result<(), String> {
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!(
            "{kind} name `{name}` must use ASCII letters, digits and `_` only, because AWS names are built from it"
        ));
    }
    Ok(())
}

/// The function's AWS name (`{stack}-{function}`) matches `[a-zA-Z0-9_-]{1,64}`.
pub fn check_function_name(stack: &str, function: &str) -> Result<(), String> {
    let name = function_name(stack, function);
    if name.len() > MAX_FUNCTION_NAME {
        return Err(format!(
            "function name `{name}` (stack `{stack}` + function `{function}`) is {} characters, above Lambda's limit of {MAX_FUNCTION_NAME}; shorten the function or stack name",
            name.len()
        ));
    }
    check_declaration_name("function", function)
}

/// The role's AWS name (`{stack}-{role}`) is at most 64 characters.
pub fn check_role_name(stack: &str, role: &str) -> Result<(), String> {
    let name = role_name(stack, role);
    if name.len() > MAX_ROLE_NAME {
        return Err(format!(
            "role name `{name}` (stack `{stack}` + role `{role}`) is {} characters, above IAM's limit of {MAX_ROLE_NAME}; shorten the name",
            name.len()
        ));
    }
    check_declaration_name("role", role)
}

/// An owned bucket's generated prefix fits Terraform's 37-character `bucket_prefix`.
pub fn check_bucket_prefix(stack: &str, bucket: &str) -> Result<(), String> {
    let prefix = bucket_prefix(stack, bucket);
    if prefix.len() > MAX_BUCKET_PREFIX {
        return Err(format!(
            "bucket name prefix `{prefix}` (stack `{stack}` + bucket `{bucket}`) is {} characters, above the {MAX_BUCKET_PREFIX} that Terraform's `bucket_prefix` allows; shorten the name",
            prefix.len()
        ));
    }
    check_declaration_name("bucket", bucket)
}

/// A stack name starts with a letter and uses letters, digits, `_` and `-`: it names a folder,
/// the HTTP API, and prefixes every AWS name.
pub fn check_stack_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    if !starts_with_letter || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return Err(format!(
            "stack name `{name}` must start with an ASCII letter and use letters, digits, `_` and `-` only"
        ));
    }
    // Room is left for the declaration names that follow it in AWS names.
    if name.len() > 32 {
        return Err(format!(
            "stack name `{name}` is {} characters; at most 32 leave room for the AWS names built from it",
            name.len()
        ));
    }
    Ok(())
}

/// The bucket name in `existing:`, which may be written as the bucket's ARN.
pub fn bucket_name_of(name_or_arn: &str) -> &str {
    match name_or_arn.split_once(":::") {
        Some((_, name)) if name_or_arn.starts_with("arn:") => name,
        _ => name_or_arn,
    }
}

/// An existing bucket's name follows S3's general-purpose bucket naming rules.
pub fn check_bucket_name(name: &str) -> Result<(), String> {
    let fail = |why: &str| Err(format!("`{name}` is not a valid S3 bucket name: {why}"));
    if !BUCKET_NAME_CHARS.contains(&name.len()) {
        return fail("it must be 3 to 63 characters long");
    }
    if let Some(bad) = name.chars().find(|&c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')) {
        return fail(&format!("`{bad}` is not allowed (lowercase letters, digits, `.` and `-` only)"));
    }
    let first = name.as_bytes()[0];
    let last = name.as_bytes()[name.len() - 1];
    if !first.is_ascii_alphanumeric() || !last.is_ascii_alphanumeric() {
        return fail("it must begin and end with a letter or digit");
    }
    if name.contains("..") {
        return fail("it must not contain two adjacent periods");
    }
    if name.split('.').count() == 4 && name.split('.').all(|part| part.parse::<u8>().is_ok()) {
        return fail("it must not look like an IP address");
    }
    for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] {
        if name.starts_with(prefix) {
            return fail(&format!("the prefix `{prefix}` is reserved"));
        }
    }
    for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] {
        if name.ends_with(suffix) {
            return fail(&format!("the suffix `{suffix}` is reserved"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_names() {
        assert_eq!(function_name("hello", "hello"), "hello-hello");
        assert_eq!(log_group_name("hello-hello"), "/aws/lambda/hello-hello");
        assert_eq!(bucket_prefix("My_Stack", "raw_reports"), "my-stack-raw-reports-");
    }

    #[test]
    fn function_names_fit_64() {
        assert!(check_function_name("s", &"f".repeat(62)).is_ok());
        assert!(check_function_name("s", &"f".repeat(63)).is_err());
    }

    #[test]
    fn bucket_names() {
        assert!(check_bucket_name("my-reports.example").is_ok());
        assert!(check_bucket_name("My-Reports").is_err());
        assert!(check_bucket_name("ab").is_err());
        assert!(check_bucket_name("192.168.1.1").is_err());
        assert!(check_bucket_name("xn--abc").is_err());
        assert!(check_bucket_name("a..b").is_err());
        assert!(check_bucket_name("-ab").is_err());
    }

    #[test]
    fn stack_names() {
        assert!(check_stack_name("hello").is_ok());
        assert!(check_stack_name("9lives").is_err());
        assert!(check_stack_name(&"s".repeat(33)).is_err());
    }
}
