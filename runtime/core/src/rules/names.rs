//! Names: the ones users write, and the AWS names lambda-stack derives from them.
//!
//! A declaration's name is a Rust identifier; it becomes the Terraform resource name as it is, and
//! AWS names are derived from it with the stack's name in front (`hello` in stack `shop` is the
//! function `shop-hello`), so two stacks in one account do not collide. Every AWS name limit
//! lambda-stack knows is here: functions, roles, buckets, queues, topics, tables, streams and
//! EventBridge rules. Rules are the API models' (botocore 1.44.8: SQS `CreateQueue`, SNS
//! `CreateTopic`, DynamoDB `TableName`, Kinesis `StreamName`, ...) and the S3 bucket naming rules
//! page (docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), as of 2026-11-25.
//!
//! ```
//! use lambda_stack_core::rules::names;
//! assert_eq!(names::function_name("shop", "hello"), "shop-hello");
//! assert!(names::check_function_name("shop", "hello").is_ok());
//! ```

use std::ops::RangeInclusive;

/// Lambda function names: `[a-zA-Z0-9_-]{1,64}`.
pub const MAX_FUNCTION_NAME: usize = 64;
/// IAM role names: `[\w+=,.@-]{1,64}`.
pub const MAX_ROLE_NAME: usize = 64;
/// S3 bucket names: 3 to 63 characters.
pub const BUCKET_NAME_CHARS: RangeInclusive<usize> = 3..=63;
/// Terraform's `bucket_prefix` (it appends 26 characters of its own).
pub const MAX_BUCKET_PREFIX: usize = 37;
/// The longest region name (`ap-southeast-5`), which ARNs and queue URLs contain.
pub const MAX_REGION_NAME: usize = 14;

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

