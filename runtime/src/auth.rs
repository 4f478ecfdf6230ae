//! Who may call a route of the stack's APIs.

use std::fmt;

use lambda_stack_core::decl::{self, AuthArg, AuthKind, Word};

/// `auth:` of an `http(..)` route or of the [`crate::Api`]: `none`, `iam`, a JWT authorizer, a
/// Lambda authorizer (a function of the stack), or, on the REST API, Cognito user pools. Checked
/// like the macro's `auth:`: the form the API takes, an `https` issuer, identity sources in the
/// API's syntax, a cache of at most an hour, an authorizer that is a function of the stack.
///
/// ```
/// use lambda_stack_runtime::{Auth, Trigger};
/// let jwt = Auth::jwt("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC", ["app-client"]);
/// let admin = Trigger::http("POST", "/admin").auth(Auth::iam());
/// let orders = Trigger::http("GET", "/orders").auth(Auth::lambda("gate").cache(60));
/// assert_eq!(orders.to_string(), "http(GET \"/orders\", auth: lambda(gate, cache: 60))");
/// # let _ = (jwt, admin);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct Auth(pub(crate) decl::Auth);

fn strings<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Vec<String> {
    items.into_iter().map(Into::into).collect()
}

impl Auth {
    fn form(kind: &str) -> Self {
        Auth(decl::Auth::word(kind))
    }

    fn with(mut self, arg: AuthArg) -> Self {
        if !self.0.written.contains(&arg) {
            self.0.written.push(arg);
        }
        self
    }

    /// Anyone may call the route.
    pub fn none() -> Self {
        Auth::form("none")
    }

    /// Callers who sign with SigV4 and hold `execute-api:Invoke` on the route.
    pub fn iam() -> Self {
        Auth::form("iam")
    }

    /// A JSON Web Token issued by `issuer` (an `https` URL) for one of `audience` (HTTP API).
    pub fn jwt<S: Into<String>>(issuer: impl Into<String>, audience: impl IntoIterator<Item = S>) -> Self {
        let mut auth = Auth::form("jwt").with(AuthArg::Issuer).with(AuthArg::Audience);
        auth.0.issuer = Some(issuer.into());
        auth.0.audience = Some(strings(audience));
        auth
    }

    /// The function of the stack named `function` decides (a Lambda authorizer, payload 2.0 with
    /// simple responses on the HTTP API: it answers `{"isAuthorized": true|false}`).
    pub fn lambda(function: impl Into<String>) -> Self {
        let mut auth = Auth::form("lambda").with(AuthArg::Function);
        auth.0.function = Some(function.into());
        auth
    }

    /// A token of one of these Cognito user pools (REST API).
    pub fn cognito<S: Into<String>>(pools: impl IntoIterator<Item = S>) -> Self {
        let mut auth = Auth::form("cognito").with(AuthArg::Pools);
        auth.0.pools = strings(pools);
        auth
    }

    /// The OAuth scopes a token must carry (`jwt`, `cognito`).
    pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
        self.0.scopes = strings(scopes);
        self.with(AuthArg::Scopes)
    }

    /// Where the caller's identity is read (`jwt`, `lambda`), in the API's syntax:
    /// `$request.header.Authorization` on the HTTP API, `method.request.header.Authorization` on
    /// the REST API (the default).
    pub fn identity<S: Into<String>>(mut self, sources: impl IntoIterator<Item = S>) -> Self {
        self.0.identity = strings(sources);
        self.with(AuthArg::Identity)
    }

    /// Seconds API Gateway keeps a Lambda authorizer's answer for the same identity (0 to 3600;
    /// 300 when not given).
    pub fn cache(mut self, seconds: u64) -> Self {
        self.0.cache = Some(seconds);
        self.with(AuthArg::Cache)
    }

    /// The form as written, for a word the builders were given as text.
    pub fn kind(&self) -> &Word<AuthKind> {
        &self.0.kind
    }
}

impl fmt::Display for Auth {
    /// As the macro writes it: `iam`, `lambda(gate, cache: 60)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let a = &self.0;
        let list =
            |items: &[String]| format!("[{}]", items.iter().map(|i| format!("{i:?}")).collect::<Vec<_>>().join(", "));
        let mut args = Vec::new();
        for arg in &a.written {
            match arg {
                AuthArg::Function => args.push(a.function.clone().unwrap_or_default()),
                AuthArg::Pools => args.extend(a.pools.iter().map(|p| format!("{p:?}"))),
                AuthArg::Issuer => args.push(format!("issuer: {:?}", a.issuer.clone().unwrap_or_default())),
                AuthArg::Audience => {
                    args.push(format!("audience: {}", list(a.audience.as_deref().unwrap_or_default())))
                }
                AuthArg::Scopes => args.push(format!("scopes: {}", list(&a.scopes))),
                AuthArg::Identity => args.push(format!("identity: {}", list(&a.identity))),
                AuthArg::Cache => args.push(format!("cache: {}", a.cache.unwrap_or_default())),
            }
        }
        f.write_str(&a.kind.written)?;
        if !args.is_empty() {
            write!(f, "({})", args.join(", "))?;
        }
        Ok(())
    }
}
