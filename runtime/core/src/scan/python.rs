//! The Python scanner: the module file a handler names, and the top-level binding of its function.
//!
//! It mirrors `awslambdaric` `bootstrap._get_handler` (as of 2026-11-25): `handler.rsplit(".", 1)`
//! into module and function, `importlib.import_module(module)` (a `/` in the module path works like
//! a `.`), then `getattr(module, function)`; a module named like one of CPython's built-in modules
//! is refused.
//!
//! Hand-written rather than a Python parser, which would enter the proc-macro's dependency graph:
//! the need is narrow, find a top-level binding. The scanner joins logical lines, blanks strings
//! and drops comments the way Python's tokenizer does, then reads statement heads (`def`, `class`,
//! `from .. import`, assignments); `from x import *` could bind anything, so with one present a
//! missing name is not an error.

use std::path::{Path, PathBuf};

use super::zip::Zip;
use super::{check_code_dir, entry, CodeDir, EnvRead, Found, Tree};
use crate::rules::handler::{check_format, is_python_identifier};
use crate::rules::runtimes::Family;
use crate::rules::suggest;

/// Python: `pkg.app.handler` → file `pkg/app.py` or `pkg/app/__init__.py` under code_dir must
/// exist, and define at top level (column 0) `def handler(` with exactly two parameters
/// (annotations, defaults and a trailing comma allowed; a multi-line parameter list allowed;
/// `async def` is an error: Lambda's Python runtime does not await), OR bind the name at top level
/// by assignment (`handler = Mangum(app)`) or import (`from x import handler`,
/// `from x import y as handler`).
///
/// "Exactly two" is read as "callable with `(event, context)`": extra parameters with defaults,
/// `*args` and `**kwargs` are fine, a required third one or a required keyword-only one is not.
/// The last top-level binding of the name wins, as in Python. A `from x import *` at top level
/// could bind anything, so with one present a missing name is not an error.
///
/// Returns the absolute paths of the files read, so the macro can make cargo rebuild when they
/// change.
///
/// ```
/// use lambda_stack_core::scan::python::check_python;
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("app.py"), "def handler(event, context):\n    return 1\n").unwrap();
/// let read = check_python(dir.path(), "functions/hello", "app.handler").unwrap();
/// assert!(read[0].is_absolute() && read[0].ends_with("app.py"));
/// assert_eq!(
///     check_python(dir.path(), "functions/hello", "app.handlr").unwrap_err(),
///     "`app.py` defines no top-level function `handlr`; did you mean `handler`?"
/// );
/// ```
pub fn check_python(code_dir: &Path, code_dir_display: &str, handler: &str) -> Result<Vec<PathBuf>, String> {
    check_format(Family::Python, handler)?;
    check_code_dir(code_dir, code_dir_display)?;
    check_python_in(&CodeDir { dir: code_dir, display: code_dir_display }, handler)
}

/// [`check_python`] inside a prebuilt zip: the module is one of its entries. Returns the
/// module's path inside the zip.
pub fn check_python_zip(zip: &Zip, handler: &str) -> Result<Vec<PathBuf>, String> {
    check_format(Family::Python, handler)?;
    check_python_in(zip, handler)
}

