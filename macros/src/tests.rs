//! The macro under hostile input: arbitrary token trees and stack-shaped inputs with arbitrary
//! field values never panic it, and every error it reports sits on a token of the input (a
//! message at the call site would underline the whole `lambda_stack!` call, not the mistake).
//!
//! The property tests run with `cargo test -p lambda-stack-macros`; the fuzz driver
//! (`fuzz_driver`, ignored by default) runs the same pipeline on random and mutated inputs:
//! `LAMBDA_STACK_FUZZ_ITERATIONS=100000 cargo test -p lambda-stack-macros --release fuzz_driver -- --ignored --nocapture`.

use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::str::FromStr;

use proc_macro2::{Span, TokenStream, TokenTree};
use proptest::prelude::*;

use crate::callsite::CallSite;

/// The code directories the generated stacks name: a Python, a Node.js and an OS-only function,
/// so the handler scanners run too.
fn site() -> (tempfile::TempDir, CallSite) {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("functions/app/app.py", "def handler(event, context):\n    return 1\n");
    write("functions/app/index.mjs", "export const handler = async (event) => event;\n");
    write("functions/app/bootstrap", "#!/bin/sh\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let bootstrap = dir.path().join("functions/app/bootstrap");
        std::fs::set_permissions(bootstrap, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let site = CallSite { file_dir: Some(dir.path().to_path_buf()), manifest_dir: Some(dir.path().to_path_buf()) };
    (dir, site)
}

/// The macro on `source`, as `lambda_stack!` runs it; `None` when `source` does not even lex
/// (rustc would refuse it before the macro).
fn run(source: &str, site: &CallSite) -> Option<TokenStream> {
    let tokens = TokenStream::from_str(source).ok()?;
    Some(crate::expand_tokens(tokens, site))
}

/// Every `compile_error!` of `output`: its message and the span of the message literal, which
/// `syn::Error` gives the error's span.
fn compile_errors(output: TokenStream) -> Vec<(String, Span)> {
    let mut found = Vec::new();
    let tokens: Vec<TokenTree> = output.into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(ident) if ident == "compile_error" => {
                let Some(TokenTree::Group(group)) = tokens.get(i + 2) else { continue };
                let Some(TokenTree::Literal(message)) = group.stream().into_iter().next() else { continue };
                found.push((message.to_string(), message.span()));
            }
            TokenTree::Group(group) => found.extend(compile_errors(group.stream())),
            _ => {}
        }
    }
    found
}

/// The properties, on one input: no panic, and when it is refused, every message on a token of
/// the input. Returns the messages, for the tests that look at them.
fn check_input(source: &str, site: &CallSite) -> Result<Vec<String>, String> {
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| run(source, site)));
    let Some(output) = outcome.map_err(|_| format!("the macro panicked on:\n{source}"))? else {
        return Ok(Vec::new());
    };
    let errors = compile_errors(output);
    let call_site = Span::call_site();
    for (message, span) in &errors {
        // Only a macro call with nothing in it has no token to point at.
        let empty = TokenStream::from_str(source).is_ok_and(|tokens| tokens.is_empty());
        if !empty && span.start() == call_site.start() && span.end() == call_site.end() {
            return Err(format!("{message} has no span, on:\n{source}"));
        }
        if message.len() < 3 {
            return Err(format!("empty message {message}, on:\n{source}"));
        }
    }
    Ok(errors.into_iter().map(|(message, _)| message).collect())
}

// ---------------------------------------------------------------------------------------------
// Generators.

