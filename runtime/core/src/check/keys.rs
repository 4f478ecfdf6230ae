//! Rules about KMS keys (`key NAME { .. }` and every `kms: KEY` that names one), and the secrets
//! and parameters that hold what functions read at run time.

use super::{At, Checker, Location, Resolved};
use crate::decl::{DeclId, KmsKey, Parameter, Secret, Stack};
use crate::keys::Key;
use crate::rules::{self, resources::Kind};

impl Checker<'_> {
    /// An owned key's alias fits KMS and its `deletion_window` is 7–30 days; an `existing` key is
    /// a key ARN and configures nothing.
    pub(super) fn check_key(&mut self, id: DeclId, key: &KmsKey) {
        if let Some(existing) = &key.existing {
            self.check_existing(id, Kind::Key, existing, &key.written);
            return;
        }
        self.check_generated_name(id, Kind::Key, &key.name, &Default::default(), false);
        if let Some(days) = key.deletion_window {
            self.check(Location::new(id, At::Value(Key::DeletionWindow)), rules::kms::check_deletion_window(days));
        }
    }

    /// Every `kms:` (the stack's, and each resource's and function's) names a `key` of the stack.
    pub(super) fn check_kms_references<'a>(&mut self, stack: &'a Stack) {
        let mut uses: Vec<(DeclId, &str)> = Vec::new();
        uses.extend(stack.kms.as_deref().map(|kms| (DeclId::Stack, kms)));
        let mut each = |id: fn(usize) -> DeclId, kms: Vec<Option<&'a str>>| {
            uses.extend(kms.into_iter().enumerate().filter_map(|(i, kms)| kms.map(|kms| (id(i), kms))));
        };
        each(DeclId::Bucket, stack.buckets.iter().map(|b| b.kms.as_deref()).collect());
        each(DeclId::Queue, stack.queues.iter().map(|q| q.kms.as_deref()).collect());
        each(DeclId::Table, stack.tables.iter().map(|t| t.kms.as_deref()).collect());
        each(DeclId::Topic, stack.topics.iter().map(|t| t.kms.as_deref()).collect());
        each(DeclId::Stream, stack.streams.iter().map(|s| s.kms.as_deref()).collect());
        each(DeclId::Secret, stack.secrets.iter().map(|s| s.kms.as_deref()).collect());
        each(DeclId::Function, stack.functions.iter().map(|f| f.kms.as_deref()).collect());
        for (id, kms) in uses {
            self.check_kms(Location::new(id, At::Value(Key::Kms)), kms);
        }
    }

    /// An owned secret's name fits Secrets Manager; an `existing` one is a secret name or ARN and
    /// configures nothing.
    pub(super) fn check_secret(&mut self, id: DeclId, secret: &Secret) {
        match &secret.existing {
            Some(existing) => self.check_existing(id, Kind::Secret, existing, &secret.written),
            None => self.check_generated_name(id, Kind::Secret, &secret.name, &Default::default(), false),
        }
    }

    /// An owned parameter's name fits SSM and it has a `value` SSM takes; an `existing` one is a
    /// parameter name or ARN and sets no `value`.
    pub(super) fn check_parameter(&mut self, id: DeclId, parameter: &Parameter) {
        if let Some(existing) = &parameter.existing {
            self.check_existing(id, Kind::Parameter, existing, &parameter.written);
            return;
        }
        self.check_generated_name(id, Kind::Parameter, &parameter.name, &Default::default(), false);
        match &parameter.value {
            Some(value) => {
                let at = Location::new(id, At::Value(Key::Value));
                self.check(at, rules::names::check_parameter_value(&parameter.name, value));
            }
            // Written with a value of the wrong kind: reported where it was read.
            None if parameter.written.contains(&Key::Value) => {}
            None => self.error(
                Location::new(id, At::Name),
                format!(
                    "parameter `{}` has no `value`; write `parameter {} {{ value: \"..\" }}`, or `existing: \"NAME\"` for one set outside the stack",
                    parameter.name, parameter.name
                ),
            ),
        }
    }

    /// `kms: NAME` names a `key` declaration: not another kind, not a name the stack lacks.
    fn check_kms(&mut self, at: Location, name: &str) {
        match self.resolve(name, at) {
            Resolved::Kind(Kind::Key) | Resolved::Missing | Resolved::Deferred => {}
            Resolved::Kind(other) => self.error(at, rules::kms::not_a_key(name, other)),
        }
    }
}
