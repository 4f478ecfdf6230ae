//! Reading hand-written Terraform (`include:` files) at compile time: that a `.tf.json` file is
//! JSON and a `.tf` file is well-formed HCL (strings, heredocs, comments and brackets closed), and
//! which resources each declares, to compare with the addresses the stack generates. Not a full
//! HCL parser: `terraform validate` judges the rest.
//!
//! ```
//! use lambda_stack_core::scan::terraform;
//! let tf = "resource \"aws_sns_topic_subscription\" \"ops\" {\n  topic_arn = aws_sns_topic.alerts.arn\n}\n";
//! assert_eq!(terraform::hcl_resources(tf), Ok(vec![("aws_sns_topic_subscription".into(), "ops".into())]));
//! let json = r#"{"resource": {"aws_sqs_queue": {"extra": {"name": "x"}}}}"#;
//! assert_eq!(terraform::json_resources(json), Ok(vec![("aws_sqs_queue".into(), "extra".into())]));
//! ```

/// The deepest nesting read; deeper is an error rather than a stack overflow in the compiler.
const MAX_DEPTH: usize = 128;

/// `(type, name)` of every `resource` block of a Terraform JSON document.
pub fn json_resources(text: &str) -> Result<Vec<(String, String)>, String> {
    let mut parser = Json { bytes: text.as_bytes(), at: 0 };
    parser.space();
    let root = parser.value(0)?;
    parser.space();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("expected the end of the document"));
    }
    let JsonValue::Object(root) = root else { return Err("a Terraform JSON file holds one object".into()) };
    let mut found = Vec::new();
    for (key, value) in root {
        if key != "resource" {
            continue;
        }
        let JsonValue::Object(types) = value else {
            return Err("`resource` must be an object of resource types".into());
        };
        for (kind, named) in types {
            let JsonValue::Object(named) = named else {
                return Err(format!("`resource.{kind}` must be an object of named resources"));
            };
            found.extend(named.into_iter().map(|(name, _)| (kind.clone(), name)));
        }
    }
    Ok(found)
}

enum JsonValue {
    Object(Vec<(String, JsonValue)>),
    Other,
}

