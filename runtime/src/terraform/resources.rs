//! One struct per Terraform resource type lambda-stack emits, with the arguments it sets.
//!
//! Field names are the provider's argument names; `note` becomes the `"//"` comment naming the
//! declaration behind the resource. Optional arguments are left out when unset, so the provider's
//! defaults apply.

use std::collections::BTreeMap;

use serde::Serialize;

/// A Terraform resource type: the struct is the resource's body, [`Resource::TYPE`] its type name
/// in the provider, so code adding one (`Document::add(S3Bucket::TYPE, ..)`) or naming one
/// ([`Address::of`](super::Address::of)) never spells the type name itself.
pub trait Resource: Serialize {
    /// The provider's name for the type: `aws_s3_bucket`.
    const TYPE: &'static str;
}

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
    /// The zip beside the JSON, or `None` when the code is in S3 (`s3_bucket`, `s3_key`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3_bucket: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3_key: Option<String>,
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
    /// Publishes a version on each change (`alias:`).
    #[serde(skip_serializing_if = "is_false")]
    pub publish: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snap_start: Option<SnapStart>,
    pub tracing_config: TracingConfig,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dead_letter_config: Option<DeadLetterConfig>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vpc_config: Option<VpcConfig>,
    /// The customer-managed key of its environment variables.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logging_config: Option<LoggingConfig>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    pub depends_on: Vec<String>,
}

impl Resource for LambdaFunction {
    const TYPE: &'static str = "aws_lambda_function";
}

/// `logging_config { log_format, application_log_level, system_log_level, log_group }`
#[derive(Debug, Clone, Serialize)]
pub struct LoggingConfig {
    pub log_format: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application_log_level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system_log_level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub log_group: Option<String>,
}

