//! `stages: [dev, prod]` and `per_stage(dev: .., prod: .., _: ..)`: the stack as each stage sees it.
//!
//! A stack with stages becomes one syntax tree per stage, in which every `per_stage(..)` is the
//! value given for that stage and every bare `stage` is the stage's name as a string, each keeping
//! the span it was written at. Each tree is then modelled and checked as a stack of its own, so a
//! value given for one stage is checked as if it were written alone, and errors land on it. What is
//! wrong with a `per_stage(..)` itself (a stage missing or unknown) is reported here, once.

use std::borrow::Cow;
use std::collections::BTreeSet;

use lambda_stack_core::rules::suggest::did_you_mean;
use syn::ext::IdentExt;
use syn::{Ident, LitStr};

use crate::errors::Errors;
use crate::parse::value::PathPart;
use crate::parse::{Arg, Body, Entry, StackDecl, Value};

const PER_STAGE: &str = "per_stage";
const STAGE: &str = "stage";
const EVERY_OTHER: &str = "_";

/// Which stage a resolved tree is.
#[derive(Clone)]
pub struct StageOf {
    pub name: String,
    /// Every stage, as listed in `stages:`.
    pub all: Vec<Ident>,
    /// The params whose `default` was `per_stage(..)`: their values go to the stage's tfvars file.
    pub tfvars_params: BTreeSet<String>,
}

/// The stack's tree once per stage, or as written when it has no `stages`.
pub fn per_stage<'a>(decl: &'a StackDecl, errors: &mut Errors) -> Vec<(Option<StageOf>, Cow<'a, StackDecl>)> {
    let Some(stages) = stage_names(decl, errors) else {
        if !report_per_stage_without_stages(&decl.body, errors) {
            return vec![(None, Cow::Borrowed(decl))];
        }
        // Modelled with a value of each `per_stage` in its place, so nothing more is reported
        // about keys whose one mistake is the `per_stage`.
        let mut resolved = decl.clone();
        resolve_body(&mut resolved.body, None, &mut BTreeSet::new(), true);
        return vec![(None, Cow::Owned(resolved))];
    };
    let names: Vec<String> = stages.iter().map(|s| s.unraw().to_string()).collect();
    check_per_stage_calls(&decl.body, &names, errors);
    // A stage listed twice is reported by the core's check of the list; it deploys once.
    let mut seen = BTreeSet::new();
    names
        .iter()
        .filter(|name| seen.insert(name.as_str()))
        .map(|name| {
            let mut resolved = decl.clone();
            let mut tfvars_params = BTreeSet::new();
            resolve_body(&mut resolved.body, Some(name), &mut tfvars_params, true);
            let stage = StageOf { name: name.clone(), all: stages.clone(), tfvars_params };
            (Some(stage), Cow::Owned(resolved))
        })
        .collect()
}

/// The stage names of `stages: [..]`, when the stack has the key (its values are checked by the
/// core, at each name).
fn stage_names(decl: &StackDecl, errors: &mut Errors) -> Option<Vec<Ident>> {
    let value = decl.body.entries.iter().find_map(|entry| match entry {
        Entry::Field(field) if field.key == "stages" => Some(&field.value),
        _ => None,
    })?;
    let Value::List { items, .. } = value else {
        errors.at(
            value.span(),
            format!("expected a list of stage names for `stages`, such as `[dev, prod]`, found {}", value.describe()),
        );
        return Some(Vec::new());
    };
    let mut names = Vec::new();
    for item in items {
        match item {
            Value::Path(parts) if parts.len() == 1 && parts[0].ident().is_some() => {
                names.push(parts[0].ident().cloned().expect("checked: an identifier"));
            }
            other => {
                errors.at(other.span(), format!("expected a stage name, such as `dev`, found {}", other.describe()))
            }
        }
    }
    Some(names)
}

fn is_per_stage(path: &[PathPart]) -> bool {
    path.len() == 1 && path[0].text() == PER_STAGE
}

/// Calls `visit` on every value of `body`, depth first: fields, blocks, and what values hold.
fn for_each_value(body: &Body, visit: &mut dyn FnMut(&Value)) {
    for entry in &body.entries {
        match entry {
            Entry::Field(field) => visit_value(&field.value, visit),
            Entry::Block(block) => for_each_value(&block.body, visit),
        }
    }
}

fn visit_value(value: &Value, visit: &mut dyn FnMut(&Value)) {
    visit(value);
    match value {
        Value::Call { args, .. } => {
            for arg in args {
                match arg {
                    Arg::Named { value, .. } => visit_value(value, visit),
                    Arg::Positional(values) => values.iter().for_each(|v| visit_value(v, visit)),
                }
            }
        }
        Value::Block { body, .. } => for_each_value(body, visit),
        Value::List { items, .. } => items.iter().for_each(|v| visit_value(v, visit)),
        Value::Map { entries, .. } => entries.iter().for_each(|(_, v)| visit_value(v, visit)),
        Value::Statement { actions, resource } => {
            visit_value(actions, visit);
            visit_value(resource, visit);
        }
        _ => {}
    }
}

/// Without `stages`, `per_stage(..)` has no stage to choose for. Whether there was one.
fn report_per_stage_without_stages(body: &Body, errors: &mut Errors) -> bool {
    let mut found = false;
    for_each_value(body, &mut |value| {
        if let Value::Call { path, .. } = value {
            if is_per_stage(path) {
                found = true;
                errors.at(
                    path[0].span(),
                    "`per_stage` chooses a value per stage, but the stack has no `stages: [..]`; add `stages: [dev, prod]` \
                     to the stack, or write the value alone",
                );
            }
        }
    });
    found
}

