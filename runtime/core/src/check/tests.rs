//! The checker on hand-built declarations: the locations it reports, and the open world of a
//! `#[function]` alone. (Every rule's message is pinned by the ui tests through the macro, and by
//! `tests/checker.rs` through the builders.)

use super::*;
use crate::decl::{self, EnvValue, Statement, Trigger};
use crate::keys::{Arg, Key};

fn python(name: &str) -> decl::Function {
    let mut function = decl::Function { name: name.into(), ..Default::default() };
    function.written.extend([Key::Runtime, Key::Handler, Key::Code]);
    function.runtime = Some("python3.12".into());
    function.handler = Some("app.handler".into());
    function
}

fn errors(findings: &Findings) -> Vec<(Location, &str)> {
    findings.errors().map(|f| (f.at, f.message.as_str())).collect()
}

#[test]
fn a_clean_stack_has_no_findings() {
    let declared = decl::Stack {
        name: "hello".into(),
        buckets: vec![decl::Bucket { name: "reports".into(), ..Default::default() }],
        functions: vec![python("hello")],
        ..Default::default()
    };
    assert_eq!(errors(&super::stack(&declared)), []);
}

#[test]
fn the_second_of_two_declarations_of_a_name_is_reported() {
    let declared = decl::Stack {
        name: "s".into(),
        buckets: vec![decl::Bucket { name: "jobs".into(), ..Default::default() }],
        queues: vec![decl::Queue { name: "jobs".into(), ..Default::default() }],
        ..Default::default()
    };
    let found = super::stack(&declared);
    let errors = errors(&found);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].0, Location::new(DeclId::Queue(0), At::Name));
    assert!(errors[0].1.starts_with("the name `jobs` is already used by a bucket of stack `s`"));
}

#[test]
fn a_missing_trigger_source_is_reported_on_the_source_with_a_did_you_mean() {
    let mut function = python("worker");
    function.triggers.push(Trigger::Sqs(decl::SqsTrigger { queue: "jbos".into(), ..Default::default() }));
    let declared = decl::Stack {
        name: "s".into(),
        queues: vec![decl::Queue { name: "jobs".into(), ..Default::default() }],
        functions: vec![function],
        ..Default::default()
    };
    let found = super::stack(&declared);
    assert_eq!(
        errors(&found),
        [(
            Location::new(DeclId::Function(0), At::Trigger(0, TriggerPart::Arg(Arg::Source))),
            "no declaration named `jbos` in stack `s`; did you mean `jobs`?"
        )]
    );
}

#[test]
fn a_function_alone_defers_what_it_names_to_the_binding_stack() {
    let mut function = decl::Function { name: "fulfil".into(), ..Default::default() };
    function.env.push(("JOBS".into(), EnvValue::Ref { target: "jobs".into(), attribute: "url".into() }));
    function.allow.push(Statement {
        actions: vec![decl::Action { text: "sqs:SendMessage".into(), wildcard: false }],
        resource: decl::Resource::Named("jobs".into()),
    });
    let (found, references) = rust_function(&function);
    assert_eq!(errors(&found), []);
    let jobs: Vec<&Reference> = references.iter().filter(|r| r.name == "jobs").collect();
    assert_eq!(jobs.len(), 2, "{references:?}");
    assert!(jobs.iter().all(|r| r.kinds == [Kind::Queue]));
}

#[test]
fn an_empty_statement_is_an_error() {
    let mut function = python("hello");
    function.allow.push(Statement { actions: Vec::new(), resource: decl::Resource::Arn("*".into()) });
    let declared = decl::Stack { name: "s".into(), functions: vec![function], ..Default::default() };
    let found = super::stack(&declared);
    assert_eq!(errors(&found)[0].0, Location::new(DeclId::Function(0), At::Statement(0, StatementPart::Whole)));
}

#[test]
fn broader_locations_end_at_the_name() {
    let mut at = Some(Location::new(DeclId::Function(2), At::Trigger(1, TriggerPart::Arg(Arg::Window))));
    let mut seen = Vec::new();
    while let Some(location) = at {
        seen.push(location.at);
        at = location.broader();
    }
    assert_eq!(
        seen,
        [
            At::Trigger(1, TriggerPart::Arg(Arg::Window)),
            At::Trigger(1, TriggerPart::Keyword),
            At::Value(Key::Triggers),
            At::Name
        ]
    );
}

