//! Handler strings: their format per runtime family, as each runtime reads it when it loads the
//! function (as of 2026-11-25):
//!
//! * Python, `awslambdaric` `bootstrap._get_handler`: `handler.rsplit(".", 1)` into module and
//!   function (a `/` in the module path works like a `.`).
//! * Node.js, `aws-lambda-nodejs-runtime-interface-client` `UserFunction`: the directory part of
//!   the handler is the module root; the rest splits at its *first* dot into the module and a
//!   property path (`index.handlers.main` is `require("index").handlers.main`); a handler
//!   containing `..` is refused.
//! * Ruby, `aws_lambda_ric`: `FILE.METHOD` or `FILE.CLASS.METHOD`.
//! * Java and .NET, the Lambda developer guide's handler pages: `package.Class::method` (or a
//!   `RequestHandler` class), `Assembly::Namespace.Class::Method` (or an executable assembly).
//! * OS-only runtimes run the executable `bootstrap` at the root of the package; the handler is
//!   passed along as `_HANDLER` and is otherwise free text.
//!
//! Whether the code on disk defines what the handler names is [`crate::scan`]'s part.
//!
//! ```
//! use lambda_stack_core::rules::handler::check_format;
//! use lambda_stack_core::rules::runtimes::Family;
//! assert!(check_format(Family::Python, "lambda_function.lambda_handler").is_ok());
//! assert_eq!(
//!     check_format(Family::Python, "lambda_handler").unwrap_err(),
//!     "a Python handler must be `module.function` (such as `lambda_function.lambda_handler`), found `lambda_handler`"
//! );
//! ```

use super::limits::MAX_HANDLER_CHARS;
use super::runtimes::Family;

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
/// use lambda_stack_core::rules::handler::check_format;
/// use lambda_stack_core::rules::runtimes::Family;
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

/// A Python identifier that is not a keyword.
pub(crate) fn is_python_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && !PYTHON_KEYWORDS.contains(&name)
}

/// `(directories, module, property path)` of a Node.js handler, or `None` when malformed.
pub(crate) fn node_parts(handler: &str) -> Option<(&str, &str, &str)> {
    let handler = handler.strip_prefix("./").unwrap_or(handler);
    let (dirs, base) = handler.rsplit_once('/').unwrap_or(("", handler));
    let (module, property_path) = base.split_once('.')?;
    let dirs_ok = dirs.is_empty() || dirs.split('/').all(|segment| !segment.is_empty());
    let path_ok = property_path.split('.').all(|segment| !segment.is_empty());
    (dirs_ok && !module.is_empty() && path_ok).then_some((dirs, module, property_path))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
