//! Handler strings: their format per runtime family, and for Python, Node.js and the OS-only
//! runtimes, the code on disk they point at.
//!
//! Each check mirrors what the runtime does when it loads the function (as of 2026-11-25):
//!
//! * Python, `awslambdaric` `bootstrap._get_handler`: `handler.rsplit(".", 1)` into module and
//!   function, `importlib.import_module(module)` (a `/` in the module path works like a `.`), then
//!   `getattr(module, function)`; a module named like one of CPython's built-in modules is refused.
//! * Node.js, `aws-lambda-nodejs-runtime-interface-client` `UserFunction`: the directory part of
//!   the handler is the module root; the rest splits at its *first* dot into the module and a
//!   property path (`index.handlers.main` is `require("index").handlers.main`); the module file is
//!   the name itself, then `.js`, `.mjs`, `.cjs`; a handler containing `..` is refused.
//! * Ruby, `aws_lambda_ric`: `FILE.METHOD` or `FILE.CLASS.METHOD`.
//! * Java and .NET, the Lambda developer guide's handler pages: `package.Class::method` (or a
//!   `RequestHandler` class), `Assembly::Namespace.Class::Method` (or an executable assembly).
//! * OS-only runtimes run the executable `bootstrap` at the root of the package; the handler is
//!   passed along as `_HANDLER` and is otherwise free text.
//!
//! The source scanners never run the code. They read a file the way the language's tokenizer
//! does only as far as needed to tell a top-level definition from one in a string or a comment,
//! and give up (accepting the handler) where a definition cannot be known without running code:
//! `from x import *`, `export * from`, `module.exports = require(..)`.
//!
//! ```
//! use lambda_stack_runtime::rules::handler::check_format;
//! use lambda_stack_runtime::rules::runtimes::Family;
//! assert!(check_format(Family::Python, "lambda_function.lambda_handler").is_ok());
//! assert_eq!(
//!     check_format(Family::Python, "lambda_handler").unwrap_err(),
//!     "a Python handler must be `module.function` (such as `lambda_function.lambda_handler`), found `lambda_handler`"
//! );
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use super::limits::MAX_HANDLER_CHARS;
use super::runtimes::Family;
use super::suggest;

/// Handler format per family: Python/Node/Ruby `module.function` (split at the LAST dot; module
/// may have `/` or `.`-separated package path for Python, `/` dirs for Node), Java
/// `pkg.Class::method` or `pkg.Class`, Dotnet `Assembly::Namespace.Class::Method`, Provided: free
/// text, no whitespace. Max 128 chars, no whitespace.
///
/// Node.js is checked the way its runtime reads it: `/` directories, then the module name up to
/// the first dot, then the export (or a dotted path into it). Ruby takes `file.method` or
/// `file.Class.method`. .NET also takes an executable assembly's bare name. Go (`go1.x`) is free
/// text like the OS-only runtimes: it named the executable.
///
/// ```
/// use lambda_stack_runtime::rules::handler::check_format;
/// use lambda_stack_runtime::rules::runtimes::Family;
/// assert!(check_format(Family::Node, "src/index.handler").is_ok());
/// assert!(check_format(Family::Java, "example.Handler::handleRequest").is_ok());
/// assert!(check_format(Family::Dotnet, "Shop::Shop.Function::Handle").is_ok());
/// assert!(check_format(Family::Provided, "bootstrap").is_ok());
/// assert!(check_format(Family::Provided, "two words").is_err());
/// ```
pub fn check_format(family: Family, handler: &str) -> Result<(), String> {
    let expected = match family {
        Family::Python => "`module.function` (such as `lambda_function.lambda_handler`)",
        Family::Node => "`file.export` (such as `index.handler` or `src/index.handler`)",
        Family::Ruby => "`file.method` or `file.Class.method` (such as `function.handler`)",
        Family::Java => "`package.Class::method` or `package.Class`",
        Family::Dotnet => "`Assembly::Namespace.Class::Method`, or an executable assembly's name",
        Family::Provided | Family::Go => "a name without whitespace, such as `bootstrap`",
    };
    if handler.is_empty() {
        return Err(format!("handler must not be empty; expected {expected}"));
    }
    let length = handler.chars().count();
    if length > MAX_HANDLER_CHARS {
        return Err(format!("handler must be at most {MAX_HANDLER_CHARS} characters, found {length}"));
    }
    if handler.chars().any(char::is_whitespace) {
        return Err(format!(
            "handler `{}` contains whitespace, which Lambda does not allow; expected {expected}",
            handler.escape_debug()
        ));
    }
    if family == Family::Node && (handler.contains("..") || handler.starts_with('/')) {
        return Err(format!("handler `{handler}` must stay inside the code directory: no `..` and no leading `/`"));
    }
    let valid = match family {
        Family::Python => python_format(handler),
        Family::Node => node_parts(handler).is_some(),
        Family::Ruby => ruby_format(handler),
        Family::Java => java_format(handler),
        Family::Dotnet => dotnet_format(handler),
        Family::Provided | Family::Go => true,
    };
    if valid {
        Ok(())
    } else {
        Err(format!("a {} handler must be {expected}, found `{handler}`", family.name()))
    }
}

