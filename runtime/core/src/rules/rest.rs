//! The REST API (API Gateway v1): the `rest(..)` trigger's path, its stage's name, and the
//! resources built from the paths.
//!
//! Sources, as of 2026-12-03: API Gateway developer guide, "Set up a proxy integration with a
//! proxy resource" and the `CreateResource` API reference (a path part is letters, digits, `.`,
//! `_`, `-` and `:`, or a `{name}` variable, or a greedy `{name+}` that ends the path; one
//! variable path part among the children of a resource), and "Set up a stage for a REST API"
//! (`CreateStage`: a stage name is letters, digits, `-` and `_`, at most 128 characters).
//! Methods are the HTTP API's ([`super::http::check_method`]).
//!
//! ```
//! use lambda_stack_core::rules::rest::{check_rest_path, check_stage_name};
//! assert!(check_rest_path("/items/{id}").is_ok());
//! assert!(check_rest_path("/items/{proxy+}").is_ok());
//! assert!(check_rest_path("/items/a b").is_err());
//! assert!(check_stage_name("v1").is_ok());
//! assert!(check_stage_name("v 1").is_err());
//! ```

use std::collections::BTreeMap;

/// The stage's name when `stage:` is not given.
pub const DEFAULT_STAGE: &str = "v1";

/// The role API Gateway writes the REST API's logs with is named `STACK-rest-api-logs`
/// ([`super::names::role_name`]): declaration names have no `-`, so no role of the stack has it.
pub const LOGS_ROLE: &str = "rest-api-logs";

/// The logging role's name fits IAM's 64 characters.
pub fn check_logs_role_name(stack: &str) -> Result<(), String> {
    let name = super::names::role_name(stack, LOGS_ROLE);
    if name.len() <= super::names::MAX_ROLE_NAME {
        return Ok(());
    }
    Err(format!(
        "the REST API's logging role `{name}` is {} characters, above IAM's limit of {}; shorten the stack name",
        name.len(),
        super::names::MAX_ROLE_NAME
    ))
}

/// The longest stage name API Gateway accepts.
pub const MAX_STAGE_NAME_LEN: usize = 128;

/// A route's path is a valid route path ([`super::http::check_path`]) whose literal parts hold
/// only what a REST API resource's path part may: letters, digits, `.`, `_`, `-`, `:`.
pub fn check_rest_path(path: &str) -> Result<(), String> {
    super::http::check_path(path)?;
    for part in path.split('/').filter(|p| !p.is_empty() && !p.starts_with('{')) {
        if let Some(bad) = part.chars().find(|&c| !(c.is_ascii_alphanumeric() || "._-:".contains(c))) {
            return Err(format!(
                "route path `{path}`: the REST API's path part `{part}` holds `{bad}`; a path part holds only \
                 letters, digits, `.`, `_`, `-` and `:`, or is a variable such as `{{id}}` or `{{proxy+}}`"
            ));
        }
    }
    Ok(())
}

/// A stage's name: 1 to 128 letters, digits, `-` and `_`.
pub fn check_stage_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the stage name is empty; give one such as `v1`".into());
    }
    if name.len() > MAX_STAGE_NAME_LEN {
        return Err(format!(
            "stage name `{name}` has {} characters; API Gateway allows at most {MAX_STAGE_NAME_LEN}",
            name.len()
        ));
    }
    if let Some(bad) = name.chars().find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        let fixed: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' }).collect();
        return Err(format!(
            "stage name `{name}` holds `{bad}`; a REST API stage name holds only letters, digits, `-` and `_`, \
             such as `{fixed}`"
        ));
    }
    Ok(())
}

/// A REST API's CORS rule names one origin (or `*`): its `OPTIONS` methods answer the preflight
/// with a static `Access-Control-Allow-Origin`, which holds one.
pub fn check_rest_cors_origins(origins: &[String]) -> Result<(), String> {
    if origins.len() <= 1 {
        return Ok(());
    }
    Err(format!(
        "the REST API answers a CORS preflight with one `Access-Control-Allow-Origin`, but `origins` lists {}; \
         keep one origin (or `\"*\"`), or route the paths with `http(..)`, whose HTTP API matches each origin",
        origins.len()
    ))
}

