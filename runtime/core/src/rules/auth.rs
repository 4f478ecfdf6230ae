//! Who may call a route of the stack's APIs: `auth: none | iam | jwt(..) | lambda(FUNCTION) |
//! cognito(..)`, and what each form takes.
//!
//! Sources, as of 2026-12-03: API Gateway developer guide, "Controlling and managing access to an
//! HTTP API" (authorization types `NONE`, `AWS_IAM`, `JWT`, `CUSTOM`; JWT issuer an `https` URL,
//! audience one or more client IDs; identity sources `$request.header.NAME`,
//! `$request.querystring.NAME`, `$context.NAME`, `$stageVariables.NAME`; authorizer result cache
//! at most 3600 s) and "Controlling and managing access to a REST API" (`NONE`, `AWS_IAM`,
//! `CUSTOM`, `COGNITO_USER_POOLS`; identity sources `method.request.header.NAME`,
//! `method.request.querystring.NAME`, `context.NAME`, `stageVariables.NAME`).
//!
//! ```
//! use lambda_stack_core::rules::auth::{check_issuer, AuthKind, ApiKind};
//! assert!(check_issuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC").is_ok());
//! assert!(check_issuer("http://issuer.example.com").is_err());
//! assert!(AuthKind::parse("jwt").unwrap().check_api(ApiKind::Rest).is_err());
//! ```

use super::suggest::{did_you_mean, one_of};

/// The stack's two kinds of API: the HTTP API (API Gateway v2, `http(..)` routes) and the REST
/// API (API Gateway v1, `rest(..)` routes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ApiKind {
    Http,
    Rest,
}

impl ApiKind {
    /// The block that configures it.
    pub fn block(self) -> &'static str {
        match self {
            ApiKind::Http => "api",
            ApiKind::Rest => "rest_api",
        }
    }

    /// The trigger that routes to it.
    pub fn trigger(self) -> &'static str {
        match self {
            ApiKind::Http => "http",
            ApiKind::Rest => "rest",
        }
    }

    /// What users call it.
    pub fn title(self) -> &'static str {
        match self {
            ApiKind::Http => "HTTP API",
            ApiKind::Rest => "REST API",
        }
    }
}

/// A form of `auth:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    /// Anyone may call the route.
    None,
    /// Callers signing with SigV4 who hold `execute-api:Invoke`.
    Iam,
    /// A JSON Web Token from `issuer` for one of `audience` (HTTP API only).
    Jwt,
    /// A function of the stack decides (a Lambda authorizer).
    Lambda,
    /// A token of one of the Cognito user pools (REST API only).
    Cognito,
}

/// An argument of `jwt(..)`, `lambda(..)` or `cognito(..)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AuthArg {
    /// `gate` in `lambda(gate)`.
    Function,
    Issuer,
    Audience,
    Scopes,
    Identity,
    Cache,
    /// The user pool ARNs of `cognito("arn:..", ..)`.
    Pools,
}

impl AuthArg {
    /// The named arguments, as written.
    pub const NAMED: [AuthArg; 5] =
        [AuthArg::Issuer, AuthArg::Audience, AuthArg::Scopes, AuthArg::Identity, AuthArg::Cache];

    pub fn name(self) -> &'static str {
        match self {
            AuthArg::Function => "function",
            AuthArg::Issuer => "issuer",
            AuthArg::Audience => "audience",
            AuthArg::Scopes => "scopes",
            AuthArg::Identity => "identity",
            AuthArg::Cache => "cache",
            AuthArg::Pools => "pools",
        }
    }

    pub fn from_name(name: &str) -> Option<AuthArg> {
        Self::NAMED.into_iter().find(|arg| arg.name() == name)
    }
}

impl AuthKind {
    const WORDS: [(&'static str, AuthKind); 5] = [
        ("none", AuthKind::None),
        ("iam", AuthKind::Iam),
        ("jwt", AuthKind::Jwt),
        ("lambda", AuthKind::Lambda),
        ("cognito", AuthKind::Cognito),
    ];

    pub fn parse(word: &str) -> Result<AuthKind, String> {
        if let Some(&(_, kind)) = Self::WORDS.iter().find(|(w, _)| *w == word) {
            return Ok(kind);
        }
        let words = Self::WORDS.iter().map(|(w, _)| *w);
        Err(format!(
            "unknown auth `{word}`; expected `none`, `iam`, `jwt(issuer: .., audience: [..])`, `lambda(FUNCTION)` or \
             `cognito(\"arn:..:userpool/..\")`{}",
            did_you_mean(word, words)
        ))
    }

    pub fn word(self) -> &'static str {
        Self::WORDS.iter().find(|(_, k)| *k == self).map_or("none", |(w, _)| w)
    }