fn python_format(handler: &str) -> bool {
    match handler.rsplit_once('.') {
        Some((module, function)) => {
            module.split(['.', '/']).all(|segment| !segment.is_empty()) && is_python_identifier(function)
        }
        None => false,
    }
}

fn ruby_format(handler: &str) -> bool {
    let parts: Vec<&str> = handler.split('.').collect();
    let method = parts[parts.len() - 1];
    let method_ok = method
        .strip_suffix(['?', '!'])
        .unwrap_or(method)
        .chars()
        .enumerate()
        .all(|(i, c)| c == '_' || c.is_alphabetic() || (i > 0 && c.is_alphanumeric()));
    (parts.len() == 2 || parts.len() == 3)
        && parts.iter().all(|part| !part.is_empty())
        && method_ok
        && !method.starts_with(['?', '!'])
}

fn java_format(handler: &str) -> bool {
    let parts: Vec<&str> = handler.split("::").collect();
    let class_ok = parts[0].split('.').all(is_java_identifier);
    match parts.len() {
        1 => class_ok,
        2 => class_ok && is_java_identifier(parts[1]),
        _ => false,
    }
}

fn dotnet_format(handler: &str) -> bool {
    let parts: Vec<&str> = handler.split("::").collect();
    match parts.len() {
        1 => true,
        3 => !parts[0].is_empty() && parts[1].split('.').all(|segment| !segment.is_empty()) && !parts[2].is_empty(),
        _ => false,
    }
}

fn is_java_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

fn is_python_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && !PYTHON_KEYWORDS.contains(&name)
}

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
/// use lambda_stack_runtime::rules::handler::check_python;
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
    let (module, function) = handler.rsplit_once('.').unwrap_or((handler, ""));
    let segments: Vec<&str> = module.split(['.', '/']).collect();
    if PYTHON_BUILTIN_MODULES.contains(&segments[0]) {
        return Err(format!(
            "module `{}` has the name of Python's built-in module `{}`, which Lambda refuses as a \
             handler module; rename the file",
            module, segments[0]
        ));
    }
    let (file, relative) = find_python_module(code_dir, code_dir_display, module, &segments)?;
    let source = read_source(&file, &shown(code_dir_display, &relative))?;
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
    verdict.map(|()| vec![absolute(&file)])
}

/// CPython's `sys.builtin_module_names` without the private ones, the same in 3.8 to 3.13.
const PYTHON_BUILTIN_MODULES: &[&str] =
    &["atexit", "builtins", "errno", "faulthandler", "gc", "itertools", "marshal", "posix", "pwd", "sys", "time"];

/// The file that `import module` loads: a regular package (`name/__init__.py`) before a module
/// file (`name.py`), as CPython's path finder orders them.
fn find_python_module(
    code_dir: &Path,
    code_dir_display: &str,
    module: &str,
    segments: &[&str],
) -> Result<(PathBuf, String), String> {
    let relative_stem = segments.join("/");
    let not_found = |why: String| {
        format!(
            "module `{module}` not found: expected `{}` or `{}`{why}",
            shown(code_dir_display, &format!("{relative_stem}.py")),
            shown(code_dir_display, &format!("{relative_stem}/__init__.py")),
        )
    };
    let mut dir = code_dir.to_path_buf();
    let last = segments.len() - 1;
    for (index, segment) in segments.iter().enumerate() {
        let entries = list_dir(&dir);
        if index < last {
            match entry(&entries, segment) {
                Found::Dir => {
                    dir.push(segment);
                    continue;
                }
                found => {
                    let packages = entries.iter().filter(|e| e.is_dir).map(|e| e.name.as_str());
                    return Err(not_found(case_or_typo(&found, code_dir_display, module, segments, index, packages)));
                }
            }
        }
        if let Found::Dir = entry(&entries, segment) {
            let package = dir.join(segment);
            if let Found::File = entry(&list_dir(&package), "__init__.py") {
                return Ok((package.join("__init__.py"), format!("{relative_stem}/__init__.py")));
            }
        }
        let file_name = format!("{segment}.py");
        let found = entry(&entries, &file_name);
        if let Found::File = found {
            return Ok((dir.join(file_name), format!("{relative_stem}.py")));
        }
        let modules =
            entries.iter().filter_map(|e| if e.is_dir { Some(e.name.as_str()) } else { e.name.strip_suffix(".py") });
        return Err(not_found(case_or_typo(&found, code_dir_display, module, segments, index, modules)));
    }
    unreachable!("a module path has at least one segment")
}

