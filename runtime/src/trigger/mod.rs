//! What invokes a function. A function without triggers is invoked by hand (or by other code).
//!
//! Push triggers (`http`, `s3`, `sns`, `schedule`, `url`) get a resource policy on the function
//! scoped to their source; poll triggers (`sqs`, `dynamodb`, `kinesis`) get an event source
//! mapping and the read permissions they need on the function's role.

use crate::origin::Origin;
use lambda_stack_core::decl::{self, S3Events, StartPosition, StreamSource, UrlAuth, Word};
use lambda_stack_core::keys::TriggerKind;

/// A trigger of a function.
///
/// ```
/// use lambda_stack_runtime::Trigger;
/// let route = Trigger::http("GET", "/orders/{id}");
/// assert_eq!(route.to_string(), "http(GET \"/orders/{id}\")");
/// let uploads: Trigger = Trigger::s3("uploads").on("created").prefix("in/").into();
/// assert_eq!(uploads.to_string(), "s3(uploads, on: created, prefix: \"in/\")");
/// let jobs: Trigger = Trigger::sqs("jobs").batch_size(100).window(5).into();
/// assert_eq!(jobs.to_string(), "sqs(jobs, batch_size: 100, window: 5)");
/// assert_eq!(Trigger::schedule("rate(5 minutes)").to_string(), "schedule(\"rate(5 minutes)\")");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Trigger {
    /// A route of the stack's HTTP API (API Gateway v2, payload format 2.0).
    Http { method: String, path: String, outlives_request: bool, auth: Option<crate::Auth>, origin: Origin },
    /// A route of the stack's REST API (API Gateway v1, Lambda proxy integration).
    Rest { method: String, path: String, outlives_request: bool, auth: Option<crate::Auth>, origin: Origin },
    /// Object events of a bucket.
    S3(S3Trigger),
    /// Messages of a queue.
    Sqs(SqsTrigger),
    /// Records of a DynamoDB table's stream or a Kinesis stream.
    Stream(StreamTrigger),
    /// Messages published to a topic.
    Sns { topic: String, origin: Origin },
    /// An EventBridge schedule: `rate(5 minutes)` or `cron(0 12 * * ? *)`.
    Schedule {
        expression: String,
        /// With any of these, or an `at(..)` expression, an EventBridge Scheduler schedule.
        timezone: Option<String>,
        input: Option<serde_json::Value>,
        flexible_window: Option<u64>,
        origin: Origin,
    },
    /// Events on an EventBridge bus that match a pattern.
    Event(EventTrigger),
    /// The function's own HTTPS URL; `auth` is `none` or `iam`, [`UrlAuth::default`] (IAM) when
    /// not given.
    Url { auth: Option<Word<UrlAuth>>, cors: Option<crate::Cors>, stream: bool, origin: Origin },
}

/// `s3(BUCKET, on: created, prefix: "in/", suffix: ".csv")`
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct S3Trigger {
    pub(crate) bucket: String,
    /// `created`, `removed`, `restored`, or S3 event names; `created` when empty.
    pub(crate) on: Vec<Word<S3Events>>,
    pub(crate) prefix: Option<String>,
    pub(crate) suffix: Option<String>,
    pub(crate) origin: Origin,
}

/// `sqs(QUEUE, batch_size: N, window: SECS, report_failures: bool)`
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct SqsTrigger {
    pub(crate) queue: String,
    pub(crate) batch_size: Option<u64>,
    pub(crate) window: Option<u64>,
    pub(crate) report_failures: bool,
    pub(crate) max_concurrency: Option<u64>,
    pub(crate) filters: Vec<serde_json::Value>,
    pub(crate) enabled: Option<bool>,
    pub(crate) origin: Origin,
}

/// `event(BUS, pattern: {..})`: an EventBridge rule on a bus of the stack, or on the account's
/// default bus.
///
/// ```
/// use lambda_stack_runtime::Trigger;
/// let placed: Trigger = Trigger::event(serde_json::json!({ "source": ["shop.orders"] })).bus("orders").into();
/// assert_eq!(placed.to_string(), r#"event(orders, pattern: {"source":["shop.orders"]})"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct EventTrigger {
    pub(crate) bus: Option<String>,
    pub(crate) pattern: serde_json::Value,
    pub(crate) origin: Origin,
}

