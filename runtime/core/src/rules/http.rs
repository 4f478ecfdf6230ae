//! HTTP API routes: the `http(..)` trigger's method and path, and the route keys and permissions
//! derived from them.
//!
//! Source: API Gateway developer guide, "Working with routes for HTTP APIs"
//! (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html), 2026-11-25:
//! a route key is `METHOD /path`, methods are the HTTP verbs or `ANY`, path variables are `{name}`,
//! and a greedy `{name+}` may only end the path.
//!
//! ```
//! use lambda_stack_core::rules::http::check_route;
//! assert!(check_route("GET", "/orders/{id}").is_ok());
//! assert!(check_route("GET", "orders").is_err());
//! ```

use super::auth::ApiKind;
use super::suggest::{did_you_mean, one_of};

/// An HTTP API ends a request to its Lambda integration after at most 30 s and answers 503
/// (Amazon API Gateway quotas, "Integration timeout", HTTP APIs: 30 seconds, as of 2026-12-02).
pub const MAX_INTEGRATION_TIMEOUT_SECONDS: u64 = 30;

/// A REST API ends a request to its integration after 29 s by default and answers 504 (Amazon API
/// Gateway quotas for REST APIs, "Maximum integration timeout": 50 milliseconds - 29 seconds, raisable
/// by a quota request for regional APIs only, as of 2026-12-03).
pub const REST_MAX_INTEGRATION_TIMEOUT_SECONDS: u64 = 29;

/// How long `api` waits for a function behind one of its routes, and what the client gets then.
pub fn integration_timeout(api: ApiKind) -> (u64, u16) {
    match api {
        ApiKind::Http => (MAX_INTEGRATION_TIMEOUT_SECONDS, 503),
        ApiKind::Rest => (REST_MAX_INTEGRATION_TIMEOUT_SECONDS, 504),
    }
}

/// A function behind a route of `api` may time out only once the API has answered when it says
/// so (`outlives_request`): past the API's limit the client already has its error and the
/// function runs on.
pub fn check_timeout_behind_route(
    api: ApiKind,
    timeout: u64,
    route: &str,
    outlives_request: bool,
) -> Result<(), String> {
    let (limit, status) = integration_timeout(api);
    if timeout <= limit || outlives_request {
        return Ok(());
    }
    Err(format!(
        "timeout of {timeout} s behind `{route}`: the {} answers {status} after {limit} s while the function runs on; \
         lower `timeout` to {limit} or less, or write `outlives_request: true` in the route if the function also \
         serves a slower trigger",
        api.title()
    ))
}

/// A custom domain's name: a fully qualified DNS name (labels of letters, digits and `-`, at most
/// 63 characters each, 253 in all; a leading `*.` for a wildcard), lowercase.
pub fn check_domain_name(name: &str) -> Result<(), String> {
    let bare = name.strip_prefix("*.").unwrap_or(name);
    let labels: Vec<&str> = bare.split('.').collect();
    if let Some(upper) = name.chars().find(|c| c.is_ascii_uppercase()) {
        return Err(format!(
            "domain name `{name}` has the capital `{upper}`; API Gateway stores domain names in lowercase: write `{}`",
            name.to_ascii_lowercase()
        ));
    }
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if name.len() > 253 || labels.len() < 2 || !labels.iter().all(label_ok) {
        return Err(format!(
            "`{name}` is not a domain name; expected a fully qualified name such as `api.example.com` (labels of \
             letters, digits and `-`, separated by dots)"
        ));
    }
    Ok(())
}

/// A custom domain's certificate is an ACM certificate ARN; a regional domain (the HTTP API's
/// kind) needs it in the API's own region ("Setting up a regional custom domain name",
/// API Gateway developer guide, as of 2026-12-03).
pub fn check_certificate(arn: &str, region: Option<&str>) -> Result<(), String> {
    if arn.contains("${") || arn.contains('{') {
        return Ok(());
    }
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let shaped = parts.len() == 6
        && parts[0] == "arn"
        && parts[2] == "acm"
        && !parts[3].is_empty()
        && parts[5].strip_prefix("certificate/").is_some_and(|id| !id.is_empty());
    if !shaped {
        return Err(format!(
            "`{arn}` is not an ACM certificate ARN; expected `arn:aws:acm:REGION:ACCOUNT:certificate/ID`"
        ));
    }
    match region {
        Some(region) if parts[3] != region => Err(format!(
            "certificate `{arn}` is in `{}`, but the stack deploys to `{region}`; a regional API domain needs a \
             certificate in its own region: request or import one in `{region}`",
            parts[3]
        )),
        _ => Ok(()),
    }
}

