//! IAM: each declared role, a generated role for each function without one (with what its
//! triggers need), the statements a function adds to a role it shares, and managed policies
//! attached once per role.

use crate::rules::resources::Kind;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::json;

use super::{note, Builder};
use crate::error::Result;
use crate::iam::{ManagedPolicy, Statement};
use crate::rules;
use crate::terraform::resources::{IamRole, IamRolePolicy, IamRolePolicyAttachment};
use crate::terraform::Address;
use lambda_stack_core::decl::Tracing;

const LAMBDA_TRUST_POLICY: &str = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"}}],"Version":"2012-10-17"}"#;
const BASIC_EXECUTION_POLICY: &str = "AWSLambdaBasicExecutionRole";
const XRAY_POLICY: &str = "AWSXRayDaemonWriteAccess";

impl Builder<'_> {
    fn policy_document(&mut self, statements: &[&Statement]) -> String {
        let mut written = Vec::new();
        for statement in statements {
            let actions: Vec<&str> = statement.actions().collect();
            let action = match actions.as_slice() {
                [one] => json!(one),
                many => json!(many),
            };
            let mut resource = json!(self.resource_arn(&statement.resource));
            // A function with an alias is invoked through it: the statement covers both ARNs.
            if let crate::iam::Resource::Named(name) = &statement.resource {
                if self.kinds.get(name.as_str()) == Some(&Kind::Function)
                    && Self::qualifier(&self.invoked(name)).is_some()
                {
                    resource = json!([resource, self.invoked(name).attr("arn")]);
                }
            }
            written.push(json!({ "Action": action, "Effect": "Allow", "Resource": resource }));
        }
        let statements = written;
        json!({ "Statement": statements, "Version": "2012-10-17" }).to_string()
    }

    /// An attribute (`arn`, `id` or `name`) of the role `role`: an interpolation of the role the
    /// stack creates, or, for an `existing` role, its ARN or its name (IAM's `id` of a role is its
    /// name).
    pub(super) fn role_attr(&self, role: &str, attribute: &str) -> String {
        let existing = self.stack.roles.iter().find(|r| r.name == role).and_then(|r| r.existing.as_deref());
        match (existing, attribute) {
            // A param's reference, `${var.NAME}`, as it is.
            (Some(arn), "arn") if rules::placeholders::param_of(arn).is_some() => arn.to_owned(),
            (Some(arn), _) if rules::placeholders::param_of(arn).is_some() => {
                let param = rules::placeholders::param_of(arn).unwrap_or_default();
                format!("${{{}}}", super::references::param_arn_name(Kind::Role, param))
            }
            (Some(arn), "arn") => crate::terraform::literal(arn),
            (Some(arn), _) => crate::terraform::literal(rules::sources::existing_name(Kind::Role, arn)),
            (None, attribute) => Address::of::<IamRole>(role).attr(attribute),
        }
    }

    /// Declared roles, and a generated role for each function without one. Managed policies a
    /// function needs (tracing, a VPC) are attached once per role.
    pub(super) fn roles(&mut self) -> Result<()> {
        let mut managed: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for role in &self.stack.roles {
            let policies = managed.entry(&role.name).or_default();
            for policy in &role.managed {
                policies.insert(match policy {
                    ManagedPolicy::Aws(name) => name.clone(),
                    ManagedPolicy::Arn(arn) => aws_managed_name(arn).unwrap_or_else(|| arn.clone()),
                });
            }
        }
        for function in &self.stack.functions {
            let role = function.role.as_deref().unwrap_or(&function.name);
            let policies = managed.entry(role).or_default();
            if function.role.is_none() {
                policies.insert(BASIC_EXECUTION_POLICY.into());
            }
            if function.tracing == Tracing::Active {
                policies.insert(XRAY_POLICY.into());
            }
            if self.stack.vpc_of(function).is_some() {
                policies.insert(rules::vpc::VPC_ACCESS_POLICY.into());
            }
        }
        for role in self.stack.roles.iter().filter(|role| role.existing.is_none()) {
            self.role(
                &role.name,
                self.owned_name(Kind::Role, &role.name, &role.adopt, false),
                &note(&format!("role `{}`", role.name), &role.origin),
                &role.allow.iter().collect::<Vec<_>>(),
                role.boundary.as_deref(),
            )?;
        }
        // A function's statements: its `allow`, then what its triggers and dead-letter target need.
        let derived: Vec<Vec<Statement>> =
            self.stack.functions.iter().map(|f| self.stack.derived_statements(&self.kinds, f)).collect();
        for (function, derived) in self.stack.functions.iter().zip(&derived).filter(|(f, _)| f.role.is_none()) {
            let what = note(&format!("role of function `{}`", function.name), &function.origin);
            // Named like the function's generated name whatever its `name:`, which names the function.
            let aws_name = rules::names::role_name(&self.stack.name, function.adopt.naming_base(&function.name));
            let statements = function.allow.iter().chain(derived).collect::<Vec<_>>();
            self.role(&function.name, aws_name, &what, &statements, None)?;
        }
        // Statements a function adds to a role it shares: a policy of its own on that role.
        for (function, derived) in self.stack.functions.iter().zip(&derived) {
            let Some(role) = &function.role else { continue };
            if function.allow.is_empty() && derived.is_empty() {
                continue;
            }
            let what = note(&format!("statements of function `{}` on role `{role}`", function.name), &function.origin);
            let policy = self.policy_document(&function.allow.iter().chain(derived).collect::<Vec<_>>());
            let address = self.add(
                &function.name,
                &IamRolePolicy {
                    note: what,
                    name: rules::names::role_name(&self.stack.name, function.adopt.naming_base(&function.name)),
                    role: self.role_attr(role, "id"),
                    policy,
                },
            )?;
            self.role_dependencies.entry(role.clone()).or_default().push(address.to_string());
        }
        for (role, policies) in managed {
            for policy in policies {
                let (arn, short) = match rules::iam::managed_policy(&policy) {
                    Some(aws) => {
                        (aws.arn.replacen("arn:aws:", &format!("arn:{}:", self.partition), 1), aws.name.to_owned())
                    }
                    // A customer policy: named by its account and path too, since two accounts
                    // may both have a policy `foo`.
                    None => (self.arn(&policy), attachment_suffix(&policy)),
                };
                let address = self.add(
                    &format!("{role}-{short}"),
                    &IamRolePolicyAttachment {
                        note: format!("managed policy `{short}` on role `{role}`"),
                        role: self.role_attr(role, "name"),
                        policy_arn: arn,
                    },
                )?;
                self.role_dependencies.entry(role.to_owned()).or_default().push(address.to_string());
            }
        }
        Ok(())
    }

    fn role(
        &mut self,
        name: &str,
        aws_name: String,
        what: &str,
        statements: &[&Statement],
        boundary: Option<&str>,
    ) -> Result<()> {
        let permissions_boundary = boundary.or(self.stack.boundary.as_deref()).map(|arn| self.arn(arn));
        let address = self.add(
            name,
            &IamRole {
                note: what.to_owned(),
                name: aws_name.clone(),
                assume_role_policy: LAMBDA_TRUST_POLICY.to_owned(),
                permissions_boundary,
                tags: BTreeMap::new(),
            },
        )?;
        if !statements.is_empty() {
            let policy = self.policy_document(statements);
            let inline = self.add(
                name,
                &IamRolePolicy { note: what.to_owned(), name: aws_name, role: address.attr("id"), policy },
            )?;
            self.role_dependencies.entry(name.to_owned()).or_default().push(inline.to_string());
        }
        Ok(())
    }
}

