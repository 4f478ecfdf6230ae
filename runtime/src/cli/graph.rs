//! `graph`: a stack as a Graphviz DOT picture, and as SVG through `dot` when it is installed.
//!
//! Nodes: functions (boxes, with their runtime), roles (hexagons), the stack's resources (buckets,
//! queues, tables, topics, streams: cylinders and friends), and the trigger sources that are not
//! resources (the HTTP API, schedules, function URLs). Edges: trigger source → function (labelled
//! with the trigger), function → its role (`assumes`), role → resource (the IAM actions it
//! grants), function → dead-letter target.

use lambda_stack_core::decl::UrlAuth;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::iam::{Resource, Statement};
use crate::reference::EnvValue;
use crate::stack::Stack;
use crate::trigger::Trigger;

/// The stack as DOT. Node ids are `kind:name`, so names never collide across kinds.
///
/// ```
/// use lambda_stack_runtime::{cli::dot, Function, Stack, Trigger};
/// let stack = Stack::new("shop").region("eu-west-3").function(
///     Function::new("api").runtime("python3.12").handler("app.handler").code("x").trigger(Trigger::http("GET", "/")),
/// );
/// assert!(dot(&stack).contains("\"api:http\" -> \"function:api\" [label=\"GET /\", style=bold];"));
/// ```
pub fn dot(stack: &Stack) -> String {
    let mut nodes: BTreeMap<String, String> = BTreeMap::new();
    let mut edges: BTreeSet<(String, String, String, &'static str)> = BTreeSet::new();
    let kinds = stack.kinds();
    let resource_node = |name: &str| -> Option<String> {
        let kind = kinds.get(name).copied()?;
        Some(format!("{kind}:{name}"))
    };
    let add = |nodes: &mut BTreeMap<String, String>, id: String, attributes: String| {
        nodes.entry(id).or_insert(attributes);
    };
    for bucket in &stack.buckets {
        let existing = if bucket.existing.is_some() { " (existing)" } else { "" };
        add(
            &mut nodes,
            format!("bucket:{}", bucket.name),
            attrs(&format!("bucket {}{existing}", bucket.name), "cylinder", "#e8f4e8"),
        );
    }
    for queue in &stack.queues {
        add(&mut nodes, format!("queue:{}", queue.name), attrs(&format!("queue {}", queue.name), "cds", "#fff4e0"));
    }
    for table in &stack.tables {
        add(
            &mut nodes,
            format!("table:{}", table.name),
            attrs(&format!("table {}", table.name), "cylinder", "#e6eefb"),
        );
    }
    for topic in &stack.topics {
        add(
            &mut nodes,
            format!("topic:{}", topic.name),
            attrs(&format!("topic {}", topic.name), "doubleoctagon", "#fbe9f4"),
        );
    }
    for kinesis in &stack.streams {
        add(
            &mut nodes,
            format!("stream:{}", kinesis.name),
            attrs(&format!("stream {}", kinesis.name), "cds", "#eef6fb"),
        );
    }
    for role in &stack.roles {
        add(&mut nodes, format!("role:{}", role.name), attrs(&format!("role {}", role.name), "hexagon", "#f2f2f2"));
        grants(&format!("role:{}", role.name), &role.allow, &resource_node, &mut nodes, &mut edges);
    }
    for function in &stack.functions {
        let id = format!("function:{}", function.name);
        let runtime = function.runtime.as_deref().unwrap_or("?");
        add(&mut nodes, id.clone(), attrs(&format!("{}\\n{runtime}", function.name), "box", "#ffe9b3"));
        let role = match &function.role {
            Some(role) => format!("role:{role}"),
            None => {
                let own = format!("role:{}", function.name);
                add(&mut nodes, own.clone(), attrs(&format!("role of {}", function.name), "hexagon", "#f2f2f2"));
                own
            }
        };
        edges.insert((id.clone(), role.clone(), "assumes".into(), "dashed"));
        let mut statements: Vec<Statement> = function.allow.clone();
        statements.extend(stack.derived_statements(&kinds, function));
        grants(&role, &statements, &resource_node, &mut nodes, &mut edges);
        for trigger in &function.triggers {
            let (source, label) = match trigger {
                Trigger::Http { method, path, .. } => {
                    add(&mut nodes, "api:http".into(), attrs("HTTP API", "component", "#e0f0ff"));
                    ("api:http".to_owned(), format!("{method} {path}"))
                }
                Trigger::Rest { method, path, .. } => {
                    add(&mut nodes, "api:rest".into(), attrs("REST API", "component", "#e0f0ff"));
                    ("api:rest".to_owned(), format!("{method} {path}"))
                }
                Trigger::Schedule { expression, .. } => {
                    let node = format!("schedule:{}:{expression}", function.name);
                    add(&mut nodes, node.clone(), attrs(&format!("schedule\\n{expression}"), "note", "#f0f0ff"));
                    (node, "schedule".to_owned())
                }
                Trigger::Url { auth, .. } => {
                    let node = format!("url:{}", function.name);
                    add(&mut nodes, node.clone(), attrs("function URL", "component", "#e0f0ff"));
                    let auth = auth.as_ref().map_or(UrlAuth::default().word(), |auth| auth.written.as_str());
                    (node, format!("auth: {auth}"))
                }
                other => match other.source().and_then(resource_node) {
                    Some(node) => (node, other.keyword().to_owned()),
                    None => continue,
                },
            };
            edges.insert((source, id.clone(), label, "bold"));
        }
        if let Some(target) = function.dead_letter.as_deref().and_then(resource_node) {
            edges.insert((id.clone(), target, "dead letters".into(), "dotted"));
        }
        for (_, value) in &function.env {
            if let EnvValue::Ref(reference) = value {
                if let Some(target) = resource_node(&reference.target) {
                    edges.insert((id.clone(), target, format!("env {}", reference.attribute), "dotted"));
                }
            }
        }
    }
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quoted(&stack.name));
    let _ = writeln!(out, "  rankdir=LR;");
    let _ = writeln!(
        out,
        "  label={}; labelloc=t;",
        quoted(&format!("stack {} ({})", stack.name, stack.region.as_deref().unwrap_or("no region")))
    );
    let _ = writeln!(out, "  node [fontname=\"Helvetica\", fontsize=11, style=filled];");
    let _ = writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];");
    for (id, attributes) in &nodes {
        let _ = writeln!(out, "  {} [{attributes}];", quoted(id));
    }
    for (from, to, label, style) in &edges {
        let _ = writeln!(out, "  {} -> {} [label={}, style={style}];", quoted(from), quoted(to), quoted(label));
    }
    out.push_str("}\n");
    out
}

