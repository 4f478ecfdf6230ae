//! Reading what CDK for Terraform synthesized: a stack's `cdk.tf.json`, its resources by type and
//! address, the `${TYPE.NAME.ATTR}` references between them, and the asset paths of its code.
//!
//! ```
//! use lambda_stack_runtime::migrate::cdktf::{references_in, Reference};
//! let refs = references_in("${aws_s3_bucket.uploads.arn}/*");
//! assert_eq!(refs, vec![Reference::new("aws_s3_bucket", "uploads", "arn")]);
//! ```

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use serde_json::{Map, Value};

use super::MigrateError;
use crate::terraform::Address;

/// A CDKTF stack: the blocks of its `cdk.tf.json`, read.
#[derive(Debug, Clone)]
pub struct Cdktf {
    /// The `cdk.tf.json` read.
    pub path: PathBuf,
    /// Its folder, which asset paths are relative to.
    pub dir: PathBuf,
    /// The CDKTF stack's name (`//.metadata.stackName`, else the folder's name).
    pub stack_name: String,
    pub resources: BTreeMap<Address, CdktfResource>,
    /// `output.NAME` bodies.
    pub outputs: Map<String, Value>,
    /// `provider.NAME`: a list of provider blocks each (CDKTF writes a list, leaving room for aliases).
    pub providers: BTreeMap<String, Vec<Value>>,
    /// The `terraform` block (backend, required providers).
    pub terraform: Map<String, Value>,
    /// Every other top-level block (`data`, `variable`, `locals`, `module`, ...), as written.
    pub other_blocks: Map<String, Value>,
    /// The line of each resource's name in the file, for messages.
    lines: BTreeMap<Address, u32>,
}

/// One resource of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct CdktfResource {
    /// The resource's arguments, without CDKTF's `"//"` metadata.
    pub body: Map<String, Value>,
    /// The construct path without the stack (`ingest/role`), when CDKTF recorded it.
    pub construct_path: Option<String>,
}

