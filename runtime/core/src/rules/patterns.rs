//! Event patterns: an `event(..)` trigger's EventBridge pattern and an event source mapping's
//! `filter: [..]`, one grammar with two dialects. A pattern is a map whose leaves are lists of the
//! values they match; a value is a string, a number, `true`, `false`, `null`, or a one-key map
//! naming an operator. Lambda's filters take a subset of EventBridge's operators, and only the
//! fields its records have at the top.
//!
//! Sources, as of 2026-12-03:
//!
//! * EventBridge user guide, eb-event-patterns and eb-create-pattern-operators (the operators and
//!   their argument shapes; numeric matching "between -5.0e9 and +5.0e9"; `$or`), eb-events-structure
//!   (the envelope's top-level fields), eb-quota ("Event pattern size: 2048 characters by default,
//!   adjustable to 4096"; the `PutRule` API takes at most 4096).
//! * Lambda developer guide, invocation-eventfiltering (filter rule syntax: null, empty, equals,
//!   equals-ignore-case, and, or, anything-but, numeric, exists, prefix, suffix; "up to five
//!   different filters for a single event source mapping", 10 with a quota increase),
//!   with-sqs-filtering / with-kinesis-filtering ("only support filtering on the data key") /
//!   with-ddb-filtering (the records' top-level fields); the `Filter` API model (a pattern is at
//!   most 4096 characters).
//!
//! ```
//! use lambda_stack_core::json::Json;
//! use lambda_stack_core::rules::patterns::{pattern_findings, Dialect};
//! let leaf_not_a_list = Json::Map(vec![("source".into(), Json::Str("shop".into()))]);
//! assert_eq!(pattern_findings(&leaf_not_a_list, Dialect::EventBridge).len(), 1);
//! ```

use crate::json::Json;

use super::suggest::{did_you_mean, expected_one_of, one_of};

/// Which service reads the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// An EventBridge rule's `event_pattern`.
    EventBridge,
    /// A Lambda event source mapping's filter, on records of this source.
    Filter(FilterSource),
}

/// The records an event source mapping filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterSource {
    Sqs,
    Kinesis,
    DynamoDb,
}

/// The top-level fields of an EventBridge event (the envelope; what a source sends is `detail`).
pub const EVENT_FIELDS: [&str; 10] =
    ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail", "replay-name"];

/// The top-level fields of an SQS record that a filter can name (`body` is the message).
pub const SQS_RECORD_FIELDS: [&str; 10] = [
    "messageId",
    "receiptHandle",
    "body",
    "attributes",
    "messageAttributes",
    "md5OfBody",
    "md5OfMessageAttributes",
    "eventSource",
    "eventSourceARN",
    "awsRegion",
];

/// Kinesis mappings filter on the record's `data` only.
pub const KINESIS_RECORD_FIELDS: [&str; 1] = ["data"];

/// The top-level fields of a DynamoDB stream record (`dynamodb` holds the keys and images).
pub const DYNAMODB_RECORD_FIELDS: [&str; 8] =
    ["eventID", "eventName", "eventVersion", "eventSource", "awsRegion", "dynamodb", "userIdentity", "eventSourceARN"];

/// The operators of EventBridge's patterns; Lambda's filters take all but the last three.
pub const OPERATORS: [&str; 8] =
    ["prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists", "cidr", "wildcard"];
/// The EventBridge operators Lambda's filters do not take.
pub const EVENTBRIDGE_ONLY_OPERATORS: [&str; 2] = ["cidr", "wildcard"];

/// `numeric` comparisons.
pub const NUMERIC_OPERATORS: [&str; 5] = ["=", "<", "<=", ">", ">="];
/// The numbers `numeric` compares with, either side of zero.
pub const NUMERIC_BOUND: f64 = 5.0e9;

/// The size EventBridge takes without a quota increase, in characters.
pub const EVENT_PATTERN_DEFAULT_CHARS: usize = 2048;
/// The most `PutRule` and a mapping's `Filter` take, in characters.
pub const PATTERN_MAX_CHARS: usize = 4096;
/// Filters per event source mapping without a quota increase.
pub const MAX_FILTERS: usize = 5;

/// What is wrong at one node of a pattern ([`crate::json`]'s numbering); `key` when the finding
/// is about the node's key (`sorce:` rather than its value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternFinding {
    pub node: usize,
    pub key: bool,
    pub message: String,
    /// Deployable, but only with a raised quota.
    pub warning: bool,
}