/// `; found `X`, but ...` when only the letter case differs, else a did-you-mean over
/// `candidates` for the segment at `index`.
fn case_or_typo<'a>(
    found: &Found,
    display: &str,
    module: &str,
    segments: &[&str],
    index: usize,
    candidates: impl Iterator<Item = &'a str>,
) -> String {
    match found {
        Found::OtherCase(actual) => {
            let mut path: Vec<String> = segments[..index].iter().map(|s| s.to_string()).collect();
            path.push(actual.clone());
            format!("; found `{}`, but Lambda's file system is case-sensitive", shown(display, &path.join("/")))
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
                    current = Some(LogicalLine { line, indented: j > i, text: String::new() });
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
                        '\n' => break,
                        q if q == c && (!triple || (chars.get(i + 1) == Some(&c) && chars.get(i + 2) == Some(&c))) => {
                            i += if triple { 3 } else { 1 };
                            break;
                        }
                        _ => i += 1,
                    }
                }
                if let Some(logical) = current.as_mut() {
                    logical.text.push_str("\"\"");
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

/// Node: `src/index.handler` → `src/index.js|.mjs|.cjs` must exist and export `handler`:
/// `exports.handler =`, `module.exports.handler =`, `module.exports = { handler` (also
/// `handler:` / shorthand inside that object), `export const|let|var handler`,
/// `export function handler`, `export async function handler`, `export { handler }`,
/// `export { x as handler }`. Same kinds of errors, with did-you-mean over the exported names
/// found.
///
/// The handler is split the way the Node.js runtime splits it: directories, then the module up
/// to the first dot, then the export; for a dotted path (`index.handlers.main`) the first name
/// must be exported. A default export does not count: Lambda looks up a named one. Where the
/// exports cannot be known without running the code (`module.exports = require(..)`,
/// `export * from`, a spread into `module.exports`), the handler is accepted.
///
/// ```
/// use lambda_stack_runtime::rules::handler::check_node;
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("index.mjs"), "export const handler = async (event) => event;\n").unwrap();
/// assert!(check_node(dir.path(), "functions/api", "index.handler").is_ok());
/// assert_eq!(
///     check_node(dir.path(), "functions/api", "index.main").unwrap_err(),
///     "`index.mjs` does not export `main`"
/// );
/// ```
pub fn check_node(code_dir: &Path, code_dir_display: &str, handler: &str) -> Result<Vec<PathBuf>, String> {
    check_format(Family::Node, handler)?;
    check_code_dir(code_dir, code_dir_display)?;
    // `check_format` has already accepted the handler, so this only restates its error.
    let (dirs, module, property_path) =
        node_parts(handler).ok_or_else(|| format!("a Node.js handler must be `file.export`, found `{handler}`"))?;
    let export = property_path.split('.').next().unwrap_or(property_path);
    let module_path = if dirs.is_empty() { module.to_string() } else { format!("{dirs}/{module}") };
    let dir = code_dir.join(dirs);
    let entries = list_dir(&dir);
    let found = ["", ".js", ".mjs", ".cjs"].iter().find_map(|extension| {
        let name = format!("{module}{extension}");
        matches!(entry(&entries, &name), Found::File).then_some(name)
    });
    let Some(file_name) = found else {
        let mut message = format!(
            "module `{module_path}` not found: expected `{}`, `.mjs` or `.cjs`",
            shown(code_dir_display, &format!("{module_path}.js"))
        );
        let other_case = [".js", ".mjs", ".cjs"].iter().find_map(|extension| {
            match entry(&entries, &format!("{module}{extension}")) {
                Found::OtherCase(actual) => Some(actual),
                _ => None,
            }
        });
        if let Some(actual) = other_case {
            let actual = if dirs.is_empty() { actual } else { format!("{dirs}/{actual}") };
            message.push_str(&format!(
                "; found `{}`, but Lambda's file system is case-sensitive",
                shown(code_dir_display, &actual)
            ));
        } else {
            let stems = entries
                .iter()
                .filter(|e| !e.is_dir)
                .filter_map(|e| [".js", ".mjs", ".cjs"].iter().find_map(|extension| e.name.strip_suffix(extension)));
            if let Some(stem) = suggest::closest(module, stems) {
                let guess = if dirs.is_empty() { stem.to_string() } else { format!("{dirs}/{stem}") };
                message.push_str(&format!("; did you mean `{guess}`?"));
            }
        }
        return Err(message);
    };
    let relative = if dirs.is_empty() { file_name.clone() } else { format!("{dirs}/{file_name}") };
    let file = dir.join(&file_name);
    let source = read_source(&file, &shown(code_dir_display, &relative))?;
    let exports = scan_node(&source);
    if exports.names.iter().any(|name| name == export) || exports.unknown {
        return Ok(vec![absolute(&file)]);
    }
    let mut message = format!(
        "`{relative}` does not export `{export}`{}",
        suggest::did_you_mean(export, exports.names.iter().map(String::as_str))
    );
    if exports.defined.iter().any(|name| name == export) {
        message.push_str(&format!("; `{export}` is defined there but not exported"));
    } else if exports.has_default {
        message.push_str("; a default export does not count, Lambda looks up a named export");
    }
    Err(message)
}

/// `(directories, module, property path)` of a Node.js handler, or `None` when malformed.
fn node_parts(handler: &str) -> Option<(&str, &str, &str)> {
    let handler = handler.strip_prefix("./").unwrap_or(handler);
    let (dirs, base) = handler.rsplit_once('/').unwrap_or(("", handler));
    let (module, property_path) = base.split_once('.')?;
    let dirs_ok = dirs.is_empty() || dirs.split('/').all(|segment| !segment.is_empty());
    let path_ok = property_path.split('.').all(|segment| !segment.is_empty());
    (dirs_ok && !module.is_empty() && path_ok).then_some((dirs, module, property_path))
}

#[derive(Debug, Clone, PartialEq)]
enum Js {
    Ident(String),
    Str(String),
    Punct(char),
    /// Numbers, regular expressions, template literals: nothing an export is made of.
    Other,
}

/// JavaScript tokens with comments dropped. Strings keep their text; template literals and regular
/// expressions are skipped whole, including `${...}` nesting, so nothing inside them is mistaken
/// for code.
fn js_tokens(source: &str) -> Vec<Js> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let chars: Vec<char> = source.chars().collect();
    let mut tokens: Vec<Js> = Vec::new();
    // One brace counter per `${` we are inside of.
    let mut templates: Vec<u32> = Vec::new();
    let mut i = 0;
    if chars.starts_with(&['#', '!']) {
        while i < chars.len() && chars[i] != '\n' {
            i += 1;
        }
    }
    // Returns the index after a template literal's text, having pushed `${` onto `templates` if
    // that is where the text stopped.
    let template_text = |mut i: usize, templates: &mut Vec<u32>| -> usize {
        while i < chars.len() {
            match chars[i] {
                '\\' => i += 2,
                '`' => return i + 1,
                '$' if chars.get(i + 1) == Some(&'{') => {
                    templates.push(0);
                    return i + 2;
                }
                _ => i += 1,
            }
        }
        i
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
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
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != c && chars[i] != '\n' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if let Some(&ch) = chars.get(i) {
                    text.push(ch);
                }
                i += 1;
            }
            i += 1;
            tokens.push(Js::Str(text));
        } else if c == '`' {
            i = template_text(i + 1, &mut templates);
            tokens.push(Js::Other);
        } else if c == '{' {
            if let Some(depth) = templates.last_mut() {
                *depth += 1;
            }
            tokens.push(Js::Punct('{'));
            i += 1;
        } else if c == '}' && templates.last() == Some(&0) {
            templates.pop();
            i = template_text(i + 1, &mut templates);
        } else if c == '}' {
            if let Some(depth) = templates.last_mut() {
                *depth -= 1;
            }
            tokens.push(Js::Punct('}'));
            i += 1;
        } else if c == '/' && regex_may_start(tokens.last()) {
            let mut in_class = false;
            i += 1;
            while i < chars.len() && chars[i] != '\n' {
                match chars[i] {
                    '\\' => i += 1,
                    '[' => in_class = true,
                    ']' => in_class = false,
                    '/' if !in_class => break,
                    _ => {}
                }
                i += 1;
            }
            i += 1;
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            tokens.push(Js::Other);
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                i += 1;
            }
            tokens.push(Js::Ident(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
                i += 1;
            }
            tokens.push(Js::Other);
        } else {
            tokens.push(Js::Punct(c));
            i += 1;
        }
    }
    tokens
}

