//! Recursive loops: a function that writes where it is triggered from, directly or through other
//! functions of the stack, runs for ever (and is billed for ever) until Lambda's own detection
//! stops it after about 16 rounds, for the services that detection covers.
//!
//! The stack is a graph over two relations, both generic:
//! * *F writes to declaration X* ([`Write`]): an `allow` statement of F or of its role whose
//!   actions cover one of [`LOOP_WRITES`] on X (for S3 with the object keys it names), or an
//!   asynchronous result F sends to X (`on_success`, `on_failure`, `dead_letter`);
//! * *X triggers function G* ([`write_triggers`]): G has a trigger reading X that such a write
//!   fires (for S3, a created-object notification whose prefix and suffix a written key can match).
//!
//! A cycle in that graph ([`find_loops`]) is a loop. EventBridge buses are one such source: a
//! statement with `events:PutEvents` on a bus (or `on_success: BUS`) writes to it, and an
//! `event(BUS, ..)` trigger reads it unless its pattern only takes `aws.*` sources, which
//! `PutEvents` refuses from anyone else ([`super::patterns::only_aws_sources`]). To add a kind of
//! source: a line in [`LOOP_WRITES`] and a case where the triggers are read.

use crate::keys::TriggerKind;

/// The actions that make a function's statement a write into a source of triggers: `s3:PutObject`
/// creates the objects a bucket's notifications report (`s3:ObjectCreated:*`, which `CopyObject`
/// and multipart uploads, both under `s3:PutObject`, also fire), `sqs:SendMessage` the messages a
/// queue's event source mapping polls, `sns:Publish` the messages a topic's subscriptions receive.
/// `events:PutEvents` the events a bus's rules match.
pub const LOOP_WRITES: &[(TriggerKind, &str)] = &[
    (TriggerKind::S3, "s3:PutObject"),
    (TriggerKind::Sqs, "sqs:SendMessage"),
    (TriggerKind::Sns, "sns:Publish"),
    (TriggerKind::Event, "events:PutEvents"),
];

/// `recursion: allow | terminate`: whether Lambda's recursive-loop detection lets a loop through
/// the function run (`aws_lambda_function_recursion_config`), and whether the checker accepts one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Recursion {
    /// Lambda stops a loop after about 16 rounds (its default), and the checker reports one.
    #[default]
    Terminate,
    /// The loop is intended: Lambda lets it run, and the checker accepts it.
    Allow,
}

impl Recursion {
    pub const ALL: [Recursion; 2] = [Recursion::Allow, Recursion::Terminate];

    /// The word `recursion:` takes.
    pub fn word(self) -> &'static str {
        match self {
            Recursion::Allow => "allow",
            Recursion::Terminate => "terminate",
        }
    }

    /// The value of `recursive_loop` in Lambda's API.
    pub fn api(self) -> &'static str {
        match self {
            Recursion::Allow => "Allow",
            Recursion::Terminate => "Terminate",
        }
    }

    pub fn parse(word: &str) -> Result<Recursion, String> {
        Recursion::ALL.into_iter().find(|r| r.word() == word).ok_or_else(|| {
            format!(
                "unknown `recursion` value `{word}`; expected `allow` or `terminate`{}",
                super::suggest::did_you_mean(word, Recursion::ALL.iter().map(|r| r.word()))
            )
        })
    }
}

/// The S3 event family a `s3:PutObject` fires.
const OBJECT_CREATED: &str = "s3:ObjectCreated:*";

/// What a function writes into: a declaration of the stack, through which kind of trigger it
/// would come back, and for S3 the object keys written (an IAM resource pattern: `in/*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Write<'a> {
    pub target: &'a str,
    /// The trigger kind whose source the write feeds.
    pub via: TriggerKind,
    /// The object keys, for a write into a bucket; `*` is every key.
    pub keys: &'a str,
}

