// ARN strings may hold `{account}`, `{region}` and `{partition}` only.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        role worker_role {
            allow: [sqs:SendMessage on "arn:aws:sqs:{region}:{acount}:legacy"],
        }
    }
}

fn main() {
    let _ = shop();
}