/// The methods an HTTP API route accepts.
pub const HTTP_METHODS: &[&str] = &["ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

/// A route's method is an HTTP verb or `ANY`, in capitals.
pub fn check_method(method: &str) -> Result<(), String> {
    if HTTP_METHODS.contains(&method) {
        return Ok(());
    }
    if HTTP_METHODS.contains(&method.to_ascii_uppercase().as_str()) {
        return Err(format!("HTTP method `{method}` must be written in capitals: `{}`", method.to_ascii_uppercase()));
    }
    Err(format!(
        "unknown HTTP method `{method}`; expected {}{}",
        one_of(HTTP_METHODS.iter()),
        did_you_mean(method, HTTP_METHODS.iter().copied())
    ))
}

/// A route's path starts with `/`, has no empty segments, and uses `{name}` variables, with a
/// greedy `{name+}` only at the end.
pub fn check_path(path: &str) -> Result<(), String> {
    if !path.starts_with('/') {
        return Err(format!("route path `{path}` must start with `/`"));
    }
    if path == "/" {
        return Ok(());
    }
    let segments: Vec<&str> = path[1..].split('/').collect();
    let mut variables: Vec<&str> = Vec::new();
    for (index, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            return Err(format!("route path `{path}` has an empty segment (`//` or a trailing `/`)"));
        }
        if let Some(inner) = segment.strip_prefix('{') {
            let Some(variable) = inner.strip_suffix('}') else {
                return Err(format!("route path `{path}`: segment `{segment}` opens `{{` without closing it"));
            };
            let (variable, greedy) = match variable.strip_suffix('+') {
                Some(v) => (v, true),
                None => (variable, false),
            };
            if variable.is_empty() || !variable.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                return Err(format!("route path `{path}`: `{segment}` is not a path variable; write `{{name}}`"));
            }
            if greedy && index + 1 != segments.len() {
                return Err(format!("route path `{path}`: the greedy variable `{segment}` must be the last segment"));
            }
            if variables.contains(&variable) {
                return Err(format!("route path `{path}` uses the variable `{{{variable}}}` twice"));
            }
            variables.push(variable);
        } else if let Some(bad) =
            segment.chars().find(|&c| !(c.is_ascii_alphanumeric() || "-._~:@!$&'()*,;=%".contains(c)))
        {
            return Err(format!("route path `{path}` contains `{bad}`, which a URL path cannot hold unescaped"));
        }
    }
    Ok(())
}

/// Both halves of a route.
pub fn check_route(method: &str, path: &str) -> Result<(), String> {
    check_method(method)?;
    check_path(path)
}

/// The route key API Gateway uses, `GET /hello`.
pub fn route_key(method: &str, path: &str) -> String {
    format!("{method} {path}")
}

/// The `source_arn` suffix of the permission that lets the API call the function for this route:
/// `/*/GET/orders/*` (any stage, this method, path variables as `*`).
pub fn permission_source_suffix(method: &str, path: &str) -> String {
    let method = if method == "ANY" { "*" } else { method };
    let path: Vec<&str> = path.split('/').map(|segment| if segment.starts_with('{') { "*" } else { segment }).collect();
    format!("/*/{method}{}", path.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods() {
        assert!(check_method("GET").is_ok());
        assert!(check_method("get").unwrap_err().contains("capitals"));
        assert!(check_method("GTE").unwrap_err().contains("did you mean `GET`?"));
    }

    #[test]
    fn paths() {
        assert!(check_path("/").is_ok());
        assert!(check_path("/a/{id}/b").is_ok());
        assert!(check_path("/files/{path+}").is_ok());
        assert!(check_path("/files/{path+}/x").is_err());
        assert!(check_path("/a//b").is_err());
        assert!(check_path("/a/").is_err());
        assert!(check_path("/a/{id").is_err());
        assert!(check_path("/a/{id}/{id}").is_err());
        assert!(check_path("/a b").is_err());
    }

    #[test]
    fn domains() {
        assert!(check_domain_name("api.shop.example.com").is_ok());
        assert!(check_domain_name("*.example.com").is_ok());
        assert!(check_domain_name("Api.example.com").unwrap_err().contains("write `api.example.com`"));
        assert!(check_domain_name("localhost").is_err());
        assert!(check_domain_name("a..b").is_err());
        let arn = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";
        assert!(check_certificate(arn, Some("eu-west-1")).is_ok());
        assert!(check_certificate(arn, None).is_ok());
        assert!(check_certificate(arn, Some("us-east-1")).unwrap_err().contains("is in `eu-west-1`"));
        assert!(check_certificate("arn:aws:iam::123456789012:server-certificate/x", None).is_err());
    }

    #[test]
    fn source_arns() {
        assert_eq!(permission_source_suffix("GET", "/orders/{id}"), "/*/GET/orders/*");
        assert_eq!(permission_source_suffix("ANY", "/"), "/*/*/");
    }
}