/// The trigger kinds (of [`LOOP_WRITES`]) whose write action the actions of a statement cover:
/// each action is an action name or an IAM wildcard pattern (`s3:Put*`, `sqs:*`), compared as IAM
/// does, case-insensitively.
///
/// ```
/// use lambda_stack_core::keys::TriggerKind;
/// use lambda_stack_core::rules::loops::writes_covered;
/// assert_eq!(writes_covered(["s3:GetObject", "s3:Put*"]), [TriggerKind::S3]);
/// assert_eq!(writes_covered(["SQS:sendmessage"]), [TriggerKind::Sqs]);
/// assert!(writes_covered(["sqs:SendMessageBatch"]).is_empty());
/// ```
pub fn writes_covered<'a>(actions: impl IntoIterator<Item = &'a str>) -> Vec<TriggerKind> {
    let actions: Vec<&str> = actions.into_iter().collect();
    LOOP_WRITES
        .iter()
        .filter(|(_, write)| actions.iter().any(|action| pattern_matches(action, write)))
        .map(|(kind, _)| *kind)
        .collect()
}

/// `pattern` (`*` any run of characters, `?` any one) matches `text`, case-insensitively.
fn pattern_matches(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().map(|c| c.to_ascii_lowercase()).collect();
    let text: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == '?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((star_p, star_t)) = star {
            p = star_p + 1;
            t = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// What a trigger reads, for [`write_triggers`]: its kind and source, and for S3 its events and
/// key filters (`""` for none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reads<'a> {
    pub kind: TriggerKind,
    pub source: &'a str,
    pub events: &'a [&'a str],
    pub prefix: &'a str,
    pub suffix: &'a str,
}

/// Whether `write` fires a trigger that `reads`: the same source through the same kind, and for
/// S3 a created-object event on a key both the write's pattern and the trigger's filters match.
pub fn write_triggers(write: &Write<'_>, reads: &Reads<'_>) -> bool {
    if write.via != reads.kind || write.target != reads.source {
        return false;
    }
    match reads.kind {
        TriggerKind::S3 => {
            reads.events.iter().any(|event| super::s3::events_overlap(event, OBJECT_CREATED))
                && keys_overlap(write.keys, reads.prefix, reads.suffix)
        }
        _ => true,
    }
}

/// Some key matches both the IAM pattern `keys` and the filters `prefix` and `suffix`: judged on
/// the pattern's text before its first wildcard and after its last (a pattern without wildcards is
/// one key). A wildcard in the middle of a literal run is not followed, so two rare patterns
/// (`a?` against the prefix `abc`) count as overlapping though no key matches both.
///
/// ```
/// use lambda_stack_core::rules::loops::keys_overlap;
/// assert!(keys_overlap("in/*", "in/", ""));
/// assert!(keys_overlap("*", "in/", ".jpg"));
/// assert!(keys_overlap("in/a.jpg", "in/", ".jpg"));
/// assert!(!keys_overlap("out/*", "in/", ""));
/// assert!(!keys_overlap("in/*.png", "in/", ".jpg"));
/// assert!(keys_overlap("i*", "in/", ""));
/// ```
pub fn keys_overlap(keys: &str, prefix: &str, suffix: &str) -> bool {
    let Some(first) = keys.find(['*', '?']) else {
        return keys.starts_with(prefix) && keys.ends_with(suffix);
    };
    let last = keys.rfind(['*', '?']).unwrap_or(first);
    let (head, tail) = (&keys[..first], &keys[last + 1..]);
    (head.starts_with(prefix) || prefix.starts_with(head)) && (tail.ends_with(suffix) || suffix.ends_with(tail))
}

/// One edge of the graph: function `from` writes into something that triggers function `to`;
/// `label` is the caller's, for its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub label: usize,
}

