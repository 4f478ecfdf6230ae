//! Running a function on this machine the way Lambda runs it: `invoke`.
//!
//! The function's packaged zip is unpacked into a temporary task root; a Runtime API emulator
//! listens on a loopback port (`GET .../invocation/next`, `POST .../response`, `/error`,
//! `/init/error`, parsed with `httparse` on `std::net`); the runtime (AWS's own runtime interface client for
//! Python, the package's `bootstrap` for OS-only runtimes) starts in a session of its own with the
//! environment Lambda sets, polls for the event, and posts its result or error. The function is
//! killed at its timeout, as Lambda kills it, and when it returns, every process it started goes
//! with it, daemons that double-fork out of its session included (`process.rs` says how). A log
//! line longer than 256 KiB is cut there, with a note of how many bytes were left out.
//!
//! **Environment.** `_HANDLER`, `LAMBDA_TASK_ROOT` (the temporary folder), `LAMBDA_RUNTIME_DIR`,
//! `AWS_LAMBDA_RUNTIME_API`, `AWS_LAMBDA_FUNCTION_NAME` (the deployed name, `<stack>-<function>`),
//! `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`, `AWS_LAMBDA_FUNCTION_VERSION` (`$LATEST`), `AWS_REGION` and
//! `AWS_DEFAULT_REGION`, `AWS_EXECUTION_ENV`, `AWS_LAMBDA_INITIALIZATION_TYPE` (`on-demand`),
//! `AWS_LAMBDA_LOG_GROUP_NAME`, `AWS_LAMBDA_LOG_STREAM_NAME`, `TZ=:UTC`, `LANG`, `PATH`,
//! `LD_LIBRARY_PATH` and `PYTHONPATH` (the task root first, then the layers' folders under a
//! temporary folder that stands for `/opt`, into which the function's layers are unpacked in
//! order), `NODE_PATH` (`/opt/nodejs/nodeNN/node_modules`, `/opt/nodejs/node_modules`), then the
//! function's own `env`. A value
//! Terraform only knows after `apply` (an owned bucket's generated name, an ARN) is a placeholder
//! naming the attribute, `<aws_s3_bucket.reports.bucket>`; values known at synth (existing
//! resources, other functions' names, text) are the real ones. Nothing else of this machine's
//! environment reaches the function except `LAMBDA_STACK_INVOKE_SCOPE` (the token that finds its
//! processes again), `HOME` and the AWS credential and profile variables
//! (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_PROFILE`,
//! `AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`), so an SDK call reaches AWS as you, not as
//! the function's role.

pub(crate) mod api;
mod http;
mod process;
mod runtimes;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sha2::{Digest as _, Sha256};

use crate::package::{Cache, Package};
use crate::rules::limits::{INIT_TIMEOUT_SECONDS, MAX_INVOKE_PAYLOAD_BYTES};
use crate::rules::runtimes::Runtime;
use api::{Event, Outcome, RuntimeApi};
use process::Running;

/// What to run and how: everything `invoke` reads from the stack and its synthesized output.
#[derive(Debug, Clone)]
pub struct FunctionSetup<'a> {
    /// The deployed name, `<stack>-<function>`.
    pub function_name: String,
    pub runtime: &'static Runtime,
    pub handler: String,
    pub memory_mb: u64,
    pub timeout: Duration,
    pub region: String,
    /// The function's `env`, placeholders rendered.
    pub env: Vec<(String, String)>,
    pub package: &'a Package,
    /// The packages of its layers, in the order of its `layers`: unpacked into a folder that
    /// stands for `/opt`, a later layer's files over an earlier one's, as Lambda extracts them.
    pub layers: Vec<&'a Package>,
    pub cache: &'a Cache,
}

/// How an invocation ended, as Lambda's Invoke API would answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvokeResult {
    /// The handler returned: its response payload.
    Response(Vec<u8>),
    /// The handler raised, the runtime failed or timed out: the error payload
    /// (`{"errorMessage": ..., "errorType": ..., ...}`).
    FunctionError(Vec<u8>),
}

/// One local invocation.
#[derive(Debug, Clone)]
pub struct Invocation {
    pub request_id: String,
    pub result: InvokeResult,
    /// The function's log lines (its stdout and stderr), in order of arrival.
    pub logs: Vec<String>,
    pub init_duration: Option<Duration>,
    pub duration: Duration,
    pub memory_mb: u64,
    pub max_memory_used_mb: u64,
    pub timed_out: bool,
    /// Lambda's `REPORT RequestId: ...` line.
    pub report: String,
    /// Things about this run that differ from Lambda (another Python version, another CPU).
    pub warnings: Vec<String>,
}