/// The state key of an S3 backend is a relative object key (`hello.tfstate`), as S3 keys are.
pub fn check_state_key(key: &str) -> Result<(), String> {
    if key.is_empty() || key.starts_with('/') {
        return Err(format!("backend key `{key}` must be a relative object key, such as `hello.tfstate`"));
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

/// The suffix of FIFO queue and topic names.
pub const FIFO_SUFFIX: &str = ".fifo";
/// SQS queue names, `.fifo` included.
pub const MAX_QUEUE_NAME: usize = 80;
/// SNS topic names, `.fifo` included.
pub const MAX_TOPIC_NAME: usize = 256;
/// DynamoDB table names: `[a-zA-Z0-9_.-]{3,255}`.
pub const TABLE_NAME_CHARS: RangeInclusive<usize> = 3..=255;
/// Kinesis stream names: `[a-zA-Z0-9_.-]{1,128}`.
pub const STREAM_NAME_CHARS: RangeInclusive<usize> = 1..=128;

/// The SQS name of `queue` in `stack`, with `.fifo` for a FIFO queue.
pub fn queue_name(stack: &str, queue: &str, fifo: bool) -> String {
    format!("{stack}-{queue}{}", if fifo { FIFO_SUFFIX } else { "" })
}

/// The SNS name of `topic` in `stack`, with `.fifo` for a FIFO topic.
pub fn topic_name(stack: &str, topic: &str, fifo: bool) -> String {
    format!("{stack}-{topic}{}", if fifo { FIFO_SUFFIX } else { "" })
}

/// The DynamoDB name of `table` in `stack`.
pub fn table_name(stack: &str, table: &str) -> String {
    format!("{stack}-{table}")
}

/// The Kinesis name of `stream` in `stack`.
pub fn stream_name(stack: &str, stream: &str) -> String {
    format!("{stack}-{stream}")
}

/// An SQS queue name: at most 80 characters of letters, digits, `-` and `_`, ending in `.fifo`
/// exactly when the queue is FIFO.
pub fn check_queue_name(name: &str, fifo: bool) -> Result<(), String> {
    check_fifo_name("queue", "SQS", name, fifo, MAX_QUEUE_NAME)
}

/// An SNS topic name: at most 256 characters of letters, digits, `-` and `_`, ending in `.fifo`
/// exactly when the topic is FIFO.
pub fn check_topic_name(name: &str, fifo: bool) -> Result<(), String> {
    check_fifo_name("topic", "SNS", name, fifo, MAX_TOPIC_NAME)
}

fn check_fifo_name(kind: &str, service: &str, name: &str, fifo: bool, max: usize) -> Result<(), String> {
    let base = match (fifo, name.strip_suffix(FIFO_SUFFIX)) {
        (true, Some(base)) => base,
        (true, None) => return Err(format!("FIFO {kind} name `{name}` must end with `{FIFO_SUFFIX}`")),
        (false, Some(_)) => {
            return Err(format!(
                "{kind} name `{name}` ends with `{FIFO_SUFFIX}`, which {service} keeps for FIFO {kind}s; \
                 add `fifo: true` or rename it"
            ))
        }
        (false, None) => name,
    };
    if base.is_empty() {
        return Err(format!("{kind} name `{name}` is empty"));
    }
    if name.len() > max {
        return Err(format!("{kind} name `{name}` is {} characters, above {service}'s limit of {max}", name.len()));
    }
    if let Some(bad) = base.chars().find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        return Err(format!(
            "{kind} name `{name}` contains `{bad}`; {service} allows letters, digits, `-` and `_`{}",
            if fifo { " before `.fifo`" } else { "" }
        ));
    }
    Ok(())
}

/// A DynamoDB table name: 3–255 characters of letters, digits, `_`, `.` and `-`.
pub fn check_table_name(name: &str) -> Result<(), String> {
    check_dotted_name("table", "DynamoDB", name, &TABLE_NAME_CHARS)
}

/// A Kinesis stream name: 1–128 characters of letters, digits, `_`, `.` and `-`.
pub fn check_stream_name(name: &str) -> Result<(), String> {
    check_dotted_name("stream", "Kinesis", name, &STREAM_NAME_CHARS)
}

fn check_dotted_name(kind: &str, service: &str, name: &str, length: &RangeInclusive<usize>) -> Result<(), String> {
    if !length.contains(&name.len()) {
        return Err(format!(
            "{kind} name `{name}` must be {} to {} characters, found {}",
            length.start(),
            length.end(),
            name.len()
        ));
    }
    if let Some(bad) = name.chars().find(|&c| !(c.is_ascii_alphanumeric() || "_.-".contains(c))) {
        return Err(format!(
            "{kind} name `{name}` contains `{bad}`; {service} allows letters, digits, `_`, `.` and `-`"
        ));
    }
    Ok(())
}

/// An owned queue's AWS name (`{stack}-{queue}`, `.fifo` for FIFO) fits SQS's 80 characters.
pub fn check_owned_queue_name(stack: &str, queue: &str, fifo: bool) -> Result<(), String> {
    check_owned("queue", "SQS", stack, queue, &queue_name(stack, queue, fifo), MAX_QUEUE_NAME)?;
    check_queue_name(&queue_name(stack, queue, fifo), fifo)
}

/// An owned topic's AWS name (`{stack}-{topic}`, `.fifo` for FIFO) fits SNS's 256 characters.
pub fn check_owned_topic_name(stack: &str, topic: &str, fifo: bool) -> Result<(), String> {
    check_owned("topic", "SNS", stack, topic, &topic_name(stack, topic, fifo), MAX_TOPIC_NAME)?;
    check_topic_name(&topic_name(stack, topic, fifo), fifo)
}

/// An owned table's AWS name (`{stack}-{table}`) fits DynamoDB's 255 characters.
pub fn check_owned_table_name(stack: &str, table: &str) -> Result<(), String> {
    let name = table_name(stack, table);
    check_owned("table", "DynamoDB", stack, table, &name, *TABLE_NAME_CHARS.end())?;
    check_table_name(&name)
}

/// An owned stream's AWS name (`{stack}-{stream}`) fits Kinesis's 128 characters.
pub fn check_owned_stream_name(stack: &str, stream: &str) -> Result<(), String> {
    let name = stream_name(stack, stream);
    check_owned("stream", "Kinesis", stack, stream, &name, *STREAM_NAME_CHARS.end())?;
    check_stream_name(&name)
}

/// The derived name fits, and the declaration name is one AWS names can be built from.
fn check_owned(kind: &str, service: &str, stack: &str, declared: &str, name: &str, max: usize) -> Result<(), String> {
    if name.len() > max {
        return Err(format!(
            "{kind} name `{name}` (stack `{stack}` + {kind} `{declared}`) is {} characters, above \
             {service}'s limit of {max}; shorten the {kind} or stack name",
            name.len()
        ));
    }
    check_declaration_name(kind, declared)
}

/// The EventBridge rule of a function's `n`-th schedule (from 1): `{stack}-{function}-schedule`,
/// then `-schedule-2`, ...
pub fn schedule_rule_name(stack: &str, function: &str, n: usize) -> String {
    numbered_rule_name(stack, function, "schedule", n)
}

/// `{stack}-{function}-{what}` for the first, `-{what}-{n}` after.
fn numbered_rule_name(stack: &str, function: &str, what: &str, n: usize) -> String {
    match n {
        0 | 1 => format!("{stack}-{function}-{what}"),
        n => format!("{stack}-{function}-{what}-{n}"),
    }
}

/// An EventBridge rule name is at most 64 characters.
pub const MAX_RULE_NAME: usize = 64;

/// The rule name of a schedule fits EventBridge's 64 characters.
pub fn check_schedule_rule_name(stack: &str, function: &str, n: usize) -> Result<(), String> {
    check_rule_name(&schedule_rule_name(stack, function, n), "schedule")
}

/// An EventBridge rule name, generated for `this` (`schedule`, `trigger`), fits 64 characters.
fn check_rule_name(name: &str, this: &str) -> Result<(), String> {
    if name.len() > MAX_RULE_NAME {
        return Err(format!(
            "the EventBridge rule of this {this}, `{name}`, is {} characters, above EventBridge's limit of \
             {MAX_RULE_NAME}; shorten the function or stack name",
            name.len()
        ));
    }
    Ok(())
}

/// The EventBridge rule of a function's `n`-th `event(..)` trigger (from 1):
/// `{stack}-{function}-event`, then `-event-2`, ...
pub fn event_rule_name(stack: &str, function: &str, n: usize) -> String {
    numbered_rule_name(stack, function, "event", n)
}

/// The rule name of an `event(..)` trigger fits EventBridge's 64 characters.
pub fn check_event_rule_name(stack: &str, function: &str, n: usize) -> Result<(), String> {
    check_rule_name(&event_rule_name(stack, function, n), "trigger")
}

/// EventBridge bus names: at most 256 characters of letters, digits and `/._-`, and not `default`
/// (EventBridge API reference, `CreateEventBus`, as of 2026-12-03).
pub const MAX_BUS_NAME: usize = 256;

/// The EventBridge name of `bus` in `stack`.
pub fn bus_name(stack: &str, bus: &str) -> String {
    format!("{stack}-{bus}")
}

/// An EventBridge bus name: 1–256 characters of letters, digits and `/._-`.
pub fn check_bus_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > MAX_BUS_NAME {
        return Err(format!("bus name `{name}` must be 1 to {MAX_BUS_NAME} characters, found {}", name.len()));
    }
    if let Some(bad) = name.chars().find(|&c| !(c.is_ascii_alphanumeric() || "/._-".contains(c))) {
        return Err(format!(
            "bus name `{name}` contains `{bad}`; EventBridge allows letters, digits, `/`, `.`, `_` and `-`"
        ));
    }
    Ok(())
}

