//! `{account}`, `{region}` and `{partition}` in ARN strings, and params standing for a whole ARN
//! or name (`existing: PARAM`, `layers: [PARAM]`), before any other rule reads them.

use std::borrow::Cow;

use super::{At, Location, StatementPart};
use crate::decl::{DeclId, ParamType, Resource, Stack, Statement};
use crate::keys::Key;
use crate::rules::resources::Kind;
use crate::rules::{placeholders, sources};

/// Every ARN string of the stack holds only known placeholders (an error at it otherwise), every
/// param standing for a value is a `string` param of the stack, and the stack the other rules read
/// has sample values in their place. Borrowed when there are none.
pub(super) fn sampled(stack: &Stack) -> (Cow<'_, Stack>, Vec<(Location, String)>) {
    let mut errors = Vec::new();
    let mut param_errors = Vec::new();
    if !has_placeholders(stack) {
        return (Cow::Borrowed(stack), errors);
    }
    let region = stack.region.as_deref();
    let params = &stack.params;
    let mut sampled = stack.clone();
    // A param standing for the whole value is a string param of the stack, read as `sample`.
    let param = |text: &mut String, at: Location, sample: &str, errors: &mut Vec<(Location, String)>| {
        let Some(name) = placeholders::param_of(text) else { return false };
        match params.iter().find(|p| p.name == name) {
            Some(p) if p.param_type() != ParamType::String => errors.push((
                at,
                format!(
                    "`{name}` is a `{}` param; this takes one ARN or name, a `string` param",
                    p.param_type().word()
                ),
            )),
            Some(_) => {}
            None => errors.push((
                at,
                format!(
                    "`{name}` is not a param of stack `{}`{}",
                    stack.name,
                    crate::rules::suggest::did_you_mean(name, params.iter().map(|p| p.name.as_str()))
                ),
            )),
        }
        *text = sample.to_owned();
        true
    };
    let mut fix = |text: &mut String, at: Location| {
        if let Err(message) = placeholders::check(text) {
            errors.push((at, message));
        }
        *text = placeholders::sample(text, region).into_owned();
    };
    const SAMPLE_LAYER: &str = "arn:aws:lambda:eu-west-3:123456789012:layer:shared:1";
    const SAMPLE_BOUNDARY: &str = "arn:aws:iam::123456789012:policy/boundary";
    for (i, role) in sampled.roles.iter_mut().enumerate() {
        if let Some(boundary) = &mut role.boundary {
            param(
                boundary,
                Location::new(DeclId::Role(i), At::Value(Key::Boundary)),
                SAMPLE_BOUNDARY,
                &mut param_errors,
            );
        }
    }
    if let Some(boundary) = &mut sampled.boundary {
        param(boundary, Location::new(DeclId::Stack, At::Value(Key::Boundary)), SAMPLE_BOUNDARY, &mut param_errors);
    }
    for (i, function) in sampled.functions.iter_mut().enumerate() {
        for (j, layer) in function.layers.iter_mut().enumerate() {
            param(layer, Location::new(DeclId::Function(i), At::Item(Key::Layers, j)), SAMPLE_LAYER, &mut param_errors);
        }
    }
    let owned = [
        (
            Kind::Role,
            sampled.roles.iter_mut().enumerate().map(|(i, r)| (DeclId::Role(i), &mut r.existing)).collect::<Vec<_>>(),
        ),
        (
            Kind::Bucket,
            sampled.buckets.iter_mut().enumerate().map(|(i, b)| (DeclId::Bucket(i), &mut b.existing)).collect(),
        ),
        (
            Kind::Queue,
            sampled.queues.iter_mut().enumerate().map(|(i, q)| (DeclId::Queue(i), &mut q.existing)).collect(),
        ),
        (
            Kind::Table,
            sampled.tables.iter_mut().enumerate().map(|(i, t)| (DeclId::Table(i), &mut t.existing)).collect(),
        ),
        (
            Kind::Topic,
            sampled.topics.iter_mut().enumerate().map(|(i, t)| (DeclId::Topic(i), &mut t.existing)).collect(),
        ),
        (
            Kind::Stream,
            sampled.streams.iter_mut().enumerate().map(|(i, s)| (DeclId::Stream(i), &mut s.existing)).collect(),
        ),
        (Kind::Key, sampled.keys.iter_mut().enumerate().map(|(i, k)| (DeclId::Key(i), &mut k.existing)).collect()),
        (
            Kind::Secret,
            sampled.secrets.iter_mut().enumerate().map(|(i, s)| (DeclId::Secret(i), &mut s.existing)).collect(),
        ),
        (
            Kind::Parameter,
            sampled.parameters.iter_mut().enumerate().map(|(i, p)| (DeclId::Parameter(i), &mut p.existing)).collect(),
        ),
        (
            Kind::Layer,
            sampled.layers.iter_mut().enumerate().map(|(i, l)| (DeclId::Layer(i), &mut l.existing)).collect(),
        ),
    ];
    for (kind, values) in owned {
        for (id, value) in values {
            if let Some(value) = value {
                param(
                    value,
                    Location::new(id, At::Value(Key::Existing)),
                    sources::example_arn(kind),
                    &mut param_errors,
                );
            }
        }
    }
    let fix_statements = |statements: &mut [Statement], id: DeclId, fix: &mut dyn FnMut(&mut String, Location)| {
        for (i, statement) in statements.iter_mut().enumerate() {
            if let Resource::Arn(arn) = &mut statement.resource {
                fix(arn, Location::new(id, At::Statement(i, StatementPart::Resource)));
            }
        }
    };
    for (i, role) in sampled.roles.iter_mut().enumerate() {
        let id = DeclId::Role(i);
        for (j, policy) in role.managed.iter_mut().enumerate() {
            fix(policy, Location::new(id, At::Item(Key::Managed, j)));
        }
        if let Some(existing) = &mut role.existing {
            fix(existing, Location::new(id, At::Value(Key::Existing)));
        }
        if let Some(boundary) = &mut role.boundary {
            fix(boundary, Location::new(id, At::Value(Key::Boundary)));
        }
        fix_statements(&mut role.allow, id, &mut fix);
    }
    for (i, function) in sampled.functions.iter_mut().enumerate() {
        let id = DeclId::Function(i);
        for (j, layer) in function.layers.iter_mut().enumerate() {
            fix(layer, Location::new(id, At::Item(Key::Layers, j)));
        }
        fix_statements(&mut function.allow, id, &mut fix);
    }
    let existing = sampled
        .buckets
        .iter_mut()
        .enumerate()
        .map(|(i, b)| (DeclId::Bucket(i), &mut b.existing))
        .chain(sampled.queues.iter_mut().enumerate().map(|(i, q)| (DeclId::Queue(i), &mut q.existing)))
        .chain(sampled.tables.iter_mut().enumerate().map(|(i, t)| (DeclId::Table(i), &mut t.existing)))
        .chain(sampled.topics.iter_mut().enumerate().map(|(i, t)| (DeclId::Topic(i), &mut t.existing)))
        .chain(sampled.streams.iter_mut().enumerate().map(|(i, s)| (DeclId::Stream(i), &mut s.existing)))
        .chain(sampled.layers.iter_mut().enumerate().map(|(i, l)| (DeclId::Layer(i), &mut l.existing)));
    for (id, value) in existing {
        if let Some(value) = value {
            fix(value, Location::new(id, At::Value(Key::Existing)));
        }
    }
    if let Some(boundary) = &mut sampled.boundary {
        fix(boundary, Location::new(DeclId::Stack, At::Value(Key::Boundary)));
    }
    errors.append(&mut param_errors);
    (Cow::Owned(sampled), errors)
}

/// Whether any ARN-bearing string has a `{`: the common case clones nothing.
fn has_placeholders(stack: &Stack) -> bool {
    let statement = |s: &Statement| matches!(&s.resource, Resource::Arn(arn) if arn.contains('{'));
    let existing = |e: &Option<String>| e.as_deref().is_some_and(|e| e.contains('{'));
    stack.roles.iter().any(|r| {
        r.managed.iter().any(|m| m.contains('{'))
            || existing(&r.existing)
            || existing(&r.boundary)
            || r.allow.iter().any(statement)
    }) || existing(&stack.boundary)
        || stack.functions.iter().any(|f| f.layers.iter().any(|l| l.contains('{')) || f.allow.iter().any(statement))
        || stack.buckets.iter().any(|b| existing(&b.existing))
        || stack.queues.iter().any(|q| existing(&q.existing))
        || stack.tables.iter().any(|t| existing(&t.existing))
        || stack.topics.iter().any(|t| existing(&t.existing))
        || stack.streams.iter().any(|s| existing(&s.existing))
        || stack.layers.iter().any(|l| existing(&l.existing))
}
