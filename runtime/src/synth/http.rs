//! The stack's one HTTP API (with its `$default` stage and access logs), and each function's
//! integration, routes and invoke permissions on it.

use std::collections::BTreeSet;

use super::{note, unique_slug, Builder};
use crate::error::Result;
use crate::function::Function;
use crate::origin::Origin;
use crate::rules;
use crate::terraform::resources::{
    AccessLogSettings, Apigatewayv2Api, Apigatewayv2Integration, Apigatewayv2Route, Apigatewayv2Stage,
    CloudwatchLogGroup, LambdaPermission, RouteSettings, UrlCors,
};
use crate::terraform::Address;
use crate::trigger::Trigger;

const HTTP_API: &str = "http-api";
const HTTP_API_LOGS: &str = "http-api-access-logs";
const ACCESS_LOG_FORMAT: &str = r#"{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationError":"$context.integrationErrorMessage"}"#;

impl Builder<'_> {
    /// The stack's one HTTP API, its `$default` stage with access logs.
    pub(super) fn http_api(&mut self) -> Result<()> {
        let stack = &self.stack.name;
        let origin = self.stack.origin.clone();
        let kms_key_id = self.kms_arn(None);
        let logs = self.add(
            HTTP_API_LOGS,
            &CloudwatchLogGroup {
                note: note(&format!("access logs of the HTTP API of stack `{stack}`"), &origin),
                name: format!("/aws/apigateway/{stack}-http-api"),
                retention_in_days: rules::limits::DEFAULT_LOG_RETENTION_DAYS,
                kms_key_id,
            },
        )?;
        let api = self.add(
            HTTP_API,
            &Apigatewayv2Api {
                note: note(&format!("the HTTP API of stack `{stack}`"), &origin),
                name: stack.clone(),
                protocol_type: "HTTP".into(),
                cors_configuration: self.stack.api.as_ref().and_then(|api| api.0.cors.as_ref()).map(UrlCors::of),
            },
        )?;
        let stage = self.add(
            HTTP_API,
            &Apigatewayv2Stage {
                note: note(&format!("the `$default` stage of the HTTP API of stack `{stack}`"), &origin),
                api_id: api.attr("id"),
                name: "$default".into(),
                auto_deploy: true,
                access_log_settings: vec![AccessLogSettings {
                    destination_arn: logs.attr("arn"),
                    format: ACCESS_LOG_FORMAT.into(),
                }],
                default_route_settings: self.stack.api.as_ref().and_then(|api| api.0.throttle).map(|throttle| {
                    RouteSettings { throttling_rate_limit: throttle.rate, throttling_burst_limit: throttle.burst }
                }),
            },
        )?;
        self.output(
            rules::names::API_URL_OUTPUT,
            stage.attr("invoke_url"),
            format!("The URL of the HTTP API of stack `{stack}`"),
        )
    }

    pub(super) fn http_routes(&mut self, function: &Function, lambda: &Address) -> Result<()> {
        let routes: Vec<(&String, &String, &Origin)> = function
            .triggers
            .iter()
            .filter_map(|trigger| match trigger {
                Trigger::Http { method, path, origin, .. } => Some((method, path, origin)),
                _ => None,
            })
            .collect();
        if routes.is_empty() {
            return Ok(());
        }
        let name = &function.name;
        let api = Address::of::<Apigatewayv2Api>(HTTP_API);
        let integration = self.add(
            name,
            &Apigatewayv2Integration {
                note: note(&format!("HTTP API integration of function `{name}`"), &function.origin),
                api_id: api.attr("id"),
                integration_type: "AWS_PROXY".into(),
                integration_method: "POST".into(),
                integration_uri: lambda.attr("invoke_arn"),
                payload_format_version: "2.0".into(),
            },
        )?;
        let mut used = BTreeSet::new();
        for (method, path, origin) in routes {
            let key = rules::http::route_key(method, path);
            let slug = unique_slug(&mut used, &key);
            let what = note(&format!("route `{key}` of function `{name}`"), origin);
            self.add(
                &format!("{name}-{slug}"),
                &Apigatewayv2Route {
                    note: what.clone(),
                    api_id: api.attr("id"),
                    route_key: key.clone(),
                    target: format!("integrations/{}", integration.attr("id")),
                },
            )?;
            self.add(
                &format!("{name}-{slug}"),
                &LambdaPermission {
                    note: what,
                    statement_id: format!("http-{slug}"),
                    action: "lambda:InvokeFunction".into(),
                    function_name: lambda.attr("function_name"),
                    principal: "apigateway.amazonaws.com".into(),
                    source_arn: Some(format!(
                        "{}{}",
                        api.attr("execution_arn"),
                        rules::http::permission_source_suffix(method, path)
                    )),
                    function_url_auth_type: None,
                },
            )?;
        }
        Ok(())
    }
}
