//! The JavaScript scanner: the module file a Node.js handler names, and its named export.
//!
//! It mirrors `aws-lambda-nodejs-runtime-interface-client` `UserFunction` (as of 2026-11-25): the
//! directory part of the handler is the module root; the rest splits at its *first* dot into the
//! module and a property path; the module file is the name itself, then `.js`, `.mjs`, `.cjs`.
//!
//! Hand-written rather than a JavaScript parser, which would enter the proc-macro's dependency
//! graph: the need is narrow, find a top-level export. The tokenizer drops comments and skips
//! strings, template literals and regular expressions whole; the scanner then reads the CommonJS
//! and ES module export forms. Where the exports cannot be known without running the code
//! (`module.exports = require(..)`, `export * from`), the handler is accepted.

use std::path::{Path, PathBuf};

use super::zip::Zip;
use super::{check_code_dir, entry, CodeDir, EnvRead, Found, Tree};
use crate::rules::handler::{check_format, node_parts};
use crate::rules::runtimes::Family;
use crate::rules::suggest;

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
/// use lambda_stack_core::scan::node::check_node;
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
    check_node_in(&CodeDir { dir: code_dir, display: code_dir_display }, handler, Sources::Run)
}

/// [`check_node`] for `bundle: esbuild`: the handler's module is the bundle's entry point, a
/// TypeScript or JavaScript file (`.ts`, `.mts`, `.cts`, `.tsx`, `.js`, `.mjs`, `.cjs`, `.jsx`),
/// and must export the handler's name, as the bundle will.
///
/// ```
/// use lambda_stack_core::scan::node::check_node_bundle;
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::create_dir(dir.path().join("src")).unwrap();
/// std::fs::write(
///     dir.path().join("src/index.ts"),
///     "export const handler = async (event: { name: string }): Promise<string> => event.name;\n",
/// )
/// .unwrap();
/// assert!(check_node_bundle(dir.path(), "functions/api", "src/index.handler").is_ok());
/// assert_eq!(
///     check_node_bundle(dir.path(), "functions/api", "src/index.main").unwrap_err(),
///     "`src/index.ts` does not export `main`"
/// );
/// ```
pub fn check_node_bundle(code_dir: &Path, code_dir_display: &str, handler: &str) -> Result<Vec<PathBuf>, String> {
    check_format(Family::Node, handler)?;
    check_code_dir(code_dir, code_dir_display)?;
    check_node_in(&CodeDir { dir: code_dir, display: code_dir_display }, handler, Sources::Bundled)
}

/// How the handler's module reaches Node.js: as it is, or through a bundler.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sources {
    /// Node.js loads the file: the name itself, then `.js`, `.mjs`, `.cjs`, as its runtime does.
    Run,
    /// A bundler reads it, TypeScript included.
    Bundled,
}

/// The TypeScript extensions: files Node.js's Lambda runtime does not load, which a bundle compiles.
const TYPESCRIPT: [&str; 4] = [".ts", ".mts", ".cts", ".tsx"];

impl Sources {
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Sources::Run => &["", ".js", ".mjs", ".cjs"],
            Sources::Bundled => &[".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".jsx"],
        }
    }
}

/// [`check_node`] inside a prebuilt zip: the module is one of its entries. Returns the
/// module's path inside the zip.
pub fn check_node_zip(zip: &Zip, handler: &str) -> Result<Vec<PathBuf>, String> {
    check_format(Family::Node, handler)?;
    check_node_in(zip, handler, Sources::Run)
}