/// Words the grammar gives a meaning to, so random inputs reach past the first "unknown key".
const WORDS: &[&str] = &[
    "stack",
    "function",
    "bucket",
    "queue",
    "table",
    "topic",
    "stream",
    "role",
    "region",
    "tags",
    "backend",
    "existing",
    "fifo",
    "visibility_timeout",
    "retention",
    "dead_letter",
    "max_receive",
    "hash_key",
    "range_key",
    "shards",
    "managed",
    "allow",
    "runtime",
    "handler",
    "code",
    "memory",
    "timeout",
    "env",
    "arch",
    "ephemeral_storage",
    "reserved_concurrency",
    "tracing",
    "layers",
    "description",
    "log_retention",
    "triggers",
    "exclude",
    "key",
    "encrypt",
    "http",
    "s3",
    "sqs",
    "dynamodb",
    "kinesis",
    "sns",
    "schedule",
    "url",
    "on",
    "prefix",
    "suffix",
    "batch_size",
    "window",
    "report_failures",
    "start",
    "auth",
    "wildcard",
    "GET",
    "POST",
    "created",
    "latest",
    "iam",
    "none",
    "python3",
    "nodejs22",
    "provided",
    "al2023",
    "x86_64",
    "arm64",
    "active",
    "objects",
    "name",
    "arn",
    "index",
    "indexes",
    "AWSLambdaBasicExecutionRole",
    "GetObject",
    "local",
    "self",
    "type",
    "true",
    "false",
    "fn",
    "a",
    "b",
    "jobs",
    "reports",
    "hello",
    "api",
];

const STRINGS: &[&str] = &[
    "",
    "app.handler",
    "index.handler",
    "functions/app",
    "/abs",
    "../up",
    "rate(5 minutes)",
    "cron(0 12 * * ? *)",
    "/hello",
    "eu-west-3",
    "arn:aws:s3:::b",
    "${x}",
    "%{y}",
    "é",
    "a b",
    "\\u{0}",
    "\\\"",
    "*",
    "in/*",
    "python3.12",
    "app.handlr",
    "a.b.c.d.e",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(WORDS).prop_map(str::to_string),
        1 => "[a-zA-Z_][a-zA-Z0-9_]{0,8}".prop_filter("an identifier", |s| s != "_"),
    ]
}

fn literal() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        (0u64..20_000).prop_map(|n| n.to_string()),
        "[1-9][0-9]{19,40}",
        any::<u32>().prop_map(|n| format!("{n}u8")),
        any::<f32>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| format!("{:?}", f.abs())),
        proptest::sample::select(STRINGS).prop_map(|s| format!("\"{s}\"")),
        "[ -~&&[^\"\\\\]]{0,12}".prop_map(|s| format!("\"{s}\"")),
        Just("'c'".to_string()),
        Just("b\"x\"".to_string()),
        Just("-1".to_string()),
    ]
}

const PUNCT: &[&str] = &[":", ",", ".", "*", "?", "/", "-", "=", "#", "!", ";", "::", "..", "&", "@", "$", "=>"];

/// Any token tree, written as source.
fn token_tree() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        3 => word(),
        2 => literal(),
        2 => proptest::sample::select(PUNCT).prop_map(str::to_string),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        (0usize..3, proptest::collection::vec(inner, 0..8)).prop_map(|(delimiter, items)| {
            let (open, close) = [("[", "]"), ("{", "}"), ("(", ")")][delimiter];
            format!("{open} {} {close}", items.join(" "))
        })
    })
}

/// A value as the grammar writes them, arbitrarily nested and mixed.
fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        literal(),
        word(),
        (word(), word()).prop_map(|(a, b)| format!("{a}.{b}")),
        (word(), word()).prop_map(|(a, b)| format!("{a}:{b}")),
        Just("python3.12".to_string()),
        Just("nodejs22.x".to_string()),
        Just("s3:Get*".to_string()),
        token_tree(),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(|items| format!("[{}]", items.join(", "))),
            proptest::collection::vec((word(), inner.clone()), 0..5).prop_map(|entries| {
                let entries: Vec<String> = entries.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{ {} }}", entries.join(", "))
            }),
            (word(), proptest::collection::vec(inner.clone(), 0..4))
                .prop_map(|(name, args)| format!("{name}({})", args.join(", "))),
            (word(), inner.clone(), word()).prop_map(|(name, value, arg)| format!("{name}({arg}: {value})")),
            (inner.clone(), inner).prop_map(|(actions, resource)| format!("[{actions} on {resource}]")),
        ]
    })
}