impl Cdktf {
    /// Reads a `cdk.tf.json`. The error says where the file stops being CDKTF's JSON.
    pub fn read(path: &Path) -> Result<Cdktf, MigrateError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| MigrateError::at(path, None, format!("cannot read `{}`: {e}", path.display())))?;
        Cdktf::parse(path, &text)
    }

    /// Parses the text of a `cdk.tf.json` read from `path`.
    ///
    /// ```
    /// use lambda_stack_runtime::migrate::cdktf::Cdktf;
    /// use lambda_stack_runtime::terraform::Address;
    /// let text = r#"{"//": {"metadata": {"stackName": "shop"}}, "resource": {"aws_sqs_queue": {"jobs": {
    ///     "//": {"metadata": {"path": "shop/jobs"}}, "name": "jobs"}}}}"#;
    /// let cdktf = Cdktf::parse("cdktf.out/stacks/shop/cdk.tf.json".as_ref(), text).unwrap();
    /// assert_eq!(cdktf.stack_name, "shop");
    /// let jobs = cdktf.resource(&Address::new("aws_sqs_queue", "jobs")).unwrap();
    /// assert_eq!((jobs.body["name"].as_str(), jobs.construct_path.as_deref()), (Some("jobs"), Some("jobs")));
    /// ```
    pub fn parse(path: &Path, text: &str) -> Result<Cdktf, MigrateError> {
        let root: Value = serde_json::from_str(text).map_err(|e| {
            MigrateError::at(path, Some(e.line() as u32), format!("`{}` is not JSON: {e}", path.display()))
        })?;
        let Value::Object(root) = root else {
            return Err(MigrateError::at(path, Some(1), "a Terraform JSON document is one object".into()));
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let folder_name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let stack_name =
            root.get("//").and_then(|c| c["metadata"]["stackName"].as_str()).map(str::to_owned).unwrap_or(folder_name);
        let mut cdktf = Cdktf {
            path: path.to_path_buf(),
            dir,
            stack_name,
            resources: BTreeMap::new(),
            outputs: Map::new(),
            providers: BTreeMap::new(),
            terraform: Map::new(),
            other_blocks: Map::new(),
            lines: BTreeMap::new(),
        };
        for (block, body) in root {
            match block.as_str() {
                "//" => {}
                "resource" => cdktf.read_resources(&body)?,
                "output" => cdktf.outputs = object(&body, "output", path)?,
                "terraform" => cdktf.terraform = object(&body, "terraform", path)?,
                "provider" => {
                    for (name, blocks) in object(&body, "provider", path)? {
                        let blocks = match blocks {
                            Value::Array(blocks) => blocks,
                            one => vec![one],
                        };
                        cdktf.providers.insert(name, blocks);
                    }
                }
                _ => {
                    cdktf.other_blocks.insert(block, body);
                }
            }
        }
        if cdktf.resources.is_empty() {
            return Err(MigrateError::at(path, None, "the document declares no resource: nothing to migrate".into()));
        }
        cdktf.lines = resource_lines(text, cdktf.resources.keys());
        Ok(cdktf)
    }

    fn read_resources(&mut self, body: &Value) -> Result<(), MigrateError> {
        for (kind, named) in object(body, "resource", &self.path)? {
            for (name, resource) in object(&named, &format!("resource.{kind}"), &self.path)? {
                let mut resource = object(&resource, &format!("resource.{kind}.{name}"), &self.path)?;
                let construct_path = resource
                    .remove("//")
                    .and_then(|meta| meta["metadata"]["path"].as_str().map(str::to_owned))
                    .map(|path| path.split_once('/').map_or(path.clone(), |(_, rest)| rest.to_owned()));
                self.resources.insert(Address::new(&kind, &name), CdktfResource { body: resource, construct_path });
            }
        }
        Ok(())
    }

    /// The resource at `address`.
    pub fn resource(&self, address: &Address) -> Option<&CdktfResource> {
        self.resources.get(address)
    }

    /// The resources of Terraform type `kind`, by address.
    pub fn of_type<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = (&'a Address, &'a CdktfResource)> + 'a {
        self.resources.iter().filter(move |(address, _)| address.kind == kind)
    }

    /// The line of the file where `address` is declared (1 when unknown).
    pub fn line_of(&self, address: &Address) -> u32 {
        self.lines.get(address).copied().unwrap_or(1)
    }

    /// The address declared at `line`, the inverse of [`Cdktf::line_of`].
    pub fn address_at(&self, line: u32) -> Option<&Address> {
        self.lines.iter().find(|(_, &at)| at == line).map(|(address, _)| address)
    }

    /// An asset path as CDKTF writes it in `filename` (`assets/<id>/<HASH>/archive.zip`, relative
    /// to the stack folder), checked to stay inside the folder and to exist.
    pub fn asset(&self, filename: &str) -> Result<PathBuf, String> {
        let relative = Path::new(filename);
        if relative.is_absolute() || relative.components().any(|c| matches!(c, Component::ParentDir)) {
            return Err(format!("the code path `{filename}` leaves the stack folder; CDKTF writes assets inside it"));
        }
        let path = self.dir.join(relative);
        if !path.exists() {
            return Err(format!("the code path `{filename}` names no file in `{}`", self.dir.display()));
        }
        Ok(path)
    }
}

fn object(value: &Value, what: &str, path: &Path) -> Result<Map<String, Value>, MigrateError> {
    value
        .as_object()
        .cloned()
        .ok_or_else(|| MigrateError::at(path, None, format!("`{what}` must be an object in a Terraform JSON document")))
}

/// The line of `"NAME": {` for each resource, found in the order CDKTF writes them (sorted by
/// type, then name; a name may repeat under another type, so each search starts after its type).
fn resource_lines<'a>(text: &str, addresses: impl Iterator<Item = &'a Address>) -> BTreeMap<Address, u32> {
    let line_at = |offset: usize| text[..offset].bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let mut lines = BTreeMap::new();
    let resources = text.find("\"resource\"").unwrap_or(0);
    for address in addresses {
        let kind = format!("\"{}\"", address.kind);
        let Some(kind_at) = text[resources..].find(&kind).map(|at| at + resources) else { continue };
        let name = format!("\"{}\"", address.name);
        if let Some(name_at) = text[kind_at..].find(&name) {
            lines.insert(address.clone(), line_at(kind_at + name_at));
        }
    }
    lines
}

/// A reference to an attribute of a resource (`${aws_sqs_queue.jobs.arn}`), or of a data source
/// (`kind` is then `data.TYPE`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reference {
    pub address: Address,
    pub attribute: String,
}

impl Reference {
    pub fn new(kind: &str, name: &str, attribute: &str) -> Self {
        Reference { address: Address::new(kind, name), attribute: attribute.to_owned() }
    }
}

/// Block names of HCL expressions that are not resources: `var.x`, `local.y`, ...
const NOT_RESOURCES: &[&str] = &["var", "local", "module", "path", "terraform", "count", "each", "self"];

/// The pieces of a Terraform string template: literal text (with `$${` unescaped) and the
/// expressions of its `${..}` interpolations and `%{..}` directives, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// The expression inside `${` and `}` (or `%{` and `}`), with its byte range in the string.
    Expr {
        text: String,
        start: usize,
        end: usize,
        directive: bool,
    },
}

