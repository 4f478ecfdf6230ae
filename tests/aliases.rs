//! Versions and aliases: `alias:` publishes a version on each deploy and points an alias at it,
//! and every trigger, URL, API integration and permission at the alias; `provisioned` concurrency
//! and SnapStart on it; `recursion: allow` for an intended loop. Validated by the real Terraform
//! CLI and applied into the emulator, which reports what its Lambda stores for the alias.

use lambda_stack::prelude::*;
use serde_json::{json, Value};

mod support;

lambda_stack! {
    stack shop {
        region: "us-east-1",

        queue jobs {}

        /// Takes orders from the queue, the API and its URL; re-queues what it cannot finish yet,
        /// a loop it means.
        function checkout {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            alias: live,
            provisioned: 2,
            reserved_concurrency: 10,
            recursion: allow,
            allow: [sqs:SendMessage on jobs],
            triggers: [sqs(jobs, batch_size: 5), url(auth: iam), http(POST "/checkout")],
        }

        /// Quotes a price, restored from a SnapStart snapshot.
        function quote {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            alias: live,
            snap_start: true,
            triggers: [http(GET "/quote")],
            on_success: checkout,
        }
    }
}

/// The stack's document, synthesized into `out`.
fn synth(out: &std::path::Path) -> Value {
    lambda_stack::App::new().stack(shop()).synth(out).unwrap();
    serde_json::from_slice(&std::fs::read(out.join("stacks/shop/cdk.tf.json")).unwrap()).unwrap()
}

#[test]
fn every_trigger_url_integration_and_permission_targets_the_alias() {
    let out = tempfile::tempdir().unwrap();
    let doc = synth(out.path());
    let r = &doc["resource"];
    assert_eq!(r["aws_lambda_function"]["checkout"]["publish"], true);
    assert_eq!(r["aws_lambda_function"]["quote"]["snap_start"], json!({ "apply_on": "PublishedVersions" }));
    assert_eq!(r["aws_lambda_function"]["checkout"].get("snap_start"), None);
    let alias = &r["aws_lambda_alias"]["checkout"];
    assert_eq!(alias["name"], "live");
    assert_eq!(alias["function_name"], "${aws_lambda_function.checkout.function_name}");
    assert_eq!(alias["function_version"], "${aws_lambda_function.checkout.version}");
    assert_eq!(r["aws_lambda_provisioned_concurrency_config"]["checkout"]["provisioned_concurrent_executions"], 2);
    assert_eq!(
        r["aws_lambda_provisioned_concurrency_config"]["checkout"]["qualifier"],
        "${aws_lambda_alias.checkout.name}"
    );
    assert_eq!(r["aws_lambda_function_recursion_config"]["checkout"]["recursive_loop"], "Allow");
    assert!(r["aws_lambda_function_recursion_config"].get("quote").is_none(), "Terminate is Lambda's default");

    let mapping = r["aws_lambda_event_source_mapping"].as_object().unwrap().values().next().unwrap();
    assert_eq!(mapping["function_name"], "${aws_lambda_alias.checkout.arn}");
    assert_eq!(r["aws_lambda_function_url"]["checkout"]["qualifier"], "${aws_lambda_alias.checkout.name}");
    for integration in r["aws_apigatewayv2_integration"].as_object().unwrap().values() {
        assert!(integration["integration_uri"].as_str().unwrap().starts_with("${aws_lambda_alias."), "{integration}");
    }
    for (name, permission) in r["aws_lambda_permission"].as_object().unwrap() {
        let function = name.split('-').next().unwrap();
        assert_eq!(permission["qualifier"], format!("${{aws_lambda_alias.{function}.name}}"), "{name}");
    }
    let invoke = &r["aws_lambda_function_event_invoke_config"]["quote"];
    assert_eq!(invoke["qualifier"], "${aws_lambda_alias.quote.name}");
    assert_eq!(invoke["destination_config"]["on_success"][0]["destination"], "${aws_lambda_alias.checkout.arn}");
    // The role of `quote` may invoke `checkout` through its alias as well as unqualified.
    let policies = r["aws_iam_role_policy"].to_string();
    assert!(policies.contains("aws_lambda_alias.checkout.arn"), "{policies}");
    assert_eq!(doc["output"]["checkout_alias_arn"]["value"], "${aws_lambda_alias.checkout.arn}");
}