/// The resource paths a set of route paths needs, parents first: `/items/{id}` needs `/items`
/// and `/items/{id}` (the root `/` exists with the API).
pub fn resource_paths<'a>(paths: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut all = std::collections::BTreeSet::new();
    for path in paths {
        let mut prefix = String::new();
        for part in path.split('/').filter(|p| !p.is_empty()) {
            prefix.push('/');
            prefix.push_str(part);
            all.insert(prefix.clone());
        }
    }
    let mut sorted: Vec<String> = all.into_iter().collect();
    // Parents before children, then by path: deterministic, and each parent is declared first.
    sorted.sort_by(|a, b| a.matches('/').count().cmp(&b.matches('/').count()).then(a.cmp(b)));
    sorted
}

/// Two routes' variables at one level of the path differ (`/items/{id}` beside `/items/{name}`):
/// a REST API resource has at most one variable child. Returns, for each path that clashes with
/// an earlier one, its index and the message.
pub fn sibling_variables<'a>(paths: &[&'a str]) -> Vec<(usize, String)> {
    // parent path → (the variable part first seen, the path that brought it)
    let mut variables: BTreeMap<String, (&'a str, &'a str)> = BTreeMap::new();
    let mut clashes = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let mut parent = String::new();
        for part in path.split('/').filter(|p| !p.is_empty()) {
            if part.starts_with('{') {
                match variables.get(&parent) {
                    Some((first, first_path)) if *first != part => {
                        let under = if parent.is_empty() { "/" } else { parent.as_str() };
                        clashes.push((
                            i,
                            format!(
                                "route path `{path}` puts `{part}` under `{under}`, where `{first_path}` has `{first}`; \
                                 a REST API resource has one variable child: name the variable `{first}` in both"
                            ),
                        ));
                        break;
                    }
                    Some(_) => {}
                    None => {
                        variables.insert(parent.clone(), (part, path));
                    }
                }
            }
            parent.push('/');
            parent.push_str(part);
        }
    }
    clashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert!(check_rest_path("/").is_ok());
        assert!(check_rest_path("/v1.0/items_all/{id}").is_ok());
        assert!(check_rest_path("/items/{id}/x").is_ok());
        assert!(check_rest_path("/items/{proxy+}/x").unwrap_err().contains("must be the last segment"));
        assert!(check_rest_path("/items/a$b").unwrap_err().contains("holds `$`"));
        assert!(check_rest_path("items").unwrap_err().contains("must start with `/`"));
    }

    #[test]
    fn stage_names() {
        assert!(check_stage_name("prod_2").is_ok());
        assert!(check_stage_name("").is_err());
        assert!(check_stage_name(&"a".repeat(129)).unwrap_err().contains("at most 128"));
        assert!(check_stage_name("v.1").unwrap_err().contains("such as `v-1`"));
    }

    #[test]
    fn one_cors_origin() {
        assert!(check_rest_cors_origins(&["*".into()]).is_ok());
        assert!(check_rest_cors_origins(&["https://a.example".into(), "https://b.example".into()])
            .unwrap_err()
            .contains("lists 2"));
    }

    #[test]
    fn resources_parents_first() {
        let paths = resource_paths(["/items/{id}", "/items", "/files/{proxy+}", "/"]);
        assert_eq!(paths, ["/files", "/items", "/files/{proxy+}", "/items/{id}"]);
    }

    #[test]
    fn one_variable_child() {
        assert!(sibling_variables(&["/items/{id}", "/items/{id}/parts"]).is_empty());
        let clashes = sibling_variables(&["/items/{id}", "/items/{name}"]);
        assert_eq!(clashes.len(), 1);
        assert!(clashes[0].1.contains("where `/items/{id}` has `{id}`"));
        assert_eq!(sibling_variables(&["/{proxy+}", "/{id}"]).len(), 1);
    }
}
