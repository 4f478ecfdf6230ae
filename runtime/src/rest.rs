//! How the stack's REST API (API Gateway v1) answers: its stage, API key, CORS, who may call it
//! and throttling.

use lambda_stack_core::decl;

/// `rest_api { stage, api_key, cors, auth, throttle }`: the stack's one REST API, which its
/// `rest(..)` routes create ([`crate::Stack::rest_api`]). `stage` names its one stage (`v1` when
/// not given); `api_key` makes every method need an API key, issued with a usage plan on the
/// stage; `cors` is answered by an `OPTIONS` method on every routed path; `auth` is every route's
/// default; `throttle` limits every method of the stage.
///
/// ```
/// use lambda_stack_runtime::{Auth, Cors, RestApi};
/// let api = RestApi::new().stage("v1").api_key().cors(Cors::new().origins(["*"])).auth(Auth::iam());
/// # let _ = api;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[must_use]
pub struct RestApi(pub(crate) decl::RestApi);

impl RestApi {
    pub fn new() -> Self {
        RestApi::default()
    }

    /// The name of the API's stage, in its URL: `https://ID.execute-api.REGION.amazonaws.com/STAGE`.
    pub fn stage(mut self, name: impl Into<String>) -> Self {
        self.0.stage = Some(name.into());
        self
    }

    /// Every method needs an API key (`x-api-key`): the stack creates one, with a usage plan on
    /// the stage, and outputs its id.
    pub fn api_key(mut self) -> Self {
        self.0.api_key = true;
        self
    }

    /// The CORS rule the `OPTIONS` methods answer with.
    pub fn cors(mut self, cors: crate::Cors) -> Self {
        self.0.cors = Some(cors.0);
        self
    }

    /// Who may call the routes that do not say (`rest(..)` without `auth:`).
    pub fn auth(mut self, auth: crate::Auth) -> Self {
        self.0.auth = Some(auth.0);
        self
    }

    /// The limits of every method of the stage: requests per second, and burst.
    pub fn throttle(mut self, rate: Option<u64>, burst: Option<u64>) -> Self {
        self.0.throttle = Some(decl::Throttle { rate, burst });
        self
    }

    /// The stage's name, as synthesized.
    pub(crate) fn stage_name(&self) -> &str {
        self.0.stage.as_deref().unwrap_or(lambda_stack_core::rules::rest::DEFAULT_STAGE)
    }
}
