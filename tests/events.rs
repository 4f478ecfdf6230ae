//! Event sources built by hand, without the macro: the builders enforce the same rules at synth,
//! and derive the permissions, mappings and notifications each trigger needs.

use lambda_stack::{App, Bucket, Function, Queue, Resource, Role, Stack, Statement, Stream, Table, Topic, Trigger};
use serde_json::Value;

fn code_dir() -> String {
    format!("{}/examples/pipeline/functions/worker", env!("CARGO_MANIFEST_DIR"))
}

/// A Python function on the pipeline's worker code, with the variable that code reads.
fn python(name: &str) -> Function {
    Function::new(name).runtime("python3.12").handler("worker.handler").code(code_dir()).env("ORDERS_TABLE", "orders")
}

fn base() -> Stack {
    Stack::new("shop").region("eu-west-3")
}

/// The problems `Stack::check` finds, as messages.
fn problems(stack: Stack) -> Vec<String> {
    stack.check().problems.into_iter().map(|p| p.message).collect()
}

fn one_problem(stack: Stack) -> String {
    let found = problems(stack);
    assert_eq!(found.len(), 1, "expected one problem, found {found:#?}");
    found.into_iter().next().unwrap()
}

fn synth(stack: Stack) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let name = stack.name().to_owned();
    App::new().stack(stack).synth(&out).expect("the stack synthesizes");
    serde_json::from_slice(&std::fs::read(out.join(format!("stacks/{name}/cdk.tf.json"))).unwrap()).unwrap()
}

#[test]
fn a_trigger_reads_a_declaration_of_its_kind() {
    let stack = base().bucket(Bucket::new("reports")).function(python("f").trigger(Trigger::sqs("reports")));
    assert_eq!(
        one_problem(stack),
        "`sqs(..)` reads a queue, but `reports` is a bucket; an s3 trigger would be `s3(reports)`"
    );
    let stack = base().function(python("f").trigger(Trigger::sns("alrets"))).topic(Topic::new("alerts"));
    assert!(one_problem(stack).contains("did you mean `alerts`?"));
}

#[test]
fn function_timeout_within_the_queue_visibility_timeout() {
    let stack = base().queue(Queue::new("jobs")).function(python("f").timeout(60).trigger(Trigger::sqs("jobs")));
    let message = one_problem(stack);
    assert!(message.contains("above the visibility timeout of queue `jobs`, 30 seconds (SQS's default)"), "{message}");
    let fixed = base()
        .queue(Queue::new("jobs").visibility_timeout(360))
        .function(python("f").timeout(60).trigger(Trigger::sqs("jobs")));
    assert!(problems(fixed).is_empty());
}

#[test]
fn sqs_batches() {
    let fifo =
        base().queue(Queue::new("jobs").fifo(true)).function(python("f").trigger(Trigger::sqs("jobs").batch_size(20)));
    assert!(one_problem(fifo).contains("FIFO queue must be at most 10"));
    let no_window =
        base().queue(Queue::new("jobs")).function(python("f").trigger(Trigger::sqs("jobs").batch_size(100)));
    assert!(one_problem(no_window).contains("needs a batching window"));
}

#[test]
fn queues_and_their_dead_letter_queues() {
    let stack = base().queue(Queue::new("dlq")).queue(Queue::new("jobs").fifo(true).dead_letter("dlq"));
    assert!(one_problem(stack).contains("its dead-letter queue must be FIFO too"));
    let stack = base().queue(Queue::new("jobs").max_receive(3));
    assert!(one_problem(stack).contains("has no `dead_letter`"));
    let stack = base().queue(Queue::new("jobs").existing("arn:aws:sns:eu-west-3:123456789012:jobs"));
    assert!(one_problem(stack).contains("not of a queue"));
    let stack = base().queue(Queue::new("jobs").existing("jobs").visibility_timeout(60));
    assert!(one_problem(stack).contains("an `existing` queue takes none"));
}

