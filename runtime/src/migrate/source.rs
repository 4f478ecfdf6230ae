//! The migrated stack as `lambda_stack!` source: the `main.rs` the migration writes.
//!
//! Declarations in the order a reader meets them (storage, roles, functions), one key per line
//! when a block is long, `name:` wherever CDKTF named an object, `//` comments where a value
//! changes on purpose. What the grammar cannot say is kept by `override_resource` calls in a
//! function of their own, each with the reason.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::model::*;
use crate::terraform::Address;

/// What `main.rs` holds besides the declarations.
pub struct SourceParts<'a> {
    pub model: &'a Model,
    /// The CDKTF file migrated, as the header names it.
    pub migrated_from: &'a str,
    /// `include:` patterns, relative to `main.rs`.
    pub include: &'a [String],
    /// The values kept with `override_resource`, with a comment each.
    pub overrides: &'a [(Address, Map<String, Value>, String)],
}

/// The text of `main.rs`.
pub fn main_rs(parts: &SourceParts) -> String {
    let model = parts.model;
    let stack = &model.stack;
    let mut out = String::new();
    let header = format!(
        "Stack `{stack}`, migrated from CDK for Terraform (`{}`) by `lambda-stack migrate-cdktf`. \
         `cargo run` writes it into `cdktf.out/stacks/{stack}/`.",
        parts.migrated_from
    );
    let state = format!(
        "Before its first `terraform plan`, copy the CDKTF state to `terraform.{stack}.tfstate` beside \
         `cdktf.out/`: `cdktf/moved.tf.json` moves each resource CDKTF created to the address \
         lambda-stack gives it, so the plan replaces and destroys nothing. Delete that file (and its \
         `include:`) once every state CDKTF wrote has been applied."
    );
    for line in wrap(&header, 100) {
        let _ = writeln!(out, "//! {line}");
    }
    out.push_str("//!\n");
    for line in wrap(&state, 100) {
        let _ = writeln!(out, "//! {line}");
    }
    out.push_str("\nuse lambda_stack::prelude::*;\n");
    if !parts.overrides.is_empty() {
        out.push_str("use serde_json::json;\n");
    }
    out.push_str("\nlambda_stack! {\n");
    let _ = writeln!(out, "    stack {stack} {{");
    let mut header = Vec::new();
    if let Some(region) = &model.region {
        header.push(format!("region: {region:?},"));
    }
    if !model.tags.is_empty() {
        header.push(format!("tags: {},", map(model.tags.iter().map(|(k, v)| (k.as_str(), format!("{v:?}"))))));
    }
    if !parts.include.is_empty() {
        let patterns: Vec<String> = parts.include.iter().map(|p| format!("{p:?}")).collect();
        header.push(format!("include: [{}],", patterns.join(", ")));
    }
    for line in header {
        let _ = writeln!(out, "        {line}");
    }
    let sections: Vec<Vec<String>> = vec![
        model.buckets.iter().map(bucket).collect(),
        model.queues.iter().map(queue).collect(),
        model.tables.iter().map(table).collect(),
        model.topics.iter().map(topic).collect(),
        model.roles.iter().map(role).collect(),
        model.functions.iter().map(function).collect(),
    ];
    for section in sections.into_iter().filter(|s| !s.is_empty()) {
        out.push('\n');
        for block in section {
            out.push_str(&block);
        }
    }
    out.push_str("    }\n}\n");
    let build = if parts.overrides.is_empty() {
        format!("{stack}()")
    } else {
        let function = format!("{stack}_as_deployed");
        let _ = writeln!(
            out,
            "\n/// `{stack}` with what CDKTF set that the declarations above do not say, kept as CDKTF\n\
             /// deployed it (`override_resource` deep-merges into a generated resource)."
        );
        let _ = writeln!(out, "pub fn {function}() -> lambda_stack::Stack {{");
        let _ = writeln!(out, "    {stack}()");
        for (address, patch, why) in parts.overrides {
            for line in wrap(why, 100) {
                let _ = writeln!(out, "        // {line}");
            }
            out.push_str(&override_call(address, patch));
        }
        out.push_str("}\n");
        format!("{function}()")
    };
    let _ = writeln!(
        out,
        "\nfn main() -> lambda_stack::Result<()> {{\n    lambda_stack::App::new().stack({build}).run()\n}}"
    );
    out
}

/// A `json!` argument: the value as JSON (which `json!` reads as written), spaced like rustfmt
/// spaces a struct literal.
fn json_literal(value: &Value) -> String {
    let text = serde_json::to_string(value).expect("JSON values serialize");
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut in_string = false;
    let mut escaped = false;
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' if chars.get(i + 1) != Some(&'}') => out.push_str("{ "),
            '}' if i > 0 && chars[i - 1] != '{' => out.push_str(" }"),
            ':' | ',' => {
                out.push(c);
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out
}

