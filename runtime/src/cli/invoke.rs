//! `invoke FUNCTION [--event FILE|-]`: runs one function locally (see [`crate::local`]).

use std::io::Read as _;
use std::path::Path;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::local::{self, FunctionSetup, Invocation};
use crate::package::BuildOptions;
use crate::rules;
use crate::stack::Stack;
use crate::synth::synthesize_with;

/// Finds `function` among `stacks` (in `stack` if given), synthesizes its stack in memory (nothing
/// is written), and invokes it with the event read from `event` (`-` for standard input; `{}`
/// when absent). Logs go to `log` as they come.
pub(crate) fn invoke(
    stacks: &[Stack],
    function: &str,
    stack: Option<&str>,
    event: Option<&Path>,
    options: &BuildOptions,
    log: &(dyn Fn(&str) + Sync),
) -> Result<Invocation> {
    let stack = find_stack(stacks, function, stack)?;
    let declared = stack.functions.iter().find(|f| f.name == function).expect("found above");
    let payload = read_event(event)?;
    if let Ok(event) = serde_json::from_slice(&payload) {
        for note in super::delivery::delivery_notes(declared, &event) {
            log(&note);
        }
    }
    let synthesized = synthesize_with(stack, options)?;
    let asset = synthesized.assets.iter().find(|a| a.function == function).expect("every function is packaged");
    let runtime_id = declared.runtime.as_deref().unwrap_or_default();
    let runtime =
        rules::runtimes::lookup(runtime_id).ok_or_else(|| Error::Usage(format!("unknown runtime `{runtime_id}`")))?;
    let body = synthesized.document.resource("aws_lambda_function", function).cloned().unwrap_or_default();
    let written: Vec<(String, String)> = body["environment"]["variables"]
        .as_object()
        .map(|vars| vars.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned())).collect())
        .unwrap_or_default();
    // A param's value is its default (or its stage's tfvars value), as Terraform would give it.
    let param_default = |value: &str| {
        let name = rules::placeholders::param_of(value)?;
        match &stack.params.iter().find(|p| p.name == name)?.default {
            Some(
                lambda_stack_core::decl::ParamValue::String(text) | lambda_stack_core::decl::ParamValue::Number(text),
            ) => Some(crate::terraform::literal(text)),
            _ => None,
        }
    };
    let written: Vec<(String, String)> = written
        .into_iter()
        .map(|(k, v)| {
            let v = param_default(&v).unwrap_or(v);
            (k, v)
        })
        .collect();
    let env: Vec<(String, String)> = written.iter().map(|(k, v)| (k.clone(), placeholders(v))).collect();
    // A `${...}` left after unescaping `$${` is a Terraform reference: known only after apply.
    let shown: Vec<String> = written
        .iter()
        .zip(&env)
        .filter(|((_, value), _)| value.replace("$${", "").contains("${"))
        .map(|(_, (key, placeholder))| format!("{key}={placeholder}"))
        .collect();
    if !shown.is_empty() {
        log(&format!("note: known only after `terraform apply`, so placeholders stand in: {}", shown.join(" ")));
    }
    let setup = FunctionSetup {
        function_name: rules::adopt::owned_name(
            rules::resources::Kind::Function,
            &stack.name,
            function,
            &declared.adopt,
            false,
            stack.stage_name(),
        ),
        runtime,
        handler: declared.handler.clone().unwrap_or_default(),
        memory_mb: declared.memory_mb(),
        timeout: Duration::from_secs(declared.timeout_seconds()),
        region: region_of(&synthesized.region),
        env,
        package: &asset.package,
        cache: &options.cache,
    };
    local::invoke(&setup, &payload, log).map_err(|message| Error::Usage(format!("invoke `{function}`: {message}")))
}

/// The region the function sees: the stack's, else the one Terraform's provider would take from
/// the environment, else us-east-1 (the provider's profile-less fallback is an error; a local run
/// needs some region).
fn region_of(stack_region: &str) -> String {
    if !stack_region.is_empty() {
        return stack_region.to_owned();
    }
    ["AWS_REGION", "AWS_DEFAULT_REGION"]
        .iter()
        .find_map(|key| std::env::var(key).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "us-east-1".to_owned())
}

fn find_stack<'a>(stacks: &'a [Stack], function: &str, stack: Option<&str>) -> Result<&'a Stack> {
    let candidates: Vec<&Stack> = stacks
        .iter()
        .filter(|s| stack.is_none_or(|wanted| s.name == wanted))
        .filter(|s| s.functions.iter().any(|f| f.name == function))
        .collect();
    match candidates.as_slice() {
        [one] => Ok(one),
        [] => {
            let names: Vec<&str> = stacks.iter().flat_map(|s| s.functions.iter().map(|f| f.name.as_str())).collect();
            let mut hint = rules::suggest::did_you_mean(function, names.iter().copied());
            if hint.is_empty() {
                hint = "; `list` shows the functions".into();
            }
            let scope = stack.map_or(String::new(), |s| format!(" in stack `{s}`"));
            Err(Error::Usage(format!("no function `{function}`{scope}{hint}")))
        }
        many => {
            let names: Vec<String> = many.iter().map(|s| format!("`{}`", s.name)).collect();
            Err(Error::Usage(format!(
                "function `{function}` is in stacks {}; choose one with `--stack`",
                names.join(", ")
            )))
        }
    }
}

/// The event: a JSON document from a file, standard input, or `{}`.
fn read_event(event: Option<&Path>) -> Result<Vec<u8>> {
    let bytes = match event {
        None => return Ok(b"{}".to_vec()),
        Some(path) if path == Path::new("-") => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|source| Error::Io { path: "-".into(), source })?;
            bytes
        }
        Some(path) => std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?,
    };
    if let Err(error) = serde_json::from_slice::<serde_json::Value>(&bytes) {
        let shown = event.map_or("the event".into(), |p| format!("`{}`", p.display()));
        return Err(Error::Usage(format!("{shown} is not JSON ({error}); Lambda events are JSON documents")));
    }
    Ok(bytes)
}

/// A Terraform string as the function would see it after `apply`, where that is known now, and
/// otherwise with each `${...}` replaced by a `<...>` placeholder naming what it refers to:
/// `${aws_s3_bucket.reports.bucket}` → `<aws_s3_bucket.reports.bucket>`. Escaped `$${` and `%%{`
/// are the literal `${` and `%{`.
pub(crate) fn placeholders(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find(['$', '%']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("$${").or_else(|| tail.strip_prefix("%%{")) {
            out.push_str(&tail[1..2]);
            out.push('{');
            rest = after;
        } else if let Some(inner) = tail.strip_prefix("${") {
            let end = inner.find('}').unwrap_or(inner.len());
            out.push('<');
            out.push_str(&inner[..end]);
            out.push('>');
            rest = inner.get(end + 1..).unwrap_or("");
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolations_become_placeholders() {
        assert_eq!(placeholders("${aws_s3_bucket.reports.bucket}"), "<aws_s3_bucket.reports.bucket>");
        assert_eq!(placeholders("arn:aws:s3:::${aws_s3_bucket.r.id}/*"), "arn:aws:s3:::<aws_s3_bucket.r.id>/*");
        assert_eq!(placeholders("cost: $5, 100%, $${HOME} %%{x}"), "cost: $5, 100%, ${HOME} %{x}");
        assert_eq!(placeholders("plain"), "plain");
    }
}