/// `dynamodb(TABLE, start: latest, batch_size: N)` and `kinesis(STREAM, start: trim_horizon)`
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct StreamTrigger {
    pub(crate) source: StreamSource,
    pub(crate) target: String,
    pub(crate) start: Option<Word<StartPosition>>,
    pub(crate) batch_size: Option<u64>,
    pub(crate) window: Option<u64>,
    pub(crate) report_failures: bool,
    pub(crate) filters: Vec<serde_json::Value>,
    pub(crate) bisect: bool,
    pub(crate) max_retries: Option<u64>,
    pub(crate) max_age: Option<u64>,
    pub(crate) on_failure: Option<String>,
    pub(crate) parallelization: Option<u64>,
    pub(crate) tumbling_window: Option<u64>,
    pub(crate) enabled: Option<bool>,
    pub(crate) origin: Origin,
}

impl Trigger {
    #[track_caller]
    pub fn http(method: impl Into<String>, path: impl Into<String>) -> Self {
        Trigger::Http {
            method: method.into(),
            path: path.into(),
            outlives_request: false,
            auth: None,
            origin: Origin::caller(),
        }
    }

    /// A route of the stack's REST API ([`crate::RestApi`]): `GET`, `POST`, .. or `ANY`, and a
    /// path with `{name}` variables and perhaps a greedy `{proxy+}` at the end.
    ///
    /// ```
    /// use lambda_stack_runtime::Trigger;
    /// let route = Trigger::rest("GET", "/items/{id}");
    /// assert_eq!(route.to_string(), "rest(GET \"/items/{id}\")");
    /// ```
    #[track_caller]
    pub fn rest(method: impl Into<String>, path: impl Into<String>) -> Self {
        Trigger::Rest {
            method: method.into(),
            path: path.into(),
            outlives_request: false,
            auth: None,
            origin: Origin::caller(),
        }
    }

    /// On an `http` trigger: the function's `timeout` may exceed the HTTP API's 30 s, although the
    /// client gets a 503 at 30 s while the function runs on (for a function that also serves a
    /// slower trigger). Without it, such a timeout is an error. Other triggers are unchanged.
    ///
    /// ```
    /// use lambda_stack_runtime::Trigger;
    /// let route = Trigger::http("POST", "/imports").outlives_request();
    /// assert_eq!(route.to_string(), "http(POST \"/imports\", outlives_request: true)");
    /// ```
    pub fn outlives_request(mut self) -> Self {
        if let Trigger::Http { outlives_request, .. } | Trigger::Rest { outlives_request, .. } = &mut self {
            *outlives_request = true;
        }
        self
    }

    /// On an `http` trigger: who may call the route, instead of the [`crate::Api`]'s default
    /// (anyone, when the API sets none). Other triggers are unchanged.
    ///
    /// ```
    /// use lambda_stack_runtime::{Auth, Trigger};
    /// let route = Trigger::http("GET", "/health").auth(Auth::none());
    /// assert_eq!(route.to_string(), "http(GET \"/health\", auth: none)");
    /// ```
    pub fn auth(mut self, who: crate::Auth) -> Self {
        if let Trigger::Http { auth, .. } | Trigger::Rest { auth, .. } = &mut self {
            *auth = Some(who);
        }
        self
    }

    /// Object events of a bucket of the stack (`created` unless [`S3Trigger::on`] says otherwise).
    #[track_caller]
    pub fn s3(bucket: impl Into<String>) -> S3Trigger {
        S3Trigger { bucket: bucket.into(), on: Vec::new(), prefix: None, suffix: None, origin: Origin::caller() }
    }

    /// Messages of a queue of the stack.
    #[track_caller]
    pub fn sqs(queue: impl Into<String>) -> SqsTrigger {
        SqsTrigger {
            queue: queue.into(),
            batch_size: None,
            window: None,
            report_failures: false,
            max_concurrency: None,
            filters: Vec::new(),
            enabled: None,
            origin: Origin::caller(),
        }
    }