impl Dialect {
    fn what(self) -> &'static str {
        match self {
            Dialect::EventBridge => "an event pattern",
            Dialect::Filter(_) => "a filter",
        }
    }

    /// The fields a pattern of this dialect can name at its top; `None` for any.
    pub fn top_fields(self) -> &'static [&'static str] {
        match self {
            Dialect::EventBridge => &EVENT_FIELDS,
            Dialect::Filter(FilterSource::Sqs) => &SQS_RECORD_FIELDS,
            Dialect::Filter(FilterSource::Kinesis) => &KINESIS_RECORD_FIELDS,
            Dialect::Filter(FilterSource::DynamoDb) => &DYNAMODB_RECORD_FIELDS,
        }
    }

    fn records(self) -> &'static str {
        match self {
            Dialect::EventBridge => "EventBridge events",
            Dialect::Filter(FilterSource::Sqs) => "SQS records",
            Dialect::Filter(FilterSource::Kinesis) => "Kinesis records (Lambda filters on `data` only)",
            Dialect::Filter(FilterSource::DynamoDb) => "DynamoDB stream records",
        }
    }
}

/// Everything wrong with `pattern` read as `dialect`: its shape, its operators and their
/// arguments, fields no event has, leaves that match nothing, and its size.
pub fn pattern_findings(pattern: &Json, dialect: Dialect) -> Vec<PatternFinding> {
    let mut findings = Findings { dialect, found: Vec::new() };
    match pattern {
        Json::Map(entries) if entries.is_empty() => {
            findings.at(
                0,
                false,
                format!("{} needs at least one field: an empty one matches every event", dialect.what()),
            );
        }
        Json::Map(_) => findings.fields(pattern, 0, true),
        other => findings.at(0, false, format!("{} is a map of fields, found {}", dialect.what(), other.describe())),
    }
    let size = pattern.to_text().chars().count();
    if size > PATTERN_MAX_CHARS {
        findings.at(
            0,
            false,
            format!("{} is {size} characters written out; the most AWS takes is {PATTERN_MAX_CHARS}", dialect.what()),
        );
    } else if dialect == Dialect::EventBridge && size > EVENT_PATTERN_DEFAULT_CHARS {
        findings.found.push(PatternFinding {
            node: 0,
            key: false,
            message: format!(
                "the event pattern is {size} characters written out: above EventBridge's default quota of {EVENT_PATTERN_DEFAULT_CHARS}, it deploys only where the `Event pattern size` quota was raised"
            ),
            warning: true,
        });
    }
    findings.found
}

/// The fields an event pattern names under `detail` that `detail_type` (a Rust function's
/// `EventBridgeEvent<T>`'s `T`, with its JSON field names) does not have: a pattern on them would
/// send the function events its type cannot read, or none at all.
pub fn detail_field_findings(pattern: &Json, detail_type: &str, fields: &[String]) -> Vec<PatternFinding> {
    let mut found = Vec::new();
    for (node, key, value) in pattern.children(0) {
        if key != Some("detail") {
            continue;
        }
        for (child, field, _) in value.children(node) {
            let Some(field) = field else { continue };
            if field == "$or" || fields.iter().any(|f| f == field) {
                continue;
            }
            let hint = match did_you_mean(field, fields.iter().map(String::as_str)) {
                hint if hint.is_empty() => format!("; its fields are {}", one_of(fields)),
                hint => hint,
            };
            found.push(PatternFinding {
                node: child,
                key: true,
                message: format!(
                    "the pattern matches `detail.{field}`, but the function reads `detail` as `{detail_type}`, which has no field `{field}`{hint}"
                ),
                warning: false,
            });
        }
    }
    found
}

/// Whether `event` matches `pattern`, as EventBridge (and Lambda's filters, on a record already
/// decoded) decides: every field the pattern names matches, a leaf when the event's value (or any
/// item of it, for a list) equals one of its values or satisfies one of its operators, `$or` when
/// one of its patterns does. A pattern [`pattern_findings`] rejects matches nothing.
///
/// ```
/// use lambda_stack_core::json::Json;
/// use lambda_stack_core::rules::patterns::matches;
/// let s = |t: &str| Json::Str(t.into());
/// let pattern = Json::Map(vec![("source".into(), Json::List(vec![s("shop")]))]);
/// assert!(matches(&pattern, &Json::Map(vec![("source".into(), s("shop"))])));
/// assert!(!matches(&pattern, &Json::Map(vec![("source".into(), s("other"))])));
/// ```
pub fn matches(pattern: &Json, event: &Json) -> bool {
    let Json::Map(fields) = pattern else { return false };
    fields.iter().all(|(key, wanted)| {
        if key == "$or" {
            return match wanted {
                Json::List(alternatives) => alternatives.iter().any(|alternative| matches(alternative, event)),
                _ => false,
            };
        }
        let value = match event {
            Json::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        };
        match wanted {
            Json::Map(_) => value.is_some_and(|value| matches(wanted, value)),
            Json::List(matchers) => matchers.iter().any(|matcher| leaf_matches(matcher, value)),
            _ => false,
        }
    })
}