/// A block: on one line when short, else one key per line.
fn block(kind: &str, name: &str, keys: &[String], comments: &[String]) -> String {
    let mut out = String::new();
    for comment in comments {
        let _ = writeln!(out, "        // {comment}");
    }
    let one_line = format!("        {kind} {name} {{ {} }}", keys.join(", "));
    if keys.is_empty() {
        let _ = writeln!(out, "        {kind} {name} {{}}");
    } else if one_line.len() <= 100 && !keys.iter().any(|k| k.contains('\n')) {
        out.push_str(&one_line);
        out.push('\n');
    } else {
        let _ = writeln!(out, "        {kind} {name} {{");
        for key in keys {
            let _ = writeln!(out, "            {key},");
        }
        out.push_str("        }\n");
    }
    out
}

fn name_key(aws_name: &Option<String>) -> Option<String> {
    aws_name.as_ref().map(|name| format!("name: {name:?}"))
}

fn bucket(bucket: &BucketDecl) -> String {
    block("bucket", &bucket.name, &name_key(&bucket.aws_name).into_iter().collect::<Vec<_>>(), &[])
}

fn queue(queue: &QueueDecl) -> String {
    let mut keys: Vec<String> = name_key(&queue.aws_name).into_iter().collect();
    if queue.fifo {
        keys.push("fifo: true".into());
    }
    if let Some(seconds) = queue.visibility_timeout {
        keys.push(format!("visibility_timeout: {seconds}"));
    }
    if let Some(seconds) = queue.retention {
        keys.push(format!("retention: {seconds}"));
    }
    if let Some(target) = &queue.dead_letter {
        keys.push(format!("dead_letter: {target}"));
    }
    if let Some(count) = queue.max_receive {
        keys.push(format!("max_receive: {count}"));
    }
    block("queue", &queue.name, &keys, &[])
}

fn table(table: &TableDecl) -> String {
    let mut keys: Vec<String> = name_key(&table.aws_name).into_iter().collect();
    keys.push(format!("hash_key: {:?}", table.hash_key));
    if let Some(range_key) = &table.range_key {
        keys.push(format!("range_key: {range_key:?}"));
    }
    if let Some(view) = &table.stream {
        keys.push(format!("stream: {view}"));
    }
    block("table", &table.name, &keys, &[])
}

fn topic(topic: &TopicDecl) -> String {
    let mut keys: Vec<String> = name_key(&topic.aws_name).into_iter().collect();
    if topic.fifo {
        keys.push("fifo: true".into());
    }
    block("topic", &topic.name, &keys, &[])
}

fn role(role: &RoleDecl) -> String {
    let mut keys: Vec<String> = name_key(&role.aws_name).into_iter().collect();
    if !role.managed.is_empty() {
        let managed: Vec<String> =
            role.managed.iter().map(|p| if p.starts_with("arn:") { format!("{p:?}") } else { p.clone() }).collect();
        keys.push(format!("managed: [{}]", managed.join(", ")));
    }
    if !role.allow.is_empty() {
        keys.push(format!("allow: [{}]", statements(&role.allow)));
    }
    multiline("role", &role.name, &keys, &[])
}

/// Roles and functions always take one key per line: they are what a reader reads.
fn multiline(kind: &str, name: &str, keys: &[String], comments: &[String]) -> String {
    let mut out = String::new();
    for line in comments.iter().flat_map(|comment| wrap(comment, 96)) {
        let _ = writeln!(out, "        // {line}");
    }
    let _ = writeln!(out, "        {kind} {name} {{");
    for key in keys {
        let _ = writeln!(out, "            {key},");
    }
    out.push_str("        }\n");
    out
}

/// `s3:GetObject on uploads.objects, [sqs:SendMessage, sqs:GetQueueUrl] on jobs`.
fn statements(statements: &[StatementDecl]) -> String {
    let written: Vec<String> = statements
        .iter()
        .map(|statement| {
            let plain: Vec<String> = statement.actions.iter().filter(|(_, w)| !w).map(|(a, _)| a.clone()).collect();
            let wild: Vec<String> = statement.actions.iter().filter(|(_, w)| *w).map(|(a, _)| a.clone()).collect();
            let mut actions = plain;
            if !wild.is_empty() {
                actions.push(format!("wildcard({})", wild.join(", ")));
            }
            let actions = match actions.as_slice() {
                [one] => one.clone(),
                many => format!("[{}]", many.join(", ")),
            };
            format!("{actions} on {}", resource(&statement.resource))
        })
        .collect();
    written.join(", ")
}