/// An owned bus's AWS name (`{stack}-{bus}`) fits EventBridge's 256 characters.
pub fn check_owned_bus_name(stack: &str, bus: &str) -> Result<(), String> {
    let name = bus_name(stack, bus);
    check_owned("bus", "EventBridge", stack, bus, &name, MAX_BUS_NAME)?;
    check_bus_name(&name)
}

/// The Terraform output of the stack's HTTP API URL.
pub const API_URL_OUTPUT: &str = "api_url";

/// The Terraform output of the URL of the stack's REST API's stage.
pub const REST_API_URL_OUTPUT: &str = "rest_api_url";

/// The Terraform output of the id of the REST API's key (`api_key: true`); the key's value is
/// `aws apigateway get-api-key --api-key ID --include-value`.
pub const REST_API_KEY_OUTPUT: &str = "rest_api_key_id";

/// The Terraform outputs of the HTTP API's custom domain: the host name its DNS record points at
/// (a CNAME or an alias), and that host's Route 53 zone (for an alias record).
pub const API_DOMAIN_TARGET_OUTPUT: &str = "api_domain_target";
pub const API_DOMAIN_ZONE_OUTPUT: &str = "api_domain_zone_id";

/// The Terraform output of a function's ARN.
pub fn function_arn_output(function: &str) -> String {
    format!("{function}_arn")
}

/// The output holding the ARN of a function's alias.
pub fn function_alias_arn_output(function: &str) -> String {
    format!("{function}_alias_arn")
}

/// The Terraform output of a function's URL (its `url` trigger).
pub fn function_url_output(function: &str) -> String {
    format!("{function}_function_url")
}

/// The Terraform output of a queue's URL.
pub fn queue_url_output(queue: &str) -> String {
    format!("{queue}_queue_url")
}

