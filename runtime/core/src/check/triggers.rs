//! Rules about triggers: what each reads, the settings its source accepts, and what two triggers
//! of a stack must not share (routes, overlapping S3 notifications).

use std::collections::BTreeMap;

use super::{At, Checker, Location, Resolved, TriggerPart};
use crate::decl::{ApiKind, DeclId, Function, S3Trigger, SqsTrigger, Stack, StreamSource, StreamTrigger, Trigger};
use crate::keys::{Arg, TriggerKind};
use crate::rules;

/// The shortest name a stack can have: a `#[function]` alone checks the names built from its
/// stack's (schedule rules) with it, so they fail only when every binding stack's would too.
const SHORTEST_STACK_NAME: &str = "s";

/// An s3 trigger of a bucket: where it is, its function, and the S3 events it subscribes to.
type Notifying<'a> = (Location, &'a str, &'a S3Trigger, Vec<&'static str>);

impl Checker<'_> {
    /// Each trigger reads a declaration of the right kind, once, with settings its source accepts.
    pub(super) fn check_triggers(&mut self, id: DeclId, function: &Function) {
        let resolved = self.check_trigger_sources(id, function);
        let mut schedules = 0;
        let mut scheduler_schedules = 0;
        let mut events = 0;
        let mut urls = 0;
        for (i, (trigger, resolved)) in function.triggers.iter().zip(resolved).enumerate() {
            let at = |part| Location::new(id, At::Trigger(i, part));
            match trigger {
                Trigger::Http { method, path, auth, .. } => {
                    self.check(at(TriggerPart::Arg(Arg::Method)), rules::http::check_method(method));
                    self.check(at(TriggerPart::Arg(Arg::Path)), rules::http::check_path(path));
                    if let Some(auth) = auth {
                        let place = |part| at(TriggerPart::Auth(part));
                        self.check_auth(ApiKind::Http, auth, Some(&function.name), place);
                    }
                }
                Trigger::Rest { method, path, auth, .. } => {
                    self.check_rest_trigger(id, i, function, method, path, auth)
                }
                Trigger::S3(s3) => self.check_s3_trigger(id, i, s3, resolved),
                Trigger::Sqs(sqs) => self.check_sqs_trigger(id, i, function, sqs, resolved),
                Trigger::Stream(stream) => self.check_stream_trigger(id, i, function, stream, resolved),
                Trigger::Sns { topic } => {
                    if resolved {
                        let fifo = self.stack().and_then(|s| s.topic_named(topic)).is_some_and(|t| t.is_fifo());
                        let subscription = rules::sns::check_sns_subscription(topic, fifo, &function.name);
                        self.check(at(TriggerPart::Arg(Arg::Source)), subscription);
                    }
                }
                Trigger::Schedule { expression, timezone, flexible_window, .. } => {
                    let scheduler = trigger.uses_scheduler();
                    let n = if scheduler {
                        scheduler_schedules += 1;
                        scheduler_schedules
                    } else {
                        schedules += 1;
                        schedules
                    };
                    if let Some(zone) = timezone {
                        self.check(at(TriggerPart::Arg(Arg::Timezone)), rules::scheduler::check_timezone(zone));
                    }
                    if let Some(window) = flexible_window {
                        let window = rules::scheduler::check_flexible_window(*window);
                        self.check(at(TriggerPart::Arg(Arg::FlexibleWindow)), window);
                    }
                    let at = at(TriggerPart::Arg(Arg::Expression));
                    // Two schedules at the same times are one, unless Scheduler sends them different
                    // inputs (or reads them in different zones).
                    let earlier = function.triggers[..i].iter().any(|t| match (t, trigger) {
                        (
                            Trigger::Schedule { expression: other, timezone: z1, input: i1, flexible_window: w1 },
                            Trigger::Schedule { timezone: z2, input: i2, flexible_window: w2, .. },
                        ) => rules::schedule::same_schedule(other, expression) && (z1, i1, w1) == (z2, i2, w2),
                        _ => false,
                    });
                    let valid = if rules::scheduler::is_at(expression) {
                        rules::scheduler::check_at(expression)
                    } else {
                        rules::schedule::check_schedule(expression)
                    };
                    if earlier {
                        let message = rules::schedule::duplicate_schedule(&function.name, expression);
                        self.error(at, message);
                    } else if self.check(at, valid).is_some() {
                        let stack = self.stack().map_or(SHORTEST_STACK_NAME, |s| s.name.as_str());
                        let base = function.adopt.naming_base(&function.name);
                        let names = if scheduler {
                            rules::scheduler::check_names(stack, base, n)
                        } else {
                            rules::names::check_schedule_rule_name(stack, base, n)
                        };
                        self.check(at, names);
                    }
                }
                Trigger::Event(event) => {
                    events += 1;
                    self.check_pattern(id, i, None, &event.pattern, rules::patterns::Dialect::EventBridge);
                    if let Some((detail_type, fields)) = &function.detail {
                        for finding in rules::patterns::detail_field_findings(&event.pattern, detail_type, fields) {
                            let part = TriggerPart::Pattern { node: finding.node, key: finding.key };
                            self.error(Location::new(id, At::Trigger(i, part)), finding.message);
                        }
                    }
                    let stack = self.stack().map_or(SHORTEST_STACK_NAME, |s| s.name.as_str());
                    let base = function.adopt.naming_base(&function.name);
                    let name = rules::names::check_event_rule_name(stack, base, events);
                    self.check(at(TriggerPart::Keyword), name);
                }
                Trigger::Url { auth, cors, stream } => {
                    urls += 1;
                    if let Some(auth) = auth {
                        self.check(at(TriggerPart::Arg(Arg::Auth)), auth.parsed.clone());
                    }
                    for (key, item, message) in cors.iter().flat_map(rules::cors::check_cors) {
                        self.error(at(TriggerPart::Cors(key, item)), message);
                    }
                    if *stream {
                        let family = function.runtime.as_deref().and_then(rules::runtimes::lookup).map(|r| r.family);
                        self.check(at(TriggerPart::Arg(Arg::Stream)), rules::urls::check_stream(family, function.rust));
                    }
                    self.check(at(TriggerPart::Keyword), rules::urls::check_url_count(&function.name, urls));
                }
            }
        }
    }

    /// Each trigger's source is a declaration of the kind it reads, named once per function;
    /// returns, per trigger, whether its source resolved to the right kind (or is deferred).
    fn check_trigger_sources(&mut self, id: DeclId, function: &Function) -> Vec<bool> {
        let mut seen: Vec<(TriggerKind, &str)> = Vec::new();
        let mut resolved = Vec::new();
        for (i, trigger) in function.triggers.iter().enumerate() {
            let kind = trigger.kind();
            let (Some(source), Some(wanted)) = (trigger.source(), kind.source()) else {
                resolved.push(true);
                continue;
            };
            let at = Location::new(id, At::Trigger(i, TriggerPart::Arg(Arg::Source)));
            let ok = match self.resolve(source, at) {
                Resolved::Kind(found) => {
                    self.check(at, rules::sources::check_trigger_source(kind, source, found)).is_some()
                }
                Resolved::Missing => false,
                Resolved::Deferred => {
                    self.refer(&function.name, source, vec![wanted], format!("`{kind}({source})`"));
                    true
                }
            };
            resolved.push(ok);
            if ok && kind.once_per_source() {
                if seen.contains(&(kind, source)) {
                    self.error(
                        at,
                        format!(
                            "function `{}` already has a `{kind}({source})` trigger; Lambda maps a source to a function once",
                            function.name
                        ),
                    );
                }
                seen.push((kind, source));
            }
        }
        resolved
    }

    /// An s3 trigger's events are S3's, its filters are literal and within 1,024 characters, and
    /// an existing bucket's notifications are replaced (a warning).
    fn check_s3_trigger(&mut self, id: DeclId, i: usize, s3: &S3Trigger, resolved: bool) {
        let at = |part| Location::new(id, At::Trigger(i, part));
        for (j, on) in s3.on.iter().enumerate() {
            self.check(at(TriggerPart::On(j)), on.parsed.clone());
        }
        for (arg, value) in [(Arg::Prefix, &s3.prefix), (Arg::Suffix, &s3.suffix)] {
            if let Some(value) = value {
                self.check(at(TriggerPart::Arg(arg)), rules::s3::check_s3_filter(arg.name(), value));
            }
        }
        let existing = self.stack().and_then(|s| s.bucket_named(&s3.bucket)).is_some_and(|b| b.existing.is_some());
        if resolved && existing {
            let warning = rules::s3::check_existing_bucket_notification(&s3.bucket);
            self.verdict(at(TriggerPart::Arg(Arg::Source)), warning);
        }
    }

    /// An sqs trigger's batch fits its queue (1–10,000, at most 10 for FIFO, a window above 10),
    /// and the function's timeout is within the queue's visibility timeout.
    fn check_sqs_trigger(&mut self, id: DeclId, i: usize, function: &Function, sqs: &SqsTrigger, resolved: bool) {
        let queue = if resolved { self.stack().and_then(|s| s.queue_named(&sqs.queue)) } else { None };
        let fifo = queue.is_some_and(|q| q.is_fifo());
        let batch_size = sqs.batch_size.unwrap_or(rules::sqs::DEFAULT_SQS_BATCH_SIZE);
        if let Err((arg, message)) = rules::sqs::check_sqs_batch(batch_size, sqs.window, fifo) {
            let written = [(Arg::BatchSize, sqs.batch_size), (Arg::Window, sqs.window)];
            self.error(Location::new(id, At::Trigger(i, blame(arg, &written))), message);
        }
        if let Some(max) = sqs.max_concurrency {
            let result = rules::sqs::check_max_concurrency(max, function.reserved_concurrency, &function.name);
            self.check(Location::new(id, At::Trigger(i, TriggerPart::Arg(Arg::MaxConcurrency))), result);
        }
        self.check_filters(id, i, &sqs.filters, rules::patterns::FilterSource::Sqs);
        if let Some(visibility) = queue.and_then(|q| q.visibility_seconds()) {
            let result = rules::sqs::check_visibility_timeout(
                function.timeout_seconds(),
                visibility,
                &sqs.queue,
                &function.name,
            );
            self.check(Location::new(id, At::Trigger(i, TriggerPart::Arg(Arg::Source))), result);
        }
    }

    /// A dynamodb or kinesis trigger starts at `latest` or `trim_horizon`, its batch is 1–10,000
    /// records, and a dynamodb trigger's table has a stream.
    fn check_stream_trigger(
        &mut self,
        id: DeclId,
        i: usize,
        function: &Function,
        stream: &StreamTrigger,
        resolved: bool,
    ) {
        let at = |part| Location::new(id, At::Trigger(i, part));
        let source = match stream.source {
            StreamSource::DynamoDb => rules::patterns::FilterSource::DynamoDb,
            StreamSource::Kinesis => rules::patterns::FilterSource::Kinesis,
        };
        self.check_filters(id, i, &stream.filters, source);
        let failures = rules::streams::check_stream_failure_handling(
            stream.max_retries,
            stream.max_age,
            stream.parallelization,
            stream.tumbling_window,
        );
        for (arg, message) in failures {
            self.error(at(TriggerPart::Arg(arg)), message);
        }
        if let Some(target) = &stream.on_failure {
            self.check_stream_on_failure(id, i, function, target);
        }
        if let Some(start) = &stream.start {
            self.check(at(TriggerPart::Arg(Arg::Start)), start.parsed.clone());
        }
        let batch_size = stream.batch_size.unwrap_or(rules::streams::DEFAULT_STREAM_BATCH_SIZE);
        if let Err((arg, message)) = rules::streams::check_stream_batch(stream.source, batch_size, stream.window) {
            let written = [(Arg::BatchSize, stream.batch_size), (Arg::Window, stream.window)];
            self.error(at(blame(arg, &written)), message);
        }
        if resolved && stream.source == StreamSource::DynamoDb {
            if let Some(table) = self.stack().and_then(|s| s.table_named(&stream.target)) {
                let has = rules::streams::check_table_has_stream(&table.name, table.has_stream());
                self.check(at(TriggerPart::Arg(Arg::Source)), has);
            }
        }
    }

    /// A stream trigger's `on_failure` is a standard queue or topic of the stack.
    fn check_stream_on_failure(&mut self, id: DeclId, i: usize, function: &Function, target: &str) {
        let at = Location::new(id, At::Trigger(i, TriggerPart::Arg(Arg::OnFailure)));
        match self.resolve(target, at) {
            Resolved::Kind(kind) => {
                let stack = self.stack();
                let fifo = stack.and_then(|s| s.queue_named(target)).is_some_and(|q| q.is_fifo())
                    || stack.and_then(|s| s.topic_named(target)).is_some_and(|t| t.is_fifo());
                self.check(at, rules::streams::check_stream_on_failure(target, kind, fifo));
            }
            Resolved::Missing => {}
            Resolved::Deferred => {
                let fit = vec![crate::keys::Kind::Queue, crate::keys::Kind::Topic];
                self.refer(&function.name, target, fit, "`on_failure`".to_owned());
            }
        }
    }

    /// A mapping has at most 5 filters, each a pattern Lambda takes for its source's records.
    fn check_filters(
        &mut self,
        id: DeclId,
        i: usize,
        filters: &[crate::json::Json],
        source: rules::patterns::FilterSource,
    ) {
        for (index, filter) in filters.iter().enumerate() {
            if index == rules::patterns::MAX_FILTERS {
                let message = format!(
                    "a mapping takes at most {} filters (10 with a quota increase), found {}; a record passes when \
                     it matches any one, so `$or`-like alternatives can often share one filter's lists",
                    rules::patterns::MAX_FILTERS,
                    filters.len()
                );
                self.error(
                    Location::new(id, At::Trigger(i, TriggerPart::Filter { index, node: 0, key: false })),
                    message,
                );
            }
            self.check_pattern(id, i, Some(index), filter, rules::patterns::Dialect::Filter(source));
        }
    }

    /// A pattern's findings, on the node each is about.
    fn check_pattern(
        &mut self,
        id: DeclId,
        i: usize,
        filter: Option<usize>,
        pattern: &crate::json::Json,
        dialect: rules::patterns::Dialect,
    ) {
        for finding in rules::patterns::pattern_findings(pattern, dialect) {
            let part = match filter {
                Some(index) => TriggerPart::Filter { index, node: finding.node, key: finding.key },
                None => TriggerPart::Pattern { node: finding.node, key: finding.key },
            };
            let at = Location::new(id, At::Trigger(i, part));
            if finding.warning {
                self.warning(at, finding.message);
            } else {
                self.error(at, finding.message);
            }
        }
    }

    /// A route belongs to one function: the stack has one HTTP API.
    pub(super) fn check_unique_routes(&mut self, stack: &Stack) {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (f, function) in stack.functions.iter().enumerate() {
            for (i, trigger) in function.triggers.iter().enumerate() {
                let Trigger::Http { method, path, .. } = trigger else { continue };
                let key = rules::http::route_key(method, path);
                match seen.get(&key) {
                    Some(first) => self.error(
                        Location::new(DeclId::Function(f), At::Trigger(i, TriggerPart::Arg(Arg::Path))),
                        format!("route `{key}` is already declared by function `{first}`; the stack's HTTP API sends a route to one function"),
                    ),
                    None => {
                        seen.insert(key, &function.name);
                    }
                }
            }
        }
    }

    /// A function's invoke permissions fit Lambda's 20 KB resource policy, its routes sharing one
    /// API-wide permission when theirs would not.
    pub(super) fn check_policy_budget(&mut self, stack: &Stack) {
        let default_auth = stack.api.as_ref().and_then(|api| api.auth.as_ref());
        let mut authorizers: BTreeMap<&str, std::collections::BTreeSet<String>> = BTreeMap::new();
        for function in &stack.functions {
            for trigger in &function.triggers {
                let Trigger::Http { auth, .. } = trigger else { continue };
                let Some(auth) = auth.as_ref().or(default_auth) else { continue };
                if let (Some(key), Some(authorizer)) = (auth.authorizer_key(), auth.function.as_deref()) {
                    authorizers.entry(authorizer).or_default().insert(key);
                }
            }
        }
        for (f, function) in stack.functions.iter().enumerate() {
            let routes: Vec<(&str, &str)> = function
                .triggers
                .iter()
                .filter_map(|t| match t {
                    Trigger::Http { method, path, .. } => Some((method.as_str(), path.as_str())),
                    _ => None,
                })
                .collect();
            let others = function.triggers.iter().map(Trigger::invoke_statements).sum::<usize>()
                + authorizers.get(function.name.as_str()).map_or(0, |keys| keys.len());
            let name = rules::adopt::owned_name(
                crate::rules::resources::Kind::Function,
                &stack.name,
                &function.name,
                &function.adopt,
                false,
                stack.stage_name(),
            );
            let at = Location::new(DeclId::Function(f), At::Value(crate::keys::Key::Triggers));
            self.check(at, rules::permissions::route_permissions(&name, &routes, others));
        }
    }

    /// Two s3 triggers on one bucket do not overlap: S3 rejects notifications whose events and
    /// prefix/suffix filters could match the same key.
    pub(super) fn check_s3_overlaps(&mut self, stack: &Stack) {
        let mut per_bucket: BTreeMap<&str, Vec<Notifying<'_>>> = BTreeMap::new();
        for (f, function) in stack.functions.iter().enumerate() {
            for (i, trigger) in function.triggers.iter().enumerate() {
                let Trigger::S3(s3) = trigger else { continue };
                let Some(events) = s3.events() else { continue };
                let at = Location::new(DeclId::Function(f), At::Trigger(i, TriggerPart::Arg(Arg::Source)));
                per_bucket.entry(&s3.bucket).or_default().push((at, &function.name, s3, events));
            }
        }
        for notifications in per_bucket.values() {
            let shaped: Vec<rules::s3::Notification<'_>> = notifications
                .iter()
                .map(|(_, function, s3, events)| rules::s3::Notification {
                    function,
                    events,
                    prefix: s3.prefix.as_deref().unwrap_or(""),
                    suffix: s3.suffix.as_deref().unwrap_or(""),
                })
                .collect();
            for (_, later, message) in rules::s3::overlapping_notifications(&shaped) {
                self.error(notifications[later].0, message);
            }
        }
    }
}

/// Where a rule's complaint about `arg` goes: on that argument when it was written, else on the
/// other one written, else on the trigger.
fn blame(arg: Arg, written: &[(Arg, Option<u64>)]) -> TriggerPart {
    let given = |wanted: Arg| written.iter().any(|&(a, v)| a == wanted && v.is_some());
    if given(arg) {
        return TriggerPart::Arg(arg);
    }
    match written.iter().find(|(_, v)| v.is_some()) {
        Some(&(other, _)) => TriggerPart::Arg(other),
        None => TriggerPart::Keyword,
    }
}