/// The loops among `functions` functions linked by `edges`: for each function that `allowed` does
/// not exempt, in index order, the shortest cycle through it, as its edges from it and back; a
/// cycle is given once (from its first such function), and a cycle every function of which is
/// `allowed` (`recursion: allow`: Lambda lets a loop run only through functions that allow it) is
/// not one.
pub fn find_loops(functions: usize, edges: &[Edge], allowed: impl Fn(usize) -> bool) -> Vec<Vec<Edge>> {
    let mut out_edges: Vec<Vec<Edge>> = vec![Vec::new(); functions];
    for edge in edges {
        if edge.from < functions && edge.to < functions {
            out_edges[edge.from].push(*edge);
        }
    }
    let mut found: Vec<Vec<Edge>> = Vec::new();
    let mut seen: Vec<Vec<usize>> = Vec::new();
    for start in (0..functions).filter(|&f| !allowed(f)) {
        let Some(cycle) = shortest_cycle(start, &out_edges) else { continue };
        let mut members: Vec<usize> = cycle.iter().map(|edge| edge.from).collect();
        members.sort_unstable();
        members.dedup();
        if seen.contains(&members) {
            continue;
        }
        seen.push(members);
        found.push(cycle);
    }
    found
}

/// The shortest path of edges from `start` back to it (breadth first, edges in their order).
fn shortest_cycle(start: usize, out_edges: &[Vec<Edge>]) -> Option<Vec<Edge>> {
    let mut came_by: Vec<Option<Edge>> = vec![None; out_edges.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    let mut visited = vec![false; out_edges.len()];
    visited[start] = true;
    while let Some(node) = queue.pop_front() {
        for edge in &out_edges[node] {
            if edge.to == start {
                let mut path = vec![*edge];
                let mut at = node;
                while at != start {
                    let back = came_by[at].expect("every visited node but the start was reached by an edge");
                    path.push(back);
                    at = back.from;
                }
                path.reverse();
                return Some(path);
            }
            if !visited[edge.to] {
                visited[edge.to] = true;
                came_by[edge.to] = Some(*edge);
                queue.push_back(edge.to);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(from: usize, to: usize) -> Edge {
        Edge { from, to, label: from * 10 + to }
    }

    #[test]
    fn patterns_cover_the_write_actions() {
        assert_eq!(writes_covered(["s3:*"]), [TriggerKind::S3]);
        assert_eq!(writes_covered(["sns:Pub*", "sqs:Send*"]), [TriggerKind::Sqs, TriggerKind::Sns]);
        assert!(writes_covered(["s3:PutObjectAcl", "sqs:ReceiveMessage"]).is_empty());
    }

    #[test]
    fn s3_writes_fire_created_notifications_on_matching_keys() {
        let write = Write { target: "uploads", via: TriggerKind::S3, keys: "in/*" };
        let reads =
            Reads { kind: TriggerKind::S3, source: "uploads", events: &["s3:ObjectCreated:*"], prefix: "", suffix: "" };
        assert!(write_triggers(&write, &reads));
        assert!(!write_triggers(&write, &Reads { prefix: "out/", ..reads }));
        assert!(!write_triggers(&write, &Reads { events: &["s3:ObjectRemoved:*"], ..reads }));
        assert!(write_triggers(&write, &Reads { events: &["s3:ObjectCreated:Put"], ..reads }));
        assert!(!write_triggers(&write, &Reads { source: "other", ..reads }));
    }

    #[test]
    fn loops_are_found_once_and_exempted_only_when_every_function_allows() {
        // 0 → 1 → 0, 2 → 2, 3 → 4 (no loop).
        let edges = [edge(0, 1), edge(1, 0), edge(2, 2), edge(3, 4)];
        let loops = find_loops(5, &edges, |_| false);
        assert_eq!(loops, vec![vec![edge(0, 1), edge(1, 0)], vec![edge(2, 2)]]);
        let loops = find_loops(5, &edges, |f| f == 0);
        assert_eq!(loops, vec![vec![edge(1, 0), edge(0, 1)], vec![edge(2, 2)]]);
        assert!(find_loops(5, &edges, |f| f <= 2).is_empty());
    }
}