/// The Terraform output of a topic's ARN.
pub fn topic_arn_output(topic: &str) -> String {
    format!("{topic}_topic_arn")
}

/// A set of names Terraform or AWS keeps unique, and how it compares them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Namespace {
    /// The outputs of the Terraform root module: compared exactly.
    TerraformOutput,
    /// IAM role names of the account: IAM ignores case.
    IamRole,
    /// The inline policies of one IAM role (named by the role's declaration): IAM ignores case.
    IamInlinePolicy(String),
}

impl Namespace {
    /// The form two names are compared in.
    pub fn key(&self, name: &str) -> String {
        match self {
            Namespace::TerraformOutput => name.to_owned(),
            Namespace::IamRole | Namespace::IamInlinePolicy(_) => name.to_ascii_lowercase(),
        }
    }

    /// What two `owners` writing the same names `first` and `second` are told.
    pub fn clash(&self, first_owner: &str, first: &str, second_owner: &str, second: &str) -> String {
        match self {
            Namespace::TerraformOutput => format!(
                "{second_owner} writes the Terraform output `{second}`, which {first_owner} writes too; \
                 Terraform refuses two outputs of one name; rename one of them"
            ),
            Namespace::IamRole if first == second => format!(
                "{second_owner} gets the IAM role name `{second}`, which {first_owner} has too; rename one of them"
            ),
            Namespace::IamRole => format!(
                "{second_owner} gets the IAM role name `{second}`, which IAM, ignoring case, takes for \
                 `{first}` of {first_owner}; rename one of them"
            ),
            Namespace::IamInlinePolicy(role) => format!(
                "{second_owner} adds the inline policy `{second}` to role `{role}`, which IAM, ignoring case, \
                 takes for `{first}` of {first_owner}; rename one of them"
            ),
        }
    }
}

/// Secrets Manager secret names: at most 512 characters of letters, digits and `/_+=.@-`
/// (Secrets Manager API reference, `CreateSecret`, as of 2026-12-03).
pub const MAX_SECRET_NAME: usize = 512;
/// SSM parameter names: at most 1011 characters after the `/` of a path, 2048 with it
/// (Systems Manager API reference, `PutParameter`, as of 2026-12-03).
pub const MAX_PARAMETER_NAME: usize = 2048;
/// The most an SSM `String` parameter of the standard tier holds, in characters.
pub const MAX_PARAMETER_VALUE: usize = 4096;

/// The Secrets Manager name of `secret` in `stack`.
pub fn secret_name(stack: &str, secret: &str) -> String {
    format!("{stack}-{secret}")
}

/// The SSM name of `parameter` in `stack`: a path under the stack.
pub fn parameter_name(stack: &str, parameter: &str) -> String {
    format!("/{stack}/{parameter}")
}

/// A Secrets Manager secret name: 1–512 characters of letters, digits and `/_+=.@-`.
pub fn check_secret_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > MAX_SECRET_NAME {
        return Err(format!("secret name `{name}` must be 1 to {MAX_SECRET_NAME} characters, found {}", name.len()));
    }
    if let Some(bad) = name.chars().find(|&c| !(c.is_ascii_alphanumeric() || "/_+=.@-".contains(c))) {
        return Err(format!(
            "secret name `{name}` contains `{bad}`; Secrets Manager allows letters, digits and `/_+=.@-`"
        ));
    }
    Ok(())
}

/// An SSM parameter name: 1–2048 characters of letters, digits and `_.-/`.
pub fn check_parameter_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > MAX_PARAMETER_NAME {
        return Err(format!(
            "parameter name `{name}` must be 1 to {MAX_PARAMETER_NAME} characters, found {}",
            name.len()
        ));
    }
    if let Some(bad) = name.chars().find(|&c| !(c.is_ascii_alphanumeric() || "_.-/".contains(c))) {
        return Err(format!(
            "parameter name `{name}` contains `{bad}`; SSM allows letters, digits, `_`, `.`, `-` and `/`"
        ));
    }
    Ok(())
}

/// An owned secret's AWS name (`{stack}-{secret}`) fits Secrets Manager's 512 characters.
pub fn check_owned_secret_name(stack: &str, secret: &str) -> Result<(), String> {
    let name = secret_name(stack, secret);
    check_owned("secret", "Secrets Manager", stack, secret, &name, MAX_SECRET_NAME)?;
    check_secret_name(&name)
}

