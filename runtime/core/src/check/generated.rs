//! Rules about what a stack generates rather than what it declares: names Terraform or AWS keeps
//! unique (Terraform outputs, IAM role and inline policy names, which IAM compares without case),
//! and the dependencies between resources, which Terraform refuses when they form a cycle.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::{At, Checker, Location, StatementPart, TriggerPart};
use crate::decl::{DeclId, EnvValue, Resource, Stack, Statement, Trigger};
use crate::keys::Key;
use crate::rules::adopt::owned_name;
use crate::rules::names::{self, Namespace};
use crate::rules::resources::Kind;

/// A name a declaration generates: where, in which namespace, and who it is for messages.
struct Generated {
    at: Location,
    namespace: Namespace,
    name: String,
    owner: String,
}

/// One dependency Terraform will see: `from` needs `to` to exist first, because of what is
/// written at `at` (described by `what`).
#[derive(Debug, Clone)]
struct Edge {
    from: DeclId,
    to: DeclId,
    at: Location,
    what: String,
}

impl Checker<'_> {
    /// No two declarations generate one name where Terraform or AWS wants it unique; the later
    /// one in source order is reported. The names are the patterns the synth writes
    /// ([`crate::rules::names`]).
    pub(super) fn check_generated_names(&mut self, stack: &Stack) {
        let mut seen: BTreeMap<(Namespace, String), Generated> = BTreeMap::new();
        for generated in generated_names(stack) {
            let key = (generated.namespace.clone(), generated.namespace.key(&generated.name));
            match seen.get(&key) {
                Some(first) => {
                    let message =
                        generated.namespace.clash(&first.owner, &first.name, &generated.owner, &generated.name);
                    self.error(generated.at, message);
                }
                None => {
                    seen.insert(key, generated);
                }
            }
        }
    }

    /// The references between declarations form no cycle: Terraform could create none of its
    /// resources first and refuses the whole stack. Each cycle is reported once, on the edge that
    /// leaves its latest declaration in source order, with the whole path.
    pub(super) fn check_reference_cycles(&mut self, stack: &Stack) {
        let edges = dependency_edges(stack, |name| self.kind_of(name));
        let rank = stack.source_rank();
        let mut out: BTreeMap<DeclId, Vec<&Edge>> = BTreeMap::new();
        for edge in &edges {
            out.entry(edge.from).or_default().push(edge);
        }
        let mut reported: BTreeSet<DeclId> = BTreeSet::new();
        // Latest first: the cycle found from the latest member is reported there, and its other
        // members are not reported again.
        let mut nodes: Vec<DeclId> = out.keys().copied().collect();
        nodes.sort_by_key(|id| std::cmp::Reverse(rank.get(id).copied().unwrap_or(usize::MAX)));
        for start in nodes {
            if reported.contains(&start) {
                continue;
            }
            let Some(path) = shortest_cycle(start, &out, &reported) else { continue };
            // Later declarations were tried first and are either reported or on no cycle, so
            // `start` is the latest member of this one.
            reported.extend(path.iter().map(|e| e.from));
            let steps: Vec<String> = path.iter().map(|e| e.what.clone()).collect();
            let message = format!(
                "these references form a cycle: {}; Terraform cannot create any of them first and refuses the stack \
                 (\"Error: Cycle\"); {}",
                steps.join(", "),
                cycle_hint(&path)
            );
            self.error(path[0].at, message);
        }
    }
}

/// The shortest path of edges from `start` back to `start`, avoiding declarations already in a
/// reported cycle; ties go to the edge written first, so the path is deterministic.
fn shortest_cycle<'e>(
    start: DeclId,
    out: &BTreeMap<DeclId, Vec<&'e Edge>>,
    reported: &BTreeSet<DeclId>,
) -> Option<Vec<&'e Edge>> {
    let mut came_by: BTreeMap<DeclId, &Edge> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for edge in out.get(&node).into_iter().flatten() {
            if edge.to == start {
                let mut path = vec![*edge];
                let mut at = node;
                while at != start {
                    let step = came_by[&at];
                    path.push(step);
                    at = step.from;
                }
                path.reverse();
                return Some(path);
            }
            if reported.contains(&edge.to) || came_by.contains_key(&edge.to) {
                continue;
            }
            came_by.insert(edge.to, edge);
            queue.push_back(edge.to);
        }
    }
    None
}