/// The handler's module in `tree`, and its function: see [`check_python`].
fn check_python_in(tree: &dyn Tree, handler: &str) -> Result<Vec<PathBuf>, String> {
    let (module, function) = handler.rsplit_once('.').unwrap_or((handler, ""));
    let segments: Vec<&str> = module.split(['.', '/']).collect();
    if PYTHON_BUILTIN_MODULES.contains(&segments[0]) {
        return Err(format!(
            "module `{}` has the name of Python's built-in module `{}`, which Lambda refuses as a \
             handler module; rename the file",
            module, segments[0]
        ));
    }
    let relative = find_python_module(tree, module, &segments)?;
    let source = tree.read(&relative)?;
    let scan = scan_python(&source);
    let binding = scan.bindings.iter().rev().find(|binding| binding.name == function);
    let verdict = match binding.map(|binding| &binding.kind) {
        Some(PyKind::Def { is_async: true, .. }) => Err(format!(
            "handler `{function}` in `{relative}` is an `async def`; Lambda's Python runtime calls \
             it without awaiting, so it would only return a coroutine; make it a plain `def` (run \
             async code inside it with `asyncio.run`)"
        )),
        Some(PyKind::Def { params, .. }) => check_python_params(function, params),
        Some(_) => Ok(()),
        None if scan.star_import => Ok(()),
        None => {
            let mut names: Vec<&str> = scan.bindings.iter().map(|b| b.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            let mut message = format!(
                "`{relative}` defines no top-level function `{function}`{}",
                suggest::did_you_mean(function, names.iter().copied())
            );
            if let Some(line) = scan.nested_defs.iter().find(|(name, _)| name == function).map(|(_, line)| line) {
                message.push_str(&format!(
                    "; the `def {function}` on line {line} is indented, and Lambda only finds \
                     functions at the top level of the module"
                ));
            }
            Err(message)
        }
    };
    verdict.map(|()| vec![tree.tracked(&relative)])
}

/// CPython's `sys.builtin_module_names` without the private ones, the same in 3.8 to 3.13.
const PYTHON_BUILTIN_MODULES: &[&str] =
    &["atexit", "builtins", "errno", "faulthandler", "gc", "itertools", "marshal", "posix", "pwd", "sys", "time"];

/// The file that `import module` loads: a regular package (`name/__init__.py`) before a module
/// file (`name.py`), as CPython's path finder orders them.
fn find_python_module(tree: &dyn Tree, module: &str, segments: &[&str]) -> Result<String, String> {
    let relative_stem = segments.join("/");
    let not_found = |why: String| {
        format!(
            "module `{module}` not found: expected `{}` or `{}`{why}",
            tree.shown(&format!("{relative_stem}.py")),
            tree.shown(&format!("{relative_stem}/__init__.py")),
        )
    };
    let mut dir = String::new();
    let last = segments.len() - 1;
    for (index, segment) in segments.iter().enumerate() {
        let entries = tree.list(&dir);
        let path = |name: &str| if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") };
        if index < last {
            match entry(&entries, segment) {
                Found::Dir => {
                    dir = path(segment);
                    continue;
                }
                found => {
                    let packages = entries.iter().filter(|e| e.is_dir).map(|e| e.name.as_str());
                    return Err(not_found(case_or_typo(&found, tree, module, segments, index, packages)));
                }
            }
        }
        if let Found::Dir = entry(&entries, segment) {
            if let Found::File = entry(&tree.list(&path(segment)), "__init__.py") {
                return Ok(format!("{relative_stem}/__init__.py"));
            }
        }
        let file_name = format!("{segment}.py");
        let found = entry(&entries, &file_name);
        if let Found::File = found {
            return Ok(format!("{relative_stem}.py"));
        }
        let modules =
            entries.iter().filter_map(|e| if e.is_dir { Some(e.name.as_str()) } else { e.name.strip_suffix(".py") });
        return Err(not_found(case_or_typo(&found, tree, module, segments, index, modules)));
    }
    unreachable!("a module path has at least one segment")
}

/// `; found `X`, but ...` when only the letter case differs, else a did-you-mean over
/// `candidates` for the segment at `index`.
fn case_or_typo<'a>(
    found: &Found,
    tree: &dyn Tree,
    module: &str,
    segments: &[&str],
    index: usize,
    candidates: impl Iterator<Item = &'a str>,
) -> String {
    match found {
        Found::OtherCase(actual) => {
            let mut path: Vec<String> = segments[..index].iter().map(|s| s.to_string()).collect();
            path.push(actual.clone());
            format!("; found `{}`, but Lambda's file system is case-sensitive", tree.shown(&path.join("/")))
        }
        _ => replace_hint(module, segments, index, candidates),
    }
}

/// `; did you mean `pkg.app`?` with the segment at `index` replaced by the closest candidate.
fn replace_hint<'a>(
    module: &str,
    segments: &[&str],
    index: usize,
    candidates: impl Iterator<Item = &'a str>,
) -> String {
    let Some(candidate) = suggest::closest(segments[index], candidates) else {
        return String::new();
    };
    // Keep the user's separators: rebuild the module string piece by piece.
    let mut rebuilt = String::new();
    let mut segment_index = 0;
    let mut current = String::new();
    for c in module.chars().chain(std::iter::once('\0')) {
        if c == '.' || c == '/' || c == '\0' {
            rebuilt.push_str(if segment_index == index { candidate } else { &current });
            if c != '\0' {
                rebuilt.push(c);
            }
            current.clear();
            segment_index += 1;
        } else {
            current.push(c);
        }
    }
    format!("; did you mean `{rebuilt}`?")
}