#[test]
fn streams_need_a_stream_and_a_start() {
    let stack =
        base().table(Table::new("orders").hash_key("id")).function(python("f").trigger(Trigger::dynamodb("orders")));
    assert!(one_problem(stack).contains("table `orders` has none"));
    let stack = base()
        .table(Table::new("orders").hash_key("id").stream("new_image"))
        .function(python("f").trigger(Trigger::dynamodb("orders").start("lastest")));
    assert!(one_problem(stack).contains("did you mean `latest`?"));
    let stack = base().table(Table::new("orders"));
    assert!(one_problem(stack).contains("has no `hash_key`"));
    let stack = base().stream(Stream::new("clicks").shards(0));
    assert!(one_problem(stack).contains("at least 1 shard"));
}

#[test]
fn schedules_urls_topics_and_dead_letters() {
    let stack = base().function(python("f").trigger(Trigger::schedule("rate(1 minutes)")));
    assert!(one_problem(stack).contains("singular `minute`"));
    let stack = base().function(python("f").trigger(Trigger::url("iam")).trigger(Trigger::url("none")));
    assert!(one_problem(stack).contains("a function has a single URL"));
    let stack = base().topic(Topic::new("alerts").fifo(true)).function(python("f").trigger(Trigger::sns("alerts")));
    assert!(one_problem(stack).contains("FIFO topics deliver only to SQS queues"));
    let stack = base().bucket(Bucket::new("reports")).function(python("f").dead_letter("reports"));
    assert!(one_problem(stack).contains("takes a queue or a topic"));
}

#[test]
fn overlapping_notifications_on_one_bucket() {
    let stack = base()
        .bucket(Bucket::new("uploads"))
        .function(python("a").trigger(Trigger::s3("uploads").prefix("in/")))
        .function(python("b").trigger(Trigger::s3("uploads").prefix("in/images/")));
    assert!(one_problem(stack).contains("overlap on one bucket"));
}