/// What breaks the cycle, for the kind of reference it starts with.
fn cycle_hint(path: &[&Edge]) -> &'static str {
    match path[0].at.at {
        At::Value(Key::DeadLetter) if path[0].from.kind() == Some(Kind::Queue) => {
            "a dead-letter queue cannot have the queue it serves as its own dead-letter queue; give one of them none"
        }
        At::EnvTarget(_) | At::EnvAttribute(_) => {
            "drop one of these references; a function's `.name` is known before it exists and makes no dependency"
        }
        _ => "drop one of these references",
    }
}

/// `function `f``.
fn owner(id: DeclId, name: &str) -> String {
    match id.kind() {
        Some(kind) => format!("{kind} `{name}`"),
        None => format!("stack `{name}`"),
    }
}

/// Every name the stack generates in a namespace that wants them unique, in source order.
fn generated_names(stack: &Stack) -> Vec<Generated> {
    let mut all = Vec::new();
    let mut push = |at: Location, namespace: Namespace, name: String, owner: String| {
        all.push(Generated { at, namespace, name, owner });
    };
    for (id, name, _) in stack.in_source_order() {
        let at = Location::new(id, At::Name);
        let who = owner(id, name);
        match id {
            DeclId::Queue(_) => push(at, Namespace::TerraformOutput, names::queue_url_output(name), who),
            DeclId::Topic(_) => push(at, Namespace::TerraformOutput, names::topic_arn_output(name), who),
            DeclId::Role(i) if stack.roles[i].existing.is_some() => {}
            DeclId::Role(i) => {
                let role = owned_name(Kind::Role, &stack.name, name, &stack.roles[i].adopt, false, stack.stage_name());
                push(at, Namespace::IamRole, role.clone(), who.clone());
                push(at, Namespace::IamInlinePolicy(name.to_owned()), role, who);
            }
            DeclId::Function(i) => {
                let function = &stack.functions[i];
                push(at, Namespace::TerraformOutput, names::function_arn_output(name), who.clone());
                let url = function.triggers.iter().position(|t| matches!(t, Trigger::Url { .. }));
                if let Some(t) = url {
                    let at = Location::new(id, At::Trigger(t, TriggerPart::Keyword));
                    push(at, Namespace::TerraformOutput, names::function_url_output(name), who.clone());
                }
                // Its own role is `{stack}-{base}` whatever its `name:` (which names the function only).
                let policy = names::role_name(&stack.name, function.adopt.naming_base(name));
                match &function.role {
                    // Its own role, and that role's inline policy.
                    None => {
                        push(at, Namespace::IamRole, policy.clone(), format!("the role of {who}"));
                        push(at, Namespace::IamInlinePolicy(name.to_owned()), policy, who);
                    }
                    // Its statements go on the shared role as a policy named after it.
                    Some(role) => {
                        let at = Location::new(id, At::Value(Key::Role));
                        push(at, Namespace::IamInlinePolicy(role.clone()), policy, who);
                    }
                }
            }
            _ => {}
        }
    }
    let http = stack.functions.iter().enumerate().find_map(|(f, function)| {
        let t = function.triggers.iter().position(|t| matches!(t, Trigger::Http { .. }))?;
        Some(Location::new(DeclId::Function(f), At::Trigger(t, TriggerPart::Keyword)))
    });
    if let Some(at) = http {
        let who = format!("the HTTP API of stack `{}`", stack.name);
        push(at, Namespace::TerraformOutput, names::API_URL_OUTPUT.to_owned(), who);
    }
    let rest = stack.functions.iter().enumerate().find_map(|(f, function)| {
        let t = function.triggers.iter().position(|t| matches!(t, Trigger::Rest { .. }))?;
        Some(Location::new(DeclId::Function(f), At::Trigger(t, TriggerPart::Keyword)))
    });
    if let Some(at) = rest {
        let who = format!("the REST API of stack `{}`", stack.name);
        push(at, Namespace::TerraformOutput, names::REST_API_URL_OUTPUT.to_owned(), who);
        if stack.rest_api.as_ref().is_some_and(|api| api.api_key) {
            let at = Location::new(DeclId::Stack, At::RestApi(Key::ApiKey));
            let who = format!("the API key of the REST API of stack `{}`", stack.name);
            push(at, Namespace::TerraformOutput, names::REST_API_KEY_OUTPUT.to_owned(), who);
        }
    }
    if stack.api.as_ref().is_some_and(|api| api.domain.is_some()) {
        let at = Location::new(DeclId::Stack, At::Api(Key::Domain));
        let who = format!("the custom domain of the HTTP API of stack `{}`", stack.name);
        for output in [names::API_DOMAIN_TARGET_OUTPUT, names::API_DOMAIN_ZONE_OUTPUT] {
            push(at, Namespace::TerraformOutput, output.to_owned(), who.clone());
        }
    }
    all
}

