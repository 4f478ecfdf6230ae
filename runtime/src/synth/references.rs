//! What a reference to a declaration becomes: an interpolation of the resource's attribute when
//! the stack owns it, or a literal (name, ARN, URL) built from what is known of an `existing` one.

use super::Builder;
use crate::bucket::Bucket;
use crate::iam::Resource;
use crate::reference::Ref;
use crate::rules::{self, resources::Kind};
use crate::terraform::resources::{
    DynamodbTable, KinesisStream, LambdaFunction, Resource as _, S3Bucket, SnsTopic, SqsQueue,
};
use crate::terraform::{self, Address};

impl Builder<'_> {
    /// The value of `target.attribute`: an interpolation, or a literal when it is known now.
    pub(super) fn reference(&mut self, reference: &Ref) -> String {
        let target = reference.target.as_str();
        let attribute = reference.attribute.as_str();
        match self.kinds[target] {
            Kind::Bucket => match self.bucket_named(target).existing_name() {
                Some(name) if rules::placeholders::param_of(name).is_some() => {
                    let param = rules::placeholders::param_of(name).unwrap_or_default();
                    self.param_arn_reference(Kind::Bucket, param, attribute)
                }
                Some(name) if attribute == "name" => terraform::literal(name),
                Some(name) => format!("arn:{}:s3:::{}", self.partition, terraform::literal(name)),
                None if attribute == "name" => Address::of::<S3Bucket>(target).attr("bucket"),
                None => Address::of::<S3Bucket>(target).attr("arn"),
            },
            Kind::Queue => {
                let queue = self.stack.queue_named(target).expect("checked: references resolve");
                match &queue.existing {
                    None => Address::of::<SqsQueue>(target).attr(attribute),
                    Some(existing) => self.existing_reference(Kind::Queue, existing, attribute),
                }
            }
            Kind::Table => {
                let table = self.stack.table_named(target).expect("checked: references resolve");
                match &table.existing {
                    None => Address::of::<DynamodbTable>(target).attr(attribute),
                    // A stream's ARN carries the time it was enabled: only DynamoDB knows it.
                    Some(existing) if attribute == "stream_arn" => {
                        let name = match rules::placeholders::param_of(existing) {
                            Some(param) => format!("${{{}}}", param_arn_name(Kind::Table, param)),
                            None => terraform::literal(rules::sources::existing_name(Kind::Table, existing)),
                        };
                        let body = serde_json::json!({ "name": name });
                        self.doc.data(DynamodbTable::TYPE, target, &body).attr("stream_arn")
                    }
                    Some(existing) => self.existing_reference(Kind::Table, existing, attribute),
                }
            }
            Kind::Topic => {
                let topic = self.stack.topic_named(target).expect("checked: references resolve");
                match &topic.existing {
                    None => Address::of::<SnsTopic>(target).attr(attribute),
                    Some(existing) => self.existing_reference(Kind::Topic, existing, attribute),
                }
            }
            Kind::Stream => {
                let stream = self.stack.streams.iter().find(|s| s.name == target).expect("checked: references resolve");
                match &stream.existing {
                    None => Address::of::<KinesisStream>(target).attr(attribute),
                    Some(existing) => self.existing_reference(Kind::Stream, existing, attribute),
                }
            }
            Kind::Key => {
                let key = self.stack.keys.iter().find(|k| k.name == target).expect("checked: references resolve");
                match &key.existing {
                    None if attribute == "id" => {
                        Address::of::<crate::terraform::resources::KmsKey>(target).attr("key_id")
                    }
                    None => Address::of::<crate::terraform::resources::KmsKey>(target).attr("arn"),
                    // Checked to be an ARN, which KMS takes wherever it takes a key ID.
                    Some(existing) if rules::placeholders::param_of(existing).is_some() => {
                        format!("${{var.{}}}", rules::placeholders::param_of(existing).unwrap_or_default())
                    }
                    Some(existing) => self.arn(existing),
                }
            }
            Kind::Secret => {
                let secret = self.stack.secrets.iter().find(|s| s.name == target).expect("checked: references resolve");
                match secret.existing.clone() {
                    None => Address::of::<crate::terraform::resources::SecretsmanagerSecret>(target).attr(attribute),
                    Some(existing) if rules::placeholders::param_of(&existing).is_some() => {
                        let param = rules::placeholders::param_of(&existing).unwrap_or_default().to_owned();
                        self.param_arn_reference(Kind::Secret, &param, attribute)
                    }
                    Some(arn) if arn.starts_with("arn:") && attribute == "arn" => self.arn(&arn),
                    Some(existing) => {
                        let name = rules::sources::existing_name(Kind::Secret, &existing).to_owned();
                        if attribute == "name" {
                            terraform::literal(&name)
                        } else {
                            // A secret's ARN ends in characters Secrets Manager chose: only it knows.
                            let body = serde_json::json!({ "name": terraform::literal(&name) });
                            self.doc.data("aws_secretsmanager_secret", target, &body).attr("arn")
                        }
                    }
                }
            }
            Kind::Parameter => {
                let parameter =
                    self.stack.parameters.iter().find(|p| p.name == target).expect("checked: references resolve");
                match parameter.existing.clone() {
                    None => Address::of::<crate::terraform::resources::SsmParameter>(target).attr(attribute),
                    Some(existing) if rules::placeholders::param_of(&existing).is_some() => {
                        let param = rules::placeholders::param_of(&existing).unwrap_or_default().to_owned();
                        self.param_arn_reference(Kind::Parameter, &param, attribute)
                    }
                    Some(arn) if arn.starts_with("arn:") && attribute == "arn" => self.arn(&arn),
                    Some(existing) => {
                        let name = rules::sources::existing_name(Kind::Parameter, &existing).to_owned();
                        if attribute == "name" {
                            terraform::literal(&name)
                        } else {
                            let path = if name.starts_with('/') { name.clone() } else { format!("/{name}") };
                            let arn = format!("arn:{{partition}}:ssm:{{region}}:{{account}}:parameter{path}");
                            self.arn(&arn)
                        }
                    }
                }
            }
            Kind::Bus => {
                let bus = self.stack.buses.iter().find(|b| b.name == target).expect("checked: references resolve");
                match bus.existing.clone() {
                    None => Address::of::<crate::terraform::resources::CloudwatchEventBus>(target).attr(attribute),
                    Some(existing) if rules::placeholders::param_of(&existing).is_some() => {
                        let param = rules::placeholders::param_of(&existing).unwrap_or_default().to_owned();
                        self.param_arn_reference(Kind::Bus, &param, attribute)
                    }
                    Some(arn) if arn.starts_with("arn:") && attribute == "arn" => self.arn(&arn),
                    Some(existing) => {
                        let name = rules::sources::existing_name(Kind::Bus, &existing).to_owned();
                        if attribute == "name" {
                            terraform::literal(&name)
                        } else {
                            let arn = format!("arn:{{partition}}:events:{{region}}:{{account}}:event-bus/{name}");
                            self.arn(&arn)
                        }
                    }
                }
            }
            Kind::Role if attribute == "name" => self.role_attr(target, "name"),
            Kind::Role => self.role_attr(target, "arn"),
            // A function's name is known now; writing it out keeps functions that name each other
            // free of dependency cycles.
            Kind::Function if attribute == "name" => {
                let function =
                    self.stack.functions.iter().find(|f| f.name == target).expect("checked: references resolve");
                self.owned_name(Kind::Function, target, &function.adopt, false)
            }
            Kind::Function => Address::of::<LambdaFunction>(target).attr("arn"),
        }
    }

    /// An attribute of an existing queue, table, topic or stream: from its ARN when given one,
    /// otherwise built from its name, the stack's region and the deploying account.
    fn existing_reference(&mut self, kind: Kind, existing: &str, attribute: &str) -> String {
        if let Some(param) = rules::placeholders::param_of(existing) {
            return self.param_arn_reference(kind, param, attribute);
        }
        // Escaped, with `{account}`, `{region}` and `{partition}` written as references.
        let existing = &self.arn(existing);
        let name = rules::sources::existing_name(kind, existing).to_owned();
        let (region, account) = match existing.strip_prefix("arn:") {
            Some(arn) => {
                let parts: Vec<&str> = arn.splitn(5, ':').collect();
                (
                    parts.get(2).copied().unwrap_or(self.region).to_owned(),
                    parts.get(3).copied().unwrap_or("").to_owned(),
                )
            }
            None => {
                let identity = self.doc.data("aws_caller_identity", "current", &serde_json::json!({}));
                (self.region_of_provider(), identity.attr("account_id"))
            }
        };
        let (service, path) = match kind {
            Kind::Queue => ("sqs", ""),
            Kind::Table => ("dynamodb", "table/"),
            Kind::Topic => ("sns", ""),
            _ => ("kinesis", "stream/"),
        };
        match attribute {
            "name" => name,
            "url" => {
                let suffix = if self.partition == "aws-cn" { "amazonaws.com.cn" } else { "amazonaws.com" };
                format!("https://sqs.{region}.{suffix}/{account}/{name}")
            }
            _ if existing.starts_with("arn:") => existing.clone(),
            _ => format!("arn:{}:{service}:{region}:{account}:{path}{name}", self.partition),
        }
    }

    /// An attribute of an existing resource whose ARN is the param `param`, known only where the
    /// stack deploys: Terraform expressions over the ARN's parts.
    fn param_arn_reference(&self, kind: Kind, param: &str, attribute: &str) -> String {
        let part = |i: usize| format!("element(split(\":\", var.{param}), {i})");
        let name = param_arn_name(kind, param);
        match attribute {
            "name" => format!("${{{name}}}"),
            "url" => {
                let suffix = if self.partition == "aws-cn" { "amazonaws.com.cn" } else { "amazonaws.com" };
                format!("https://sqs.${{{}}}.{suffix}/${{{}}}/${{{name}}}", part(3), part(4))
            }
            _ => format!("${{var.{param}}}"),
        }
    }

    /// The stack's region, or the provider's when the stack names none.
    fn region_of_provider(&mut self) -> String {
        if self.region.is_empty() {
            self.doc.data("aws_region", "current", &serde_json::json!({})).attr("name")
        } else {
            self.region.to_owned()
        }
    }

    fn bucket_named(&self, name: &str) -> &Bucket {
        self.stack.buckets.iter().find(|b| b.name == name).expect("checked: references resolve")
    }

    pub(super) fn resource_arn(&mut self, resource: &Resource) -> String {
        match resource {
            Resource::Named(name) => self.reference(&Ref::new(name.clone(), "arn")),
            Resource::Sub { target, sub, pattern } => {
                let arn = self.reference(&Ref::new(target.clone(), "arn"));
                let kind = self.kinds[target.as_str()];
                let sub = kind.sub_resources().iter().find(|s| s.name == sub).expect("checked: sub-resources exist");
                format!("{arn}{}", terraform::literal(&sub.arn_suffix(pattern.as_deref())))
            }
            Resource::Arn(arn) => self.arn(arn),
        }
    }

    /// An ARN string as Terraform reads it: the text escaped, then `{account}`, `{region}` and
    /// `{partition}` replaced by the deploying account (a data source), and the stack's region
    /// and partition (literals when the stack has a region, data sources otherwise).
    pub(super) fn arn(&mut self, text: &str) -> String {
        if let Some(param) = rules::placeholders::param_of(text) {
            return format!("${{var.{param}}}");
        }
        let escaped = terraform::literal(text);
        let mut needs: Vec<&'static str> = Vec::new();
        let region = self.stack.region.clone();
        let written = rules::placeholders::replace(&escaped, |name| match (name, &region) {
            ("account", _) => {
                needs.push("aws_caller_identity");
                "${data.aws_caller_identity.current.account_id}".to_owned()
            }
            ("region", Some(region)) => region.clone(),
            ("region", None) => {
                needs.push("aws_region");
                "${data.aws_region.current.name}".to_owned()
            }
            (_, Some(_)) => self.partition.to_owned(),
            (_, None) => {
                needs.push("aws_partition");
                "${data.aws_partition.current.partition}".to_owned()
            }
        })
        .into_owned();
        for data in needs {
            self.doc.data(data, "current", &serde_json::json!({}));
        }
        written
    }
}

/// The Terraform expression of the name in the ARN held by the param `param`: what follows the
/// fifth `:`, without the resource type where the ARN has one (`table/`, `stream/`), and for a role
/// its last `/` part (roles have paths).
pub(super) fn param_arn_name(kind: Kind, param: &str) -> String {
    let resource = format!("element(split(\":\", var.{param}), 5)");
    match kind {
        Kind::Table => format!("trimprefix({resource}, \"table/\")"),
        Kind::Stream => format!("trimprefix({resource}, \"stream/\")"),
        Kind::Role => format!("element(split(\"/\", var.{param}), length(split(\"/\", var.{param})) - 1)"),
        _ => resource,
    }
}
