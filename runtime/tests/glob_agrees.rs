//! The checker's std-only glob (`rules::glob`) must accept, refuse and match exactly what
//! globset does as the packager compiles `exclude:` patterns (`literal_separator`), or a
//! pattern the macro passes could fail at synth, or the handler-module rule could be wrong.

use globset::GlobBuilder;
use lambda_stack_core::rules::glob::Glob;
use proptest::prelude::*;

fn globset(pattern: &str) -> Option<globset::GlobMatcher> {
    GlobBuilder::new(pattern).literal_separator(true).build().ok().map(|g| g.compile_matcher())
}

const PATHS: &[&str] = &[
    "",
    "a",
    "b",
    "ab",
    "a/b",
    "a/b/c",
    "b/a",
    "app.py",
    "pkg/app.py",
    "pkg/sub/app.py",
    "a,b",
    "{a",
    "a}",
    "[",
    "]",
    "-",
    "a-b",
    "x/a/y",
    "docs",
    "docs/a.md",
    "a/",
    "/a",
    "a//b",
    "*",
    "?",
    ":",
    "!a",
    "^",
];

fn agree(pattern: &str) -> Result<(), String> {
    let ours = Glob::parse(pattern);
    let theirs = globset(pattern);
    match (&ours, &theirs) {
        (Ok(_), None) => return Err(format!("`{pattern}`: we accept it, globset refuses it")),
        (Err(e), Some(_)) => return Err(format!("`{pattern}`: globset accepts it, we refuse it ({e})")),
        _ => {}
    }
    if let (Ok(ours), Some(theirs)) = (ours, theirs) {
        for path in PATHS {
            if ours.is_match(path) != theirs.is_match(path) {
                return Err(format!(
                    "`{pattern}` on `{path}`: we say {}, globset says {}",
                    ours.is_match(path),
                    theirs.is_match(path)
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn hand_picked_patterns_agree() {
    let patterns = [
        "*.py",
        "**/*.py",
        "**",
        "a/**",
        "a/**/b",
        "**/a",
        "a**",
        "**a",
        "a/**b",
        "{a,b}",
        "{a,{b,c}}",
        "{a,b",
        "a,b}",
        "{**/a,b}",
        "{a,**}",
        "[a-c]",
        "[!a]",
        "[^a]",
        "[]a]",
        "[-a]",
        "[a-]",
        "[z-a]",
        "[",
        "[]",
        "[!]",
        "[[:alpha:]]",
        "[[:nope:]]",
        "[[:alpha]",
        "a\\",
        "\\*",
        "\\{",
        "a?b",
        "?",
        "*",
        "a/*/b",
        "[/]",
        "[!/]",
        "[.-0]",
        "{}",
        "{,}",
        "{a,}",
        "a/{b,c/**}",
        "**/",
        "/**",
        "a/**/",
        "{**}",
        "[a-\\]",
    ];
    let failures: Vec<String> = patterns.iter().filter_map(|p| agree(p).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_patterns_agree(pattern in "[ab*?\\[\\]{},!^:/\\\\-]{0,9}") {
        prop_assert!(agree(&pattern).is_ok(), "{}", agree(&pattern).unwrap_err());
    }
}
