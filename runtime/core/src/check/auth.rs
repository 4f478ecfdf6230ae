//! Rules about who may call a route: an `auth:` form the API has, with the arguments that form
//! takes, each well formed, and a Lambda authorizer that is a function of the stack.

use super::{AuthPart, Checker, Location, Resolved};
use crate::decl::{ApiKind, Auth, AuthArg, AuthKind, Domain};
use crate::rules;
use crate::rules::resources::Kind;

impl Checker<'_> {
    /// An `auth:` is a form `api` takes, given the arguments the form takes and needs, each valid;
    /// `function` is the function whose route it is (`None` on an API's block).
    pub(super) fn check_auth(
        &mut self,
        api: ApiKind,
        auth: &Auth,
        function: Option<&str>,
        at: impl Fn(AuthPart) -> Location,
    ) {
        let Some(kind) = self.check(at(AuthPart::Kind), auth.kind.parsed.clone()) else { return };
        if self.check(at(AuthPart::Kind), kind.check_api(api)).is_none() {
            return;
        }
        for &arg in &auth.written {
            self.check(at(AuthPart::Arg(arg)), kind.check_arg(arg));
        }
        let (takes, required) = kind.args();
        for &arg in &takes[..required] {
            let given = match arg {
                AuthArg::Function => auth.function.is_some(),
                AuthArg::Issuer => auth.issuer.is_some(),
                AuthArg::Audience => auth.audience.is_some(),
                AuthArg::Pools => !auth.pools.is_empty(),
                _ => true,
            };
            if !given {
                self.error(at(AuthPart::Whole), kind.missing(arg));
            }
        }
        if kind == AuthKind::Jwt {
            if let Some(issuer) = &auth.issuer {
                self.check(at(AuthPart::Arg(AuthArg::Issuer)), rules::auth::check_issuer(issuer));
            }
            if let Some(audience) = &auth.audience {
                self.check(at(AuthPart::Arg(AuthArg::Audience)), rules::auth::check_audience(audience));
            }
        }
        if matches!(kind, AuthKind::Jwt | AuthKind::Lambda) {
            for (i, source) in auth.identity.iter().enumerate() {
                self.check(at(AuthPart::Item(AuthArg::Identity, i)), rules::auth::check_identity_source(api, source));
            }
        }
        if let (AuthKind::Lambda, Some(cache)) = (kind, auth.cache) {
            self.check(at(AuthPart::Arg(AuthArg::Cache)), rules::auth::check_cache(cache));
        }
        if kind == AuthKind::Cognito {
            for (i, pool) in auth.pools.iter().enumerate() {
                self.check(at(AuthPart::Item(AuthArg::Pools, i)), rules::auth::check_user_pool(pool));
            }
        }
        if let (AuthKind::Lambda, Some(authorizer)) = (kind, &auth.function) {
            self.check_authorizer_function(authorizer, function, at(AuthPart::Arg(AuthArg::Function)));
        }
    }

    /// `lambda(FUNCTION)` names a function of the stack, not another kind of declaration, and not
    /// the function whose route it guards.
    fn check_authorizer_function(&mut self, authorizer: &str, route_of: Option<&str>, at: Location) {
        match self.resolve(authorizer, at) {
            Resolved::Kind(Kind::Function) => {
                if route_of == Some(authorizer) {
                    self.error(
                        at,
                        format!(
                            "function `{authorizer}` cannot authorize its own route: API Gateway would call it with \
                             the authorizer's event before every request; declare the authorizer as a function of its own"
                        ),
                    );
                }
            }
            Resolved::Kind(kind) => self.error(
                at,
                format!(
                    "`lambda({authorizer})` names {} {kind}; a Lambda authorizer is a function of the stack that \
                     answers whether a request may pass",
                    if kind.keyword().starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" },
                    kind = kind.keyword()
                ),
            ),
            Resolved::Missing => {}
            Resolved::Deferred => {
                let function = route_of.unwrap_or_default();
                self.refer(function, authorizer, vec![Kind::Function], format!("`auth: lambda({authorizer})`"));
            }
        }
    }

    /// A custom domain is a host name with an ACM certificate ARN in the stack's region.
    pub(super) fn check_domain(
        &mut self,
        domain: &Domain,
        region: Option<&str>,
        at: impl Fn(crate::keys::Key) -> Location,
    ) {
        use crate::keys::Key;
        self.check(at(Key::Name), rules::http::check_domain_name(&domain.name));
        self.check(at(Key::Certificate), rules::http::check_certificate(&domain.certificate, region));
    }
}