/// An AWS managed policy given by ARN (`arn:aws:iam::aws:policy/service-role/X`) is the same
/// policy as its name, so a role gets it attached once.
fn aws_managed_name(arn: &str) -> Option<String> {
    let (_, rest) = arn.split_once(":iam::aws:policy/")?;
    let name = rest.rsplit('/').next()?;
    rules::iam::managed_policy(name).filter(|p| p.arn.ends_with(rest)).map(|p| p.name.to_owned())
}

/// `arn:aws:iam::111122223333:policy/team/foo` → `111122223333-team-foo`.
fn attachment_suffix(arn: &str) -> String {
    let rest = arn.split_once(":iam::").map_or(arn, |(_, rest)| rest);
    let mut suffix = String::new();
    for c in rest.replacen(":policy/", "-", 1).chars() {
        suffix.push(if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '-' });
    }
    suffix
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managed_policy_arns_and_names_are_one_policy() {
        let xray = "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess";
        assert_eq!(aws_managed_name(xray).as_deref(), Some("AWSXRayDaemonWriteAccess"));
        assert_eq!(aws_managed_name("arn:aws:iam::111122223333:policy/AWSXRayDaemonWriteAccess"), None);
        assert_ne!(attachment_suffix("arn:aws:iam::111:policy/foo"), attachment_suffix("arn:aws:iam::222:policy/foo"));
    }
}