/// Whether a `/` after `previous` starts a regular expression rather than dividing.
fn regex_may_start(previous: Option<&Js>) -> bool {
    match previous {
        None => true,
        Some(Js::Punct(c)) => "(,=:[!&|?{};+-*%<>~^".contains(*c),
        Some(Js::Ident(word)) => matches!(
            word.as_str(),
            "return"
                | "typeof"
                | "instanceof"
                | "in"
                | "of"
                | "new"
                | "delete"
                | "void"
                | "throw"
                | "case"
                | "do"
                | "else"
                | "yield"
                | "await"
        ),
        Some(_) => false,
    }
}

#[derive(Debug, Default)]
struct JsExports {
    names: Vec<String>,
    /// Some export could add names we cannot see.
    unknown: bool,
    has_default: bool,
    /// Names declared with `function`, `class`, `const`, `let` or `var`, exported or not.
    defined: Vec<String>,
}

fn scan_node(source: &str) -> JsExports {
    let tokens = js_tokens(source);
    let mut exports = JsExports::default();
    let at = |k: usize| tokens.get(k);
    let ident = |k: usize, word: &str| matches!(at(k), Some(Js::Ident(w)) if w == word);
    let punct = |k: usize, c: char| at(k) == Some(&Js::Punct(c));
    let name_at = |k: usize| match at(k) {
        Some(Js::Ident(name) | Js::Str(name)) => Some(name.clone()),
        _ => None,
    };
    // `= x` but not `== x` or `=> x`.
    let assigns = |k: usize| punct(k, '=') && !punct(k + 1, '=') && !punct(k + 1, '>');
    for k in 0..tokens.len() {
        let after_dot = k > 0 && punct(k - 1, '.');
        if ident(k, "function") || ident(k, "class") || ident(k, "const") || ident(k, "let") || ident(k, "var") {
            let name = if punct(k + 1, '*') { k + 2 } else { k + 1 };
            if let Some(Js::Ident(name)) = at(name) {
                exports.defined.push(name.clone());
            }
        }
        // `exports.NAME =`, `exports["NAME"] =`, and the same after `module.`.
        let exports_at = if ident(k, "module") && punct(k + 1, '.') && ident(k + 2, "exports") && !after_dot {
            Some(k + 3)
        } else if ident(k, "exports") && !after_dot {
            Some(k + 1)
        } else {
            None
        };
        if let Some(e) = exports_at {
            if punct(e, '.') && assigns(e + 2) {
                exports.names.extend(name_at(e + 1).filter(|_| matches!(at(e + 1), Some(Js::Ident(_)))));
            } else if punct(e, '[') && matches!(at(e + 1), Some(Js::Str(_))) && punct(e + 2, ']') && assigns(e + 3) {
                exports.names.extend(name_at(e + 1));
            } else if ident(k, "module") && assigns(e) {
                if punct(e + 1, '{') {
                    object_keys(&tokens, e + 1, &mut exports);
                } else if !(ident(e + 1, "function") || ident(e + 1, "async") || ident(e + 1, "class")) {
                    // An identifier, `require(..)`, a bundler's `(() => {..})()`: its properties
                    // are not visible here. (A plain function has none, hence the exceptions.)
                    exports.unknown = true;
                }
            }
        }
        // `Object.defineProperty(exports, "NAME", ..)`, which TypeScript emits for re-exports.
        if ident(k, "defineProperty") && punct(k + 1, '(') {
            let comma = if ident(k + 2, "exports") {
                k + 3
            } else if ident(k + 2, "module") && punct(k + 3, '.') && ident(k + 4, "exports") {
                k + 5
            } else {
                0
            };
            if comma > 0 && punct(comma, ',') && matches!(at(comma + 1), Some(Js::Str(_))) {
                exports.names.extend(name_at(comma + 1));
            }
        }
        if !ident(k, "export") || after_dot {
            continue;
        }
        match at(k + 1) {
            Some(Js::Ident(word)) if matches!(word.as_str(), "const" | "let" | "var") => match at(k + 2) {
                Some(Js::Ident(name)) => exports.names.push(name.clone()),
                _ => exports.unknown = true,
            },
            Some(Js::Ident(word)) if word == "function" || word == "class" => {
                let name = if punct(k + 2, '*') { k + 3 } else { k + 2 };
                exports.names.extend(name_at(name));
            }
            Some(Js::Ident(word)) if word == "async" && ident(k + 2, "function") => {
                let name = if punct(k + 3, '*') { k + 4 } else { k + 3 };
                exports.names.extend(name_at(name));
            }
            Some(Js::Ident(word)) if word == "default" => exports.has_default = true,
            Some(Js::Punct('{')) => {
                let mut j = k + 2;
                let mut item: Vec<String> = Vec::new();
                while let Some(token) = at(j) {
                    match token {
                        Js::Punct(',') | Js::Punct('}') => {
                            // `a`, or `a as b`: the exported name is the last one.
                            if let Some(last) = item.last() {
                                exports.names.push(last.clone());
                            }
                            item.clear();
                            if *token == Js::Punct('}') {
                                break;
                            }
                        }
                        Js::Ident(name) | Js::Str(name) if name != "as" => item.push(name.clone()),
                        _ => {}
                    }
                    j += 1;
                }
            }
            Some(Js::Punct('*')) => match (ident(k + 2, "as"), name_at(k + 3)) {
                (true, Some(name)) => exports.names.push(name),
                _ => exports.unknown = true,
            },
            _ => {}
        }
    }
    exports
}