    /// The route's `authorization_type`.
    pub fn authorization_type(self) -> &'static str {
        match self {
            AuthKind::None => "NONE",
            AuthKind::Iam => "AWS_IAM",
            AuthKind::Jwt => "JWT",
            AuthKind::Lambda => "CUSTOM",
            AuthKind::Cognito => "COGNITO_USER_POOLS",
        }
    }

    /// The arguments the form takes: the first `required` of them must be given.
    pub fn args(self) -> (&'static [AuthArg], usize) {
        match self {
            AuthKind::None | AuthKind::Iam => (&[], 0),
            AuthKind::Jwt => (&[AuthArg::Issuer, AuthArg::Audience, AuthArg::Scopes, AuthArg::Identity], 2),
            AuthKind::Lambda => (&[AuthArg::Function, AuthArg::Identity, AuthArg::Cache], 1),
            AuthKind::Cognito => (&[AuthArg::Pools, AuthArg::Scopes], 1),
        }
    }

    /// How it is written, for messages.
    pub fn shape(self) -> &'static str {
        match self {
            AuthKind::None => "none",
            AuthKind::Iam => "iam",
            AuthKind::Jwt => "jwt(issuer: \"https://..\", audience: [\"client-id\"])",
            AuthKind::Lambda => "lambda(FUNCTION)",
            AuthKind::Cognito => "cognito(\"arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID\")",
        }
    }

    /// The HTTP API takes `none`, `iam`, `jwt(..)` and `lambda(..)`; the REST API `none`, `iam`,
    /// `lambda(..)` and `cognito(..)`.
    pub fn check_api(self, api: ApiKind) -> Result<(), String> {
        match (self, api) {
            (AuthKind::Jwt, ApiKind::Rest) => Err(format!(
                "a REST API has no JWT authorizer; use `cognito(..)` for Cognito tokens or `lambda(FUNCTION)` to check \
                 other tokens, or route it with `http(..)` on the HTTP API; expected {}",
                Self::expected(api)
            )),
            (AuthKind::Cognito, ApiKind::Http) => Err(format!(
                "an HTTP API checks Cognito tokens as JWTs: write `jwt(issuer: \
                 \"https://cognito-idp.REGION.amazonaws.com/POOL_ID\", audience: [\"APP_CLIENT_ID\"])`; expected {}",
                Self::expected(api)
            )),
            _ => Ok(()),
        }
    }

    fn expected(api: ApiKind) -> String {
        let shapes: Vec<&str> = Self::WORDS
            .iter()
            .map(|&(_, k)| k)
            .filter(|&k| !matches!((k, api), (AuthKind::Jwt, ApiKind::Rest) | (AuthKind::Cognito, ApiKind::Http)))
            .map(AuthKind::shape)
            .collect();
        one_of(shapes.iter().copied())
    }

    /// `arg` is one this form takes.
    pub fn check_arg(self, arg: AuthArg) -> Result<(), String> {
        let (takes, _) = self.args();
        if takes.contains(&arg) {
            return Ok(());
        }
        let word = self.word();
        if takes.is_empty() {
            return Err(format!("`{word}` takes no arguments; write `auth: {word}`"));
        }
        let names: Vec<String> =
            takes.iter().filter(|a| AuthArg::NAMED.contains(a)).map(|a| format!("{}:", a.name())).collect();
        let described = match arg {
            AuthArg::Function => "a function".to_owned(),
            AuthArg::Pools => "user pool ARNs".to_owned(),
            named => format!("`{}:`", named.name()),
        };
        Err(format!("`{word}(..)` takes no {described}; it takes {}, as in `{}`", one_of(names.iter()), self.shape()))
    }

    /// What a form needs and was not given: `arg` missing.
    pub fn missing(self, arg: AuthArg) -> String {
        let what = match arg {
            AuthArg::Function => "the function that decides",
            AuthArg::Issuer => "an `issuer:`",
            AuthArg::Audience => "an `audience:`",
            AuthArg::Pools => "at least one user pool ARN",
            _ => "an argument",
        };
        format!("`{}` needs {what}: write `{}`", self.word(), self.shape())
    }
}

/// A JWT issuer is an `https` URL without query or fragment: API Gateway fetches its
/// `/.well-known/openid-configuration` over TLS.
pub fn check_issuer(issuer: &str) -> Result<(), String> {
    let Some(rest) = issuer.strip_prefix("https://") else {
        let hint = match issuer.split_once("://") {
            Some((scheme, rest)) => format!("; write `https://{rest}` (not `{scheme}://`)"),
            None => format!("; write `https://{issuer}`"),
        };
        return Err(format!(
            "JWT issuer `{issuer}` must be an `https://` URL: API Gateway reads its keys over TLS{hint}"
        ));
    };
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || !host.contains('.') || host.contains(['?', '#', ' ', '@']) || issuer.contains(['?', '#']) {
        return Err(format!(
            "JWT issuer `{issuer}` is not a URL API Gateway can fetch; expected `https://HOST/PATH` without `?` or `#`, \
             such as `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC`"
        ));
    }
    Ok(())
}

/// A JWT authorizer accepts tokens for at least one audience (an app client ID).
pub fn check_audience(audience: &[String]) -> Result<(), String> {
    if audience.is_empty() {
        return Err("`audience` is empty; a JWT authorizer needs at least one client ID the tokens are for".into());
    }
    Ok(())
}

