//! Adopting what AWS already runs: exact names (`name:`), the IDs Terraform imports a resource
//! by (`import:`), and the AWS names a declaration ends up with.
//!
//! Import IDs are those of the `hashicorp/aws` provider's import documentation for each resource
//! (as of 5.100.0, 2026-12-02): `aws_lambda_function` and `aws_iam_role` by name, `aws_sqs_queue`
//! by queue URL, `aws_sns_topic` by ARN, `aws_dynamodb_table`, `aws_kinesis_stream` and
//! `aws_s3_bucket` by name.
//!
//! ```
//! use lambda_stack_core::decl::Adoption;
//! use lambda_stack_core::rules::{adopt, resources::Kind};
//! let renamed = Adoption { renamed_from: Some("old_api".into()), ..Adoption::default() };
//! assert_eq!(adopt::owned_name(Kind::Function, "shop", "api", &renamed, false, None), "shop-old_api");
//! let url = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs";
//! assert_eq!(adopt::imported_name(Kind::Queue, url), Ok("jobs"));
//! ```

use super::names::{self, MAX_FUNCTION_NAME, MAX_ROLE_NAME};
use super::resources::Kind;

/// How a declaration takes over what AWS already runs: `name:`, `import:`, `renamed_from:`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adoption {
    /// The exact AWS name, instead of the generated `<stack>-<name>`.
    pub name: Option<String>,
    /// The ID Terraform imports the declaration's main resource from (an `import` block).
    pub import: Option<String>,
    /// The declaration's name before, whose Terraform addresses move to this one (`moved`
    /// blocks). Without `name`, the AWS names stay those the old name generated.
    pub renamed_from: Option<String>,
}

impl Adoption {
    /// The declaration name AWS names are generated from: the old one while it is renamed.
    pub fn naming_base<'a>(&'a self, name: &'a str) -> &'a str {
        self.renamed_from.as_deref().unwrap_or(name)
    }
}

/// The AWS name of a declaration the stack owns: its exact name ([`exact_name`]), else the name
/// generated from the stack and its naming base (the old name while it is `renamed_from`, so a
/// rename replaces nothing). A bucket's is its exact name or its generated `bucket_prefix`.
pub fn owned_name(
    kind: Kind,
    stack: &str,
    declared: &str,
    adopt: &Adoption,
    fifo: bool,
    stage: Option<&str>,
) -> String {
    if let Some(exact) = exact_name(kind, adopt, stage) {
        return exact;
    }
    let base = adopt.naming_base(declared);
    match kind {
        Kind::Function => names::function_name(stack, base),
        Kind::Role => names::role_name(stack, base),
        Kind::Queue => names::queue_name(stack, base, fifo),
        Kind::Topic => names::topic_name(stack, base, fifo),
        Kind::Table => names::table_name(stack, base),
        Kind::Stream => names::stream_name(stack, base),
        Kind::Bucket => names::bucket_prefix(stack, base),
        Kind::Key => super::kms::alias_name(stack, base),
        Kind::Secret => names::secret_name(stack, base),
        Kind::Parameter => names::parameter_name(stack, base),
        Kind::Bus => names::bus_name(stack, base),
    }
}

/// The exact AWS name a declaration has, if any: its `name:` (with the stage for `{stage}`), else
/// the name its `import:` ID designates, since importing takes over a resource by its name.
pub fn exact_name(kind: Kind, adopt: &Adoption, stage: Option<&str>) -> Option<String> {
    if let Some(name) = &adopt.name {
        return Some(super::stages::exact_name(name, stage));
    }
    let imported = imported_name(kind, adopt.import.as_deref()?).ok()?;
    Some(imported.to_owned())
}

/// `name:` is a name AWS accepts for the kind (a queue's or topic's ends in `.fifo` exactly when
/// it is FIFO).
pub fn check_exact_name(kind: Kind, name: &str, fifo: bool) -> Result<(), String> {
    match kind {
        Kind::Function => check_function_name(name),
        Kind::Role => check_role_name(name),
        Kind::Queue => names::check_queue_name(name, fifo),
        Kind::Topic => names::check_topic_name(name, fifo),
        Kind::Table => names::check_table_name(name),
        Kind::Stream => names::check_stream_name(name),
        Kind::Bucket => names::check_bucket_name(name),
        // Keys, secrets, parameters and buses take no `name:`; their names are generated.
        Kind::Key | Kind::Secret | Kind::Parameter | Kind::Bus => Ok(()),
    }
}

/// A Lambda function name: `[a-zA-Z0-9_-]{1,64}`.
pub fn check_function_name(name: &str) -> Result<(), String> {
    check_chars(
        "function",
        "Lambda",
        name,
        MAX_FUNCTION_NAME,
        |c| c.is_ascii_alphanumeric() || "-_".contains(c),
        "letters, digits, `-` and `_`",
    )
}

/// An IAM role name: `[\w+=,.@-]{1,64}`.
pub fn check_role_name(name: &str) -> Result<(), String> {
    check_chars(
        "role",
        "IAM",
        name,
        MAX_ROLE_NAME,
        |c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c),
        "letters, digits and `_+=,.@-`",
    )
}