/// Edges from a role to the resources its statements name.
fn grants(
    role: &str,
    statements: &[Statement],
    resource_node: &dyn Fn(&str) -> Option<String>,
    nodes: &mut BTreeMap<String, String>,
    edges: &mut BTreeSet<(String, String, String, &'static str)>,
) {
    for statement in statements {
        let (target, suffix) = match &statement.resource {
            Resource::Named(name) => (resource_node(name), String::new()),
            Resource::Sub { target, sub, .. } => (resource_node(target), format!(" ({sub})")),
            Resource::Arn(arn) => {
                let node = format!("arn:{arn}");
                nodes.entry(node.clone()).or_insert_with(|| attrs(arn, "plaintext", "#ffffff"));
                (Some(node), String::new())
            }
        };
        let Some(target) = target else { continue };
        let actions: Vec<&str> = statement.actions().collect();
        edges.insert((role.to_owned(), target, format!("{}{suffix}", actions.join("\\n")), "solid"));
    }
}

fn attrs(label: &str, shape: &str, fill: &str) -> String {
    format!("label={}, shape={shape}, fillcolor={}", quoted(label), quoted(fill))
}

/// A DOT string: quotes escaped; `\n` sequences written by this module are kept as line breaks.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Bucket, Function, Role, Statement, Trigger};

    #[test]
    fn nodes_and_edges() {
        let stack = Stack::new("shop")
            .region("eu-west-3")
            .bucket(Bucket::new("reports"))
            .role(
                Role::new("readers")
                    .allow(Statement::allow(["s3:GetObject"]).on(Resource::sub("reports", "objects", None))),
            )
            .function(
                Function::new("api")
                    .runtime("python3.12")
                    .handler("app.handler")
                    .code("x")
                    .role("readers")
                    .trigger(Trigger::http("GET", "/items"))
                    .trigger(Trigger::s3("reports")),
            );
        let dot = dot(&stack);
        assert!(dot.starts_with("digraph \"shop\" {\n"), "{dot}");
        assert!(dot.contains("\"function:api\" [label=\"api\\npython3.12\", shape=box"), "{dot}");
        assert!(dot.contains("\"api:http\" -> \"function:api\" [label=\"GET /items\", style=bold];"), "{dot}");
        assert!(dot.contains("\"bucket:reports\" -> \"function:api\" [label=\"s3\", style=bold];"), "{dot}");
        assert!(dot.contains("\"function:api\" -> \"role:readers\" [label=\"assumes\", style=dashed];"), "{dot}");
        assert!(
            dot.contains("\"role:readers\" -> \"bucket:reports\" [label=\"s3:GetObject (objects)\", style=solid];"),
            "{dot}"
        );
        assert_eq!(dot, super::dot(&stack), "deterministic");
    }
}
