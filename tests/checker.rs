//! The builders run the checker `lambda_stack!` runs: each case is a ui case's stack written with
//! the builders by hand, and must fail `Stack::check` with the very message the macro gives at
//! compile time, read from that case's `.stderr`.

use lambda_stack::{
    Api, Arch, Auth, Bucket, Bus, Cors, EnvValue, Function, KmsKey, Layer, Logs, Param, Queue, Ref, Resource, RestApi,
    Role, Secret, SsmParameter, Stack, Statement, Stream, Table, Topic, Trigger, Vpc,
};
use serde_json::json;

/// The function every case builds on: the ui cases' `runtime: python3.12, handler: "app.handler",
/// code: "functions/app"`. Declared where it is called, so that source order is the cases' order.
#[track_caller]
fn python(name: &str) -> Function {
    Function::new(name)
        .runtime("python3.12")
        .handler("app.handler")
        .code("tests/ui/limits/functions/app")
        .code_as_written("functions/app")
}

/// `function` with the `tests/ui/handler/prebuilt-zip-*` cases' code: `functions/zips/<zip>`.
fn prebuilt(function: Function, zip: &str) -> Function {
    function.code(format!("tests/ui/handler/functions/zips/{zip}")).code_as_written(format!("functions/zips/{zip}"))
}

/// The `tests/ui/layers/*` cases' layer: `code: "layers/common"` for `runtimes`.
#[track_caller]
fn common_layer<const N: usize>(runtimes: [&str; N]) -> Layer {
    Layer::new("common").code("tests/ui/layers/layers/common").code_as_written("layers/common").runtimes(runtimes)
}

/// The `tests/ui/build/*` cases' function: `build: go` of `functions/<code>` on `provided.al2023`.
#[track_caller]
fn go_function(name: &str, code: &str) -> Function {
    Function::new(name)
        .runtime("provided.al2023")
        .handler("bootstrap")
        .code(format!("tests/ui/build/functions/{code}"))
        .code_as_written(format!("functions/{code}"))
        .build(lambda_stack::Build::Go)
}

fn shop() -> Stack {
    Stack::new("shop").region("eu-west-3")
}

/// The `tests/ui/adopt/include-*` cases' stack: `include: [pattern]` beside a queue and a topic.
fn included(pattern: &str) -> Stack {
    shop().include_in("tests/ui/adopt", pattern).queue(Queue::new("jobs")).topic(Topic::new("alerts"))
}

/// The `tests/ui/rest/*` cases' stack: `rest_api` configured, one function routed by it.
fn rest_routed(api: RestApi) -> Stack {
    shop().rest_api(api).function(python("items").trigger(Trigger::rest("GET", "/items")))
}

/// The messages of a ui case's `.stderr`: each `error: ` line.
fn expected(case: &str) -> Vec<String> {
    let path = format!("tests/ui/{case}.stderr");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let messages: Vec<String> =
        text.lines().filter_map(|line| line.strip_prefix("error: ")).map(str::to_owned).collect();
    assert!(!messages.is_empty(), "{path} has no `error: ` line");
    messages
}