/// The keys of the object literal opening at `tokens[open]` (`{`), for `module.exports = {..}`.
fn object_keys(tokens: &[Js], open: usize, exports: &mut JsExports) {
    let mut depth = 0;
    let mut entry_start = false;
    let mut k = open;
    while let Some(token) = tokens.get(k) {
        let next = tokens.get(k + 1);
        if depth == 1 && entry_start {
            entry_start = false;
            match (token, next) {
                (Js::Punct('.'), _) => exports.unknown = true,
                (Js::Ident(word), Some(Js::Ident(name))) if matches!(word.as_str(), "async" | "get" | "set") => {
                    exports.names.push(name.clone())
                }
                (Js::Punct('*'), Some(Js::Ident(name))) => exports.names.push(name.clone()),
                (Js::Ident(name), Some(Js::Punct(',' | '}' | ':' | '('))) => exports.names.push(name.clone()),
                (Js::Str(name), Some(Js::Punct(':'))) => exports.names.push(name.clone()),
                _ => {}
            }
        }
        match token {
            Js::Punct('{' | '(' | '[') => {
                depth += 1;
                entry_start = depth == 1;
            }
            Js::Punct('}' | ')' | ']') => {
                depth -= 1;
                if depth == 0 {
                    return;
                }
            }
            Js::Punct(',') if depth == 1 => entry_start = true,
            _ => {}
        }
        k += 1;
    }
}

