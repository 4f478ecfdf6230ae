//! Pairing each CDKTF address with the address lambda-stack generates for the same AWS object,
//! from the migrated stack synthesized in memory, so the migration can write `moved` blocks (and
//! `import` blocks where an object is managed by a resource of another type now, such as a
//! bucket's inline settings split into their own resources).
//!
//! A CDKTF resource and a generated one are the same object when they have the same type and
//! the same identity: the AWS name of what has one (a function's `function_name`, a role's or a
//! queue's `name`, a bucket's `bucket`), and for the rest what they attach to (a policy's role, a
//! mapping's function and source, a route's API and key), compared once the references of both
//! point at the migrated addresses. Pairing runs in passes, since a route's identity names its
//! API, known once the API is paired.
//!
//! Each pair is then compared attribute by attribute: what CDKTF set and lambda-stack writes
//! otherwise is kept with `override_resource` (an AWS name changed would replace the object),
//! except where lambda-stack's value is the point of migrating (a log retention checkov accepts,
//! code packaged by lambda-stack, policies written from the declarations). What lambda-stack adds
//! is an in-place update, listed.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::cdktf::{literal, references_in, rewrite, Cdktf};
use super::model::Model;
use super::Update;
use crate::terraform::Address;

/// The outcome of pairing, and what the migration writes from it.
#[derive(Debug, Clone, Default)]
pub struct Pairing {
    /// CDKTF address → generated address, for every resource a declaration took over.
    pub pairs: BTreeMap<Address, Address>,
    /// Untranslated resources → their address in the migrated stack (the same, or renamed when
    /// it is named like what lambda-stack generates).
    pub kept: BTreeMap<Address, Address>,
    /// Generated resources Terraform imports (the object exists, under another resource type in
    /// the CDKTF state), with the import ID.
    pub imports: BTreeMap<Address, String>,
    /// The values kept with `override_resource`, by generated address: a patch of arguments.
    pub overrides: BTreeMap<Address, Map<String, Value>>,
    /// What lambda-stack writes differently from CDKTF, by generated address: in-place updates
    /// where AWS holds another value.
    pub updates: BTreeMap<Address, Vec<Update>>,
    /// Generated resources that are new: no CDKTF resource is the same object.
    pub created: Vec<Address>,
    /// Resources a declaration took over that no generated resource pairs with: kept as written.
    pub unmatched: Vec<Address>,
}

impl Pairing {
    /// Every address change: `from` → `to`, for `moved` blocks.
    pub fn moves(&self) -> BTreeMap<Address, Address> {
        self.pairs
            .iter()
            .chain(&self.kept)
            .filter(|(from, to)| from != to)
            .map(|(f, t)| (f.clone(), t.clone()))
            .collect()
    }

    /// Every CDKTF address with its address in the migrated stack, moved or not.
    pub fn all_moves(&self) -> BTreeMap<Address, Address> {
        self.pairs.iter().chain(&self.kept).map(|(f, t)| (f.clone(), t.clone())).collect()
    }
}

/// The arguments that say which object a resource of `kind` is.
fn identity_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "aws_lambda_function" => &["function_name"],
        "aws_iam_role"
        | "aws_sqs_queue"
        | "aws_sns_topic"
        | "aws_dynamodb_table"
        | "aws_kinesis_stream"
        | "aws_cloudwatch_log_group" => &["name"],
        "aws_s3_bucket" => &["bucket"],
        "aws_iam_role_policy" => &["role"],
        "aws_iam_role_policy_attachment" => &["role", "policy_arn"],
        "aws_lambda_permission" => &["function_name", "principal"],
        "aws_lambda_event_source_mapping" => &["function_name", "event_source_arn"],
        "aws_s3_bucket_notification"
        | "aws_s3_bucket_public_access_block"
        | "aws_s3_bucket_versioning"
        | "aws_s3_bucket_server_side_encryption_configuration"
        | "aws_s3_bucket_lifecycle_configuration" => &["bucket"],
        "aws_cloudwatch_event_rule" => &["schedule_expression"],
        "aws_cloudwatch_event_target" => &["rule", "arn"],
        "aws_apigatewayv2_api" => &["protocol_type"],
        "aws_apigatewayv2_stage" => &["api_id", "name"],
        "aws_apigatewayv2_integration" => &["api_id", "integration_uri"],
        "aws_apigatewayv2_route" => &["api_id", "route_key"],
        "aws_sns_topic_subscription" => &["topic_arn", "endpoint"],
        "aws_lambda_function_url" => &["function_name"],
        _ => &[],
    }
}