/// Splits a template into [`Piece`]s.
///
/// ```
/// use lambda_stack_runtime::migrate::cdktf::{pieces, Piece};
/// let parts = pieces("$${x} ${aws_s3_bucket.b.arn}/*");
/// assert_eq!(parts[0], Piece::Text("${x} ".into()));
/// assert!(matches!(&parts[1], Piece::Expr { text, .. } if text == "aws_s3_bucket.b.arn"));
/// assert_eq!(parts[2], Piece::Text("/*".into()));
/// ```
pub fn pieces(template: &str) -> Vec<Piece> {
    let bytes = template.as_bytes();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let opens = matches!(bytes[i], b'$' | b'%') && bytes.get(i + 1) == Some(&b'{');
        // `$${` and `%%{` are the escapes of a literal `${` and `%{`.
        if matches!(bytes[i], b'$' | b'%') && bytes.get(i + 1) == Some(&bytes[i]) && bytes.get(i + 2) == Some(&b'{') {
            text.push(bytes[i] as char);
            text.push('{');
            i += 3;
            continue;
        }
        if !opens {
            let c = template[i..].chars().next().expect("in bounds");
            text.push(c);
            i += c.len_utf8();
            continue;
        }
        let start = i + 2;
        let end = closing_brace(bytes, start).unwrap_or(bytes.len());
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(&mut text)));
        }
        pieces.push(Piece::Expr {
            text: template[start..end].trim().to_owned(),
            start,
            end,
            directive: bytes[i] == b'%',
        });
        i = end + 1;
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    pieces
}