fn cases() -> Vec<(&'static str, Stack)> {
    vec![
        ("handler/prebuilt-zip-module-missing", shop().function(prebuilt(python("api"), "no_module.zip"))),
        ("handler/prebuilt-zip-function-missing", shop().function(prebuilt(python("api"), "no_function.zip"))),
        (
            "handler/prebuilt-zip-bootstrap-not-executable",
            shop().function(prebuilt(
                python("api").runtime("provided.al2023").handler("bootstrap"),
                "bootstrap_not_executable.zip",
            )),
        ),
        ("handler/prebuilt-zip-with-exclude", shop().function(prebuilt(python("api"), "app.zip").exclude("tests"))),
        ("handler/prebuilt-zip-missing", shop().function(prebuilt(python("api"), "ap.zip"))),
        ("limits/memory-below-128", shop().function(python("api").memory(64))),
        ("limits/memory-above-10240", shop().function(python("api").memory(10241))),
        ("limits/timeout-zero", shop().function(python("api").timeout(0))),
        ("limits/timeout-901", shop().function(python("api").timeout(901))),
        ("limits/ephemeral-storage-below-512", shop().function(python("api").ephemeral_storage(256))),
        ("limits/ephemeral-storage-above-10240", shop().function(python("api").ephemeral_storage(20480))),
        ("limits/log-retention-not-allowed", shop().function(python("api").log_retention(10))),
        ("limits/reserved-concurrency-absurd", shop().function(python("api").reserved_concurrency(5_000_000))),
        (
            "limits/bad-layer-arn",
            shop().function(python("api").layer("arn:aws:lambda:eu-west-3:123456789012:layer:pandas")),
        ),
        (
            "limits/six-layers",
            shop().function(
                ["one", "two", "three", "four", "five", "six"]
                    .into_iter()
                    .fold(python("api"), |f, n| f.layer(format!("arn:aws:lambda:eu-west-3:123456789012:layer:{n}:1"))),
            ),
        ),
        ("limits/stack-tag-bad-character", shop().tag("team#", "data").function(python("api"))),
        ("limits/tag-aws-prefix", shop().function(python("api").tag("aws:team", "data"))),
        (
            "names/bucket-prefix-too-long",
            Stack::new("shop_analytics")
                .region("eu-west-3")
                .bucket(Bucket::new("monthly_customer_reports"))
                .function(python("api")),
        ),
        ("names/duplicate-declaration-name", shop().bucket(Bucket::new("reports")).function(python("reports"))),
        (
            "names/function-name-too-long",
            Stack::new("shop_analytics")
                .region("eu-west-3")
                .function(python("summarize_every_order_of_the_previous_business_day")),
        ),
        (
            "names/invalid-existing-bucket-name",
            shop().bucket(Bucket::new("reports").existing("Acme_Reports")).function(python("api")),
        ),
        ("names/stack-name-starts-with-underscore", Stack::new("_shop").region("eu-west-3").function(python("api"))),
        (
            "names/stack-name-too-long",
            Stack::new("online_shop_order_processing_backend").region("eu-west-3").function(python("api")),
        ),
        ("stack/unknown-region", Stack::new("shop").region("eu-west-9").function(python("api"))),
        ("stack/assets-not-a-bucket", shop().assets("jobs").queue(Queue::new("jobs")).function(python("api"))),
        (
            "stack/assets-unknown-bucket",
            shop().assets("artifact").bucket(Bucket::new("artifacts")).function(python("api")),
        ),
        (
            "stack/backend-absolute-key",
            shop()
                .backend(lambda_stack::Backend::S3 {
                    bucket: "acme-terraform-state".into(),
                    key: "/shop.tfstate".into(),
                    region: None,
                    encrypt: true,
                })
                .function(python("api")),
        ),
        (
            "stack/backend-unknown-region",
            shop()
                .backend(lambda_stack::Backend::S3 {
                    bucket: "acme-terraform-state".into(),
                    key: "shop.tfstate".into(),
                    region: Some("us-east-3".into()),
                    encrypt: true,
                })
                .function(python("api")),
        ),
        (
            "resources/existing-queue-with-owned-key",
            shop().queue(Queue::new("jobs").existing("legacy-jobs").visibility_timeout(60)).function(python("worker")),
        ),
        (
            "resources/existing-table-with-queue-arn",
            shop()
                .table(Table::new("orders").existing("arn:aws:sqs:eu-west-3:123456789012:orders"))
                .function(python("worker")),
        ),
        (
            "resources/existing-topic-bad-name",
            shop().topic(Topic::new("alerts").existing("ops alerts")).function(python("worker")),
        ),
        (
            "resources/fifo-queue-with-standard-dead-letter",
            shop()
                .queue(Queue::new("failed_jobs"))
                .queue(Queue::new("jobs").fifo(true).dead_letter("failed_jobs"))
                .function(python("worker")),
        ),
        (
            "resources/max-receive-out-of-range",
            shop()
                .queue(Queue::new("failed_jobs"))
                .queue(Queue::new("jobs").dead_letter("failed_jobs").max_receive(1001))
                .function(python("worker")),
        ),
        (
            "resources/max-receive-without-dead-letter",
            shop().queue(Queue::new("jobs").max_receive(5)).function(python("worker")),
        ),
        (
            "resources/queue-and-table-same-name",
            shop().queue(Queue::new("orders")).table(Table::new("orders").hash_key("id")).function(python("worker")),
        ),
        (
            "resources/queue-dead-letter-is-a-topic",
            shop()
                .topic(Topic::new("failures"))
                .queue(Queue::new("jobs").dead_letter("failures"))
                .function(python("worker")),
        ),
        (
            "resources/queue-dead-letter-is-itself",
            shop().queue(Queue::new("jobs").dead_letter("jobs")).function(python("worker")),
        ),
        (
            "resources/queue-dead-letter-unknown",
            shop()
                .queue(Queue::new("failed_jobs"))
                .queue(Queue::new("jobs").dead_letter("failed_job"))
                .function(python("worker")),
        ),
        (
            "resources/queue-retention-too-long",
            shop().queue(Queue::new("jobs").retention(1_209_601)).function(python("worker")),
        ),
        (
            "resources/queue-retention-too-short",
            shop().queue(Queue::new("jobs").retention(59)).function(python("worker")),
        ),
        (
            "resources/queue-visibility-timeout-too-long",
            shop().queue(Queue::new("jobs").visibility_timeout(43_201)).function(python("worker")),
        ),
        (
            "resources/stream-arn-of-table-without-stream",
            shop()
                .table(Table::new("orders").hash_key("id"))
                .function(python("worker").env("ORDERS_STREAM", Ref::new("orders", "stream_arn"))),
        ),
        ("resources/stream-zero-shards", shop().stream(Stream::new("clicks").shards(0)).function(python("worker"))),
        (
            "resources/table-same-hash-and-range-key",
            shop().table(Table::new("orders").hash_key("id").range_key("id")).function(python("worker")),
        ),
        (
            "resources/table-unknown-stream-view",
            shop().table(Table::new("orders").hash_key("id").stream("new_images")).function(python("worker")),
        ),
        (
            "resources/table-without-hash-key",
            shop().table(Table::new("orders").range_key("created_at")).function(python("worker")),
        ),
        (
            "resources/url-of-a-topic",
            shop().topic(Topic::new("alerts")).function(python("worker").env("ALERTS", Ref::new("alerts", "url"))),
        ),
        (
            "triggers/duplicate-route",
            shop()
                .function(python("list_orders").trigger(Trigger::http("GET", "/orders")))
                .function(python("export_orders").trigger(Trigger::http("GET", "/orders"))),
        ),
        ("triggers/empty-path-segment", shop().function(python("api").trigger(Trigger::http("GET", "/orders//items")))),
        (
            "triggers/greedy-variable-not-last",
            shop().function(python("api").trigger(Trigger::http("GET", "/files/{path+}/meta"))),
        ),
        ("triggers/lowercase-method", shop().function(python("api").trigger(Trigger::http("get", "/orders")))),
        ("triggers/path-without-leading-slash", shop().function(python("api").trigger(Trigger::http("GET", "orders")))),
        ("triggers/unknown-method", shop().function(python("api").trigger(Trigger::http("GTE", "/orders")))),
        (
            "events/dead-letter-fifo-queue",
            shop().queue(Queue::new("failures").fifo(true)).function(python("worker").dead_letter("failures")),
        ),
        (
            "events/dead-letter-on-a-bucket",
            shop().bucket(Bucket::new("reports")).function(python("worker").dead_letter("reports")),
        ),
        (
            "events/dead-letter-unknown",
            shop().queue(Queue::new("failures")).function(python("worker").dead_letter("failure")),
        ),
        (
            "events/s3-on-a-queue",
            shop().queue(Queue::new("jobs")).function(python("worker").trigger(Trigger::s3("jobs"))),
        ),
        (
            "events/s3-overlapping-prefixes",
            shop()
                .bucket(Bucket::new("uploads"))
                .function(python("ingest").trigger(Trigger::s3("uploads").prefix("in/")))
                .function(python("archive").trigger(Trigger::s3("uploads").prefix("in/csv/"))),
        ),
        (
            "events/s3-prefix-too-long",
            shop()
                .bucket(Bucket::new("uploads"))
                .function(python("worker").trigger(Trigger::s3("uploads").prefix("a".repeat(1025)))),
        ),
        (
            "events/s3-two-unfiltered-notifications",
            shop()
                .bucket(Bucket::new("uploads"))
                .function(python("ingest").trigger(Trigger::s3("uploads")))
                .function(python("archive").trigger(Trigger::s3("uploads").on("created"))),
        ),
        (
            "events/s3-unknown-event-name",
            shop()
                .bucket(Bucket::new("uploads"))
                .function(python("worker").trigger(Trigger::s3("uploads").on("s3:ObjectCreated:Putt"))),
        ),
        (
            "events/s3-unknown-event",
            shop()
                .bucket(Bucket::new("uploads"))
                .function(python("worker").trigger(Trigger::s3("uploads").on("create"))),
        ),
        (
            "events/sqs-batch-over-10-without-window",
            shop().queue(Queue::new("jobs")).function(python("worker").trigger(Trigger::sqs("jobs").batch_size(100))),
        ),
        (
            "events/sqs-batch-size-over-10000",
            shop()
                .queue(Queue::new("jobs"))
                .function(python("worker").trigger(Trigger::sqs("jobs").batch_size(10_001).window(10))),
        ),
        (
            "events/sqs-batch-size-zero",
            shop().queue(Queue::new("jobs")).function(python("worker").trigger(Trigger::sqs("jobs").batch_size(0))),
        ),
        (
            "events/sqs-window-over-300",
            shop()
                .queue(Queue::new("jobs"))
                .function(python("worker").trigger(Trigger::sqs("jobs").batch_size(100).window(301))),
        ),
        (
            "events/url-declared-twice",
            shop().function(python("worker").trigger(Trigger::url("iam")).trigger(Trigger::url("none"))),
        ),
        ("events/url-unknown-auth", shop().function(python("worker").trigger(Trigger::url("public")))),
        (
            "events/timeout-above-visibility-timeout",
            shop()
                .queue(Queue::new("jobs").visibility_timeout(60))
                .function(python("worker").timeout(120).trigger(Trigger::sqs("jobs"))),
        ),
        (
            "events/queue-mapped-twice",
            shop()
                .queue(Queue::new("jobs"))
                .function(python("worker").trigger(Trigger::sqs("jobs")).trigger(Trigger::sqs("jobs").batch_size(5))),
        ),
        (
            "events/dynamodb-on-kinesis-stream",
            shop().stream(Stream::new("clicks")).function(python("worker").trigger(Trigger::dynamodb("clicks"))),
        ),
        (
            "events/dynamodb-table-without-stream",
            shop()
                .table(Table::new("orders").hash_key("id"))
                .function(python("worker").trigger(Trigger::dynamodb("orders"))),
        ),
        (
            "events/dynamodb-unknown-start",
            shop()
                .table(Table::new("orders").hash_key("id").stream("new_image"))
                .function(python("worker").trigger(Trigger::dynamodb("orders").start("earliest"))),
        ),
        (
            "events/sns-on-a-queue",
            shop().queue(Queue::new("jobs")).function(python("worker").trigger(Trigger::sns("jobs"))),
        ),
        (
            "events/sns-on-fifo-topic",
            shop().topic(Topic::new("alerts").fifo(true)).function(python("worker").trigger(Trigger::sns("alerts"))),
        ),
        (
            "events/kinesis-batch-size-zero",
            shop()
                .stream(Stream::new("clicks"))
                .function(python("worker").trigger(Trigger::kinesis("clicks").batch_size(0))),
        ),
        (
            "events/kinesis-on-a-table",
            shop()
                .table(Table::new("orders").hash_key("id").stream("new_image"))
                .function(python("worker").trigger(Trigger::kinesis("orders"))),
        ),
        ("events/schedule-rate-zero", shop().function(python("worker").trigger(Trigger::schedule("rate(0 hours)")))),
        ("env/bad-key-format", shop().function(python("api").env("LOG-LEVEL", "debug"))),
        ("env/duplicate-key", shop().function(python("api").env("GREETING", "hello").env("GREETING", "bonjour"))),
        ("env/one-letter-key", shop().function(python("api").env("A", "1"))),
        ("env/own-arn", shop().function(python("api").env("SELF_ARN", Ref::new("api", "arn")))),
        (
            "env/reserved-aws-lambda-prefix",
            shop().function(python("api").env("AWS_LAMBDA_EXEC_WRAPPER", "/opt/wrapper")),
        ),
        ("env/reserved-key", shop().function(python("api").env("AWS_REGION", "eu-west-3"))),
        (
            "build/build-go-on-a-python-runtime",
            shop().function(go_function("api", "api").runtime("python3.12").handler("app.handler")),
        ),
        ("build/build-go-without-go-mod", shop().function(go_function("api", "no-go-mod"))),
        ("build/build-go-of-a-library-package", shop().function(go_function("api", "library"))),
        ("build/build-go-with-exclude", shop().function(go_function("api", "api").exclude("*_test.go"))),
        (
            "env/handler-reads-a-misspelled-variable",
            shop().table(Table::new("orders").hash_key("id")).function(
                python("api")
                    .code("tests/ui/env/functions/reads-orders")
                    .code_as_written("functions/reads-orders")
                    .env("ORDERS_TABLE", Ref::new("orders", "name")),
            ),
        ),
        (
            "env/handler-reads-an-unset-variable",
            shop().function(
                python("api").code("tests/ui/env/functions/reads-orders").code_as_written("functions/reads-orders"),
            ),
        ),
        (
            "env/node-handler-reads-an-unset-variable",
            shop().queue(Queue::new("jobs")).function(
                Function::new("webhook")
                    .runtime("nodejs22.x")
                    .handler("index.handler")
                    .code("tests/ui/env/functions/reads-queue")
                    .code_as_written("functions/reads-queue")
                    .env("JOBS_QUEUE", Ref::new("jobs", "url"))
                    .allow(Statement::allow(["sqs:SendMessage"]).on(Resource::named("jobs"))),
            ),
        ),
        (
            "env/total-size-over-4kb",
            shop()
                .role(Role::new("worker"))
                .function((1..=7).fold(python("api"), |f, i| f.env(format!("ROLE_{i}"), Ref::new("worker", "arn")))),
        ),
        (
            "env/unknown-attribute",
            shop()
                .bucket(Bucket::new("reports"))
                .function(python("api").env("REPORTS_BUCKET", Ref::new("reports", "nmae"))),
        ),
        (
            "env/unknown-declaration",
            shop()
                .bucket(Bucket::new("reports"))
                .function(python("api").env("REPORTS_BUCKET", Ref::new("reprots", "name"))),
        ),
        (
            "iam/action-list-one-wrong",
            shop().bucket(Bucket::new("reports")).function(python("api").allow(
                Statement::allow(["s3:GetObject", "s3:ListBucket"]).on(Resource::sub("reports", "objects", None)),
            )),
        ),
        (
            "iam/arn-of-no-resource-type",
            shop().bucket(Bucket::new("reports")).function(python("api").allow(
                Statement::allow(["s3:GetObject"]).on(Resource::arn("arn:aws:s3:eu-west-3:123456789012:reports")),
            )),
        ),
        (
            "iam/arn-of-wrong-service",
            shop().bucket(Bucket::new("reports")).function(python("api").allow(
                Statement::allow(["s3:GetObject"]).on(Resource::arn("arn:aws:sqs:eu-west-3:123456789012:jobs")),
            )),
        ),
        (
            "iam/bucket-action-on-objects",
            shop().bucket(Bucket::new("reports")).function(
                python("api").allow(Statement::allow(["s3:ListBucket"]).on(Resource::sub("reports", "objects", None))),
            ),
        ),
        (
            "iam/dynamodb-action-on-queue",
            shop()
                .queue(Queue::new("jobs"))
                .function(python("worker").allow(Statement::allow(["dynamodb:PutItem"]).on(Resource::named("jobs")))),
        ),
        (
            "iam/index-of-a-queue",
            shop().queue(Queue::new("jobs")).function(
                python("worker")
                    .allow(Statement::allow(["sqs:SendMessage"]).on(Resource::sub("jobs", "indexes", None))),
            ),
        ),
        (
            "iam/item-action-on-index",
            shop().table(Table::new("orders").hash_key("id")).function(python("worker").allow(
                Statement::allow(["dynamodb:PutItem"]).on(Resource::sub("orders", "index", Some("by_date".into()))),
            )),
        ),
        (
            "iam/kinesis-action-on-topic",
            shop().topic(Topic::new("alerts")).function(
                python("worker").allow(Statement::allow(["kinesis:PutRecord"]).on(Resource::named("alerts"))),
            ),
        ),
        (
            "iam/malformed-policy-arn",
            shop()
                .role(Role::new("worker").managed("arn:aws:iam::aws:AWSLambdaBasicExecutionRole"))
                .function(python("api").role("worker")),
        ),
        (
            "iam/not-an-arn",
            shop()
                .bucket(Bucket::new("reports"))
                .function(python("api").allow(Statement::allow(["s3:GetObject"]).on(Resource::arn("reports/in/*")))),
        ),
        (
            "iam/object-action-on-bucket",
            shop()
                .bucket(Bucket::new("reports"))
                .function(python("api").allow(Statement::allow(["s3:GetObject"]).on(Resource::named("reports")))),
        ),
        ("iam/role-reference-to-bucket", shop().bucket(Bucket::new("reports")).function(python("api").role("reports"))),
        ("iam/role-reference-unknown", shop().role(Role::new("worker")).function(python("api").role("wroker"))),
        (
            "iam/service-linked-managed-policy",
            shop().role(Role::new("worker").managed("AWSLambdaReplicator")).function(python("api").role("worker")),
        ),
        (
            "iam/sns-action-on-kinesis-stream",
            shop()
                .stream(Stream::new("clicks"))
                .function(python("worker").allow(Statement::allow(["sns:Publish"]).on(Resource::named("clicks")))),
        ),
        (
            "iam/sqs-action-on-table",
            shop()
                .table(Table::new("orders").hash_key("id"))
                .function(python("worker").allow(Statement::allow(["sqs:SendMessage"]).on(Resource::named("orders")))),
        ),
        ("env/key-with-space", shop().function(python("api").env("LOG LEVEL", "debug"))),
        ("env/key-with-non-ascii-letter", shop().function(python("api").env("CAFÉ", "open"))),
        ("limits/tag-value-bad-character", shop().function(python("api").tag("team", "data#1"))),
        (
            "triggers/duplicate-schedule",
            shop().function(
                python("nightly").trigger(Trigger::schedule("rate(1 day)")).trigger(Trigger::schedule("rate(1 day)")),
            ),
        ),
        (
            "iam/empty-action-list",
            shop().bucket(Bucket::new("reports")).function(
                python("api").allow(Statement::allow(Vec::<&str>::new()).on(Resource::sub("reports", "objects", None))),
            ),
        ),
        (
            "iam/allow-invoke-itself",
            shop()
                .function(python("api").allow(Statement::allow(["lambda:InvokeFunction"]).on(Resource::named("api")))),
        ),
        (
            "names/role-names-differ-only-in-case",
            shop().role(Role::new("Shared")).role(Role::new("shared")).function(python("api").role("shared")),
        ),
        (
            "names/function-role-differs-only-in-case",
            shop().role(Role::new("Worker")).function(python("api").role("Worker")).function(python("worker")),
        ),
        ("names/duplicate-output-name", shop().topic(Topic::new("alerts")).function(python("alerts_topic"))),
        (
            "resources/dead-letter-cycle",
            shop()
                .queue(Queue::new("jobs").dead_letter("retries"))
                .queue(Queue::new("retries").dead_letter("jobs"))
                .function(python("api")),
        ),
        (
            "env/arn-reference-cycle",
            shop()
                .function(python("orders").env("BILLING", Ref::new("billing", "arn")))
                .function(python("billing").env("ORDERS", Ref::new("orders", "arn"))),
        ),
        (
            "env/arn-reference-cycle-of-three",
            shop()
                .function(python("a").env("NEXT", Ref::new("b", "arn")))
                .function(python("b").env("NEXT", Ref::new("c", "arn")))
                .function(python("c").env("NEXT", Ref::new("a", "arn"))),
        ),
        ("stack/exclude-unclosed-class", shop().function(python("api").exclude("*.py[cd"))),
        ("stack/exclude-unopened-alternative", shop().function(python("api").exclude("tests}"))),
        ("stack/exclude-removes-handler-module", shop().function(python("api").exclude("tests/").exclude("*.py"))),
        (
            "iam/star-only-action-on-resource",
            shop().bucket(Bucket::new("reports")).function(
                python("api").allow(Statement::allow(["xray:PutTraceSegments"]).on(Resource::named("reports"))),
            ),
        ),
        ("adopt/exact-function-name-has-a-space", shop().function(python("api").aws_name("legacy shop api"))),
        (
            "adopt/import-and-name-disagree",
            Stack::new("shop").region("eu-west-1").queue(
                Queue::new("jobs").aws_name("work").import("https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"),
            ),
        ),
        (
            "stages/exact-name-without-stage",
            shop().stages(["dev", "prod"], |_, stack| stack.function(python("api").aws_name("legacy-shop-api"))),
        ),
        ("stages/stage-placeholder-without-stages", shop().function(python("api").aws_name("legacy-shop-api-{stage}"))),
        ("stages/stage-name-with-uppercase", shop().stages(["dev", "Prod"], |_, stack| stack)),
        (
            "stages/per-stage-value-out-of-range",
            shop().stages(["dev", "prod"], |stage, stack| {
                stack.function(python("api").memory(if stage == "prod" { 20480 } else { 256 }))
            }),
        ),
        (
            "stages/per-stage-region-not-a-region",
            Stack::new("shop").stages(["dev", "prod"], |stage, stack| {
                stack.region(if stage == "dev" { "eu-west-9" } else { "eu-west-1" })
            }),
        ),
        (
            "adopt/import-queue-by-name",
            Stack::new("shop").region("eu-west-1").queue(Queue::new("jobs").aws_name("jobs").import("jobs")),
        ),
        (
            "adopt/renamed-from-a-current-name",
            shop().queue(Queue::new("jobs")).topic(Topic::new("alerts").renamed_from("jobs")),
        ),
        (
            "adopt/name-on-an-existing-queue",
            shop().queue(Queue::new("jobs").existing("arn:aws:sqs:eu-west-3:123456789012:jobs").aws_name("jobs")),
        ),
        ("adopt/fifo-name-without-suffix", shop().queue(Queue::new("orders").fifo(true).aws_name("orders"))),
        ("adopt/include-matches-no-file", included("infra/*.tf.yaml")),
        ("adopt/include-takes-terraform-files-only", included("infra/*.txt")),
        ("adopt/include-json-that-does-not-parse", included("infra/broken.tf.json")),
        ("adopt/include-hcl-block-not-closed", included("infra/unclosed.tf")),
        ("adopt/include-resource-named-like-a-declaration", included("infra/clash.tf.json")),
        ("adopt/existing-role-by-name", shop().role(Role::new("deployer").existing("ci-deployer"))),
        (
            "adopt/existing-role-with-allow",
            shop().bucket(Bucket::new("reports")).role(
                Role::new("deployer")
                    .existing("arn:aws:iam::123456789012:role/ci-deployer")
                    .allow(Statement::allow(["s3:GetObject"]).on(Resource::sub("reports", "objects", None))),
            ),
        ),
        (
            "params/unknown-arn-placeholder",
            shop().role(Role::new("worker_role").allow(
                Statement::allow(["sqs:SendMessage"]).on(Resource::arn("arn:aws:sqs:{region}:{acount}:legacy")),
            )),
        ),
        ("params/unknown-param-type", shop().param(Param::new("subnets").param_type("lists"))),
        ("params/list-default-for-a-string", shop().param(Param::new("alert_email").default_list(["ops@example.com"]))),
        (
            "params/string-default-for-a-list",
            shop().param(Param::new("subnets").param_type("list").default_string("subnet-1")),
        ),
        (
            "params/list-param-in-env",
            shop()
                .param(Param::new("subnets").param_type("list"))
                .function(python("api").env("SUBNETS", EnvValue::param("subnets"))),
        ),
        (
            "params/unknown-param-in-env",
            shop()
                .param(Param::new("alert_email").default_string("ops@example.com"))
                .function(python("api").env("ALERTS_TO", EnvValue::param("alert_emial"))),
        ),
        (
            "params/existing-role-from-a-missing-param",
            shop()
                .param(Param::new("deployer_arn"))
                .role(Role::new("deployer").existing(Param::reference("deployer_arm"))),
        ),
        (
            "params/list-param-for-an-existing-queue",
            shop()
                .param(
                    Param::new("queue_arns")
                        .param_type("list")
                        .default_list(["arn:aws:sqs:eu-west-3:123456789012:jobs"]),
                )
                .queue(Queue::new("jobs").existing(Param::reference("queue_arns"))),
        ),
        (
            "vpc/string-param-for-subnets",
            shop().param(Param::new("private_subnet").default_string("subnet-0123456789abcdef0")).function(
                python("api").vpc(Vpc::new().subnets_param("private_subnet").security_groups(["sg-0123456789abcdef0"])),
            ),
        ),
        (
            "vpc/security-group-id-for-a-subnet",
            shop().function(
                python("api")
                    .vpc(Vpc::new().subnets(["sg-0123456789abcdef0"]).security_groups(["sg-0123456789abcdef0"])),
            ),
        ),
        (
            "vpc/no-security-groups",
            shop().function(python("api").vpc(Vpc::new().subnets(["subnet-0123456789abcdef0"]))),
        ),
        ("kms/kms-names-a-bucket", shop().bucket(Bucket::new("reports")).queue(Queue::new("jobs").kms("reports"))),
        ("kms/deletion-window-below-7", shop().key(KmsKey::new("app_key").rotation(true).deletion_window(3))),
        ("kms/deletion-window-above-30", shop().key(KmsKey::new("app_key").deletion_window(45))),
        ("kms/undeclared-key", shop().kms("app_kye").key(KmsKey::new("app_key").rotation(true))),
        (
            "kms/kms-on-an-existing-queue",
            shop()
                .key(KmsKey::new("app_key"))
                .queue(Queue::new("jobs").existing("arn:aws:sqs:eu-west-3:123456789012:jobs").kms("app_key")),
        ),
        (
            "kms/existing-key-by-name",
            shop().key(KmsKey::new("shared").existing("shared-key")).function(python("api").kms("shared")),
        ),
        ("secrets/parameter-without-value", shop().parameter(SsmParameter::new("flags"))),
        (
            "layers/layer-for-another-runtime",
            shop().layer(common_layer(["python3.13"])).function(python("api").layer("common")),
        ),
        (
            "layers/layer-for-another-arch",
            shop()
                .layer(common_layer(["python3.12"]).arch([Arch::X86_64]))
                .function(python("api").arch(Arch::Arm64).layer("common")),
        ),
        (
            "layers/unknown-layer-name",
            shop().layer(common_layer(["python3.12"])).function(python("api").layer("comon")),
        ),
        ("layers/layer-of-two-languages", shop().layer(common_layer(["python3.12", "nodejs22.x"]))),
        ("layers/layers-names-a-queue", shop().queue(Queue::new("jobs")).function(python("api").layer("jobs"))),
        ("layers/layer-runtime-unknown", shop().layer(common_layer(["python3.21"]))),
        (
            "layers/existing-layer-with-runtimes",
            shop().layer(
                Layer::new("shared")
                    .existing("arn:aws:lambda:eu-west-3:123456789012:layer:shared:3")
                    .runtimes(["python3.12"]),
            ),
        ),
        (
            "secrets/secret-action-on-a-parameter",
            shop().parameter(SsmParameter::new("flags").value("on")).function(
                python("api").allow(Statement::allow(["secretsmanager:GetSecretValue"]).on(Resource::named("flags"))),
            ),
        ),
        (
            "secrets/kms-on-an-existing-secret",
            shop()
                .key(KmsKey::new("app_key"))
                .secret(Secret::new("db_password").existing("prod/db_password").kms("app_key")),
        ),
        (
            "triggers/timeout-above-the-http-api-limit",
            shop().function(python("report").timeout(60).trigger(Trigger::http("GET", "/report"))),
        ),
        (
            "triggers/url-cors-any-origin-with-credentials",
            shop().function(
                python("api").trigger(Trigger::url("none").cors(Cors::new().origins(["*"]).credentials(true))),
            ),
        ),
        (
            "triggers/url-cors-origin-with-a-path",
            shop().function(
                python("api").trigger(Trigger::url("none").cors(Cors::new().origins(["https://shop.example.com/"]))),
            ),
        ),
        ("triggers/url-stream-from-python", shop().function(python("api").trigger(Trigger::url("iam").stream()))),
        (
            "iam/boundary-is-a-role-arn",
            shop().role(
                Role::new("workers")
                    .managed("AWSLambdaBasicExecutionRole")
                    .boundary("arn:aws:iam::123456789012:role/boundary"),
            ),
        ),
        (
            "api/cors-any-origin-with-credentials",
            shop()
                .api(Api::new().cors(Cors::new().origins(["*"]).credentials(true)))
                .function(python("items").trigger(Trigger::http("GET", "/items"))),
        ),
        ("api/without-routes", shop().api(Api::new().throttle(Some(100), None))),
        (
            "stack/reserved-concurrency-over-the-account-budget",
            shop()
                .function(python("checkout").reserved_concurrency(500))
                .function(python("search").reserved_concurrency(450)),
        ),
        (
            "stack/account-concurrency-below-the-unreserved-100",
            shop().account_concurrency(50).function(python("checkout")),
        ),
        (
            "function/on-failure-names-a-bucket",
            shop().bucket(Bucket::new("reports")).function(python("worker").on_failure("reports")),
        ),
        ("function/on-success-is-the-function-itself", shop().function(python("worker").on_success("worker"))),
        (
            "patterns/unknown-operator",
            shop().bus(Bus::new("orders")).function(
                python("audit").trigger(
                    Trigger::event(json!({ "detail": { "total": [{ "numerc": [">", 100] }] } })).bus("orders"),
                ),
            ),
        ),
        (
            "patterns/leaf-not-a-list",
            shop().function(python("audit").trigger(Trigger::event(json!({ "source": "shop.orders" })))),
        ),
        (
            "patterns/top-level-field-no-event-has",
            shop().function(python("audit").trigger(Trigger::event(json!({ "sources": ["shop.orders"] })))),
        ),
        (
            "patterns/numeric-range-empty",
            shop().function(
                python("audit")
                    .trigger(Trigger::event(json!({ "detail": { "total": [{ "numeric": [">", 100, "<", 10] }] } }))),
            ),
        ),
        (
            "patterns/event-on-a-queue",
            shop()
                .queue(Queue::new("jobs"))
                .function(python("audit").trigger(Trigger::event(json!({ "source": ["shop"] })).bus("jobs"))),
        ),
        (
            "patterns/filter-wildcard-is-eventbridges",
            shop().queue(Queue::new("jobs")).function(
                python("audit")
                    .trigger(Trigger::sqs("jobs").filter(json!({ "body": { "key": [{ "wildcard": "in/*.csv" }] } }))),
            ),
        ),
        (
            "mappings/six-filters",
            shop().queue(Queue::new("jobs")).function(python("audit").trigger(
                (1..=6).fold(Trigger::sqs("jobs"), |t, i| t.filter(json!({ "body": { "k": [i.to_string()] } }))),
            )),
        ),
        (
            "mappings/filter-kinesis-field-not-data",
            shop()
                .stream(Stream::new("clicks"))
                .function(python("audit").trigger(Trigger::kinesis("clicks").filter(json!({ "partitionKey": ["1"] })))),
        ),
        (
            "mappings/max-concurrency-above-reserved",
            shop()
                .queue(Queue::new("jobs"))
                .function(python("audit").reserved_concurrency(10).trigger(Trigger::sqs("jobs").max_concurrency(50))),
        ),
        (
            "mappings/max-concurrency-one",
            shop().queue(Queue::new("jobs")).function(python("audit").trigger(Trigger::sqs("jobs").max_concurrency(1))),
        ),
        (
            "mappings/parallelization-above-ten",
            shop()
                .stream(Stream::new("clicks"))
                .function(python("audit").trigger(Trigger::kinesis("clicks").parallelization(11))),
        ),
        (
            "mappings/stream-on-failure-a-bucket",
            shop()
                .stream(Stream::new("clicks"))
                .bucket(Bucket::new("failed"))
                .function(python("audit").trigger(Trigger::kinesis("clicks").on_failure("failed"))),
        ),
        (
            "mappings/max-age-below-a-minute",
            shop()
                .table(Table::new("orders").hash_key("id").stream("new_image"))
                .function(python("audit").trigger(Trigger::dynamodb("orders").max_age(30))),
        ),
        (
            "logs/level-without-json-format",
            shop().function(python("api").logs(Logs::new().format("text").level("info"))),
        ),
        ("logs/unknown-format", shop().function(python("api").logs(Logs::new().format("jsno")))),
        (
            "logs/unknown-system-level",
            shop().function(python("api").logs(Logs::new().format("json").system_level("error"))),
        ),
        ("logs/group-name-with-a-space", shop().function(python("api").logs(Logs::new().group("shop app")))),
        (
            "schedules/timezone-unknown",
            shop().function(python("report").trigger(Trigger::scheduled("cron(0 8 * * ? *)").timezone("Europe/Pari"))),
        ),
        (
            "schedules/at-timestamp-not-a-date",
            shop().function(python("report").trigger(Trigger::schedule("at(2027-02-30T09:00:00)"))),
        ),
        (
            "schedules/flexible-window-above-a-day",
            shop().function(python("report").trigger(Trigger::scheduled("rate(1 hour)").flexible_window(1441))),
        ),
        (
            "function/loop-through-a-bus",
            shop()
                .bus(Bus::new("orders"))
                .function(
                    python("relay")
                        .allow(Statement::allow(["events:PutEvents"]).on(Resource::named("orders")))
                        .trigger(Trigger::event(json!({ "source": ["shop.orders"] })).bus("orders")),
                )
                .function(
                    python("watcher")
                        .allow(Statement::allow(["events:PutEvents"]).on(Resource::named("orders")))
                        .trigger(Trigger::event(json!({ "source": ["aws.s3"] })).bus("orders")),
                ),
        ),
        ("function/retries-above-two", shop().function(python("worker").retries(3))),
        ("function/provisioned-without-alias", shop().function(python("checkout").provisioned(5))),
        ("function/snap-start-without-alias", shop().function(python("quote").snap_start(true))),
        (
            "function/snap-start-on-nodejs",
            shop().function(
                Function::new("quote")
                    .runtime("nodejs22.x")
                    .handler("index.handler")
                    .code("tests/ui/function/functions/node")
                    .code_as_written("functions/node")
                    .alias("live")
                    .snap_start(true),
            ),
        ),
        (
            "function/snap-start-with-provisioned",
            shop().function(python("quote").alias("live").provisioned(2).snap_start(true)),
        ),
        ("function/alias-name-only-digits", shop().function(python("checkout").alias("12"))),
        (
            "function/provisioned-above-reserved",
            shop().function(python("checkout").alias("live").reserved_concurrency(2).provisioned(5)),
        ),
        (
            "function/loop-s3-through-two-functions",
            shop()
                .bucket(Bucket::new("uploads"))
                .bucket(Bucket::new("outbox"))
                .function(
                    python("ingest")
                        .allow(Statement::allow(["s3:PutObject"]).on(Resource::sub(
                            "outbox",
                            "objects",
                            Some("*".into()),
                        )))
                        .trigger(Trigger::s3("uploads").prefix("in/")),
                )
                .function(
                    python("forward")
                        .allow(Statement::allow([] as [&str; 0]).and_wildcard("s3:Put*").on(Resource::sub(
                            "uploads",
                            "objects",
                            Some("in/*".into()),
                        )))
                        .trigger(Trigger::s3("outbox")),
                ),
        ),
        (
            "function/loop-sqs-self",
            shop().queue(Queue::new("jobs")).function(
                python("worker")
                    .allow(Statement::allow(["sqs:SendMessage"]).on(Resource::named("jobs")))
                    .trigger(Trigger::sqs("jobs")),
            ),
        ),
        (
            "function/loop-sns-self",
            shop().topic(Topic::new("events")).function(
                python("relay")
                    .allow(Statement::allow(["sns:Publish"]).on(Resource::named("events")))
                    .trigger(Trigger::sns("events")),
            ),
        ),
        (
            "function/loop-destination",
            shop()
                .queue(Queue::new("done"))
                .function(python("worker").on_success("done"))
                .function(python("collector").trigger(Trigger::sqs("done")).on_failure("worker")),
        ),
        ("function/max-event-age-below-a-minute", shop().function(python("worker").max_event_age(30))),
        (
            "function/on-failure-unknown",
            shop().queue(Queue::new("failed")).function(python("worker").on_failure("faild")),
        ),
        (
            "limits/resource-policy-above-20-kb",
            shop().function(
                (2..57).fold(python("ticker"), |f, i| f.trigger(Trigger::schedule(format!("rate({i} minutes)")))),
            ),
        ),
        (
            "api/auth-lambda-names-a-queue",
            shop()
                .queue(Queue::new("jobs"))
                .function(python("items").trigger(Trigger::http("GET", "/items").auth(Auth::lambda("jobs")))),
        ),
        (
            "api/auth-jwt-issuer-not-https",
            shop()
                .api(Api::new().auth(Auth::jwt("http://issuer.example.com/", ["app-client"])))
                .function(python("items").trigger(Trigger::http("GET", "/items"))),
        ),
        (
            "api/auth-cognito-on-the-http-api",
            shop().function(
                python("items").trigger(
                    Trigger::http("GET", "/items")
                        .auth(Auth::cognito(["arn:aws:cognito-idp:eu-west-3:123456789012:userpool/eu-west-3_AbC"])),
                ),
            ),
        ),
        (
            "api/auth-iam-with-an-argument",
            shop().function(python("items").trigger(Trigger::http("GET", "/items").auth(Auth::iam().cache(60)))),
        ),
        (
            "api/auth-cache-above-an-hour",
            shop()
                .function(
                    python("items").trigger(Trigger::http("GET", "/items").auth(Auth::lambda("gate").cache(7200))),
                )
                .function(python("gate")),
        ),
        (
            "api/auth-identity-source-in-rest-syntax",
            shop()
                .function(
                    python("items").trigger(
                        Trigger::http("GET", "/items")
                            .auth(Auth::lambda("gate").identity(["method.request.header.Authorization"])),
                    ),
                )
                .function(python("gate")),
        ),
        (
            "api/auth-authorizer-guards-its-own-route",
            shop().function(python("items").trigger(Trigger::http("GET", "/items").auth(Auth::lambda("items")))),
        ),
        (
            "api/domain-certificate-in-another-region",
            shop()
                .api(Api::new().domain("api.shop.example.com", "arn:aws:acm:us-east-1:123456789012:certificate/abc"))
                .function(python("items").trigger(Trigger::http("GET", "/items"))),
        ),
        (
            "api/domain-name-with-a-capital",
            shop()
                .api(Api::new().domain("Api.shop.example.com", "arn:aws:acm:eu-west-3:123456789012:certificate/abc"))
                .function(python("items").trigger(Trigger::http("GET", "/items"))),
        ),
        ("rest/invalid-path", shop().function(python("items").trigger(Trigger::rest("GET", "/users/@me")))),
        ("rest/invalid-stage-name", rest_routed(RestApi::new().stage("v.1"))),
        (
            "rest/jwt-auth",
            shop().function(
                python("items")
                    .trigger(Trigger::rest("GET", "/items").auth(Auth::jwt("https://issuer.example.com", ["app"]))),
            ),
        ),
        (
            "rest/options-route-with-cors",
            shop().rest_api(RestApi::new().cors(Cors::new().origins(["*"]))).function(
                python("items").trigger(Trigger::rest("GET", "/items")).trigger(Trigger::rest("OPTIONS", "/items")),
            ),
        ),
        (
            "rest/sibling-variables",
            shop().function(
                python("items")
                    .trigger(Trigger::rest("GET", "/items/{id}"))
                    .trigger(Trigger::rest("DELETE", "/items/{name}")),
            ),
        ),
        (
            "rest/timeout-above-the-rest-api-limit",
            shop().function(python("items").timeout(60).trigger(Trigger::rest("GET", "/report"))),
        ),
        (
            "rest/two-cors-origins",
            rest_routed(RestApi::new().cors(Cors::new().origins(["https://a.example.com", "https://b.example.com"]))),
        ),
        (
            "rest/two-functions-one-route",
            shop()
                .function(python("items").trigger(Trigger::rest("GET", "/items")))
                .function(python("listing").trigger(Trigger::rest("GET", "/items"))),
        ),
        (
            "rest/without-routes",
            shop()
                .rest_api(RestApi::new().stage("v1"))
                .function(python("items").trigger(Trigger::http("GET", "/items"))),
        ),
        ("params/param-named-like-a-declaration", shop().queue(Queue::new("jobs")).param(Param::new("jobs"))),
        (
            "env/bare-reference",
            shop()
                .bucket(Bucket::new("reports"))
                .function(python("api").env("REPORTS_BUCKET", EnvValue::param("reports"))),
        ),
    ]
}

