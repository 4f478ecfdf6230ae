//! The events triggers send to a Rust function: the [`aws_lambda_events`] types (modules `apigw`,
//! `sqs`, `s3`, ...), and one trait per trigger kind saying which types it can be read as.
//!
//! | trigger | event type |
//! |---|---|
//! | `http(..)` | [`apigw::ApiGatewayV2httpRequest`] (HTTP API, payload format 2.0) |
//! | `url(..)` | [`lambda_function_urls::LambdaFunctionUrlRequest`], or [`apigw::ApiGatewayV2httpRequest`] (the same payload) |
//! | `sqs(..)` | [`sqs::SqsEvent`], [`sqs::SqsEventObj<T>`](sqs::SqsEventObj) |
//! | `s3(..)` | [`s3::S3Event`] (S3 notifies the function directly) |
//! | `sns(..)` | [`sns::SnsEvent`], [`sns::SnsEventObj<T>`](sns::SnsEventObj) |
//! | `dynamodb(..)` | [`dynamodb::Event`] |
//! | `kinesis(..)` | [`kinesis::KinesisEvent`] |
//! | `schedule(..)` | [`eventbridge::EventBridgeEvent<T>`](eventbridge::EventBridgeEvent), [`cloudwatch_events::CloudWatchEvent<T>`](cloudwatch_events::CloudWatchEvent) |
//! | `auth: lambda(FUNCTION)` on an HTTP route | [`apigw::ApiGatewayV2CustomAuthorizerV2Request`] (payload 2.0); answer [`apigw::ApiGatewayV2CustomAuthorizerSimpleResponse`] |
//! | any | [`serde_json::Value`], re-exported here as [`Value`] |
//!
//! A function with triggers of several kinds takes a type every one of them can send, such as
//! `serde_json::Value` (`lambda_stack::events::Value`, for a crate without its own `serde_json`). A type of your own (a subset of an event's fields, say) can be declared
//! readable from a trigger by implementing its trait:
//!
//! ```
//! use lambda_stack_runtime::rust::events::FromSqs;
//! #[derive(serde::Deserialize)]
//! struct JustTheBodies { #[serde(rename = "Records")] records: Vec<Body> }
//! #[derive(serde::Deserialize)]
//! struct Body { body: String }
//! impl FromSqs for JustTheBodies {}
//! ```

pub use aws_lambda_events::event::{
    apigw, cloudwatch_events, dynamodb, eventbridge, kinesis, lambda_function_urls, s3, sns, sqs,
};
pub use aws_lambda_events::{encodings, event};

/// Any JSON: what every trigger can be read as (`serde_json::Value`).
pub use serde_json::Value;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Types an `http(..)` trigger (API Gateway HTTP API, payload format 2.0) can be read as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the event an `http(..)` trigger sends",
    label = "this HTTP API route invokes the function with an `ApiGatewayV2httpRequest`",
    note = "take `LambdaEvent<lambda_stack::events::apigw::ApiGatewayV2httpRequest>`, or `LambdaEvent<serde_json::Value>` for a function with triggers of several kinds"
)]
pub trait FromHttp {}
impl FromHttp for Value {}
impl FromHttp for apigw::ApiGatewayV2httpRequest {}

/// Types a `rest(..)` trigger (API Gateway REST API, Lambda proxy integration) can be read as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the event a `rest(..)` trigger sends",
    label = "this REST API route invokes the function with an `ApiGatewayProxyRequest`",
    note = "take `LambdaEvent<lambda_stack::events::apigw::ApiGatewayProxyRequest>`, or `LambdaEvent<serde_json::Value>` for a function with triggers of several kinds"
)]
pub trait FromRest {}
impl FromRest for Value {}
impl FromRest for apigw::ApiGatewayProxyRequest {}

