//! Rules about `param` declarations (Terraform variables) and the places that read them.

use std::collections::BTreeSet;

use super::{At, Checker, Location};
use crate::decl::{DeclId, Param, ParamType, ParamValue, Stack};
use crate::keys::Key;
use crate::rules::suggest::did_you_mean;

/// Names Terraform reserves in a `variable` block's label.
const RESERVED_VARIABLE_NAMES: [&str; 8] =
    ["source", "version", "providers", "count", "for_each", "lifecycle", "depends_on", "locals"];

impl Checker<'_> {
    pub(super) fn check_params(&mut self, stack: &Stack) {
        let declared: BTreeSet<&str> = stack.declarations().map(|(_, name, _)| name).collect();
        for (i, param) in stack.params.iter().enumerate() {
            let id = DeclId::Param(i);
            self.check_param_name(id, param, &declared, &stack.params[..i]);
            if let Some(kind) = &param.kind {
                self.check(Location::new(id, At::Value(Key::Type)), kind.parsed.clone());
            }
            self.check_param_default(id, param);
        }
    }

    /// A param's name is a Terraform variable name, not reserved, and no other declaration's.
    fn check_param_name(&mut self, id: DeclId, param: &Param, declared: &BTreeSet<&str>, earlier: &[Param]) {
        let at = Location::new(id, At::Name);
        let name = param.name.as_str();
        if RESERVED_VARIABLE_NAMES.contains(&name) {
            self.error(at, format!("`{name}` is a name Terraform reserves for variables; name the param otherwise"));
        } else if declared.contains(name) || earlier.iter().any(|p| p.name == name) {
            self.error(
                at,
                format!(
                    "the name `{name}` is already used in this stack; each param and declaration needs its own name"
                ),
            );
        }
    }

    /// A default is of the param's type: text for `string`, a number for `number`, a list of
    /// strings for `list`.
    fn check_param_default(&mut self, id: DeclId, param: &Param) {
        let Some(default) = &param.default else { return };
        let kind = param.param_type();
        let fits = matches!(
            (kind, default),
            (ParamType::String, ParamValue::String(_))
                | (ParamType::Number, ParamValue::Number(_))
                | (ParamType::List, ParamValue::List(_))
                // Terraform converts a number to a string.
                | (ParamType::String, ParamValue::Number(_))
        );
        if !fits {
            let expected = match kind {
                ParamType::String => "a string",
                ParamType::Number => "a number",
                ParamType::List => "a list of strings, such as `[\"subnet-1\", \"subnet-2\"]`",
            };
            self.error(
                Location::new(id, At::Value(Key::Default)),
                format!("param `{}` is a `{}`; its default must be {expected}", param.name, kind.word()),
            );
        }
    }

    /// A bare name in `env` is a param of the stack that holds one value (a string or a number).
    /// Returns the longest the value can be when it is known (its default), for the size check.
    pub(super) fn check_env_param(&mut self, at: Location, name: &str) -> Option<usize> {
        let stack = self.stack()?;
        match stack.params.iter().find(|p| p.name == name) {
            Some(param) if param.param_type() == ParamType::List => {
                self.error(
                    at,
                    format!("`{name}` is a `list` param; an environment variable holds one string, so pass one item or join them"),
                );
                None
            }
            Some(param) => match &param.default {
                Some(ParamValue::String(text) | ParamValue::Number(text)) => Some(crate::rules::env::json_len(text)),
                _ => None,
            },
            None => {
                if let Some((_, _, kind)) = stack.declarations().find(|(_, n, _)| *n == name) {
                    self.error(
                        at,
                        format!(
                            "`{name}` names a {kind}; an environment variable takes one of its attributes, such as \
                             `{name}.name` or `{name}.arn`"
                        ),
                    );
                } else {
                    let params = stack.params.iter().map(|p| p.name.as_str());
                    self.error(
                        at,
                        format!("`{name}` is not a param of stack `{}`{}", stack.name, did_you_mean(name, params)),
                    );
                }
                None
            }
        }
    }

    /// `subnets` and `security_groups` of a `vpc` are listed IDs of their kind, or a `list` param of
    /// the stack; Lambda takes 1–16 subnets and 1–5 security groups.
    pub(super) fn check_vpc(&mut self, id: DeclId, vpc: &crate::decl::Vpc) {
        use crate::decl::Ids;
        let listed = |this: &mut Self, key: Key, ids: &Ids, check: fn(&str) -> Result<(), String>| match ids {
            Ids::Listed(ids) => {
                for (i, value) in ids.iter().enumerate() {
                    this.check(Location::new(id, At::VpcItem(key, i)), check(value));
                }
                Some(ids.len())
            }
            Ids::Param(name) => {
                this.check_list_param(Location::new(id, At::Vpc(key)), key, name);
                None
            }
        };
        let subnets = listed(self, Key::Subnets, &vpc.subnets, crate::rules::vpc::check_subnet_id);
        let groups =
            listed(self, Key::SecurityGroups, &vpc.security_groups, crate::rules::vpc::check_security_group_id);
        if let Err((on_subnets, message)) = crate::rules::vpc::check_counts(subnets, groups) {
            let key = if on_subnets { Key::Subnets } else { Key::SecurityGroups };
            self.error(Location::new(id, At::Vpc(key)), message);
        }
    }

    /// `name`, where `key` takes a list, is a `list` param of the stack.
    fn check_list_param(&mut self, at: Location, key: Key, name: &str) {
        let Some(stack) = self.stack() else { return };
        match stack.params.iter().find(|p| p.name == name) {
            Some(param) if param.param_type() == ParamType::List => {}
            Some(param) => self.error(
                at,
                format!(
                    "`{name}` is a `{}` param, but `{}` takes a list: declare it `param {name} {{ type: list }}`",
                    param.param_type().word(),
                    key.name()
                ),
            ),
            None => {
                let params = stack.params.iter().map(|p| p.name.as_str());
                self.error(
                    at,
                    format!("`{name}` is not a param of stack `{}`{}", stack.name, did_you_mean(name, params)),
                );
            }
        }
    }
}
