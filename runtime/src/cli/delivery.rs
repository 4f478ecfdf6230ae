//! Would AWS deliver this event? `invoke` runs a function on whatever event it is given; an event
//! its `event(..)` patterns do not match, or records its mappings' `filter`s drop, would never
//! reach it in AWS. The notes say so, from the same matcher the patterns are checked with.

use base64::Engine as _;
use lambda_stack_core::json::Json;
use lambda_stack_core::rules::patterns::matches;

use crate::function::Function;
use crate::trigger::{to_json, Trigger};

/// Notes for `payload` given to `function`: an EventBridge event no `event(..)` pattern matches,
/// and each SQS, Kinesis or DynamoDB record no `filter` of its mappings lets through.
pub(crate) fn delivery_notes(function: &Function, payload: &serde_json::Value) -> Vec<String> {
    let name = &function.name;
    let mut notes = Vec::new();
    let patterns: Vec<&serde_json::Value> = function
        .triggers
        .iter()
        .filter_map(|trigger| match trigger {
            Trigger::Event(event) => Some(&event.pattern),
            _ => None,
        })
        .collect();
    let looks_like_an_event = payload.get("detail-type").is_some() && payload.get("source").is_some();
    if looks_like_an_event && !patterns.is_empty() {
        let event = to_json(payload);
        if !patterns.iter().any(|pattern| matches(&to_json(pattern), &event)) {
            notes.push(format!(
                "note: this event matches none of function `{name}`'s `event(..)` patterns: EventBridge would not send it"
            ));
        }
    }
    let Some(records) = payload.get("Records").and_then(|r| r.as_array()) else { return notes };
    for (i, record) in records.iter().enumerate() {
        let source = record.get("eventSource").and_then(|s| s.as_str()).unwrap_or_default();
        let (keyword, filters, decoded) = match source {
            "aws:sqs" => ("sqs", filters_of(function, |t| matches!(t, Trigger::Sqs(_))), sqs_record(record)),
            "aws:kinesis" => {
                ("kinesis", filters_of(function, |t| matches!(t, Trigger::Stream(_))), kinesis_record(record))
            }
            "aws:dynamodb" => ("dynamodb", filters_of(function, |t| matches!(t, Trigger::Stream(_))), to_json(record)),
            _ => continue,
        };
        if filters.is_empty() {
            continue;
        }
        if !filters.iter().any(|filter| matches(filter, &decoded)) {
            notes.push(format!(
                "note: record {} matches no `filter` of function `{name}`'s `{keyword}(..)` trigger: Lambda would drop it",
                i + 1
            ));
        }
    }
    notes
}

/// The filters of the function's mappings of one kind.
fn filters_of(function: &Function, kind: impl Fn(&Trigger) -> bool) -> Vec<Json> {
    function
        .triggers
        .iter()
        .filter(|trigger| kind(trigger))
        .flat_map(|trigger| match trigger {
            Trigger::Sqs(sqs) => sqs.filters.clone(),
            Trigger::Stream(stream) => stream.filters.clone(),
            _ => Vec::new(),
        })
        .map(|filter| to_json(&filter))
        .collect()
}

/// An SQS record as Lambda filters it: a `body` holding JSON is read as JSON.
fn sqs_record(record: &serde_json::Value) -> Json {
    let mut record = record.clone();
    if let Some(body) = record.get("body").and_then(|b| b.as_str()) {
        if let Ok(parsed @ (serde_json::Value::Object(_) | serde_json::Value::Array(_))) = serde_json::from_str(body) {
            record["body"] = parsed;
        }
    }
    to_json(&record)
}

/// A Kinesis record as Lambda filters it: its base64 `data`, decoded and read as JSON.
fn kinesis_record(record: &serde_json::Value) -> Json {
    let data = record.pointer("/kinesis/data").and_then(|d| d.as_str()).unwrap_or_default();
    let decoded = base64::engine::general_purpose::STANDARD.decode(data).unwrap_or_default();
    let data = serde_json::from_slice(&decoded)
        .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&decoded).into_owned()));
    to_json(&serde_json::json!({ "data": data }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn worker() -> Function {
        Function::new("worker")
            .trigger(Trigger::sqs("jobs").filter(json!({ "body": { "kind": ["order"] } })))
            .trigger(Trigger::kinesis("clicks").filter(json!({ "data": { "page": [{ "prefix": "/shop" }] } })))
            .trigger(Trigger::event(json!({ "source": ["shop.orders"] })))
    }

    #[test]
    fn records_the_filters_drop_are_named() {
        let body = |kind: &str| json!({ "eventSource": "aws:sqs", "body": json!({ "kind": kind }).to_string() });
        let notes = delivery_notes(&worker(), &json!({ "Records": [body("order"), body("refund")] }));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("note: record 2 matches no `filter`"), "{notes:?}");
        let data = |page: &str| base64::engine::general_purpose::STANDARD.encode(json!({ "page": page }).to_string());
        let kinesis = json!({ "Records": [{ "eventSource": "aws:kinesis", "kinesis": { "data": data("/admin") } }] });
        assert!(delivery_notes(&worker(), &kinesis)[0].contains("`kinesis(..)`"));
        let shop = json!({ "Records": [{ "eventSource": "aws:kinesis", "kinesis": { "data": data("/shop/cart") } }] });
        assert_eq!(delivery_notes(&worker(), &shop), Vec::<String>::new());
    }

    #[test]
    fn an_event_no_pattern_matches_is_named() {
        let event = |source: &str| json!({ "source": source, "detail-type": "OrderPlaced", "detail": {} });
        assert_eq!(delivery_notes(&worker(), &event("shop.orders")), Vec::<String>::new());
        assert!(delivery_notes(&worker(), &event("shop.refunds"))[0].contains("EventBridge would not send it"));
    }
}
