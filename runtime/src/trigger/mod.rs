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
    Schedule { expression: String, origin: Origin },
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
            origin: Origin::caller(),
        }
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
        Trigger::Schedule { expression: expression.into(), origin: Origin::caller() }
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
            }),
            Trigger::Stream(t) => decl::Trigger::Stream(decl::StreamTrigger {
                source: t.source,
                target: t.target.clone(),
                start: t.start.clone(),
                batch_size: t.batch_size,
                window: t.window,
                report_failures: t.report_failures,
            }),
            Trigger::Sns { topic, .. } => decl::Trigger::Sns { topic: topic.clone() },
            Trigger::Schedule { expression, .. } => decl::Trigger::Schedule { expression: expression.clone() },
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
            origin: Origin::caller(),
        }
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
                f.write_str(")")
            }
            Trigger::Sns { topic, .. } => write!(f, "sns({topic})"),
            Trigger::Schedule { expression, .. } => write!(f, "schedule({expression:?})"),
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