/// One item of a leaf list against the event's value at that field (`None` when absent).
fn leaf_matches(matcher: &Json, value: Option<&Json>) -> bool {
    if let Json::Map(entries) = matcher {
        if let [(operator, operand)] = entries.as_slice() {
            if operator == "exists" {
                return matches!(operand, Json::Bool(exists) if *exists == value.is_some());
            }
        }
    }
    let Some(value) = value else { return false };
    match value {
        // An array matches when one of its items does.
        Json::List(items) => items.iter().any(|item| value_matches(matcher, item)),
        single => value_matches(matcher, single),
    }
}

fn value_matches(matcher: &Json, value: &Json) -> bool {
    match matcher {
        Json::Map(entries) => match entries.as_slice() {
            [(operator, operand)] => operator_matches(operator, operand, value),
            _ => false,
        },
        exact => same_value(exact, value),
    }
}

fn same_value(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => match (x.parse::<f64>(), y.parse::<f64>()) {
            (Ok(x), Ok(y)) => x == y,
            _ => x == y,
        },
        _ => a == b,
    }
}

fn operator_matches(operator: &str, operand: &Json, value: &Json) -> bool {
    let text = match value {
        Json::Str(text) => Some(text.as_str()),
        _ => None,
    };
    match operator {
        "prefix" | "suffix" => {
            let Some(text) = text else { return false };
            let (wanted, ignore_case) = match operand {
                Json::Str(wanted) => (wanted.clone(), false),
                Json::Map(inner) => match inner.as_slice() {
                    [(op, Json::Str(wanted))] if op == "equals-ignore-case" => (wanted.to_lowercase(), true),
                    _ => return false,
                },
                _ => return false,
            };
            let text = if ignore_case { text.to_lowercase() } else { text.to_owned() };
            if operator == "prefix" {
                text.starts_with(&wanted)
            } else {
                text.ends_with(&wanted)
            }
        }
        "equals-ignore-case" => match (operand, text) {
            (Json::Str(wanted), Some(text)) => wanted.to_lowercase() == text.to_lowercase(),
            _ => false,
        },
        "wildcard" => match (operand, text) {
            (Json::Str(glob), Some(text)) => wildcard_matches(glob, text),
            _ => false,
        },
        "cidr" => match (operand, text) {
            (Json::Str(block), Some(text)) => in_cidr(block, text),
            _ => false,
        },
        "numeric" => {
            let (Json::List(items), Json::Number(number)) = (operand, value) else { return false };
            let Ok(number) = number.parse::<f64>() else { return false };
            items.chunks(2).all(|pair| match pair {
                [Json::Str(op), Json::Number(bound)] => {
                    let Ok(bound) = bound.parse::<f64>() else { return false };
                    match op.as_str() {
                        "=" => number == bound,
                        "<" => number < bound,
                        "<=" => number <= bound,
                        ">" => number > bound,
                        ">=" => number >= bound,
                        _ => false,
                    }
                }
                _ => false,
            })
        }
        "anything-but" => match operand {
            Json::List(excluded) => !excluded.iter().any(|e| same_value(e, value)),
            Json::Map(inner) => match inner.as_slice() {
                [(op, Json::List(operands))] => !operands.iter().any(|o| operator_matches(op, o, value)),
                [(op, inner_operand)] => text.is_some() && !operator_matches(op, inner_operand, value),
                _ => false,
            },
            single => !same_value(single, value),
        },
        _ => false,
    }
}