#[test]
fn the_alias_validates_and_applies_in_the_emulator() {
    let out = tempfile::tempdir().unwrap();
    let mut doc = synth(out.path());
    let dir = out.path().join("stacks/shop");
    if support::shared_tool("tf-validate", &dir).is_none() {
        return;
    }
    // The emulator's Lambda has no provisioned concurrency and no recursion config API, and
    // does not store SnapStart (moto 5.2.5): those are checked by Terraform's validation above;
    // the rest applies.
    let resources = doc["resource"].as_object_mut().unwrap();
    for unsupported in ["aws_lambda_provisioned_concurrency_config", "aws_lambda_function_recursion_config"] {
        assert!(resources.remove(unsupported).is_some(), "{unsupported}");
    }
    assert!(resources["aws_lambda_function"]["quote"].as_object_mut().unwrap().remove("snap_start").is_some());
    let applied_dir = out.path().join("applied/shop");
    std::fs::create_dir_all(&applied_dir).unwrap();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let entry = entry.unwrap();
        let to = applied_dir.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), to).unwrap();
        }
    }
    std::fs::write(applied_dir.join("cdk.tf.json"), serde_json::to_vec_pretty(&doc).unwrap()).unwrap();
    let what = "aliases in the emulator";
    let Some(report) = support::emulator_driver(what, "apply_side_by_side.py", &[applied_dir.as_os_str()]) else {
        return;
    };
    let applied = &report["shop"];
    // The emulator resolves the mapping's alias ARN to the version it points at and reports
    // that (`…:shop-checkout:1`), where Lambda keeps the alias ARN: its one drift.
    assert_eq!(applied["plan_changes"], json!(["aws_lambda_event_source_mapping.checkout-sqs-jobs"]), "{applied:#}");
    let checkout = &applied["functions"]["shop-checkout"];
    let live = &checkout["aliases"]["live"];
    assert_eq!(live["version"], "1", "the alias is on the published version: {checkout:#}");
    // The emulator keeps one resource policy per function whatever the qualifier: the route's
    // permission, given on the alias, is there.
    assert_eq!(live["policy"]["statements"], json!(["http-post-checkout"]), "{live:#}");
    assert!(live["url"].as_str().is_some_and(|u| u.starts_with("https://")), "the URL is on the alias: {live:#}");
    let mappings = applied["event_source_functions"].as_array().unwrap();
    assert_eq!(mappings.len(), 1, "{mappings:?}");
    assert!(mappings[0].as_str().unwrap().ends_with(":function:shop-checkout:1"), "{mappings:?}");
    let quote = &applied["functions"]["shop-quote"];
    let on_success = quote["aliases"]["live"]["invoke_config"]["on_success"].as_str().unwrap();
    assert!(on_success.ends_with(":function:shop-checkout:live"), "{quote:#}");
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_builders_check_versions_and_loops_as_the_macro_does() {
    use lambda_stack::{Function, Queue, Recursion, Resource, Role, Stack, Statement, Trigger};
    let python = |name: &str| {
        Function::new(name)
            .runtime("python3.12")
            .handler("lambda_handler.handler")
            .code(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/hello/functions/hello"))
    };
    let send = |queue: &str| Statement::allow(["sqs:SendMessage"]).on(Resource::named(queue));
    let messages = |stack: Stack| -> Vec<String> { stack.check().problems.into_iter().map(|p| p.message).collect() };

    // A loop through a shared role's statement, allowed by one of its two functions only.
    let stack = Stack::new("shop")
        .queue(Queue::new("a_in"))
        .queue(Queue::new("b_in"))
        .role(Role::new("shared").allow(send("b_in")))
        .function(python("a").role("shared").trigger(Trigger::sqs("a_in")).recursion(Recursion::Allow))
        .function(python("b").allow(send("a_in")).trigger(Trigger::sqs("b_in")));
    let found = messages(stack);
    assert_eq!(
        found,
        ["function `b` writes to `a_in`, which triggers `a`, which writes to `b_in`, which triggers `b`: a recursive \
          loop, each invocation starting the next until Lambda's loop detection stops it after about 16 rounds; write \
          somewhere that triggers none of them (another queue, topic or key prefix), or, if the loop is intended, \
          write `recursion: allow` on `b`"],
        "reported once, from the function that does not allow it"
    );

    // A self-loop its function allows is intended.
    let stack = Stack::new("shop")
        .queue(Queue::new("jobs"))
        .function(python("a").allow(send("jobs")).trigger(Trigger::sqs("jobs")).recursion(Recursion::Allow));
    assert_eq!(messages(stack), Vec::<String>::new());

    // Writes that trigger nothing: another prefix, a removed-object notification.
    let stack = Stack::new("shop")
        .bucket(lambda_stack::Bucket::new("uploads"))
        .function(
            python("a")
                .allow(Statement::allow(["s3:PutObject"]).on(Resource::sub("uploads", "objects", Some("out/*".into()))))
                .trigger(Trigger::s3("uploads").prefix("in/")),
        )
        .function(
            python("b")
                .allow(Statement::allow(["s3:PutObject"]).on(Resource::sub("uploads", "objects", None)))
                .trigger(Trigger::s3("uploads").on("removed").prefix("tmp/")),
        );
    assert_eq!(messages(stack), Vec::<String>::new());

    // Provisioned concurrency without reserved concurrency counts against the account.
    let stack = Stack::new("shop").function(python("a").alias("live").provisioned(950));
    let found = messages(stack);
    assert!(
        found
            .iter()
            .any(|m| m.contains("provisioned concurrency of a function without reserved concurrency counts too")),
        "{found:#?}"
    );

    // SnapStart takes at most 512 MB of ephemeral storage.
    let stack = Stack::new("shop").function(python("a").alias("live").snap_start(true).ephemeral_storage(1024));
    let found = messages(stack);
    assert!(found.iter().any(|m| m.contains("SnapStart takes at most 512 MB")), "{found:#?}");
}
