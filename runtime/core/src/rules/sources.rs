//! Trigger sources and `existing:` resources: which kind of declaration each trigger reads from
//! (`sqs(jobs)` needs a queue), and what an `existing:` value names (a name, or an ARN of the
//! declaration's kind).

use super::names::{check_queue_name, check_stream_name, check_table_name, check_topic_name, FIFO_SUFFIX};
use super::resources::Kind;
use crate::keys::TriggerKind;

/// A trigger names a declaration of the kind it reads from: `sqs(reports)` on a bucket is an error.
///
/// ```
/// use lambda_stack_core::keys::TriggerKind;
/// use lambda_stack_core::rules::{sources::check_trigger_source, resources::Kind};
/// assert!(check_trigger_source(TriggerKind::Sqs, "jobs", Kind::Queue).is_ok());
/// assert_eq!(
///     check_trigger_source(TriggerKind::Sqs, "reports", Kind::Bucket).unwrap_err(),
///     "`sqs(..)` reads a queue, but `reports` is a bucket; an s3 trigger would be `s3(reports)`"
/// );
/// ```
pub fn check_trigger_source(trigger: TriggerKind, target: &str, kind: Kind) -> Result<(), String> {
    let Some(wanted) = trigger.source() else { return Ok(()) };
    if kind == wanted {
        return Ok(());
    }
    let fitting = TriggerKind::ALL.into_iter().find(|t| t.source() == Some(kind));
    let article = |k: Kind| if k.keyword().starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    let hint = match fitting {
        Some(other) => format!("; {} {other} trigger would be `{other}({target})`", article_of(other.keyword())),
        None => String::new(),
    };
    Err(format!("`{trigger}(..)` reads {} {wanted}, but `{target}` is {} {kind}{hint}", article(wanted), article(kind)))
}

fn article_of(word: &str) -> &'static str {
    // "an s3", "an sqs", "an sns": the letters are read out.
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 's']) {
        "an"
    } else {
        "a"
    }
}

/// The name in an `existing:` value: the value itself, or the name an ARN ends with
/// (`arn:aws:sqs:eu-west-3:123456789012:jobs` → `jobs`, `...:table/orders` → `orders`).
///
/// ```
/// use lambda_stack_core::rules::{sources::existing_name, resources::Kind};
/// assert_eq!(existing_name(Kind::Table, "arn:aws:dynamodb:eu-west-3:123456789012:table/orders"), "orders");
/// assert_eq!(existing_name(Kind::Queue, "jobs"), "jobs");
/// ```
pub fn existing_name(kind: Kind, value: &str) -> &str {
    if !value.starts_with("arn:") {
        return value;
    }
    let resource = value.splitn(6, ':').nth(5).unwrap_or(value);
    match kind {
        Kind::Table => resource.strip_prefix("table/").unwrap_or(resource),
        Kind::Stream => resource.strip_prefix("stream/").unwrap_or(resource),
        Kind::Key => resource.strip_prefix("key/").unwrap_or(resource),
        // `secret:NAME-AbCdEf`: the name, less the six characters Secrets Manager appends.
        Kind::Secret => {
            let name = resource.strip_prefix("secret:").unwrap_or(resource);
            match name.rsplit_once('-') {
                Some((base, suffix)) if suffix.len() == 6 => base,
                _ => name,
            }
        }
        // `parameter/a/b` is `/a/b`, `parameter/flags` is `flags`.
        Kind::Parameter => match resource.strip_prefix("parameter") {
            Some(path) if path.matches('/').count() > 1 => path,
            Some(path) => path.trim_start_matches('/'),
            None => resource,
        },
        Kind::Bus => resource.strip_prefix("event-bus/").unwrap_or(resource),
        // `role/path/to/name`: the name is the last part.
        Kind::Role => resource.rsplit('/').next().unwrap_or(resource),
        Kind::Bucket => super::names::bucket_name_of(value),
        _ => resource,
    }
}