/// Keys of a block, known or not, with values of any kind.
fn fields() -> impl Strategy<Value = String> {
    proptest::collection::vec((word(), value()), 0..6).prop_map(|fields| {
        fields.into_iter().fold(String::new(), |mut out, (key, value)| {
            let _ = write!(out, "{key}: {value}, ");
            out
        })
    })
}

/// A stack with a well-formed function and random declarations and fields beside it.
fn stack() -> impl Strategy<Value = String> {
    let declaration = (proptest::sample::select(WORDS), word(), fields())
        .prop_map(|(kind, name, fields)| format!("{kind} {name} {{ {fields} }}"));
    let runtime = proptest::sample::select(&["python3.12", "nodejs22.x", "provided.al2023", "java21"][..]);
    let handler = proptest::sample::select(&["app.handler", "index.handler", "app.handlr", "bootstrap"][..]);
    (fields(), runtime, handler, fields(), proptest::collection::vec(declaration, 0..3)).prop_map(
        |(stack_fields, runtime, handler, function_fields, declarations)| {
            format!(
                "stack shop {{ region: \"eu-west-3\", {stack_fields} \
                 function api {{ runtime: {runtime}, handler: \"{handler}\", code: \"functions/app\", {function_fields} }} \
                 {} }}",
                declarations.join(" ")
            )
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_token_trees_never_panic(trees in proptest::collection::vec(token_tree(), 0..6), wrap in any::<bool>()) {
        let (_dir, site) = site();
        let body = trees.join(" ");
        let source = if wrap { format!("stack s {{ {body} }}") } else { body };
        check_input(&source, &site).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn arbitrary_field_values_never_panic(source in stack()) {
        let (_dir, site) = site();
        check_input(&source, &site).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn a_well_formed_stack_expands() {
    let (_dir, site) = site();
    let source = r#"stack shop { region: "eu-west-3",
        function api { runtime: python3.12, handler: "app.handler", code: "functions/app", memory: 256 } }"#;
    assert_eq!(check_input(source, &site), Ok(Vec::new()));
}

#[test]
fn deep_nesting_is_one_error_at_the_level_past_the_limit() {
    let (_dir, site) = site();
    // Far past the ~1,050 levels that overflowed rustc's 8 MiB stack, on a thread of that size.
    let depth = 5_000;
    let source = format!(
        "stack shop {{ region: \"eu-west-3\", function api {{ runtime: python3.12, handler: \"app.handler\", \
         code: \"functions/app\", layers: {}{} }} }}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let start = std::time::Instant::now();
    let errors = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || check_input(&source, &site))
        .unwrap()
        .join()
        .unwrap()
        .unwrap();
    // Once, whatever the depth (the outer list is also not the string `layers` takes).
    let deep = "\"values nest more than 64 levels deep here; lambda_stack! reads at most 64 levels of lists, maps, calls and blocks\"";
    assert_eq!(errors.iter().filter(|e| *e == deep).count(), 1, "{errors:?}");
    assert!(start.elapsed() < std::time::Duration::from_secs(10), "{:?}", start.elapsed());
    // Blocks nest through the same limit.
    let (_dir, site) = self::site();
    let blocks = format!("stack shop {{ {} }}", "a b { ".repeat(200) + &"} ".repeat(200));
    let errors = check_input(&blocks, &site).unwrap();
    assert!(errors.iter().any(|e| e.contains("values nest more than 64 levels")), "{errors:?}");
}

#[test]
fn numbers_too_big_for_any_type_get_the_range_message() {
    let (_dir, site) = site();
    let source = |field: &str| {
        format!(
            "stack shop {{ region: \"eu-west-3\", queue jobs {{}} function api {{ runtime: python3.12, \
             handler: \"app.handler\", code: \"functions/app\", {field} }} }}"
        )
    };
    let cases = [
        ("memory: 99999999999999999999999", "memory must be between 128 and 10240 MB, found 99999999999999999999999"),
        (
            "timeout: 1_000_000_000_000_000_000_000",
            "timeout must be between 1 and 900 seconds, found 1000000000000000000000",
        ),
        (
            "reserved_concurrency: 99999999999999999999999",
            "reserved_concurrency 99999999999999999999999 is beyond any account's concurrency limit",
        ),
        (
            "triggers: [sqs(jobs, batch_size: 99999999999999999999999)]",
            "batch_size must be between 1 and 10000 messages, found 99999999999999999999999",
        ),
        // Written out exactly, `u64::MAX` is a number like any other.
        ("memory: 18446744073709551615", "memory must be between 128 and 10240 MB, found 18446744073709551615"),
    ];
    for (field, expected) in cases {
        let errors = check_input(&source(field), &site).unwrap();
        assert!(errors.iter().any(|e| e.contains(expected)), "{field}: {errors:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The fuzz entry point and its driver (cargo-fuzz needs nightly; this is std only).

/// Seeds for mutation: the shapes of the documentation's stacks.
const SEEDS: &[&str] = &[
    r#"stack hello { region: "eu-west-3", bucket reports {} role hello_role { managed: [AWSLambdaBasicExecutionRole], allow: [s3:GetObject on reports.objects], } function hello { runtime: python3.12, handler: "app.handler", code: "functions/app", memory: 256, timeout: 10, env: { GREETING: "bonjour", REPORTS_BUCKET: reports.name }, role: hello_role, triggers: [http(GET "/hello")], } }"#,
    r#"stack q { queue jobs { visibility_timeout: 60, dead_letter: dlq, max_receive: 3 } queue dlq {} table orders { hash_key: "id", stream: new_and_old_images } function f { runtime: nodejs22.x, handler: "index.handler", code: "functions/app", triggers: [sqs(jobs, batch_size: 10, window: 5), dynamodb(orders, start: latest), schedule("rate(5 minutes)")], allow: [wildcard(s3:Get*) on "arn:aws:s3:::b/*"] } }"#,
    r#"stack p { tags: { team: "data" }, backend: s3 { bucket: "b", key: "k", region: "eu-west-1" }, stream clicks { shards: 2 } topic alerts {} function g { runtime: provided.al2023, handler: "bootstrap", code: "functions/app", arch: arm64, tracing: active, layers: ["arn:aws:lambda:eu-west-3:123456789012:layer:x:1"], log_retention: 30, triggers: [kinesis(clicks, start: trim_horizon), sns(alerts), url(auth: iam), s3(reports, on: created, prefix: "in/", suffix: ".csv")] } }"#,
];

/// One fuzz input: `data` read as source (lossy UTF-8) through the whole macro. Panics when a
/// property does not hold.
pub(crate) fn fuzz(data: &[u8], site: &CallSite) {
    let source = String::from_utf8_lossy(data);
    if let Err(failure) = check_input(&source, site) {
        panic!("{failure}");
    }
}

/// xorshift64*: the driver needs no dependency, and a seed reproduces a run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A fragment to splice in: a grammar word, a literal, a bracket (unbalanced ones are dropped by
/// the lexer, as rustc would refuse them), or a run of nesting.
fn fragment(rng: &mut Rng) -> String {
    match rng.below(8) {
        0 | 1 => WORDS[rng.below(WORDS.len())].to_string(),
        2 => format!("\"{}\"", STRINGS[rng.below(STRINGS.len())]),
        3 => ["0", "128", "99999999999999999999999", "18446744073709551615", "2.5", "1u8", "-3"][rng.below(7)].into(),
        4 => PUNCT[rng.below(PUNCT.len())].to_string(),
        // Mostly balanced: an unbalanced bracket makes the whole input fail to lex.
        5 => ["[", "}", ")", "[]", "{}", "()", "[x]", "{ a: 1 }", "(x)"][rng.below(9)].to_string(),
        6 => {
            let depth = 1 + rng.below(200);
            let (open, close) = [("[", "]"), ("{ a: ", "}"), ("f(", ")")][rng.below(3)];
            format!("{}{}", open.repeat(depth), close.repeat(depth))
        }
        _ => char::from(32 + rng.below(95) as u8).to_string(),
    }
}

/// A seed with a few tokens replaced, inserted, deleted or duplicated.
fn mutate(rng: &mut Rng, seed: &str) -> String {
    let mut tokens: Vec<String> = seed.split(' ').map(str::to_string).collect();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(tokens.len() + 1);
        match rng.below(5) {
            0 if at < tokens.len() => tokens[at] = fragment(rng),
            1 if at < tokens.len() => {
                tokens.remove(at);
            }
            2 if at < tokens.len() => {
                let from = rng.below(tokens.len());
                let copied = tokens[from].clone();
                tokens.insert(at, copied);
            }
            3 if at < tokens.len() => {
                // Byte-level damage inside one token.
                let token = &mut tokens[at];
                let cut = (0..=token.len()).filter(|i| token.is_char_boundary(*i)).nth(rng.below(token.len() + 1));
                if let Some(cut) = cut {
                    token.insert_str(cut, &fragment(rng));
                }
            }
            _ => tokens.insert(at.min(tokens.len()), fragment(rng)),
        }
    }
    tokens.join(" ")
}

/// Runs [`fuzz`] on mutated seeds and random bytes; `LAMBDA_STACK_FUZZ_ITERATIONS` (default
/// 10,000) and `LAMBDA_STACK_FUZZ_SEED` choose the run.
#[test]
#[ignore = "a fuzz run: minutes; see the module docs"]
fn fuzz_driver() {
    let iterations: u64 =
        std::env::var("LAMBDA_STACK_FUZZ_ITERATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let seed: u64 = std::env::var("LAMBDA_STACK_FUZZ_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(0x1a3b_da57);
    let mut rng = Rng(seed | 1);
    let (_dir, site) = site();
    // A failing input's panic message carries it; the default hook would print it once more.
    panic::set_hook(Box::new(|_| {}));
    let start = std::time::Instant::now();
    let mut lexed = 0u64;
    for iteration in 0..iterations {
        let input = match rng.below(10) {
            0 => (0..rng.below(64)).map(|_| rng.next() as u8).collect::<Vec<u8>>(),
            1 => {
                let mut seed = SEEDS[rng.below(SEEDS.len())].as_bytes().to_vec();
                let at = rng.below(seed.len());
                seed[at] = rng.next() as u8;
                seed
            }
            _ => {
                let mut text = SEEDS[rng.below(SEEDS.len())].to_string();
                for _ in 0..1 + rng.below(3) {
                    text = mutate(&mut rng, &text);
                }
                text.into_bytes()
            }
        };
        lexed += u64::from(TokenStream::from_str(&String::from_utf8_lossy(&input)).is_ok());
        if let Err(failure) = panic::catch_unwind(AssertUnwindSafe(|| fuzz(&input, &site))) {
            let _ = panic::take_hook();
            let message = failure.downcast_ref::<String>().cloned().unwrap_or_default();
            panic!("iteration {iteration} (seed {seed}): {message}");
        }
    }
    let _ = panic::take_hook();
    println!(
        "fuzz: {iterations} inputs ({lexed} lexed) in {:.1} s, seed {seed}: no panic, every error on a span",
        start.elapsed().as_secs_f64()
    );
}

#[test]
fn the_fuzz_driver_mutates_deterministically() {
    let mut a = Rng(7);
    let mut b = Rng(7);
    assert_eq!(mutate(&mut a, SEEDS[0]), mutate(&mut b, SEEDS[0]));
    let (_dir, site) = site();
    for seed in SEEDS {
        fuzz(seed.as_bytes(), &site);
    }
}