#[test]
fn a_rest_api_auth_is_reported_in_the_rest_api_block() {
    let mut items = python("items");
    items.triggers.push(Trigger::Rest {
        method: "GET".into(),
        path: "/items".into(),
        outlives_request: false,
        auth: None,
    });
    let declared = decl::Stack {
        name: "shop".into(),
        rest_api: Some(decl::RestApi { auth: Some(decl::Auth::word("jwt")), ..Default::default() }),
        functions: vec![items],
        ..Default::default()
    };
    let found = super::stack(&declared);
    let kind = Location::new(DeclId::Stack, At::ApiAuth(ApiKind::Rest, AuthPart::Kind));
    assert!(errors(&found).iter().any(|(at, message)| *at == kind && message.contains("no JWT authorizer")));
    let mut at = Some(kind);
    let mut seen = Vec::new();
    while let Some(location) = at {
        seen.push(location.at);
        at = location.broader();
    }
    assert_eq!(
        seen,
        [
            At::ApiAuth(ApiKind::Rest, AuthPart::Kind),
            At::ApiAuth(ApiKind::Rest, AuthPart::Whole),
            At::RestApi(Key::Auth),
            At::RestApiBlock,
            At::Name
        ]
    );
}

#[test]
fn a_long_stack_name_leaves_no_room_for_the_rest_apis_logging_role() {
    let mut items = python("items");
    items.triggers.push(Trigger::Rest {
        method: "GET".into(),
        path: "/items".into(),
        outlives_request: false,
        auth: None,
    });
    let declared = decl::Stack { name: "s".repeat(55), functions: vec![items], ..Default::default() };
    let found = super::stack(&declared);
    let at = Location::new(DeclId::Function(0), At::Trigger(0, TriggerPart::Keyword));
    assert!(errors(&found).iter().any(|(l, message)| *l == at && message.contains("rest-api-logs")), "{found:?}");
}

fn env_ref(function: &mut decl::Function, key: &str, target: &str, attribute: &str) {
    function.env.push((key.into(), EnvValue::Ref { target: target.into(), attribute: attribute.into() }));
}

#[test]
fn a_cycle_of_arn_references_is_reported_once_on_its_latest_declaration() {
    let mut a = python("a");
    env_ref(&mut a, "NEXT", "b", "arn");
    let mut b = python("b");
    env_ref(&mut b, "NEXT", "c", "arn");
    let mut c = python("c");
    env_ref(&mut c, "NEXT", "a", "arn");
    let declared = decl::Stack { name: "s".into(), functions: vec![a, b, c], ..Default::default() };
    let found = super::stack(&declared);
    let errors = errors(&found);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, Location::new(DeclId::Function(2), At::EnvTarget(0)));
    assert!(
        errors[0].1.contains("function `c` reads `a.arn` in `env`, function `a` reads `b.arn` in `env`, function `b` reads `c.arn` in `env`"),
        "{}",
        errors[0].1
    );
}

#[test]
fn names_are_no_dependency_and_existing_resources_are_literals() {
    let mut a = python("a");
    env_ref(&mut a, "B_NAME", "b", "name");
    let mut b = python("b");
    env_ref(&mut b, "A_ARN", "a", "arn");
    let declared = decl::Stack {
        name: "s".into(),
        queues: vec![
            decl::Queue { name: "jobs".into(), dead_letter: Some("old".into()), ..Default::default() },
            decl::Queue {
                name: "old".into(),
                existing: Some("legacy".into()),
                dead_letter: None,
                ..Default::default()
            },
        ],
        functions: vec![a, b],
        ..Default::default()
    };
    assert_eq!(errors(&super::stack(&declared)), []);
}

