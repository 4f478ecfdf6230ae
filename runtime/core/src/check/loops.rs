//! The recursive-loop rule over the whole stack (DESIGN §8.4), on the graph of
//! [`crate::rules::loops`]: what each function writes into, and what each write triggers.

use super::{At, Checker, Location, StatementPart};
use crate::decl::{DeclId, Function, Resource, Stack, Statement, Trigger};
use crate::keys::{Key, TriggerKind};
use crate::rules::loops::{self, Edge, Reads, Write};
use crate::rules::resources::Kind;

/// Where a function writes, and how a message says so.
struct WriteSite<'a> {
    at: Location,
    /// `writes to `jobs``, `sends its asynchronous results (`on_failure`) to `jobs``.
    says: String,
    /// What the write feeds, or the function it invokes directly (a function destination).
    into: Feeds<'a>,
}

enum Feeds<'a> {
    Source(Write<'a>),
    Function(usize),
}

impl Checker<'_> {
    /// No function writes where it is triggered from, directly or through other functions of the
    /// stack (an S3 object under the prefix of its `s3(..)` trigger, a message to the queue it
    /// reads or the topic it subscribes to, an asynchronous result sent there), unless every
    /// function of the loop says `recursion: allow`; the error names the loop, on the write of
    /// its first function.
    pub(super) fn check_recursive_loops(&mut self, stack: &Stack) {
        let index: std::collections::BTreeMap<&str, usize> =
            stack.functions.iter().enumerate().map(|(i, f)| (f.name.as_str(), i)).collect();
        let events: Vec<Vec<Vec<&'static str>>> = stack
            .functions
            .iter()
            .map(|f| {
                f.triggers
                    .iter()
                    .map(|t| match t {
                        Trigger::S3(s3) => s3.events().unwrap_or_default(),
                        _ => Vec::new(),
                    })
                    .collect()
            })
            .collect();
        let reads: Vec<(usize, Reads<'_>)> = stack
            .functions
            .iter()
            .enumerate()
            .flat_map(|(g, function)| {
                let events = &events[g];
                function.triggers.iter().enumerate().filter_map(move |(t, trigger)| {
                    let reads = match trigger {
                        Trigger::S3(s3) => Reads {
                            kind: TriggerKind::S3,
                            source: &s3.bucket,
                            events: &events[t],
                            prefix: s3.prefix.as_deref().unwrap_or(""),
                            suffix: s3.suffix.as_deref().unwrap_or(""),
                        },
                        Trigger::Sqs(sqs) => {
                            Reads { kind: TriggerKind::Sqs, source: &sqs.queue, events: &[], prefix: "", suffix: "" }
                        }
                        Trigger::Sns { topic } => {
                            Reads { kind: TriggerKind::Sns, source: topic, events: &[], prefix: "", suffix: "" }
                        }
                        Trigger::Event(event) if !crate::rules::patterns::only_aws_sources(&event.pattern) => {
                            let bus = event.bus.as_deref()?;
                            Reads { kind: TriggerKind::Event, source: bus, events: &[], prefix: "", suffix: "" }
                        }
                        _ => return None,
                    };
                    Some((g, reads))
                })
            })
            .collect();
        let mut sites: Vec<WriteSite<'_>> = Vec::new();
        let mut edges: Vec<Edge> = Vec::new();
        for (f, function) in stack.functions.iter().enumerate() {
            let first = sites.len();
            self.write_sites(stack, f, function, &index, &mut sites);
            for (label, site) in sites.iter().enumerate().skip(first) {
                match &site.into {
                    Feeds::Function(g) => edges.push(Edge { from: f, to: *g, label }),
                    Feeds::Source(write) => edges.extend(
                        reads.iter().filter(|(_, reads)| loops::write_triggers(write, reads)).map(|(g, _)| Edge {
                            from: f,
                            to: *g,
                            label,
                        }),
                    ),
                }
            }
        }
        let functions = &stack.functions;
        for cycle in loops::find_loops(functions.len(), &edges, |f| functions[f].allows_recursion()) {
            let mut chain = format!("function `{}`", functions[cycle[0].from].name);
            for (k, edge) in cycle.iter().enumerate() {
                let site = &sites[edge.label];
                chain.push_str(if k == 0 { " " } else { ", which " });
                chain.push_str(&site.says);
                if let Feeds::Source(_) = site.into {
                    chain.push_str(&format!(", which triggers `{}`", functions[edge.to].name));
                }
            }
            let mut members: Vec<&str> = Vec::new();
            for edge in &cycle {
                let function = &functions[edge.from];
                if !function.allows_recursion() && !members.contains(&function.name.as_str()) {
                    members.push(&function.name);
                }
            }
            let on = crate::rules::suggest::one_of(members.iter()).replace(" or ", " and ");
            let message = format!(
                "{chain}: a recursive loop, each invocation starting the next until Lambda's loop detection stops it \
                 after about 16 rounds; write somewhere that triggers none of them (another queue, topic or key \
                 prefix), or, if the loop is intended, write `recursion: allow` on {on}"
            );
            self.error(sites[cycle[0].label].at, message);
        }
    }

    /// Everything function `f` writes into: its `allow` statements, its role's, and where it sends
    /// asynchronous results.
    fn write_sites<'s>(
        &self,
        stack: &'s Stack,
        f: usize,
        function: &'s Function,
        index: &std::collections::BTreeMap<&str, usize>,
        sites: &mut Vec<WriteSite<'s>>,
    ) {
        let own = function
            .allow
            .iter()
            .enumerate()
            .map(|(i, s)| (Location::new(DeclId::Function(f), At::Statement(i, StatementPart::Whole)), s));
        let role = function
            .role
            .as_deref()
            .and_then(|name| stack.roles.iter().enumerate().find(|(_, r)| r.name == name && r.existing.is_none()));
        let shared = role.into_iter().flat_map(|(r, role)| {
            role.allow
                .iter()
                .enumerate()
                .map(move |(i, s)| (Location::new(DeclId::Role(r), At::Statement(i, StatementPart::Whole)), s))
        });
        for (at, statement) in own.chain(shared) {
            for write in self.statement_writes(statement) {
                let says = match write.via {
                    TriggerKind::S3 if write.keys != "*" => format!("writes `{}` into `{}`", write.keys, write.target),
                    _ => format!("writes to `{}`", write.target),
                };
                sites.push(WriteSite { at, says, into: Feeds::Source(write) });
            }
        }
        let sends = [
            (Key::DeadLetter, &function.dead_letter),
            (Key::OnSuccess, &function.on_success),
            (Key::OnFailure, &function.on_failure),
        ];
        for (key, target) in sends {
            let Some(target) = target.as_deref() else { continue };
            let at = Location::new(DeclId::Function(f), At::Value(key));
            let into = match self.kind_of(target) {
                // To itself, it is reported by `check_destinations` already.
                Some(Kind::Function) => match index.get(target) {
                    Some(&g) if g != f => Feeds::Function(g),
                    _ => continue,
                },
                Some(Kind::Queue) => Feeds::Source(Write { target, via: TriggerKind::Sqs, keys: "*" }),
                Some(Kind::Topic) => Feeds::Source(Write { target, via: TriggerKind::Sns, keys: "*" }),
                Some(Kind::Bus) => Feeds::Source(Write { target, via: TriggerKind::Event, keys: "*" }),
                _ => continue,
            };
            let what = if matches!(into, Feeds::Function(_)) { "function " } else { "" };
            sites.push(WriteSite {
                at,
                says: format!("sends its asynchronous results (`{key}`) to {what}`{target}`"),
                into,
            });
        }
    }

    /// The writes of a statement on a declaration of the stack: the [`loops::LOOP_WRITES`] its
    /// actions cover whose kind of source the declaration is (for a bucket, on its objects).
    fn statement_writes<'s>(&self, statement: &'s Statement) -> Vec<Write<'s>> {
        let (target, keys) = match &statement.resource {
            Resource::Named(name) => (name.as_str(), None),
            Resource::Sub { target, sub, pattern } if sub == "objects" => {
                (target.as_str(), Some(pattern.as_deref().unwrap_or("*")))
            }
            _ => return Vec::new(),
        };
        let Some(kind) = self.kind_of(target) else { return Vec::new() };
        loops::writes_covered(statement.actions.iter().map(|a| a.text.as_str()))
            .into_iter()
            .filter(|via| via.source() == Some(kind) && (*via == TriggerKind::S3) == keys.is_some())
            .map(|via| Write { target, via, keys: keys.unwrap_or("*") })
            .collect()
    }
}
