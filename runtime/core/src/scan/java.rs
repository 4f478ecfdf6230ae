//! The Java scanner, for `build: maven`: the code folder is a Maven project (`pom.xml`), and the
//! class a `package.Class::method` handler names is a source file under `src/main/java` that
//! declares that package, that class, and that method.
//!
//! It mirrors how Lambda's Java runtime finds a handler (the "Define Lambda function handler in
//! Java" page, as of 2026-12-07): `package.Class::method` loads `package.Class` and calls
//! `method`; a bare `package.Class` must implement `RequestHandler` or `RequestStreamHandler`,
//! whose method is `handleRequest`. A nested class (`Outer$Inner`) is in `Outer.java`.
//!
//! Hand-written like the other scanners: comments, strings, text blocks and character literals are
//! skipped, then the `package` declaration, the `class`/`record`/`enum` names and the method
//! declarations (a name followed by `(` after a type, outside any method body) are read.

use std::path::{Path, PathBuf};

use super::{absolute, check_code_dir, entry, list_dir, read_source, shown, Found};
use crate::rules::handler::check_format;
use crate::rules::runtimes::Family;
use crate::rules::suggest;

/// Where Maven compiles a project's Java sources from.
pub const SOURCE_ROOT: &str = "src/main/java";

/// `code_dir` is a Maven project (`pom.xml`) whose sources define the class and method `handler`
/// names. Returns the files read: the handler's source, then `pom.xml`.
///
/// ```
/// use lambda_stack_core::scan::java::check_java_maven;
/// let dir = tempfile::tempdir().unwrap();
/// std::fs::write(dir.path().join("pom.xml"), "<project/>").unwrap();
/// std::fs::create_dir_all(dir.path().join("src/main/java/example")).unwrap();
/// std::fs::write(
///     dir.path().join("src/main/java/example/Handler.java"),
///     "package example;\npublic class Handler {\n  public String handleRequest(String event) { return event; }\n}\n",
/// )
/// .unwrap();
/// assert!(check_java_maven(dir.path(), "functions/orders", "example.Handler::handleRequest").is_ok());
/// assert_eq!(
///     check_java_maven(dir.path(), "functions/orders", "example.Handler::handle").unwrap_err(),
///     "`functions/orders/src/main/java/example/Handler.java` has no method `handle` in class `Handler`; it declares `handleRequest`"
/// );
/// ```
pub fn check_java_maven(code_dir: &Path, code_dir_display: &str, handler: &str) -> Result<Vec<PathBuf>, String> {
    check_format(Family::Java, handler)?;
    check_code_dir(code_dir, code_dir_display)?;
    let pom = code_dir.join("pom.xml");
    if !pom.is_file() {
        return Err(format!(
            "`{code_dir_display}` has no `pom.xml`; `build: maven` runs the Maven project there (`mvn package`)"
        ));
    }
    let (class_path, method) = match handler.split_once("::") {
        Some((class, method)) => (class, Some(method)),
        None => (handler, None),
    };
    let (package, class) = class_path.rsplit_once('.').unwrap_or(("", class_path));
    // A nested class is compiled from its outermost class's file.
    let outer = class.split('$').next().unwrap_or(class);
    let innermost = class.rsplit('$').next().unwrap_or(class);
    let dir = if package.is_empty() {
        SOURCE_ROOT.to_string()
    } else {
        format!("{SOURCE_ROOT}/{}", package.replace('.', "/"))
    };
    let entries = list_dir(&code_dir.join(&dir));
    let file_name = format!("{outer}.java");
    let relative = format!("{dir}/{file_name}");
    match entry(&entries, &file_name) {
        Found::File => {}
        Found::OtherCase(actual) => {
            return Err(format!(
                "class `{class_path}` not found: expected `{}`; found `{actual}`, but Java class names are \
                 case-sensitive",
                shown(code_dir_display, &relative)
            ))
        }
        _ => {
            let classes = entries.iter().filter(|e| !e.is_dir).filter_map(|e| e.name.strip_suffix(".java"));
            let hint = suggest::closest(outer, classes)
                .map(|guess| {
                    let guess = if package.is_empty() { guess.to_string() } else { format!("{package}.{guess}") };
                    format!("; did you mean `{guess}`?")
                })
                .unwrap_or_default();
            return Err(format!(
                "class `{class_path}` not found: expected `{}`{hint}",
                shown(code_dir_display, &relative)
            ));
        }
    }
    let file = code_dir.join(&relative);
    let display = shown(code_dir_display, &relative);
    let source = read_source(code_dir, &file, &display)?;
    let scan = scan_java(&source);
    let declared_package = scan.package.as_deref().unwrap_or("");
    if declared_package != package {
        let declared = if declared_package.is_empty() {
            "no package".to_string()
        } else {
            format!("`package {declared_package};`")
        };
        return Err(format!(
            "`{display}` declares {declared}, but the handler names class `{class_path}`, in package `{package}`"
        ));
    }
    if !scan.classes.iter().any(|name| name == innermost) {
        return Err(format!(
            "`{display}` declares no class `{innermost}`{}",
            suggest::did_you_mean(innermost, scan.classes.iter().map(String::as_str))
        ));
    }
    let method = method.unwrap_or("handleRequest");
    if !scan.methods.iter().any(|name| name == method) {
        let mut message = format!(
            "`{display}` has no method `{method}` in class `{innermost}`{}",
            suggest::did_you_mean(method, scan.methods.iter().map(String::as_str))
        );
        if hint_is_empty(method, &scan.methods) && !scan.methods.is_empty() {
            message.push_str(&format!("; it declares {}", suggest::one_of(&scan.methods)));
        }
        if !handler.contains("::") {
            message.push_str(
                "; a handler without `::method` must implement `RequestHandler` or `RequestStreamHandler`, whose \
                 method is `handleRequest`",
            );
        }
        return Err(message);
    }
    Ok(vec![absolute(&file), absolute(&pom)])
}