/// Provided runtimes: an executable (any x bit) file named `bootstrap` at the root of code_dir.
///
/// ```
/// use lambda_stack_runtime::rules::handler::check_bootstrap;
/// let dir = tempfile::tempdir().unwrap();
/// assert_eq!(
///     check_bootstrap(dir.path(), "functions/resize").unwrap_err(),
///     "no `bootstrap` at the root of `functions/resize`: an OS-only runtime starts the \
///      executable named `bootstrap`"
/// );
/// ```
pub fn check_bootstrap(code_dir: &Path, code_dir_display: &str) -> Result<Vec<PathBuf>, String> {
    check_code_dir(code_dir, code_dir_display)?;
    let path = code_dir.join("bootstrap");
    let display = shown(code_dir_display, "bootstrap");
    match entry(&list_dir(code_dir), "bootstrap") {
        Found::File => {}
        Found::Dir => {
            return Err(format!(
                "`{display}` is a directory; an OS-only runtime starts an executable file named `bootstrap`"
            ))
        }
        found => {
            let mut message = format!(
                "no `bootstrap` at the root of `{code_dir_display}`: an OS-only runtime starts the \
                 executable named `bootstrap`"
            );
            if let Found::OtherCase(actual) = found {
                message.push_str(&format!(
                    "; found `{}`, but Lambda's file system is case-sensitive",
                    shown(code_dir_display, &actual)
                ));
            }
            return Err(message);
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode =
            fs::metadata(&path).map_err(|error| format!("cannot read `{display}`: {error}"))?.permissions().mode();
        if mode & 0o111 == 0 {
            return Err(format!("`{display}` is not executable; Lambda runs it as a program: `chmod +x {display}`"));
        }
    }
    Ok(vec![absolute(&path)])
}

fn check_code_dir(code_dir: &Path, code_dir_display: &str) -> Result<(), String> {
    if code_dir.is_dir() {
        Ok(())
    } else {
        Err(format!("code directory `{code_dir_display}` not found"))
    }
}

/// `display/relative`, as the user would write it.
fn shown(code_dir_display: &str, relative: &str) -> String {
    let base = code_dir_display.trim_end_matches('/');
    if base.is_empty() || base == "." {
        relative.to_string()
    } else {
        format!("{base}/{relative}")
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn read_source(path: &Path, display: &str) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|error| format!("cannot read `{display}`: {error}"))?;
    // Both languages default to UTF-8; a stray byte should not hide the definitions around it.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

struct DirEntry {
    name: String,
    is_dir: bool,
}

fn list_dir(dir: &Path) -> Vec<DirEntry> {
    let Ok(read) = fs::read_dir(dir) else { return Vec::new() };
    read.filter_map(Result::ok)
        .map(|entry| DirEntry {
            name: entry.file_name().to_string_lossy().into_owned(),
            // `fs::metadata` follows symlinks, as the runtime's `open` would.
            is_dir: fs::metadata(entry.path()).is_ok_and(|meta| meta.is_dir()),
        })
        .collect()
}

enum Found {
    File,
    Dir,
    /// Only a name differing in letter case exists: found on macOS or Windows, not on Lambda.
    OtherCase(String),
    Missing,
}

/// `name` in a directory listing, matched case-sensitively whatever the local file system does.
fn entry(entries: &[DirEntry], name: &str) -> Found {
    if let Some(found) = entries.iter().find(|e| e.name == name) {
        return if found.is_dir { Found::Dir } else { Found::File };
    }
    match entries.iter().find(|e| e.name.eq_ignore_ascii_case(name)) {
        Some(other) => Found::OtherCase(other.name.clone()),
        None => Found::Missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    fn python(source: &str, handler: &str) -> Result<Vec<PathBuf>, String> {
        let dir = code(&[("app.py", source)]);
        check_python(dir.path(), "functions/hello", handler)
    }

    fn node(file: &str, source: &str, handler: &str) -> Result<Vec<PathBuf>, String> {
        let dir = code(&[(file, source)]);
        check_node(dir.path(), "functions/api", handler)
    }

    #[test]
    fn formats_per_family() {
        use Family::*;
        let ok = [
            (Python, "lambda_function.lambda_handler"),
            (Python, "pkg.app.handler"),
            (Python, "pkg/app.handler"),
            (Python, "my-module.handler"),
            (Node, "index.handler"),
            (Node, "src/index.handler"),
            (Node, "./src/index.handler"),
            (Node, "index.handlers.main"),
            (Ruby, "function.handler"),
            (Ruby, "lib/function.Shop::Handler.process"),
            (Ruby, "function.valid?"),
            (Java, "example.Handler::handleRequest"),
            (Java, "example.Outer$Inner"),
            (Java, "Handler"),
            (Dotnet, "Shop::Shop.Function::Handle"),
            (Dotnet, "Shop.Api"),
            (Provided, "bootstrap"),
            (Provided, "anything.goes::here"),
            (Go, "main"),
        ];
        for (family, handler) in ok {
            assert_eq!(check_format(family, handler), Ok(()), "{family:?} {handler}");
        }
        let bad = [
            (Python, "lambda_handler"),
            (Python, ".handler"),
            (Python, "app."),
            (Python, "app.3x"),
            (Python, "app.def"),
            (Python, "pkg..app.handler"),
            (Python, "/app.handler"),
            (Node, "index"),
            (Node, "src/.handler"),
            (Node, "index."),
            (Node, "index..handler"),
            (Node, "src//index.handler"),
            (Ruby, "function"),
            (Ruby, "a.b.c.d"),
            (Ruby, "function.9lives"),
            (Java, "example.Handler::"),
            (Java, "example..Handler"),
            (Java, "a::b::c"),
            (Dotnet, "A::B"),
            (Dotnet, "A::::C"),
        ];
        for (family, handler) in bad {
            assert!(check_format(family, handler).is_err(), "{family:?} {handler}");
        }
        assert_eq!(
            check_format(Java, "Handler::"),
            Err("a Java handler must be `package.Class::method` or `package.Class`, found `Handler::`".into())
        );
    }

    #[test]
    fn format_limits_apply_to_every_family() {
        for family in [Family::Python, Family::Node, Family::Provided, Family::Dotnet] {
            assert!(check_format(family, "").unwrap_err().starts_with("handler must not be empty"));
            assert!(check_format(family, "app.two words").unwrap_err().contains("whitespace"));
            assert!(check_format(family, "app.tab\there").unwrap_err().contains("`app.tab\\there`"));
        }
        let long = format!("app.{}", "h".repeat(124));
        assert!(check_format(Family::Python, &long).is_ok());
        assert_eq!(
            check_format(Family::Python, &format!("{long}h")),
            Err("handler must be at most 128 characters, found 129".into())
        );
        assert_eq!(
            check_format(Family::Node, "../lib/index.handler"),
            Err("handler `../lib/index.handler` must stay inside the code directory: no `..` and no leading `/`".into())
        );
        assert!(check_format(Family::Node, "/var/task/index.handler").is_err());
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

    #[test]
    fn node_export_forms() {
        for (file, source) in [
            ("index.js", "exports.handler = async (event) => {};\n"),
            ("index.js", "module.exports.handler = function (event, context) {};\n"),
            ("index.js", "module.exports['handler'] = fn;\n"),
            ("index.js", "module.exports = { handler };\n"),
            ("index.js", "module.exports = {\n  other: 1,\n  handler: async (e) => e,\n};\n"),
            ("index.js", "module.exports = { async handler(event) { return { a: 1 }; } };\n"),
            ("index.js", "module.exports = { 'handler': run };\n"),
            ("index.js", "module.exports = require('./impl');\n"),
            ("index.js", "module.exports = (() => { return { handler }; })();\n"),
            ("index.js", "module.exports = { ...require('./impl') };\n"),
            (
                "index.js",
                "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\n\
                 exports.handler = void 0;\nconst handler = async () => 1;\nexports.handler = handler;\n",
            ),
            ("index.js", "Object.defineProperty(exports, \"handler\", { enumerable: true, get: f });\n"),
            ("index.mjs", "export const handler = async () => 1;\n"),
            ("index.mjs", "export let handler;\n"),
            ("index.mjs", "export var handler = 1;\n"),
            ("index.mjs", "export function handler(event) {}\n"),
            ("index.mjs", "export async function handler(event) {}\n"),
            ("index.mjs", "export async function* handler(event) {}\n"),
            ("index.mjs", "const handler = 1;\nexport { other, handler };\n"),
            ("index.mjs", "export { run as handler } from './impl.mjs';\n"),
            ("index.mjs", "export * from './impl.mjs';\n"),
            ("index.mjs", "export * as handler from './impl.mjs';\n"),
            ("index.cjs", "exports.handler = () => {};\n"),
        ] {
            assert_eq!(node(file, source, "index.handler").map(|_| ()), Ok(()), "{file}: {source}");
        }
    }

    #[test]
    fn node_comments_strings_templates_and_regexes_are_not_code() {
        for source in [
            "// export const handler = 1;\n",
            "/* exports.handler = 1; */\n",
            "/*\n * module.exports.handler = x\n */\n",
            "const s = 'export const handler = 1';\n",
            "const t = `exports.handler = ${ { a: 1 }.a } and ${`nested ${1}`}`;\n",
            "const r = /exports.handler = 1/;\n",
            "exports.handler == other;\n",
        ] {
            assert!(node("index.js", source, "index.handler").is_err(), "{source}");
        }
        let tricky = "const re = /\\/\\/[/]/g; const half = 1 / 2; // exports.x = 1\n\
                      const t = `}${'{'}`;\nexport const handler = () => re;\n";
        assert!(node("index.mjs", tricky, "index.handler").is_ok());
    }

    #[test]
    fn node_files_and_paths() {
        let dir = code(&[
            ("src/index.js", "exports.handlers = { main() {} };\n"),
            ("src/index.mjs", "export const other = 1;\n"),
            ("lib/app.cjs", "exports.handler = 1;\n"),
        ]);
        let check = |handler: &str| check_node(dir.path(), "functions/api", handler);
        // `.js` comes before `.mjs`, as in the runtime.
        assert!(check("src/index.handlers.main").unwrap()[0].ends_with("src/index.js"));
        assert!(check("./src/index.handlers").is_ok());
        assert!(check("lib/app.handler").is_ok());
        assert_eq!(
            check("src/main.handler"),
            Err("module `src/main` not found: expected `functions/api/src/main.js`, `.mjs` or `.cjs`".into())
        );
        assert_eq!(
            check("src/indx.handler"),
            Err("module `src/indx` not found: expected `functions/api/src/indx.js`, `.mjs` or `.cjs`; \
                 did you mean `src/index`?"
                .into())
        );
        assert_eq!(
            check("src/index.handler"),
            Err("`src/index.js` does not export `handler`; did you mean `handlers`?".into())
        );
    }

    #[test]
    fn node_hints() {
        assert_eq!(
            node("index.mjs", "export const handler = 1;\n", "index.handlr"),
            Err("`index.mjs` does not export `handlr`; did you mean `handler`?".into())
        );
        assert_eq!(
            node("index.mjs", "async function handler(event) {}\n", "index.handler"),
            Err("`index.mjs` does not export `handler`; `handler` is defined there but not exported".into())
        );
        assert_eq!(
            node("index.mjs", "export default { handler: () => 1 };\n", "index.handler"),
            Err("`index.mjs` does not export `handler`; a default export does not count, Lambda looks \
                 up a named export"
                .into())
        );
        assert!(node("index.js", "module.exports = async (event) => event;\n", "index.handler").is_err());
        let dir = code(&[("Index.js", "exports.handler = 1;\n")]);
        assert!(check_node(dir.path(), "f", "index.handler").unwrap_err().contains("found `f/Index.js`"));
    }

    #[test]
    fn bootstrap_must_exist_and_run() {
        let dir = code(&[]);
        assert_eq!(
            check_bootstrap(dir.path(), "functions/resize/"),
            Err("no `bootstrap` at the root of `functions/resize/`: an OS-only runtime starts the \
                 executable named `bootstrap`"
                .into())
        );
        fs::create_dir(dir.path().join("bootstrap")).unwrap();
        assert!(check_bootstrap(dir.path(), "f").unwrap_err().contains("is a directory"));
        let dir = code(&[("Bootstrap", "")]);
        assert!(check_bootstrap(dir.path(), "f")
            .unwrap_err()
            .ends_with("found `f/Bootstrap`, but Lambda's file system is case-sensitive"));
    }

    #[cfg(unix)]
    #[test]
    fn bootstrap_needs_an_execute_bit() {
        use std::os::unix::fs::PermissionsExt;
        let dir = code(&[("bootstrap", "#!/bin/sh\n")]);
        let path = dir.path().join("bootstrap");
        let set = |mode: u32| fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        set(0o644);
        assert_eq!(
            check_bootstrap(dir.path(), "functions/resize"),
            Err("`functions/resize/bootstrap` is not executable; Lambda runs it as a program: \
                 `chmod +x functions/resize/bootstrap`"
                .into())
        );
        for mode in [0o755, 0o700, 0o654, 0o645] {
            set(mode);
            let read = check_bootstrap(dir.path(), "functions/resize").unwrap();
            assert!(read[0].is_absolute() && read[0].ends_with("bootstrap"), "{mode:o}");
        }
    }

    #[test]
    fn displayed_paths() {
        assert_eq!(shown("functions/hello", "app.py"), "functions/hello/app.py");
        assert_eq!(shown("functions/hello/", "app.py"), "functions/hello/app.py");
        assert_eq!(shown(".", "app.py"), "app.py");
        assert_eq!(shown("", "app.py"), "app.py");
    }
}
