//! Stages: `stages: [dev, prod]` deploys the stack once per stage, side by side in one account.
//!
//! Each stage is its own stack folder and Terraform state, named `<stack>-<stage>`; the AWS names
//! generated from that name carry the stage, and exact `name:`s must carry it too, through
//! `{stage}`, or the two stages would fight over one resource.
//!
//! ```
//! use lambda_stack_core::rules::stages;
//! assert_eq!(stages::stage_stack_name("shop", "dev"), "shop-dev");
//! assert_eq!(stages::exact_name("legacy-api-{stage}", Some("prod")), "legacy-api-prod");
//! assert_eq!(stages::state_key("shop/terraform.tfstate", "dev"), "dev/shop/terraform.tfstate");
//! assert!(stages::check_stage_name("Prod").is_err());
//! ```

/// Stage names are short: they go into every generated AWS name.
pub const MAX_STAGE_NAME: usize = 10;
/// Where an exact name or a state key takes the stage's name.
pub const STAGE_PLACEHOLDER: &str = "{stage}";
/// The default tag every resource of a stage carries.
pub const STAGE_TAG: &str = "stage";

/// A stage name: lowercase ASCII letters and digits, starting with a letter, at most 10.
pub fn check_stage_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a stage name is empty".into());
    }
    if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err(format!("stage name `{name}` must start with a lowercase ASCII letter"));
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit())) {
        return Err(format!(
            "stage name `{name}` contains `{bad}`; stage names use lowercase ASCII letters and digits, as they go \
             into every AWS name of the stage"
        ));
    }
    if name.len() > MAX_STAGE_NAME {
        return Err(format!(
            "stage name `{name}` is {} characters; at most {MAX_STAGE_NAME} leave room for the AWS names built from it",
            name.len()
        ));
    }
    Ok(())
}

/// The stack list of `stages:` names at least one stage, each once.
pub fn check_stage_list<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<(), (usize, String)> {
    let names: Vec<&str> = names.into_iter().collect();
    if names.is_empty() {
        return Err((0, "`stages` is empty; list the stages the stack deploys to, such as `[dev, prod]`".into()));
    }
    for (i, name) in names.iter().enumerate() {
        if names[..i].contains(name) {
            return Err((i, format!("the stage `{name}` is listed twice")));
        }
    }
    Ok(())
}

/// The name of one stage's stack: its folder, its state and the base of its generated AWS names.
pub fn stage_stack_name(stack: &str, stage: &str) -> String {
    format!("{stack}-{stage}")
}

/// With stages, an exact `name:` carries `{stage}`; without, it cannot.
pub fn check_name_carries_stage(name: &str, stage: Option<&str>) -> Result<(), String> {
    let carries = name.contains(STAGE_PLACEHOLDER);
    match stage {
        Some(_) if !carries => Err(format!(
            "with `stages`, an exact name must contain `{STAGE_PLACEHOLDER}`, or every stage would use the one \
             resource named `{name}`; write such as `\"{name}-{STAGE_PLACEHOLDER}\"`"
        )),
        None if carries => {
            Err(format!("`{STAGE_PLACEHOLDER}` in `{name}` names the stage, but the stack has no `stages: [..]`"))
        }
        _ => Ok(()),
    }
}

/// An exact name as the stage deploys it: `{stage}` replaced by the stage's name.
pub fn exact_name(name: &str, stage: Option<&str>) -> String {
    match stage {
        Some(stage) => name.replace(STAGE_PLACEHOLDER, stage),
        None => name.to_owned(),
    }
}

/// An S3 backend's state key for one stage: `{stage}` replaced, or the stage's folder in front, so
/// each stage keeps its own state.
pub fn state_key(key: &str, stage: &str) -> String {
    if key.contains(STAGE_PLACEHOLDER) {
        key.replace(STAGE_PLACEHOLDER, stage)
    } else {
        format!("{stage}/{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_names() {
        assert!(check_stage_name("dev").is_ok());
        assert!(check_stage_name("prod2").is_ok());
        assert!(check_stage_name("2prod").unwrap_err().contains("start with a lowercase"));
        assert!(check_stage_name("pre-prod").unwrap_err().contains("contains `-`"));
        assert!(check_stage_name("integration").unwrap_err().contains("11 characters"));
        assert!(check_stage_name("").is_err());
    }

    #[test]
    fn stage_lists() {
        assert!(check_stage_list(["dev", "prod"]).is_ok());
        assert_eq!(check_stage_list(["dev", "prod", "dev"]).unwrap_err().0, 2);
        assert!(check_stage_list([]).is_err());
    }

    #[test]
    fn names_and_keys() {
        assert!(check_name_carries_stage("api-{stage}", Some("dev")).is_ok());
        assert!(check_name_carries_stage("api", Some("dev")).unwrap_err().contains("must contain `{stage}`"));
        assert!(check_name_carries_stage("api-{stage}", None).unwrap_err().contains("no `stages"));
        assert_eq!(state_key("state/{stage}.tfstate", "prod"), "state/prod.tfstate");
    }
}
