//! The kinds of resource a stack declares, what references to them mean, and how IAM sees them.
//!
//! `reports.name` and `reports.arn` are attributes; `reports.objects` and `reports.objects("in/*")`
//! are sub-resources that IAM statements can name. Each maps to an IAM resource type from the
//! action table ([`super::iam`]), which is how `s3:GetObject on reports` is caught: the action acts
//! on objects, and a bucket is not one.
//!
//! ```
//! use lambda_stack_core::rules::resources::{Kind, check_attribute};
//! assert!(check_attribute(Kind::Bucket, "reports", "name").is_ok());
//! assert!(check_attribute(Kind::Bucket, "reports", "nmae").unwrap_err().contains("did you mean `name`?"));
//! ```

use super::iam::{self, Action};
use super::names::{
    BUCKET_NAME_CHARS, MAX_BUS_NAME, MAX_FUNCTION_NAME, MAX_PARAMETER_NAME, MAX_QUEUE_NAME, MAX_REGION_NAME,
    MAX_ROLE_NAME, MAX_SECRET_NAME, MAX_TOPIC_NAME, STREAM_NAME_CHARS, TABLE_NAME_CHARS,
};
use super::suggest::did_you_mean;

pub use crate::keys::Kind;

/// A value a reference can read, such as a bucket's `name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute {
    pub name: &'static str,
    /// The longest the value can be once deployed: used to keep environment variables and policies
    /// within their limits when the value is only known at `terraform apply`.
    pub max_len: usize,
}

/// Whether a sub-resource takes a pattern, as in `reports.objects("in/*")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// Never: `orders.indexes`.
    None,
    /// Optionally, `*` when left out: `reports.objects`, `reports.objects("in/*")`.
    Optional,
    /// Always: `orders.index("by_date")`.
    Required,
}

/// A part of a resource IAM can name on its own, such as a bucket's objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubResource {
    pub name: &'static str,
    pub pattern: Pattern,
    /// What the ARN of the resource is followed by, after a `/`, before the pattern
    /// (`index/` in `arn:aws:dynamodb:...:table/orders/index/by_date`).
    pub arn_path: &'static str,
    pub iam_service: &'static str,
    pub iam_type: &'static str,
    pub noun: &'static str,
}

impl SubResource {
    /// The ARN suffix after the resource's own ARN: `/in/*`, `/index/by_date`, `/stream/*`.
    pub fn arn_suffix(&self, pattern: Option<&str>) -> String {
        format!("/{}{}", self.arn_path, pattern.unwrap_or("*"))
    }
}

/// The longest ARN prefix of a regional resource, `arn:PARTITION:SERVICE:REGION:ACCOUNT:`, with
/// the longest partition (`aws-us-gov`) and region names ([`MAX_REGION_NAME`], `ap-southeast-5`).
const fn regional_arn_prefix(service: &str) -> usize {
    "arn:aws-us-gov:".len() + service.len() + ":".len() + MAX_REGION_NAME + ":123456789012:".len()
}

/// A DynamoDB stream label, as in `.../stream/2026-11-25T10:00:00.000`.
const STREAM_LABEL: usize = "2026-11-25T10:00:00.000".len();

const OBJECTS: SubResource = SubResource {
    name: "objects",
    pattern: Pattern::Optional,
    arn_path: "",
    iam_service: "s3",
    iam_type: "object",
    noun: "objects",
};
const INDEXES: SubResource = SubResource {
    name: "indexes",
    pattern: Pattern::None,
    arn_path: "index/",
    iam_service: "dynamodb",
    iam_type: "index",
    noun: "indexes",
};
const INDEX: SubResource = SubResource {
    name: "index",
    pattern: Pattern::Required,
    arn_path: "index/",
    iam_service: "dynamodb",
    iam_type: "index",
    noun: "index",
};
const TABLE_STREAM: SubResource = SubResource {
    name: "stream",
    pattern: Pattern::None,
    arn_path: "stream/",
    iam_service: "dynamodb",
    iam_type: "stream",
    noun: "stream",
};

