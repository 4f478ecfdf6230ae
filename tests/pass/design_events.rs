// DESIGN §8.3's block as written there (its `...` filled with a runtime, handler and code, and the
// sources it names declared): a bus and its rules, the default bus, Scheduler schedules, filtered
// mappings with failure handling, destinations, aliases with provisioned concurrency and
// SnapStart, a layer and a logging config.
use lambda_stack::prelude::*;

lambda_stack! {
    stack design {
        region: "eu-west-3",
        queue jobs {}
        queue failed_jobs {}
        queue failed_clicks {}
        topic done_topic {}
        stream clicks {}

        bus orders_bus {}                                  // custom EventBridge bus (or existing)
        function audit { runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello", triggers: [
            event(orders_bus, pattern: { source: ["shop.orders"], "detail-type": ["OrderPlaced"],
                                         detail: { total: [{ numeric: [">", 100] }] } }),
            event(pattern: { source: ["aws.s3"], "detail-type": ["Object Created"] }),   // default bus
            schedule("cron(0 8 * * ? *)", timezone: "Europe/Paris", input: { report: "daily" }),
            schedule("at(2027-01-01T00:00:00)"),
            sqs(jobs, batch_size: 10, max_concurrency: 5, filter: [{ body: { kind: ["order"] } }]),
            kinesis(clicks, bisect: true, max_retries: 3, max_age: 3600, on_failure: failed_clicks, parallelization: 2),
        ]}
        function notify { runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello", on_success: done_topic, on_failure: failed_jobs, retries: 1, max_event_age: 3600 }
        function checkout { runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello", alias: live, provisioned: 5 }
        function quote { runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello", alias: live, snap_start: true }   // SnapStart and provisioned exclude each other
        layer common { code: "layers/common", runtimes: [python3.12, python3.13], arch: [x86_64, arm64] }
        function uses_layer { runtime: python3.12, handler: "lambda_handler.handler", code: "functions/hello", layers: [common], logs: { format: json, level: info, system_level: warn } }
    }
}

fn main() {
    let stack = design();
    assert_eq!(stack.check().problems, Vec::new());
    let template = lambda_stack::testing::Template::synth(&stack).expect("the stack synthesizes");
    assert_eq!(template.resource_count("aws_scheduler_schedule"), 2);
    assert_eq!(template.resource_count("aws_cloudwatch_event_bus"), 1);
    assert_eq!(template.resource_count("aws_lambda_provisioned_concurrency_config"), 1);
    let uses_layer = template.resource("aws_lambda_function", "uses_layer").expect("the function");
    assert_eq!(uses_layer["logging_config"]["log_format"], "JSON");
}