fn hint_is_empty(method: &str, methods: &[String]) -> bool {
    suggest::did_you_mean(method, methods.iter().map(String::as_str)).is_empty()
}

/// What a Java source file declares.
#[derive(Debug, Default, PartialEq)]
struct JavaScan {
    package: Option<String>,
    /// Every class, record, enum and interface declared (nested ones included).
    classes: Vec<String>,
    /// Every method declared in a type's body (not a call, not a constructor of another name).
    methods: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Punct(char),
    /// A literal: nothing a declaration is made of.
    Other,
}

/// Java tokens with comments dropped and literals reduced to [`Token::Other`].
fn java_tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            i += 2;
        } else if c == '"' && chars.get(i + 1) == Some(&'"') && chars.get(i + 2) == Some(&'"') {
            // A text block runs to the next unescaped `"""`.
            i += 3;
            while i < chars.len()
                && !(chars[i] == '"' && chars.get(i + 1) == Some(&'"') && chars.get(i + 2) == Some(&'"'))
            {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 3;
            tokens.push(Token::Other);
        } else if c == '"' || c == '\'' {
            i += 1;
            while i < chars.len() && chars[i] != c && chars[i] != '\n' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            tokens.push(Token::Other);
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '.' || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token::Other);
        } else {
            tokens.push(Token::Punct(c));
            i += 1;
        }
    }
    tokens
}

/// Words that come before `(` without naming a declared method.
const NOT_METHODS: [&str; 12] =
    ["if", "for", "while", "switch", "catch", "synchronized", "return", "new", "throw", "else", "try", "assert"];

