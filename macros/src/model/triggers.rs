//! Triggers, one grammar wherever they appear: `http(GET "/items/{id}")`,
//! `s3(reports, on: created, prefix: "in/", suffix: ".csv")`, `sqs(jobs, batch_size: 10, window: 5)`,
//! `dynamodb(orders, start: latest)`, `kinesis(clicks, start: trim_horizon)`, `sns(alerts)`,
//! `schedule("rate(5 minutes)")`, `url(auth: iam)`.

use lambda_stack_core::decl::{ApiKind, StreamSource};
use lambda_stack_core::keys::{Arg as ArgName, TriggerKind};
use lambda_stack_core::rules::suggest::{did_you_mean, expected_one_of, one_of};
use proc_macro2::Span;
use syn::Ident;

use super::fields;
use super::json::{json, SpannedJson};
use super::sources::word;
use crate::errors::Errors;
use crate::parse::{Arg, Value};
use crate::span::{Range, Sp};

pub enum Trigger {
    Http {
        method: Sp<String>,
        path: Sp<String>,
        outlives_request: Option<Sp<bool>>,
        auth: Option<Box<super::auth::Auth>>,
    },
    /// `rest(GET "/items/{id}")`: a route of the REST API, written like an `http(..)` one.
    Rest {
        method: Sp<String>,
        path: Sp<String>,
        outlives_request: Option<Sp<bool>>,
        auth: Option<Box<super::auth::Auth>>,
    },
    S3(S3),
    Sqs(Box<Sqs>),
    Stream(Box<StreamRead>),
    Sns {
        keyword: Span,
        topic: Ident,
    },
    Schedule {
        keyword: Span,
        expression: Sp<String>,
        timezone: Option<Sp<String>>,
        input: Option<Sp<SpannedJson>>,
        flexible_window: Option<Sp<u64>>,
    },
    /// `event(BUS?, pattern: {..})`.
    Event {
        keyword: Span,
        bus: Option<Ident>,
        pattern: Sp<SpannedJson>,
    },
    Url {
        keyword: Span,
        auth: Option<Sp<String>>,
        cors: Option<super::cors::Cors>,
        stream: Option<Sp<bool>>,
    },
}

pub struct S3 {
    pub keyword: Span,
    pub bucket: Ident,
    pub on: Vec<Sp<String>>,
    pub prefix: Option<Sp<String>>,
    pub suffix: Option<Sp<String>>,
}

pub struct Sqs {
    pub keyword: Span,
    pub queue: Ident,
    pub batch_size: Option<Sp<u64>>,
    pub window: Option<Sp<u64>>,
    pub report_failures: Option<Sp<bool>>,
    pub max_concurrency: Option<Sp<u64>>,
    pub filters: Vec<Sp<SpannedJson>>,
    pub enabled: Option<Sp<bool>>,
}

pub struct StreamRead {
    pub keyword: Span,
    pub source: StreamSource,
    pub target: Ident,
    pub start: Option<Sp<String>>,
    pub batch_size: Option<Sp<u64>>,
    pub window: Option<Sp<u64>>,
    pub report_failures: Option<Sp<bool>>,
    pub filters: Vec<Sp<SpannedJson>>,
    pub bisect: Option<Sp<bool>>,
    pub max_retries: Option<Sp<u64>>,
    pub max_age: Option<Sp<u64>>,
    pub on_failure: Option<Ident>,
    pub parallelization: Option<Sp<u64>>,
    pub tumbling_window: Option<Sp<u64>>,
    pub enabled: Option<Sp<bool>>,
}

impl Trigger {
    /// The trigger's keyword.
    pub fn kind(&self) -> TriggerKind {
        match self {
            Trigger::Http { .. } => TriggerKind::Http,
            Trigger::Rest { .. } => TriggerKind::Rest,
            Trigger::S3(_) => TriggerKind::S3,
            Trigger::Sqs(_) => TriggerKind::Sqs,
            Trigger::Stream(s) => s.source.trigger(),
            Trigger::Sns { .. } => TriggerKind::Sns,
            Trigger::Schedule { .. } => TriggerKind::Schedule,
            Trigger::Url { .. } => TriggerKind::Url,
            Trigger::Event { .. } => TriggerKind::Event,
        }
    }

