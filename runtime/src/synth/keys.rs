//! KMS keys: each owned `key` with its alias and its policy, and the key each resource is
//! encrypted with (its own `kms`, else the stack's).
//!
//! The policy lets the account's IAM policies use the key (the root statement, which is how the
//! functions' roles get their `kms:Decrypt`), and CloudWatch Logs when the stack's log groups are
//! encrypted with it, conditioned on the encryption context naming a log group of this account
//! and region. No other service principal encrypts with a stack's key: every trigger delivers to
//! a function, which reads and writes with its own role.

use serde_json::json;

use super::{note, Builder};
use crate::error::Result;
use crate::kms::KmsKey;
use crate::reference::Ref;
use crate::rules::{self, resources::Kind};
use crate::secrets::{Secret, SsmParameter};
use crate::terraform::resources::{
    KmsAlias, KmsKey as KmsKeyResource, SecretsmanagerSecret, SsmParameter as SsmParameterResource,
};

impl Builder<'_> {
    /// The ARN of the key a resource is encrypted with: its own `kms`, else the stack's.
    pub(super) fn kms_arn(&mut self, own: Option<&str>) -> Option<String> {
        let key = own.or(self.stack.kms.as_deref())?.to_owned();
        Some(self.reference(&Ref::new(key, "arn")))
    }

    /// An owned key, its alias, and its policy.
    pub(super) fn kms_key(&mut self, key: &KmsKey) -> Result<()> {
        if key.existing.is_some() {
            return Ok(());
        }
        let name = &key.name;
        let what = note(&format!("key `{name}`"), &key.origin);
        let root = self.arn("arn:{partition}:iam::{account}:root");
        let mut statements = vec![json!({
            "Sid": "AccountAdministers",
            "Effect": "Allow",
            "Principal": { "AWS": root },
            "Action": "kms:*",
            "Resource": "*",
        })];
        if self.stack.kms.as_deref() == Some(name.as_str()) {
            let service = self.arn("logs.{region}.amazonaws.com");
            let log_groups = self.arn("arn:{partition}:logs:{region}:{account}:log-group:*");
            statements.push(json!({
                "Sid": "CloudWatchLogsEncrypts",
                "Effect": "Allow",
                "Principal": { "Service": service },
                "Action": rules::kms::LOGS_ACTIONS,
                "Resource": "*",
                "Condition": { "ArnLike": { rules::kms::LOGS_CONTEXT_KEY: log_groups } },
            }));
        }
        let policy = json!({ "Version": "2012-10-17", "Statement": statements }).to_string();
        let address = self.add(
            name,
            &KmsKeyResource {
                note: what.clone(),
                description: format!("key `{name}` of stack `{}`", self.stack.name),
                enable_key_rotation: key.rotation,
                deletion_window_in_days: key.deletion_window.unwrap_or(rules::kms::DEFAULT_DELETION_WINDOW),
                policy,
            },
        )?;
        self.add(
            name,
            &KmsAlias {
                note: what,
                name: rules::adopt::owned_name(Kind::Key, &self.stack.name, name, &Default::default(), false, None),
                target_key_id: address.attr("key_id"),
            },
        )?;
        Ok(())
    }

    /// An owned secret, encrypted with its key (else the stack's, else Secrets Manager's AWS
    /// managed key). Its value is set outside Terraform, so it is never in the state.
    pub(super) fn secret(&mut self, secret: &Secret) -> Result<()> {
        if secret.existing.is_some() {
            return Ok(());
        }
        let name = &secret.name;
        let kms_key_id = self.kms_arn(secret.kms.as_deref());
        self.add(
            name,
            &SecretsmanagerSecret {
                note: note(&format!("secret `{name}` (its value is set outside Terraform)"), &secret.origin),
                name: rules::adopt::owned_name(Kind::Secret, &self.stack.name, name, &Default::default(), false, None),
                kms_key_id,
            },
        )?;
        Ok(())
    }

    /// An owned `String` parameter with its value.
    pub(super) fn parameter(&mut self, parameter: &SsmParameter) -> Result<()> {
        if parameter.existing.is_some() {
            return Ok(());
        }
        let name = &parameter.name;
        let value = parameter.value.as_deref().expect("checked: an owned parameter has a value");
        self.add(
            name,
            &SsmParameterResource {
                note: note(&format!("parameter `{name}`"), &parameter.origin),
                name: rules::adopt::owned_name(
                    Kind::Parameter,
                    &self.stack.name,
                    name,
                    &Default::default(),
                    false,
                    None,
                ),
                kind: "String".into(),
                value: crate::terraform::literal(value),
            },
        )?;
        Ok(())
    }
}

impl Builder<'_> {
    /// An owned EventBridge bus, `<stack>-<name>`.
    pub(super) fn bus(&mut self, bus: &crate::Bus) -> Result<()> {
        if bus.existing.is_some() {
            return Ok(());
        }
        let name = &bus.name;
        self.add(
            name,
            &crate::terraform::resources::CloudwatchEventBus {
                note: note(&format!("bus `{name}`"), &bus.origin),
                name: rules::adopt::owned_name(Kind::Bus, &self.stack.name, name, &Default::default(), false, None),
            },
        )?;
        Ok(())
    }
}