    /// Events matching `pattern` (an EventBridge event pattern) on the account's default bus, or
    /// on a bus of the stack with [`EventTrigger::bus`].
    #[track_caller]
    pub fn event(pattern: serde_json::Value) -> EventTrigger {
        EventTrigger { bus: None, pattern, origin: Origin::caller() }
    }

    /// Records of a table's stream.
    #[track_caller]
    pub fn dynamodb(table: impl Into<String>) -> StreamTrigger {
        StreamTrigger::new(StreamSource::DynamoDb, table.into())
    }

    /// Records of a Kinesis stream.
    #[track_caller]
    pub fn kinesis(stream: impl Into<String>) -> StreamTrigger {
        StreamTrigger::new(StreamSource::Kinesis, stream.into())
    }

    /// Messages published to a topic of the stack.
    #[track_caller]
    pub fn sns(topic: impl Into<String>) -> Self {
        Trigger::Sns { topic: topic.into(), origin: Origin::caller() }
    }

    /// An EventBridge schedule expression.
    #[track_caller]
    pub fn schedule(expression: impl Into<String>) -> Self {
        Trigger::Schedule {
            expression: expression.into(),
            timezone: None,
            input: None,
            flexible_window: None,
            origin: Origin::caller(),
        }
    }

    /// An EventBridge Scheduler schedule, given a [`ScheduleTrigger::timezone`], an
    /// [`ScheduleTrigger::input`] or a [`ScheduleTrigger::flexible_window`] (an `at(..)`
    /// expression is one without them too).
    ///
    /// ```
    /// use lambda_stack_runtime::Trigger;
    /// let daily: Trigger = Trigger::scheduled("cron(0 8 * * ? *)").timezone("Europe/Paris").into();
    /// assert_eq!(daily.to_string(), r#"schedule("cron(0 8 * * ? *)", timezone: "Europe/Paris")"#);
    /// ```
    #[track_caller]
    pub fn scheduled(expression: impl Into<String>) -> ScheduleTrigger {
        ScheduleTrigger(Trigger::schedule(expression))
    }

    /// A function URL, with `auth` `none` (public) or `iam` (SigV4-signed callers).
    #[track_caller]
    pub fn url(auth: impl Into<String>) -> Self {
        Trigger::Url {
            auth: Some(Word::new(auth, UrlAuth::parse)),
            cors: None,
            stream: false,
            origin: Origin::caller(),
        }
    }

    /// A function URL with the default auth, [`UrlAuth::default`]: IAM, since a URL is public
    /// only when it says so.
    #[track_caller]
    pub fn function_url() -> Self {
        Trigger::Url { auth: None, cors: None, stream: false, origin: Origin::caller() }
    }

    /// On a function URL: the browser origins, methods and headers it answers ([`crate::Cors`]).
    /// Other triggers are unchanged.
    ///
    /// ```
    /// use lambda_stack_runtime::{Cors, Trigger};
    /// let url = Trigger::url("none").cors(Cors::new().origins(["https://shop.example.com"]).methods(["GET"])).stream();
    /// assert_eq!(url.to_string(), "url(auth: none, cors, stream: true)");
    /// ```
    pub fn cors(mut self, rule: crate::Cors) -> Self {
        if let Trigger::Url { cors, .. } = &mut self {
            *cors = Some(rule);
        }
        self
    }

    /// On a function URL: stream the response (`RESPONSE_STREAM`; Node.js and OS-only runtimes).
    /// Other triggers are unchanged.
    pub fn stream(mut self) -> Self {
        if let Trigger::Url { stream, .. } = &mut self {
            *stream = true;
        }
        self
    }

