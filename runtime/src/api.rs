//! How the stack's HTTP API answers: CORS, who may call it, its domain and throttling.

use lambda_stack_core::decl;

/// `api { cors, throttle }`: the stack's one HTTP API, which its `http(..)` routes create
/// ([`crate::Stack::api`]). `cors` is the API's CORS rule (answered by API Gateway, preflight
/// included); `throttle` the `$default` stage's default route limits.
///
/// ```
/// use lambda_stack_runtime::{Api, Cors};
/// let api = Api::new().cors(Cors::new().origins(["https://shop.example.com"])).throttle(Some(100), Some(200));
/// # let _ = api;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct Api(pub(crate) decl::Api);

impl Api {
    pub fn new() -> Self {
        Api::default()
    }

    /// The API's CORS rule.
    pub fn cors(mut self, cors: crate::Cors) -> Self {
        self.0.cors = Some(cors.0);
        self
    }

    /// Who may call the routes that do not say (`http(..)` without `auth:`).
    pub fn auth(mut self, auth: crate::Auth) -> Self {
        self.0.auth = Some(auth.0);
        self
    }

    /// A custom domain name for the API, with the ARN of an ACM certificate for it in the stack's
    /// region: mapped to the `$default` stage, its DNS target in the stack's outputs.
    ///
    /// ```
    /// use lambda_stack_runtime::Api;
    /// let api = Api::new().domain("api.shop.example.com", "arn:aws:acm:eu-west-1:123456789012:certificate/abc");
    /// # let _ = api;
    /// ```
    pub fn domain(mut self, name: impl Into<String>, certificate: impl Into<String>) -> Self {
        self.0.domain = Some(lambda_stack_core::decl::Domain { name: name.into(), certificate: certificate.into() });
        self
    }

    /// The default route limits of the `$default` stage: requests per second, and burst.
    pub fn throttle(mut self, rate: Option<u64>, burst: Option<u64>) -> Self {
        self.0.throttle = Some(decl::Throttle { rate, burst });
        self
    }
}