    /// Where the trigger starts, for its line in the `"//"` notes.
    pub fn span(&self) -> Span {
        match self {
            Trigger::Http { method, .. } | Trigger::Rest { method, .. } => method.span.start,
            Trigger::S3(t) => t.keyword,
            Trigger::Sqs(t) => t.keyword,
            Trigger::Stream(t) => t.keyword,
            Trigger::Sns { keyword, .. }
            | Trigger::Schedule { keyword, .. }
            | Trigger::Url { keyword, .. }
            | Trigger::Event { keyword, .. } => *keyword,
        }
    }
}

/// `triggers: [http(GET "/hello"), ...]`
pub fn triggers(errors: &mut Errors, value: &Value) -> Vec<Trigger> {
    let items = fields::list(errors, "triggers", value).unwrap_or_default();
    items.iter().filter_map(|item| trigger(errors, item)).collect()
}

/// The arguments of a call: its positional values, and its named ones checked against `named`.
struct Args<'a> {
    positional: Vec<&'a Value>,
    named: Vec<(&'a Ident, &'a Value)>,
}

impl<'a> Args<'a> {
    fn read(errors: &mut Errors, trigger: &str, args: &'a [Arg], takes: &[ArgName]) -> Args<'a> {
        let names: Vec<&str> = takes.iter().map(|arg| arg.name()).collect();
        let mut read = Args { positional: Vec::new(), named: Vec::new() };
        for arg in args {
            match arg {
                Arg::Positional(values) => read.positional.extend(values),
                Arg::Named { name, value } => {
                    let key = name.to_string();
                    if !names.contains(&key.as_str()) {
                        let expected = if names.is_empty() {
                            "; it takes none".to_owned()
                        } else {
                            match did_you_mean(&key, names.iter().copied()) {
                                hint if hint.is_empty() => {
                                    format!("; expected {}", one_of(names.iter().map(|n| format!("{n}:"))))
                                }
                                hint => hint,
                            }
                        };
                        errors.at(name.span(), format!("`{trigger}` takes no `{key}:` argument{expected}"));
                    } else if read.named.iter().any(|(n, _)| **n == key) {
                        errors.at(name.span(), format!("`{key}:` is given twice"));
                    } else {
                        read.named.push((name, value));
                    }
                }
            }
        }
        read
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.named.iter().find(|(name, _)| *name == key).map(|(_, value)| *value)
    }

    fn int(&self, errors: &mut Errors, key: &str, unit: &str) -> Option<Sp<u64>> {
        self.get(key).and_then(|v| fields::int(errors, key, unit, v))
    }

    fn boolean(&self, errors: &mut Errors, key: &str) -> Option<Sp<bool>> {
        self.get(key).and_then(|v| fields::boolean(errors, key, v))
    }

    /// The one positional argument naming the source (`jobs` in `sqs(jobs, ...)`).
    fn source(&self, errors: &mut Errors, trigger: &str, kind: &str, call: Span) -> Option<Ident> {
        match self.positional.as_slice() {
            [Value::Path(parts)] if parts.len() == 1 && parts[0].ident().is_some() => parts[0].ident().cloned(),
            [] => {
                errors.at(call, format!("`{trigger}(..)` needs the {kind} it reads, as in `{trigger}(NAME)`"));
                None
            }
            [first, ..] => {
                errors.at(
                    first.span(),
                    format!(
                        "expected the name of a {kind} of the stack, as in `{trigger}(NAME)`, found {}",
                        first.describe()
                    ),
                );
                None
            }
        }
    }

    fn no_positional(&self, errors: &mut Errors, trigger: &str, example: &str) {
        if let Some(first) = self.positional.first() {
            errors.at(first.span(), format!("`{trigger}` takes only named arguments, as in `{example}`"));
        }
    }
}

fn trigger(errors: &mut Errors, item: &Value) -> Option<Trigger> {
    let (name, args, paren) = match item {
        Value::Call { path, args, paren } if path.len() == 1 => (&path[0], args, paren),
        Value::Path(path) if path.len() == 1 && TriggerKind::from_keyword(&path[0].text()).is_some() => {
            let kind = path[0].text();
            errors.at(path[0].span(), format!("`{kind}` is a trigger: write `{kind}(..)`"));
            return None;
        }
        other => {
            errors.at(
                other.span(),
                format!("expected a trigger such as `http(GET \"/path\")` or `sqs(jobs)`, found {}", other.describe()),
            );
            return None;
        }
    };
    let keyword = name.span();
    let call = paren.span.join();
    let kind = name.text();
    match kind.as_str() {
        "http" => http(errors, TriggerKind::Http, args, call),
        "rest" => http(errors, TriggerKind::Rest, args, call),
        "s3" => {
            let a = Args::read(errors, "s3", args, TriggerKind::S3.args());
            let bucket = a.source(errors, "s3", "bucket", call);
            let on = a.get("on").map(|v| s3_events(errors, v)).unwrap_or_default();
            let prefix = a.get("prefix").and_then(|v| fields::string(errors, "prefix", v));
            let suffix = a.get("suffix").and_then(|v| fields::string(errors, "suffix", v));
            Some(Trigger::S3(S3 { keyword, bucket: bucket?, on, prefix, suffix }))
        }
        "sqs" => {
            let a = Args::read(errors, "sqs", args, TriggerKind::Sqs.args());
            let queue = a.source(errors, "sqs", "queue", call);
            let batch_size = a.int(errors, "batch_size", "messages");
            let window = a.int(errors, "window", "seconds");
            let report_failures = a.boolean(errors, "report_failures");
            let max_concurrency = a.int(errors, "max_concurrency", "concurrent invocations");
            let filters = a.get("filter").map(|v| filters(errors, v)).unwrap_or_default();
            let enabled = a.boolean(errors, "enabled");
            Some(Trigger::Sqs(Box::new(Sqs {
                keyword,
                queue: queue?,
                batch_size,
                window,
                report_failures,
                max_concurrency,
                filters,
                enabled,
            })))
        }
        "dynamodb" | "kinesis" => {
            let source = if kind == "dynamodb" { StreamSource::DynamoDb } else { StreamSource::Kinesis };
            let noun = if kind == "dynamodb" { "table" } else { "stream" };
            let a = Args::read(errors, &kind, args, source.trigger().args());
            let target = a.source(errors, &kind, noun, call);
            let start = a.get("start").and_then(|v| word(errors, "start", v));
            let batch_size = a.int(errors, "batch_size", "records");
            let window = a.int(errors, "window", "seconds");
            let report_failures = a.boolean(errors, "report_failures");
            let on_failure = a.get("on_failure").and_then(|v| fields::ident(errors, "on_failure", v)).cloned();
            Some(Trigger::Stream(Box::new(StreamRead {
                keyword,
                source,
                target: target?,
                start,
                batch_size,
                window,
                report_failures,
                filters: a.get("filter").map(|v| filters(errors, v)).unwrap_or_default(),
                bisect: a.boolean(errors, "bisect"),
                max_retries: a.int(errors, "max_retries", "retries"),
                max_age: a.int(errors, "max_age", "seconds"),
                on_failure,
                parallelization: a.int(errors, "parallelization", "batches per shard"),
                tumbling_window: a.int(errors, "tumbling_window", "seconds"),
                enabled: a.boolean(errors, "enabled"),
            })))
        }
        "sns" => {
            let a = Args::read(errors, "sns", args, TriggerKind::Sns.args());
            let topic = a.source(errors, "sns", "topic", call)?;
            Some(Trigger::Sns { keyword, topic })
        }
        "schedule" => {
            let a = Args::read(errors, "schedule", args, TriggerKind::Schedule.args());
            match a.positional.as_slice() {
                [Value::Str(lit)] => Some(Trigger::Schedule {
                    keyword,
                    expression: Sp::new(lit.value(), lit.span()),
                    timezone: a.get("timezone").and_then(|v| fields::string(errors, "timezone", v)),
                    input: a.get("input").and_then(|v| Some(Sp::new(json(errors, "input", v)?, v.span()))),
                    flexible_window: a.int(errors, "flexible_window", "minutes"),
                }),
                [] => {
                    errors.at(call, "`schedule(..)` needs an expression, as in `schedule(\"rate(5 minutes)\")`");
                    None
                }
                [first, ..] => {
                    errors.at(
                        first.span(),
                        format!(
                            "expected a schedule expression string such as \"rate(5 minutes)\" or \"cron(0 12 * * ? *)\", found {}",
                            first.describe()
                        ),
                    );
                    None
                }
            }
        }
        "event" => {
            let a = Args::read(errors, "event", args, TriggerKind::Event.args());
            let bus = match a.positional.as_slice() {
                [] => None,
                [Value::Path(parts)] if parts.len() == 1 && parts[0].ident().is_some() => parts[0].ident().cloned(),
                [first, ..] => {
                    let found = first.describe();
                    errors.at(first.span(), format!("expected the name of a bus of the stack, as in `event(orders_bus, pattern: {{ .. }})`, or no bus for the account's default one, found {found}"));
                    return None;
                }
            };
            let Some(value) = a.get("pattern") else {
                errors.at(call, "`event(..)` needs a `pattern:`, as in `event(pattern: { source: [\"aws.s3\"] })`: EventBridge sends a rule's target the events its pattern matches");
                return None;
            };
            let pattern = json(errors, "pattern", value)?;
            Some(Trigger::Event { keyword, bus, pattern: Sp::new(pattern, value.span()) })
        }
        "url" => {
            let a = Args::read(errors, "url", args, TriggerKind::Url.args());
            a.no_positional(errors, "url", "url(auth: iam)");
            let auth = a.get("auth").and_then(|v| word(errors, "auth", v));
            let cors = a.get("cors").and_then(|v| super::cors::Cors::from_value(errors, v));
            let stream = a.get("stream").and_then(|v| super::fields::boolean(errors, "stream", v));
            Some(Trigger::Url { keyword, auth, cors, stream })
        }
        other => {
            errors.at(
                keyword,
                format!(
                    "unknown trigger `{other}`{}",
                    expected_one_of(other, TriggerKind::ALL.iter().map(|kind| kind.keyword()))
                ),
            );
            None
        }
    }
}

/// `http(..)` and `rest(..)`, routes of the HTTP and the REST API, written alike.
fn http(errors: &mut Errors, kind: TriggerKind, args: &[Arg], call: Span) -> Option<Trigger> {
    let api = if kind == TriggerKind::Rest { ApiKind::Rest } else { ApiKind::Http };
    let keyword = kind.keyword();
    let mut outlives_request = None;
    let mut auth = None;
    for arg in args {
        if let Arg::Named { name, value } = arg {
            if name == "outlives_request" {
                outlives_request = super::fields::boolean(errors, "outlives_request", value);
                continue;
            }
            if name == "auth" {
                auth = super::auth::Auth::from_value(errors, value).map(Box::new);
                continue;
            }
            let span = Range::new(name.span(), value.span().end);
            let (limit, _) = lambda_stack_core::rules::http::integration_timeout(api);
            errors.at(
                span,
                format!(
                    "`{keyword}` takes no `{name}:` argument; write `{keyword}(METHOD \"/path\")`, with `auth:` for who \
                     may call the route, and `outlives_request: true` only for a function that may run past the API's \
                     {limit} s"
                ),
            );
            return None;
        }
    }
    let values = match args.iter().find(|arg| matches!(arg, Arg::Positional(_))) {
        Some(Arg::Positional(values)) => values.as_slice(),
        _ => &[],
    };
    match values {
        [Value::Path(method), Value::Str(path)] if method.len() == 1 => {
            let (method, path) = (Sp::new(method[0].text(), method[0].span()), Sp::new(path.value(), path.span()));
            Some(match api {
                ApiKind::Http => Trigger::Http { method, path, outlives_request, auth },
                ApiKind::Rest => Trigger::Rest { method, path, outlives_request, auth },
            })
        }
        [Value::Str(path)] => {
            errors.at(
                path.span(),
                format!("an `{keyword}` trigger needs a method before the path, as in `{keyword}(GET \"/hello\")`")
                    .replace("an `rest`", "a `rest`"),
            );
            None
        }
        _ => {
            errors.at(call, format!("expected a method and a path, as in `{keyword}(GET \"/orders/{{id}}\")`"));
            None
        }
    }
}

/// `filter: [{ body: { kind: ["order"] } }, ..]`: each item a pattern.
fn filters(errors: &mut Errors, value: &Value) -> Vec<Sp<SpannedJson>> {
    let Some(items) = fields::list(errors, "filter", value) else { return Vec::new() };
    items.iter().filter_map(|item| Some(Sp::new(json(errors, "filter", item)?, item.span()))).collect()
}

/// `on: created`, `on: [created, removed]`, `on: "s3:ObjectCreated:Put"`.
fn s3_events(errors: &mut Errors, value: &Value) -> Vec<Sp<String>> {
    let one = |errors: &mut Errors, value: &Value| match value {
        Value::Path(parts) if parts.len() == 1 => Some(Sp::new(parts[0].text(), parts[0].span())),
        Value::Str(lit) => Some(Sp::new(lit.value(), lit.span())),
        Value::Action(action) => Some(Sp::new(action.text(), action.span)),
        other => {
            errors.at(
                other.span(),
                format!("expected an s3 event such as `created` or `removed` for `on`, found {}", other.describe()),
            );
            None
        }
    };
    match value {
        Value::List { items, .. } => items.iter().filter_map(|item| one(errors, item)).collect(),
        single => one(errors, single).into_iter().collect(),
    }
}