fn scan_java(source: &str) -> JavaScan {
    let tokens = java_tokens(source);
    let mut scan = JavaScan::default();
    // The kind of each open brace: a type's body (where methods are declared) or anything else.
    let mut braces: Vec<bool> = Vec::new();
    let mut type_body_next = false;
    let ident = |i: usize| match tokens.get(i) {
        Some(Token::Ident(name)) => Some(name.as_str()),
        _ => None,
    };
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Ident(word) if word == "package" && braces.is_empty() && scan.package.is_none() => {
                let mut name = String::new();
                let mut j = i + 1;
                while let Some(token) = tokens.get(j) {
                    match token {
                        Token::Ident(part) => name.push_str(part),
                        Token::Punct('.') => name.push('.'),
                        _ => break,
                    }
                    j += 1;
                }
                scan.package = Some(name);
                i = j;
                continue;
            }
            Token::Ident(word)
                if matches!(word.as_str(), "class" | "interface" | "enum" | "record")
                    && !matches!(i.checked_sub(1).and_then(|p| tokens.get(p)), Some(Token::Punct('.'))) =>
            {
                if let Some(name) = ident(i + 1) {
                    scan.classes.push(name.to_string());
                    type_body_next = true;
                }
            }
            Token::Punct('{') => {
                braces.push(std::mem::take(&mut type_body_next));
            }
            Token::Punct('}') => {
                braces.pop();
            }
            Token::Punct(';') => type_body_next = false,
            Token::Ident(name) if braces.last() == Some(&true) => {
                let declares = matches!(tokens.get(i + 1), Some(Token::Punct('(')))
                    && !NOT_METHODS.contains(&name.as_str())
                    // A constructor, or a record's header.
                    && !scan.classes.contains(name)
                    && matches!(
                        i.checked_sub(1).and_then(|p| tokens.get(p)),
                        Some(Token::Ident(_)) | Some(Token::Punct('>')) | Some(Token::Punct(']'))
                    );
                if declares && !scan.methods.contains(name) {
                    scan.methods.push(name.clone());
                }
            }
            _ => {}
        }
        i += 1;
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_read_and_calls_are_not() {
        let scan = scan_java(
            r#"
            package com.example.orders; // the package
            import java.util.Map;
            /* class Fake { void fake() {} } */
            public final class Handler implements RequestHandler<Map<String, Object>, String> {
                private static final String TEXT = "class Quoted { void quoted() {} }";
                public Handler() { init(); }
                @Override
                public String handleRequest(Map<String, Object> event, Context context) {
                    if (event.isEmpty()) { return helper(event); }
                    return String.valueOf(event.get("n"));
                }
                static <T> List<T> twice(T value) { return List.of(value, value); }
                int[] numbers() { return new int[] { 1 }; }
                static class Inner { void inner() {} }
                record Point(int x, int y) {}
            }
            "#,
        );
        assert_eq!(scan.package.as_deref(), Some("com.example.orders"));
        assert_eq!(scan.classes, ["Handler", "Inner", "Point"]);
        assert_eq!(scan.methods, ["handleRequest", "twice", "numbers", "inner"]);
    }

    #[test]
    fn handlers_are_found_by_package_class_and_method() {
        let dir = tempfile::tempdir().unwrap();
        let code = dir.path();
        std::fs::write(code.join("pom.xml"), "<project/>").unwrap();
        std::fs::create_dir_all(code.join("src/main/java/example")).unwrap();
        std::fs::write(
            code.join("src/main/java/example/Orders.java"),
            "package example;\nclass Orders {\n  String handleRequest(String e) { return e; }\n  static class Nested { String run(String e) { return e; } }\n}\n",
        )
        .unwrap();
        let check = |handler: &str| check_java_maven(code, "java", handler);
        assert!(check("example.Orders").is_ok());
        assert!(check("example.Orders$Nested::run").is_ok());
        assert_eq!(
            check("example.Order::handleRequest").unwrap_err(),
            "class `example.Order` not found: expected `java/src/main/java/example/Order.java`; did you mean `example.Orders`?"
        );
        assert_eq!(
            check("other.Orders::handleRequest").unwrap_err(),
            "class `other.Orders` not found: expected `java/src/main/java/other/Orders.java`"
        );
        assert!(check("example.Orders$Missing::run").unwrap_err().contains("declares no class `Missing`"));
        std::fs::remove_file(code.join("pom.xml")).unwrap();
        assert!(check("example.Orders").unwrap_err().contains("has no `pom.xml`"));
    }
}