/// Runs `setup`'s function on `event`, passing each log line (Lambda's `START`/`END`/`REPORT`
/// lines included) to `log` as it comes.
pub fn invoke(setup: &FunctionSetup<'_>, event: &[u8], log: &(dyn Fn(&str) + Sync)) -> Result<Invocation, String> {
    if event.len() > MAX_INVOKE_PAYLOAD_BYTES {
        return Err(format!(
            "the event is {} bytes; Lambda accepts at most {MAX_INVOKE_PAYLOAD_BYTES} bytes for a synchronous invocation",
            event.len()
        ));
    }
    let task_root = tempfile::Builder::new()
        .prefix("lambda-stack-task-")
        .tempdir()
        .map_err(|e| format!("cannot create a task root: {e}"))?;
    unpack(&setup.package.bytes, task_root.path())?;
    // Lambda's `/opt`, which a local run cannot write: a folder beside the task root.
    let opt = tempfile::Builder::new()
        .prefix("lambda-stack-opt-")
        .tempdir()
        .map_err(|e| format!("cannot create an /opt folder: {e}"))?;
    for layer in &setup.layers {
        unpack(&layer.bytes, opt.path())?;
    }
    let launch = runtimes::launch(setup.runtime, &setup.handler, task_root.path(), setup.cache)?;
    let mut warnings = launch.warnings;
    if let Some(note) = foreign_binaries(task_root.path()).filter(|_| !launch.emulated) {
        warnings.push(note);
    }
    for warning in &warnings {
        log(&format!("warning: {warning}"));
    }

    let api = RuntimeApi::start().map_err(|e| format!("cannot start the Runtime API emulator: {e}"))?;
    let request_id = uuid_v4();
    let arn = format!("arn:aws:lambda:{}:123456789012:function:{}", setup.region, setup.function_name);
    let mut command = launch.command;
    environment(&mut command, setup, task_root.path(), opt.path(), &api.address());
    command.current_dir(task_root.path());

    log(&format!("INIT_START Runtime Version: {} ({}, local)", setup.runtime.id, launch.description));
    let started = Instant::now();
    let mut running = Running::spawn(command)
        .map_err(|e| format!("cannot start the function's runtime ({}): {e}", launch.description))?;
    api.queue(Event {
        request_id: request_id.clone(),
        payload: event.to_vec(),
        function_arn: arn,
        trace_id: trace_id(),
        timeout: setup.timeout,
    });

    let mut logs = Vec::new();
    let mut peak_kib = 0u64;
    let mut started_line = false;
    let mut last_sample = Instant::now() - Duration::from_secs(1);
    let init_limit = Duration::from_secs(INIT_TIMEOUT_SECONDS) + setup.timeout;
    let (progress, ending) = loop {
        let progress = api.wait(Duration::from_millis(10), started_line);
        if let (Some(handed_out), false) = (progress.handed_out, started_line) {
            // Lines logged before the event was handed out belong to the init phase; a fast
            // handler's own lines may have arrived in the same wait, and come after START.
            forward(&mut logs, running.take_lines_before(handed_out), log);
            log(&format!("START RequestId: {request_id} Version: $LATEST"));
            started_line = true;
        }
        forward(&mut logs, running.take_lines(), log);
        if last_sample.elapsed() >= Duration::from_millis(50) {
            peak_kib = peak_kib.max(running.memory_kib().0);
            last_sample = Instant::now();
        }
        if progress.outcome.is_some() {
            break (progress, Ending::Outcome);
        }
        if let Some(status) = running.exited() {
            // A result posted just before exiting may still be on its way.
            let progress = api.wait(Duration::from_millis(100), true);
            let ending = if progress.outcome.is_some() { Ending::Outcome } else { Ending::Exited(status) };
            break (progress, ending);
        }
        let over = match progress.handed_out {
            Some(handed_out) => handed_out.elapsed() >= setup.timeout,
            None => started.elapsed() >= init_limit,
        };
        if over {
            break (progress, Ending::TimedOut);
        }
    };
    let ended = match (&ending, &progress.outcome) {
        (Ending::Outcome, Some((_, at))) => *at,
        _ => Instant::now(),
    };
    let (now_kib, leader_peak_kib) = running.memory_kib();
    peak_kib = peak_kib.max(now_kib).max(leader_peak_kib);
    forward(&mut logs, running.take_lines(), log);
    let rest = running.kill();
    forward(&mut logs, rest, log);
    if !started_line {
        log(&format!("START RequestId: {request_id} Version: $LATEST"));
    }

    let init_duration = progress.first_poll.map(|at| at.duration_since(started));
    let invoke_start = progress.handed_out.or(progress.first_poll).unwrap_or(started);
    let duration = ended.saturating_duration_since(invoke_start);
    let timeout_text = format!("{:.2}", setup.timeout.as_secs_f64());
    let (result, timed_out) = match (&ending, progress.outcome) {
        (Ending::Outcome, Some((outcome, _))) => (outcome_result(outcome, &request_id), false),
        (Ending::TimedOut, _) => {
            log(&format!("{} {request_id} Task timed out after {timeout_text} seconds", rfc3339_now()));
            let body = serde_json::json!({
                "errorType": "Sandbox.Timedout",
                "errorMessage": format!("RequestId: {request_id} Error: Task timed out after {timeout_text} seconds"),
            });
            (InvokeResult::FunctionError(body.to_string().into_bytes()), true)
        }
        (_, _) => {
            let status = match ending {
                Ending::Exited(status) => describe_exit(status),
                _ => "unknown".into(),
            };
            let body = serde_json::json!({
                "errorType": "Runtime.ExitError",
                "errorMessage": format!("RequestId: {request_id} Error: Runtime exited with error: {status}"),
            });
            (InvokeResult::FunctionError(body.to_string().into_bytes()), false)
        }
    };
    log(&format!("END RequestId: {request_id}"));
    let max_memory_used_mb = peak_kib.div_ceil(1024);
    let report = report_line(&request_id, duration, init_duration, setup.memory_mb, max_memory_used_mb, timed_out);
    log(&report);
    Ok(Invocation {
        request_id,
        result,
        logs,
        init_duration,
        duration,
        memory_mb: setup.memory_mb,
        max_memory_used_mb,
        timed_out,
        report,
        warnings,
    })
}