fn check_python_params(function: &str, params: &str) -> Result<(), String> {
    let mut positional = 0;
    let mut required_positional = 0;
    let mut var_positional = false;
    let mut keyword_only = false;
    for param in split_top_level(params, ',') {
        let param = param.trim();
        match param {
            "" | "/" => continue,
            "*" => {
                keyword_only = true;
                continue;
            }
            _ if param.starts_with("**") => continue,
            _ if param.starts_with('*') => {
                var_positional = true;
                keyword_only = true;
                continue;
            }
            _ => {}
        }
        let has_default = split_top_level(param, '=').len() > 1;
        let name = param.split([':', '=']).next().unwrap_or(param).trim();
        if keyword_only && !has_default {
            return Err(format!(
                "handler `{function}` has a required keyword-only parameter `{name}`; Lambda calls \
                 it with two positional arguments, `(event, context)`"
            ));
        }
        if !keyword_only {
            positional += 1;
            required_positional += usize::from(!has_default);
        }
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if required_positional > 2 {
        return Err(format!(
            "handler `{function}` requires {required_positional} parameters; Lambda calls it with \
             two, `(event, context)`"
        ));
    }
    if positional < 2 && !var_positional {
        return Err(format!(
            "handler `{function}` takes {positional} parameter{}; Lambda calls it with two, \
             `(event, context)`",
            plural(positional)
        ));
    }
    Ok(())
}

/// Pieces of `text` between `separator`s that are not inside brackets (strings were already
/// blanked by the scanner).
fn split_top_level(text: &str, separator: char) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in bytes.iter().enumerate() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            _ if c == separator && depth == 0 => {
                // `==`, `<=`, `>=`, `!=` are comparisons, not the default's `=`.
                let next = bytes.get(k + 1).map(|&(_, c)| c);
                let previous = k.checked_sub(1).and_then(|p| bytes.get(p)).map(|&(_, c)| c);
                let comparison =
                    separator == '=' && (next == Some('=') || matches!(previous, Some('=' | '<' | '>' | '!' | ':')));
                if !comparison {
                    pieces.push(&text[start..i]);
                    start = i + c.len_utf8();
                }
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    pieces
}

#[derive(Debug)]
enum PyKind {
    Def { is_async: bool, params: String },
    Class,
    Assigned,
    Imported,
}

#[derive(Debug)]
struct PyBinding {
    name: String,
    kind: PyKind,
}

#[derive(Debug, Default)]
struct PyScan {
    /// Names bound at the top level, in source order.
    bindings: Vec<PyBinding>,
    /// `def`s below the top level (methods, nested functions), with their line numbers.
    nested_defs: Vec<(String, usize)>,
    star_import: bool,
}

/// One logical line: a statement's text with comments dropped, string literals replaced by `""`,
/// and the physical lines of a bracketed or backslash-continued statement joined.
#[derive(Debug)]
struct LogicalLine {
    line: usize,
    indented: bool,
    text: String,
    /// The contents of the string literals blanked in `text`, in order (escapes left as written),
    /// each with the line it starts on.
    strings: Vec<(String, usize)>,
}

fn python_logical_lines(source: &str) -> Vec<LogicalLine> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let source = source.replace("\r\n", "\n").replace('\r', "\n");
    let chars: Vec<char> = source.chars().collect();
    let mut lines = Vec::new();
    let mut current: Option<LogicalLine> = None;
    let mut line = 1;
    let mut depth = 0i32;
    let mut continued = false;
    let mut at_line_start = true;
    let mut i = 0;
    while i < chars.len() {
        if at_line_start {
            at_line_start = false;
            if current.is_none() {
                let mut j = i;
                while j < chars.len() && matches!(chars[j], ' ' | '\t' | '\x0c') {
                    j += 1;
                }
                if j < chars.len() && !matches!(chars[j], '\n' | '#') {
                    current = Some(LogicalLine { line, indented: j > i, text: String::new(), strings: Vec::new() });
                }
                i = j;
                continue;
            }
        }
        let c = chars[i];
        match c {
            '\n' => {
                line += 1;
                at_line_start = true;
                if depth == 0 && !continued {
                    lines.extend(current.take());
                } else if let Some(logical) = current.as_mut() {
                    logical.text.push(' ');
                }
                continued = false;
                i += 1;
            }
            '#' => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '\\' if chars.get(i + 1) == Some(&'\n') => {
                continued = true;
                i += 1;
            }
            '"' | '\'' => {
                let triple = chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c);
                i += if triple { 3 } else { 1 };
                let (start, start_line) = (i, line);
                let mut end = chars.len();
                while i < chars.len() {
                    match chars[i] {
                        '\\' => {
                            if chars.get(i + 1) == Some(&'\n') {
                                line += 1;
                            }
                            i += 2;
                        }
                        '\n' if triple => {
                            line += 1;
                            i += 1;
                        }
                        // An unterminated one-line string ends with its line.
                        '\n' => {
                            end = i;
                            break;
                        }
                        q if q == c && (!triple || (chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c))) => {
                            end = i;
                            i += if triple { 3 } else { 1 };
                            break;
                        }
                        _ => i += 1,
                    }
                }
                if let Some(logical) = current.as_mut() {
                    logical.text.push_str("\"\"");
                    logical.strings.push((chars[start..end.min(chars.len())].iter().collect(), start_line));
                }
            }
            _ => {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth = (depth - 1).max(0),
                    _ => {}
                }
                if let Some(logical) = current.as_mut() {
                    logical.text.push(c);
                }
                i += 1;
            }
        }
    }
    lines.extend(current);
    lines
}

