//! A Rust function reading `EventBridgeEvent<T>`: its `event(..)` patterns on `detail` may name
//! only `T`'s fields, by their JSON names (serde's `rename_all` applied). The macro cannot see a
//! type's fields, so the builders check it: `Stack::check`, before every synth.

use lambda_stack::events::eventbridge::EventBridgeEvent;
use lambda_stack::prelude::*;

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderPlaced {
    pub order_id: String,
    pub total: f64,
}

#[function(triggers = [event(pattern: { source: ["shop.orders"], detail: { orderId: [{ prefix: "A" }], totl: [{ numeric: [">", 100] }] } })])]
async fn audit(event: LambdaEvent<EventBridgeEvent<OrderPlaced>>) -> Result<(), Error> {
    let _ = event.payload.detail.total;
    Ok(())
}

#[function(triggers = [event(pattern: { detail: { anything: ["goes"] } })])]
async fn untyped(event: LambdaEvent<serde_json::Value>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

lambda_stack! {
    stack shop {
        region: "eu-west-3",
        function audit {}
        function untyped {}
    }
}

#[test]
fn a_detail_field_the_event_type_lacks_is_an_error_with_a_did_you_mean() {
    let problems = shop().check().problems;
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        ["the pattern matches `detail.totl`, but the function reads `detail` as `OrderPlaced`, which has no field `totl`; did you mean `total`?"],
        "`orderId` is `order_id` renamed; a `Value` event takes any field: {problems:#?}"
    );
    assert!(problems[0].origin.file.ends_with("rust_event_detail.rs"), "{:?}", problems[0].origin);
}