#[test]
fn a_shared_role_carries_the_statements_of_its_functions() {
    let mut a = python("a");
    a.role = Some("shared".into());
    a.allow.push(Statement {
        actions: vec![decl::Action { text: "lambda:InvokeFunction".into(), wildcard: false }],
        resource: decl::Resource::Named("b".into()),
    });
    let mut b = python("b");
    b.role = Some("shared".into());
    let declared = decl::Stack {
        name: "s".into(),
        roles: vec![decl::Role { name: "shared".into(), ..Default::default() }],
        functions: vec![a, b],
        ..Default::default()
    };
    let found = super::stack(&declared);
    let errors = errors(&found);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].1.contains("function `b` has `role: shared`"), "{}", errors[0].1);
}

#[test]
fn source_order_decides_which_of_two_clashing_names_is_reported() {
    let declared = decl::Stack {
        name: "s".into(),
        buckets: vec![decl::Bucket { name: "jobs".into(), ..Default::default() }],
        queues: vec![decl::Queue { name: "jobs".into(), ..Default::default() }],
        order: vec![DeclId::Queue(0), DeclId::Bucket(0)],
        ..Default::default()
    };
    let found = super::stack(&declared);
    assert_eq!(errors(&found)[0].0, Location::new(DeclId::Bucket(0), At::Name));
}

#[test]
fn iam_role_names_clash_without_case() {
    let declared = decl::Stack {
        name: "s".into(),
        roles: vec![decl::Role { name: "Worker".into(), ..Default::default() }],
        functions: vec![python("worker")],
        ..Default::default()
    };
    let found = super::stack(&declared);
    let errors = errors(&found);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, Location::new(DeclId::Function(0), At::Name));
    assert!(errors[0].1.contains("IAM role name `s-worker`, which IAM, ignoring case, takes for `s-Worker`"));
}

fn adopted(name: Option<&str>, import: Option<&str>, renamed_from: Option<&str>) -> decl::Adoption {
    decl::Adoption {
        name: name.map(Into::into),
        import: import.map(Into::into),
        renamed_from: renamed_from.map(Into::into),
    }
}

#[test]
fn adoption_is_checked_where_it_is_written() {
    let mut api = python("api");
    api.adopt = adopted(Some("legacy shop"), None, Some("api"));
    let mut queue = decl::Queue { name: "jobs".into(), ..Default::default() };
    queue.adopt = adopted(Some("work"), Some("https://sqs.eu-west-1.amazonaws.com/123456789012/jobs"), None);
    let mut topic = decl::Topic { name: "alerts".into(), ..Default::default() };
    topic.adopt = adopted(Some("alerts"), Some("arn:aws:sns:eu-west-1:123456789012:alerts"), Some("jobs"));
    let declared = decl::Stack {
        name: "shop".into(),
        functions: vec![api],
        queues: vec![queue],
        topics: vec![topic],
        ..Default::default()
    };
    let found = super::stack(&declared);
    let found = errors(&found);
    let at = |decl, key| Location::new(decl, At::Value(key));
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found.iter().any(|(l, m)| *l == at(DeclId::Function(0), Key::Name) && m.contains("contains ` `")));
    assert!(found.iter().any(|(l, m)| *l == at(DeclId::Function(0), Key::RenamedFrom) && m.contains("itself")));
    assert!(found.iter().any(|(l, m)| *l == at(DeclId::Queue(0), Key::Import)
        && m.contains("`name:` names this queue `work`")
        && m.contains("write `name: \"jobs\"` or leave `name:` out")));
    assert!(found
        .iter()
        .any(|(l, m)| *l == at(DeclId::Topic(0), Key::RenamedFrom) && m.contains("queue of this stack")));
}

#[test]
fn an_import_without_a_name_takes_the_imported_name() {
    let mut queue = decl::Queue { name: "jobs".into(), ..Default::default() };
    queue.adopt = adopted(None, Some("https://sqs.eu-west-1.amazonaws.com/123456789012/legacy-jobs"), None);
    let declared = decl::Stack { name: "shop".into(), queues: vec![queue], ..Default::default() };
    assert_eq!(errors(&super::stack(&declared)), []);
}