struct Json<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Json<'_> {
    fn error(&self, what: &str) -> String {
        let before = &self.bytes[..self.at.min(self.bytes.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        format!("{what} at line {line}, column {column}")
    }

    fn space(&mut self) {
        while self.bytes.get(self.at).is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<JsonValue, String> {
        if depth > MAX_DEPTH {
            return Err(self.error(&format!("nested deeper than {MAX_DEPTH} levels")));
        }
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                self.space();
                if self.eat(b'}') {
                    return Ok(JsonValue::Object(members));
                }
                loop {
                    self.space();
                    let key = self.string()?;
                    self.space();
                    if !self.eat(b':') {
                        return Err(self.error("expected `:`"));
                    }
                    self.space();
                    let value = self.value(depth + 1)?;
                    members.push((key, value));
                    self.space();
                    if self.eat(b'}') {
                        return Ok(JsonValue::Object(members));
                    }
                    if !self.eat(b',') {
                        return Err(self.error("expected `,` or `}`"));
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                self.space();
                if self.eat(b']') {
                    return Ok(JsonValue::Other);
                }
                loop {
                    self.space();
                    self.value(depth + 1)?;
                    self.space();
                    if self.eat(b']') {
                        return Ok(JsonValue::Other);
                    }
                    if !self.eat(b',') {
                        return Err(self.error("expected `,` or `]`"));
                    }
                }
            }
            Some(b'"') => self.string().map(|_| JsonValue::Other),
            Some(b't') => self.word("true"),
            Some(b'f') => self.word("false"),
            Some(b'n') => self.word("null"),
            Some(b'-' | b'0'..=b'9') => {
                let start = self.at;
                while self.bytes.get(self.at).is_some_and(|b| b"+-.eE0123456789".contains(b)) {
                    self.at += 1;
                }
                let number = std::str::from_utf8(&self.bytes[start..self.at]).unwrap_or_default();
                number
                    .parse::<f64>()
                    .map(|_| JsonValue::Other)
                    .map_err(|_| self.error(&format!("`{number}` is not a number")))
            }
            Some(_) => Err(self.error("expected a JSON value")),
            None => Err(self.error("the document ends early")),
        }
    }

    fn word(&mut self, word: &str) -> Result<JsonValue, String> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(JsonValue::Other)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn string(&mut self) -> Result<String, String> {
        if !self.eat(b'"') {
            return Err(self.error("expected a string"));
        }
        let mut out = Vec::new();
        loop {
            match self.bytes.get(self.at) {
                None => return Err(self.error("a string is not closed")),
                Some(b'"') => {
                    self.at += 1;
                    return String::from_utf8(out).map_err(|_| self.error("a string is not UTF-8"));
                }
                Some(b'\\') => {
                    let escaped = self.bytes.get(self.at + 1).copied();
                    let plain = match escaped {
                        Some(b'"') => b'"',
                        Some(b'\\') => b'\\',
                        Some(b'/') => b'/',
                        Some(b'b' | b'f' | b'n' | b'r' | b't') => b' ',
                        Some(b'u')
                            if self
                                .bytes
                                .get(self.at + 2..self.at + 6)
                                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
                        {
                            self.at += 4;
                            b'?'
                        }
                        _ => return Err(self.error("an unknown escape in a string")),
                    };
                    out.push(plain);
                    self.at += 2;
                }
                Some(&byte) if byte < 0x20 => return Err(self.error("a control character in a string")),
                Some(&byte) => {
                    out.push(byte);
                    self.at += 1;
                }
            }
        }
    }
}

/// `(type, name)` of every top-level `resource "TYPE" "NAME" { .. }` block of an HCL file, once
/// its strings, heredocs, comments and brackets are seen to close.
pub fn hcl_resources(text: &str) -> Result<Vec<(String, String)>, String> {
    let tokens = hcl_tokens(text)?;
    let mut found = Vec::new();
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Open(_) => depth += 1,
            Token::Close => depth -= 1,
            Token::Word(word) if depth == 0 && word == "resource" => {
                if let (Some(Token::Str(kind)), Some(Token::Str(name)), Some(Token::Open(b'{'))) =
                    (tokens.get(i + 1), tokens.get(i + 2), tokens.get(i + 3))
                {
                    found.push((kind.clone(), name.clone()));
                }
            }
            _ => {}
        }
    }
    Ok(found)
}

#[derive(Debug)]
enum Token {
    Word(String),
    Str(String),
    Open(u8),
    Close,
}

