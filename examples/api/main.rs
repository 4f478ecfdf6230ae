//! A shop's production API: `cargo run --example api` writes `cdktf.out/stacks/shopfront/`.
//!
//! The HTTP API answers browsers of the shop (CORS), checks a Cognito JWT on every route unless the
//! route says otherwise (`auth: iam` for operations, `auth: none` for the health check), and lets
//! partners in through a Lambda authorizer; its stage is throttled. A REST API with an API key
//! serves the old item lookup. A Node.js function streams the shop's news through its own URL. A
//! worker in the VPC settles orders with its database password from Secrets Manager, its
//! environment encrypted with the stack's customer-managed key, which also encrypts every log
//! group, queue and secret of the stack.

use lambda_stack::prelude::*;

lambda_stack! {
    /// The shop's public API.
    stack shopfront {
        region: "us-east-1",
        tags: { project: "shop" },
        kms: app_key,

        key app_key { rotation: true }
        secret db_password {}
        param private_subnets { type: list, default: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] }
        queue settlements {}

        api {
            cors: { origins: ["https://shop.example.com"], methods: [GET, POST], headers: ["content-type", "authorization"], max_age: 300 },
            auth: jwt(issuer: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC", audience: ["shop-web"]),
            throttle: { rate: 100, burst: 200 },
        }

        /// The orders of the customer the JWT names.
        function orders {
            runtime: python3.12,
            handler: "orders.handler",
            code: "functions/orders",
            triggers: [
                http(GET "/orders"),
                http(POST "/orders"),
                http(GET "/partners/orders/{id}", auth: lambda(gate, identity: ["$request.header.X-Partner-Key"], cache: 60)),
            ],
        }

        /// Operations: SigV4 callers only, and a public health check.
        function admin {
            runtime: python3.12,
            handler: "admin.handler",
            code: "functions/admin",
            triggers: [http(POST "/admin", auth: iam), http(GET "/health", auth: none)],
        }

        /// Decides whether a partner's key may pass (a Lambda authorizer: `{"isAuthorized": ..}`).
        function gate {
            runtime: python3.12,
            handler: "gate.handler",
            code: "functions/gate",
            env: { PARTNER_KEY_HASHES: "" },
        }

        rest_api { stage: "v1", api_key: true }

        /// The old item lookup, for partners holding an API key.
        function legacy {
            runtime: python3.12,
            handler: "legacy.handler",
            code: "functions/legacy",
            triggers: [rest(GET "/items/{id}")],
        }

        /// Settles orders in the VPC, where the database is.
        function worker {
            runtime: python3.12,
            handler: "worker.handler",
            code: "functions/worker",
            kms: app_key,
            vpc: { subnets: private_subnets, security_groups: ["sg-0123456789abcdef0"] },
            env: { DB_SECRET: db_password.arn },
            allow: [secretsmanager:GetSecretValue on db_password],
            triggers: [sqs(settlements)],
        }

        /// Streams the shop's news to its pages.
        function feed {
            runtime: nodejs22.x,
            handler: "index.handler",
            code: "functions/feed",
            triggers: [url(auth: iam, cors: { origins: ["https://shop.example.com"], methods: [GET] }, stream: true)],
        }
    }
}

fn main() -> lambda_stack::Result<()> {
    lambda_stack::App::new().stack(shopfront()).run()
}