enum Ending {
    Outcome,
    Exited(std::process::ExitStatus),
    TimedOut,
}

fn forward(logs: &mut Vec<String>, lines: Vec<String>, log: &(dyn Fn(&str) + Sync)) {
    for line in lines {
        log(&line);
        logs.push(line);
    }
}

/// What the Invoke API answers for an outcome: the response, or the error body. An error without
/// a body is built from its `Lambda-Runtime-Function-Error-Type` header, as Lambda does.
fn outcome_result(outcome: Outcome, request_id: &str) -> InvokeResult {
    match outcome {
        Outcome::Response(body) => InvokeResult::Response(body),
        Outcome::Error { body, error_type } | Outcome::InitError { body, error_type } => {
            let parsed: Option<serde_json::Value> =
                serde_json::from_slice(&body).ok().filter(|v: &serde_json::Value| v.is_object());
            match parsed {
                Some(_) => InvokeResult::FunctionError(body),
                None => {
                    let error_type = error_type.unwrap_or_else(|| "Unhandled".into());
                    let body = serde_json::json!({
                        "errorType": error_type,
                        "errorMessage": format!("RequestId: {request_id} Error: {}", String::from_utf8_lossy(&body)),
                    });
                    InvokeResult::FunctionError(body.to_string().into_bytes())
                }
            }
        }
        Outcome::ResponseTooLarge(_) => InvokeResult::FunctionError(
            serde_json::json!({
                "errorMessage": format!(
                    "Response payload size exceeded maximum allowed payload size ({} bytes).",
                    crate::rules::limits::MAX_RESPONSE_PAYLOAD_BYTES
                ),
                "errorType": "Function.ResponseSizeTooLarge",
            })
            .to_string()
            .into_bytes(),
        ),
    }
}

/// `REPORT RequestId: ...`, tab-separated as in CloudWatch. Billed duration is rounded up to the
/// millisecond and includes the init phase, which AWS bills for every runtime since August 2025.
pub(crate) fn report_line(
    request_id: &str,
    duration: Duration,
    init: Option<Duration>,
    memory_mb: u64,
    max_used_mb: u64,
    timed_out: bool,
) -> String {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let billed = (ms(duration) + init.map_or(0.0, ms)).ceil().max(1.0) as u64;
    let mut line = format!(
        "REPORT RequestId: {request_id}\tDuration: {:.2} ms\tBilled Duration: {billed} ms\tMemory Size: {memory_mb} MB\tMax Memory Used: {max_used_mb} MB",
        ms(duration)
    );
    if let Some(init) = init {
        line.push_str(&format!("\tInit Duration: {:.2} ms", ms(init)));
    }
    if timed_out {
        line.push_str("\tStatus: timeout");
    }
    line
}

