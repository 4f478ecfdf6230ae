//! The Go scanner, for `build: go`: the code folder is a Go module whose root package is `main`
//! with a `func main()`, the program `go build` makes into the package's `bootstrap`.
//!
//! Hand-written like the other scanners: it drops comments and skips string, raw-string and rune
//! literals the way Go's scanner does, then reads the `package` clause and the top-level `func`
//! declarations; it never resolves imports or build constraints beyond skipping `_test.go` files.

use std::path::{Path, PathBuf};

use super::{absolute, check_code_dir, list_dir, read_source, shown};

/// `code_dir` holds `go.mod`, and its root `.go` files (less `_test.go`) are `package main` with a
/// top-level `func main()`. Returns the files read, for the macro to rebuild when they change.
///
/// ```
/// use lambda_stack_core::scan::go::check_go_main;
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("go.mod"), "module example.com/api\n\ngo 1.19\n").unwrap();
/// std::fs::write(dir.path().join("main.go"), "package main\n\nfunc main() {}\n").unwrap();
/// assert_eq!(check_go_main(dir.path(), "functions/api").unwrap().len(), 2);
/// std::fs::write(dir.path().join("main.go"), "package api\n\nfunc Handle() {}\n").unwrap();
/// assert!(check_go_main(dir.path(), "functions/api").unwrap_err().contains("`package api`"));
/// ```
pub fn check_go_main(code_dir: &Path, code_dir_display: &str) -> Result<Vec<PathBuf>, String> {
    check_code_dir(code_dir, code_dir_display)?;
    let go_mod = code_dir.join("go.mod");
    if !go_mod.is_file() {
        return Err(format!(
            "`{code_dir_display}` has no `go.mod`; `build: go` builds the Go module there (make one with \
             `go mod init`)"
        ));
    }
    let mut sources: Vec<String> = list_dir(code_dir)
        .into_iter()
        .filter(|entry| !entry.is_dir && entry.name.ends_with(".go") && !entry.name.ends_with("_test.go"))
        .map(|entry| entry.name)
        .collect();
    sources.sort();
    if sources.is_empty() {
        return Err(format!(
            "`{code_dir_display}` has no `.go` files at its root; `build: go` builds the module's root \
             package, which must be `package main` with `func main()`"
        ));
    }
    let mut read = vec![absolute(&go_mod)];
    let mut other_package = None;
    let mut main_file = None;
    for name in &sources {
        let file = code_dir.join(name);
        let source = read_source(code_dir, &file, &shown(code_dir_display, name))?;
        read.push(absolute(&file));
        let scan = scan_go(&source);
        match scan.package.as_deref() {
            Some("main") if scan.has_main => {
                main_file.get_or_insert(name.clone());
            }
            Some("main") | None => {}
            Some(package) => {
                other_package.get_or_insert((name.clone(), package.to_string()));
            }
        }
    }
    if let Some((name, package)) = other_package {
        return Err(format!(
            "`{}` is `package {package}`; `build: go` builds the module's root package into `bootstrap`, \
             so it must be `package main` (keep libraries in a subfolder)",
            shown(code_dir_display, &name)
        ));
    }
    if main_file.is_none() {
        return Err(format!(
            "the `package main` at the root of `{code_dir_display}` has no `func main()`; Lambda runs the \
             program as `bootstrap` (call `lambda.Start(handler)` from `main`)"
        ));
    }
    Ok(read)
}

#[derive(Debug, Default, PartialEq)]
struct GoScan {
    package: Option<String>,
    /// A top-level `func main(` (not a method: those have a receiver before the name).
    has_main: bool,
}

/// Go's words and punctuation with comments and literals gone; a newline is kept as `\n` so that
/// declarations can be read at the start of a line.
fn scan_go(source: &str) -> GoScan {
    let chars: Vec<char> = source.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut i = 0;
    let mut depth = 0i32;
    let mut scan = GoScan::default();
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '"' || c == '\'' {
            i += 1;
            while i < chars.len() && chars[i] != c && chars[i] != '\n' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            words.push("\"\"".into());
        } else if c == '`' {
            i += 1;
            while i < chars.len() && chars[i] != '`' {
                i += 1;
            }
            i += 1;
            words.push("\"\"".into());
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if depth == 0 {
                if scan.package.is_none() && words.last().map(String::as_str) == Some("package") {
                    scan.package = Some(word.clone());
                }
                if word == "main" && words.last().map(String::as_str) == Some("func") {
                    let mut j = i;
                    while j < chars.len() && chars[j].is_whitespace() {
                        j += 1;
                    }
                    scan.has_main |= chars.get(j) == Some(&'(');
                }
            }
            words.push(word);
        } else {
            match c {
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' => depth = (depth - 1).max(0),
                _ => {}
            }
            if !c.is_whitespace() {
                words.push(c.to_string());
            }
            i += 1;
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_package_clause_and_a_top_level_main_are_read() {
        let source = "// Package main is the function.\n/* package lib */\npackage main\n\nimport \"fmt\"\n\n\
                      type T struct{}\n\nfunc (T) main() {}\n\nfunc main() {\n\tfmt.Println(\"func main()\")\n}\n";
        assert_eq!(scan_go(source), GoScan { package: Some("main".into()), has_main: true });
        let method_only = "package main\n\ntype T struct{}\n\nfunc (t T) main() {}\nvar s = `func main() {}`\n";
        assert_eq!(scan_go(method_only), GoScan { package: Some("main".into()), has_main: false });
        assert_eq!(scan_go("package handlers\n").package.as_deref(), Some("handlers"));
    }

    #[test]
    fn a_module_without_go_mod_or_main_is_refused() {
        let dir = super::super::tests::code(&[("main.go", "package main\nfunc main() {}\n")]);
        assert!(check_go_main(dir.path(), "f").unwrap_err().contains("has no `go.mod`"));
        let dir = super::super::tests::code(&[("go.mod", "module m\n"), ("main_test.go", "package main\n")]);
        assert!(check_go_main(dir.path(), "f").unwrap_err().contains("no `.go` files"));
        let dir = super::super::tests::code(&[("go.mod", "module m\n"), ("main.go", "package main\nfunc run() {}\n")]);
        assert!(check_go_main(dir.path(), "f").unwrap_err().contains("has no `func main()`"));
    }
}