    /// Where the trigger was declared.
    pub fn origin(&self) -> &Origin {
        match self {
            Trigger::Http { origin, .. }
            | Trigger::Rest { origin, .. }
            | Trigger::Sns { origin, .. }
            | Trigger::Schedule { origin, .. }
            | Trigger::Url { origin, .. } => origin,
            Trigger::Event(t) => &t.origin,
            Trigger::S3(t) => &t.origin,
            Trigger::Sqs(t) => &t.origin,
            Trigger::Stream(t) => &t.origin,
        }
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        let at = Origin { file: file.to_owned(), line };
        match &mut self {
            Trigger::Http { origin, .. }
            | Trigger::Rest { origin, .. }
            | Trigger::Sns { origin, .. }
            | Trigger::Schedule { origin, .. }
            | Trigger::Url { origin, .. } => *origin = at,
            Trigger::Event(t) => t.origin = at,
            Trigger::S3(t) => t.origin = at,
            Trigger::Sqs(t) => t.origin = at,
            Trigger::Stream(t) => t.origin = at,
        }
        self
    }

    /// The trigger's keyword: `http`, `rest`, `s3`, `sqs`, `dynamodb`, `kinesis`, `sns`, `schedule`, `url`.
    pub fn kind(&self) -> TriggerKind {
        match self {
            Trigger::Http { .. } => TriggerKind::Http,
            Trigger::Rest { .. } => TriggerKind::Rest,
            Trigger::S3(_) => TriggerKind::S3,
            Trigger::Sqs(_) => TriggerKind::Sqs,
            Trigger::Stream(t) => t.source.trigger(),
            Trigger::Sns { .. } => TriggerKind::Sns,
            Trigger::Schedule { .. } => TriggerKind::Schedule,
            Trigger::Url { .. } => TriggerKind::Url,
            Trigger::Event(_) => TriggerKind::Event,
        }
    }

    /// The trigger's keyword, as [`Trigger::kind`] names it.
    pub fn keyword(&self) -> &'static str {
        self.kind().keyword()
    }

    /// The trigger as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::Trigger {
        match self {
            Trigger::Http { method, path, outlives_request, auth, .. } => decl::Trigger::Http {
                method: method.clone(),
                path: path.clone(),
                outlives_request: *outlives_request,
                auth: auth.as_ref().map(|a| a.0.clone()),
            },
            Trigger::Rest { method, path, outlives_request, auth, .. } => decl::Trigger::Rest {
                method: method.clone(),
                path: path.clone(),
                outlives_request: *outlives_request,
                auth: auth.as_ref().map(|a| a.0.clone()),
            },
            Trigger::S3(t) => decl::Trigger::S3(t.to_decl()),
            Trigger::Sqs(t) => decl::Trigger::Sqs(decl::SqsTrigger {
                queue: t.queue.clone(),
                batch_size: t.batch_size,
                window: t.window,
                report_failures: t.report_failures,
                max_concurrency: t.max_concurrency,
                filters: t.filters.iter().map(to_json).collect(),
                enabled: t.enabled,
            }),
            Trigger::Stream(t) => decl::Trigger::Stream(decl::StreamTrigger {
                source: t.source,
                target: t.target.clone(),
                start: t.start.clone(),
                batch_size: t.batch_size,
                window: t.window,
                report_failures: t.report_failures,
                filters: t.filters.iter().map(to_json).collect(),
                bisect: t.bisect,
                max_retries: t.max_retries,
                max_age: t.max_age,
                on_failure: t.on_failure.clone(),
                parallelization: t.parallelization,
                tumbling_window: t.tumbling_window,
                enabled: t.enabled,
            }),
            Trigger::Event(t) => {
                decl::Trigger::Event(decl::EventTrigger { bus: t.bus.clone(), pattern: to_json(&t.pattern) })
            }
            Trigger::Sns { topic, .. } => decl::Trigger::Sns { topic: topic.clone() },
            Trigger::Schedule { expression, timezone, input, flexible_window, .. } => decl::Trigger::Schedule {
                expression: expression.clone(),
                timezone: timezone.clone(),
                input: input.as_ref().map(to_json),
                flexible_window: *flexible_window,
            },
            Trigger::Url { auth, cors, stream, .. } => {
                decl::Trigger::Url { auth: auth.clone(), cors: cors.as_ref().map(|c| c.0.clone()), stream: *stream }
            }
        }
    }

    /// The declaration the trigger reads from, if any (`jobs` in `sqs(jobs)`).
    pub fn source(&self) -> Option<&str> {
        match self {
            Trigger::S3(t) => Some(&t.bucket),
            Trigger::Sqs(t) => Some(&t.queue),
            Trigger::Stream(t) => Some(&t.target),
            Trigger::Sns { topic, .. } => Some(topic),
            Trigger::Event(t) => t.bus.as_deref(),
            Trigger::Http { .. } | Trigger::Rest { .. } | Trigger::Schedule { .. } | Trigger::Url { .. } => None,
        }
    }
}