/// An owned parameter's AWS name (`/{stack}/{parameter}`) fits SSM's 2048 characters.
pub fn check_owned_parameter_name(stack: &str, parameter: &str) -> Result<(), String> {
    let name = parameter_name(stack, parameter);
    check_owned("parameter", "SSM", stack, parameter, &name, MAX_PARAMETER_NAME)?;
    check_parameter_name(&name)
}

/// An SSM `String` parameter's value: not empty, at most 4096 characters (the standard tier).
pub fn check_parameter_value(name: &str, value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err(format!("the `value` of parameter `{name}` is empty; SSM needs at least one character"));
    }
    let chars = value.chars().count();
    if chars > MAX_PARAMETER_VALUE {
        return Err(format!(
            "the `value` of parameter `{name}` is {chars} characters, above SSM's {MAX_PARAMETER_VALUE} for a standard parameter"
        ));
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

    #[test]
    fn names() {
        assert_eq!(queue_name("shop", "jobs", false), "shop-jobs");
        assert_eq!(queue_name("shop", "jobs", true), "shop-jobs.fifo");
        assert_eq!(topic_name("shop", "alerts", true), "shop-alerts.fifo");
        assert_eq!(table_name("shop", "orders"), "shop-orders");
        assert_eq!(stream_name("shop", "clicks"), "shop-clicks");

        assert!(check_queue_name("jobs", false).is_ok());
        assert!(check_queue_name("jobs.fifo", true).is_ok());
        assert!(check_queue_name("jobs", true).unwrap_err().contains("must end with `.fifo`"));
        assert!(check_queue_name("jobs.fifo", false).unwrap_err().contains("add `fifo: true`"));
        assert!(check_queue_name(".fifo", true).unwrap_err().contains("is empty"));
        assert!(check_queue_name("", false).unwrap_err().contains("is empty"));
        assert!(check_queue_name("my.jobs", false).unwrap_err().contains("contains `.`"));
        assert!(check_queue_name(&"q".repeat(80), false).is_ok());
        assert!(check_queue_name(&"q".repeat(81), false).is_err());
        assert!(check_queue_name(&format!("{}.fifo", "q".repeat(75)), true).is_ok());
        assert!(check_queue_name(&format!("{}.fifo", "q".repeat(76)), true).unwrap_err().contains("limit of 80"));
        assert!(check_topic_name(&"t".repeat(256), false).is_ok());
        assert!(check_topic_name(&"t".repeat(257), false).is_err());
        assert!(check_topic_name("alerts!", false).unwrap_err().contains("contains `!`"));

        assert!(check_table_name("shop.orders-v2_x").is_ok());
        assert!(check_table_name("ab").is_err());
        assert!(check_table_name(&"t".repeat(255)).is_ok());
        assert!(check_table_name(&"t".repeat(256)).is_err());
        assert!(check_table_name("orders/2").unwrap_err().contains("contains `/`"));
        assert!(check_stream_name("a").is_ok());
        assert!(check_stream_name("").is_err());
        assert!(check_stream_name(&"s".repeat(129)).is_err());

        assert!(check_owned_queue_name("shop", "jobs", true).is_ok());
        let message = check_owned_queue_name("shop", &"q".repeat(72), true).unwrap_err();
        assert!(message.contains("(stack `shop` + queue `qqq") && message.contains("limit of 80"), "{message}");
        assert!(check_owned_queue_name("shop", "jobs-1", false).unwrap_err().contains("ASCII letters, digits and `_`"));
        assert!(check_owned_topic_name("shop", "alerts", false).is_ok());
        assert!(check_owned_table_name("shop", "orders").is_ok());
        assert!(check_owned_table_name("shop", &"t".repeat(251)).is_err());
        assert!(check_owned_stream_name("shop", "clicks").is_ok());
        assert!(check_owned_stream_name("shop", &"s".repeat(124)).is_err());
    }

    #[test]
    fn iam_compares_names_without_case() {
        assert_eq!(Namespace::IamRole.key("shop-Shared"), Namespace::IamRole.key("shop-shared"));
        assert_ne!(Namespace::TerraformOutput.key("A_arn"), Namespace::TerraformOutput.key("a_arn"));
        assert_eq!(function_arn_output("alerts_topic"), topic_arn_output("alerts"));
    }

    #[test]
    fn schedule_rule_names() {
        assert!(check_schedule_rule_name("s", "f", 2).is_ok());
        assert_eq!(schedule_rule_name("s", "f", 2), "s-f-schedule-2");
        assert!(check_schedule_rule_name(&"s".repeat(30), &"f".repeat(30), 1).is_err());
    }
}