fn resource(resource: &ResourceDecl) -> String {
    match resource {
        ResourceDecl::Named(name) => name.clone(),
        ResourceDecl::Sub { target, sub, pattern: None } => format!("{target}.{sub}"),
        ResourceDecl::Sub { target, sub, pattern: Some(pattern) } => format!("{target}.{sub}({pattern:?})"),
        ResourceDecl::Arn(arn) => format!("{arn:?}"),
    }
}

/// `{ KEY: value, .. }`, keys that are not identifiers quoted.
fn map<'a>(entries: impl Iterator<Item = (&'a str, String)>) -> String {
    let written: Vec<String> = entries
        .map(|(key, value)| {
            let ident = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if ident {
                format!("{key}: {value}")
            } else {
                format!("{key:?}: {value}")
            }
        })
        .collect();
    format!("{{ {} }}", written.join(", "))
}

/// A runtime as the grammar takes it: AWS's identifier unquoted when it reads as one.
fn runtime(runtime: &str) -> String {
    let bare = runtime.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && runtime.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.')
        && !runtime.ends_with('.');
    if bare {
        runtime.to_owned()
    } else {
        format!("{runtime:?}")
    }
}

fn function(function: &FunctionDecl) -> String {
    let mut keys: Vec<String> = name_key(&function.aws_name).into_iter().collect();
    keys.push(format!("runtime: {}", runtime(&function.runtime)));
    keys.push(format!("handler: {:?}", function.handler));
    keys.push(format!("code: {:?}", function.code));
    if let Some(mb) = function.memory {
        keys.push(format!("memory: {mb}"));
    }
    if let Some(seconds) = function.timeout {
        keys.push(format!("timeout: {seconds}"));
    }
    if let Some(arch) = &function.arch {
        keys.push(format!("arch: {arch}"));
    }
    if !function.env.is_empty() {
        let env = function.env.iter().map(|(key, value)| {
            let value = match value {
                EnvDecl::Literal(text) => format!("{text:?}"),
                EnvDecl::Ref { target, attribute } => format!("{target}.{attribute}"),
            };
            (key.as_str(), value)
        });
        keys.push(format!("env: {}", map(env)));
    }
    if let Some(role) = &function.role {
        keys.push(format!("role: {role}"));
    }
    if let Some(text) = &function.description {
        keys.push(format!("description: {text:?}"));
    }
    if let Some(count) = function.reserved_concurrency {
        keys.push(format!("reserved_concurrency: {count}"));
    }
    if let Some(mode) = &function.tracing {
        keys.push(format!("tracing: {mode}"));
    }
    if !function.layers.is_empty() {
        let layers: Vec<String> = function.layers.iter().map(|l| format!("{l:?}")).collect();
        keys.push(format!("layers: [{}]", layers.join(", ")));
    }
    if let Some(mb) = function.ephemeral_storage {
        keys.push(format!("ephemeral_storage: {mb}"));
    }
    if let Some(days) = function.log_retention {
        keys.push(format!("log_retention: {days}"));
    }
    if !function.tags.is_empty() {
        keys.push(format!("tags: {}", map(function.tags.iter().map(|(k, v)| (k.as_str(), format!("{v:?}"))))));
    }
    if let Some(target) = &function.dead_letter {
        keys.push(format!("dead_letter: {target}"));
    }
    if !function.triggers.is_empty() {
        let triggers: Vec<String> = function.triggers.iter().map(|t| trigger(&t.kind)).collect();
        keys.push(format!("triggers: [{}]", triggers.join(", ")));
    }
    multiline("function", &function.name, &keys, &function.comments)
}

fn trigger(kind: &TriggerKind) -> String {
    let mut args: Vec<String> = Vec::new();
    let numbers = |args: &mut Vec<String>, pairs: &[(&str, &Option<u64>)]| {
        for (key, value) in pairs {
            if let Some(value) = value {
                args.push(format!("{key}: {value}"));
            }
        }
    };
    match kind {
        TriggerKind::Http { method, path } => format!("http({method} {path:?})"),
        TriggerKind::S3 { bucket, on, prefix, suffix } => {
            args.push(bucket.clone());
            match on.as_slice() {
                [] => {}
                [one] => args.push(format!("on: {}", s3_event(one))),
                many => args.push(format!("on: [{}]", many.iter().map(|e| s3_event(e)).collect::<Vec<_>>().join(", "))),
            }
            if let Some(prefix) = prefix {
                args.push(format!("prefix: {prefix:?}"));
            }
            if let Some(suffix) = suffix {
                args.push(format!("suffix: {suffix:?}"));
            }
            format!("s3({})", args.join(", "))
        }
        TriggerKind::Sqs { queue, batch_size, window, report_failures } => {
            args.push(queue.clone());
            numbers(&mut args, &[("batch_size", batch_size), ("window", window)]);
            if *report_failures {
                args.push("report_failures: true".into());
            }
            format!("sqs({})", args.join(", "))
        }
        TriggerKind::Stream { dynamodb, target, start, batch_size, window, report_failures } => {
            args.push(target.clone());
            if let Some(start) = start {
                args.push(format!("start: {start}"));
            }
            numbers(&mut args, &[("batch_size", batch_size), ("window", window)]);
            if *report_failures {
                args.push("report_failures: true".into());
            }
            format!("{}({})", if *dynamodb { "dynamodb" } else { "kinesis" }, args.join(", "))
        }
        TriggerKind::Sns { topic } => format!("sns({topic})"),
        TriggerKind::Schedule { expression } => format!("schedule({expression:?})"),
        TriggerKind::Url { auth: Some(auth) } => format!("url(auth: {auth})"),
        TriggerKind::Url { auth: None } => "url()".into(),
    }
}