/// `environment { variables }`
#[derive(Debug, Clone, Serialize)]
pub struct Environment {
    pub variables: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EphemeralStorage {
    pub size: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeadLetterConfig {
    pub target_arn: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TracingConfig {
    pub mode: String,
}

/// A function's `vpc_config`: lists of IDs, or a `list` variable's reference.
#[derive(Debug, Clone, Serialize)]
pub struct VpcConfig {
    pub subnet_ids: serde_json::Value,
    pub security_group_ids: serde_json::Value,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub ipv6_allowed_for_dual_stack: bool,
}

/// `aws_cloudwatch_log_group`
#[derive(Debug, Clone, Serialize)]
pub struct CloudwatchLogGroup {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub retention_in_days: u64,
    /// The ARN of the stack's `kms` key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
}

impl Resource for CloudwatchLogGroup {
    const TYPE: &'static str = "aws_cloudwatch_log_group";
}

/// `aws_iam_role`
#[derive(Debug, Clone, Serialize)]
pub struct IamRole {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub assume_role_policy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl Resource for IamRole {
    const TYPE: &'static str = "aws_iam_role";
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

impl Resource for IamRolePolicy {
    const TYPE: &'static str = "aws_iam_role_policy";
}

/// `aws_iam_role_policy_attachment`: a managed policy on a role.
#[derive(Debug, Clone, Serialize)]
pub struct IamRolePolicyAttachment {
    #[serde(rename = "//")]
    pub note: String,
    pub role: String,
    pub policy_arn: String,
}

impl Resource for IamRolePolicyAttachment {
    const TYPE: &'static str = "aws_iam_role_policy_attachment";
}

/// `aws_s3_bucket`
#[derive(Debug, Clone, Serialize)]
pub struct S3Bucket {
    #[serde(rename = "//")]
    pub note: String,
    /// The exact name (`name:`); otherwise Terraform appends a unique suffix to `bucket_prefix`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket_prefix: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    pub force_destroy: bool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl Resource for S3Bucket {
    const TYPE: &'static str = "aws_s3_bucket";
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

impl Resource for S3BucketPublicAccessBlock {
    const TYPE: &'static str = "aws_s3_bucket_public_access_block";
}

/// `aws_s3_bucket_server_side_encryption_configuration`
#[derive(Debug, Clone, Serialize)]
pub struct S3BucketEncryption {
    #[serde(rename = "//")]
    pub note: String,
    pub bucket: String,
    pub rule: Vec<S3EncryptionRule>,
}

impl Resource for S3BucketEncryption {
    const TYPE: &'static str = "aws_s3_bucket_server_side_encryption_configuration";
}

#[derive(Debug, Clone, Serialize)]
pub struct S3EncryptionRule {
    pub apply_server_side_encryption_by_default: Vec<S3EncryptionDefault>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket_key_enabled: Option<bool>,
}

#[derive(Debug, Clone, Serialize)]
pub struct S3EncryptionDefault {
    /// `AES256`, or `aws:kms` with `kms_master_key_id`.
    pub sse_algorithm: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_master_key_id: Option<String>,
}

/// `aws_s3_bucket_versioning`
#[derive(Debug, Clone, Serialize)]
pub struct S3BucketVersioning {
    #[serde(rename = "//")]
    pub note: String,
    pub bucket: String,
    pub versioning_configuration: Vec<S3VersioningConfiguration>,
}

impl Resource for S3BucketVersioning {
    const TYPE: &'static str = "aws_s3_bucket_versioning";
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

impl Resource for S3BucketLifecycle {
    const TYPE: &'static str = "aws_s3_bucket_lifecycle_configuration";
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lambda_function: Vec<S3LambdaNotification>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
}

impl Resource for S3BucketNotification {
    const TYPE: &'static str = "aws_s3_bucket_notification";
}

#[derive(Debug, Clone, Serialize)]
pub struct S3LambdaNotification {
    pub id: String,
    pub lambda_function_arn: String,
    pub events: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter_prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter_suffix: Option<String>,
}

/// `aws_apigatewayv2_api`
#[derive(Debug, Clone, Serialize)]
pub struct Apigatewayv2Api {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub protocol_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cors_configuration: Option<UrlCors>,
}

impl Resource for Apigatewayv2Api {
    const TYPE: &'static str = "aws_apigatewayv2_api";
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_route_settings: Option<RouteSettings>,
}

/// A stage's `default_route_settings`: its throttling limits.
#[derive(Debug, Clone, Serialize)]
pub struct RouteSettings {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub throttling_rate_limit: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub throttling_burst_limit: Option<u64>,
}

impl Resource for Apigatewayv2Stage {
    const TYPE: &'static str = "aws_apigatewayv2_stage";
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

impl Resource for Apigatewayv2Integration {
    const TYPE: &'static str = "aws_apigatewayv2_integration";
}

/// `aws_apigatewayv2_route`
#[derive(Debug, Clone, Serialize)]
pub struct Apigatewayv2Route {
    #[serde(rename = "//")]
    pub note: String,
    pub api_id: String,
    pub route_key: String,
    pub target: String,
    /// Written when the route or the API says `auth:`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authorization_scopes: Vec<String>,
}

/// `aws_apigatewayv2_authorizer`: a JWT authorizer, or a Lambda (`REQUEST`) one.
#[derive(Debug, Clone, Serialize)]
pub struct Apigatewayv2Authorizer {
    #[serde(rename = "//")]
    pub note: String,
    pub api_id: String,
    pub name: String,
    pub authorizer_type: String,
    pub identity_sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jwt_configuration: Option<JwtConfiguration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_payload_format_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_result_ttl_in_seconds: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_simple_responses: Option<bool>,
}

/// A JWT authorizer's issuer and audience.
#[derive(Debug, Clone, Serialize)]
pub struct JwtConfiguration {
    pub issuer: String,
    pub audience: Vec<String>,
}

impl Resource for Apigatewayv2Authorizer {
    const TYPE: &'static str = "aws_apigatewayv2_authorizer";
}

/// `aws_apigatewayv2_domain_name`: a regional custom domain with its certificate.
#[derive(Debug, Clone, Serialize)]
pub struct Apigatewayv2DomainName {
    #[serde(rename = "//")]
    pub note: String,
    pub domain_name: String,
    pub domain_name_configuration: DomainNameConfiguration,
}

/// How a custom domain terminates TLS.
#[derive(Debug, Clone, Serialize)]
pub struct DomainNameConfiguration {
    pub certificate_arn: String,
    pub endpoint_type: String,
    pub security_policy: String,
}

impl Resource for Apigatewayv2DomainName {
    const TYPE: &'static str = "aws_apigatewayv2_domain_name";
}

/// `aws_apigatewayv2_api_mapping`: a custom domain's path to an API's stage.
#[derive(Debug, Clone, Serialize)]
pub struct Apigatewayv2ApiMapping {
    #[serde(rename = "//")]
    pub note: String,
    pub api_id: String,
    pub domain_name: String,
    pub stage: String,
}

impl Resource for Apigatewayv2ApiMapping {
    const TYPE: &'static str = "aws_apigatewayv2_api_mapping";
}

impl Resource for Apigatewayv2Route {
    const TYPE: &'static str = "aws_apigatewayv2_route";
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_arn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function_url_auth_type: Option<String>,
    /// The alias the permission is on (`alias:`); the unqualified function without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
}

impl Resource for LambdaPermission {
    const TYPE: &'static str = "aws_lambda_permission";
}

/// `aws_sqs_queue`, encrypted with SQS-managed keys, or with a customer-managed key.
#[derive(Debug, Clone, Serialize)]
pub struct SqsQueue {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    #[serde(skip_serializing_if = "is_false")]
    pub fifo_queue: bool,
    pub visibility_timeout_seconds: u64,
    pub message_retention_seconds: u64,
    /// `Some(true)` without a `kms` key (the provider rejects it beside `kms_master_key_id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sqs_managed_sse_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_master_key_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redrive_policy: Option<String>,
}

impl Resource for SqsQueue {
    const TYPE: &'static str = "aws_sqs_queue";
}

/// `aws_dynamodb_table`, on-demand.
#[derive(Debug, Clone, Serialize)]
pub struct DynamodbTable {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub billing_mode: String,
    pub hash_key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range_key: Option<String>,
    pub attribute: Vec<DynamodbAttribute>,
    pub stream_enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stream_view_type: Option<String>,
    pub point_in_time_recovery: Vec<Enabled>,
    pub server_side_encryption: Vec<DynamodbEncryption>,
}

/// A table's `server_side_encryption`: the AWS owned key, or (with `kms_key_arn`) a
/// customer-managed one.
#[derive(Debug, Clone, Serialize)]
pub struct DynamodbEncryption {
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_arn: Option<String>,
}

impl Resource for DynamodbTable {
    const TYPE: &'static str = "aws_dynamodb_table";
}

#[derive(Debug, Clone, Serialize)]
pub struct DynamodbAttribute {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Enabled {
    pub enabled: bool,
}

/// `aws_sns_topic`, encrypted with the AWS managed SNS key or a customer-managed one.
#[derive(Debug, Clone, Serialize)]
pub struct SnsTopic {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    #[serde(skip_serializing_if = "is_false")]
    pub fifo_topic: bool,
    pub kms_master_key_id: String,
}

impl Resource for SnsTopic {
    const TYPE: &'static str = "aws_sns_topic";
}

/// `aws_kinesis_stream`, encrypted with the AWS managed Kinesis key or a customer-managed one.
#[derive(Debug, Clone, Serialize)]
pub struct KinesisStream {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard_count: Option<u64>,
    pub stream_mode_details: Vec<StreamModeDetails>,
    pub retention_period: u64,
    pub encryption_type: String,
    pub kms_key_id: String,
}

impl Resource for KinesisStream {
    const TYPE: &'static str = "aws_kinesis_stream";
}

#[derive(Debug, Clone, Serialize)]
pub struct StreamModeDetails {
    pub stream_mode: String,
}

/// `aws_lambda_event_source_mapping`: Lambda polls a queue or stream for the function.
#[derive(Debug, Clone, Serialize)]
pub struct LambdaEventSourceMapping {
    #[serde(rename = "//")]
    pub note: String,
    pub event_source_arn: String,
    pub function_name: String,
    pub batch_size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_batching_window_in_seconds: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starting_position: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub function_response_types: Vec<String>,
    #[serde(flatten)]
    pub options: MappingOptions,
}

/// What an event source mapping sets only when the stack says so: filters, SQS concurrency, and
/// a stream's failure handling.
#[derive(Debug, Clone, Default, Serialize)]
pub struct MappingOptions {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter_criteria: Option<FilterCriteria>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scaling_config: Option<ScalingConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bisect_batch_on_function_error: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_retry_attempts: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_record_age_in_seconds: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parallelization_factor: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tumbling_window_in_seconds: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_config: Option<MappingDestination>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// `filter_criteria { filter { pattern } .. }`
#[derive(Debug, Clone, Serialize)]
pub struct FilterCriteria {
    pub filter: Vec<FilterPattern>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FilterPattern {
    /// The pattern as JSON text.
    pub pattern: String,
}

/// `scaling_config { maximum_concurrency }`
#[derive(Debug, Clone, Serialize)]
pub struct ScalingConfig {
    pub maximum_concurrency: u64,
}

/// `destination_config { on_failure { destination_arn } }`
#[derive(Debug, Clone, Serialize)]
pub struct MappingDestination {
    pub on_failure: MappingFailureDestination,
}

#[derive(Debug, Clone, Serialize)]
pub struct MappingFailureDestination {
    pub destination_arn: String,
}

impl Resource for LambdaEventSourceMapping {
    const TYPE: &'static str = "aws_lambda_event_source_mapping";
}

/// `aws_sns_topic_subscription`
#[derive(Debug, Clone, Serialize)]
pub struct SnsTopicSubscription {
    #[serde(rename = "//")]
    pub note: String,
    pub topic_arn: String,
    pub protocol: String,
    pub endpoint: String,
    pub depends_on: Vec<String>,
}

impl Resource for SnsTopicSubscription {
    const TYPE: &'static str = "aws_sns_topic_subscription";
}

/// `aws_cloudwatch_event_rule` with a schedule.
#[derive(Debug, Clone, Serialize)]
pub struct CloudwatchEventRule {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub description: String,
    pub schedule_expression: String,
}

impl Resource for CloudwatchEventRule {
    const TYPE: &'static str = "aws_cloudwatch_event_rule";
}

/// `aws_cloudwatch_event_rule` with an event pattern, on the default bus or `event_bus_name`.
#[derive(Debug, Clone, Serialize)]
pub struct CloudwatchEventPatternRule {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_bus_name: Option<String>,
    /// The pattern as JSON text.
    pub event_pattern: String,
}

impl Resource for CloudwatchEventPatternRule {
    const TYPE: &'static str = "aws_cloudwatch_event_rule";
}

/// `aws_cloudwatch_event_bus`
#[derive(Debug, Clone, Serialize)]
pub struct CloudwatchEventBus {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
}

impl Resource for CloudwatchEventBus {
    const TYPE: &'static str = "aws_cloudwatch_event_bus";
}

/// `aws_scheduler_schedule`: an EventBridge Scheduler schedule invoking a function.
#[derive(Debug, Clone, Serialize)]
pub struct SchedulerSchedule {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub description: String,
    pub schedule_expression: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_expression_timezone: Option<String>,
    pub flexible_time_window: FlexibleTimeWindow,
    pub target: SchedulerTarget,
}

impl Resource for SchedulerSchedule {
    const TYPE: &'static str = "aws_scheduler_schedule";
}

/// `flexible_time_window { mode, maximum_window_in_minutes }`
#[derive(Debug, Clone, Serialize)]
pub struct FlexibleTimeWindow {
    pub mode: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_window_in_minutes: Option<u64>,
}

/// `target { arn, role_arn, input }`
#[derive(Debug, Clone, Serialize)]
pub struct SchedulerTarget {
    pub arn: String,
    pub role_arn: String,
    /// The event, as JSON text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
}

/// `aws_cloudwatch_event_target`
#[derive(Debug, Clone, Serialize)]
pub struct CloudwatchEventTarget {
    #[serde(rename = "//")]
    pub note: String,
    pub rule: String,
    /// The rule's bus, when not the default one: the provider looks the rule up on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_bus_name: Option<String>,
    pub target_id: String,
    pub arn: String,
    pub depends_on: Vec<String>,
}

impl Resource for CloudwatchEventTarget {
    const TYPE: &'static str = "aws_cloudwatch_event_target";
}

/// `aws_lambda_function_url`
#[derive(Debug, Clone, Serialize)]
pub struct LambdaFunctionUrl {
    #[serde(rename = "//")]
    pub note: String,
    pub function_name: String,
    /// The alias the URL invokes (`alias:`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    pub authorization_type: String,
    /// `RESPONSE_STREAM` for a streaming URL; Lambda's default (`BUFFERED`) otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoke_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cors: Option<UrlCors>,
}

/// The `cors` block of `aws_lambda_function_url`, and the `cors_configuration` of an
/// `aws_apigatewayv2_api` (the same arguments).
#[derive(Debug, Clone, Serialize)]
pub struct UrlCors {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allow_origins: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allow_methods: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allow_headers: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expose_headers: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub allow_credentials: bool,
}

impl UrlCors {
    /// A `cors:` rule, its strings as literals.
    pub fn of(cors: &lambda_stack_core::decl::Cors) -> Self {
        let literals = |items: &[String]| items.iter().map(|i| super::literal(i)).collect();
        UrlCors {
            allow_origins: literals(&cors.origins),
            allow_methods: literals(&cors.methods),
            allow_headers: literals(&cors.headers),
            expose_headers: literals(&cors.expose),
            max_age: cors.max_age,
            allow_credentials: cors.credentials,
        }
    }
}

impl Resource for LambdaFunctionUrl {
    const TYPE: &'static str = "aws_lambda_function_url";
}

/// `aws_s3_object`: a package uploaded to the stack's `assets` bucket.
#[derive(Debug, Clone, Serialize)]
pub struct S3Object {
    #[serde(rename = "//")]
    pub note: String,
    pub bucket: String,
    pub key: String,
    /// The zip, relative to the stack folder.
    pub source: String,
    /// Replaces the object when the zip changes (an ETag is not an MD5 for multipart or KMS uploads).
    pub source_hash: String,
    pub content_type: String,
}

impl Resource for S3Object {
    const TYPE: &'static str = "aws_s3_object";
}

/// `aws_lambda_function_event_invoke_config`: how Lambda retries a function's asynchronous events,
/// and where it sends their results.
#[derive(Debug, Clone, Serialize)]
pub struct LambdaFunctionEventInvokeConfig {
    #[serde(rename = "//")]
    pub note: String,
    pub function_name: String,
    /// The alias whose asynchronous invocations it configures (`alias:`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_retry_attempts: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub maximum_event_age_in_seconds: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_config: Option<DestinationConfig>,
}

/// The destinations of an event invoke config.
#[derive(Debug, Clone, Serialize)]
pub struct DestinationConfig {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub on_success: Vec<Destination>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub on_failure: Vec<Destination>,
}

/// One destination: an ARN.
#[derive(Debug, Clone, Serialize)]
pub struct Destination {
    pub destination: String,
}

impl Resource for LambdaFunctionEventInvokeConfig {
    const TYPE: &'static str = "aws_lambda_function_event_invoke_config";
}

/// `lifecycle { create_before_destroy = true }`: the replacement exists before the old one goes,
/// so a REST API's stage always points at a deployment.
#[derive(Debug, Clone, Serialize)]
pub struct CreateBeforeDestroy {
    pub create_before_destroy: bool,
}

/// `aws_api_gateway_rest_api`: the stack's REST API, regional.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayRestApi {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub endpoint_configuration: EndpointConfiguration,
    pub lifecycle: CreateBeforeDestroy,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndpointConfiguration {
    pub types: Vec<String>,
}

impl Resource for ApiGatewayRestApi {
    const TYPE: &'static str = "aws_api_gateway_rest_api";
}

/// `aws_api_gateway_resource`: one segment of a route's path, under its parent.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayResource {
    #[serde(rename = "//")]
    pub note: String,
    pub rest_api_id: String,
    pub parent_id: String,
    pub path_part: String,
}

impl Resource for ApiGatewayResource {
    const TYPE: &'static str = "aws_api_gateway_resource";
}

/// `aws_api_gateway_method`: a route's method on its resource, and who may call it.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayMethod {
    #[serde(rename = "//")]
    pub note: String,
    pub rest_api_id: String,
    pub resource_id: String,
    pub http_method: String,
    pub authorization: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authorization_scopes: Vec<String>,
    pub api_key_required: bool,
}

impl Resource for ApiGatewayMethod {
    const TYPE: &'static str = "aws_api_gateway_method";
}

/// `aws_api_gateway_integration`: a Lambda proxy integration (`AWS_PROXY`), or the `MOCK` that
/// answers a CORS preflight.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayIntegration {
    #[serde(rename = "//")]
    pub note: String,
    pub rest_api_id: String,
    pub resource_id: String,
    pub http_method: String,
    #[serde(rename = "type")]
    pub integration_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integration_http_method: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub request_templates: BTreeMap<String, String>,
    pub depends_on: Vec<String>,
}

impl Resource for ApiGatewayIntegration {
    const TYPE: &'static str = "aws_api_gateway_integration";
}

/// `aws_api_gateway_method_response`: the headers a method's response may carry.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayMethodResponse {
    #[serde(rename = "//")]
    pub note: String,
    pub rest_api_id: String,
    pub resource_id: String,
    pub http_method: String,
    pub status_code: String,
    pub response_parameters: BTreeMap<String, bool>,
    pub depends_on: Vec<String>,
}

impl Resource for ApiGatewayMethodResponse {
    const TYPE: &'static str = "aws_api_gateway_method_response";
}

/// `aws_api_gateway_integration_response`: the header values a `MOCK` integration answers with.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayIntegrationResponse {
    #[serde(rename = "//")]
    pub note: String,
    pub rest_api_id: String,
    pub resource_id: String,
    pub http_method: String,
    pub status_code: String,
    pub response_parameters: BTreeMap<String, String>,
    pub depends_on: Vec<String>,
}

impl Resource for ApiGatewayIntegrationResponse {
    const TYPE: &'static str = "aws_api_gateway_integration_response";
}

/// `aws_api_gateway_authorizer`: a Lambda (`REQUEST`) or Cognito (`COGNITO_USER_POOLS`) one.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayAuthorizer {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub rest_api_id: String,
    #[serde(rename = "type")]
    pub authorizer_type: String,
    pub identity_source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorizer_result_ttl_in_seconds: Option<u64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provider_arns: Vec<String>,
}

impl Resource for ApiGatewayAuthorizer {
    const TYPE: &'static str = "aws_api_gateway_authorizer";
}

/// `aws_api_gateway_deployment`: a snapshot of the API, replaced when `triggers` change.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayDeployment {
    #[serde(rename = "//")]
    pub note: String,
    pub rest_api_id: String,
    pub triggers: BTreeMap<String, String>,
    pub lifecycle: CreateBeforeDestroy,
    pub depends_on: Vec<String>,
}

impl Resource for ApiGatewayDeployment {
    const TYPE: &'static str = "aws_api_gateway_deployment";
}

/// `aws_api_gateway_stage`: the deployment served under a name, with access logs and X-Ray.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayStage {
    #[serde(rename = "//")]
    pub note: String,
    pub rest_api_id: String,
    pub deployment_id: String,
    pub stage_name: String,
    pub xray_tracing_enabled: bool,
    pub access_log_settings: Vec<AccessLogSettings>,
    pub depends_on: Vec<String>,
}

impl Resource for ApiGatewayStage {
    const TYPE: &'static str = "aws_api_gateway_stage";
}

/// `aws_api_gateway_method_settings`: settings of every method of a stage (`*/*`).
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayMethodSettings {
    #[serde(rename = "//")]
    pub note: String,
    pub rest_api_id: String,
    pub stage_name: String,
    pub method_path: String,
    pub settings: MethodSettings,
}

#[derive(Debug, Clone, Serialize)]
pub struct MethodSettings {
    pub metrics_enabled: bool,
    pub logging_level: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub throttling_rate_limit: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub throttling_burst_limit: Option<u64>,
}

impl Resource for ApiGatewayMethodSettings {
    const TYPE: &'static str = "aws_api_gateway_method_settings";
}

/// `aws_api_gateway_account`: the region's API Gateway settings, here the role API Gateway writes
/// REST API logs with.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayAccount {
    #[serde(rename = "//")]
    pub note: String,
    pub cloudwatch_role_arn: String,
    pub depends_on: Vec<String>,
}

impl Resource for ApiGatewayAccount {
    const TYPE: &'static str = "aws_api_gateway_account";
}

/// `aws_api_gateway_api_key`
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayApiKey {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub enabled: bool,
}

impl Resource for ApiGatewayApiKey {
    const TYPE: &'static str = "aws_api_gateway_api_key";
}

/// `aws_api_gateway_usage_plan`: the stages a key may call, and at what rate.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayUsagePlan {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub api_stages: Vec<UsagePlanStage>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub throttle_settings: Vec<UsagePlanThrottle>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UsagePlanStage {
    pub api_id: String,
    pub stage: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct UsagePlanThrottle {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub burst_limit: Option<u64>,
}

impl Resource for ApiGatewayUsagePlan {
    const TYPE: &'static str = "aws_api_gateway_usage_plan";
}

/// `aws_api_gateway_usage_plan_key`: a key on its usage plan.
#[derive(Debug, Clone, Serialize)]
pub struct ApiGatewayUsagePlanKey {
    #[serde(rename = "//")]
    pub note: String,
    pub key_id: String,
    pub key_type: String,
    pub usage_plan_id: String,
}

impl Resource for ApiGatewayUsagePlanKey {
    const TYPE: &'static str = "aws_api_gateway_usage_plan_key";
}

/// `aws_kms_key`: a customer-managed key with its policy.
#[derive(Debug, Clone, Serialize)]
pub struct KmsKey {
    #[serde(rename = "//")]
    pub note: String,
    pub description: String,
    pub enable_key_rotation: bool,
    pub deletion_window_in_days: u64,
    pub policy: String,
}

impl Resource for KmsKey {
    const TYPE: &'static str = "aws_kms_key";
}

/// `aws_kms_alias`: the name a key is found by in the console and CLI.
#[derive(Debug, Clone, Serialize)]
pub struct KmsAlias {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub target_key_id: String,
}

impl Resource for KmsAlias {
    const TYPE: &'static str = "aws_kms_alias";
}

/// `aws_secretsmanager_secret`: the secret only; its value is set outside Terraform.
#[derive(Debug, Clone, Serialize)]
pub struct SecretsmanagerSecret {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kms_key_id: Option<String>,
}

impl Resource for SecretsmanagerSecret {
    const TYPE: &'static str = "aws_secretsmanager_secret";
}

/// `aws_ssm_parameter`, of type `String`.
#[derive(Debug, Clone, Serialize)]
pub struct SsmParameter {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
}

impl Resource for SsmParameter {
    const TYPE: &'static str = "aws_ssm_parameter";
}

/// `aws_lambda_layer_version`: one version of a layer the stack builds, from a zip beside the
/// JSON (a new version whenever the zip changes).
#[derive(Debug, Clone, Serialize)]
pub struct LambdaLayerVersion {
    #[serde(rename = "//")]
    pub note: String,
    pub layer_name: String,
    pub filename: String,
    pub source_code_hash: String,
    pub compatible_runtimes: Vec<String>,
    pub compatible_architectures: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Resource for LambdaLayerVersion {
    const TYPE: &'static str = "aws_lambda_layer_version";
}

/// `snap_start { apply_on }` of a function: SnapStart on its published versions.
#[derive(Debug, Clone, Serialize)]
pub struct SnapStart {
    pub apply_on: String,
}

/// `aws_lambda_alias`: a name pointing at one published version of a function.
#[derive(Debug, Clone, Serialize)]
pub struct LambdaAlias {
    #[serde(rename = "//")]
    pub note: String,
    pub name: String,
    pub function_name: String,
    pub function_version: String,
}

impl Resource for LambdaAlias {
    const TYPE: &'static str = "aws_lambda_alias";
}

/// `aws_lambda_provisioned_concurrency_config`: execution environments kept initialized for an
/// alias.
#[derive(Debug, Clone, Serialize)]
pub struct LambdaProvisionedConcurrencyConfig {
    #[serde(rename = "//")]
    pub note: String,
    pub function_name: String,
    pub qualifier: String,
    pub provisioned_concurrent_executions: u64,
}

impl Resource for LambdaProvisionedConcurrencyConfig {
    const TYPE: &'static str = "aws_lambda_provisioned_concurrency_config";
}

/// `aws_lambda_function_recursion_config`: whether Lambda's recursive-loop detection stops a loop
/// through the function (`Terminate`, its default) or lets it run (`Allow`).
#[derive(Debug, Clone, Serialize)]
pub struct LambdaFunctionRecursionConfig {
    #[serde(rename = "//")]
    pub note: String,
    pub function_name: String,
    pub recursive_loop: String,
}

impl Resource for LambdaFunctionRecursionConfig {
    const TYPE: &'static str = "aws_lambda_function_recursion_config";
}
