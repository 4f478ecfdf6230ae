//! Every example's output through the real Terraform CLI and the real `hashicorp/aws` provider.
//!
//! Uses `../shared/tools/tf-validate` when the project sits beside `shared/` (it finds the
//! machine's offline provider mirror), else `terraform init -backend=false && terraform validate`
//! with the user's own Terraform configuration. When Terraform is missing the test says so loudly
//! and passes, except when `CI` is set: then it fails, because nothing was checked.

use std::path::{Path, PathBuf};
use std::process::Command;

use lambda_stack::{App, Stack};

mod support;

#[path = "../examples/hello/main.rs"]
#[allow(dead_code)]
mod hello;

#[path = "../examples/showcase/main.rs"]
#[allow(dead_code)]
mod showcase;

#[path = "../examples/pipeline/main.rs"]
#[allow(dead_code)]
mod pipeline;

#[path = "../examples/orders/main.rs"]
#[allow(dead_code)]
mod orders;

#[path = "../examples/dependencies/main.rs"]
#[allow(dead_code)]
mod dependencies;

#[path = "../examples/stages/main.rs"]
#[allow(dead_code)]
mod stages;

#[path = "../examples/migrated/main.rs"]
#[allow(dead_code)]
mod migrated;

#[path = "../examples/api/main.rs"]
#[allow(dead_code)]
mod api;

#[path = "../examples/events/main.rs"]
#[allow(dead_code)]
mod events;

#[path = "../examples/polyglot/main.rs"]
#[allow(dead_code)]
mod polyglot;

/// Every example, by its folder name. A new example must be added here, which the test below
/// enforces.
fn examples() -> Vec<(&'static str, Vec<Stack>)> {
    vec![
        ("hello", vec![hello::hello()]),
        ("showcase", vec![showcase::showcase()]),
        ("pipeline", vec![pipeline::pipeline()]),
        ("orders", vec![orders::orders()]),
        ("dependencies", vec![dependencies::dependencies()]),
        ("stages", vec![stages::shop()]),
        ("migrated", vec![migrated::event_pipeline_as_deployed()]),
        ("api", vec![api::shopfront()]),
        ("events", vec![events::events()]),
        ("polyglot", vec![polyglot::polyglot()]),
    ]
}

#[test]
fn every_example_is_validated() {
    let listed: Vec<&str> = examples().iter().map(|(name, _)| *name).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in std::fs::read_dir(root).unwrap() {
        let entry = entry.unwrap();
        if entry.path().join("main.rs").is_file() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(listed.contains(&name.as_str()), "example `{name}` is missing from tests/terraform.rs");
        }
    }
}

fn nothing_checked(why: &str) {
    support::nothing_checked("terraform validate", why);
}

fn validate(stack_dir: &Path) -> Result<String, String> {
    let _turn = support::terraform_turn();
    let tool = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/tf-validate");
    let output = if tool.is_file() {
        Command::new("bash").arg(&tool).arg(stack_dir).output()
    } else {
        let script = "terraform init -backend=false -input=false >/dev/null && terraform validate -no-color";
        Command::new("bash").arg("-c").arg(script).current_dir(stack_dir).output()
    }
    .map_err(|e| format!("could not run bash: {e}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    match output.status.code() {
        Some(0) => Ok(text),
        Some(3) => Err(format!("SKIP {text}")),
        _ => Err(text),
    }
}

#[test]
fn terraform_validates_every_example() {
    if Command::new("terraform").arg("version").output().is_err() {
        return nothing_checked("no `terraform` on PATH");
    }
    for (name, stacks) in examples() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("cdktf.out");
        let mut app = App::new();
        // A stack with stages is a folder per stage.
        let names: Vec<String> = stacks
            .iter()
            .flat_map(|s| match s.stage_names().as_slice() {
                [] => vec![s.name().to_owned()],
                stages => stages.iter().filter_map(|stage| s.stage(stage)).map(|s| s.name().to_owned()).collect(),
            })
            .collect();
        for stack in stacks {
            app = app.stack(stack);
        }
        match app.synth(&out) {
            Ok(_) => {}
            Err(lambda_stack::Error::Toolchain(why)) => {
                support::nothing_checked(&format!("terraform validate of example `{name}`"), &why);
                continue;
            }
            Err(e) => panic!("example `{name}` does not synthesize: {e}"),
        }
        for stack in names {
            let folder: PathBuf = out.join("stacks").join(&stack);
            match validate(&folder) {
                Ok(report) => assert!(report.contains("valid"), "{report}"),
                Err(report) if report.starts_with("SKIP") => return nothing_checked(&report),
                Err(report) => panic!("terraform rejects example `{name}`, stack `{stack}`:\n{report}"),
            }
        }
    }
}

/// The `hashicorp/aws` releases in the offline mirror the tools use (`TF_MIRROR`, else the one
/// `../shared/tools/lib/terraform-env.sh` finds), as `(major, minor, patch)`.
fn mirrored_provider_versions() -> Vec<(u16, u16, u16)> {
    let finder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/lib/terraform-env.sh");
    let mirror = match std::env::var_os("TF_MIRROR") {
        Some(dir) => PathBuf::from(dir),
        None if finder.is_file() => {
            let script = format!(". '{}'; tf_find_mirror", finder.display());
            let output = Command::new("bash").arg("-c").arg(script).output().unwrap();
            PathBuf::from(String::from_utf8_lossy(&output.stdout).trim())
        }
        None => return Vec::new(),
    };
    let Ok(entries) = std::fs::read_dir(mirror.join("registry.terraform.io/hashicorp/aws")) else { return Vec::new() };
    let mut versions: Vec<(u16, u16, u16)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let parts: Vec<u16> = name.split('.').map(|part| part.parse().ok()).collect::<Option<_>>()?;
            match parts.as_slice() {
                [major, minor, patch] => Some((*major, *minor, *patch)),
                _ => None,
            }
        })
        .collect();
    versions.sort();
    versions
}

