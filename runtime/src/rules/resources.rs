//! The kinds of resource a stack declares, what references to them mean, and how IAM sees them.
//!
//! `reports.name` and `reports.arn` are attributes; `reports.objects` and `reports.objects("in/*")`
//! are sub-resources that IAM statements can name. Each maps to an IAM resource type from the
//! action table ([`super::iam`]), which is how `s3:GetObject on reports` is caught: the action acts
//! on objects, and a bucket is not one.
//!
//! ```
//! use lambda_stack_runtime::rules::resources::{Kind, check_attribute};
//! assert!(check_attribute(Kind::Bucket, "reports", "name").is_ok());
//! assert!(check_attribute(Kind::Bucket, "reports", "nmae").unwrap_err().contains("did you mean `name`?"));
//! ```

use super::iam::{self, Action};
use super::suggest::did_you_mean;

/// A kind of declaration in a stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Bucket,
    Role,
    Function,
}

/// A value a reference can read, such as a bucket's `name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute {
    pub name: &'static str,
    /// The longest the value can be once deployed: used to keep environment variables and policies
    /// within their limits when the value is only known at `terraform apply`.
    pub max_len: usize,
}

/// A part of a resource IAM can name on its own, such as a bucket's objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubResource {
    pub name: &'static str,
    /// Whether it takes a pattern, as in `reports.objects("in/*")`.
    pub takes_pattern: bool,
    pub iam_service: &'static str,
    pub iam_type: &'static str,
    pub noun: &'static str,
}

impl Kind {
    /// Every kind, in declaration-keyword order.
    pub const ALL: [Kind; 3] = [Kind::Bucket, Kind::Role, Kind::Function];

    /// The keyword that declares it in `lambda_stack!`.
    pub fn keyword(self) -> &'static str {
        match self {
            Kind::Bucket => "bucket",
            Kind::Role => "role",
            Kind::Function => "function",
        }
    }

    /// The IAM resource type of the resource itself (what `ACTION on NAME` acts on).
    pub fn iam_type(self) -> (&'static str, &'static str) {
        match self {
            Kind::Bucket => ("s3", "bucket"),
            Kind::Role => ("iam", "role"),
            Kind::Function => ("lambda", "function"),
        }
    }

    /// The attributes a reference can read (`reports.name`).
    pub fn attributes(self) -> &'static [Attribute] {
        match self {
            // arn:aws:s3::: + 63 characters of name.
            Kind::Bucket => &[Attribute { name: "arn", max_len: 76 }, Attribute { name: "name", max_len: 63 }],
            // arn:aws-us-gov:iam::123456789012:role/ + a 512-character path + 64 of name.
            Kind::Role => &[Attribute { name: "arn", max_len: 615 }, Attribute { name: "name", max_len: 64 }],
            // The API's FunctionArn pattern allows up to 140 characters.
            Kind::Function => &[Attribute { name: "arn", max_len: 140 }, Attribute { name: "name", max_len: 64 }],
        }
    }

    /// The sub-resources IAM statements can name (`reports.objects`).
    pub fn sub_resources(self) -> &'static [SubResource] {
        match self {
            Kind::Bucket => &[SubResource {
                name: "objects",
                takes_pattern: true,
                iam_service: "s3",
                iam_type: "object",
                noun: "objects",
            }],
            Kind::Role | Kind::Function => &[],
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.keyword())
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
        return Err(format!(
            "{kind} `{target}` has no sub-resource `{sub}`; name `{target}` itself"
        ));
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
/// applies to what the statement names. Returns the actions it stands for.
pub fn check_statement(action: &str, wildcard: bool, target: Target<'_>) -> Result<Vec<Action>, String> {
    let Some((service, name)) = action.split_once(':') else {
        return Err(format!("`{action}` is not an IAM action; expected `service:Action`, such as `s3:GetObject`"));
    };
    let is_pattern = name.contains('*') || name.contains('?');
    let actions = if is_pattern {
        if !wildcard {
            return Err(format!(
                "wildcard action `{action}` grants every action it matches; opt in explicitly with `wildcard({action})`, or name the actions"
            ));
        }
        iam::expand_wildcard(service, name)?
    } else {
        vec![iam::check_action(service, name)?]
    };
    match target {
        Target::Resource { kind, name } => {
            let (service, resource_type) = kind.iam_type();
            for action in &actions {
                let what = format!("{kind} `{name}`");
                applies_or_explain(action, service, resource_type, &what, kind, name)?;
            }
        }
        Target::Sub { kind, name, sub } => {
            for action in &actions {
                let what = format!("the {} of {kind} `{name}`", sub.noun);
                iam::check_applies(action, sub.iam_service, sub.iam_type, &what)?;
            }
        }
        Target::Arn("*") => {
            if !wildcard {
                if let Some(scoped) = actions.iter().find(|a| !a.needs_star_resource()) {
                    return Err(format!(
                        "`{}` can be limited to a resource, so `\"*\"` would grant it on every resource; name the resource, or opt in with `wildcard({action})`",
                        scoped.full_name()
                    ));
                }
            }
        }
        Target::Arn(arn) => {
            if !arn.starts_with("arn:") {
                return Err(format!(
                    "`{arn}` is not an ARN; name a resource of the stack, or write an ARN such as `arn:aws:s3:::bucket/*`"
                ));
            }
            let types = iam::arn_resource_types(arn);
            if types.is_empty() {
                return Err(format!("`{arn}` does not match the ARN format of any AWS resource type"));
            }
            for action in &actions {
                if action.needs_star_resource() {
                    continue;
                }
                let fits = types
                    .iter()
                    .any(|(service, resource_type)| action.service.eq_ignore_ascii_case(service) && action.applies_to(resource_type));
                if !fits {
                    let kinds: Vec<String> = types.iter().map(|(s, t)| format!("{s} {t}")).collect();
                    return Err(format!(
                        "`{}` does not apply to `{arn}` (an ARN of {}); it acts on {}",
                        action.full_name(),
                        kinds.join(" or "),
                        super::suggest::one_of(action.resource_types())
                    ));
                }
            }
        }
    }
    Ok(actions)
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