/// Types a `url(..)` trigger (a function URL, payload format 2.0) can be read as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the event a `url(..)` trigger sends",
    label = "the function URL invokes the function with a `LambdaFunctionUrlRequest`",
    note = "take `LambdaEvent<lambda_stack::events::lambda_function_urls::LambdaFunctionUrlRequest>` (or `ApiGatewayV2httpRequest`, the same payload), or `LambdaEvent<serde_json::Value>` for a function with triggers of several kinds"
)]
pub trait FromUrl {}
impl FromUrl for Value {}
impl FromUrl for lambda_function_urls::LambdaFunctionUrlRequest {}
impl FromUrl for apigw::ApiGatewayV2httpRequest {}

/// Types an `sqs(..)` trigger can be read as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the event an `sqs(..)` trigger sends",
    label = "this queue invokes the function with an `SqsEvent`, a batch of messages",
    note = "take `LambdaEvent<lambda_stack::events::sqs::SqsEvent>` (or `SqsEventObj<T>` for typed bodies), or `LambdaEvent<serde_json::Value>` for a function with triggers of several kinds"
)]
pub trait FromSqs {}
impl FromSqs for Value {}
impl FromSqs for sqs::SqsEvent {}
impl<T: Serialize + DeserializeOwned> FromSqs for sqs::SqsEventObj<T> {}

/// Types an `s3(..)` trigger (a bucket notification) can be read as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the event an `s3(..)` trigger sends",
    label = "this bucket notifies the function with an `S3Event`",
    note = "take `LambdaEvent<lambda_stack::events::s3::S3Event>`, or `LambdaEvent<serde_json::Value>` for a function with triggers of several kinds"
)]
pub trait FromS3 {}
impl FromS3 for Value {}
impl FromS3 for s3::S3Event {}

/// Types an `sns(..)` trigger can be read as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the event an `sns(..)` trigger sends",
    label = "this topic invokes the function with an `SnsEvent`",
    note = "take `LambdaEvent<lambda_stack::events::sns::SnsEvent>` (or `SnsEventObj<T>` for typed messages), or `LambdaEvent<serde_json::Value>` for a function with triggers of several kinds"
)]
pub trait FromSns {}
impl FromSns for Value {}
impl FromSns for sns::SnsEvent {}
impl<T: Serialize + DeserializeOwned> FromSns for sns::SnsEventObj<T> {}

/// Types a `dynamodb(..)` trigger (a table's stream) can be read as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the event a `dynamodb(..)` trigger sends",
    label = "this table's stream invokes the function with a `dynamodb::Event`",
    note = "take `LambdaEvent<lambda_stack::events::dynamodb::Event>`, or `LambdaEvent<serde_json::Value>` for a function with triggers of several kinds"
)]
pub trait FromDynamodb {}
impl FromDynamodb for Value {}
impl FromDynamodb for dynamodb::Event {}

/// Types a `kinesis(..)` trigger can be read as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the event a `kinesis(..)` trigger sends",
    label = "this stream invokes the function with a `KinesisEvent`",
    note = "take `LambdaEvent<lambda_stack::events::kinesis::KinesisEvent>`, or `LambdaEvent<serde_json::Value>` for a function with triggers of several kinds"
)]
pub trait FromKinesis {}
impl FromKinesis for Value {}
impl FromKinesis for kinesis::KinesisEvent {}

/// Types a `schedule(..)` trigger (an EventBridge rule) can be read as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the event a `schedule(..)` trigger sends",
    label = "this schedule invokes the function with an EventBridge `Scheduled Event`",
    note = "take `LambdaEvent<lambda_stack::events::eventbridge::EventBridgeEvent>` (or `cloudwatch_events::CloudWatchEvent`), or `LambdaEvent<serde_json::Value>` for a function with triggers of several kinds"
)]
pub trait FromSchedule {}
impl FromSchedule for Value {}
impl<T: Serialize + DeserializeOwned> FromSchedule for eventbridge::EventBridgeEvent<T> {}
impl<T: Serialize + DeserializeOwned> FromSchedule for cloudwatch_events::CloudWatchEvent<T> {}

