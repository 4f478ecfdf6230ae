//! Rules about adopting what AWS already runs: `name:`, `import:` and `renamed_from:`.

use super::{At, Checker, Location};
use crate::decl::{Adoption, DeclId, Stack};
use crate::keys::Key;
use crate::rules::{self, adopt, resources::Kind};

/// One declaration as the adoption rules see it.
struct Adopting<'s> {
    id: DeclId,
    kind: Kind,
    name: &'s str,
    adopt: &'s Adoption,
    fifo: bool,
    existing: bool,
}

impl Checker<'_> {
    pub(super) fn check_adoptions(&mut self, stack: &Stack) {
        for declaration in adopting(stack) {
            if declaration.existing {
                // `existing` takes no adoption key (reported as owned-only keys).
                continue;
            }
            self.check_exact_name(stack, &declaration);
            self.check_import(stack, &declaration);
            self.check_renamed_from(stack, &declaration);
        }
    }

    /// `name:` carries `{stage}` exactly when the stack has stages, and is, in every stage, a name
    /// AWS accepts for the kind.
    fn check_exact_name(&mut self, stack: &Stack, d: &Adopting<'_>) {
        let Some(name) = &d.adopt.name else { return };
        let at = Location::new(d.id, At::Value(Key::Name));
        let stage = stack.stage_name();
        if self.check(at, rules::stages::check_name_carries_stage(name, stage)).is_some() {
            let name = rules::stages::exact_name(name, stage);
            self.check(at, adopt::check_exact_name(d.kind, &name, d.fifo));
        }
    }

    /// `import:` is an ID of the shape Terraform imports the kind by, and, when `name:` is written
    /// too, names the same resource; otherwise the first apply would replace what it imports.
    /// Without `name:`, the declaration takes the imported resource's name.
    fn check_import(&mut self, stack: &Stack, d: &Adopting<'_>) {
        let Some(id) = &d.adopt.import else { return };
        let at = Location::new(d.id, At::Value(Key::Import));
        let Some(imported) = self.check(at, adopt::imported_name(d.kind, id)) else { return };
        let Some(ours) = adopt::exact_name(d.kind, d.adopt, stack.stage_name()) else { return };
        if ours != imported {
            let kind = d.kind;
            self.error(
                at,
                format!(
                    "`import` takes over the {kind} `{imported}`, but `name:` names this {kind} `{ours}`, so the first \
                     apply would replace it; write `name: \"{imported}\"` or leave `name:` out"
                ),
            );
        }
    }

    /// `renamed_from:` names the declaration's old name: an identifier, not its own name, and no
    /// other declaration's (Terraform would move one resource onto another).
    fn check_renamed_from(&mut self, stack: &Stack, d: &Adopting<'_>) {
        let Some(old) = &d.adopt.renamed_from else { return };
        let at = Location::new(d.id, At::Value(Key::RenamedFrom));
        if self.check(at, rules::names::check_declaration_name(d.kind.keyword(), old)).is_none() {
            return;
        }
        if old == d.name {
            self.error(at, format!("`renamed_from` names the {} itself; give its old name", d.kind));
        } else if let Some((_, _, other)) = stack.declarations().find(|(_, name, _)| name == old) {
            self.error(
                at,
                format!(
                    "`{old}` is the name of a {other} of this stack; `renamed_from` gives the old name of this {}, \
                     which no declaration has any more",
                    d.kind
                ),
            );
        } else if let Some(first) =
            adopting(stack).find(|e| e.id != d.id && e.adopt.renamed_from.as_deref() == Some(old))
        {
            if stack.source_rank().get(&first.id) < stack.source_rank().get(&d.id) {
                self.error(
                    at,
                    format!(
                        "{} `{}` is also `renamed_from: {old}`; one old name moves to one declaration",
                        first.kind, first.name
                    ),
                );
            }
        }
    }
}