impl Kind {
    /// The IAM resource type of the resource itself (what `ACTION on NAME` acts on).
    pub fn iam_type(self) -> (&'static str, &'static str) {
        match self {
            Kind::Bucket => ("s3", "bucket"),
            Kind::Queue => ("sqs", "queue"),
            Kind::Table => ("dynamodb", "table"),
            Kind::Topic => ("sns", "topic"),
            Kind::Stream => ("kinesis", "stream"),
            Kind::Key => ("kms", "key"),
            Kind::Secret => ("secretsmanager", "Secret"),
            Kind::Parameter => ("ssm", "parameter"),
            Kind::Bus => ("events", "event-bus"),
            Kind::Role => ("iam", "role"),
            Kind::Function => ("lambda", "function"),
        }
    }

    /// The attributes a reference can read (`reports.name`).
    pub fn attributes(self) -> &'static [Attribute] {
        const MAX_TABLE_NAME: usize = *TABLE_NAME_CHARS.end();
        const MAX_STREAM_NAME: usize = *STREAM_NAME_CHARS.end();
        const MAX_BUCKET_NAME: usize = *BUCKET_NAME_CHARS.end();
        const QUEUE_ARN: usize = regional_arn_prefix("sqs") + MAX_QUEUE_NAME;
        const TABLE_ARN: usize = regional_arn_prefix("dynamodb") + "table/".len() + MAX_TABLE_NAME;
        const TOPIC_ARN: usize = regional_arn_prefix("sns") + MAX_TOPIC_NAME;
        const STREAM_ARN: usize = regional_arn_prefix("kinesis") + "stream/".len() + MAX_STREAM_NAME;
        // https://sqs.REGION.amazonaws.com.cn/ACCOUNT/NAME
        const QUEUE_URL: usize =
            "https://sqs.".len() + MAX_REGION_NAME + ".amazonaws.com.cn/".len() + 13 + MAX_QUEUE_NAME;
        // arn:aws:s3::: + 63 characters of name.
        const BUCKET: &[Attribute] = &[
            Attribute { name: "arn", max_len: "arn:aws:s3:::".len() + MAX_BUCKET_NAME },
            Attribute { name: "name", max_len: MAX_BUCKET_NAME },
        ];
        const QUEUE: &[Attribute] = &[
            Attribute { name: "arn", max_len: QUEUE_ARN },
            Attribute { name: "name", max_len: MAX_QUEUE_NAME },
            Attribute { name: "url", max_len: QUEUE_URL },
        ];
        const TABLE: &[Attribute] = &[
            Attribute { name: "arn", max_len: TABLE_ARN },
            Attribute { name: "name", max_len: MAX_TABLE_NAME },
            Attribute { name: "stream_arn", max_len: TABLE_ARN + "/stream/".len() + STREAM_LABEL },
        ];
        const TOPIC: &[Attribute] =
            &[Attribute { name: "arn", max_len: TOPIC_ARN }, Attribute { name: "name", max_len: MAX_TOPIC_NAME }];
        const STREAM: &[Attribute] =
            &[Attribute { name: "arn", max_len: STREAM_ARN }, Attribute { name: "name", max_len: MAX_STREAM_NAME }];
        // arn:aws-us-gov:kms:REGION:ACCOUNT:key/ + a 36-character key ID (a UUID, or `mrk-` + 32 hex digits).
        const KEY: &[Attribute] = &[
            Attribute { name: "arn", max_len: regional_arn_prefix("kms") + "key/".len() + 36 },
            Attribute { name: "id", max_len: 36 },
        ];
        // arn:aws-us-gov:secretsmanager:REGION:ACCOUNT:secret: + the name + `-` and 6 random characters.
        const SECRET: &[Attribute] = &[
            Attribute {
                name: "arn",
                max_len: regional_arn_prefix("secretsmanager") + "secret:".len() + MAX_SECRET_NAME + 7,
            },
            Attribute { name: "name", max_len: MAX_SECRET_NAME },
        ];
        const PARAMETER: &[Attribute] = &[
            Attribute { name: "arn", max_len: regional_arn_prefix("ssm") + "parameter".len() + MAX_PARAMETER_NAME },
            Attribute { name: "name", max_len: MAX_PARAMETER_NAME },
        ];
        const BUS: &[Attribute] = &[
            Attribute { name: "arn", max_len: regional_arn_prefix("events") + "event-bus/".len() + MAX_BUS_NAME },
            Attribute { name: "name", max_len: MAX_BUS_NAME },
        ];
        // arn:aws-us-gov:iam::123456789012:role/ + a 512-character path + 64 of name.
        const ROLE: &[Attribute] =
            &[Attribute { name: "arn", max_len: 615 }, Attribute { name: "name", max_len: MAX_ROLE_NAME }];
        // The API's FunctionArn pattern allows up to 140 characters.
        const FUNCTION: &[Attribute] =
            &[Attribute { name: "arn", max_len: 140 }, Attribute { name: "name", max_len: MAX_FUNCTION_NAME }];
        match self {
            Kind::Bucket => BUCKET,
            Kind::Queue => QUEUE,
            Kind::Table => TABLE,
            Kind::Topic => TOPIC,
            Kind::Stream => STREAM,
            Kind::Key => KEY,
            Kind::Secret => SECRET,
            Kind::Parameter => PARAMETER,
            Kind::Bus => BUS,
            Kind::Role => ROLE,
            Kind::Function => FUNCTION,
        }
    }

    /// The sub-resources IAM statements can name (`reports.objects`, `orders.index("by_date")`).
    pub fn sub_resources(self) -> &'static [SubResource] {
        match self {
            Kind::Bucket => &[OBJECTS],
            Kind::Table => &[INDEXES, INDEX, TABLE_STREAM],
            _ => &[],
        }
    }
}