#[test]
fn stages_are_checked_and_exact_names_carry_them() {
    let mut api = python("api");
    api.adopt = adopted(Some("legacy-api"), None, None);
    let mut worker = python("worker");
    worker.adopt = adopted(Some("legacy-worker-{stage}"), None, None);
    let stage = decl::Stage { name: "dev".into(), all: vec!["dev".into(), "Prod".into(), "dev".into()] };
    let declared =
        decl::Stack { name: "shop-dev".into(), stage: Some(stage), functions: vec![api, worker], ..Default::default() };
    let findings = super::stack(&declared);
    let found = errors(&findings);
    assert_eq!(found.len(), 3, "{found:#?}");
    let at = |at| Location::new(DeclId::Stack, at);
    assert!(found.iter().any(|(l, m)| *l == at(At::Item(Key::Stages, 1)) && m.contains("lowercase")));
    assert!(found.iter().any(|(l, m)| *l == at(At::Item(Key::Stages, 2)) && m.contains("listed twice")));
    assert!(found
        .iter()
        .any(|(l, m)| *l == Location::new(DeclId::Function(0), At::Value(Key::Name))
            && m.contains("must contain `{stage}`")));
}

#[test]
fn a_renamed_declaration_keeps_its_old_generated_names() {
    let mut function = python("orders_api");
    function.adopt = adopted(None, Some("shop-api"), Some("api"));
    let declared = decl::Stack { name: "shop".into(), functions: vec![function], ..Default::default() };
    assert_eq!(errors(&super::stack(&declared)), []);
}

#[test]
fn a_loop_through_a_role_statement_is_reported_on_that_statement() {
    let mut worker = python("worker");
    worker.role = Some("shared".into());
    worker.triggers.push(Trigger::Sqs(decl::SqsTrigger { queue: "jobs".into(), ..Default::default() }));
    let send = Statement {
        actions: vec![decl::Action { text: "sqs:Send*".into(), wildcard: true }],
        resource: decl::Resource::Named("jobs".into()),
    };
    let declared = decl::Stack {
        name: "s".into(),
        queues: vec![decl::Queue { name: "jobs".into(), ..Default::default() }],
        roles: vec![decl::Role { name: "shared".into(), allow: vec![send], ..Default::default() }],
        functions: vec![worker],
        ..Default::default()
    };
    let found = super::stack(&declared);
    let errors = errors(&found);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].0, Location::new(DeclId::Role(0), At::Statement(0, StatementPart::Whole)));
    assert!(errors[0].1.starts_with("function `worker` writes to `jobs`, which triggers `worker`: a recursive loop"));
}

#[test]
fn snap_start_on_a_rust_function_says_why_not() {
    let mut rust = decl::Function { name: "quote".into(), rust: true, ..Default::default() };
    rust.alias = Some("live".into());
    rust.snap_start = true;
    let declared = decl::Stack { name: "s".into(), functions: vec![rust], ..Default::default() };
    let found = super::stack(&declared);
    let errors = errors(&found);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].0, Location::new(DeclId::Function(0), At::Value(Key::SnapStart)));
    assert!(
        errors[0].1.starts_with("a Rust function runs as `provided.al2023`, an OS-only runtime"),
        "{}",
        errors[0].1
    );
}

#[test]
fn a_pattern_finding_is_on_its_node_and_six_filters_on_the_sixth() {
    use crate::json::Json;
    let leaf = |value: &str| {
        Json::Map(vec![("body".into(), Json::Map(vec![("k".into(), Json::List(vec![Json::Str(value.into())]))]))])
    };
    let mut function = python("worker");
    function.triggers.push(Trigger::Sqs(decl::SqsTrigger {
        queue: "jobs".into(),
        filters: (0..6).map(|i| leaf(&i.to_string())).collect(),
        ..Default::default()
    }));
    function.triggers.push(Trigger::Event(decl::EventTrigger {
        bus: None,
        pattern: Json::Map(vec![("source".into(), Json::Str("shop".into()))]),
    }));
    let declared = decl::Stack {
        name: "s".into(),
        queues: vec![decl::Queue { name: "jobs".into(), ..Default::default() }],
        functions: vec![function],
        ..Default::default()
    };
    let findings = super::stack(&declared);
    let at: Vec<At> = findings.errors().map(|f| f.at.at).collect();
    assert_eq!(
        at,
        [
            At::Trigger(0, TriggerPart::Filter { index: 5, node: 0, key: false }),
            At::Trigger(1, TriggerPart::Pattern { node: 1, key: false }),
        ],
        "{findings:?}"
    );
}

