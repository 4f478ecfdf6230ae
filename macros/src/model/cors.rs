//! `cors: { origins, methods, headers, expose, max_age, credentials }`, read with its spans.

use lambda_stack_core::decl;
use lambda_stack_core::keys::{self, Key};

use super::fields;
use crate::errors::Errors;
use crate::parse::Value;
use crate::span::{Range, Sp};

pub struct Cors {
    pub span: Range,
    /// Each list key's items, each with its span; a key's own span is its value's.
    pub lists: Vec<(Key, Range, Vec<Sp<String>>)>,
    pub max_age: Option<Sp<u64>>,
    pub credentials: Option<Sp<bool>>,
}

impl Cors {
    pub fn from_value(errors: &mut Errors, value: &Value) -> Option<Cors> {
        let entries = fields::keyed_map(errors, "cors", value, keys::CORS_KEYS)?;
        let mut cors = Cors { span: value.span(), lists: Vec::new(), max_age: None, credentials: None };
        for (key, item) in entries {
            match key {
                Key::MaxAge => cors.max_age = fields::int(errors, "max_age", "seconds", item),
                Key::Credentials => cors.credentials = fields::boolean(errors, "credentials", item),
                // Methods are words (`GET`) or strings; the rest strings.
                list => {
                    let name = list.name();
                    let items = fields::list(errors, name, item).unwrap_or_default();
                    let values = items
                        .iter()
                        .filter_map(|v| match v {
                            Value::Path(parts) if list == Key::Methods && parts.len() == 1 => {
                                Some(Sp::new(parts[0].text(), parts[0].span()))
                            }
                            other => fields::string(errors, name, other),
                        })
                        .collect();
                    cors.lists.push((list, item.span(), values));
                }
            }
        }
        Some(cors)
    }

    pub fn list(&self, key: Key) -> &[Sp<String>] {
        self.lists.iter().find(|(k, _, _)| *k == key).map_or(&[], |(_, _, items)| items)
    }

    /// The rule as the checker reads it.
    pub fn to_decl(&self) -> decl::Cors {
        let texts = |key| self.list(key).iter().map(|v| v.value.clone()).collect();
        decl::Cors {
            origins: texts(Key::Origins),
            methods: texts(Key::Methods),
            headers: texts(Key::Headers),
            expose: texts(Key::Expose),
            max_age: self.max_age.as_ref().map(|a| a.value),
            credentials: self.credentials.as_ref().is_some_and(|c| c.value),
        }
    }
}