/// Each `per_stage(..)` names stages of the stack, each once, gives a value for every stage (or
/// `_` for the others), and holds no `per_stage` inside.
fn check_per_stage_calls(body: &Body, stages: &[String], errors: &mut Errors) {
    for_each_value(body, &mut |value| {
        let Value::Call { path, args, .. } = value else { return };
        if !is_per_stage(path) {
            return;
        }
        let call = path[0].span();
        let mut given: Vec<String> = Vec::new();
        let mut every_other = false;
        for arg in args {
            match arg {
                Arg::Named { name, value } => {
                    let text = name.unraw().to_string();
                    if text == EVERY_OTHER {
                        every_other = true;
                    } else if !stages.contains(&text) {
                        errors.at(
                            name.span(),
                            format!(
                                "`{text}` is not a stage of the stack{}",
                                did_you_mean(&text, stages.iter().map(String::as_str).chain([EVERY_OTHER]))
                            ),
                        );
                    } else if given.contains(&text) {
                        errors.at(name.span(), format!("the stage `{text}` is given twice"));
                    }
                    given.push(text);
                    let mut nested = false;
                    visit_value(value, &mut |inner| {
                        if let Value::Call { path, .. } = inner {
                            nested |= is_per_stage(path);
                        }
                    });
                    if nested {
                        errors.at(value.span(), "`per_stage` inside `per_stage`: give each stage's value directly");
                    }
                }
                Arg::Positional(values) => {
                    let span = values.first().map_or(call, |v| v.span().start);
                    errors
                        .at(span, "expected `STAGE: value` in `per_stage`, such as `per_stage(dev: 256, prod: 1024)`");
                }
            }
        }
        let missing: Vec<&str> = stages.iter().filter(|stage| !given.contains(stage)).map(String::as_str).collect();
        if !every_other && !missing.is_empty() {
            let list = missing.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
            errors.at(
                call,
                format!(
                    "`per_stage` gives no value for the stage{} {list}; add `{}: ..`, or `_: ..` for every other stage",
                    if missing.len() == 1 { "" } else { "s" },
                    missing[0]
                ),
            );
        }
    });
}

/// Replaces, in place, every `per_stage(..)` by `stage`'s value and every bare `stage` by its name.
/// `stages:` itself (`top`) is left as written. A `param` whose `default` is a `per_stage` is
/// recorded in `tfvars_params`. Where no value is given for the stage (an error reported by
/// [`check_per_stage_calls`]), or there is no stage (`None`, an error too), any given value
/// stands in.
fn resolve_body(body: &mut Body, stage: Option<&str>, tfvars_params: &mut BTreeSet<String>, top: bool) {
    for entry in &mut body.entries {
        match entry {
            Entry::Field(field) if top && field.key == "stages" => {}
            Entry::Field(field) => resolve_value(&mut field.value, stage),
            Entry::Block(block) => {
                if block.kind == "param" {
                    let per_stage_default = block.body.entries.iter().any(|entry| {
                        matches!(entry, Entry::Field(f) if f.key == "default"
                            && matches!(&f.value, Value::Call { path, .. } if is_per_stage(path)))
                    });
                    if per_stage_default {
                        tfvars_params.insert(block.name.unraw().to_string());
                    }
                }
                resolve_body(&mut block.body, stage, tfvars_params, false);
            }
        }
    }
}

fn resolve_value(value: &mut Value, stage: Option<&str>) {
    match value {
        Value::Call { path, args, .. } if is_per_stage(path) => {
            if let Some(mut chosen) = chosen(args, stage) {
                resolve_value(&mut chosen, stage);
                *value = chosen;
            }
        }
        Value::Path(parts) if parts.len() == 1 && parts[0].text() == STAGE && stage.is_some() => {
            *value = Value::Str(LitStr::new(stage.unwrap_or_default(), parts[0].span()));
        }
        Value::Call { args, .. } => {
            for arg in args {
                match arg {
                    Arg::Named { value, .. } => resolve_value(value, stage),
                    Arg::Positional(values) => values.iter_mut().for_each(|v| resolve_value(v, stage)),
                }
            }
        }
        Value::Block { body, .. } => resolve_body(body, stage, &mut BTreeSet::new(), false),
        Value::List { items, .. } => items.iter_mut().for_each(|v| resolve_value(v, stage)),
        Value::Map { entries, .. } => entries.iter_mut().for_each(|(_, v)| resolve_value(v, stage)),
        Value::Statement { actions, resource } => {
            resolve_value(actions, stage);
            resolve_value(resource, stage);
        }
        _ => {}
    }
}

/// The value a `per_stage(..)` gives `stage`: its own, else `_`'s, else (an error reported
/// elsewhere) the first given.
fn chosen(args: &[Arg], stage: Option<&str>) -> Option<Value> {
    let named = |wanted: Option<&str>| {
        args.iter().find_map(|arg| match arg {
            Arg::Named { name, value } if wanted.is_none_or(|wanted| name.unraw() == wanted) => Some(value.clone()),
            _ => None,
        })
    };
    stage.and_then(|stage| named(Some(stage))).or_else(|| named(Some(EVERY_OTHER))).or_else(|| named(None))
}
