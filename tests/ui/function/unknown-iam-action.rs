// The attribute's IAM actions must exist, as in the stack.
use lambda_stack::prelude::*;

#[function(allow = [s3:GetObjekt on reports.objects])]
async fn hello(event: LambdaEvent<serde_json::Value>) -> Result<serde_json::Value, Error> {
    Ok(event.payload)
}

fn main() {}
