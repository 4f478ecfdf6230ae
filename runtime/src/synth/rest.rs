//! The stack's one REST API (API Gateway v1): a resource per path segment, each route's method
//! with its Lambda proxy integration and invoke permission, the `OPTIONS` answers of its CORS
//! rule, its authorizers, a deployment replaced whenever the routes change, the stage (access
//! logs, X-Ray), and the API key with its usage plan.
//!
//! API Gateway writes a REST API's access logs with a role set once per account and region
//! (`aws_api_gateway_account`); a fresh account has none and rejects a stage with access logs, so
//! the stack sets it to a role of its own, as the CDK's `RestApi` does.

use std::collections::{BTreeMap, BTreeSet};

use super::{note, unique_slug, Builder};
use crate::error::Result;
use crate::origin::Origin;
use crate::rules;
use crate::terraform::resources::{
    AccessLogSettings, ApiGatewayAccount, ApiGatewayApiKey, ApiGatewayAuthorizer, ApiGatewayDeployment,
    ApiGatewayIntegration, ApiGatewayIntegrationResponse, ApiGatewayMethod, ApiGatewayMethodResponse,
    ApiGatewayMethodSettings, ApiGatewayResource, ApiGatewayRestApi, ApiGatewayStage, ApiGatewayUsagePlan,
    ApiGatewayUsagePlanKey, CloudwatchLogGroup, CreateBeforeDestroy, EndpointConfiguration, IamRole,
    IamRolePolicyAttachment, LambdaPermission, MethodSettings, UsagePlanStage, UsagePlanThrottle,
};
use crate::terraform::Address;
use crate::trigger::Trigger;
use lambda_stack_core::decl::{ApiKind, Auth, AuthKind, Cors};

const REST_API: &str = "rest-api";
const REST_API_LOGS: &str = "rest-api-access-logs";
const PUSH_LOGS_POLICY: &str = "AmazonAPIGatewayPushToCloudWatchLogs";
const API_GATEWAY_TRUST_POLICY: &str = r#"{"Statement":[{"Action":"sts:AssumeRole","Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"}}],"Version":"2012-10-17"}"#;
const ACCESS_LOG_FORMAT: &str = r#"{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","caller":"$context.identity.caller","user":"$context.identity.user","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","resourcePath":"$context.resourcePath","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength","integrationError":"$context.integration.error"}"#;
/// What a preflight may send when `cors` lists no `headers`: what API Gateway's own "Enable CORS"
/// allows.
const DEFAULT_CORS_HEADERS: &str = "Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token";

/// A `rest(..)` route of some function.
struct Route<'s> {
    function: &'s str,
    method: &'s str,
    path: &'s str,
    /// Its own `auth:`, else the `rest_api`'s.
    auth: Option<&'s Auth>,
    origin: &'s Origin,
}