fn describe_exit(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt as _;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => format!("signal: {signal}"),
        _ => "unknown".into(),
    }
}

/// Lambda's environment (see the module documentation).
fn environment(command: &mut Command, setup: &FunctionSetup<'_>, task_root: &Path, opt: &Path, api: &str) {
    let root = task_root.display().to_string();
    let opt = opt.display().to_string();
    // Where each runtime reads its layers in `/opt` (the "Layer paths for each Lambda runtime"
    // table): Python's site directory and `python/`, Node's `nodejs/nodeNN/node_modules` and
    // `nodejs/node_modules`, and everyone's `bin` and `lib`.
    let version = setup.runtime.version.unwrap_or_default();
    let python_path = format!("{root}:{opt}/python/lib/python{version}/site-packages:{opt}/python");
    let node_path = format!("{opt}/nodejs/node{version}/node_modules:{opt}/nodejs/node_modules");
    let prepend = |name: &str, first: &str| match std::env::var(name) {
        Ok(rest) if !rest.is_empty() => format!("{first}:{rest}"),
        _ => first.to_string(),
    };
    command.env_clear();
    for name in [
        "HOME",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_CONFIG_FILE",
        "AWS_SHARED_CREDENTIALS_FILE",
    ] {
        if let Some(value) = std::env::var_os(name) {
            command.env(name, value);
        }
    }
    let date = rfc3339_now();
    let stream = format!("{}/{}/{}/[$LATEST]{}", &date[0..4], &date[5..7], &date[8..10], &uuid_v4().replace('-', ""));
    let family = setup.runtime.id;
    command
        .env("PATH", prepend("PATH", &format!("{root}/bin:{opt}/bin")))
        .env("LD_LIBRARY_PATH", prepend("LD_LIBRARY_PATH", &format!("{root}:{root}/lib:{opt}/lib")))
        .env("PYTHONPATH", python_path)
        .env("NODE_PATH", node_path)
        .env("LANG", "en_US.UTF-8")
        .env("TZ", ":UTC")
        .env("_HANDLER", &setup.handler)
        .env("LAMBDA_TASK_ROOT", &root)
        .env("LAMBDA_RUNTIME_DIR", &root)
        .env("AWS_LAMBDA_RUNTIME_API", api)
        .env("AWS_LAMBDA_FUNCTION_NAME", &setup.function_name)
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", setup.memory_mb.to_string())
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", crate::rules::names::log_group_name(&setup.function_name))
        .env("AWS_LAMBDA_LOG_STREAM_NAME", stream)
        .env("AWS_EXECUTION_ENV", format!("AWS_Lambda_{family}"))
        .env("AWS_REGION", &setup.region)
        .env("AWS_DEFAULT_REGION", &setup.region);
    for (key, value) in &setup.env {
        command.env(key, value);
    }
}

/// Unpacks a zip as Lambda does into `/var/task`: entries' Unix modes kept, names that would leave
/// the folder refused.
pub(crate) fn unpack(zip_bytes: &[u8], root: &Path) -> Result<(), String> {
    use std::os::unix::fs::PermissionsExt as _;
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).map_err(|e| format!("cannot read the package: {e}"))?;
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).map_err(|e| format!("cannot read the package: {e}"))?;
        let name = String::from_utf8_lossy(file.name_raw()).into_owned();
        let Some(relative) = file.enclosed_name() else {
            return Err(format!("the package entry `{name}` would land outside the task root"));
        };
        let path = root.join(&relative);
        if file.is_dir() {
            std::fs::create_dir_all(&path).map_err(|e| format!("cannot unpack: {e}"))?;
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot unpack: {e}"))?;
        }
        // A prebuilt zip may hold symbolic links (`node_modules/.bin`), which Lambda extracts as
        // links: so does this, when the target stays inside the task root.
        if file.unix_mode().is_some_and(|mode| mode & 0o170_000 == 0o120_000) {
            let mut target = String::new();
            std::io::Read::read_to_string(&mut file, &mut target)
                .map_err(|e| format!("cannot unpack `{name}`: {e}"))?;
            let stays = !target.starts_with('/')
                && relative.parent().map_or(0, |p| p.components().count()) as isize
                    >= target.split('/').filter(|s| *s == "..").count() as isize;
            if !stays {
                return Err(format!("the package entry `{name}` is a link to `{target}`, outside the task root"));
            }
            std::os::unix::fs::symlink(&target, &path).map_err(|e| format!("cannot unpack `{name}`: {e}"))?;
            continue;
        }
        let mut out = std::fs::File::create(&path).map_err(|e| format!("cannot unpack `{name}`: {e}"))?;
        std::io::copy(&mut file, &mut out).map_err(|e| format!("cannot unpack `{name}`: {e}"))?;
        let mode = file.unix_mode().unwrap_or(0o644) & 0o777;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
            .map_err(|e| format!("cannot unpack `{name}`: {e}"))?;
    }
    Ok(())
}

