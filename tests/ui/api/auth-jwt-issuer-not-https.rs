// A JWT issuer over plain http: API Gateway fetches its keys over TLS only.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: "eu-west-3",

        api { auth: jwt(issuer: "http://issuer.example.com/", audience: ["app-client"]) }

        function items {
            runtime: python3.12,
            handler: "app.handler",
            code: "functions/app",
            triggers: [http(GET "/items")],
        }

    }
}

fn main() {
    let _ = shop();
}
