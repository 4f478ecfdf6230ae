//! `{account}`, `{region}` and `{partition}` in ARN strings: values known where the stack
//! deploys. The checker reads an ARN with sample values in their place (so its format is checked
//! as usual); the synth writes Terraform references to the deploying account, region and
//! partition.
//!
//! ```
//! use lambda_stack_core::rules::placeholders;
//! let arn = "arn:{partition}:sqs:{region}:{account}:jobs";
//! assert_eq!(placeholders::sample(arn, Some("eu-west-3")), "arn:aws:sqs:eu-west-3:123456789012:jobs");
//! assert!(placeholders::check("arn:aws:iam::{acount}:role/x").unwrap_err().contains("did you mean `{account}`?"));
//! ```

use std::borrow::Cow;

/// How a param standing for a whole ARN or name (`existing: PARAM`, `layers: [PARAM]`) is held in
/// a declaration's string: as the Terraform reference it is written as.
///
/// ```
/// use lambda_stack_core::rules::placeholders;
/// let value = placeholders::param_value("ci_role_arn");
/// assert_eq!(value, "${var.ci_role_arn}");
/// assert_eq!(placeholders::param_of(&value), Some("ci_role_arn"));
/// assert_eq!(placeholders::param_of("arn:aws:iam::123456789012:role/ci"), None);
/// ```
pub fn param_value(name: &str) -> String {
    format!("${{var.{name}}}")
}

/// The param a string stands for, when it is one ([`param_value`]). No ARN or AWS name holds `$`.
pub fn param_of(value: &str) -> Option<&str> {
    value.strip_prefix("${var.")?.strip_suffix('}').filter(|name| !name.contains(['{', '}']))
}

/// The placeholders an ARN string may hold.
pub const PLACEHOLDERS: [&str; 3] = ["account", "region", "partition"];

/// The account the checker reads `{account}` as.
pub const SAMPLE_ACCOUNT: &str = "123456789012";

/// Every `{name}` of `text` is one of [`PLACEHOLDERS`].
pub fn check(text: &str) -> Result<(), String> {
    for name in names(text) {
        if !PLACEHOLDERS.contains(&name) {
            let known = PLACEHOLDERS.map(|p| format!("{{{p}}}"));
            return Err(format!(
                "unknown placeholder `{{{name}}}` in `{text}`; ARN strings may hold {}{}",
                super::suggest::one_of(known.iter().map(String::as_str)),
                super::suggest::did_you_mean(&format!("{{{name}}}"), known.iter().map(String::as_str))
            ));
        }
    }
    Ok(())
}

/// `text` with each placeholder replaced by what `value` gives for it (`account`, `region`,
/// `partition`); borrowed when it has none.
pub fn replace<'a>(text: &'a str, mut value: impl FnMut(&str) -> String) -> Cow<'a, str> {
    if !text.contains('{') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else { break };
        let name = &rest[start + 1..start + length];
        out.push_str(&rest[..start]);
        if PLACEHOLDERS.contains(&name) {
            out.push_str(&value(name));
        } else {
            out.push_str(&rest[start..=start + length]);
        }
        rest = &rest[start + length + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `text` as the checker reads it: the stack's region (or `us-east-1`), its partition, and
/// [`SAMPLE_ACCOUNT`] in place of the placeholders.
pub fn sample<'a>(text: &'a str, region: Option<&str>) -> Cow<'a, str> {
    let region = region.unwrap_or("us-east-1");
    replace(text, |name| match name {
        "account" => SAMPLE_ACCOUNT.to_owned(),
        "region" => region.to_owned(),
        _ => super::regions::partition(region).unwrap_or("aws").to_owned(),
    })
}

/// The `{name}`s of `text` (a `${..}` interpolation is not one).
fn names(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    text.match_indices('{').filter_map(move |(start, _)| {
        if start > 0 && bytes[start - 1] == b'$' {
            return None;
        }
        let length = text[start..].find('}')?;
        let name = &text[start + 1..start + length];
        (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')).then_some(name)
    })
}