/// Python tokens, enough to read statement heads: names, and operators with `==`-style
/// compounds kept whole so that a lone `=` is always an assignment or a default.
fn python_tokens(text: &str) -> Vec<String> {
    const COMPOUND: &[&str] = &[
        "**=", "//=", ">>=", "<<=", "...", "==", "!=", "<=", ">=", ":=", "->", "**", "//", "+=", "-=", "*=", "/=",
        "%=", "&=", "|=", "^=", "@=", ">>", "<<",
    ];
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c.is_whitespace() {
            rest = &rest[c.len_utf8()..];
        } else if c.is_alphanumeric() || c == '_' {
            let end =
                rest.char_indices().find(|&(_, c)| !(c.is_alphanumeric() || c == '_')).map_or(rest.len(), |(i, _)| i);
            tokens.push(rest[..end].to_string());
            rest = &rest[end..];
        } else if let Some(op) = COMPOUND.iter().find(|op| rest.starts_with(**op)) {
            tokens.push(op.to_string());
            rest = &rest[op.len()..];
        } else {
            tokens.push(c.to_string());
            rest = &rest[c.len_utf8()..];
        }
    }
    tokens
}

/// The environment variables a Python module reads with no default, each with the line of its
/// first such read: `os.environ["X"]` (a `KeyError` when unset), and `os.getenv("X")` or
/// `os.environ.get("X")` without a second argument (`None`, which the code then uses as a string).
/// `environ` and `getenv` imported from `os`, and `os` imported under another name, count too.
///
/// Reads that cannot fail are not reported: one with a default (`os.getenv("X", "")`,
/// `os.getenv("X") or "d"`), a test (`if os.getenv("X"):`, `os.getenv("X") is None`), an
/// assignment to `os.environ["X"]` and a `del`. The key must be a plain string literal: a
/// computed key cannot be known without running the code.
///
/// ```
/// use lambda_stack_core::scan::python::env_reads_without_default;
/// let source = "import os\nTABLE = os.environ[\"TABLE\"]\nDEBUG = os.getenv(\"DEBUG\", \"0\")\n";
/// let reads = env_reads_without_default(source);
/// assert_eq!(reads.len(), 1);
/// assert_eq!((reads[0].name.as_str(), reads[0].line), ("TABLE", 2));
/// ```
pub fn env_reads_without_default(source: &str) -> Vec<EnvRead> {
    let lines = python_logical_lines(source);
    let tokens: Vec<Vec<PyToken>> = lines.iter().map(py_tokens_with_strings).collect();
    // The names the module reaches `os`, `os.environ` and `os.getenv` by.
    let (mut os, mut environ, mut getenv) = (Vec::new(), Vec::new(), Vec::new());
    for tokens in &tokens {
        let words: Vec<&str> = tokens.iter().map(PyToken::text).collect();
        match words.as_slice() {
            ["import", rest @ ..] => {
                for item in rest.split(|t| *t == ",") {
                    match item {
                        ["os"] => os.push("os"),
                        ["os", "as", name] => os.push(name),
                        _ => {}
                    }
                }
            }
            ["from", "os", "import", rest @ ..] => {
                let rest: Vec<&str> = rest.iter().copied().filter(|t| !matches!(*t, "(" | ")")).collect();
                for item in rest.split(|t| *t == ",") {
                    match item {
                        ["environ"] => environ.push("environ"),
                        ["environ", "as", name] => environ.push(name),
                        ["getenv"] => getenv.push("getenv"),
                        ["getenv", "as", name] => getenv.push(name),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    let mut reads: Vec<EnvRead> = Vec::new();
    for tokens in &tokens {
        let word = |k: usize| tokens.get(k).map_or("", PyToken::text);
        for k in 0..tokens.len() {
            if k > 0 && word(k - 1) == "." {
                continue;
            }
            // `os.environ` / `environ` and `os.getenv` / `getenv` starting at `k`: the index after.
            let after = |names: &[&str], attribute: &str| -> Option<usize> {
                if os.contains(&word(k)) && word(k + 1) == "." && word(k + 2) == attribute {
                    Some(k + 3)
                } else if names.contains(&word(k)) {
                    Some(k + 1)
                } else {
                    None
                }
            };
            let read = if let Some(e) = after(&environ, "environ") {
                match (word(e), tokens.get(e + 1), word(e + 2)) {
                    // `os.environ["X"]`: unless assigned to or deleted.
                    ("[", Some(PyToken::Str(name, line)), "]") => {
                        let written = word(e + 3) == "=" || (k > 0 && word(k - 1) == "del");
                        (!written).then_some((name, line, e + 3, true))
                    }
                    (".", _, "(") if word(e + 1) == "get" => match tokens.get(e + 3) {
                        Some(PyToken::Str(name, line)) if word(e + 4) == ")" => Some((name, line, e + 5, false)),
                        _ => None,
                    },
                    _ => None,
                }
            } else if let Some(g) = after(&getenv, "getenv") {
                match (word(g), tokens.get(g + 1), word(g + 2)) {
                    ("(", Some(PyToken::Str(name, line)), ")") => Some((name, line, g + 3, false)),
                    _ => None,
                }
            } else {
                None
            };
            let Some((name, line, next, raises)) = read else { continue };
            // A `None` that is tested or replaced is handled; a missing key raises all the same.
            let handled = !raises
                && (matches!(word(next), "or" | "and" | "is" | "==" | "!=" | "if" | "else")
                    || (k > 0 && matches!(word(k - 1), "if" | "elif" | "while" | "not" | "and" | "or" | "assert")));
            if handled || !is_literal_key(name) || reads.iter().any(|read| &read.name == name) {
                continue;
            }
            reads.push(EnvRead { name: name.clone(), line: *line });
        }
    }
    reads
}

/// A key written as a plain literal: no escapes, no f-string braces.
fn is_literal_key(name: &str) -> bool {
    !name.is_empty() && !name.contains(['\\', '{', '}'])
}

/// A token of a logical line, with its string literals (and their lines) given back.
#[derive(Debug)]
enum PyToken {
    Word(String),
    Str(String, usize),
}

impl PyToken {
    fn text(&self) -> &str {
        match self {
            PyToken::Word(word) => word,
            PyToken::Str(..) => "\"\"",
        }
    }
}

fn py_tokens_with_strings(logical: &LogicalLine) -> Vec<PyToken> {
    let mut strings = logical.strings.iter();
    let mut tokens = Vec::new();
    let mut words = python_tokens(&logical.text).into_iter().peekable();
    while let Some(word) = words.next() {
        if word == "\"" && words.peek().is_some_and(|next| next == "\"") {
            words.next();
            let (text, line) = strings.next().cloned().unwrap_or((String::new(), logical.line));
            tokens.push(PyToken::Str(text, line));
        } else {
            tokens.push(PyToken::Word(word));
        }
    }
    tokens
}

fn scan_python(source: &str) -> PyScan {
    let mut scan = PyScan::default();
    for logical in python_logical_lines(source) {
        let tokens = python_tokens(&logical.text);
        let head: Vec<&str> = tokens.iter().take(3).map(String::as_str).collect();
        let def_name = match head.as_slice() {
            ["def", name, ..] => Some((*name, false)),
            ["async", "def", name] => Some((*name, true)),
            _ => None,
        };
        if logical.indented {
            if let Some((name, _)) = def_name {
                scan.nested_defs.push((name.to_string(), logical.line));
            }
            continue;
        }
        // Decorators stand on their own logical lines; the `def` after them is what binds.
        if head.first() == Some(&"@") {
            continue;
        }
        if let Some((name, is_async)) = def_name {
            scan.bindings.push(PyBinding {
                name: name.to_string(),
                kind: PyKind::Def { is_async, params: def_params(&logical.text) },
            });
            continue;
        }
        match head.first().copied() {
            Some("class") => {
                if let Some(name) = head.get(1) {
                    scan.bindings.push(PyBinding { name: name.to_string(), kind: PyKind::Class });
                }
            }
            Some("from") => {
                let Some(import) = tokens.iter().position(|t| t == "import") else { continue };
                let names: Vec<&str> =
                    tokens[import + 1..].iter().map(String::as_str).filter(|t| !matches!(*t, "(" | ")")).collect();
                for item in names.split(|t| *t == ",") {
                    match item {
                        ["*"] => scan.star_import = true,
                        [name] | [_, "as", name] => {
                            scan.bindings.push(PyBinding { name: name.to_string(), kind: PyKind::Imported })
                        }
                        _ => {}
                    }
                }
            }
            _ => {
                for name in assigned_names(&tokens) {
                    scan.bindings.push(PyBinding { name, kind: PyKind::Assigned });
                }
            }
        }
    }
    scan
}

/// The text between the parentheses of `def name(...)`.
fn def_params(text: &str) -> String {
    let after_name = text;
    let Some(open) = after_name.find('(') else { return String::new() };
    let mut depth = 0;
    for (i, c) in after_name[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return after_name[open + 1..open + i].to_string();
                }
            }
            _ => {}
        }
    }
    after_name[open + 1..].to_string()
}

/// Names bound by an assignment statement: `a = ...`, `a = b = ...`, `a, b = ...`, `(a, b) = ...`
/// and `a: T = ...` (an annotation alone binds nothing).
fn assigned_names(tokens: &[String]) -> Vec<String> {
    let mut depth = 0i32;
    let mut parts: Vec<&[String]> = Vec::new();
    let mut start = 0;
    for (i, token) in tokens.iter().enumerate() {
        match token.as_str() {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => depth -= 1,
            "=" if depth == 0 => {
                parts.push(&tokens[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    let mut names = Vec::new();
    for (index, target) in parts.iter().enumerate() {
        let target: Vec<&str> = target.iter().map(String::as_str).collect();
        // `name: annotation = value`: only the first target can carry an annotation.
        if index == 0 {
            if let [name, ":", ..] = target.as_slice() {
                if is_python_identifier(name) {
                    names.push(name.to_string());
                }
                continue;
            }
        }
        let inner: Vec<&str> = target.iter().copied().filter(|t| !matches!(*t, "(" | ")" | "[" | "]" | "*")).collect();
        let simple = inner.split(|t| *t == ",").all(|item| match item {
            [] => true,
            [name] => is_python_identifier(name),
            _ => false,
        });
        if simple {
            names.extend(inner.iter().filter(|t| **t != ",").map(|name| name.to_string()));
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::super::tests::code;
    use super::*;

    fn python(source: &str, handler: &str) -> Result<Vec<PathBuf>, String> {
        let dir = code(&[("app.py", source)]);
        check_python(dir.path(), "functions/hello", handler)
    }

    #[test]
    fn python_finds_a_two_parameter_def() {
        let read = python("import json\n\ndef handler(event, context):\n    return {}\n", "app.handler").unwrap();
        assert_eq!(read.len(), 1);
        assert!(read[0].is_absolute() && read[0].ends_with("app.py"));
        for signature in [
            "def handler(event: dict, context: \"LambdaContext\") -> dict:",
            "def handler(event, context,):",
            "def handler(\n    event,  # the payload\n    context=None,\n):",
            "def handler(event, context, extra=1, *, flag=False, **kwargs):",
            "def handler(event, /, context):",
            "def handler(*args):",
            "def handler(event, *rest):",
            "def handler(event={\"a\": (1, 2)}, context=\"x, y\"):",
            "def \\\nhandler(event, context):",
        ] {
            let source = format!("{signature}\n    pass\n");
            assert_eq!(python(&source, "app.handler").map(|_| ()), Ok(()), "{signature}");
        }
    }

    #[test]
    fn python_parameter_counts() {
        assert_eq!(
            python("def handler(event):\n    pass\n", "app.handler"),
            Err("handler `handler` takes 1 parameter; Lambda calls it with two, `(event, context)`".into())
        );
        assert_eq!(
            python("def handler():\n    pass\n", "app.handler"),
            Err("handler `handler` takes 0 parameters; Lambda calls it with two, `(event, context)`".into())
        );
        assert_eq!(
            python("def handler(event, context, client):\n    pass\n", "app.handler"),
            Err("handler `handler` requires 3 parameters; Lambda calls it with two, `(event, context)`".into())
        );
        assert_eq!(
            python("def handler(event, context, *, client):\n    pass\n", "app.handler"),
            Err("handler `handler` has a required keyword-only parameter `client`; Lambda calls it \
                 with two positional arguments, `(event, context)`"
                .into())
        );
        assert!(python("def handler(event, **kwargs):\n    pass\n", "app.handler").is_err());
    }

    #[test]
    fn python_async_def_is_an_error() {
        let message = python("async def handler(event, context):\n    pass\n", "app.handler").unwrap_err();
        assert!(message.starts_with("handler `handler` in `app.py` is an `async def`"), "{message}");
        let decorated = "@tracer.capture_lambda_handler\nasync def handler(event, context):\n    pass\n";
        assert!(python(decorated, "app.handler").is_err());
    }

    #[test]
    fn python_decorators() {
        let source = "from aws_lambda_powertools import Logger\nlogger = Logger()\n\n\
                      @logger.inject_lambda_context(\n    log_event=True,\n)\n@metrics.log_metrics\n\
                      def handler(event, context):\n    return 1\n";
        assert!(python(source, "app.handler").is_ok());
        let one = "@logger.inject_lambda_context\ndef handler(event):\n    return 1\n";
        assert!(python(one, "app.handler").unwrap_err().contains("takes 1 parameter"));
    }

    #[test]
    fn python_only_top_level_counts() {
        let nested = "class Api:\n    def handler(self, event, context):\n        pass\n\n\
                      def outer():\n    def handlr(event, context):\n        pass\n";
        assert_eq!(
            python(nested, "app.handler"),
            Err("`app.py` defines no top-level function `handler`; the `def handler` on line 2 is \
                 indented, and Lambda only finds functions at the top level of the module"
                .into())
        );
        let in_if = "if True:\n    def handler(event, context):\n        pass\n";
        assert!(python(in_if, "app.handler").is_err());
    }

    #[test]
    fn python_strings_and_comments_are_not_code() {
        for source in [
            "DOC = \"\"\"\ndef handler(event, context):\n    pass\n\"\"\"\n",
            "DOC = '''\ndef handler(event, context):\n'''\n",
            "DOC = \"\"\"escaped \\\"\"\" quote\ndef handler(event, context):\n\"\"\"\n",
            "# def handler(event, context):\n",
            "x = 'def handler(event, context):'\n",
            "x = (\n'a'\n'''\ndef handler(event, context):\n''')\n",
        ] {
            assert!(
                python(source, "app.handler").unwrap_err().starts_with("`app.py` defines no top-level function"),
                "{source}"
            );
        }
        // Quotes and `#` inside strings do not derail what follows.
        let source =
            "A = \"# not a comment\"\nB = 'it\\'s'\nC = \"\"\"'\"\"\"\ndef handler(event, context):\n    pass\n";
        assert!(python(source, "app.handler").is_ok());
    }

    #[test]
    fn python_bindings_other_than_def() {
        for source in [
            "from mangum import Mangum\napp = make()\nhandler = Mangum(app)\n",
            "handler: Callable = make_handler()\n",
            "app = handler = make()\n",
            "handler, other = make()\n",
            "(other, handler) = make()\n",
            "from .impl import handler\n",
            "from .impl import lambda_handler as handler\n",
            "from .impl import (\n    setup,\n    handler,  # re-exported\n)\n",
            "from .impl import *\n",
            "class handler:\n    def __init__(self, event, context):\n        pass\n",
        ] {
            assert_eq!(python(source, "app.handler").map(|_| ()), Ok(()), "{source}");
        }
        for source in
            ["handler: Callable\n", "handler == 1\n", "handler.attr = 1\n", "import handler\n", "handler += 1\n"]
        {
            assert!(python(source, "app.handler").is_err(), "{source}");
        }
    }

    #[test]
    fn python_last_binding_wins() {
        assert!(python("def handler(event):\n    pass\nhandler = wrap(handler)\n", "app.handler").is_ok());
        assert!(python("handler = make()\ndef handler(event):\n    pass\n", "app.handler").is_err());
    }

    #[test]
    fn python_file_encodings() {
        let source = "\u{feff}import os\r\n\r\n@decorate(\r\n\tlevel=1)\r\ndef handler(event,\r\n\t\tcontext):\r\n\treturn 1\r\n";
        assert!(python(source, "app.handler").is_ok());
        let old_mac = "x = 1\rdef handler(event, context):\r\treturn 1\r";
        assert!(python(old_mac, "app.handler").is_ok());
        let dir = code(&[]);
        fs::write(dir.path().join("app.py"), b"X = '\xff'\ndef handler(event, context):\n    pass\n").unwrap();
        assert!(check_python(dir.path(), "f", "app.handler").is_ok());
    }

    #[test]
    fn python_suggests_top_level_names() {
        assert_eq!(
            python("def handler(event, context):\n    pass\n", "app.handlr"),
            Err("`app.py` defines no top-level function `handlr`; did you mean `handler`?".into())
        );
        assert_eq!(
            python("def handler(event, context):\n    pass\n", "app.main"),
            Err("`app.py` defines no top-level function `main`".into())
        );
    }

    #[test]
    fn python_module_files() {
        let dir = code(&[
            ("lambda_handler.py", "def handler(event, context):\n    pass\n"),
            ("pkg/app.py", "def handler(event, context):\n    pass\n"),
            ("pkg/api/__init__.py", "from .routes import handler\n"),
            ("pkg/api/routes.py", ""),
        ]);
        let check = |handler: &str| check_python(dir.path(), "functions/hello", handler);
        assert!(check("lambda_handler.handler").is_ok());
        assert!(check("pkg.app.handler").is_ok());
        assert!(check("pkg/app.handler").is_ok());
        assert!(check("pkg.api.handler").unwrap()[0].ends_with("pkg/api/__init__.py"));
        assert_eq!(
            check("missing.handler"),
            Err("module `missing` not found: expected `functions/hello/missing.py` or \
                 `functions/hello/missing/__init__.py`"
                .into())
        );
        assert_eq!(
            check("lamda_handler.handler"),
            Err("module `lamda_handler` not found: expected `functions/hello/lamda_handler.py` or \
                 `functions/hello/lamda_handler/__init__.py`; did you mean `lambda_handler`?"
                .into())
        );
        assert!(check("pgk/app.handler").unwrap_err().ends_with("did you mean `pkg/app`?"));
        assert!(check("pkg.appp.handler").unwrap_err().ends_with("did you mean `pkg.app`?"));
        assert_eq!(
            check_python(dir.path(), "./", "pkg.api.routes.handler"),
            Err("`pkg/api/routes.py` defines no top-level function `handler`".into())
        );
        assert!(check("time.handler").unwrap_err().contains("built-in module `time`"));
        assert_eq!(
            check_python(&dir.path().join("nope"), "functions/nope", "app.handler"),
            Err("code directory `functions/nope` not found".into())
        );
    }

    #[test]
    fn python_letter_case_must_match() {
        let dir = code(&[("Lambda_Handler.py", "def handler(event, context):\n    pass\n")]);
        assert_eq!(
            check_python(dir.path(), "functions/hello", "lambda_handler.handler"),
            Err("module `lambda_handler` not found: expected `functions/hello/lambda_handler.py` or \
                 `functions/hello/lambda_handler/__init__.py`; found `functions/hello/Lambda_Handler.py`, \
                 but Lambda's file system is case-sensitive"
                .into())
        );
    }

    fn unset(source: &str) -> Vec<(String, usize)> {
        env_reads_without_default(source).into_iter().map(|read| (read.name, read.line)).collect()
    }

    #[test]
    fn env_reads_without_a_default_are_found_with_their_line() {
        let source = "import os\n\nTABLE = os.environ[\"TABLE\"]\n\ndef handler(event, context):\n    \
                      queue = os.getenv('QUEUE')\n    bucket = os.environ.get(\"BUCKET\")\n    \
                      again = os.environ[\"TABLE\"]\n    return table, queue, bucket\n";
        assert_eq!(unset(source), [("TABLE".into(), 3), ("QUEUE".into(), 6), ("BUCKET".into(), 7)]);
        // Inside a statement over several lines, the line of the read itself.
        assert_eq!(unset("import os\nBODY = {\n    \"a\": 1,\n    \"b\": os.getenv(\"B\"),\n}\n"), [("B".into(), 4)]);
        // `os` under another name, `environ` and `getenv` imported from it.
        let source = "import json, os as system\nfrom os import (environ as env, getenv)\n\
                      A = system.environ['A']\nB = env['B']\nC = getenv('C')\nD = env.get('D')\n";
        let names: Vec<String> = unset(source).into_iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["A", "B", "C", "D"]);
    }

    #[test]
    fn env_reads_that_cannot_fail_are_not_reported() {
        for line in [
            "X = os.environ.get(\"X\", \"\")",
            "X = os.getenv(\"X\", None)",
            "X = os.getenv(\"X\") or \"default\"",
            "if os.getenv(\"X\"):\n    pass",
            "DEBUG = os.environ.get(\"X\") == \"1\"",
            "MISSING = os.getenv(\"X\") is None",
            "FLAG = not os.getenv(\"X\")",
            "os.environ[\"X\"] = \"set here\"",
            "del os.environ[\"X\"]",
            "os.environ.setdefault(\"X\", \"1\")",
            "PRESENT = \"X\" in os.environ",
            "KEY = os.environ[f\"X_{stage}\"]",
            "KEY = os.environ[name]",
            "# os.environ[\"X\"] in a comment",
            "TEXT = 'os.environ[\"X\"] in a string'",
            "other.environ[\"X\"]",
        ] {
            let source = format!("import os\n{line}\n");
            assert_eq!(unset(&source), [], "{line}");
        }
        // Without `import os`, `os` is not the module.
        assert_eq!(unset("X = os.environ[\"X\"]\n"), []);
    }
}
