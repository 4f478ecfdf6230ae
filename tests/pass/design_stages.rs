// DESIGN §8.1 as written there: stages, params, include, exact names, a rename, an import and an
// existing role.
use lambda_stack::prelude::*;

lambda_stack! {
    stack shop {
        region: per_stage(dev: "eu-west-3", prod: "eu-west-1"),
        stages: [dev, prod],                     // lowercase letters and digits, at most 10 chars
        param alert_email { default: "ops@example.com" }       // a Terraform `variable` (string)
        param private_subnets { type: list }                   // list of strings, no default: required
        include: ["infra/*.tf.json", "infra/*.tf"],            // hand-written Terraform, kept in the output

        function api {
            runtime: python3.12, handler: "app.handler", code: "functions/api",
            memory: per_stage(dev: 256, prod: 1024),           // every stage given, each value checked
            reserved_concurrency: per_stage(dev: 2, _: 50),    // `_` = every other stage
            env: { ALERTS_TO: alert_email, STAGE: stage },     // `stage` = the stage's name
            name: "legacy-shop-api-{stage}",                   // exact AWS name ({stage} required with stages)
            renamed_from: old_api,                             // a `moved` block from the old address
            triggers: [http(GET "/items")],
        }
        queue jobs { import: "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs" }  // an `import` block
        role ci_role { existing: "arn:aws:iam::123456789012:role/ci-deployer" }
    }
}

fn main() {
    let stack = shop();
    assert_eq!(stack.stage_names(), ["dev", "prod"]);
    for (stage, region, memory) in [("dev", "eu-west-3", 256), ("prod", "eu-west-1", 1024)] {
        let staged = stack.stage(stage).expect("a stage of the stack");
        assert_eq!(staged.name(), format!("shop-{stage}"));
        assert_eq!(staged.region_name(), Some(region));
        assert_eq!(staged.check().problems, Vec::new());
        let template = lambda_stack::testing::Template::synth(staged).expect("the stage synthesizes");
        let api = template.resource("aws_lambda_function", "api").expect("the function");
        assert_eq!(api["memory_size"], memory);
        assert_eq!(api["function_name"], format!("legacy-shop-api-{stage}"));
        assert_eq!(api["environment"]["variables"]["STAGE"], stage);
        assert_eq!(template.resource("aws_sqs_queue", "jobs").unwrap()["name"], "jobs");
    }
}