impl S3Trigger {
    /// `created`, `removed`, `restored`, or an S3 event name such as `s3:ObjectCreated:Put`; may
    /// be given more than once.
    pub fn on(mut self, event: impl Into<String>) -> Self {
        self.on.push(Word::new(event, S3Events::parse));
        self
    }

    /// Only keys starting with this text (S3 filters are literal).
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// Only keys ending with this text.
    pub fn suffix(mut self, suffix: impl Into<String>) -> Self {
        self.suffix = Some(suffix.into());
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }
}

impl S3Trigger {
    /// The trigger as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::S3Trigger {
        decl::S3Trigger {
            bucket: self.bucket.clone(),
            on: self.on.clone(),
            prefix: self.prefix.clone(),
            suffix: self.suffix.clone(),
        }
    }
}

impl SqsTrigger {
    /// Messages per invocation (1–10,000, at most 10 for FIFO queues; Lambda's default 10).
    pub fn batch_size(mut self, size: u64) -> Self {
        self.batch_size = Some(size);
        self
    }

    /// Seconds Lambda waits to fill a batch (0–300; needed above 10 messages).
    pub fn window(mut self, seconds: u64) -> Self {
        self.window = Some(seconds);
        self
    }

    /// The function reports failed messages (`batchItemFailures`) so only those are retried.
    pub fn report_failures(mut self, report: bool) -> Self {
        self.report_failures = report;
        self
    }

    /// At most this many concurrent invocations from the queue's pollers (2–1,000; within the
    /// function's reserved concurrency).
    pub fn max_concurrency(mut self, max: u64) -> Self {
        self.max_concurrency = Some(max);
        self
    }

    /// Only messages matching this pattern (at most 5 filters; a message passes when it matches
    /// any one). `body` is the message, read as JSON.
    pub fn filter(mut self, pattern: serde_json::Value) -> Self {
        self.filters.push(pattern);
        self
    }

    /// `false`: the mapping is created but does not poll.
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }
}

impl StreamTrigger {
    #[track_caller]
    fn new(source: StreamSource, target: String) -> Self {
        StreamTrigger {
            source,
            target,
            start: None,
            batch_size: None,
            window: None,
            report_failures: false,
            filters: Vec::new(),
            bisect: false,
            max_retries: None,
            max_age: None,
            on_failure: None,
            parallelization: None,
            tumbling_window: None,
            enabled: None,
            origin: Origin::caller(),
        }
    }

    /// Only records matching this pattern (at most 5 filters; a record passes when it matches
    /// any one): `data` for Kinesis, `dynamodb` and `eventName` for a table's stream.
    pub fn filter(mut self, pattern: serde_json::Value) -> Self {
        self.filters.push(pattern);
        self
    }

    /// `true`: a failed batch is split in two and each half retried.
    pub fn bisect(mut self, bisect: bool) -> Self {
        self.bisect = bisect;
        self
    }

    /// Retries of a failed batch (0–10,000); until the record expires when not given.
    pub fn max_retries(mut self, retries: u64) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Records older than this many seconds are skipped (60–604,800).
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// A standard queue or topic of the stack, sent a description of each batch given up on.
    pub fn on_failure(mut self, target: impl Into<String>) -> Self {
        self.on_failure = Some(target.into());
        self
    }

    /// Batches of one shard processed at once (1–10).
    pub fn parallelization(mut self, factor: u64) -> Self {
        self.parallelization = Some(factor);
        self
    }

    /// Seconds of a tumbling window whose state invocations carry (0–900).
    pub fn tumbling_window(mut self, seconds: u64) -> Self {
        self.tumbling_window = Some(seconds);
        self
    }