impl Checker<'_> {
    /// The AWS name a declaration the stack owns gets fits its kind: without `name:`, the one
    /// generated from the stack and its naming base (the old name while `renamed_from`); with
    /// `name:`, that name is checked where it is written and the declaration name only needs to be
    /// one Terraform addresses can be built from.
    pub(super) fn check_generated_name(
        &mut self,
        id: DeclId,
        kind: Kind,
        declared: &str,
        adopt: &Adoption,
        fifo: bool,
    ) {
        let at = Location::new(id, At::Name);
        let declaration_name = |name: &str| rules::names::check_declaration_name(kind.keyword(), name);
        if adopt.name.is_some() || adopt.import.is_some() {
            // The AWS name is the exact or imported one, checked where it is written.
            self.check(at, declaration_name(declared));
            return;
        }
        let base = adopt.naming_base(declared);
        if base != declared {
            // A bad old name is reported where `renamed_from` is written.
            if self.check(at, declaration_name(declared)).is_none() || declaration_name(base).is_err() {
                return;
            }
        }
        let stack = self.stack_name();
        let result = match kind {
            Kind::Function => rules::names::check_function_name(stack, base),
            Kind::Role => rules::names::check_role_name(stack, base),
            Kind::Queue => rules::names::check_owned_queue_name(stack, base, fifo),
            Kind::Topic => rules::names::check_owned_topic_name(stack, base, fifo),
            Kind::Table => rules::names::check_owned_table_name(stack, base),
            Kind::Stream => rules::names::check_owned_stream_name(stack, base),
            Kind::Bucket => rules::names::check_bucket_prefix(stack, base),
            Kind::Key => rules::kms::check_alias(stack, base),
            Kind::Secret => rules::names::check_owned_secret_name(stack, base),
            Kind::Parameter => rules::names::check_owned_parameter_name(stack, base),
            Kind::Bus => rules::names::check_owned_bus_name(stack, base),
        };
        self.check(at, result);
    }
}

fn adopting(stack: &Stack) -> impl Iterator<Item = Adopting<'_>> {
    let buckets = stack.buckets.iter().enumerate().map(|(i, b)| Adopting {
        id: DeclId::Bucket(i),
        kind: Kind::Bucket,
        name: &b.name,
        adopt: &b.adopt,
        fifo: false,
        existing: b.existing.is_some(),
    });
    let queues = stack.queues.iter().enumerate().map(|(i, q)| Adopting {
        id: DeclId::Queue(i),
        kind: Kind::Queue,
        name: &q.name,
        adopt: &q.adopt,
        fifo: q.is_fifo(),
        existing: q.existing.is_some(),
    });
    let tables = stack.tables.iter().enumerate().map(|(i, t)| Adopting {
        id: DeclId::Table(i),
        kind: Kind::Table,
        name: &t.name,
        adopt: &t.adopt,
        fifo: false,
        existing: t.existing.is_some(),
    });
    let topics = stack.topics.iter().enumerate().map(|(i, t)| Adopting {
        id: DeclId::Topic(i),
        kind: Kind::Topic,
        name: &t.name,
        adopt: &t.adopt,
        fifo: t.is_fifo(),
        existing: t.existing.is_some(),
    });
    let streams = stack.streams.iter().enumerate().map(|(i, s)| Adopting {
        id: DeclId::Stream(i),
        kind: Kind::Stream,
        name: &s.name,
        adopt: &s.adopt,
        fifo: false,
        existing: s.existing.is_some(),
    });
    let roles = stack.roles.iter().enumerate().map(|(i, r)| Adopting {
        id: DeclId::Role(i),
        kind: Kind::Role,
        name: &r.name,
        adopt: &r.adopt,
        fifo: false,
        existing: r.existing.is_some(),
    });
    let functions = stack.functions.iter().enumerate().map(|(i, f)| Adopting {
        id: DeclId::Function(i),
        kind: Kind::Function,
        name: &f.name,
        adopt: &f.adopt,
        fifo: false,
        existing: false,
    });
    buckets.chain(queues).chain(tables).chain(topics).chain(streams).chain(roles).chain(functions)
}