/// The longest a declaration's ARN can be once deployed (its `arn` attribute).
pub fn arn_max_len(kind: Kind) -> usize {
    kind.attributes().iter().find(|a| a.name == "arn").map_or(0, |a| a.max_len)
}

/// The longest a sub-resource ARN can be: the declaration's ARN, `/`, and the pattern (`*` when
/// none is given), as in `reports.objects("in/*")`.
pub fn sub_arn_max_len(kind: Kind, sub: &SubResource, pattern: Option<&str>) -> usize {
    arn_max_len(kind) + sub.arn_suffix(pattern).len()
}

/// A sub-resource is given a pattern exactly when it takes one: `reports.objects("in/*")`,
/// `orders.index("by_date")`, but `orders.indexes`.
pub fn check_sub_pattern(target: &str, sub: &SubResource, pattern: Option<&str>) -> Result<(), String> {
    match (sub.pattern, pattern) {
        (Pattern::None, Some(_)) => {
            Err(format!("`{target}.{}` takes no pattern; write `{target}.{}`", sub.name, sub.name))
        }
        (Pattern::Required, None) => {
            Err(format!("`{target}.{}` needs a name, as in `{target}.{}(\"by_date\")`", sub.name, sub.name))
        }
        (_, Some("")) => Err(format!("the pattern of `{target}.{}` is empty", sub.name)),
        _ => Ok(()),
    }
}

/// A managed policy given by ARN is an IAM policy ARN.
pub fn check_policy_arn(arn: &str) -> Result<(), String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts.len() == 6 && parts[2] == "iam" && parts[5].starts_with("policy/") {
        Ok(())
    } else {
        Err(format!("`{arn}` is not an IAM policy ARN; expected `arn:aws:iam::ACCOUNT:policy/NAME`"))
    }
}

/// A reference reads an attribute the kind has (`reports.name`, `reports.arn`).
pub fn check_attribute(kind: Kind, target: &str, attribute: &str) -> Result<Attribute, String> {
    if let Some(found) = kind.attributes().iter().find(|a| a.name == attribute) {
        return Ok(*found);
    }
    let names = kind.attributes().iter().map(|a| a.name);
    Err(format!(
        "{kind} `{target}` has no attribute `{attribute}`; expected {}{}",
        super::suggest::one_of(names.clone()),
        did_you_mean(attribute, names)
    ))
}

/// A sub-resource named in an IAM statement exists for the kind (`reports.objects`).
pub fn check_sub_resource(kind: Kind, target: &str, sub: &str) -> Result<SubResource, String> {
    if let Some(found) = kind.sub_resources().iter().find(|s| s.name == sub) {
        return Ok(*found);
    }
    let names: Vec<&str> = kind.sub_resources().iter().map(|s| s.name).collect();
    if names.is_empty() {
        return Err(format!("{kind} `{target}` has no sub-resource `{sub}`; name `{target}` itself"));
    }
    Err(format!(
        "{kind} `{target}` has no sub-resource `{sub}`; expected {}{}",
        super::suggest::one_of(names.iter()),
        did_you_mean(sub, names.iter().copied())
    ))
}