/// A note when the package holds ELF files built for a CPU other than this machine's (an arm64
/// function's wheels on an x86_64 laptop): they will not load here, though they will in Lambda.
fn foreign_binaries(root: &Path) -> Option<String> {
    let targets = crate::rules::rust::TARGETS;
    let here = crate::rules::rust::host_target()?.elf_machine;
    let mut foreign = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Some(machine) = elf_machine(&path).filter(|m| *m != here) {
                foreign.push((path.strip_prefix(root).unwrap_or(&path).display().to_string(), machine));
            }
        }
    }
    foreign.sort();
    let (first, machine) = foreign.first()?;
    let name = targets.iter().find(|t| t.elf_machine == *machine).map_or("another CPU", |t| t.arch);
    Some(format!(
        "{} file{} of the package {} built for {name} (`{first}`{}), which this machine cannot load; \
         code importing {} will fail here but not in Lambda",
        foreign.len(),
        if foreign.len() == 1 { "" } else { "s" },
        if foreign.len() == 1 { "is" } else { "are" },
        if foreign.len() > 1 { ", ..." } else { "" },
        if foreign.len() == 1 { "it" } else { "them" }
    ))
}

/// `e_machine` of an ELF file (62 x86-64, 183 AArch64).
pub(crate) fn elf_machine(path: &Path) -> Option<u16> {
    use std::io::Read as _;
    let mut header = [0u8; 20];
    std::fs::File::open(path).ok()?.read_exact(&mut header).ok()?;
    (header[..4] == *b"\x7fELF").then(|| u16::from_le_bytes([header[18], header[19]]))
}

/// A random version-4 UUID, from the clock, the process and a counter through SHA-256 (unique,
/// which is all a request ID needs).
fn uuid_v4() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_nanos();
    let count = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let digest = Sha256::digest(format!("{nanos} {} {count}", std::process::id()));
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// An X-Ray trace header for a new, unsampled trace: `Root=1-<epoch hex>-<96 bits>;Parent=...`.
fn trace_id() -> String {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
    let random = uuid_v4().replace('-', "");
    format!("Root=1-{seconds:08x}-{};Parent={};Sampled=0", &random[..24], &random[16..32])
}

/// Now as `2026-11-30T01:02:03.456Z`.
fn rfc3339_now() -> String {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    let date = crate::rules::runtimes::Date::from_unix_seconds(now.as_secs());
    let seconds = now.as_secs() % 86_400;
    format!("{date}T{:02}:{:02}:{:02}.{:03}Z", seconds / 3600, seconds / 60 % 60, seconds % 60, now.subsec_millis())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_lines_read_like_lambda() {
        let line =
            report_line("abc", Duration::from_micros(12_345), Some(Duration::from_micros(150_500)), 256, 41, false);
        assert_eq!(
            line,
            "REPORT RequestId: abc\tDuration: 12.35 ms\tBilled Duration: 163 ms\tMemory Size: 256 MB\tMax Memory Used: 41 MB\tInit Duration: 150.50 ms"
        );
        let timeout = report_line("abc", Duration::from_secs(3), None, 128, 30, true);
        assert!(
            timeout.ends_with("Billed Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 30 MB\tStatus: timeout")
        );
    }

    #[test]
    fn request_ids_are_uuids() {
        let (a, b) = (uuid_v4(), uuid_v4());
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(trace_id().starts_with("Root=1-"));
        assert_eq!(rfc3339_now().len(), 24);
    }

    #[test]
    fn errors_without_a_body_come_from_the_header() {
        let InvokeResult::FunctionError(body) =
            outcome_result(Outcome::Error { body: b"oops".to_vec(), error_type: Some("Boom".into()) }, "id")
        else {
            panic!()
        };
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["errorType"], "Boom");
        assert_eq!(body["errorMessage"], "RequestId: id Error: oops");
    }
}