fn hcl_tokens(text: &str) -> Result<Vec<Token>, String> {
    let bytes = text.as_bytes();
    let line_of = |at: usize| bytes[..at.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1;
    let mut tokens = Vec::new();
    let mut open: Vec<(u8, usize)> = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        match byte {
            b'#' => at = skip_line(bytes, at),
            b'/' if bytes.get(at + 1) == Some(&b'/') => at = skip_line(bytes, at),
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                let end = find(bytes, at + 2, b"*/")
                    .ok_or_else(|| format!("a `/*` comment at line {} is not closed", line_of(at)))?;
                at = end + 2;
            }
            b'"' => {
                let (value, end) =
                    hcl_string(bytes, at).ok_or_else(|| format!("a string at line {} is not closed", line_of(at)))?;
                tokens.push(Token::Str(value));
                at = end;
            }
            b'<' if bytes.get(at + 1) == Some(&b'<') => {
                let mut start = at + 2;
                if bytes.get(start) == Some(&b'-') {
                    start += 1;
                }
                let marker_end = bytes[start..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                    .map_or(bytes.len(), |p| start + p);
                let marker = &text[start..marker_end];
                if marker.is_empty() {
                    at += 2;
                    continue;
                }
                let body = skip_line(bytes, marker_end);
                let closed = text[body..]
                    .split_inclusive('\n')
                    .scan(body, |offset, line| {
                        let here = *offset;
                        *offset += line.len();
                        Some((here, line))
                    })
                    .find(|(_, line)| line.trim() == marker);
                let Some((line_start, line)) = closed else {
                    return Err(format!("the heredoc `<<{marker}` at line {} is not closed", line_of(at)));
                };
                at = line_start + line.len();
            }
            b'{' | b'[' | b'(' => {
                open.push((byte, at));
                tokens.push(Token::Open(byte));
                at += 1;
            }
            b'}' | b']' | b')' => {
                let expected = match byte {
                    b'}' => b'{',
                    b']' => b'[',
                    _ => b'(',
                };
                match open.pop() {
                    Some((opened, _)) if opened == expected => {}
                    Some((opened, where_)) => {
                        return Err(format!(
                            "`{}` at line {} closes the `{}` of line {}",
                            byte as char,
                            line_of(at),
                            opened as char,
                            line_of(where_)
                        ))
                    }
                    None => return Err(format!("`{}` at line {} closes nothing", byte as char, line_of(at))),
                }
                tokens.push(Token::Close);
                at += 1;
            }
            _ if byte.is_ascii_alphabetic() || byte == b'_' => {
                let end = bytes[at..]
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || b"_-".contains(b)))
                    .map_or(bytes.len(), |p| at + p);
                tokens.push(Token::Word(text[at..end].to_string()));
                at = end;
            }
            _ => at += 1,
        }
    }
    if let Some((opened, where_)) = open.pop() {
        return Err(format!("the `{}` at line {} is not closed", opened as char, line_of(where_)));
    }
    Ok(tokens)
}

fn skip_line(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| at + p + 1)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

/// A quoted HCL string starting at `start`: its text (interpolations kept as written) and the
/// offset after its closing quote. `${ .. }` may hold strings and braces of its own.
fn hcl_string(bytes: &[u8], start: usize) -> Option<(String, usize)> {
    let mut at = start + 1;
    let mut out = Vec::new();
    let mut interpolation = 0usize;
    while at < bytes.len() {
        let byte = bytes[at];
        match byte {
            b'\\' => {
                out.extend_from_slice(bytes.get(at..at + 2)?);
                at += 2;
                continue;
            }
            b'\n' if interpolation == 0 => return None,
            b'"' if interpolation == 0 => return Some((String::from_utf8_lossy(&out).into_owned(), at + 1)),
            b'"' => {
                let (inner, end) = hcl_string(bytes, at)?;
                out.push(b'"');
                out.extend_from_slice(inner.as_bytes());
                out.push(b'"');
                at = end;
                continue;
            }
            b'$' | b'%' if bytes.get(at + 1) == Some(&b'{') => {
                interpolation += 1;
                out.extend_from_slice(&bytes[at..at + 2]);
                at += 2;
                continue;
            }
            b'{' if interpolation > 0 => interpolation += 1,
            b'}' if interpolation > 0 => interpolation -= 1,
            _ => {}
        }
        out.push(byte);
        at += 1;
    }
    None
}