/// Arguments that break a tie between objects of the same identity (two permissions of one
/// function for one principal differ by source).
fn preferred_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "aws_lambda_permission" => &["source_arn"],
        "aws_iam_role_policy" => &["name"],
        _ => &[],
    }
}

/// Arguments where lambda-stack's value is kept over CDKTF's, and why: the in-place updates a
/// migration makes on purpose.
pub fn regenerated(kind: &str, key: &str) -> Option<&'static str> {
    match (kind, key) {
        ("aws_lambda_function", "filename" | "source_code_hash") => Some("the code lambda-stack packages"),
        ("aws_cloudwatch_log_group", "retention_in_days") => Some("lambda-stack's retention (CKV_AWS_338)"),
        ("aws_lambda_event_source_mapping", "function_name") => Some("the same function, by ARN"),
        ("aws_iam_role_policy", "policy") => Some("the policy written from the declarations"),
        ("aws_s3_bucket_notification", "lambda_function") => Some("the rules of the `s3(..)` triggers"),
        _ => None,
    }
}

/// A bucket's inline settings that lambda-stack manages as resources of their own.
const BUCKET_SPLITS: &[(&str, &str)] = &[
    ("versioning", "aws_s3_bucket_versioning"),
    ("server_side_encryption_configuration", "aws_s3_bucket_server_side_encryption_configuration"),
    ("lifecycle_rule", "aws_s3_bucket_lifecycle_configuration"),
];

/// Arguments that name an object: when lambda-stack writes one CDKTF left to Terraform (a name
/// chosen at the first apply), it is removed, so the chosen name stays.
const NAME_KEYS: &[&str] = &["name", "name_prefix", "bucket", "bucket_prefix"];