fn layer(name: &str, runtimes: &[&str], arch: &[decl::Arch]) -> decl::Layer {
    let code = decl::Code { as_written: format!("layers/{name}"), dir: None };
    decl::Layer {
        name: name.into(),
        written: [Key::Code, Key::Runtimes].into_iter().collect(),
        code: Some(code),
        runtimes: runtimes.iter().map(|r| r.to_string()).collect(),
        arch: arch.to_vec(),
        ..Default::default()
    }
}

fn with_layers(layers: Vec<decl::Layer>, function: decl::Function) -> decl::Stack {
    decl::Stack { name: "s".into(), layers, functions: vec![function], ..Default::default() }
}

#[test]
fn a_function_uses_a_layer_of_the_stack_by_name() {
    let mut function = python("api");
    function.layers = vec!["common".into(), "arn:aws:lambda:eu-west-3:123456789012:layer:x:1".into()];
    let declared = with_layers(vec![layer("common", &["python3.12", "python3.13"], &[])], function);
    assert_eq!(errors(&super::stack(&declared)), []);
}

#[test]
fn a_layer_for_another_runtime_or_arch_is_reported_on_the_layers_item() {
    let mut function = python("api");
    function.layers = vec!["common".into(), "native".into()];
    function.arch = Some(decl::Arch::Arm64);
    let layers = vec![
        layer("common", &["python3.13"], &[decl::Arch::Arm64]),
        layer("native", &["python3.12"], &[decl::Arch::X86_64]),
    ];
    let found = super::stack(&with_layers(layers, function));
    let errors = errors(&found);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(errors[0].0, Location::new(DeclId::Function(0), At::Item(Key::Layers, 0)));
    assert!(errors[0].1.starts_with("layer `common` is for `python3.13`, not `python3.12`"), "{}", errors[0].1);
    assert_eq!(errors[1].0, Location::new(DeclId::Function(0), At::Item(Key::Layers, 1)));
    assert!(errors[1].1.starts_with("layer `native` is built for `x86_64`, not `arm64`"), "{}", errors[1].1);
}

#[test]
fn an_unknown_layer_name_gets_a_did_you_mean_and_another_kind_says_so() {
    let mut function = python("api");
    function.layers = vec!["comon".into(), "jobs".into()];
    let mut declared = with_layers(vec![layer("common", &["python3.12"], &[])], function);
    declared.queues.push(decl::Queue { name: "jobs".into(), ..Default::default() });
    let found = super::stack(&declared);
    let errors = errors(&found);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].1.ends_with("did you mean `common`?"), "{}", errors[0].1);
    assert!(errors[1].1.starts_with("`jobs` is a queue, not a layer"), "{}", errors[1].1);
}

#[test]
fn a_layer_lists_known_runtimes_of_one_language_and_each_arch_once() {
    let mixed = layer("mixed", &["python3.12", "nodejs22.x"], &[decl::Arch::Arm64, decl::Arch::Arm64]);
    let unknown = layer("unknown", &["python9.9"], &[]);
    let none = layer("none", &[], &[]);
    let declared = decl::Stack { name: "s".into(), layers: vec![mixed, unknown, none], ..Default::default() };
    let found = super::stack(&declared);
    let errors = errors(&found);
    let at = |i, at| Location::new(DeclId::Layer(i), at);
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert_eq!(errors[0].0, at(0, At::Value(Key::Runtimes)));
    assert!(errors[0].1.contains("more than one language"));
    assert_eq!(errors[1].0, at(0, At::Item(Key::Arch, 1)));
    assert_eq!(errors[2].0, at(1, At::Item(Key::Runtimes, 0)));
    assert!(errors[2].1.starts_with("unknown runtime `python9.9`"));
    assert_eq!(errors[3].0, at(2, At::Name));
    assert!(errors[3].1.contains("lists no runtimes"));
}

