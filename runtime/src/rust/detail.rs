//! The fields of an EventBridge event's `detail` type, as serde reads them: what an `event(..)`
//! pattern on a Rust function's `detail` may name. Serde hands a struct's deserializer the names
//! it takes (after `rename` and `rename_all`, which are what the JSON carries); a deserializer
//! that stops there reads them without any event.

use serde::de::{self, DeserializeOwned, Visitor};

/// `T`'s name and the JSON names of its fields, when `T` is a struct serde reads by name; `None`
/// when it is not (a map, `serde_json::Value`, an enum, a struct with `#[serde(flatten)]`), so any
/// field may exist.
///
/// ```
/// #[derive(serde::Deserialize)]
/// #[serde(rename_all = "camelCase")]
/// struct OrderPlaced { order_id: String, total: f64 }
/// let (name, fields) = lambda_stack_runtime::rust::detail_fields::<OrderPlaced>().unwrap();
/// assert_eq!((name, fields.as_slice()), ("OrderPlaced", ["orderId", "total"].as_slice()));
/// assert!(lambda_stack_runtime::rust::detail_fields::<serde_json::Value>().is_none());
/// ```
pub fn detail_fields<T: DeserializeOwned>() -> Option<(&'static str, Vec<&'static str>)> {
    match T::deserialize(FieldNames) {
        Err(Stop(Some((name, fields)))) => Some((name, fields.to_vec())),
        _ => None,
    }
}

/// Stops every read: with the field names when serde asked for a struct.
#[derive(Debug)]
struct Stop(Option<(&'static str, &'static [&'static str])>);

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("reading the names of a type's fields")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Stop(None)
    }
}

struct FieldNames;

impl<'de> de::Deserializer<'de> for FieldNames {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop(None))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        Err(Stop(Some((name, fields))))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}
