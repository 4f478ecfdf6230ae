//! Rules about a function's versions: its alias, provisioned concurrency and SnapStart.

use super::{At, Checker, Location};
use crate::decl::{DeclId, Function};
use crate::keys::Key;
use crate::rules::{self, versions};

impl Checker<'_> {
    /// `alias:` is a valid alias name; `provisioned` and `snap_start` need it; provisioned
    /// concurrency is at least 1 and within the reserved concurrency; SnapStart runs the
    /// function's runtime, without provisioned concurrency and with at most 512 MB of `/tmp`;
    /// `recursion:` is `allow` or `terminate`.
    pub(super) fn check_versions(&mut self, id: DeclId, function: &Function) {
        let at = |key| Location::new(id, At::Value(key));
        if let Some(alias) = &function.alias {
            self.check(at(Key::Alias), versions::check_alias_name(alias));
        }
        if let Some(provisioned) = function.provisioned {
            if function.alias.is_none() {
                self.error(at(Key::Provisioned), versions::needs_alias(Key::Provisioned.name(), &function.name));
            } else {
                let checked = versions::check_provisioned(provisioned, function.reserved_concurrency);
                self.check(at(Key::Provisioned), checked);
            }
        }
        if function.snap_start {
            if function.alias.is_none() {
                self.error(at(Key::SnapStart), versions::needs_alias(Key::SnapStart.name(), &function.name));
            }
            let runtime = function.runtime.as_deref().unwrap_or(rules::rust::RUNTIME);
            self.check(at(Key::SnapStart), versions::check_snap_start_runtime(runtime, function.rust));
            self.check(at(Key::SnapStart), versions::check_snap_start_with_provisioned(function.provisioned));
            self.check(at(Key::SnapStart), versions::check_snap_start_ephemeral(function.ephemeral_storage));
        }
        if let Some(Err(message)) = function.recursion.as_ref().map(|r| &r.parsed) {
            self.error(at(Key::Recursion), message.clone());
        }
    }
}