    /// `false`: the mapping is created but does not poll.
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(enabled);
        self
    }

    /// `latest` (the default: records written from now on) or `trim_horizon` (every record the
    /// stream still holds).
    pub fn start(mut self, position: impl Into<String>) -> Self {
        let source = self.source;
        self.start = Some(Word::new(position, |word| StartPosition::parse(source, word)));
        self
    }

    /// Records per invocation (1–10,000; Lambda's default 100).
    pub fn batch_size(mut self, size: u64) -> Self {
        self.batch_size = Some(size);
        self
    }

    /// Seconds Lambda waits to fill a batch (0–300).
    pub fn window(mut self, seconds: u64) -> Self {
        self.window = Some(seconds);
        self
    }

    /// The function reports the first failed record (`batchItemFailures`) so the batch resumes there.
    pub fn report_failures(mut self, report: bool) -> Self {
        self.report_failures = report;
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }
}

/// `schedule(EXPRESSION, timezone: .., input: {..}, flexible_window: MINUTES)`: see
/// [`Trigger::scheduled`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct ScheduleTrigger(Trigger);

impl ScheduleTrigger {
    /// The tz database zone its cron or `at()` times are in (`Europe/Paris`); UTC otherwise.
    pub fn timezone(mut self, zone: impl Into<String>) -> Self {
        if let Trigger::Schedule { timezone, .. } = &mut self.0 {
            *timezone = Some(zone.into());
        }
        self
    }

    /// The event Scheduler sends the function, instead of `{}`.
    pub fn input(mut self, value: serde_json::Value) -> Self {
        if let Trigger::Schedule { input, .. } = &mut self.0 {
            *input = Some(value);
        }
        self
    }

    /// Minutes Scheduler may start it late, to spread invocations (1–1,440).
    pub fn flexible_window(mut self, minutes: u64) -> Self {
        if let Trigger::Schedule { flexible_window, .. } = &mut self.0 {
            *flexible_window = Some(minutes);
        }
        self
    }

    pub fn declared_at(self, file: &str, line: u32) -> Self {
        ScheduleTrigger(self.0.declared_at(file, line))
    }
}

impl From<ScheduleTrigger> for Trigger {
    fn from(trigger: ScheduleTrigger) -> Self {
        trigger.0
    }
}

impl EventTrigger {
    /// A `bus` of the stack, instead of the account's default bus.
    pub fn bus(mut self, bus: impl Into<String>) -> Self {
        self.bus = Some(bus.into());
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }
}

impl From<EventTrigger> for Trigger {
    fn from(trigger: EventTrigger) -> Self {
        Trigger::Event(trigger)
    }
}

