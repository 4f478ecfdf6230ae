//! One struct per Terraform resource type lambda-stack emits, with the arguments it sets.
//!
//! Field names are the provider's argument names; `note` becomes the `"//"` comment naming the
//! declaration behind the resource. Optional arguments are left out when unset, so the provider's
//! defaults apply.

use std::collections::BTreeMap;

use serde::Serialize;

fn is_false(value: &bool) -> bool {
    !*value
}

/// `aws_lambda_function`
#[derive(Debug, Clone, Serialize)]
pub struct LambdaFunction {
    #[serde(rename = "//")]
    pub note: String,
    pub function_name: String,
    pub role: String,
    pub runtime: String,
    pub handler: String,
    pub filename: String,
    pub source_code_hash: String,
    pub memory_size: u64,
    pub timeout: u64,
    pub architectures: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub environment: Option<Environment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ephemeral_storage: Option<EphemeralStorage>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reserved_concurrent_executions: Option<u64>,
    pub tracing_config: TracingConfig,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    pub depends_on: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Environment {
    pub variables: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EphemeralStorage {
    pub size: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct TracingConfig {
    pub mode: String,
}

/// `aws_cloudwatch_log_group`
#[derive(Debug, Clone, Serialize)]
pub struct CloudwatchLogGroup {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub retention_in_days: u64,
}

/// `aws_iam_role`
#[derive(Debug, Clone, Serialize)]
pub struct IamRole {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub assume_role_policy: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// `aws_iam_role_policy`: an inline policy.
#[derive(Debug, Clone, Serialize)]
pub struct IamRolePolicy {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub role: String,
    pub policy: String,
}

/// `aws_iam_role_policy_attachment`: a managed policy on a role.
#[derive(Debug, Clone, Serialize)]
pub struct IamRolePolicyAttachment {
    #[serde(rename = "//")]
    pub note: String,
    pub role: String,
    pub policy_arn: String,
}

/// `aws_s3_bucket`
#[derive(Debug, Clone, Serialize)]
pub struct S3Bucket {
    #[serde(rename = "//")]
    pub note: String,
    pub bucket_prefix: String,
    #[serde(skip_serializing_if = "is_false")]
    pub force_destroy: bool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// `aws_s3_bucket_public_access_block`
#[derive(Debug, Clone, Serialize)]
pub struct S3BucketPublicAccessBlock {
    #[serde(rename = "//")]
    pub note: String,
    pub bucket: String,
    pub block_public_acls: bool,
    pub block_public_policy: bool,
    pub ignore_public_acls: bool,
    pub restrict_public_buckets: bool,
}

/// `aws_s3_bucket_server_side_encryption_configuration`
#[derive(Debug, Clone, Serialize)]
pub struct S3BucketEncryption {
    #[serde(rename = "//")]
    pub note: String,
    pub bucket: String,
    pub rule: Vec<S3EncryptionRule>,
}

#[derive(Debug, Clone, Serialize)]
pub struct S3EncryptionRule {
    pub apply_server_side_encryption_by_default: Vec<S3EncryptionDefault>,
}

#[derive(Debug, Clone, Serialize)]
pub struct S3EncryptionDefault {
    pub sse_algorithm: String,
}

/// `aws_s3_bucket_versioning`
#[derive(Debug, Clone, Serialize)]
pub struct S3BucketVersioning {
    #[serde(rename = "//")]
    pub note: String,
    pub bucket: String,
    pub versioning_configuration: Vec<S3VersioningConfiguration>,
}

#[derive(Debug, Clone, Serialize)]
pub struct S3VersioningConfiguration {
    pub status: String,
}

/// `aws_s3_bucket_lifecycle_configuration`
#[derive(Debug, Clone, Serialize)]
pub struct S3BucketLifecycle {
    #[serde(rename = "//")]
    pub note: String,
    pub bucket: String,
    pub rule: Vec<S3LifecycleRule>,
    pub depends_on: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct S3LifecycleRule {
    pub id: String,
    pub status: String,
    pub filter: Vec<BTreeMap<String, String>>,
    pub abort_incomplete_multipart_upload: Vec<S3AbortIncompleteUpload>,
    pub noncurrent_version_expiration: Vec<S3NoncurrentExpiration>,
}

#[derive(Debug, Clone, Serialize)]
pub struct S3AbortIncompleteUpload {
    pub days_after_initiation: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct S3NoncurrentExpiration {
    pub noncurrent_days: u64,
}

/// `aws_s3_bucket_notification`: AWS allows one per bucket, so every notification of a bucket
/// goes into this one resource.
#[derive(Debug, Clone, Serialize)]
pub struct S3BucketNotification {
    #[serde(rename = "//")]
    pub note: String,
    pub bucket: String,
    pub eventbridge: bool,
}

/// `aws_apigatewayv2_api`
#[derive(Debug, Clone, Serialize)]
pub struct Apigatewayv2Api {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub protocol_type: String,
}

/// `aws_apigatewayv2_stage`
#[derive(Debug, Clone, Serialize)]
pub struct Apigatewayv2Stage {
    #[serde(rename = "//")]
    pub note: String,
    pub api_id: String,
    pub name: String,
    pub auto_deploy: bool,
    pub access_log_settings: Vec<AccessLogSettings>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccessLogSettings {
    pub destination_arn: String,
    pub format: String,
}

/// `aws_apigatewayv2_integration`
#[derive(Debug, Clone, Serialize)]
pub struct Apigatewayv2Integration {
    #[serde(rename = "//")]
    pub note: String,
    pub api_id: String,
    pub integration_type: String,
    pub integration_method: String,
    pub integration_uri: String,
    pub payload_format_version: String,
}

/// `aws_apigatewayv2_route`
#[derive(Debug, Clone, Serialize)]
pub struct Apigatewayv2Route {
    #[serde(rename = "//")]
    pub note: String,
    pub api_id: String,
    pub route_key: String,
    pub target: String,
}

/// `aws_lambda_permission`: lets a service invoke a function, from one source only.
#[derive(Debug, Clone, Serialize)]
pub struct LambdaPermission {
    #[serde(rename = "//")]
    pub note: String,
    pub statement_id: String,
    pub action: String,
    pub function_name: String,
    pub principal: String,
    pub source_arn: String,
}
