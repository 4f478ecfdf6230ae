//! Buckets, queues, tables, topics and streams: an owned one is created with lambda-stack's
//! defaults (private, encrypted, ...); an `existing` one only gets what triggers on it need.

use std::collections::BTreeMap;

use super::{note, Builder};
use crate::bucket::Bucket;
use crate::error::Result;
use crate::queue::Queue;
use crate::reference::Ref;
use lambda_stack_core::decl::Word;

use crate::rules::{self, resources::Kind};
use crate::stream::Stream;
use crate::table::Table;
use crate::terraform::resources::{
    DynamodbAttribute, DynamodbEncryption, DynamodbTable, Enabled, KinesisStream, S3AbortIncompleteUpload, S3Bucket,
    S3BucketEncryption, S3BucketLifecycle, S3BucketNotification, S3BucketPublicAccessBlock, S3BucketVersioning,
    S3EncryptionDefault, S3EncryptionRule, S3LifecycleRule, S3NoncurrentExpiration, S3VersioningConfiguration,
    SnsTopic, SqsQueue, StreamModeDetails,
};
use crate::terraform::{self, Address};
use crate::topic::Topic;

impl Builder<'_> {
    /// An owned bucket is private, encrypted, versioned, cleans up incomplete uploads and old
    /// versions, and publishes its events to EventBridge (free for AWS service events, and what
    /// audit rules listen to).
    pub(super) fn bucket(&mut self, bucket: &Bucket) -> Result<()> {
        if bucket.existing.is_some() {
            return Ok(());
        }
        let name = &bucket.name;
        let what = note(&format!("bucket `{name}`"), &bucket.origin);
        let kms = self.kms_arn(bucket.kms.as_deref());
        let address = self.add(
            name,
            &S3Bucket {
                note: what.clone(),
                bucket: rules::adopt::exact_name(Kind::Bucket, &bucket.adopt, self.stack.stage_name()),
                bucket_prefix: rules::adopt::exact_name(Kind::Bucket, &bucket.adopt, None)
                    .is_none()
                    .then(|| self.owned_name(Kind::Bucket, name, &bucket.adopt, false)),
                force_destroy: false,
                tags: BTreeMap::new(),
            },
        )?;
        let id = address.attr("id");
        self.add(
            name,
            &S3BucketPublicAccessBlock {
                note: what.clone(),
                bucket: id.clone(),
                block_public_acls: true,
                block_public_policy: true,
                ignore_public_acls: true,
                restrict_public_buckets: true,
            },
        )?;
        self.add(
            name,
            &S3BucketEncryption {
                note: what.clone(),
                bucket: id.clone(),
                rule: vec![S3EncryptionRule {
                    apply_server_side_encryption_by_default: vec![match &kms {
                        Some(key) => S3EncryptionDefault {
                            sse_algorithm: "aws:kms".into(),
                            kms_master_key_id: Some(key.clone()),
                        },
                        None => S3EncryptionDefault { sse_algorithm: "AES256".into(), kms_master_key_id: None },
                    }],
                    // One data key per bucket instead of one KMS call per object.
                    bucket_key_enabled: kms.is_some().then_some(true),
                }],
            },
        )?;
        let versioning = self.add(
            name,
            &S3BucketVersioning {
                note: what.clone(),
                bucket: id.clone(),
                versioning_configuration: vec![S3VersioningConfiguration { status: "Enabled".into() }],
            },
        )?;
        self.add(
            name,
            &S3BucketLifecycle {
                note: what,
                bucket: id,
                rule: vec![S3LifecycleRule {
                    id: "lambda-stack-defaults".into(),
                    status: "Enabled".into(),
                    filter: vec![BTreeMap::new()],
                    abort_incomplete_multipart_upload: vec![S3AbortIncompleteUpload { days_after_initiation: 7 }],
                    noncurrent_version_expiration: vec![S3NoncurrentExpiration { noncurrent_days: 90 }],
                }],
                // S3 rejects a noncurrent-version rule racing the versioning change.
                depends_on: vec![versioning.to_string()],
            },
        )?;
        Ok(())
    }

    /// An owned queue: encrypted with its `kms` key (else the stack's, else SQS-managed keys), its redrive policy pointing at its
    /// dead-letter queue. Every queue's URL is an output.
    pub(super) fn queue(&mut self, queue: &Queue) -> Result<()> {
        let name = &queue.name;
        if queue.existing.is_none() {
            let redrive_policy = match &queue.dead_letter {
                Some(dead_letter) => {
                    let arn = self.reference(&Ref::new(dead_letter.clone(), "arn"));
                    let max_receive = queue.max_receive.unwrap_or(rules::sqs::DEFAULT_MAX_RECEIVE);
                    Some(format!(r#"{{"deadLetterTargetArn":"{arn}","maxReceiveCount":{max_receive}}}"#))
                }
                None => None,
            };
            let kms = self.kms_arn(queue.kms.as_deref());
            self.add(
                name,
                &SqsQueue {
                    note: note(&format!("queue `{name}`"), &queue.origin),
                    name: self.owned_name(Kind::Queue, name, &queue.adopt, queue.fifo),
                    fifo_queue: queue.fifo,
                    visibility_timeout_seconds: queue
                        .visibility_seconds()
                        .unwrap_or(rules::sqs::DEFAULT_VISIBILITY_TIMEOUT),
                    message_retention_seconds: queue.retention_seconds().unwrap_or(rules::sqs::DEFAULT_RETENTION),
                    sqs_managed_sse_enabled: kms.is_none().then_some(true),
                    kms_master_key_id: kms,
                    redrive_policy,
                },
            )?;
        }
        let url = self.reference(&Ref::new(name.clone(), "url"));
        self.output(&rules::names::queue_url_output(name), url, format!("The URL of queue `{name}`"))
    }

    /// An owned table: on-demand, string keys, point-in-time recovery, encrypted, with its stream.
    pub(super) fn table(&mut self, table: &Table) -> Result<()> {
        if table.existing.is_some() {
            return Ok(());
        }
        let name = &table.name;
        let hash_key = table.hash_key.clone().expect("checked: owned tables have a hash key");
        let mut attribute = vec![DynamodbAttribute { name: hash_key.clone(), kind: "S".into() }];
        if let Some(range_key) = &table.range_key {
            attribute.push(DynamodbAttribute { name: range_key.clone(), kind: "S".into() });
        }
        let view = table.stream.as_ref().and_then(Word::value).map(|view| view.api());
        let kms_key_arn = self.kms_arn(table.kms.as_deref());
        self.add(
            name,
            &DynamodbTable {
                note: note(&format!("table `{name}`"), &table.origin),
                name: self.owned_name(Kind::Table, name, &table.adopt, false),
                billing_mode: "PAY_PER_REQUEST".into(),
                hash_key,
                range_key: table.range_key.clone(),
                attribute,
                stream_enabled: view.is_some(),
                stream_view_type: view.map(str::to_owned),
                point_in_time_recovery: vec![Enabled { enabled: true }],
                server_side_encryption: vec![DynamodbEncryption { enabled: true, kms_key_arn }],
            },
        )?;
        Ok(())
    }

    /// An owned topic, encrypted with its `kms` key (else the stack's, else the AWS managed SNS
    /// key, which serves every publisher in the stack: functions publish with their roles). Every
    /// topic's ARN is an output.
    pub(super) fn topic(&mut self, topic: &Topic) -> Result<()> {
        let name = &topic.name;
        if topic.existing.is_none() {
            let kms = self.kms_arn(topic.kms.as_deref()).unwrap_or_else(|| "alias/aws/sns".into());
            self.add(
                name,
                &SnsTopic {
                    note: note(&format!("topic `{name}`"), &topic.origin),
                    name: self.owned_name(Kind::Topic, name, &topic.adopt, topic.fifo),
                    fifo_topic: topic.fifo,
                    kms_master_key_id: kms,
                },
            )?;
        }
        let arn = self.reference(&Ref::new(name.clone(), "arn"));
        self.output(&rules::names::topic_arn_output(name), arn, format!("The ARN of topic `{name}`"))
    }

    /// An owned Kinesis stream: on-demand unless it has `shards`, encrypted with the AWS managed key.
    pub(super) fn kinesis_stream(&mut self, stream: &Stream) -> Result<()> {
        if stream.existing.is_some() {
            return Ok(());
        }
        let name = &stream.name;
        let mode = if stream.shards.is_some() { "PROVISIONED" } else { "ON_DEMAND" };
        let kms = self.kms_arn(stream.kms.as_deref()).unwrap_or_else(|| "alias/aws/kinesis".into());
        self.add(
            name,
            &KinesisStream {
                note: note(&format!("stream `{name}`"), &stream.origin),
                name: self.owned_name(Kind::Stream, name, &stream.adopt, false),
                shard_count: stream.shards,
                stream_mode_details: vec![StreamModeDetails { stream_mode: mode.into() }],
                retention_period: 24,
                encryption_type: "KMS".into(),
                kms_key_id: kms,
            },
        )?;
        Ok(())
    }

    /// A bucket's one notification configuration: EventBridge for owned buckets, and every `s3`
    /// trigger on it, created after the permissions that let S3 invoke the functions.
    pub(super) fn bucket_notification(&mut self, bucket: &Bucket) -> Result<()> {
        let (lambda_function, depends_on) = self.notifications.remove(&bucket.name).unwrap_or_default();
        let owned = bucket.existing.is_none();
        if !owned && lambda_function.is_empty() {
            return Ok(());
        }
        let name = &bucket.name;
        let what = if owned {
            note(&format!("bucket `{name}`"), &bucket.origin)
        } else {
            note(
                &format!("notifications of existing bucket `{name}`: this replaces the bucket's whole notification configuration"),
                &bucket.origin,
            )
        };
        let target = match bucket.existing_name() {
            Some(existing) if rules::placeholders::param_of(existing).is_some() => {
                self.reference(&crate::Ref::new(name, "name"))
            }
            Some(existing) => terraform::literal(existing),
            None => Address::of::<S3Bucket>(name).attr("id"),
        };
        self.add(
            name,
            &S3BucketNotification { note: what, bucket: target, eventbridge: owned, lambda_function, depends_on },
        )?;
        Ok(())
    }
}