impl Builder<'_> {
    /// The REST API, when some function has a `rest(..)` route.
    pub(super) fn rest_api(&mut self) -> Result<()> {
        let stack = self.stack;
        let default_auth = stack.rest_api.as_ref().and_then(|api| api.0.auth.as_ref());
        let routes: Vec<Route<'_>> = stack
            .functions
            .iter()
            .flat_map(|function| {
                function.triggers.iter().filter_map(move |trigger| match trigger {
                    Trigger::Rest { method, path, auth, origin, .. } => Some(Route {
                        function: &function.name,
                        method,
                        path,
                        auth: auth.as_ref().map(|a| &a.0).or(default_auth),
                        origin,
                    }),
                    _ => None,
                })
            })
            .collect();
        if routes.is_empty() {
            return Ok(());
        }
        let settings = stack.rest_api.clone().unwrap_or_default();
        let api_key = settings.0.api_key;
        let origin = stack.origin.clone();
        let name = &stack.name;
        let api = self.add(
            REST_API,
            &ApiGatewayRestApi {
                note: note(&format!("the REST API of stack `{name}`"), &origin),
                name: name.clone(),
                endpoint_configuration: EndpointConfiguration { types: vec!["REGIONAL".into()] },
                lifecycle: CreateBeforeDestroy { create_before_destroy: true },
            },
        )?;
        let resources = self.rest_resources(&api, &routes, &origin)?;
        let authorizers = self.rest_authorizers(&api, &routes)?;
        // Everything the deployment snapshots: it must come after all of it.
        let mut deployed: Vec<String> = Vec::new();
        // Named `FUNCTION-SLUG` like its `http(..)` routes, so a `renamed_from:` moves them too.
        let mut used: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for route in &routes {
            let key = rules::http::route_key(route.method, route.path);
            let route_slug = unique_slug(used.entry(route.function).or_default(), &key);
            let slug = format!("{}-{route_slug}", route.function);
            let what = note(&format!("route `{key}` of function `{}` on the REST API", route.function), route.origin);
            let resource_id = resource_id(&api, &resources, route.path);
            let kind = route.auth.and_then(|a| a.kind.value().copied()).unwrap_or(AuthKind::None);
            let authorizer = route.auth.and_then(Auth::authorizer_key).and_then(|key| authorizers.get(&key));
            let method = self.add(
                &slug,
                &ApiGatewayMethod {
                    note: what.clone(),
                    rest_api_id: api.attr("id"),
                    resource_id: resource_id.clone(),
                    http_method: route.method.to_owned(),
                    authorization: kind.authorization_type().to_owned(),
                    authorizer_id: authorizer.map(|a| a.attr("id")),
                    authorization_scopes: route
                        .auth
                        .filter(|_| kind == AuthKind::Cognito)
                        .map(|a| a.scopes.clone())
                        .unwrap_or_default(),
                    api_key_required: api_key,
                },
            )?;
            let lambda = self.invoked(route.function);
            let integration = self.add(
                &slug,
                &ApiGatewayIntegration {
                    note: what.clone(),
                    rest_api_id: api.attr("id"),
                    resource_id,
                    http_method: method.attr("http_method"),
                    integration_type: "AWS_PROXY".into(),
                    integration_http_method: Some("POST".into()),
                    uri: Some(lambda.attr("invoke_arn")),
                    request_templates: BTreeMap::new(),
                    depends_on: Vec::new(),
                },
            )?;
            deployed.extend([method.to_string(), integration.to_string()]);
            // Beside the function's `http(..)` permissions, named `FUNCTION-SLUG` too.
            self.add(
                &format!("{}-rest-{route_slug}", route.function),
                &LambdaPermission {
                    note: what,
                    statement_id: format!("rest-{route_slug}"),
                    action: "lambda:InvokeFunction".into(),
                    function_name: lambda.attr("function_name"),
                    principal: "apigateway.amazonaws.com".into(),
                    source_arn: Some(format!(
                        "{}{}",
                        api.attr("execution_arn"),
                        rules::http::permission_source_suffix(route.method, route.path)
                    )),
                    function_url_auth_type: None,
                    qualifier: Self::qualifier(&lambda),
                },
            )?;
        }
        if let Some(cors) = &settings.0.cors {
            deployed.extend(self.rest_cors(&api, &resources, &routes, cors, &origin)?);
        }
        let deployment = self.add(
            REST_API,
            &ApiGatewayDeployment {
                note: note(
                    &format!("a deployment of the REST API of stack `{name}`, replaced when its routes change"),
                    &origin,
                ),
                rest_api_id: api.attr("id"),
                triggers: BTreeMap::from([("redeployment".to_owned(), redeployment(&settings.0, &routes))]),
                lifecycle: CreateBeforeDestroy { create_before_destroy: true },
                depends_on: deployed,
            },
        )?;
        let account = self.rest_logging_account(&origin)?;
        let kms_key_id = self.kms_arn(None);
        let logs = self.add(
            REST_API_LOGS,
            &CloudwatchLogGroup {
                note: note(&format!("access logs of the REST API of stack `{name}`"), &origin),
                name: format!("/aws/apigateway/{name}-rest-api"),
                retention_in_days: rules::limits::DEFAULT_LOG_RETENTION_DAYS,
                kms_key_id,
            },
        )?;
        let stage_name = settings.stage_name().to_owned();
        let stage = self.add(
            REST_API,
            &ApiGatewayStage {
                note: note(&format!("stage `{stage_name}` of the REST API of stack `{name}`"), &origin),
                rest_api_id: api.attr("id"),
                deployment_id: deployment.attr("id"),
                stage_name: stage_name.clone(),
                xray_tracing_enabled: true,
                access_log_settings: vec![AccessLogSettings {
                    destination_arn: logs.attr("arn"),
                    format: ACCESS_LOG_FORMAT.into(),
                }],
                depends_on: vec![account.to_string()],
            },
        )?;
        let throttle = settings.0.throttle;
        self.add(
            REST_API,
            &ApiGatewayMethodSettings {
                note: note(&format!("every method of stage `{stage_name}`: metrics, error logs, limits"), &origin),
                rest_api_id: api.attr("id"),
                stage_name: stage.attr("stage_name"),
                method_path: "*/*".into(),
                settings: MethodSettings {
                    metrics_enabled: true,
                    logging_level: "ERROR".into(),
                    throttling_rate_limit: throttle.and_then(|t| t.rate),
                    throttling_burst_limit: throttle.and_then(|t| t.burst),
                },
            },
        )?;
        self.output(
            rules::names::REST_API_URL_OUTPUT,
            stage.attr("invoke_url"),
            format!("The URL of stage `{stage_name}` of the REST API of stack `{name}`"),
        )?;
        if api_key {
            self.rest_api_key(&api, &stage, throttle, &origin)?;
        }
        Ok(())
    }

    /// A resource per path segment the routes use, parents first; by path.
    fn rest_resources(
        &mut self,
        api: &Address,
        routes: &[Route<'_>],
        origin: &Origin,
    ) -> Result<BTreeMap<String, Address>> {
        let mut resources: BTreeMap<String, Address> = BTreeMap::new();
        let mut used = BTreeSet::new();
        for path in rules::rest::resource_paths(routes.iter().map(|r| r.path)) {
            let (parent, part) = path.rsplit_once('/').unwrap_or(("", &path));
            let parent_id = resource_id(api, &resources, if parent.is_empty() { "/" } else { parent });
            let slug = unique_slug(&mut used, &format!("rest {path}"));
            let resource = self.add(
                &slug,
                &ApiGatewayResource {
                    note: note(&format!("path `{path}` of the REST API"), origin),
                    rest_api_id: api.attr("id"),
                    parent_id,
                    path_part: part.to_owned(),
                },
            )?;
            resources.insert(path, resource);
        }
        Ok(resources)
    }

    /// One authorizer per distinct Lambda or Cognito authorizer the routes use, by
    /// [`Auth::authorizer_key`]; a Lambda authorizer may be called by the API for it.
    fn rest_authorizers(&mut self, api: &Address, routes: &[Route<'_>]) -> Result<BTreeMap<String, Address>> {
        let mut authorizers = BTreeMap::new();
        let mut used = BTreeSet::new();
        let stack = &self.stack.name;
        for route in routes {
            let Some(auth) = route.auth else { continue };
            let Some(key) = auth.authorizer_key() else { continue };
            if authorizers.contains_key(&key) {
                continue;
            }
            let identity_source = if auth.identity.is_empty() {
                rules::auth::default_identity_source(ApiKind::Rest).to_owned()
            } else {
                auth.identity.join(",")
            };
            let authorizer = match (auth.kind.value(), auth.function.as_deref()) {
                (Some(AuthKind::Lambda), Some(function)) => {
                    let slug = unique_slug(&mut used, &format!("lambda {function}"));
                    let lambda = self.invoked(function);
                    let authorizer = self.add(
                        &format!("{REST_API}-{slug}"),
                        &ApiGatewayAuthorizer {
                            note: note(
                                &format!("function `{function}` authorizes requests to the REST API"),
                                route.origin,
                            ),
                            name: format!("{stack}-{slug}"),
                            rest_api_id: api.attr("id"),
                            authorizer_type: "REQUEST".into(),
                            identity_source,
                            authorizer_uri: Some(lambda.attr("invoke_arn")),
                            authorizer_result_ttl_in_seconds: Some(
                                auth.cache.unwrap_or(rules::auth::DEFAULT_AUTHORIZER_CACHE_SECONDS),
                            ),
                            provider_arns: Vec::new(),
                        },
                    )?;
                    self.add(
                        &format!("{REST_API}-{slug}"),
                        &LambdaPermission {
                            note: note(
                                &format!("the REST API may call function `{function}` as its authorizer"),
                                route.origin,
                            ),
                            statement_id: format!("rest-authorizer-{slug}"),
                            action: "lambda:InvokeFunction".into(),
                            function_name: lambda.attr("function_name"),
                            principal: "apigateway.amazonaws.com".into(),
                            source_arn: Some(format!(
                                "{}/authorizers/{}",
                                api.attr("execution_arn"),
                                authorizer.attr("id")
                            )),
                            function_url_auth_type: None,
                            qualifier: Self::qualifier(&lambda),
                        },
                    )?;
                    authorizer
                }
                (Some(AuthKind::Cognito), _) => {
                    let slug = unique_slug(&mut used, "cognito");
                    let pools: Vec<String> = auth.pools.iter().map(|pool| self.arn(pool)).collect();
                    self.add(
                        &format!("{REST_API}-{slug}"),
                        &ApiGatewayAuthorizer {
                            note: note("tokens of Cognito user pools authorize requests to the REST API", route.origin),
                            name: format!("{stack}-{slug}"),
                            rest_api_id: api.attr("id"),
                            authorizer_type: "COGNITO_USER_POOLS".into(),
                            identity_source,
                            authorizer_uri: None,
                            authorizer_result_ttl_in_seconds: None,
                            provider_arns: pools,
                        },
                    )?
                }
                _ => continue,
            };
            authorizers.insert(key, authorizer);
        }
        Ok(authorizers)
    }

    /// An `OPTIONS` method on every routed path answering the preflight from a `MOCK`
    /// integration with the CORS headers; returns what the deployment must wait for.
    fn rest_cors(
        &mut self,
        api: &Address,
        resources: &BTreeMap<String, Address>,
        routes: &[Route<'_>],
        cors: &Cors,
        origin: &Origin,
    ) -> Result<Vec<String>> {
        let mut methods_by_path: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for route in routes {
            methods_by_path.entry(route.path).or_default().insert(route.method);
        }
        let mut deployed = Vec::new();
        let mut used = BTreeSet::new();
        for (path, methods) in methods_by_path {
            let slug = unique_slug(&mut used, &format!("rest options {path}"));
            let what = note(&format!("the CORS preflight of path `{path}` of the REST API"), origin);
            let resource_id = resource_id(api, resources, path);
            let headers = cors_headers(cors, &methods);
            let method = self.add(
                &slug,
                &ApiGatewayMethod {
                    note: what.clone(),
                    rest_api_id: api.attr("id"),
                    resource_id: resource_id.clone(),
                    http_method: "OPTIONS".into(),
                    // A preflight carries no credentials (Fetch standard, "CORS-preflight request").
                    authorization: "NONE".into(),
                    authorizer_id: None,
                    authorization_scopes: Vec::new(),
                    api_key_required: false,
                },
            )?;
            let integration = self.add(
                &slug,
                &ApiGatewayIntegration {
                    note: what.clone(),
                    rest_api_id: api.attr("id"),
                    resource_id: resource_id.clone(),
                    http_method: method.attr("http_method"),
                    integration_type: "MOCK".into(),
                    integration_http_method: None,
                    uri: None,
                    request_templates: BTreeMap::from([(
                        "application/json".to_owned(),
                        r#"{"statusCode": 200}"#.to_owned(),
                    )]),
                    depends_on: Vec::new(),
                },
            )?;
            let header = |name: &str| format!("method.response.header.{name}");
            let response = self.add(
                &slug,
                &ApiGatewayMethodResponse {
                    note: what.clone(),
                    rest_api_id: api.attr("id"),
                    resource_id: resource_id.clone(),
                    http_method: method.attr("http_method"),
                    status_code: "200".into(),
                    response_parameters: headers.keys().map(|name| (header(name), true)).collect(),
                    depends_on: Vec::new(),
                },
            )?;
            let answer = self.add(
                &slug,
                &ApiGatewayIntegrationResponse {
                    note: what,
                    rest_api_id: api.attr("id"),
                    resource_id,
                    http_method: method.attr("http_method"),
                    status_code: response.attr("status_code"),
                    // A static value is a quoted string in a response parameter mapping.
                    response_parameters: headers
                        .iter()
                        .map(|(name, value)| (header(name), format!("'{}'", crate::terraform::literal(value))))
                        .collect(),
                    depends_on: vec![integration.to_string()],
                },
            )?;
            deployed.extend([method.to_string(), integration.to_string(), response.to_string(), answer.to_string()]);
        }
        Ok(deployed)
    }

    /// The role API Gateway writes REST API logs with, set on the account in this region.
    fn rest_logging_account(&mut self, origin: &Origin) -> Result<Address> {
        let stack = &self.stack.name;
        let permissions_boundary = self.stack.boundary.clone().map(|arn| self.arn(&arn));
        let role = self.add(
            REST_API,
            &IamRole {
                note: note(
                    &format!("the role API Gateway writes the logs of the REST API of stack `{stack}` with"),
                    origin,
                ),
                name: rules::names::role_name(stack, rules::rest::LOGS_ROLE),
                assume_role_policy: API_GATEWAY_TRUST_POLICY.into(),
                permissions_boundary,
                tags: BTreeMap::new(),
            },
        )?;
        let policy = rules::iam::managed_policy(PUSH_LOGS_POLICY)
            .map(|p| p.arn.replacen("arn:aws:", &format!("arn:{}:", self.partition), 1))
            .unwrap_or_else(|| format!("arn:{}:iam::aws:policy/service-role/{PUSH_LOGS_POLICY}", self.partition));
        let attachment = self.add(
            &format!("{REST_API}-{PUSH_LOGS_POLICY}"),
            &IamRolePolicyAttachment {
                note: format!("managed policy `{PUSH_LOGS_POLICY}` on the REST API's logging role"),
                role: role.attr("name"),
                policy_arn: policy,
            },
        )?;
        self.add(
            REST_API,
            &ApiGatewayAccount {
                note: note(
                    "API Gateway's logging role in this account and region: REST API stages with access logs need one",
                    origin,
                ),
                cloudwatch_role_arn: role.attr("arn"),
                depends_on: vec![attachment.to_string()],
            },
        )
    }

    /// The API key, a usage plan for the stage, the key on the plan, and the key's id as an output.
    fn rest_api_key(
        &mut self,
        api: &Address,
        stage: &Address,
        throttle: Option<lambda_stack_core::decl::Throttle>,
        origin: &Origin,
    ) -> Result<()> {
        let stack = &self.stack.name;
        let key = self.add(
            REST_API,
            &ApiGatewayApiKey {
                note: note(&format!("the API key of the REST API of stack `{stack}`"), origin),
                name: format!("{stack}-rest-api"),
                enabled: true,
            },
        )?;
        let plan = self.add(
            REST_API,
            &ApiGatewayUsagePlan {
                note: note(&format!("the usage plan of the REST API of stack `{stack}`"), origin),
                name: format!("{stack}-rest-api"),
                api_stages: vec![UsagePlanStage { api_id: api.attr("id"), stage: stage.attr("stage_name") }],
                throttle_settings: throttle
                    .map(|t| UsagePlanThrottle { rate_limit: t.rate, burst_limit: t.burst })
                    .into_iter()
                    .collect(),
            },
        )?;
        self.add(
            REST_API,
            &ApiGatewayUsagePlanKey {
                note: note("the API key may call the stage", origin),
                key_id: key.attr("id"),
                key_type: "API_KEY".into(),
                usage_plan_id: plan.attr("id"),
            },
        )?;
        self.output(
            rules::names::REST_API_KEY_OUTPUT,
            key.attr("id"),
            format!(
                "The id of the API key of the REST API of stack `{stack}`: `aws apigateway get-api-key --api-key ID \
                 --include-value` reads its value"
            ),
        )
    }
}

/// The id of the resource of `path`: the API's root for `/`.
fn resource_id(api: &Address, resources: &BTreeMap<String, Address>, path: &str) -> String {
    match resources.get(path) {
        Some(resource) => resource.attr("id"),
        None => api.attr("root_resource_id"),
    }
}

/// The headers a preflight of a path answers with, by name.
fn cors_headers(cors: &Cors, routed: &BTreeSet<&str>) -> BTreeMap<String, String> {
    let mut headers = BTreeMap::new();
    // `check_rest_cors` allows one origin: a static answer names one.
    headers.insert("Access-Control-Allow-Origin".to_owned(), cors.origins.first().cloned().unwrap_or("*".into()));
    let methods: Vec<String> = if cors.methods.is_empty() {
        let mut methods: Vec<String> = routed.iter().map(|m| m.to_string()).collect();
        methods.push("OPTIONS".into());
        methods
    } else {
        cors.methods.clone()
    };
    headers.insert("Access-Control-Allow-Methods".into(), methods.join(","));
    let allowed = if cors.headers.is_empty() { DEFAULT_CORS_HEADERS.to_owned() } else { cors.headers.join(",") };
    headers.insert("Access-Control-Allow-Headers".into(), allowed);
    if !cors.expose.is_empty() {
        headers.insert("Access-Control-Expose-Headers".into(), cors.expose.join(","));
    }
    if let Some(max_age) = cors.max_age {
        headers.insert("Access-Control-Max-Age".into(), max_age.to_string());
    }
    if cors.credentials {
        headers.insert("Access-Control-Allow-Credentials".into(), "true".into());
    }
    headers
}

/// What the deployment's `triggers` hash: every route with its function and authorization, the
/// API key and the CORS rule, so any change to what is deployed replaces the deployment (an
/// in-place change of a method would otherwise stay undeployed).
fn redeployment(api: &lambda_stack_core::decl::RestApi, routes: &[Route<'_>]) -> String {
    use sha2::{Digest as _, Sha256};
    let mut lines: Vec<String> = routes
        .iter()
        .map(|r| {
            let auth = r.auth.map(|a| (a.kind.written.clone(), a.authorizer_key(), a.scopes.clone()));
            format!("{} {} {} {auth:?}", r.method, r.path, r.function)
        })
        .collect();
    lines.sort();
    lines.push(format!("api_key {} cors {:?}", api.api_key, api.cors));
    let digest = Sha256::digest(lines.join("\n").as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}