/// The index of the `}` that closes an interpolation whose expression starts at `from`, skipping
/// nested braces and quoted strings.
fn closing_brace(bytes: &[u8], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    let mut in_string = false;
    while i < bytes.len() {
        match (in_string, bytes[i]) {
            (true, b'\\') => i += 1,
            (true, b'"') => in_string = false,
            (false, b'"') => in_string = true,
            (false, b'{') => depth += 1,
            (false, b'}') if depth == 0 => return Some(i),
            (false, b'}') => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The resource (and data source) addresses an HCL expression refers to, each with the byte range
/// of the address in the expression and the attribute that follows it.
fn traversals(expr: &str) -> Vec<(std::ops::Range<usize>, Reference)> {
    let bytes = expr.as_bytes();
    let is_name = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let name_at = |at: usize| -> usize {
        let mut end = at;
        while end < bytes.len() && is_name(bytes[end]) {
            end += 1;
        }
        end
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            // A string inside the expression: its own interpolations are not followed.
            i = closing_quote(bytes, i + 1) + 1;
            continue;
        }
        let starts_word =
            bytes[i].is_ascii_alphabetic() && (i == 0 || !(is_name(bytes[i - 1]) || bytes[i - 1] == b'.'));
        if !starts_word {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut at = i;
        loop {
            let end = name_at(at);
            segments.push((at, end));
            if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(|&b| is_name(b)) {
                at = end + 1;
            } else {
                break;
            }
        }
        let word = |n: usize| &expr[segments[n].0..segments[n].1];
        let first = word(0);
        let (kind, name_index) = if first == "data" && segments.len() >= 3 {
            (format!("data.{}", word(1)), 2)
        } else {
            (first.to_owned(), 1)
        };
        let is_resource_type = kind.starts_with("data.") || (first.contains('_') && !NOT_RESOURCES.contains(&first));
        if segments.len() > name_index && is_resource_type {
            let attribute = segments.get(name_index + 1).map(|&(s, e)| expr[s..e].to_owned()).unwrap_or_default();
            let name = word(name_index);
            found.push((segments[0].0..segments[name_index].1, Reference::new(&kind, name, &attribute)));
        }
        i = segments.last().map_or(i + 1, |&(_, end)| end);
    }
    found
}

fn closing_quote(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Every reference in a string, in order.
pub fn references_in(text: &str) -> Vec<Reference> {
    pieces(text)
        .into_iter()
        .filter_map(|piece| match piece {
            Piece::Expr { text, .. } => Some(traversals(&text).into_iter().map(|(_, r)| r).collect::<Vec<_>>()),
            Piece::Text(_) => None,
        })
        .flatten()
        .collect()
}

/// The one reference a string consists of (`${aws_sqs_queue.jobs.arn}`), and the literal text
/// after it (`/*` in `${aws_s3_bucket.b.arn}/*`).
///
/// ```
/// use lambda_stack_runtime::migrate::cdktf::{leading_reference, whole_reference, Reference};
/// let (bucket, suffix) = leading_reference("${aws_s3_bucket.uploads.arn}/*").unwrap();
/// assert_eq!((bucket, suffix.as_str()), (Reference::new("aws_s3_bucket", "uploads", "arn"), "/*"));
/// assert_eq!(whole_reference("${aws_sqs_queue.jobs.url}"), Some(Reference::new("aws_sqs_queue", "jobs", "url")));
/// assert_eq!(whole_reference("${aws_s3_bucket.uploads.arn}/*"), None);
/// ```
pub fn leading_reference(text: &str) -> Option<(Reference, String)> {
    let parts = pieces(text);
    let (first, rest) = parts.split_first()?;
    let Piece::Expr { text: expr, directive: false, .. } = first else { return None };
    let refs = traversals(expr);
    let [(range, reference)] = refs.as_slice() else { return None };
    // The whole expression is `TYPE.NAME.ATTR`: nothing indexed or called.
    let attr_end = range.end + 1 + reference.attribute.len();
    if range.start != 0 || reference.attribute.is_empty() || attr_end != expr.len() {
        return None;
    }
    let suffix = match rest {
        [] => String::new(),
        [Piece::Text(text)] => text.clone(),
        _ => return None,
    };
    Some((reference.clone(), suffix))
}

/// The one reference a string is, with nothing around it.
pub fn whole_reference(text: &str) -> Option<Reference> {
    leading_reference(text).filter(|(_, suffix)| suffix.is_empty()).map(|(reference, _)| reference)
}

/// The text of a string with no interpolation in it (`$${` read as `${`); `None` when it has one.
///
/// ```
/// use lambda_stack_runtime::migrate::cdktf::literal;
/// assert_eq!(literal("jobs-dlq").as_deref(), Some("jobs-dlq"));
/// assert_eq!(literal("$${stage}").as_deref(), Some("${stage}"));
/// assert_eq!(literal("${var.stage}"), None);
/// ```
pub fn literal(text: &str) -> Option<String> {
    match pieces(text).as_slice() {
        [] => Some(String::new()),
        [Piece::Text(text)] => Some(text.clone()),
        _ => None,
    }
}

/// `value` with every reference to an address of `moves` rewritten to its new address, in
/// interpolations and in `depends_on`.
///
/// ```
/// use std::collections::BTreeMap;
/// use lambda_stack_runtime::migrate::cdktf::rewrite;
/// use lambda_stack_runtime::terraform::Address;
/// let moves = BTreeMap::from([(Address::new("aws_sqs_queue", "jobs-dlq"), Address::new("aws_sqs_queue", "jobs_dlq"))]);
/// let value = serde_json::json!({ "redrive": "{\"arn\": \"${aws_sqs_queue.jobs-dlq.arn}\"}" });
/// assert_eq!(rewrite(&value, &moves)["redrive"], "{\"arn\": \"${aws_sqs_queue.jobs_dlq.arn}\"}");
/// ```
pub fn rewrite(value: &Value, moves: &BTreeMap<Address, Address>) -> Value {
    match value {
        Value::String(text) => Value::String(rewrite_text(text, moves)),
        Value::Array(items) => Value::Array(items.iter().map(|item| rewrite(item, moves)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, item)| {
                    let item = match (key.as_str(), item) {
                        ("depends_on", Value::Array(items)) => Value::Array(
                            items
                                .iter()
                                .map(|entry| match entry.as_str().and_then(|t| t.split_once('.')) {
                                    Some((kind, name)) => match moves.get(&Address::new(kind, name)) {
                                        Some(to) => Value::String(to.to_string()),
                                        None => entry.clone(),
                                    },
                                    None => entry.clone(),
                                })
                                .collect(),
                        ),
                        _ => rewrite(item, moves),
                    };
                    (key.clone(), item)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A string with the addresses of its interpolations rewritten; literal text is left as written.
pub fn rewrite_text(text: &str, moves: &BTreeMap<Address, Address>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for piece in pieces(text) {
        let Piece::Expr { text: _, start, end, .. } = piece else { continue };
        let expr = &text[start..end];
        let mut rewritten = String::new();
        let mut at = 0;
        for (range, reference) in traversals(expr) {
            if let Some(to) = moves.get(&reference.address) {
                rewritten.push_str(&expr[at..range.start]);
                rewritten.push_str(&to.to_string());
                at = range.end;
            }
        }
        if at == 0 {
            continue;
        }
        rewritten.push_str(&expr[at..]);
        out.push_str(&text[copied..start]);
        out.push_str(&rewritten);
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}
