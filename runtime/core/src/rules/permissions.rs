//! A function's resource-based policy: one statement per service source that may invoke it
//! (each HTTP route, S3 bucket, SNS topic, schedule, public URL, authorizer use), within Lambda's
//! 20 KB. Many routes share one statement scoped to the API when theirs would not fit.
//!
//! Source: Lambda quotas, "Function resource-based policy: 20 KB" (docs.aws.amazon.com/lambda/
//! latest/dg/gettingstarted-limits.html, as of 2026-12-03). Lambda stores each statement as
//! `{"Sid":..,"Effect":"Allow","Principal":{"Service":..},"Action":..,"Resource":FUNCTION_ARN,
//! "Condition":{"ArnLike":{"AWS:SourceArn":..}}}` (what `GetPolicy` returns).
//!
//! ```
//! use lambda_stack_core::rules::permissions::{route_permissions, RoutePermissions};
//! let routes = [("GET", "/orders")];
//! assert_eq!(route_permissions("shop-api", &routes, 0), Ok(RoutePermissions::PerRoute));
//! ```

use super::http;

/// The most a function's resource-based policy may hold.
pub const MAX_RESOURCE_POLICY_BYTES: usize = 20 * 1024;

/// The longest partition (`aws-us-gov`), region (`ap-southeast-7`), account and API ID, so that the
/// estimate holds wherever the stack deploys.
const LONGEST_PARTITION: usize = 10;
const LONGEST_REGION: usize = 14;
const ACCOUNT: usize = 12;
const API_ID: usize = 10;

/// The statement's fixed text: braces, keys, `Effect`, and the policy's own wrapping, per statement.
const STATEMENT_FRAME: usize =
    r#"{"Sid":"","Effect":"Allow","Principal":{"Service":""},"Action":"lambda:InvokeFunction","Resource":"","Condition":{"ArnLike":{"AWS:SourceArn":""}}},"#
        .len();

/// A statement other than a route's (an S3 bucket's, a topic's, a schedule's, a public URL's, an
/// authorizer's): its source ARN at most 128 characters, its ID at most 64.
const OTHER_STATEMENT_SOURCE: usize = 128;
const OTHER_STATEMENT_ID: usize = 64;

/// The ARN of the function `name` (its AWS name), at its longest.
fn function_arn(name: &str) -> usize {
    "arn::lambda:::function:".len() + LONGEST_PARTITION + LONGEST_REGION + ACCOUNT + name.len()
}

/// The bytes of one statement letting API Gateway invoke `function` for the source suffix `suffix`
/// (`/*/GET/orders/*`) under a statement ID of `sid` characters.
fn api_statement(function: &str, sid: usize, suffix: &str) -> usize {
    let source = "arn::execute-api:::".len() + LONGEST_PARTITION + LONGEST_REGION + ACCOUNT + API_ID + suffix.len();
    STATEMENT_FRAME + sid + "apigateway.amazonaws.com".len() + function_arn(function) + source
}

/// The bytes of a statement for another source.
fn other_statement(function: &str) -> usize {
    STATEMENT_FRAME
        + OTHER_STATEMENT_ID
        + "events.amazonaws.com".len()
        + function_arn(function)
        + OTHER_STATEMENT_SOURCE
}

/// How a function's HTTP routes are let in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoutePermissions {
    /// One statement per route, scoped to its method and path.
    PerRoute,
    /// One statement for every route of the API (`/*/*`): the per-route ones would not fit.
    Shared,
}

/// The statement ID of the one shared permission, and its source suffix.
pub const SHARED_STATEMENT_ID: &str = "http-api";
pub const SHARED_SOURCE_SUFFIX: &str = "/*/*";

/// The permissions of a function named `function` in AWS, with `routes` on the HTTP API and
/// `others` statements for other sources: per route when they fit in 20 KB, else one shared;
/// an error when even that does not fit.
pub fn route_permissions(function: &str, routes: &[(&str, &str)], others: usize) -> Result<RoutePermissions, String> {
    let rest = others * other_statement(function);
    let per_route: usize = routes
        .iter()
        .map(|(method, path)| {
            let sid = "http-".len() + http::route_key(method, path).len() + "-root".len() + 4;
            api_statement(function, sid, &http::permission_source_suffix(method, path))
        })
        .sum();
    if rest + per_route <= MAX_RESOURCE_POLICY_BYTES {
        return Ok(RoutePermissions::PerRoute);
    }
    let shared =
        if routes.is_empty() { 0 } else { api_statement(function, SHARED_STATEMENT_ID.len(), SHARED_SOURCE_SUFFIX) };
    if rest + shared <= MAX_RESOURCE_POLICY_BYTES {
        return Ok(RoutePermissions::Shared);
    }
    Err(format!(
        "these triggers need {others} invoke permissions, about {} bytes of the function's resource policy (its \
         routes sharing one), above Lambda's {MAX_RESOURCE_POLICY_BYTES} bytes; split the triggers across functions, \
         or let several sources publish to one topic",
        rest + shared
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_routes_share_one_permission() {
        let paths: Vec<String> = (0..100).map(|i| format!("/items/{i}/{{id}}")).collect();
        let routes: Vec<(&str, &str)> = paths.iter().map(|p| ("GET", p.as_str())).collect();
        assert_eq!(route_permissions("shop-api", &routes[..10], 0), Ok(RoutePermissions::PerRoute));
        assert_eq!(route_permissions("shop-api", &routes, 0), Ok(RoutePermissions::Shared));
        assert!(route_permissions("shop-api", &routes, 60).unwrap_err().contains("above Lambda's 20480 bytes"));
        assert!(route_permissions("shop-api", &[], 30).is_ok());
    }

    #[test]
    fn a_statement_is_estimated_above_what_lambda_stores() {
        // What GetPolicy returned for `http-get-orders-id` of `guarded-orders` in us-east-1.
        let stored = r#"{"Sid":"http-get-orders-id","Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:us-east-1:123456789012:function:guarded-orders","Condition":{"ArnLike":{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:123456789012:abcdef1234/*/GET/orders/*"}}},"#;
        let estimate = api_statement("guarded-orders", "http-get-orders-id".len(), "/*/GET/orders/*");
        assert!(estimate >= stored.len() && estimate < stored.len() + 40, "{estimate} vs {}", stored.len());
    }
}