/// The files an `include:` pattern names, sorted: `DIR/GLOB` relative to `base` (the directory of
/// the file declaring the stack), where only the last part may hold `*`, `?`, `[..]` or `{..}`.
pub fn include_files(base: &std::path::Path, pattern: &str) -> Result<Vec<std::path::PathBuf>, String> {
    let (dir, file) = pattern.rsplit_once('/').unwrap_or(("", pattern));
    if dir.contains(['*', '?', '[', '{']) {
        return Err(format!(
            "`{pattern}` has a pattern in its folders; only the file name may hold one, as in `infra/*.tf.json`"
        ));
    }
    if std::path::Path::new(pattern).is_absolute() {
        return Err(format!("`{pattern}` must be relative to the file that declares the stack"));
    }
    let glob =
        crate::rules::glob::Glob::parse(file).map_err(|why| format!("`{pattern}` is not a valid pattern: {why}"))?;
    let folder = base.join(dir);
    let entries = std::fs::read_dir(&folder).map_err(|error| {
        let shown = if dir.is_empty() { ".".to_string() } else { dir.to_string() };
        format!("cannot read the folder `{shown}` of `{pattern}`: {error}")
    })?;
    let mut files: Vec<std::path::PathBuf> = entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter(|entry| entry.file_name().to_str().is_some_and(|name| glob.is_match(name)))
        .map(|entry| entry.path())
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("`{pattern}` matches no file"));
    }
    for file in &files {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if !(name.ends_with(".tf") || name.ends_with(".tf.json")) {
            return Err(format!(
                "`{pattern}` matches `{name}`, which is not Terraform: `include:` takes `.tf` and `.tf.json` files"
            ));
        }
        if name == "cdk.tf.json" {
            return Err(format!(
                "`{pattern}` matches `cdk.tf.json`, the name of the file lambda-stack writes; rename it"
            ));
        }
    }
    Ok(files)
}

/// The resources an included file declares, once it is read (a regular file inside its folder,
/// at most [`super::MAX_SOURCE_BYTES`]) and parsed by its extension.
pub fn include_resources(file: &std::path::Path, display: &str) -> Result<Vec<(String, String)>, String> {
    let folder = file.parent().unwrap_or(std::path::Path::new("."));
    let text = super::read_source(folder, file, display)?;
    let parsed = if display.ends_with(".tf.json") { json_resources(&text) } else { hcl_resources(&text) };
    parsed.map_err(|why| format!("`{display}` is not valid Terraform: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hcl_blocks_and_what_does_not_close() {
        let text = r#"
# a comment with resource "x" "y" {
resource "aws_sns_topic_subscription" "ops" {
  topic_arn = "${aws_sns_topic.alerts.arn}"
  endpoint  = "ops@example.com" // trailing
  policy    = <<-EOT
    { "unbalanced": [ }
  EOT
  tags = { a = "}" }
}
/* resource "no" "no" {} */
data "aws_caller_identity" "me" {}
resource "aws_sqs_queue" "extra" { name = "${format("%s-x", "y")}" }
"#;
        assert_eq!(
            hcl_resources(text),
            Ok(vec![("aws_sns_topic_subscription".into(), "ops".into()), ("aws_sqs_queue".into(), "extra".into())])
        );
        assert_eq!(
            hcl_resources("resource \"a\" \"b\" {\n  x = [1, 2\n}\n").unwrap_err(),
            "`}` at line 3 closes the `[` of line 2"
        );
        assert_eq!(hcl_resources("resource \"a\" \"b\" {\n").unwrap_err(), "the `{` at line 1 is not closed");
        assert_eq!(hcl_resources("x = \"open\n").unwrap_err(), "a string at line 1 is not closed");
        assert!(hcl_resources("x = <<EOT\nnever closed\n").unwrap_err().contains("heredoc `<<EOT`"));
    }

    #[test]
    fn json_documents() {
        assert_eq!(
            json_resources(
                r#"{"variable": {"x": {}}, "resource": {"a": {"b": {}, "c": {"d": [1, -2.5e3, true, null, "\u00e9"]}}}}"#
            ),
            Ok(vec![("a".into(), "b".into()), ("a".into(), "c".into())])
        );
        assert_eq!(
            json_resources("{\n  \"resource\": {\"a\": {\"b\": {}},\n}").unwrap_err(),
            "expected a string at line 3, column 1"
        );
        assert_eq!(json_resources("[]").unwrap_err(), "a Terraform JSON file holds one object");
        assert!(json_resources(&"[".repeat(1000)).unwrap_err().contains("nested deeper"));
    }
}
