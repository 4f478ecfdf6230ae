//! `rest_api { stage, api_key, cors, auth, throttle }`: the stack's REST API (API Gateway v1),
//! read with its spans. Its rules are the checker's (`check::rest`).

use lambda_stack_core::keys::{self, Key};
use syn::Ident;

use super::fields::{self, Fields};
use super::{auth, cors};
use crate::errors::Errors;
use crate::parse;
use crate::span::{Range, Sp};

pub struct RestApi {
    pub keyword: Ident,
    pub stage: Option<Sp<String>>,
    pub api_key: Option<Sp<bool>>,
    pub cors: Option<cors::Cors>,
    pub auth: Option<auth::Auth>,
    pub rate: Option<Sp<u64>>,
    pub burst: Option<Sp<u64>>,
    /// `throttle: { .. }`, as written.
    pub throttle: Option<Range>,
}

impl RestApi {
    pub fn from_ast(block: &parse::Block, errors: &mut Errors) -> RestApi {
        let f = Fields::read("`rest_api`", &block.body, keys::REST_API_KEYS, false, errors);
        let mut api = RestApi {
            keyword: block.kind.clone(),
            stage: f.get(Key::Stage).and_then(|v| fields::string(errors, "stage", v)),
            api_key: f.get(Key::ApiKey).and_then(|v| fields::boolean(errors, "api_key", v)),
            cors: f.get(Key::Cors).and_then(|v| cors::Cors::from_value(errors, v)),
            auth: f.get(Key::Auth).and_then(|v| auth::Auth::from_value(errors, v)),
            rate: None,
            burst: None,
            throttle: None,
        };
        if let Some(value) = f.get(Key::Throttle) {
            api.throttle = Some(value.span());
            for (key, item) in fields::keyed_map(errors, "throttle", value, keys::THROTTLE_KEYS).unwrap_or_default() {
                match key {
                    Key::Rate => api.rate = fields::int(errors, "rate", "requests per second", item),
                    _ => api.burst = fields::int(errors, "burst", "requests", item),
                }
            }
        }
        api
    }
}