/// A JSON value as the checker reads it.
pub(crate) fn to_json(value: &serde_json::Value) -> lambda_stack_core::json::Json {
    use lambda_stack_core::json::Json;
    match value {
        serde_json::Value::Null => Json::Null,
        serde_json::Value::Bool(b) => Json::Bool(*b),
        serde_json::Value::Number(n) => Json::Number(n.to_string()),
        serde_json::Value::String(s) => Json::Str(s.clone()),
        serde_json::Value::Array(items) => Json::List(items.iter().map(to_json).collect()),
        serde_json::Value::Object(map) => Json::Map(map.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

impl From<S3Trigger> for Trigger {
    fn from(trigger: S3Trigger) -> Self {
        Trigger::S3(trigger)
    }
}

impl From<SqsTrigger> for Trigger {
    fn from(trigger: SqsTrigger) -> Self {
        Trigger::Sqs(trigger)
    }
}

impl From<StreamTrigger> for Trigger {
    fn from(trigger: StreamTrigger) -> Self {
        Trigger::Stream(trigger)
    }
}

impl std::fmt::Display for Trigger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Trigger::Http { method, path, outlives_request, auth, .. }
            | Trigger::Rest { method, path, outlives_request, auth, .. } => {
                write!(f, "{}({method} {path:?}", self.keyword())?;
                if let Some(auth) = auth {
                    write!(f, ", auth: {auth}")?;
                }
                if *outlives_request {
                    f.write_str(", outlives_request: true")?;
                }
                f.write_str(")")
            }
            Trigger::S3(t) => {
                write!(f, "s3({}", t.bucket)?;
                match t.on.as_slice() {
                    [] => {}
                    [one] => write!(f, ", on: {}", one.written)?,
                    many => {
                        let words: Vec<&str> = many.iter().map(|on| on.written.as_str()).collect();
                        write!(f, ", on: [{}]", words.join(", "))?
                    }
                }
                if let Some(prefix) = &t.prefix {
                    write!(f, ", prefix: {prefix:?}")?;
                }
                if let Some(suffix) = &t.suffix {
                    write!(f, ", suffix: {suffix:?}")?;
                }
                f.write_str(")")
            }
            Trigger::Sqs(t) => {
                write!(f, "sqs({}", t.queue)?;
                if let Some(size) = t.batch_size {
                    write!(f, ", batch_size: {size}")?;
                }
                if let Some(window) = t.window {
                    write!(f, ", window: {window}")?;
                }
                if t.report_failures {
                    f.write_str(", report_failures: true")?;
                }
                if let Some(max) = t.max_concurrency {
                    write!(f, ", max_concurrency: {max}")?;
                }
                write_filters(f, &t.filters)?;
                if t.enabled == Some(false) {
                    f.write_str(", enabled: false")?;
                }
                f.write_str(")")
            }
            Trigger::Stream(t) => {
                write!(f, "{}({}", t.source.keyword(), t.target)?;
                if let Some(start) = &t.start {
                    write!(f, ", start: {}", start.written)?;
                }
                if let Some(size) = t.batch_size {
                    write!(f, ", batch_size: {size}")?;
                }
                if let Some(window) = t.window {
                    write!(f, ", window: {window}")?;
                }
                if t.report_failures {
                    f.write_str(", report_failures: true")?;
                }
                write_filters(f, &t.filters)?;
                if t.bisect {
                    f.write_str(", bisect: true")?;
                }
                let numbers = [
                    ("max_retries", t.max_retries),
                    ("max_age", t.max_age),
                    ("parallelization", t.parallelization),
                    ("tumbling_window", t.tumbling_window),
                ];
                for (name, value) in numbers {
                    if let Some(value) = value {
                        write!(f, ", {name}: {value}")?;
                    }
                }
                if let Some(target) = &t.on_failure {
                    write!(f, ", on_failure: {target}")?;
                }
                if t.enabled == Some(false) {
                    f.write_str(", enabled: false")?;
                }
                f.write_str(")")
            }
            Trigger::Event(t) => match &t.bus {
                Some(bus) => write!(f, "event({bus}, pattern: {})", t.pattern),
                None => write!(f, "event(pattern: {})", t.pattern),
            },
            Trigger::Sns { topic, .. } => write!(f, "sns({topic})"),
            Trigger::Schedule { expression, timezone, input, flexible_window, .. } => {
                write!(f, "schedule({expression:?}")?;
                if let Some(zone) = timezone {
                    write!(f, ", timezone: {zone:?}")?;
                }
                if let Some(input) = input {
                    write!(f, ", input: {input}")?;
                }
                if let Some(window) = flexible_window {
                    write!(f, ", flexible_window: {window}")?;
                }
                f.write_str(")")
            }
            Trigger::Url { auth, cors, stream, .. } => {
                // Without `auth`, what it amounts to, as the `"//"` notes of the output say.
                match auth {
                    Some(auth) => write!(f, "url(auth: {}", auth.written)?,
                    None => write!(f, "url(auth: {}", UrlAuth::default().word())?,
                }
                if cors.is_some() {
                    f.write_str(", cors")?;
                }
                if *stream {
                    f.write_str(", stream: true")?;
                }
                f.write_str(")")
            }
        }
    }
}

fn write_filters(f: &mut std::fmt::Formatter<'_>, filters: &[serde_json::Value]) -> std::fmt::Result {
    if filters.is_empty() {
        return Ok(());
    }
    let filters: Vec<String> = filters.iter().map(|filter| filter.to_string()).collect();
    write!(f, ", filter: [{}]", filters.join(", "))
}