#[test]
fn an_existing_layer_is_a_version_arn_and_configures_nothing() {
    let existing = decl::Layer {
        name: "shared".into(),
        existing: Some("arn:aws:lambda:eu-west-3:123456789012:layer:shared".into()),
        written: [Key::Existing, Key::Runtimes].into_iter().collect(),
        ..Default::default()
    };
    let mut function = python("api");
    function.layers = vec!["shared".into()];
    let found = super::stack(&with_layers(vec![existing], function));
    let errors = errors(&found);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].1.contains("is not a layer version ARN"), "{}", errors[0].1);
    assert!(errors[1].1.starts_with("`runtimes` configures a layer this stack creates"), "{}", errors[1].1);
}

#[test]
fn a_rust_function_alone_asks_its_stack_for_the_layer() {
    let mut function = decl::Function { name: "api".into(), rust: true, ..Default::default() };
    function.layers = vec!["common".into()];
    let (_, references) = super::rust_function(&function);
    assert_eq!(references.len(), 1);
    assert_eq!((references[0].name.as_str(), references[0].kinds.as_slice()), ("common", &[Kind::Layer][..]));
}

/// A prebuilt zip over 50 MB needs the stack's `assets:` bucket, and one whose listing says more
/// than 250 MB unzipped is refused on `code`.
#[test]
fn prebuilt_zips_over_the_direct_upload_limit_need_assets() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.zip");
    let bytes =
        crate::scan::zip::tests::stored_zip(&[("app.py", 0o100644, b"def handler(event, context):\n    pass\n")]);
    // A sparse gap of 51 MiB before the central directory, whose offset the end record moves past.
    let end = bytes.len() - 22;
    let directory_at = u32::from_le_bytes(bytes[end + 16..end + 20].try_into().unwrap()) as usize;
    let gap = 51 * 1024 * 1024;
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(&bytes[..directory_at]).unwrap();
    file.set_len((directory_at + gap) as u64).unwrap();
    std::io::Seek::seek(&mut file, std::io::SeekFrom::End(0)).unwrap();
    let mut rest = bytes[directory_at..].to_vec();
    let moved = (directory_at + gap) as u32;
    let end = rest.len() - 22;
    rest[end + 16..end + 20].copy_from_slice(&moved.to_le_bytes());
    file.write_all(&rest).unwrap();
    drop(file);

    let mut function = python("api");
    function.code = Some(decl::Code { as_written: "dist/app.zip".into(), dir: Some(path) });
    let mut declared = decl::Stack { name: "shop".into(), functions: vec![function], ..Default::default() };
    let findings = super::stack(&declared);
    let code_at = Location::new(DeclId::Function(0), At::Value(Key::Code));
    let too_big = format!(
        "`dist/app.zip` is {} bytes, above the 50 MB limit for a direct upload (52428800 bytes); declare \
         `assets: BUCKET` on the stack, naming one of its buckets, to upload it through S3",
        bytes.len() + gap
    );
    assert_eq!(errors(&findings), [(code_at, too_big.as_str())]);
    declared.assets = Some("packages".into());
    declared.buckets = vec![decl::Bucket { name: "packages".into(), ..Default::default() }];
    assert_eq!(errors(&super::stack(&declared)), []);
}

/// A prebuilt zip's handler module is read for environment variables as a folder's is.
#[test]
fn a_prebuilt_zips_handler_module_reads_its_environment_as_a_folders_does() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.zip");
    let source = b"import os\nTABLE = os.environ[\"TABLE\"]\n\ndef handler(event, context):\n    return TABLE\n";
    std::fs::write(&path, crate::scan::zip::tests::stored_zip(&[("app.py", 0o100644, source)])).unwrap();
    let mut function = python("api");
    function.code = Some(decl::Code { as_written: "dist/app.zip".into(), dir: Some(path) });
    let mut declared = decl::Stack { name: "shop".into(), functions: vec![function], ..Default::default() };
    let findings = super::stack(&declared);
    let found = errors(&findings);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Location::new(DeclId::Function(0), At::Value(Key::Handler)));
    assert!(found[0].1.contains("`TABLE`") && found[0].1.contains("app.py"), "{}", found[0].1);
    declared.functions[0].env.push(("TABLE".into(), EnvValue::Literal("orders".into())));
    assert_eq!(errors(&super::stack(&declared)), []);
}