/// The handler's module in `tree`, and its export: see [`check_node`].
fn check_node_in(tree: &dyn Tree, handler: &str, sources: Sources) -> Result<Vec<PathBuf>, String> {
    // `check_format` has already accepted the handler, so this only restates its error.
    let (dirs, module, property_path) =
        node_parts(handler).ok_or_else(|| format!("a Node.js handler must be `file.export`, found `{handler}`"))?;
    let export = property_path.split('.').next().unwrap_or(property_path);
    let module_path = if dirs.is_empty() { module.to_string() } else { format!("{dirs}/{module}") };
    let entries = tree.list(dirs);
    let extensions = sources.extensions();
    let found = extensions.iter().find_map(|extension| {
        let name = format!("{module}{extension}");
        matches!(entry(&entries, &name), Found::File).then_some(name)
    });
    let Some(file_name) = found else {
        if sources == Sources::Run {
            let typescript = TYPESCRIPT.iter().map(|extension| format!("{module}{extension}"));
            if let Some(name) = typescript.clone().find(|name| matches!(entry(&entries, name), Found::File)) {
                let relative = if dirs.is_empty() { name } else { format!("{dirs}/{name}") };
                return Err(format!(
                    "`{}` is TypeScript, which the Node.js runtime does not load; write `bundle: esbuild` to \
                     compile it and its imports into one JavaScript file",
                    tree.shown(&relative)
                ));
            }
        }
        let named: Vec<&str> = extensions.iter().copied().filter(|extension| !extension.is_empty()).collect();
        let mut message = format!(
            "module `{module_path}` not found: expected `{}`, {}",
            tree.shown(&format!("{module_path}{}", named[0])),
            suggest::one_of(&named[1..])
        );
        let other_case = named.iter().find_map(|extension| match entry(&entries, &format!("{module}{extension}")) {
            Found::OtherCase(actual) => Some(actual),
            _ => None,
        });
        if let Some(actual) = other_case {
            let actual = if dirs.is_empty() { actual } else { format!("{dirs}/{actual}") };
            message.push_str(&format!("; found `{}`, but Lambda's file system is case-sensitive", tree.shown(&actual)));
        } else {
            let stems = entries
                .iter()
                .filter(|e| !e.is_dir)
                .filter_map(|e| named.iter().find_map(|extension| e.name.strip_suffix(extension)));
            if let Some(stem) = suggest::closest(module, stems) {
                let guess = if dirs.is_empty() { stem.to_string() } else { format!("{dirs}/{stem}") };
                message.push_str(&format!("; did you mean `{guess}`?"));
            }
        }
        return Err(message);
    };
    let relative = if dirs.is_empty() { file_name.clone() } else { format!("{dirs}/{file_name}") };
    let source = tree.read(&relative)?;
    let exports = scan_node(&source);
    if exports.names.iter().any(|name| name == export) || exports.unknown {
        return Ok(vec![tree.tracked(&relative)]);
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
    js_tokens_with_lines(source).0
}

/// [`js_tokens`], and the line each token starts on.
fn js_tokens_with_lines(source: &str) -> (Vec<Js>, Vec<usize>) {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let chars: Vec<char> = source.chars().collect();
    let mut tokens: Vec<Js> = Vec::new();
    let mut lines: Vec<usize> = Vec::new();
    let newlines: Vec<usize> = chars.iter().enumerate().filter(|(_, c)| **c == '\n').map(|(i, _)| i).collect();
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
        let (start, count) = (i, tokens.len());
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
        if tokens.len() > count {
            lines.push(newlines.partition_point(|&newline| newline < start) + 1);
        }
    }
    (tokens, lines)
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

/// The environment variables a JavaScript module reads with no default, each with the line of its
/// first such read: `process.env.X`, `process.env["X"]`, and `const { X } = process.env`.
///
/// Reads that cannot fail are not reported: one with a default (`process.env.X ?? "d"`,
/// `process.env.X || "d"`, `const { X = "d" } = process.env`), a test (`if (process.env.X)`,
/// `!process.env.X`, `process.env.X === "1"`, `process.env.X && ..`, `typeof process.env.X`), an
/// assignment to it and a `delete`. `process.env` passed or aliased elsewhere is not followed.
///
/// ```
/// use lambda_stack_core::scan::node::env_reads_without_default;
/// let source = "const table = process.env.TABLE;\nconst debug = process.env.DEBUG ?? \"0\";\n";
/// let reads = env_reads_without_default(source);
/// assert_eq!(reads.len(), 1);
/// assert_eq!((reads[0].name.as_str(), reads[0].line), ("TABLE", 1));
/// ```
pub fn env_reads_without_default(source: &str) -> Vec<EnvRead> {
    let (tokens, lines) = js_tokens_with_lines(source);
    let at = |k: usize| tokens.get(k);
    let ident = |k: usize, word: &str| matches!(at(k), Some(Js::Ident(w)) if w == word);
    let punct = |k: usize, c: char| at(k) == Some(&Js::Punct(c));
    let mut reads: Vec<EnvRead> = Vec::new();
    let mut push = |name: &str, k: usize| {
        if !name.is_empty() && !reads.iter().any(|read| read.name == name) {
            reads.push(EnvRead { name: name.to_string(), line: lines.get(k).copied().unwrap_or(1) });
        }
    };
    for k in 0..tokens.len() {
        let process_env =
            ident(k, "process") && punct(k + 1, '.') && ident(k + 2, "env") && !(k > 0 && punct(k - 1, '.'));
        if !process_env {
            continue;
        }
        let (name, next) = match (at(k + 3), at(k + 4), at(k + 5)) {
            (Some(Js::Punct('.')), Some(Js::Ident(name)), _) => (name.clone(), k + 5),
            (Some(Js::Punct('[')), Some(Js::Str(name)), Some(Js::Punct(']'))) => (name.clone(), k + 6),
            // `const { A, B = "d", C: c } = process.env`
            _ if k >= 2 && punct(k - 1, '=') && punct(k - 2, '}') && !punct(k + 3, '.') && !punct(k + 3, '[') => {
                for (name, line_at) in destructured_without_default(&tokens, k - 2) {
                    push(&name, line_at);
                }
                continue;
            }
            _ => continue,
        };
        let written =
            (punct(next, '=') && !punct(next + 1, '=') && !punct(next + 1, '>')) || (k > 0 && ident(k - 1, "delete"));
        // A default, or a test of whether it is set: `??`, `||`, `?.`, `? :`, `&&`, `==`, `!=`.
        let tested_after = punct(next, '?')
            || (punct(next, '|') && punct(next + 1, '|'))
            || (punct(next, '&') && punct(next + 1, '&'))
            || (punct(next, '=') && punct(next + 1, '='))
            || (punct(next, '!') && punct(next + 1, '='));
        // A test before it, or a read behind one (`X && X.split()`, `X ? X : ..`).
        let tested_before = k > 0
            && (punct(k - 1, '!')
                || ident(k - 1, "typeof")
                || punct(k - 1, '?')
                || (k > 1 && punct(k - 1, '&') && punct(k - 2, '&'))
                || (punct(k - 1, '(') && k > 1 && (ident(k - 2, "if") || ident(k - 2, "while")) && punct(next, ')')));
        if !(written || tested_after || tested_before) {
            push(&name, k);
        }
    }
    reads
}

/// The names bound without a default by the object pattern closing at `tokens[close]` (`}`):
/// `A`, `A: a` and `"A": a`, but not `A = "d"`, `A: a = "d"` or `...rest`. Each with the index of
/// its token.
fn destructured_without_default(tokens: &[Js], close: usize) -> Vec<(String, usize)> {
    let mut depth = 0;
    let mut open = None;
    for k in (0..=close).rev() {
        match tokens[k] {
            Js::Punct('}') | Js::Punct(']') | Js::Punct(')') => depth += 1,
            Js::Punct('{') | Js::Punct('[') | Js::Punct('(') => {
                depth -= 1;
                if depth == 0 {
                    open = Some(k);
                    break;
                }
            }
            _ => {}
        }
    }
    let Some(open) = open else { return Vec::new() };
    let mut names = Vec::new();
    let mut item_start = open + 1;
    let mut depth = 0;
    for k in open + 1..=close {
        match &tokens[k] {
            Js::Punct('{') | Js::Punct('[') | Js::Punct('(') => depth += 1,
            Js::Punct('}') | Js::Punct(']') | Js::Punct(')') if depth > 0 => depth -= 1,
            Js::Punct(',') | Js::Punct('}') if depth == 0 => {
                let item = &tokens[item_start..k];
                let has_default = item.contains(&Js::Punct('='));
                let spread = item.first() == Some(&Js::Punct('.'));
                match item.first() {
                    Some(Js::Ident(name) | Js::Str(name)) if !has_default && !spread => {
                        names.push((name.clone(), item_start))
                    }
                    _ => {}
                }
                item_start = k + 1;
            }
            _ => {}
        }
    }
    names
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

#[cfg(test)]
mod tests {
    use super::super::tests::code;
    use super::*;

    fn node(file: &str, source: &str, handler: &str) -> Result<Vec<PathBuf>, String> {
        let dir = code(&[(file, source)]);
        check_node(dir.path(), "functions/api", handler)
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

    fn unset(source: &str) -> Vec<(String, usize)> {
        env_reads_without_default(source).into_iter().map(|read| (read.name, read.line)).collect()
    }

    #[test]
    fn env_reads_without_a_default_are_found_with_their_line() {
        let source = "const table = process.env.TABLE;\n\nexport const handler = async () => {\n  \
                      const queue = process.env[\"QUEUE\"];\n  const { BUCKET, STAGE = \"dev\", REGION: region } = process.env;\n  \
                      return [table, queue, process.env.TABLE];\n};\n";
        assert_eq!(
            unset(source),
            [("TABLE".into(), 1), ("QUEUE".into(), 4), ("BUCKET".into(), 5), ("REGION".into(), 5)]
        );
    }

    #[test]
    fn env_reads_that_cannot_fail_are_not_reported() {
        for line in [
            "const x = process.env.X ?? \"d\";",
            "const x = process.env.X || \"d\";",
            "const x = process.env.X && process.env.X.split(\",\");",
            "const x = process.env.X?.split(\",\");",
            "const x = process.env.X ? 1 : 2;",
            "const x = process.env.X === \"1\";",
            "const x = process.env[\"X\"] !== undefined;",
            "if (process.env.X) { run(); }",
            "if (!process.env.X) throw new Error(\"no X\");",
            "const kind = typeof process.env.X;",
            "process.env.X = \"set here\";",
            "delete process.env.X;",
            "const { X = \"d\", ...rest } = process.env;",
            "// process.env.X in a comment",
            "const text = \"process.env.X in a string\";",
            "const text = `process.env.X in a template`;",
            "const env = process.env;",
            "const y = my.process.env.X;",
        ] {
            assert_eq!(unset(line), [], "{line}");
        }
    }
}