/// `*` stands for any run of characters.
fn wildcard_matches(glob: &str, text: &str) -> bool {
    let parts: Vec<&str> = glob.split('*').collect();
    let [first, middle @ .., last] = parts.as_slice() else { return glob == text };
    if parts.len() == 1 {
        return glob == text;
    }
    let Some(mut rest) = text.strip_prefix(first) else { return false };
    for part in middle {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

fn in_cidr(block: &str, address: &str) -> bool {
    let Some((network, bits)) = block.split_once('/') else { return false };
    let Ok(bits) = bits.parse::<u32>() else { return false };
    match (network.parse::<std::net::IpAddr>(), address.parse::<std::net::IpAddr>()) {
        (Ok(std::net::IpAddr::V4(network)), Ok(std::net::IpAddr::V4(address))) if bits <= 32 => {
            let mask = if bits == 0 { 0 } else { u32::MAX << (32 - bits) };
            u32::from(network) & mask == u32::from(address) & mask
        }
        (Ok(std::net::IpAddr::V6(network)), Ok(std::net::IpAddr::V6(address))) if bits <= 128 => {
            let mask = if bits == 0 { 0 } else { u128::MAX << (128 - bits) };
            u128::from(network) & mask == u128::from(address) & mask
        }
        _ => false,
    }
}

/// Whether `pattern` matches only events whose `source` starts with `aws.`: those come from AWS
/// services, and `PutEvents` refuses them from anyone else, so a function cannot send them.
pub fn only_aws_sources(pattern: &Json) -> bool {
    let Json::Map(fields) = pattern else { return false };
    fields.iter().any(|(key, value)| match (key.as_str(), value) {
        ("source", Json::List(values)) => !values.is_empty() && values.iter().all(|value| match value {
            Json::Str(source) => source.starts_with("aws."),
            Json::Map(operator) => {
                matches!(operator.as_slice(), [(op, Json::Str(prefix))] if op == "prefix" && prefix.starts_with("aws."))
            }
            _ => false,
        }),
        _ => false,
    })
}

struct Findings {
    dialect: Dialect,
    found: Vec<PatternFinding>,
}

impl Findings {
    fn at(&mut self, node: usize, key: bool, message: String) {
        self.found.push(PatternFinding { node, key, message, warning: false });
    }

    /// A map of fields at `node`: each field is a nested map or a leaf list.
    fn fields(&mut self, map: &Json, node: usize, top: bool) {
        let mut seen: Vec<&str> = Vec::new();
        for (child, key, value) in map.children(node) {
            let key = key.unwrap_or_default();
            if seen.contains(&key) {
                self.at(child, true, format!("field `{key}` is written twice in {}", self.dialect.what()));
                continue;
            }
            seen.push(key);
            if key == "$or" {
                self.or(value, child);
                continue;
            }
            if top && !self.dialect.top_fields().contains(&key) {
                let fields = self.dialect.top_fields();
                self.at(
                    child,
                    true,
                    format!(
                        "{} have no top-level field `{key}`, so this never matches{}",
                        self.dialect.records(),
                        expected_one_of(key, fields.iter().copied())
                    ),
                );
                continue;
            }
            match value {
                Json::Map(entries) if entries.is_empty() => {
                    self.at(
                        child,
                        false,
                        format!("field `{key}` has no fields to match: write a list of values, or nested fields"),
                    );
                }
                Json::Map(_) => self.fields(value, child, false),
                Json::List(items) if items.is_empty() => {
                    self.at(child, false, format!("`{key}: []` matches no event: a leaf lists the values it matches"));
                }
                Json::List(_) => self.leaf(key, value, child),
                other => self.at(
                    child,
                    false,
                    format!(
                        "every leaf of {} is a list of the values it matches: write `{key}: [{}]`",
                        self.dialect.what(),
                        other.to_text()
                    ),
                ),
            }
        }
    }

    /// `$or: [{..}, {..}]`: EventBridge's, two or more patterns of which one must match.
    fn or(&mut self, value: &Json, node: usize) {
        if self.dialect != Dialect::EventBridge {
            self.at(node, true, "`$or` is EventBridge's: Lambda's filters do not take it; write the alternatives as filters of their own (any one of them lets a record through)".into());
            return;
        }
        match value {
            Json::List(items) if items.len() >= 2 && items.iter().all(|item| matches!(item, Json::Map(_))) => {
                for (child, _, item) in value.children(node) {
                    self.fields(item, child, false);
                }
            }
            _ => self.at(node, false, "`$or` takes a list of two or more patterns (maps)".into()),
        }
    }

    /// A leaf list: values and operators.
    fn leaf(&mut self, field: &str, list: &Json, node: usize) {
        for (child, _, item) in list.children(node) {
            match item {
                Json::Str(_) | Json::Number(_) | Json::Bool(_) | Json::Null => {}
                Json::List(_) => self.at(child, false, format!("a list inside the list of `{field}`: a leaf is one flat list of values")),
                Json::Map(entries) if entries.len() != 1 => self.at(
                    child,
                    false,
                    format!(
                        "an operator is a map of one key, found {} keys: write each as its own item of `{field}`'s list",
                        entries.len()
                    ),
                ),
                Json::Map(_) => {
                    let (operand_node, operator, operand) = item.children(child).remove(0);
                    self.operator(operator.unwrap_or_default(), operand, operand_node);
                }
            }
        }
    }

    fn operator(&mut self, operator: &str, operand: &Json, node: usize) {
        if !OPERATORS.contains(&operator) {
            let known: Vec<&str> = self.operators().collect();
            self.at(
                node,
                true,
                format!("unknown operator `{operator}`{}", expected_one_of(operator, known.iter().copied())),
            );
            return;
        }
        if !self.operators().any(|known| known == operator) {
            self.at(
                node,
                true,
                format!("`{operator}` is EventBridge's: Lambda's filters take {}", one_of(self.operators())),
            );
            return;
        }
        match operator {
            "prefix" | "suffix" => match operand {
                Json::Str(_) => {}
                Json::Map(entries) if entries.len() == 1 && entries[0].0 == "equals-ignore-case" => {
                    let (inner_node, _, inner) = operand.children(node).remove(0);
                    self.string_operand("equals-ignore-case", inner, inner_node);
                }
                _ => self.at(
                    node,
                    false,
                    format!(
                        "`{operator}` takes a string (or `{{ equals-ignore-case: \"..\" }}`), found {}",
                        operand.describe()
                    ),
                ),
            },
            "equals-ignore-case" | "cidr" => self.string_operand(operator, operand, node),
            "wildcard" => {
                self.string_operand(operator, operand, node);
                if let Json::Str(text) = operand {
                    if text.contains("**") {
                        self.at(node, false, "`wildcard` takes no consecutive `*`: `**` matches what `*` does, and EventBridge rejects it".into());
                    }
                }
            }
            "exists" if !matches!(operand, Json::Bool(_)) => {
                self.at(node, false, format!("`exists` takes `true` or `false`, found {}", operand.describe()));
            }
            "anything-but" => self.anything_but(operand, node),
            "numeric" => self.numeric(operand, node),
            _ => {}
        }
        if operator == "cidr" {
            if let Json::Str(text) = operand {
                if !is_cidr(text) {
                    self.at(
                        node,
                        false,
                        format!("`cidr` takes an IPv4 or IPv6 CIDR block (`10.0.0.0/24`), found `{text}`"),
                    );
                }
            }
        }
    }

    fn operators(&self) -> impl Iterator<Item = &'static str> + Clone {
        let dialect = self.dialect;
        OPERATORS
            .into_iter()
            .filter(move |op| dialect == Dialect::EventBridge || !EVENTBRIDGE_ONLY_OPERATORS.contains(op))
    }

    fn string_operand(&mut self, operator: &str, operand: &Json, node: usize) {
        if !matches!(operand, Json::Str(_)) {
            self.at(node, false, format!("`{operator}` takes a string, found {}", operand.describe()));
        }
    }

    /// `anything-but`: a value, a list of strings or of numbers, or `prefix`, `suffix`,
    /// `equals-ignore-case` or `wildcard` inside it.
    fn anything_but(&mut self, operand: &Json, node: usize) {
        match operand {
            Json::Str(_) | Json::Number(_) => {}
            Json::List(items) if items.is_empty() => {
                self.at(node, false, "`anything-but: []` excludes nothing: list what to exclude".into());
            }
            Json::List(items) => {
                let strings = items.iter().all(|item| matches!(item, Json::Str(_)));
                let numbers = items.iter().all(|item| matches!(item, Json::Number(_)));
                if !strings && !numbers {
                    self.at(
                        node,
                        false,
                        "`anything-but` takes a list of strings or a list of numbers, not a mix or other values".into(),
                    );
                }
            }
            Json::Map(entries) if entries.len() == 1 => {
                let (inner_node, inner_operator, inner) = operand.children(node).remove(0);
                let inner_operator = inner_operator.unwrap_or_default();
                let inside: Vec<&str> = ["prefix", "suffix", "equals-ignore-case", "wildcard"]
                    .into_iter()
                    .filter(|op| self.operators().any(|known| known == *op))
                    .collect();
                if !inside.contains(&inner_operator) {
                    self.at(
                        inner_node,
                        true,
                        format!(
                            "`anything-but` takes {} inside it, not `{inner_operator}`{}",
                            one_of(&inside),
                            did_you_mean(inner_operator, inside.iter().copied())
                        ),
                    );
                } else {
                    let takes_list = matches!(inner_operator, "equals-ignore-case" | "wildcard" | "prefix" | "suffix");
                    match inner {
                        Json::Str(_) => {}
                        Json::List(items) if takes_list && !items.is_empty() && items.iter().all(|i| matches!(i, Json::Str(_))) => {}
                        other => self.at(inner_node, false, format!("`{inner_operator}` inside `anything-but` takes a string or a list of strings, found {}", other.describe())),
                    }
                }
            }
            other => self.at(
                node,
                false,
                format!("`anything-but` takes a value, a list of values or an operator, found {}", other.describe()),
            ),
        }
    }

    /// `numeric: ["=", 5]`, `numeric: [">", 0, "<=", 5]`: comparisons and numbers in turn, at most
    /// a lower and an upper bound, and a range some number is in.
    fn numeric(&mut self, operand: &Json, node: usize) {
        let Json::List(items) = operand else {
            self.at(
                node,
                false,
                format!(
                    "`numeric` takes a list of comparisons and numbers (`[\">\", 0, \"<=\", 5]`), found {}",
                    operand.describe()
                ),
            );
            return;
        };
        if items.is_empty() || items.len() % 2 != 0 || items.len() > 4 {
            self.at(node, false, "`numeric` takes one or two comparisons, each followed by its number: `[\"=\", 5]` or `[\">\", 0, \"<=\", 5]`".into());
            return;
        }
        let children = operand.children(node);
        let mut lower: Option<(f64, bool)> = None;
        let mut upper: Option<(f64, bool)> = None;
        for pair in children.chunks(2) {
            let (op_node, _, op) = pair[0];
            let (number_node, _, number) = pair[1];
            let Json::Str(op) = op else {
                self.at(
                    op_node,
                    false,
                    format!("expected a comparison ({}), found {}", one_of(NUMERIC_OPERATORS), op.describe()),
                );
                return;
            };
            if !NUMERIC_OPERATORS.contains(&op.as_str()) {
                self.at(op_node, false, format!("unknown comparison `{op}`{}", expected_one_of(op, NUMERIC_OPERATORS)));
                return;
            }
            let value = match number {
                Json::Number(text) => text.parse::<f64>().ok(),
                _ => None,
            };
            let Some(value) = value else {
                self.at(number_node, false, format!("`{op}` compares with a number, found {}", number.describe()));
                return;
            };
            if value.abs() > NUMERIC_BOUND {
                self.at(
                    number_node,
                    false,
                    "EventBridge compares numbers from -5e9 to 5e9; this one is outside, so it never matches".into(),
                );
                return;
            }
            let bound = match op.as_str() {
                "=" if items.len() == 2 => continue,
                "=" => {
                    self.at(op_node, false, "`=` stands alone in `numeric`: `[\"=\", 5]`".into());
                    return;
                }
                ">" | ">=" => &mut lower,
                _ => &mut upper,
            };
            if bound.is_some() {
                self.at(
                    op_node,
                    false,
                    "`numeric` takes at most one lower bound (`>`, `>=`) and one upper bound (`<`, `<=`)".into(),
                );
                return;
            }
            *bound = Some((value, op.ends_with('=')));
        }
        if let (Some((low, low_inclusive)), Some((high, high_inclusive))) = (lower, upper) {
            if low > high || (low == high && !(low_inclusive && high_inclusive)) {
                self.at(
                    node,
                    false,
                    "no number is in this range, so it never matches: the lower bound is above the upper".into(),
                );
            }
        }
    }
}

/// `10.0.0.0/24` or `2001:db8::/32`.
fn is_cidr(text: &str) -> bool {
    let Some((address, bits)) = text.split_once('/') else { return false };
    let Ok(bits) = bits.parse::<u8>() else { return false };
    if address.parse::<std::net::Ipv4Addr>().is_ok() {
        return bits <= 32;
    }
    address.parse::<std::net::Ipv6Addr>().is_ok() && bits <= 128
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Json {
        Json::Str(text.into())
    }
    fn n(text: &str) -> Json {
        Json::Number(text.into())
    }
    fn list(items: Vec<Json>) -> Json {
        Json::List(items)
    }
    fn map(entries: Vec<(&str, Json)>) -> Json {
        Json::Map(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }
    fn op(name: &str, operand: Json) -> Json {
        map(vec![(name, operand)])
    }
    fn errors(pattern: &Json, dialect: Dialect) -> Vec<(usize, bool, String)> {
        pattern_findings(pattern, dialect)
            .into_iter()
            .filter(|f| !f.warning)
            .map(|f| (f.node, f.key, f.message))
            .collect()
    }

    #[test]
    fn design_pattern_is_valid() {
        let pattern = map(vec![
            ("source", list(vec![s("shop.orders")])),
            ("detail-type", list(vec![s("OrderPlaced")])),
            ("detail", map(vec![("total", list(vec![op("numeric", list(vec![s(">"), n("100")]))]))])),
        ]);
        assert_eq!(errors(&pattern, Dialect::EventBridge), []);
    }

    #[test]
    fn every_operator_in_its_shape() {
        let leaf = list(vec![
            op("prefix", s("a")),
            op("suffix", op("equals-ignore-case", s(".PNG"))),
            op("equals-ignore-case", s("x")),
            op("anything-but", list(vec![s("a"), s("b")])),
            op("anything-but", op("prefix", s("tmp/"))),
            op("numeric", list(vec![s(">="), n("0"), s("<"), n("5.5")])),
            op("exists", Json::Bool(false)),
            op("cidr", s("10.0.0.0/24")),
            op("wildcard", s("dir/*.png")),
            Json::Null,
            n("-1"),
        ]);
        let pattern = map(vec![("detail", map(vec![("x", leaf)]))]);
        assert_eq!(errors(&pattern, Dialect::EventBridge), []);
    }

    #[test]
    fn a_leaf_that_is_not_a_list_is_named_with_the_fix() {
        let pattern = map(vec![("source", s("shop"))]);
        let found = errors(&pattern, Dialect::EventBridge);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, 1);
        assert!(found[0].2.contains(r#"write `source: ["shop"]`"#), "{}", found[0].2);
    }

    #[test]
    fn unknown_operators_get_a_did_you_mean_on_the_key() {
        let pattern = map(vec![("detail", map(vec![("k", list(vec![op("prefx", s("a"))]))]))]);
        let found = errors(&pattern, Dialect::EventBridge);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1), (4, true));
        assert!(found[0].2.contains("did you mean `prefix`"), "{}", found[0].2);
    }

    #[test]
    fn filters_take_lambdas_operators_and_fields() {
        let wildcard = map(vec![("body", map(vec![("k", list(vec![op("wildcard", s("a*"))]))]))]);
        assert!(errors(&wildcard, Dialect::Filter(FilterSource::Sqs))[0].2.contains("is EventBridge's"));
        let kinesis = map(vec![("partitionKey", list(vec![s("1")]))]);
        assert!(errors(&kinesis, Dialect::Filter(FilterSource::Kinesis))[0].2.contains("`data` only"));
        let sqs = map(vec![("bdy", map(vec![("kind", list(vec![s("order")]))]))]);
        assert!(errors(&sqs, Dialect::Filter(FilterSource::Sqs))[0].2.contains("did you mean `body`"));
    }

    #[test]
    fn patterns_that_never_match() {
        let top = map(vec![("sources", list(vec![s("x")]))]);
        assert!(errors(&top, Dialect::EventBridge)[0].2.contains("did you mean `source`"));
        let empty = map(vec![("source", list(vec![]))]);
        assert!(errors(&empty, Dialect::EventBridge)[0].2.contains("matches no event"));
        let range = map(vec![(
            "detail",
            map(vec![("n", list(vec![op("numeric", list(vec![s(">"), n("10"), s("<"), n("5")]))]))]),
        )]);
        assert!(errors(&range, Dialect::EventBridge)[0].2.contains("never matches"));
        let touching = map(vec![(
            "detail",
            map(vec![("n", list(vec![op("numeric", list(vec![s(">="), n("5"), s("<="), n("5")]))]))]),
        )]);
        assert_eq!(errors(&touching, Dialect::EventBridge), []);
    }

    #[test]
    fn argument_shapes() {
        let cases = [
            op("numeric", list(vec![s(">"), s("5")])),
            op("numeric", list(vec![s("=>"), n("5")])),
            op("numeric", list(vec![s(">"), n("1"), s(">"), n("2")])),
            op("exists", s("yes")),
            op("prefix", n("1")),
            op("cidr", s("10.0.0.0/33")),
            op("anything-but", list(vec![s("a"), n("1")])),
            op("anything-but", op("numeric", list(vec![]))),
            op("wildcard", s("a**b")),
            map(vec![("prefix", s("a")), ("suffix", s("b"))]),
        ];
        for case in cases {
            let pattern = map(vec![("detail", map(vec![("k", list(vec![case.clone()]))]))]);
            assert_eq!(errors(&pattern, Dialect::EventBridge).len(), 1, "{}", case.to_text());
        }
    }

    #[test]
    fn or_is_eventbridges() {
        let or =
            map(vec![("$or", list(vec![map(vec![("a", list(vec![s("1")]))]), map(vec![("b", list(vec![s("2")]))])]))]);
        let pattern = map(vec![("detail", or)]);
        assert_eq!(errors(&pattern, Dialect::EventBridge), []);
        let filter = map(vec![("body", pattern.clone().children(0)[0].2.clone())]);
        assert!(errors(&filter, Dialect::Filter(FilterSource::Sqs))[0].2.contains("`$or` is EventBridge's"));
    }

    #[test]
    fn matching_as_eventbridge_does() {
        let event = map(vec![
            ("source", s("shop.orders")),
            ("detail-type", s("OrderPlaced")),
            (
                "detail",
                map(vec![
                    ("total", n("150")),
                    ("items", list(vec![s("book"), s("pen")])),
                    ("ip", s("10.0.3.7")),
                    ("file", s("in/report.CSV")),
                    ("note", Json::Null),
                ]),
            ),
        ]);
        let detail = |field: &str, matcher: Json| {
            map(vec![("source", list(vec![s("shop.orders")])), ("detail", map(vec![(field, list(vec![matcher]))]))])
        };
        let yes = [
            detail("total", op("numeric", list(vec![s(">"), n("100"), s("<="), n("150")]))),
            detail("total", n("150.0")),
            detail("items", s("pen")),
            detail("ip", op("cidr", s("10.0.0.0/16"))),
            detail("file", op("suffix", op("equals-ignore-case", s(".csv")))),
            detail("file", op("wildcard", s("in/*.CSV"))),
            detail("file", op("prefix", s("in/"))),
            detail("file", op("anything-but", op("prefix", s("out/")))),
            detail("total", op("anything-but", list(vec![n("1"), n("2")]))),
            detail("note", Json::Null),
            detail("missing", op("exists", Json::Bool(false))),
            detail("total", op("exists", Json::Bool(true))),
        ];
        for pattern in &yes {
            assert_eq!(errors(pattern, Dialect::EventBridge), [], "{}", pattern.to_text());
            assert!(matches(pattern, &event), "{}", pattern.to_text());
        }
        let no = [
            detail("total", op("numeric", list(vec![s(">"), n("150")]))),
            detail("items", s("cup")),
            detail("ip", op("cidr", s("10.1.0.0/16"))),
            detail("file", op("suffix", s(".csv"))),
            detail("file", op("anything-but", op("prefix", s("in/")))),
            detail("missing", s("x")),
            detail("missing", op("anything-but", s("x"))),
            detail("total", op("exists", Json::Bool(false))),
            map(vec![("source", list(vec![s("other")]))]),
        ];
        for pattern in &no {
            assert!(!matches(pattern, &event), "{}", pattern.to_text());
        }
        let either = map(vec![(
            "detail",
            map(vec![(
                "$or",
                list(vec![map(vec![("total", list(vec![n("1")]))]), map(vec![("items", list(vec![s("book")]))])]),
            )]),
        )]);
        assert!(matches(&either, &event));
    }

    /// An event's `detail` of string and number fields.
    fn detail_strategy() -> impl proptest::strategy::Strategy<Value = Vec<(String, Json)>> {
        use proptest::prelude::*;
        let value = prop_oneof![
            "[a-z./]{0,8}".prop_map(Json::Str),
            (-1000i64..1000).prop_map(|n| Json::Number(n.to_string())),
        ];
        proptest::collection::btree_map("[a-z]{1,6}", value, 1..5).prop_map(|m| m.into_iter().collect())
    }

    proptest::proptest! {
        /// A pattern made of an event's own values (exactly, by prefix, by numeric equality) is
        /// valid and matches it; one naming a field the event lacks does not.
        #[test]
        fn patterns_of_an_events_values_match_it(detail in detail_strategy(), by_operator in proptest::bool::ANY) {
            let event = map(vec![("source", s("shop")), ("detail", Json::Map(detail.clone()))]);
            let leaves: Vec<(String, Json)> = detail
                .iter()
                .map(|(key, value)| {
                    let matcher = match (value, by_operator) {
                        (Json::Str(text), true) => op("prefix", s(&text[..text.len() / 2])),
                        (Json::Number(_), true) => op("numeric", list(vec![s("="), value.clone()])),
                        _ => value.clone(),
                    };
                    (key.clone(), list(vec![matcher]))
                })
                .collect();
            let pattern = map(vec![("source", list(vec![s("shop")])), ("detail", Json::Map(leaves.clone()))]);
            proptest::prop_assert_eq!(errors(&pattern, Dialect::EventBridge), vec![]);
            proptest::prop_assert!(matches(&pattern, &event), "{}", pattern.to_text());
            let mut missing = leaves;
            missing.push(("zzzzzzz".into(), list(vec![s("x")])));
            let pattern = map(vec![("detail", Json::Map(missing))]);
            proptest::prop_assert!(!matches(&pattern, &event));
        }
    }

    #[test]
    fn size() {
        let long = map(vec![("source", list((0..300).map(|i| s(&format!("source.{i}"))).collect()))]);
        let findings = pattern_findings(&long, Dialect::EventBridge);
        assert!(
            findings.iter().all(|f| f.warning) && findings.iter().any(|f| f.message.contains("default quota")),
            "{findings:?}"
        );
        let huge = map(vec![("source", list((0..500).map(|i| s(&format!("source.{i}"))).collect()))]);
        assert!(errors(&huge, Dialect::EventBridge)[0].2.contains("the most AWS takes is 4096"));
    }
}