/// Types an `event(..)` trigger (an EventBridge rule with a pattern) can be read as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the event an `event(..)` trigger sends",
    label = "this rule invokes the function with the matching EventBridge event",
    note = "take `LambdaEvent<lambda_stack::events::eventbridge::EventBridgeEvent<T>>` with `T` the events' `detail`, or `LambdaEvent<serde_json::Value>` for a function with triggers of several kinds"
)]
pub trait FromEvent {}
impl FromEvent for Value {}
impl<T: Serialize + DeserializeOwned> FromEvent for eventbridge::EventBridgeEvent<T> {}
impl<T: Serialize + DeserializeOwned> FromEvent for cloudwatch_events::CloudWatchEvent<T> {}

/// Types a function named in `auth: lambda(FUNCTION)` of an HTTP API route (a Lambda authorizer,
/// payload format 2.0) can be read as.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the event the HTTP API sends its Lambda authorizer",
    label = "`auth: lambda(..)` invokes the function with an `ApiGatewayV2CustomAuthorizerV2Request`",
    note = "take `LambdaEvent<lambda_stack::events::apigw::ApiGatewayV2CustomAuthorizerV2Request>` and answer an `ApiGatewayV2CustomAuthorizerSimpleResponse`, or `LambdaEvent<serde_json::Value>`"
)]
pub trait FromHttpAuthorizer {}
impl FromHttpAuthorizer for Value {}
impl FromHttpAuthorizer for apigw::ApiGatewayV2CustomAuthorizerV2Request {}

/// Compile-time checks that `E` is sent by a trigger kind: `lambda_stack!` and `#[function]` name
/// one per trigger, on the trigger's tokens.
pub mod sent_by {
    use super::*;

    pub fn http<E: FromHttp>() {}
    pub fn rest<E: FromRest>() {}
    pub fn url<E: FromUrl>() {}
    pub fn sqs<E: FromSqs>() {}
    pub fn s3<E: FromS3>() {}
    pub fn sns<E: FromSns>() {}
    pub fn dynamodb<E: FromDynamodb>() {}
    pub fn kinesis<E: FromKinesis>() {}
    pub fn schedule<E: FromSchedule>() {}
    /// An EventBridge Scheduler schedule sends its `input` (or `{}`) as the event: any type
    /// serde reads it as.
    pub fn scheduler<E: DeserializeOwned>() {}
    pub fn event<E: FromEvent>() {}
    pub fn http_authorizer<E: FromHttpAuthorizer>() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The types each trigger sends read the payloads AWS documents for it.
    #[test]
    fn payloads_parse_as_their_types() {
        let schedule = r#"{"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event",
            "source":"aws.events","account":"123456789012","time":"2015-10-08T16:53:06Z","region":"us-east-1",
            "resources":["arn:aws:events:us-east-1:123456789012:rule/my-scheduled-rule"],"detail":{}}"#;
        let event: eventbridge::EventBridgeEvent = serde_json::from_str(schedule).unwrap();
        assert_eq!(event.detail_type, "Scheduled Event");
        let url = r#"{"version":"2.0","routeKey":"$default","rawPath":"/orders/7","rawQueryString":"",
            "headers":{"host":"abc.lambda-url.us-east-1.on.aws"},"requestContext":{"accountId":"123456789012",
            "apiId":"abc","domainName":"abc.lambda-url.us-east-1.on.aws","domainPrefix":"abc",
            "http":{"method":"GET","path":"/orders/7","protocol":"HTTP/1.1","sourceIp":"127.0.0.1","userAgent":"curl"},
            "requestId":"id","routeKey":"$default","stage":"$default","time":"12/Mar/2020:19:03:58 +0000",
            "timeEpoch":1583348638390},"isBase64Encoded":false}"#;
        let request: apigw::ApiGatewayV2httpRequest = serde_json::from_str(url).unwrap();
        assert_eq!(request.raw_path.as_deref(), Some("/orders/7"));
        let request: lambda_function_urls::LambdaFunctionUrlRequest = serde_json::from_str(url).unwrap();
        assert_eq!(request.raw_path.as_deref(), Some("/orders/7"));
    }
}