#[test]
fn the_builders_give_the_macros_messages() {
    let mut failures = Vec::new();
    let cases = cases();
    for (case, stack) in &cases {
        let found: Vec<String> = stack.check().problems.into_iter().map(|p| p.message).collect();
        for message in expected(case) {
            if !found.contains(&message) {
                failures.push(format!("{case}:\n  the macro says: {message}\n  the builders say: {found:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

/// Of two clashing declarations the builders report the one on the later line, as the macro
/// reports the later in its source, whatever their kinds.
#[test]
fn the_later_of_two_clashing_declarations_is_reported() {
    let stack = shop().function(python("reports"));
    let line = line!() + 1;
    let stack = stack.bucket(Bucket::new("reports"));
    let problems = stack.check().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].subject, "bucket `reports`");
    assert_eq!(problems[0].origin.line, line);
    let expected = expected("names/duplicate-name-reported-in-source-order");
    assert_eq!(problems[0].message, expected[0]);
}

#[test]
fn a_finding_points_at_the_line_that_declared_it() {
    let trigger = Trigger::sqs("jobs").batch_size(0);
    let line = line!() - 1;
    let stack = shop().queue(Queue::new("jobs")).function(python("worker").trigger(trigger));
    let problems = stack.check().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].subject, "function `worker`");
    assert_eq!(problems[0].origin.line, line);
    assert!(problems[0].origin.file.ends_with("tests/checker.rs"));
}
