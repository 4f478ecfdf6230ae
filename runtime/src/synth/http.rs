//! The stack's one HTTP API (with its `$default` stage and access logs), and each function's
//! integration, routes and invoke permissions on it.

use std::collections::BTreeSet;

use super::{note, unique_slug, Builder};
use crate::error::Result;
use crate::function::Function;
use crate::origin::Origin;
use crate::rules::{self, resources::Kind};
use crate::terraform::resources::{
    AccessLogSettings, Apigatewayv2Api, Apigatewayv2ApiMapping, Apigatewayv2Authorizer, Apigatewayv2DomainName,
    Apigatewayv2Integration, Apigatewayv2Route, Apigatewayv2Stage, CloudwatchLogGroup, DomainNameConfiguration,
    JwtConfiguration, LambdaPermission, RouteSettings, UrlCors,
};
use crate::terraform::Address;
use crate::trigger::Trigger;
use lambda_stack_core::decl::{ApiKind, Auth, AuthKind};

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
        )?;
        if let Some(domain) = self.stack.api.as_ref().and_then(|api| api.0.domain.as_ref()) {
            let certificate = self.arn(&domain.certificate);
            let name = self.add(
                HTTP_API,
                &Apigatewayv2DomainName {
                    note: note(&format!("the custom domain of the HTTP API of stack `{stack}`"), &origin),
                    domain_name: domain.name.clone(),
                    domain_name_configuration: DomainNameConfiguration {
                        certificate_arn: certificate,
                        endpoint_type: "REGIONAL".into(),
                        security_policy: "TLS_1_2".into(),
                    },
                },
            )?;
            self.add(
                HTTP_API,
                &Apigatewayv2ApiMapping {
                    note: note(&format!("`{}` serves the `$default` stage", domain.name), &origin),
                    api_id: api.attr("id"),
                    domain_name: name.attr("id"),
                    stage: stage.attr("id"),
                },
            )?;
            let configuration = format!("{name}.domain_name_configuration[0]");
            self.output(
                rules::names::API_DOMAIN_TARGET_OUTPUT,
                format!("${{{configuration}.target_domain_name}}"),
                format!("Where the DNS record of `{}` points (a CNAME, or an alias in the zone below)", domain.name),
            )?;
            self.output(
                rules::names::API_DOMAIN_ZONE_OUTPUT,
                format!("${{{configuration}.hosted_zone_id}}"),
                format!("The Route 53 zone of the target of `{}`, for an alias record", domain.name),
            )?;
        }
        self.http_authorizers(&api)
    }

    /// One authorizer per distinct JWT or Lambda authorizer the routes use, and each Lambda
    /// authorizer's permission to be called by the API for it.
    fn http_authorizers(&mut self, api: &Address) -> Result<()> {
        let mut used = BTreeSet::new();
        let stack = self.stack;
        for function in &stack.functions {
            for trigger in &function.triggers {
                let Trigger::Http { auth, origin, .. } = trigger else { continue };
                let Some(auth) = route_auth(stack, auth) else { continue };
                let Some(key) = auth.authorizer_key() else { continue };
                if self.authorizers.contains_key(&key) {
                    continue;
                }
                let authorizer = self.http_authorizer(api, auth, origin, &mut used)?;
                self.authorizers.insert(key, authorizer);
                if let Some(function) = auth.function.as_ref().filter(|_| auth.kind.value() == Some(&AuthKind::Lambda))
                {
                    *self.authorizer_uses.entry(function.clone()).or_default() += 1;
                }
            }
        }
        Ok(())
    }

    fn http_authorizer(
        &mut self,
        api: &Address,
        auth: &Auth,
        origin: &Origin,
        used: &mut BTreeSet<String>,
    ) -> Result<Address> {
        let identity = if auth.identity.is_empty() {
            vec![rules::auth::default_identity_source(ApiKind::Http).to_owned()]
        } else {
            auth.identity.clone()
        };
        let stack = &self.stack.name;
        if let Some(function) = auth.function.as_deref().filter(|_| auth.kind.value() == Some(&AuthKind::Lambda)) {
            let slug = unique_slug(used, &format!("lambda {function}"));
            let lambda = self.invoked(function);
            let authorizer = self.add(
                &format!("{HTTP_API}-{slug}"),
                &Apigatewayv2Authorizer {
                    note: note(&format!("function `{function}` authorizes requests to the HTTP API"), origin),
                    api_id: api.attr("id"),
                    name: format!("{stack}-{slug}"),
                    authorizer_type: "REQUEST".into(),
                    identity_sources: identity,
                    jwt_configuration: None,
                    authorizer_uri: Some(lambda.attr("invoke_arn")),
                    authorizer_payload_format_version: Some("2.0".into()),
                    authorizer_result_ttl_in_seconds: Some(
                        auth.cache.unwrap_or(rules::auth::DEFAULT_AUTHORIZER_CACHE_SECONDS),
                    ),
                    enable_simple_responses: Some(true),
                },
            )?;
            self.add(
                &format!("{HTTP_API}-{slug}"),
                &LambdaPermission {
                    note: note(&format!("the HTTP API may call function `{function}` as its authorizer"), origin),
                    statement_id: format!("http-authorizer-{slug}"),
                    action: "lambda:InvokeFunction".into(),
                    function_name: lambda.attr("function_name"),
                    principal: "apigateway.amazonaws.com".into(),
                    source_arn: Some(format!("{}/authorizers/{}", api.attr("execution_arn"), authorizer.attr("id"))),
                    function_url_auth_type: None,
                    qualifier: Self::qualifier(&lambda),
                },
            )?;
            return Ok(authorizer);
        }
        let slug = unique_slug(used, "jwt");
        self.add(
            &format!("{HTTP_API}-{slug}"),
            &Apigatewayv2Authorizer {
                note: note(
                    &format!("JWTs of `{}` authorize requests", auth.issuer.as_deref().unwrap_or_default()),
                    origin,
                ),
                api_id: api.attr("id"),
                name: format!("{stack}-{slug}"),
                authorizer_type: "JWT".into(),
                identity_sources: identity,
                jwt_configuration: Some(JwtConfiguration {
                    issuer: auth.issuer.clone().unwrap_or_default(),
                    audience: auth.audience.clone().unwrap_or_default(),
                }),
                authorizer_uri: None,
                authorizer_payload_format_version: None,
                authorizer_result_ttl_in_seconds: None,
                enable_simple_responses: None,
            },
        )
    }

    pub(super) fn http_routes(&mut self, function: &Function, lambda: &Address) -> Result<()> {
        let routes: Vec<(&String, &String, &Option<crate::Auth>, &Origin)> = function
            .triggers
            .iter()
            .filter_map(|trigger| match trigger {
                Trigger::Http { method, path, auth, origin, .. } => Some((method, path, auth, origin)),
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
        let others = function.triggers.iter().map(|t| t.to_decl().invoke_statements()).sum::<usize>()
            + self.authorizer_uses.get(name).copied().unwrap_or(0);
        let aws_name = self.owned_name(Kind::Function, name, &function.adopt, false);
        let keys: Vec<(&str, &str)> = routes.iter().map(|(m, p, _, _)| (m.as_str(), p.as_str())).collect();
        let shared = rules::permissions::route_permissions(&aws_name, &keys, others)
            .map_err(|message| self.invalid(message))?
            == rules::permissions::RoutePermissions::Shared;
        if shared {
            self.add(
                &format!("{name}-{}", rules::permissions::SHARED_STATEMENT_ID),
                &LambdaPermission {
                    note: note(
                        &format!(
                            "the {} routes of function `{name}` share one permission: one each would not fit in \
                             Lambda's 20 KB resource policy",
                            routes.len()
                        ),
                        &function.origin,
                    ),
                    statement_id: rules::permissions::SHARED_STATEMENT_ID.into(),
                    action: "lambda:InvokeFunction".into(),
                    function_name: lambda.attr("function_name"),
                    principal: "apigateway.amazonaws.com".into(),
                    source_arn: Some(format!(
                        "{}{}",
                        api.attr("execution_arn"),
                        rules::permissions::SHARED_SOURCE_SUFFIX
                    )),
                    function_url_auth_type: None,
                    qualifier: Self::qualifier(lambda),
                },
            )?;
        }
        let mut used = BTreeSet::new();
        for (method, path, auth, origin) in routes {
            let key = rules::http::route_key(method, path);
            let slug = unique_slug(&mut used, &key);
            let what = note(&format!("route `{key}` of function `{name}`"), origin);
            let auth = route_auth(self.stack, auth);
            let kind = auth.and_then(|a| a.kind.value().copied());
            let authorizer = auth.and_then(Auth::authorizer_key).and_then(|key| self.authorizers.get(&key));
            self.add(
                &format!("{name}-{slug}"),
                &Apigatewayv2Route {
                    note: what.clone(),
                    api_id: api.attr("id"),
                    route_key: key.clone(),
                    target: format!("integrations/{}", integration.attr("id")),
                    authorization_type: kind.map(|k| k.authorization_type().to_owned()),
                    authorizer_id: authorizer.map(|a| a.attr("id")),
                    authorization_scopes: auth
                        .filter(|_| kind == Some(AuthKind::Jwt))
                        .map(|a| a.scopes.clone())
                        .unwrap_or_default(),
                },
            )?;
            if shared {
                continue;
            }
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
                    qualifier: Self::qualifier(lambda),
                },
            )?;
        }
        Ok(())
    }
}

/// Who may call a route: its own `auth:`, else the API's.
fn route_auth<'s>(stack: &'s crate::Stack, auth: &'s Option<crate::Auth>) -> Option<&'s Auth> {
    auth.as_ref().map(|a| &a.0).or_else(|| stack.api.as_ref().and_then(|api| api.0.auth.as_ref()))
}
