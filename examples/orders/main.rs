//! Orders: Lambda functions written in Rust, in the same crate as their stack, beside a Python one.
//! Two routes of an HTTP API and a queue consumer are `#[function]`s; `cargo run --example orders`
//! builds this very binary in release for x86_64 and arm64 and zips it as their `bootstrap`.

use lambda_stack::events::apigw::{ApiGatewayV2httpRequest, ApiGatewayV2httpResponse};
use lambda_stack::events::encodings::Body;
use lambda_stack::events::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
use lambda_stack::prelude::*;
use serde_json::{json, Value};

/// Reads one order.
#[function(memory = 128, timeout = 5)]
pub async fn get_order(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    let Some(id) = event.payload.path_parameters.get("id") else {
        return Ok(respond(400, json!({ "error": "the path has no order id" })));
    };
    Ok(respond(200, json!({ "id": id, "status": "received", "request": event.context.request_id })))
}

/// Takes a new order: `{"item": "...", "quantity": N}`.
#[function(memory = 256, timeout = 10)]
pub async fn create_order(event: LambdaEvent<ApiGatewayV2httpRequest>) -> Result<ApiGatewayV2httpResponse, Error> {
    let body = event.payload.body.unwrap_or_default();
    let order: Value = match serde_json::from_str(&body) {
        Ok(order) => order,
        Err(error) => return Ok(respond(400, json!({ "error": format!("the body is not JSON: {error}") }))),
    };
    match (order["item"].as_str(), order["quantity"].as_u64()) {
        (Some(item), Some(quantity)) if quantity > 0 => {
            let id = format!("{}-{quantity}", item.to_lowercase().replace(' ', "-"));
            Ok(respond(201, json!({ "id": id, "item": item, "quantity": quantity })))
        }
        _ => Err(format!("an order needs an `item` and a positive `quantity`, got {order}").into()),
    }
}

/// Fulfils queued orders, on Graviton; a message that is not an order is reported as failed, and
/// only it goes back to the queue.
#[function(arch = arm64, timeout = 30, triggers = [sqs(fulfilment, batch_size: 10, report_failures: true)])]
pub async fn fulfil(event: LambdaEvent<SqsEvent>) -> Result<SqsBatchResponse, Error> {
    let mut response = SqsBatchResponse::default();
    for message in event.payload.records {
        let order: Option<Value> = message.body.as_deref().and_then(|body| serde_json::from_str(body).ok());
        if order.as_ref().and_then(|o| o["item"].as_str()).is_none() {
            let mut failure = BatchItemFailure::default();
            failure.item_identifier = message.message_id.unwrap_or_default();
            response.batch_item_failures.push(failure);
        }
    }
    Ok(response)
}

fn respond(status: i64, body: Value) -> ApiGatewayV2httpResponse {
    let mut response = ApiGatewayV2httpResponse::default();
    response.status_code = status;
    response.headers.insert("content-type", "application/json".parse().expect("a header value"));
    response.body = Some(Body::Text(body.to_string()));
    response
}

lambda_stack! {
    /// An order API in Rust, a Rust queue consumer on arm64, and a Python report.
    stack orders {
        queue fulfilment { visibility_timeout: 60 }

        function get_order { triggers: [http(GET "/orders/{id}")] }

        function create_order {
            env: { FULFILMENT_QUEUE: fulfilment.url },
            allow: [sqs:SendMessage on fulfilment],
            triggers: [http(POST "/orders")],
        }

        function fulfil {}

        /// Sums up the day's orders.
        function report {
            runtime: python3.12,
            handler: "report.handler",
            code: "functions/report",
            triggers: [schedule("rate(1 day)")],
        }
    }
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(orders()).run()
}