/// An `existing:` queue, table, topic or stream is named by a valid name, or by an ARN of its kind
/// (`existing: "arn:aws:sns:..."` on a queue is an error).
pub fn check_existing(kind: Kind, value: &str) -> Result<(), String> {
    if value.starts_with("arn:") {
        let (service, resource_type) = kind.iam_type();
        let types = super::iam::arn_resource_types(value);
        if !types.iter().any(|&(s, t)| s == service && t == resource_type) {
            let found = types.first().map_or("no AWS resource".to_owned(), |(s, t)| format!("an {s} {t}"));
            return Err(format!(
                "`{value}` is the ARN of {found}, not of a {kind}; expected an ARN such as `{}`",
                example_arn(kind)
            ));
        }
    }
    let name = existing_name(kind, value);
    match kind {
        Kind::Queue => check_queue_name(name, name.ends_with(FIFO_SUFFIX)),
        Kind::Topic => check_topic_name(name, name.ends_with(FIFO_SUFFIX)),
        Kind::Table => check_table_name(name),
        Kind::Stream => check_stream_name(name),
        Kind::Bucket => super::names::check_bucket_name(name),
        Kind::Role if !value.starts_with("arn:") => {
            Err(format!("an `existing` role is given by its ARN, such as `{}`, not `{value}`", example_arn(kind)))
        }
        Kind::Role => super::adopt::check_role_name(name),
        Kind::Secret => super::names::check_secret_name(name),
        Kind::Parameter => super::names::check_parameter_name(name),
        Kind::Bus => super::names::check_bus_name(name),
        Kind::Key if value.starts_with("arn:") => Ok(()),
        Kind::Key => {
            Err(format!("an `existing` key is given by its ARN, such as `{}`, not `{value}`", example_arn(kind)))
        }
        Kind::Function => Err(format!("a {kind} cannot be `existing`")),
    }
}

/// An ARN of `kind`, for messages and as the sample the checker reads a param's ARN as.
pub fn example_arn(kind: Kind) -> &'static str {
    match kind {
        Kind::Queue => "arn:aws:sqs:eu-west-3:123456789012:jobs",
        Kind::Topic => "arn:aws:sns:eu-west-3:123456789012:alerts",
        Kind::Table => "arn:aws:dynamodb:eu-west-3:123456789012:table/orders",
        Kind::Stream => "arn:aws:kinesis:eu-west-3:123456789012:stream/clicks",
        Kind::Role => "arn:aws:iam::123456789012:role/ci-deployer",
        Kind::Secret => "arn:aws:secretsmanager:eu-west-3:123456789012:secret:db_password-AbCdEf",
        Kind::Parameter => "arn:aws:ssm:eu-west-3:123456789012:parameter/flags",
        Kind::Bus => "arn:aws:events:eu-west-3:123456789012:event-bus/orders",
        Kind::Key => "arn:aws:kms:eu-west-3:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        _ => "arn:aws:s3:::reports",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn existing_roles_are_arns() {
        assert!(check_existing(Kind::Role, "arn:aws:iam::123456789012:role/ci/deployer").is_ok());
        assert_eq!(existing_name(Kind::Role, "arn:aws:iam::123456789012:role/ci/deployer"), "deployer");
        assert!(check_existing(Kind::Role, "deployer").unwrap_err().contains("given by its ARN"));
        assert!(check_existing(Kind::Role, "arn:aws:sqs:eu-west-3:123456789012:jobs")
            .unwrap_err()
            .contains("not of a role"));
    }

    #[test]
    fn existing_resources() {
        assert!(check_existing(Kind::Queue, "arn:aws:sqs:eu-west-3:123456789012:jobs").is_ok());
        assert!(check_existing(Kind::Queue, "jobs.fifo").is_ok());
        let wrong = check_existing(Kind::Queue, "arn:aws:sns:eu-west-3:123456789012:alerts").unwrap_err();
        assert!(wrong.contains("not of a queue"), "{wrong}");
        assert!(check_existing(Kind::Table, "arn:aws:dynamodb:eu-west-3:123456789012:table/orders").is_ok());
        assert!(check_existing(Kind::Stream, "arn:aws:kinesis:eu-west-3:123456789012:stream/clicks").is_ok());
        assert!(check_existing(Kind::Table, "a b").is_err());
        assert_eq!(existing_name(Kind::Stream, "arn:aws:kinesis:eu-west-3:123456789012:stream/clicks"), "clicks");
    }

    #[test]
    fn trigger_sources() {
        assert!(check_trigger_source(TriggerKind::Dynamodb, "orders", Kind::Table).is_ok());
        let message = check_trigger_source(TriggerKind::Kinesis, "orders", Kind::Table).unwrap_err();
        assert_eq!(
            message,
            "`kinesis(..)` reads a stream, but `orders` is a table; a dynamodb trigger would be `dynamodb(orders)`"
        );
        assert!(check_trigger_source(TriggerKind::Sns, "hello", Kind::Function)
            .unwrap_err()
            .ends_with("is a function"));
    }
}