/// What an IAM statement acts on, as the rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// A declared resource itself, such as a bucket.
    Resource { kind: Kind, name: &'a str },
    /// A part of a declared resource, such as `reports.objects`.
    Sub { kind: Kind, name: &'a str, sub: SubResource },
    /// An ARN written out.
    Arn(&'a str),
}

/// An IAM statement's action exists (wildcards only when opted in, and matching something), and
/// applies to what the statement names; a wildcard applies when at least one action it matches
/// does (IAM grants the others nothing on that resource). Returns the actions that apply.
pub fn check_statement(action: &str, wildcard: bool, target: Target<'_>) -> Result<Vec<Action>, String> {
    let Some((service, name)) = action.split_once(':') else {
        return Err(format!("`{action}` is not an IAM action; expected `service:Action`, such as `s3:GetObject`"));
    };
    let is_pattern = name.contains('*') || name.contains('?');
    if !is_pattern {
        let action = iam::check_action(service, name)?;
        // `wildcard(...)` is also the visible opt-in for granting a scopable action on `"*"`.
        if !(wildcard && target == Target::Arn("*")) {
            check_applies_to(&action, target)?;
        }
        return Ok(vec![action]);
    }
    if !wildcard {
        return Err(format!(
            "wildcard action `{action}` grants every action it matches; opt in explicitly with `wildcard({action})`, or name the actions"
        ));
    }
    let matched = iam::expand_wildcard(service, name)?;
    if target == Target::Arn("*") {
        return Ok(matched);
    }
    let applying: Vec<Action> = matched.iter().copied().filter(|a| check_applies_to(a, target).is_ok()).collect();
    if applying.is_empty() {
        return Err(format!(
            "none of the {} actions that `{action}` matches applies to {}",
            matched.len(),
            describe(target)
        ));
    }
    Ok(applying)
}

fn describe(target: Target<'_>) -> String {
    match target {
        Target::Resource { kind, name } => format!("{kind} `{name}`"),
        Target::Sub { kind, name, sub } => format!("the {} of {kind} `{name}`", sub.noun),
        Target::Arn(arn) => format!("`{arn}`"),
    }
}

/// An ARN written in a statement is `"*"` or an ARN of some AWS resource type.
pub fn check_arn(arn: &str) -> Result<(), String> {
    if arn == "*" {
        return Ok(());
    }
    if !arn.starts_with("arn:") {
        return Err(format!(
            "`{arn}` is not an ARN; name a resource of the stack, or write an ARN such as `arn:aws:s3:::bucket/*`"
        ));
    }
    if iam::arn_resource_types(arn).is_empty() {
        return Err(format!("`{arn}` does not match the ARN format of any AWS resource type"));
    }
    Ok(())
}

/// One named action applies to the statement's target.
fn check_applies_to(action: &Action, target: Target<'_>) -> Result<(), String> {
    match target {
        Target::Resource { kind, name } => {
            let (service, resource_type) = kind.iam_type();
            applies_or_explain(action, service, resource_type, &describe(target), kind, name)
        }
        Target::Sub { kind, name, sub } => {
            iam::check_applies(action, sub.iam_service, sub.iam_type, &describe(target)).map_err(|message| {
                let (service, resource_type) = kind.iam_type();
                if action.service.eq_ignore_ascii_case(service) && action.applies_to(resource_type) {
                    format!("{message}; write `{name}`")
                } else {
                    message
                }
            })
        }
        Target::Arn("*") if action.needs_star_resource() => Ok(()),
        Target::Arn("*") => Err(format!(
            "`{}` can be limited to a resource, so `\"*\"` would grant it on every resource; name the resource, or write `wildcard({})`",
            action.full_name(),
            action.full_name()
        )),
        Target::Arn(arn) => {
            check_arn(arn)?;
            let types = iam::arn_resource_types(arn);
            if action.needs_star_resource() {
                return Err(format!(
                    "`{}` has no resource type, so IAM only grants it on `\"*\"`, not on `{arn}`",
                    action.full_name()
                ));
            }
            let fits = types.iter().any(|(service, resource_type)| {
                    action.service.eq_ignore_ascii_case(service) && action.applies_to(resource_type)
                });
            if fits {
                return Ok(());
            }
            let own: Vec<String> = types
                .iter()
                .filter(|(service, _)| arn.split(':').nth(2) == Some(*service))
                .map(|(s, t)| format!("{s} {t}"))
                .collect();
            Err(format!(
                "`{}` does not apply to `{arn}` (an ARN of {}); it acts on {}",
                action.full_name(),
                if own.is_empty() { "another service".to_owned() } else { own.join(" or ") },
                super::suggest::one_of(action.resource_types())
            ))
        }
    }
}

/// Like [`iam::check_applies`], with a pointer to the sub-resource when that is what was meant
/// (`s3:GetObject on reports` → "write `reports.objects`").
fn applies_or_explain(
    action: &Action,
    service: &str,
    resource_type: &str,
    what: &str,
    kind: Kind,
    name: &str,
) -> Result<(), String> {
    iam::check_applies(action, service, resource_type, what).map_err(|message| {
        match kind
            .sub_resources()
            .iter()
            .find(|sub| action.service.eq_ignore_ascii_case(sub.iam_service) && action.applies_to(sub.iam_type))
        {
            Some(sub) => format!("{message}; write `{name}.{}`", sub.name),
            None => message,
        }
    })
}

/// The characters of an inline policy document as lambda-stack writes it (compact JSON, which is
/// also how IAM counts: whitespace is not counted). Each statement is its actions and the length
/// of its resource ARN (the longest it can be, when only known at deploy time).
pub fn policy_chars<'a, I>(statements: I) -> usize
where
    I: IntoIterator<Item = (&'a [String], usize)>,
{
    // {"Version":"2012-10-17","Statement":[ ... ]}
    let mut chars = r#"{"Version":"2012-10-17","Statement":[]}"#.len();
    for (index, (actions, resource_len)) in statements.into_iter().enumerate() {
        // {"Action":...,"Effect":"Allow","Resource":"..."}
        chars += r#"{"Action":,"Effect":"Allow","Resource":""}"#.len() + resource_len + usize::from(index > 0);
        chars += match actions {
            [one] => one.len() + 2,
            many => 2 + many.iter().map(|a| a.len() + 2).sum::<usize>() + many.len().saturating_sub(1),
        };
    }
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    const OBJECTS: Target<'static> = Target::Sub { kind: Kind::Bucket, name: "reports", sub: super::OBJECTS };
    const BUCKET: Target<'static> = Target::Resource { kind: Kind::Bucket, name: "reports" };

    #[test]
    fn named_actions_must_apply() {
        assert!(check_statement("s3:GetObject", false, OBJECTS).is_ok());
        let message = check_statement("s3:GetObject", false, BUCKET).unwrap_err();
        assert!(message.ends_with("write `reports.objects`"), "{message}");
        assert!(check_statement("s3:ListBucket", false, BUCKET).is_ok());
    }

    #[test]
    fn wildcards_need_the_opt_in_and_keep_what_applies() {
        assert!(check_statement("s3:Get*", false, OBJECTS).unwrap_err().contains("wildcard(s3:Get*)"));
        let granted = check_statement("s3:Get*", true, OBJECTS).unwrap();
        assert!(granted.iter().any(|a| a.name == "GetObject"));
        assert!(granted.iter().all(|a| a.applies_to("object")));
        assert!(check_statement("s3:Get*", true, Target::Arn("arn:aws:sqs:eu-west-3:123456789012:q"))
            .unwrap_err()
            .starts_with("none of the"));
    }

    #[test]
    fn star_resources() {
        assert!(check_statement("xray:PutTraceSegments", false, Target::Arn("*")).is_ok());
        assert!(check_statement("s3:GetObject", false, Target::Arn("*")).is_err());
        assert!(check_statement("s3:GetObject", true, Target::Arn("*")).is_ok());
    }

    #[test]
    fn arn_literals_must_fit_the_action() {
        assert!(check_statement("s3:GetObject", false, Target::Arn("arn:aws:s3:::b/*")).is_ok());
        let message = check_statement("sqs:SendMessage", false, Target::Arn("arn:aws:s3:::b/*")).unwrap_err();
        assert!(message.contains("it acts on `queue`"), "{message}");
        assert!(check_statement("s3:GetObject", false, Target::Arn("bucket/key")).unwrap_err().contains("not an ARN"));
    }

    #[test]
    fn policy_size_counts_compact_json() {
        let actions = vec!["s3:GetObject".to_owned()];
        let chars = policy_chars([(actions.as_slice(), 10)]);
        let written = r#"{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"0123456789"}],"Version":"2012-10-17"}"#;
        assert_eq!(chars, written.len());
    }
}