/// Pairs the CDKTF resources with the generated ones of `generated` (the migrated stack's
/// document, without overrides), and computes what to keep of CDKTF's values.
pub fn pair(cdktf: &Cdktf, model: &Model, generated: &Value) -> Pairing {
    let generated = resources_of(generated);
    let names = literal_names(&generated);
    let mut pairing = Pairing::default();

    // Resources kept as written keep their address unless lambda-stack generates it (or one named
    // like it, which the include checker refuses).
    let declarations: BTreeSet<&str> = model.names().collect();
    for address in model.untranslated.keys() {
        pairing.kept.insert(address.clone(), kept_address(address, &generated, &declarations, &pairing.kept));
    }

    let claimed: Vec<&Address> = model.claims.keys().collect();
    loop {
        let mut progress = false;
        let moves = pairing.all_moves();
        for &address in &claimed {
            if pairing.pairs.contains_key(address) {
                continue;
            }
            let body = Value::Object(cdktf.resources[address].body.clone());
            let body = rewrite(&body, &moves);
            let Some(identity) =
                identity(&address.kind, &body, &names, |a| model.claims.contains_key(a) && !moves.contains_key(a))
            else {
                continue;
            };
            let paired: BTreeSet<&Address> = pairing.pairs.values().collect();
            let owner = &model.claims[address].owner;
            let candidates: Vec<&Address> = generated
                .iter()
                .filter(|(g, _)| g.kind == address.kind && !paired.contains(g))
                .filter(|(g, body)| {
                    same_identity(&identity, identity_of(&address.kind, body, &names), owned_by(g, owner))
                })
                .map(|(g, _)| g)
                .collect();
            let chosen = choose(&candidates, &body, &generated, &names, owner);
            if let Some(chosen) = chosen {
                pairing.pairs.insert(address.clone(), chosen.clone());
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
    for &address in &claimed {
        if !pairing.pairs.contains_key(address) {
            pairing.unmatched.push(address.clone());
            pairing.kept.insert(address.clone(), kept_address(address, &generated, &declarations, &pairing.kept));
        }
    }

    let moves = pairing.all_moves();
    let paired: BTreeSet<Address> = pairing.pairs.values().cloned().collect();
    for (from, to) in &pairing.pairs {
        let cdktf_body = rewrite(&Value::Object(cdktf.resources[from].body.clone()), &moves);
        let generated_body = &generated[to];
        let (patch, updates) = residue(&to.kind, &cdktf_body, &Value::Object(generated_body.clone()));
        if !patch.is_empty() {
            pairing.overrides.insert(to.clone(), patch);
        }
        if !updates.is_empty() {
            pairing.updates.insert(to.clone(), updates);
        }
        if from.kind == "aws_s3_bucket" {
            split_imports(&mut pairing.imports, &cdktf_body, to, &generated, &names);
        }
    }
    pairing.created =
        generated.keys().filter(|g| !paired.contains(g) && !pairing.imports.contains_key(g)).cloned().collect();
    pairing
}

/// The generated resources by address, without their `"//"` notes.
fn resources_of(document: &Value) -> BTreeMap<Address, Map<String, Value>> {
    let mut out = BTreeMap::new();
    for (kind, named) in document["resource"].as_object().into_iter().flatten() {
        for (name, body) in named.as_object().into_iter().flatten() {
            let mut body = body.as_object().cloned().unwrap_or_default();
            body.remove("//");
            out.insert(Address::new(kind, name), body);
        }
    }
    out
}

/// AWS names of the generated objects that have one (function, role, queue, bucket, ...) → their
/// address: a CDKTF argument may name an object by its name instead of a reference.
fn literal_names(generated: &BTreeMap<Address, Map<String, Value>>) -> BTreeMap<String, Address> {
    let mut names = BTreeMap::new();
    for (address, body) in generated {
        let key = match address.kind.as_str() {
            "aws_lambda_function" => "function_name",
            "aws_s3_bucket" => "bucket",
            "aws_iam_role" | "aws_sqs_queue" | "aws_sns_topic" | "aws_dynamodb_table" => "name",
            _ => continue,
        };
        if let Some(name) = body.get(key).and_then(Value::as_str).and_then(literal) {
            names.insert(name, address.clone());
        }
    }
    names
}

/// What an argument's value says about identity: the addresses it refers to (whatever their
/// attribute: a function by `.arn` or `.function_name` is the same function), or its literal
/// value (an object's name standing for its address).
fn normalized(value: &Value, names: &BTreeMap<String, Address>) -> String {
    match value {
        Value::String(text) => {
            let refs = references_in(text);
            if refs.is_empty() {
                let text = literal(text).unwrap_or_else(|| text.clone());
                return names.get(&text).map_or(text, Address::to_string);
            }
            let addresses: Vec<String> = refs.iter().map(|r| r.address.to_string()).collect();
            addresses.join(",")
        }
        other => other.to_string(),
    }
}

/// The identity of a CDKTF resource, once everything it names is paired: `None` while one of
/// its identity arguments refers to a taken-over resource still unpaired (`unpaired`). An
/// argument CDKTF left out (a name Terraform chose) matches any value: `None` in the list.
fn identity(
    kind: &str,
    body: &Value,
    names: &BTreeMap<String, Address>,
    unpaired: impl Fn(&Address) -> bool,
) -> Option<Vec<Option<String>>> {
    let mut found = Vec::new();
    for key in identity_keys(kind) {
        let Some(value) = body.get(*key).filter(|v| !v.is_null()) else {
            found.push(None);
            continue;
        };
        if let Value::String(text) = value {
            if references_in(text).iter().any(|r| unpaired(&r.address)) {
                return None;
            }
        }
        found.push(Some(normalized(value, names)));
    }
    Some(found)
}

/// Whether a generated resource has a CDKTF resource's identity; where CDKTF left an argument
/// out, only a resource of the declaration that took it over (`owned`) can be it.
fn same_identity(ours: &[Option<String>], theirs: Option<Vec<Option<String>>>, owned: bool) -> bool {
    let Some(theirs) = theirs else { return false };
    let mut wildcard = false;
    for (ours, theirs) in ours.iter().zip(&theirs) {
        match ours {
            None => wildcard = true,
            Some(value) if Some(value) == theirs.as_ref() => {}
            Some(_) => return false,
        }
    }
    !wildcard || owned
}

/// The generated address `address` is named after declaration `owner` (`owner`, `owner-..`).
fn owned_by(address: &Address, owner: &str) -> bool {
    address.name == owner || address.name.starts_with(&format!("{owner}-"))
}

fn identity_of(
    kind: &str,
    body: &Map<String, Value>,
    names: &BTreeMap<String, Address>,
) -> Option<Vec<Option<String>>> {
    identity(kind, &Value::Object(body.clone()), names, |_| false)
}

/// The candidate a CDKTF resource is: the only one, else the one agreeing on the preferred
/// arguments, else the one named after the declaration that took the resource over.
fn choose<'a>(
    candidates: &[&'a Address],
    body: &Value,
    generated: &BTreeMap<Address, Map<String, Value>>,
    names: &BTreeMap<String, Address>,
    owner: &str,
) -> Option<&'a Address> {
    match candidates {
        [] => return None,
        [one] => return Some(one),
        _ => {}
    }
    let kind = &candidates[0].kind;
    let agree = |candidate: &&&Address| {
        preferred_keys(kind).iter().all(|key| {
            let ours = body.get(*key).map(|v| normalized(v, names));
            ours.is_none() || generated[**candidate].get(*key).map(|v| normalized(v, names)) == ours
        })
    };
    let agreeing: Vec<&&Address> = candidates.iter().filter(agree).collect();
    let pool: Vec<&Address> =
        if agreeing.is_empty() { candidates.to_vec() } else { agreeing.into_iter().copied().collect() };
    pool.iter().find(|a| owned_by(a, owner)).or(pool.first()).copied()
}

/// The address an untranslated resource keeps: its own, unless it is generated or named like a
/// generated one (`NAME` or `NAME-..` of a declaration, `http-api..`), then `cdktf_NAME`.
fn kept_address(
    address: &Address,
    generated: &BTreeMap<Address, Map<String, Value>>,
    declarations: &BTreeSet<&str>,
    kept: &BTreeMap<Address, Address>,
) -> Address {
    let clashes = |candidate: &Address| {
        let owner = candidate.name.split_once('-').map_or(candidate.name.as_str(), |(owner, _)| owner);
        generated.contains_key(candidate)
            || declarations.contains(owner)
            || candidate.name.starts_with("http-api")
            || kept.values().any(|k| k == candidate)
    };
    if !clashes(address) {
        return address.clone();
    }
    let mut n = 1;
    loop {
        let name = if n == 1 { format!("cdktf_{}", address.name) } else { format!("cdktf{n}_{}", address.name) };
        let candidate = Address::new(&address.kind, &name);
        if !clashes(&candidate) {
            return candidate;
        }
        n += 1;
    }
}

/// What to keep of CDKTF's arguments (a patch for `override_resource`), and the in-place
/// updates lambda-stack's own values make.
pub fn residue(kind: &str, cdktf: &Value, generated: &Value) -> (Map<String, Value>, Vec<Update>) {
    let mut patch = Map::new();
    let mut updates = Vec::new();
    let (Some(ours), Some(theirs)) = (cdktf.as_object(), generated.as_object()) else { return (patch, updates) };
    let split: Vec<&str> =
        if kind == "aws_s3_bucket" { BUCKET_SPLITS.iter().map(|(k, _)| *k).collect() } else { vec![] };
    for (key, value) in ours {
        // `depends_on` is lambda-stack's: it orders what it generates (CDKTF's names the old
        // addresses); split-off settings are imported as resources of their own.
        if key == "//" || key == "depends_on" || split.contains(&key.as_str()) {
            continue;
        }
        match theirs.get(key) {
            None => {
                patch.insert(key.clone(), value.clone());
            }
            Some(written) if value == written => {}
            Some(written) if same(value, written) => updates.push(Update {
                argument: key.clone(),
                before: short(value),
                after: short(written),
                why: "the same JSON document, spaced as lambda-stack writes it".to_owned(),
            }),
            Some(written) => match regenerated(kind, key) {
                Some(why) => updates.push(Update {
                    argument: key.clone(),
                    before: short(value),
                    after: short(written),
                    why: why.to_owned(),
                }),
                None => {
                    if let Some(nested) = nested_patch(value, written) {
                        patch.insert(key.clone(), nested);
                    }
                }
            },
        }
    }
    for (key, written) in theirs {
        if ours.contains_key(key) || key == "depends_on" {
            continue;
        }
        if NAME_KEYS.contains(&key.as_str()) {
            patch.insert(key.clone(), Value::Null);
        } else {
            updates.push(Update {
                argument: key.clone(),
                before: "(unset)".to_owned(),
                after: short(written),
                why: "lambda-stack's default".to_owned(),
            });
        }
    }
    (patch, updates)
}

/// Objects keep lambda-stack's other keys: only what differs is patched, recursively.
fn nested_patch(ours: &Value, theirs: &Value) -> Option<Value> {
    match (ours, theirs) {
        (Value::Object(ours), Value::Object(theirs)) => {
            let mut patch = Map::new();
            for (key, value) in ours {
                match theirs.get(key) {
                    Some(written) if same(value, written) => {}
                    Some(written) => {
                        if let Some(nested) = nested_patch(value, written) {
                            patch.insert(key.clone(), nested);
                        }
                    }
                    None => {
                        patch.insert(key.clone(), value.clone());
                    }
                }
            }
            (!patch.is_empty()).then_some(Value::Object(patch))
        }
        (ours, theirs) if same(ours, theirs) => None,
        (ours, _) => Some(ours.clone()),
    }
}

/// Equal values, JSON documents in strings compared as documents (a policy's spacing is not a
/// change).
fn same(a: &Value, b: &Value) -> bool {
    if a == b {
        return true;
    }
    match (a, b) {
        (Value::String(a), Value::String(b)) => {
            let parse = |text: &str| serde_json::from_str::<Value>(text).ok().filter(|v| v.is_object() || v.is_array());
            matches!((parse(a), parse(b)), (Some(a), Some(b)) if a == b)
        }
        (Value::Number(a), Value::String(b)) | (Value::String(b), Value::Number(a)) => a.to_string() == *b,
        _ => false,
    }
}

/// A value for a one-line report: long ones are cut.
fn short(value: &Value) -> String {
    let text = match value {
        Value::String(text) => format!("{text:?}"),
        other => other.to_string(),
    };
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(57).collect::<String>())
    } else {
        text
    }
}

/// `import` blocks for a bucket's settings CDKTF wrote inline (`versioning { .. }`) that
/// lambda-stack manages as resources of their own: the object exists, in the bucket.
fn split_imports(
    imports: &mut BTreeMap<Address, String>,
    cdktf_body: &Value,
    bucket: &Address,
    generated: &BTreeMap<Address, Map<String, Value>>,
    names: &BTreeMap<String, Address>,
) {
    let Some(name) = cdktf_body.get("bucket").and_then(Value::as_str).and_then(literal) else { return };
    for (inline, kind) in BUCKET_SPLITS {
        if cdktf_body.get(*inline).is_none_or(|v| v.is_null() || v == &Value::Array(Vec::new())) {
            continue;
        }
        let split = generated.iter().find(|(address, body)| {
            address.kind == *kind && body.get("bucket").is_some_and(|b| normalized(b, names) == bucket.to_string())
        });
        if let Some((address, _)) = split {
            imports.insert(address.clone(), name.clone());
        }
    }
}
