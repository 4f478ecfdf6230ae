// An HTTP route sends an `ApiGatewayV2httpRequest`, not an `SqsEvent`.
use lambda_stack::events::sqs::SqsEvent;
use lambda_stack::prelude::*;

#[function]
async fn worker(event: LambdaEvent<SqsEvent>) -> Result<(), Error> {
    let _ = event;
    Ok(())
}

lambda_stack! {
    stack shop {
        function worker { triggers: [http(POST "/work")] }
    }
}

fn main() {
    let _ = shop();
}