fn check_chars(
    kind: &str,
    service: &str,
    name: &str,
    max: usize,
    allowed: impl Fn(char) -> bool,
    which: &str,
) -> Result<(), String> {
    if name.is_empty() {
        return Err(format!("{kind} name is empty"));
    }
    if name.len() > max {
        return Err(format!("{kind} name `{name}` is {} characters, above {service}'s limit of {max}", name.len()));
    }
    if let Some(bad) = name.chars().find(|&c| !allowed(c)) {
        return Err(format!("{kind} name `{name}` contains `{bad}`; {service} allows {which}"));
    }
    Ok(())
}

/// The AWS name an `import:` ID designates, when the ID has the shape Terraform imports the kind
/// by; the error says which shape was expected.
pub fn imported_name(kind: Kind, id: &str) -> Result<&str, String> {
    match kind {
        Kind::Queue => queue_url_name(id).ok_or_else(|| {
            format!(
                "`{id}` is not an SQS queue URL; Terraform imports a queue by its URL, such as \
                 `https://sqs.eu-west-1.amazonaws.com/123456789012/jobs`"
            )
        }),
        Kind::Topic => topic_arn_name(id).ok_or_else(|| {
            format!(
                "`{id}` is not an SNS topic ARN; Terraform imports a topic by its ARN, such as \
                 `arn:aws:sns:eu-west-1:123456789012:alerts`"
            )
        }),
        _ if id.starts_with("arn:") || id.contains('/') => Err(format!(
            "Terraform imports a {kind} by its name, not `{id}`; write the {kind}'s name, such as `{}`",
            super::sources::existing_name(kind, id).rsplit('/').next().unwrap_or(id)
        )),
        _ => Ok(id),
    }
}

/// `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME` (also `.amazonaws.com.cn`, and the legacy
/// `https://REGION.queue.amazonaws.com/...`) → `NAME`.
fn queue_url_name(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/')?;
    let known_host = (host.starts_with("sqs.") || host.contains(".queue.")) && host.contains(".amazonaws.com");
    let (account, name) = path.split_once('/')?;
    let account_ok = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    (known_host && account_ok && !name.is_empty() && !name.contains('/')).then_some(name)
}

/// `arn:PARTITION:sns:REGION:ACCOUNT:NAME` → `NAME`.
fn topic_arn_name(arn: &str) -> Option<&str> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    match parts.as_slice() {
        ["arn", partition, "sns", region, account, name]
            if !partition.is_empty()
                && !region.is_empty()
                && account.len() == 12
                && account.bytes().all(|b| b.is_ascii_digit())
                && !name.is_empty() =>
        {
            Some(name)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_ids_by_kind() {
        assert_eq!(imported_name(Kind::Function, "legacy-api"), Ok("legacy-api"));
        assert_eq!(imported_name(Kind::Topic, "arn:aws:sns:eu-west-1:123456789012:alerts"), Ok("alerts"));
        assert_eq!(
            imported_name(Kind::Queue, "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs.fifo"),
            Ok("jobs.fifo")
        );
        assert!(imported_name(Kind::Queue, "jobs").unwrap_err().contains("queue URL"));
        assert!(imported_name(Kind::Queue, "https://sqs.eu-west-1.amazonaws.com/1234/jobs").is_err());
        assert!(imported_name(Kind::Topic, "alerts").unwrap_err().contains("topic ARN"));
        let arn = imported_name(Kind::Table, "arn:aws:dynamodb:eu-west-1:123456789012:table/orders").unwrap_err();
        assert!(arn.contains("such as `orders`"), "{arn}");
    }

    #[test]
    fn exact_names() {
        assert!(check_exact_name(Kind::Function, "legacy-shop-api", false).is_ok());
        assert!(check_exact_name(Kind::Function, "shop api", false).unwrap_err().contains("contains ` `"));
        assert!(check_exact_name(Kind::Function, &"f".repeat(65), false).unwrap_err().contains("limit of 64"));
        assert!(check_exact_name(Kind::Role, "ci+deployer@x", false).is_ok());
        assert!(check_exact_name(Kind::Queue, "jobs", true).unwrap_err().contains(".fifo"));
        assert!(check_exact_name(Kind::Bucket, "Shop", false).is_err());
    }

    #[test]
    fn names_follow_the_adoption() {
        let plain = Adoption::default();
        assert_eq!(owned_name(Kind::Queue, "shop", "jobs", &plain, true, None), "shop-jobs.fifo");
        let exact = Adoption { name: Some("jobs".into()), ..Adoption::default() };
        assert_eq!(owned_name(Kind::Queue, "shop", "work", &exact, false, None), "jobs");
        let renamed = Adoption { renamed_from: Some("old".into()), ..Adoption::default() };
        assert_eq!(owned_name(Kind::Bucket, "shop", "new", &renamed, false, None), "shop-old-");
        let staged = Adoption { name: Some("api-{stage}".into()), ..Adoption::default() };
        assert_eq!(owned_name(Kind::Function, "shop-dev", "api", &staged, false, Some("dev")), "api-dev");
        let url = "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs";
        let imported = Adoption { import: Some(url.into()), ..Adoption::default() };
        assert_eq!(owned_name(Kind::Queue, "shop", "work", &imported, false, None), "jobs");
        assert_eq!(
            owned_name(
                Kind::Bucket,
                "shop",
                "b",
                &Adoption { import: Some("logs".into()), ..Adoption::default() },
                false,
                None
            ),
            "logs"
        );
    }
}