/// The declarations each declaration's resources depend on, as the synth writes them: a
/// reference to an owned resource is an interpolation (a dependency), one to an `existing`
/// resource or to a function's name is a literal (none).
fn dependency_edges(stack: &Stack, kind_of: impl Fn(&str) -> Option<Kind>) -> Vec<Edge> {
    let ids: BTreeMap<&str, DeclId> = stack.declarations().map(|(id, name, _)| (name, id)).collect();
    let owned = |name: &str| -> Option<DeclId> {
        let id = *ids.get(name)?;
        let existing = match id {
            DeclId::Bucket(i) => stack.buckets[i].existing.is_some(),
            DeclId::Queue(i) => stack.queues[i].existing.is_some(),
            DeclId::Table(i) => stack.tables[i].existing.is_some(),
            DeclId::Topic(i) => stack.topics[i].existing.is_some(),
            DeclId::Stream(i) => stack.streams[i].existing.is_some(),
            DeclId::Role(i) => stack.roles[i].existing.is_some(),
            _ => false,
        };
        (!existing).then_some(id)
    };
    let mut edges = Vec::new();
    for (q, queue) in stack.queues.iter().enumerate() {
        let from = DeclId::Queue(q);
        let Some(dead_letter) = &queue.dead_letter else { continue };
        // A queue as its own dead-letter queue is reported by its own rule.
        if queue.existing.is_some() || dead_letter == &queue.name || kind_of(dead_letter) != Some(Kind::Queue) {
            continue;
        }
        if let Some(to) = owned(dead_letter) {
            let what = format!("queue `{}` has `dead_letter: {dead_letter}`", queue.name);
            edges.push(Edge { from, to, at: Location::new(from, At::Value(Key::DeadLetter)), what });
        }
    }
    // A role's policies, and those of the functions sharing it, are all created before any of
    // the functions that use the role: the role depends on what every one of them names.
    let statement_edges = |edges: &mut Vec<Edge>, from: DeclId, written_in: DeclId, who: &str, allow: &[Statement]| {
        for (s, statement) in allow.iter().enumerate() {
            let Some(target) = statement.resource.target() else { continue };
            let Some(to) = owned(target) else { continue };
            let at = Location::new(written_in, At::Statement(s, StatementPart::Resource));
            let shown = match &statement.resource {
                Resource::Sub { sub, .. } => format!("{target}.{sub}"),
                _ => target.to_owned(),
            };
            edges.push(Edge { from, to, at, what: format!("{who} names `{shown}` in `allow`") });
        }
    };
    for (r, role) in stack.roles.iter().enumerate() {
        let id = DeclId::Role(r);
        statement_edges(&mut edges, id, id, &format!("role `{}`", role.name), &role.allow);
    }
    for (f, function) in stack.functions.iter().enumerate() {
        let from = DeclId::Function(f);
        let who = format!("function `{}`", function.name);
        for (i, (_, value)) in function.env.iter().enumerate() {
            let EnvValue::Ref { target, attribute } = value else { continue };
            let literal = kind_of(target) == Some(Kind::Function) && attribute == "name";
            // A function reading its own ARN is reported by its own rule.
            if literal || target == &function.name {
                continue;
            }
            if let Some(to) = owned(target) {
                let what = format!("{who} reads `{target}.{attribute}` in `env`");
                edges.push(Edge { from, to, at: Location::new(from, At::EnvTarget(i)), what });
            }
        }
        match &function.role {
            Some(role) => {
                if let Some(to) = owned(role).filter(|id| matches!(id, DeclId::Role(_))) {
                    let what = format!("{who} has `role: {role}`");
                    edges.push(Edge { from, to, at: Location::new(from, At::Value(Key::Role)), what });
                    statement_edges(&mut edges, to, from, &format!("{who} (on role `{role}`)"), &function.allow);
                }
            }
            None => statement_edges(&mut edges, from, from, &who, &function.allow),
        }
    }
    edges
}