/// The runtime table's provider column against the real provider: every mirrored release accepts
/// exactly the runtimes whose recorded floor it reaches. A floor too low (a runtime that release
/// rejects) or a release that accepts a runtime the table says it does not both fail here.
#[test]
fn each_mirrored_provider_accepts_exactly_the_runtimes_its_release_reaches() {
    use lambda_stack::rules::runtimes::{all, ProviderFloor, ProviderVersion};
    if Command::new("terraform").arg("version").output().is_err() {
        return nothing_checked("no `terraform` on PATH");
    }
    let versions = mirrored_provider_versions();
    if versions.is_empty() {
        return nothing_checked("no offline mirror of the hashicorp/aws provider (set TF_MIRROR)");
    }
    for (major, minor, patch) in versions {
        let release = ProviderVersion { major, minor, patch };
        let mut functions = serde_json::Map::new();
        for (i, runtime) in all().iter().enumerate() {
            functions.insert(
                format!("f{i}"),
                serde_json::json!({
                    "function_name": format!("f{i}"),
                    "role": "arn:aws:iam::123456789012:role/probe",
                    "runtime": runtime.id,
                    "handler": "app.handler",
                    "filename": "probe.zip",
                }),
            );
        }
        let document = serde_json::json!({
            "terraform": { "required_providers": { "aws": { "source": "hashicorp/aws", "version": format!("= {release}") } } },
            "provider": { "aws": { "region": "eu-west-3" } },
            "resource": { "aws_lambda_function": functions },
        });
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("probe.tf.json"), document.to_string()).unwrap();
        let report = match validate(dir.path()) {
            Ok(report) => report,
            Err(report) if report.starts_with("SKIP") => return nothing_checked(&report),
            Err(report) => report,
        };
        assert!(!report.contains("terraform init failed"), "{report}");
        for runtime in all() {
            let rejected = report.contains(&format!("], got {}\n", runtime.id));
            let expected = match runtime.provider {
                ProviderFloor::Default => true,
                ProviderFloor::Release(floor) => release >= floor,
                // Its first release is not recorded: only "no 5.x" is known.
                ProviderFloor::SomeSix if major < 6 => false,
                ProviderFloor::SomeSix => continue,
            };
            assert_eq!(
                !rejected,
                expected,
                "hashicorp/aws {release} {} `{}`, but the runtime table says it {}",
                if rejected { "rejects" } else { "accepts" },
                runtime.id,
                if expected { "accepts it" } else { "needs a later release" }
            );
        }
    }
}

/// A stack on `python3.14` gets the floor its runtime needs, and that output passes the real
/// `terraform validate` (when the mirror holds a release that reaches the floor).
#[test]
fn a_raised_provider_floor_is_written_and_validates() {
    let dir = tempfile::tempdir().unwrap();
    let code = dir.path().join("code");
    std::fs::create_dir_all(&code).unwrap();
    std::fs::write(code.join("app.py"), "def handler(event, context):\n    return 1\n").unwrap();
    let stack = Stack::new("modern")
        .region("eu-west-3")
        .function(lambda_stack::Function::new("report").runtime("python3.14").handler("app.handler").code(&code));
    let out = dir.path().join("cdktf.out");
    App::new().stack(stack).synth(&out).unwrap_or_else(|e| panic!("{e}"));
    let folder = out.join("stacks/modern");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("cdk.tf.json")).unwrap()).unwrap();
    assert_eq!(json["terraform"]["required_providers"]["aws"]["version"], ">= 6.20.0, < 7.0");

    if Command::new("terraform").arg("version").output().is_err() {
        return nothing_checked("no `terraform` on PATH");
    }
    let reaching: Vec<_> = mirrored_provider_versions().into_iter().filter(|&version| version >= (6, 20, 0)).collect();
    if reaching.is_empty() {
        // Only releases below the floor are mirrored here: the real Terraform must then refuse to
        // pick one, which shows the floor is written where `terraform init` reads it. That 6.20.0
        // itself accepts `python3.14` is the provider's changelog's word, recorded in the table.
        let mirrored: Vec<String> =
            mirrored_provider_versions().iter().map(|(a, b, c)| format!("{a}.{b}.{c}")).collect();
        match validate(&folder) {
            Ok(report) => panic!("terraform took `>= 6.20.0` with only {mirrored:?} mirrored:\n{report}"),
            Err(report) if report.starts_with("SKIP") => return nothing_checked(&report),
            Err(report) => {
                assert!(report.contains(">= 6.20.0"), "terraform refused the stack for another reason:\n{report}");
                use std::io::Write as _;
                let _ = writeln!(
                    std::io::stderr(),
                    "note: the mirror holds hashicorp/aws {mirrored:?}; terraform refuses the raised floor as it must"
                );
                return;
            }
        }
    }
    match validate(&folder) {
        Ok(report) => assert!(report.contains("valid") || report.contains("ok"), "{report}"),
        Err(report) if report.starts_with("SKIP") => nothing_checked(&report),
        Err(report) => panic!("terraform rejects the python3.14 stack:\n{report}"),
    }
}