/// An `on:` word as written: `created` bare, an S3 event name quoted.
fn s3_event(event: &str) -> String {
    if event.starts_with("s3:") {
        format!("{event:?}")
    } else {
        event.to_owned()
    }
}

/// An `override_resource` call, laid out as rustfmt lays out a long call.
fn override_call(address: &Address, patch: &Map<String, Value>) -> String {
    let object = json_literal(&Value::Object(patch.clone()));
    let one_line = format!("        .override_resource({:?}, {:?}, json!({object}))\n", address.kind, address.name);
    if one_line.len() <= 121 {
        return one_line;
    }
    let mut out = String::from("        .override_resource(\n");
    let _ = writeln!(out, "            {:?},\n            {:?},", address.kind, address.name);
    let single = format!("            json!({object}),");
    if single.len() <= 120 {
        out.push_str(&single);
        out.push('\n');
    } else {
        out.push_str("            json!({\n");
        for (key, value) in patch {
            let _ = writeln!(out, "                {key:?}: {},", json_literal(value));
        }
        out.push_str("            }),\n");
    }
    out.push_str("        )\n");
    out
}

/// `text` in lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The comment over an override: for each argument, why CDKTF's value is kept.
pub fn override_reason(kind: &str, patch: &Map<String, Value>, generated: &Map<String, Value>) -> String {
    let what = noun(kind);
    let reasons: Vec<String> = patch
        .iter()
        .map(|(key, value)| match generated.get(key) {
            _ if value.is_null() => {
                format!("`{key}` is left to Terraform, as in CDKTF (it chose one at the first apply)")
            }
            None => format!("`{key}` as CDKTF set it (no declaration key says it)"),
            Some(written) if replaces(kind, key) => {
                format!("`{key}` stays CDKTF's: lambda-stack's {} would replace the {what}", brief(written))
            }
            Some(written) => format!("`{key}` stays CDKTF's (lambda-stack writes {})", brief(written)),
        })
        .collect();
    reasons.join("; ")
}

/// A value in a comment: strings as written, long ones cut.
fn brief(value: &Value) -> String {
    let text = match value {
        Value::String(text) => format!("{text:?}"),
        other => other.to_string(),
    };
    if text.chars().count() > 70 {
        format!("{}…", text.chars().take(67).collect::<String>())
    } else {
        text
    }
}

/// What a resource type is, in a sentence: `aws_lambda_permission` → "permission".
fn noun(kind: &str) -> String {
    match kind {
        "aws_lambda_permission" => "permission".into(),
        "aws_iam_role_policy" => "inline policy".into(),
        "aws_cloudwatch_event_rule" => "rule".into(),
        "aws_cloudwatch_event_target" => "target".into(),
        "aws_lambda_event_source_mapping" => "mapping".into(),
        other => other.trim_start_matches("aws_").replace('_', " "),
    }
}

/// Whether changing `key` of a resource of `kind` makes Terraform replace it (the arguments the
/// AWS provider marks `ForceNew` among those a migration meets).
pub fn replaces(kind: &str, key: &str) -> bool {
    matches!(
        (kind, key),
        (_, "name" | "name_prefix" | "bucket" | "bucket_prefix")
            | (
                "aws_lambda_permission",
                "statement_id" | "source_arn" | "principal" | "action" | "function_url_auth_type"
            )
            | ("aws_cloudwatch_event_target", "target_id" | "rule")
            | ("aws_lambda_event_source_mapping", "event_source_arn" | "starting_position")
            | ("aws_iam_role_policy", "role")
            | ("aws_sqs_queue", "fifo_queue")
            | ("aws_sns_topic", "fifo_topic")
            | ("aws_apigatewayv2_integration", "integration_type")
            | ("aws_apigatewayv2_api", "protocol_type")
    ) && !(kind == "aws_apigatewayv2_api" && key == "name")
}