/// Where an authorizer reads the caller's identity, in the syntax of each API.
pub fn check_identity_source(api: ApiKind, source: &str) -> Result<(), String> {
    let prefixes: &[&str] = match api {
        ApiKind::Http => &["$request.header.", "$request.querystring.", "$context.", "$stageVariables."],
        ApiKind::Rest => &["method.request.header.", "method.request.querystring.", "context.", "stageVariables."],
    };
    let named = prefixes.iter().find_map(|p| source.strip_prefix(p));
    match named {
        Some(name) if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) => {
            Ok(())
        }
        _ => {
            let hint = match (api, source.strip_prefix('$')) {
                (ApiKind::Rest, Some(_)) => {
                    "; a REST API writes them without `$`, as `method.request.header.Authorization`"
                }
                (ApiKind::Http, None) if source.starts_with("method.request.") => {
                    "; an HTTP API writes them as `$request.header.Authorization`"
                }
                _ => "",
            };
            Err(format!(
                "identity source `{source}` is not one the {} reads; expected {}{hint}",
                api.title(),
                one_of(prefixes.iter().map(|p| format!("{p}NAME")))
            ))
        }
    }
}

/// Where a Lambda authorizer reads the token when `identity:` is not given.
pub fn default_identity_source(api: ApiKind) -> &'static str {
    match api {
        ApiKind::Http => "$request.header.Authorization",
        ApiKind::Rest => "method.request.header.Authorization",
    }
}

/// API Gateway caches an authorizer's answer for at most an hour.
pub const MAX_AUTHORIZER_CACHE_SECONDS: u64 = 3600;

/// How long an authorizer's answer is cached when `cache:` is not given: API Gateway's default.
pub const DEFAULT_AUTHORIZER_CACHE_SECONDS: u64 = 300;

/// `cache:` is 0 (every request asks the authorizer) to 3600 seconds.
pub fn check_cache(seconds: u64) -> Result<(), String> {
    if seconds <= MAX_AUTHORIZER_CACHE_SECONDS {
        return Ok(());
    }
    Err(format!(
        "`cache` is {seconds} s; API Gateway caches an authorizer's answer for 0 to {MAX_AUTHORIZER_CACHE_SECONDS} s"
    ))
}

/// A Cognito user pool ARN: `arn:PARTITION:cognito-idp:REGION:ACCOUNT:userpool/REGION_ID`.
pub fn check_user_pool(arn: &str) -> Result<(), String> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let shaped = parts.len() == 6
        && parts[0] == "arn"
        && parts[2] == "cognito-idp"
        && !parts[3].is_empty()
        && parts[5].strip_prefix("userpool/").is_some_and(|id| id.contains('_'));
    if shaped || arn.contains("${") || arn.contains('{') {
        return Ok(());
    }
    Err(format!(
        "`{arn}` is not a Cognito user pool ARN; expected `arn:aws:cognito-idp:REGION:ACCOUNT:userpool/REGION_ID`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(AuthKind::parse("lambda"), Ok(AuthKind::Lambda));
        assert!(AuthKind::parse("jtw").unwrap_err().ends_with("did you mean `jwt`?"));
        assert!(AuthKind::Jwt.check_api(ApiKind::Http).is_ok());
        assert!(AuthKind::Cognito.check_api(ApiKind::Http).unwrap_err().contains("jwt(issuer"));
        assert!(AuthKind::Jwt.check_arg(AuthArg::Cache).unwrap_err().contains("takes no `cache:`"));
        assert!(AuthKind::Iam.check_arg(AuthArg::Cache).unwrap_err().contains("takes no arguments"));
        assert!(AuthKind::Lambda.check_arg(AuthArg::Function).is_ok());
    }

    #[test]
    fn issuers() {
        assert!(check_issuer("https://example.auth0.com/").is_ok());
        assert!(check_issuer("http://example.auth0.com/").unwrap_err().contains("write `https://example.auth0.com/`"));
        assert!(check_issuer("example.auth0.com").unwrap_err().contains("write `https://example.auth0.com`"));
        assert!(check_issuer("https://localhost").is_err());
        assert!(check_issuer("https://a.example.com/?x=1").is_err());
    }

    #[test]
    fn identity_sources() {
        assert!(check_identity_source(ApiKind::Http, "$request.header.Authorization").is_ok());
        assert!(check_identity_source(ApiKind::Rest, "method.request.header.Authorization").is_ok());
        assert!(check_identity_source(ApiKind::Rest, "$request.header.Authorization")
            .unwrap_err()
            .contains("without `$`"));
        assert!(check_identity_source(ApiKind::Http, "$request.header.").is_err());
    }

    #[test]
    fn caches_and_pools() {
        assert!(check_cache(3600).is_ok());
        assert!(check_cache(3601).is_err());
        assert!(check_user_pool("arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC").is_ok());
        assert!(check_user_pool("arn:aws:cognito-idp:eu-west-1:123456789012:pool/x").is_err());
    }
}
