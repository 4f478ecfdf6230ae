//! Rules about the stack's REST API (API Gateway v1): the `rest_api { .. }` block, each
//! `rest(..)` route, and what the routes of all functions must agree on.

use std::collections::BTreeMap;

use super::{At, AuthPart, Checker, Location, TriggerPart};
use crate::decl::{ApiKind, Auth, DeclId, Function, RestApi, Stack, Trigger};
use crate::keys::{Arg, Key};
use crate::rules;

impl Checker<'_> {
    /// `rest_api { .. }` configures the REST API some function's `rest(..)` route needs; its stage
    /// name, CORS rule, `auth:` and throttle are valid.
    pub(super) fn check_rest_api(&mut self, stack: &Stack, api: &RestApi) {
        let at = |key| Location::new(DeclId::Stack, At::RestApi(key));
        let routed = stack.functions.iter().any(|f| f.triggers.iter().any(|t| matches!(t, Trigger::Rest { .. })));
        if !routed {
            self.error(
                Location::new(DeclId::Stack, At::RestApiBlock),
                "`rest_api` configures the stack's REST API, which only functions with a `rest(..)` trigger create; \
                 add a route such as `triggers: [rest(GET \"/items/{id}\")]` or remove `rest_api`",
            );
        }
        if let Some(stage) = &api.stage {
            self.check(at(Key::Stage), rules::rest::check_stage_name(stage));
        }
        for (key, item, message) in api.cors.iter().flat_map(rules::cors::check_cors) {
            self.error(Location::new(DeclId::Stack, At::RestApiCors(key, item)), message);
        }
        if let Some(cors) = &api.cors {
            let at = Location::new(DeclId::Stack, At::RestApiCors(Key::Origins, Some(1)));
            self.check(at, rules::rest::check_rest_cors_origins(&cors.origins));
        }
        if let Some(auth) = &api.auth {
            self.check_auth(ApiKind::Rest, auth, None, |part| {
                Location::new(DeclId::Stack, At::ApiAuth(ApiKind::Rest, part))
            });
        }
        if let Some(throttle) = api.throttle {
            self.check_throttle(throttle, at);
        }
    }

    /// A `rest(..)` route has an HTTP method, a path a REST API's resources can spell, and an
    /// `auth:` the REST API has.
    pub(super) fn check_rest_trigger(
        &mut self,
        id: DeclId,
        i: usize,
        function: &Function,
        method: &str,
        path: &str,
        auth: &Option<Auth>,
    ) {
        let at = |part| Location::new(id, At::Trigger(i, part));
        self.check(at(TriggerPart::Arg(Arg::Method)), rules::http::check_method(method));
        self.check(at(TriggerPart::Arg(Arg::Path)), rules::rest::check_rest_path(path));
        if let Some(auth) = auth {
            self.check_auth(ApiKind::Rest, auth, Some(&function.name), |part: AuthPart| at(TriggerPart::Auth(part)));
        }
    }

    /// The stack's REST API sends a route to one function, names the variable at each level of
    /// the paths once, and answers `OPTIONS` itself when it has a CORS rule.
    pub(super) fn check_rest_routes(&mut self, stack: &Stack) {
        let cors = stack.rest_api.as_ref().is_some_and(|api| api.cors.is_some());
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        let mut paths: Vec<(&str, Location)> = Vec::new();
        for (f, function) in stack.functions.iter().enumerate() {
            for (i, trigger) in function.triggers.iter().enumerate() {
                let Trigger::Rest { method, path, .. } = trigger else { continue };
                let at = |arg| Location::new(DeclId::Function(f), At::Trigger(i, TriggerPart::Arg(arg)));
                if rules::rest::check_rest_path(path).is_err() || rules::http::check_method(method).is_err() {
                    continue;
                }
                if cors && method == "OPTIONS" {
                    self.error(
                        at(Arg::Method),
                        format!(
                            "route `OPTIONS {path}` would replace the CORS answer of `rest_api {{ cors: .. }}`, \
                             which answers `OPTIONS` on every path; remove the route or the `cors`"
                        ),
                    );
                }
                let key = rules::http::route_key(method, path);
                match seen.get(&key) {
                    Some(first) => self.error(
                        at(Arg::Path),
                        format!(
                            "route `{key}` is already declared by function `{first}`; the stack's REST API sends a \
                             route to one function"
                        ),
                    ),
                    None => {
                        seen.insert(key, &function.name);
                    }
                }
                paths.push((path, at(Arg::Path)));
            }
        }
        // The REST API's logging role is named after the stack: it fits IAM's limit.
        let first_route = stack.functions.iter().enumerate().find_map(|(f, function)| {
            let t = function.triggers.iter().position(|t| matches!(t, Trigger::Rest { .. }))?;
            Some(Location::new(DeclId::Function(f), At::Trigger(t, TriggerPart::Keyword)))
        });
        if let Some(at) = first_route {
            self.check(at, rules::rest::check_logs_role_name(&stack.name));
        }
        let written: Vec<&str> = paths.iter().map(|(p, _)| *p).collect();
        for (i, message) in rules::rest::sibling_variables(&written) {
            self.error(paths[i].1, message);
        }
    }
}
