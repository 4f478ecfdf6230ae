//! Functions in a VPC: `vpc:` on the stack (every function's default) and on a function, with IDs
//! listed or as a `list` param, written as `vpc_config` with the VPC access policy on the role;
//! and permissions boundaries (`boundary:` on the stack and on a role), which production accounts
//! with a VPC usually require. Validated by the real Terraform CLI and applied into the emulator.

use lambda_stack::prelude::*;
use serde_json::{json, Value};

mod support;

lambda_stack! {
    stack private {
        region: "us-east-1",
        param private_subnets { type: list, default: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"] }
        vpc: { subnets: private_subnets, security_groups: ["sg-0123456789abcdef0"] },
        boundary: "arn:{partition}:iam::{account}:policy/team-boundary",
        param workers_boundary { default: "arn:aws:iam::123456789012:policy/workers-boundary" }

        role workers { managed: [AWSLambdaBasicExecutionRole], boundary: workers_boundary }

        function reader {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
        }

        function dual_stack {
            runtime: python3.12,
            handler: "lambda_handler.handler",
            code: "../examples/hello/functions/hello",
            vpc: { subnets: ["subnet-11111111"], security_groups: ["sg-22222222", "sg-33333333"], ipv6: true },
            role: workers,
        }
    }
}

#[test]
fn functions_run_in_the_stack_vpc_or_their_own_with_the_access_policy_and_roles_have_boundaries() {
    let out = tempfile::tempdir().unwrap();
    lambda_stack::App::new().stack(private()).synth(out.path()).unwrap();
    let dir = out.path().join("stacks/private");
    let doc: Value = serde_json::from_slice(&std::fs::read(dir.join("cdk.tf.json")).unwrap()).unwrap();
    let functions = &doc["resource"]["aws_lambda_function"];
    assert_eq!(
        functions["reader"]["vpc_config"],
        json!({ "subnet_ids": "${var.private_subnets}", "security_group_ids": ["sg-0123456789abcdef0"] })
    );
    assert_eq!(
        functions["dual_stack"]["vpc_config"],
        json!({
            "subnet_ids": ["subnet-11111111"],
            "security_group_ids": ["sg-22222222", "sg-33333333"],
            "ipv6_allowed_for_dual_stack": true,
        })
    );
    let roles = &doc["resource"]["aws_iam_role"];
    assert_eq!(
        roles["reader"]["permissions_boundary"],
        "arn:aws:iam::${data.aws_caller_identity.current.account_id}:policy/team-boundary",
        "a function's own role gets the stack's boundary"
    );
    assert_eq!(roles["workers"]["permissions_boundary"], "${var.workers_boundary}", "a role's own boundary wins");
    let attachments = doc["resource"]["aws_iam_role_policy_attachment"].as_object().unwrap();
    for role in ["reader", "workers"] {
        let attached = attachments.values().any(|a| {
            a["role"] == format!("${{aws_iam_role.{role}.name}}")
                && a["policy_arn"].as_str().unwrap().ends_with(":policy/service-role/AWSLambdaVPCAccessExecutionRole")
        });
        assert!(attached, "role {role} may create network interfaces: {attachments:#?}");
    }

    support::shared_tool("tf-validate", &dir);

    // Applied into the emulator: Lambda gets each function's subnets.
    let what = "the VPC stack in the emulator";
    let Some(report) = support::emulator_driver(what, "apply_side_by_side.py", &[dir.as_os_str()]) else { return };
    let applied = &report["private"]["functions"];
    assert_eq!(applied["private-reader"]["subnets"], json!(["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]));
    assert_eq!(applied["private-dual_stack"]["subnets"], json!(["subnet-11111111"]));
    assert_eq!(report["private"]["plan_exit_code"], 0, "{report:#}");
}