#[test]
fn one_notification_per_bucket_after_its_permissions() {
    let stack = base()
        .bucket(Bucket::new("uploads"))
        .function(python("thumbs").trigger(Trigger::s3("uploads").suffix(".jpg")))
        .function(
            python("index")
                .trigger(Trigger::s3("uploads").on("removed"))
                .trigger(Trigger::s3("uploads").suffix(".png")),
        );
    let doc = synth(stack);
    let notification = &doc["resource"]["aws_s3_bucket_notification"]["uploads"];
    assert_eq!(notification["eventbridge"], true);
    assert_eq!(notification["lambda_function"].as_array().unwrap().len(), 3);
    let depends: Vec<&str> =
        notification["depends_on"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(
        depends,
        [
            "aws_lambda_permission.thumbs-s3-uploads",
            "aws_lambda_permission.index-s3-uploads",
            "aws_lambda_permission.index-s3-uploads-2"
        ]
    );
    for permission in depends {
        let name = permission.trim_start_matches("aws_lambda_permission.");
        let body = &doc["resource"]["aws_lambda_permission"][name];
        assert_eq!(body["principal"], "s3.amazonaws.com");
        assert_eq!(body["source_arn"], "${aws_s3_bucket.uploads.arn}");
    }
}

#[test]
fn poll_triggers_grant_exactly_what_lambda_reads_on_a_shared_role() {
    let stack = base()
        .queue(Queue::new("jobs").visibility_timeout(60))
        .role(Role::new("shared").managed("AWSLambdaBasicExecutionRole"))
        .function(python("worker").role("shared").trigger(Trigger::sqs("jobs")))
        .function(python("idle").role("shared"));
    let doc = synth(stack);
    let policies = doc["resource"]["aws_iam_role_policy"].as_object().unwrap();
    assert_eq!(policies.keys().collect::<Vec<_>>(), ["worker"], "only the function with a trigger adds a policy");
    let policy: Value = serde_json::from_str(policies["worker"]["policy"].as_str().unwrap()).unwrap();
    assert_eq!(
        policy["Statement"][0]["Action"],
        serde_json::json!([
            "sqs:ChangeMessageVisibility",
            "sqs:DeleteMessage",
            "sqs:GetQueueAttributes",
            "sqs:ReceiveMessage"
        ])
    );
    assert_eq!(policy["Statement"][0]["Resource"], "${aws_sqs_queue.jobs.arn}");
    assert_eq!(policies["worker"]["role"], "${aws_iam_role.shared.id}");
    let mapping = &doc["resource"]["aws_lambda_event_source_mapping"]["worker-sqs-jobs"];
    assert_eq!(mapping["batch_size"], 10);
    // The function waits for its role's policies, so the mapping (which needs them) does too.
    let function_depends = doc["resource"]["aws_lambda_function"]["worker"]["depends_on"].as_array().unwrap();
    assert!(function_depends.iter().any(|d| d == "aws_iam_role_policy.worker"));
}

#[test]
fn existing_sources_are_referred_to_not_created() {
    let stack = base()
        .queue(Queue::new("legacy").existing("legacy-jobs"))
        .table(
            Table::new("orders").existing("arn:aws:dynamodb:eu-west-3:111122223333:table/orders").stream("new_image"),
        )
        .function(
            python("f").timeout(900).trigger(Trigger::sqs("legacy")).trigger(Trigger::dynamodb("orders")).allow(
                Statement::allow(["dynamodb:Query"]).on(Resource::sub("orders", "index", Some("by_date".into()))),
            ),
        );
    let doc = synth(stack);
    assert!(doc["resource"].get("aws_sqs_queue").is_none() && doc["resource"].get("aws_dynamodb_table").is_none());
    let mappings = &doc["resource"]["aws_lambda_event_source_mapping"];
    assert_eq!(
        mappings["f-sqs-legacy"]["event_source_arn"],
        "arn:aws:sqs:eu-west-3:${data.aws_caller_identity.current.account_id}:legacy-jobs"
    );
    assert_eq!(mappings["f-dynamodb-orders"]["event_source_arn"], "${data.aws_dynamodb_table.orders.stream_arn}");
    assert_eq!(doc["data"]["aws_dynamodb_table"]["orders"]["name"], "orders");
    let policy = doc["resource"]["aws_iam_role_policy"]["f"]["policy"].as_str().unwrap();
    assert!(policy.contains("arn:aws:dynamodb:eu-west-3:111122223333:table/orders/index/by_date"), "{policy}");
    assert!(policy.contains("arn:aws:dynamodb:eu-west-3:111122223333:table/orders/stream/*"), "{policy}");
    assert_eq!(
        doc["output"]["legacy_queue_url"]["value"],
        "https://sqs.eu-west-3.amazonaws.com/${data.aws_caller_identity.current.account_id}/legacy-jobs"
    );
}

#[test]
fn a_public_url_says_so_and_an_iam_url_needs_no_permission() {
    let stack = base()
        .function(python("hook").trigger(Trigger::url("none")))
        .function(python("admin").trigger(Trigger::url("iam")));
    let doc = synth(stack);
    let urls = &doc["resource"]["aws_lambda_function_url"];
    assert_eq!(urls["hook"]["authorization_type"], "NONE");
    assert_eq!(urls["admin"]["authorization_type"], "AWS_IAM");
    let permissions = doc["resource"]["aws_lambda_permission"].as_object().unwrap();
    // Since October 2025 a public URL needs both actions for the public principal, or it answers 403.
    assert_eq!(permissions.keys().collect::<Vec<_>>(), ["hook-url", "hook-url-invoke"]);
    assert_eq!(permissions["hook-url"]["action"], "lambda:InvokeFunctionUrl");
    assert_eq!(permissions["hook-url"]["function_url_auth_type"], "NONE");
    assert_eq!(permissions["hook-url-invoke"]["action"], "lambda:InvokeFunction");
    assert_eq!(permissions["hook-url-invoke"]["principal"], "*");
    assert_eq!(doc["output"]["hook_function_url"]["value"], "${aws_lambda_function_url.hook.function_url}");
}
