//! `{account}`, `{region}` and `{partition}` in ARN strings, before any other rule reads them.

use std::borrow::Cow;

use super::{At, Location, StatementPart};
use crate::decl::{DeclId, Resource, Stack, Statement};
use crate::keys::Key;
use crate::rules::placeholders;

/// Every ARN string of the stack holds only known placeholders (an error at it otherwise), and the
/// stack the other rules read has sample values in their place. Borrowed when there are none.
pub(super) fn sampled(stack: &Stack) -> (Cow<'_, Stack>, Vec<(Location, String)>) {
    let mut errors = Vec::new();
    if !has_placeholders(stack) {
        return (Cow::Borrowed(stack), errors);
    }
    let region = stack.region.as_deref();
    let mut sampled = stack.clone();
    let mut fix = |text: &mut String, at: Location| {
        if let Err(message) = placeholders::check(text) {
            errors.push((at, message));
        }
        *text = placeholders::sample(text, region).into_owned();
    };
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
        .chain(sampled.streams.iter_mut().enumerate().map(|(i, s)| (DeclId::Stream(i), &mut s.existing)));
    for (id, value) in existing {
        if let Some(value) = value {
            fix(value, Location::new(id, At::Value(Key::Existing)));
        }
    }
    (Cow::Owned(sampled), errors)
}

/// Whether any ARN-bearing string has a `{`: the common case clones nothing.
fn has_placeholders(stack: &Stack) -> bool {
    let statement = |s: &Statement| matches!(&s.resource, Resource::Arn(arn) if arn.contains('{'));
    let existing = |e: &Option<String>| e.as_deref().is_some_and(|e| e.contains('{'));
    stack
        .roles
        .iter()
        .any(|r| r.managed.iter().any(|m| m.contains('{')) || existing(&r.existing) || r.allow.iter().any(statement))
        || stack.functions.iter().any(|f| f.layers.iter().any(|l| l.contains('{')) || f.allow.iter().any(statement))
        || stack.buckets.iter().any(|b| existing(&b.existing))
        || stack.queues.iter().any(|q| existing(&q.existing))
        || stack.tables.iter().any(|t| existing(&t.existing))
        || stack.topics.iter().any(|t| existing(&t.existing))
        || stack.streams.iter().any(|s| existing(&s.existing))
}
