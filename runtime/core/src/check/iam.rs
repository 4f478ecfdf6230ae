//! Rules about roles and IAM statements: names, managed policies, actions that exist and apply to
//! what they name, and inline policies within IAM's quota.

use std::collections::BTreeMap;

use super::{At, Checker, Location, Resolved, StatementPart};
use crate::decl::{DeclId, Resource, Role, Stack, Statement};
use crate::keys::Key;
use crate::rules::resources::{self, Kind, Target};
use crate::rules::{self, grants::GrantOn};

/// A statement's actions, and the longest its resource's ARN can be.
type Sized = (Vec<String>, usize);

impl Checker<'_> {
    pub(super) fn check_role(&mut self, id: DeclId, role: &Role) {
        if let Some(existing) = &role.existing {
            self.check_existing(id, Kind::Role, existing, &role.written);
            return;
        }
        self.check_role_name(id, role);
        self.check_managed_policies(id, role);
        if let Some(boundary) = &role.boundary {
            self.check(Location::new(id, At::Value(Key::Boundary)), resources::check_policy_arn(boundary));
        }
        for (i, statement) in role.allow.iter().enumerate() {
            self.check_statement(id, i, statement, "");
        }
    }

    /// A role's AWS name (`{stack}-{role}`, unless `name:` gives it) fits IAM's 64 characters.
    fn check_role_name(&mut self, id: DeclId, role: &Role) {
        self.check_generated_name(id, Kind::Role, &role.name, &role.adopt, false);
    }

    /// Managed policies are AWS managed policies that exist, or IAM policy ARNs.
    fn check_managed_policies(&mut self, id: DeclId, role: &Role) {
        for (i, policy) in role.managed.iter().enumerate() {
            let at = Location::new(id, At::Item(Key::Managed, i));
            if policy.starts_with("arn:") {
                self.check(at, resources::check_policy_arn(policy));
            } else {
                self.check(at, rules::iam::check_managed_policy(policy).map(drop));
            }
        }
    }

    /// A statement has actions and names a declared resource (or an ARN), and each action exists
    /// and applies to it. Alone, a `#[function]`'s statement must fit some kind of declaration,
    /// which the binding stack must then declare (`function` names it in messages).
    pub(super) fn check_statement(&mut self, id: DeclId, index: usize, statement: &Statement, function: &str) {
        let at = |part| Location::new(id, At::Statement(index, part));
        if statement.actions.is_empty() {
            self.error(
                at(StatementPart::Whole),
                "a statement needs at least one action, as in `s3:GetObject on reports`",
            );
            return;
        }
        let (name, sub, pattern) = match &statement.resource {
            Resource::Arn(arn) => {
                let checked = if arn.is_empty() {
                    Err("a statement needs a resource: a declaration of the stack or an ARN".to_owned())
                } else {
                    resources::check_arn(arn)
                };
                // Reported on the ARN, once, rather than on each action of the statement.
                if self.check(at(StatementPart::Resource), checked).is_none() {
                    return;
                }
                for (i, action) in statement.actions.iter().enumerate() {
                    let applies = resources::check_statement(&action.text, action.wildcard, Target::Arn(arn));
                    self.check(at(StatementPart::Action(i)), applies.map(drop));
                }
                return;
            }
            Resource::Named(name) => (name, None, None),
            Resource::Sub { target, sub, pattern } => (target, Some(sub.as_str()), pattern.as_deref()),
        };
        let kind = match self.resolve(name, at(StatementPart::Resource)) {
            Resolved::Kind(kind) => kind,
            Resolved::Missing => return,
            Resolved::Deferred => return self.check_statement_alone(id, index, statement, function),
        };
        let target = match sub {
            None => Target::Resource { kind, name },
            Some(sub) => {
                let Some(found) = self.check(at(StatementPart::Sub), resources::check_sub_resource(kind, name, sub))
                else {
                    return;
                };
                let part = if pattern.is_some() { StatementPart::Pattern } else { StatementPart::Sub };
                if self.check(at(part), resources::check_sub_pattern(name, &found, pattern)).is_none() {
                    return;
                }
                Target::Sub { kind, name, sub: found }
            }
        };
        for (i, action) in statement.actions.iter().enumerate() {
            let applies = resources::check_statement(&action.text, action.wildcard, target);
            self.check(at(StatementPart::Action(i)), applies.map(drop));
        }
    }

    /// A `#[function]`'s statement on a name: its actions exist, and some kind of declaration
    /// makes them all apply; the binding stack must declare the name as one of those kinds.
    fn check_statement_alone(&mut self, id: DeclId, index: usize, statement: &Statement, function: &str) {
        let at = |part| Location::new(id, At::Statement(index, part));
        let (name, sub, pattern) = match &statement.resource {
            Resource::Named(name) => (name, None, None),
            Resource::Sub { target, sub, pattern } => (target, Some(sub.as_str()), pattern.as_deref()),
            Resource::Arn(_) => return,
        };
        let mut fit = Vec::new();
        let mut first_error = None;
        for kind in Kind::ALL {
            let result = match sub {
                None => statement.actions.iter().try_for_each(|action| {
                    resources::check_statement(&action.text, action.wildcard, Target::Resource { kind, name }).map(drop)
                }),
                Some(sub) => resources::check_sub_resource(kind, name, sub).and_then(|found| {
                    resources::check_sub_pattern(name, &found, pattern)?;
                    statement.actions.iter().try_for_each(|action| {
                        let target = Target::Sub { kind, name, sub: found };
                        resources::check_statement(&action.text, action.wildcard, target).map(drop)
                    })
                }),
            };
            match result {
                Ok(()) => fit.push(kind),
                Err(message) => {
                    first_error.get_or_insert(message);
                }
            }
        }
        if !fit.is_empty() {
            self.refer(function, name, fit, "`allow`".into());
            return;
        }
        // No kind fits: an action that does not exist says so; otherwise say what was tried.
        for (i, action) in statement.actions.iter().enumerate() {
            if let Some((service, action_name)) = action.text.split_once(':') {
                if !action.wildcard && !action_name.contains(['*', '?']) {
                    let exists = rules::iam::check_action(service, action_name);
                    if self.check(at(StatementPart::Action(i)), exists.map(drop)).is_none() {
                        return;
                    }
                }
            }
        }
        let resource = match sub {
            Some(sub) => format!("`{name}.{sub}`"),
            None => format!("`{name}`"),
        };
        self.error(
            at(StatementPart::Whole),
            format!(
                "this statement applies to no kind of declaration {resource} could be ({})",
                first_error.unwrap_or_default()
            ),
        );
    }

    /// Each role's inline policies fit IAM's 10,240 characters, counting the statements of the
    /// functions that share it and those their triggers and `dead_letter` add.
    pub(super) fn check_policy_sizes(&mut self, stack: &Stack) {
        let mut per_role: BTreeMap<&str, (Vec<Sized>, Location)> = BTreeMap::new();
        for (i, role) in stack.roles.iter().enumerate() {
            let sized = role.allow.iter().map(|s| self.sized(s)).collect();
            per_role.insert(&role.name, (sized, Location::new(DeclId::Role(i), At::Name)));
        }
        for (i, function) in stack.functions.iter().enumerate() {
            let role = function.role.as_deref().unwrap_or(&function.name);
            let mut sized: Vec<Sized> = function.allow.iter().map(|s| self.sized(s)).collect();
            for derived in function.derived_grants(|name| self.kind_of(name)) {
                let len = match derived.grant.on {
                    GrantOn::Itself => self.with_alias_arn(derived.source, resources::arn_max_len(derived.kind)),
                    GrantOn::Sub(sub) => derived
                        .kind
                        .sub_resources()
                        .iter()
                        .find(|s| s.name == sub)
                        .map_or(0, |s| resources::sub_arn_max_len(derived.kind, s, None)),
                    GrantOn::Everything => 1,
                };
                sized.push((derived.grant.actions.iter().map(|a| (*a).to_owned()).collect(), len));
            }
            let entry = per_role.entry(role).or_insert((Vec::new(), Location::new(DeclId::Function(i), At::Name)));
            entry.0.extend(sized);
        }
        for (role, (sized, at)) in per_role {
            let chars = resources::policy_chars(sized.iter().map(|(a, len)| (a.as_slice(), *len)));
            self.check(at, rules::limits::check_role_inline_policy_size(role, chars));
        }
    }

    /// The length of the resource of a statement on `name` whose ARN is `len` long: a function
    /// with an alias is named by both its ARNs (`["ARN", "ARN:ALIAS"]`, synth's `policy_document`).
    fn with_alias_arn(&self, name: &str, len: usize) -> usize {
        let alias =
            self.stack().and_then(|s| s.functions.iter().find(|f| f.name == name)).and_then(|f| f.alias.as_ref());
        match alias {
            // The second ARN, its `:ALIAS`, the quotes and comma between them, the brackets.
            Some(alias) => len * 2 + 1 + alias.len() + 5,
            None => len,
        }
    }

    /// A statement's actions and the longest its resource ARN can be.
    fn sized(&self, statement: &Statement) -> Sized {
        let len = match &statement.resource {
            Resource::Named(name) => self.with_alias_arn(name, self.kind_of(name).map_or(0, resources::arn_max_len)),
            Resource::Sub { target, sub, pattern } => self.kind_of(target).map_or(0, |kind| {
                kind.sub_resources()
                    .iter()
                    .find(|s| s.name == sub)
                    .map_or(0, |s| resources::sub_arn_max_len(kind, s, pattern.as_deref()))
            }),
            Resource::Arn(arn) => arn.len(),
        };
        (statement.actions.iter().map(|a| a.text.clone()).collect(), len)
    }
}
