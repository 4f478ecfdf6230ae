//! Lambda layers: `layer NAME { code, runtimes, arch }`, and the functions that use them.
//!
//! Sources (as of 2026-12-03): the Lambda API reference, `PublishLayerVersion` (`LayerName`
//! 1–140 characters of `[a-zA-Z0-9-_]`, at most 15 `CompatibleRuntimes`, `CompatibleArchitectures`
//! `x86_64`/`arm64`), and the developer guide's "Packaging your layer content" (the folders each
//! runtime adds to its search path under `/opt`).
//!
//! ```
//! use lambda_stack_core::rules::layers;
//! assert!(layers::check_layer_runtimes("common", &["python3.12", "python3.13"]).is_ok());
//! assert!(layers::check_layer_runtimes("common", &["python3.12", "nodejs22.x"]).unwrap_err().contains("one language"));
//! assert_eq!(layers::package_prefix("python3.12"), "python/");
//! ```

use super::runtimes::{self, Family};
use crate::decl::Arch;

/// A layer's name in Lambda: 1 to 140 characters.
pub const MAX_LAYER_NAME: usize = 140;
/// `CompatibleRuntimes` holds at most 15 runtime identifiers.
pub const MAX_COMPATIBLE_RUNTIMES: usize = 15;

/// The Lambda name of `layer` in `stack`.
pub fn layer_name(stack: &str, layer: &str) -> String {
    format!("{stack}-{layer}")
}

/// A Lambda layer name: `[a-zA-Z0-9_-]{1,140}`.
pub fn check_layer_name(name: &str) -> Result<(), String> {
    if name.is_empty() || name.len() > MAX_LAYER_NAME {
        return Err(format!("layer name `{name}` must be 1 to {MAX_LAYER_NAME} characters, found {}", name.len()));
    }
    if let Some(bad) = name.chars().find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        return Err(format!("layer name `{name}` contains `{bad}`; Lambda allows letters, digits, `-` and `_`"));
    }
    Ok(())
}

/// An owned layer's Lambda name (`{stack}-{layer}`) fits Lambda's 140 characters.
pub fn check_owned_layer_name(stack: &str, layer: &str) -> Result<(), String> {
    let name = layer_name(stack, layer);
    if name.len() > MAX_LAYER_NAME {
        return Err(format!(
            "layer name `{name}` (stack `{stack}` + layer `{layer}`) is {} characters, above Lambda's limit of \
             {MAX_LAYER_NAME}; shorten the layer or stack name",
            name.len()
        ));
    }
    check_layer_name(&name)
}

/// The folder of a layer's zip its code goes in, for the family of `runtime`: what the runtime
/// adds to its search path under `/opt` (`python/` to `sys.path`, `nodejs/node_modules/` to
/// `NODE_PATH`); at the root for the others (`bin/` and `lib/` are on `PATH` and
/// `LD_LIBRARY_PATH`).
pub fn package_prefix(runtime: &str) -> &'static str {
    match runtimes::lookup(runtime).map(|r| r.family) {
        Some(Family::Python) => "python/",
        Some(Family::Node) => "nodejs/node_modules/",
        _ => "",
    }
}

/// A built layer lists one to 15 runtimes, each once, all of one language: its code goes in that
/// language's folder (`python/`, `nodejs/node_modules/`). Unknown identifiers are reported by the
/// runtime rule, not here.
pub fn check_layer_runtimes(layer: &str, runtimes: &[&str]) -> Result<(), String> {
    if runtimes.is_empty() {
        return Err(format!(
            "layer `{layer}` lists no runtimes; write `runtimes: [python3.12]` (its code goes in the folder that \
             language's runtime reads under `/opt`)"
        ));
    }
    if runtimes.len() > MAX_COMPATIBLE_RUNTIMES {
        return Err(format!(
            "layer `{layer}` lists {} runtimes; Lambda takes at most {MAX_COMPATIBLE_RUNTIMES}",
            runtimes.len()
        ));
    }
    let known: Vec<(&str, Family)> =
        runtimes.iter().filter_map(|id| runtimes::lookup(id).map(|r| (*id, r.family))).collect();
    if let Some(&(first, family)) = known.first() {
        if let Some((other, other_family)) = known.iter().find(|(_, f)| *f != family) {
            return Err(format!(
                "layer `{layer}` lists runtimes of more than one language: `{first}` is {} and `{other}` is {}; \
                 a layer's code goes in one language's folder, so list one language's runtimes (or declare two layers)",
                family.name(),
                other_family.name()
            ));
        }
    }
    Ok(())
}

/// A runtime or architecture listed twice: the index of the second one.
pub fn first_repeat<T: PartialEq>(items: &[T]) -> Option<usize> {
    (1..items.len()).find(|&i| items[..i].contains(&items[i]))
}

/// A function using a layer runs on a runtime the layer lists.
pub fn check_layer_runtime(layer: &str, listed: &[&str], function: &str, runtime: &str) -> Result<(), String> {
    if listed.contains(&runtime) {
        return Ok(());
    }
    Err(format!(
        "layer `{layer}` is for {}, not `{runtime}`, the runtime of function `{function}`; add `{runtime}` to its \
         `runtimes`, or use a layer built for it",
        super::suggest::one_of(listed.iter().copied())
    ))
}

/// A function using a layer runs on an architecture the layer lists.
pub fn check_layer_arch(layer: &str, listed: &[Arch], function: &str, arch: Arch) -> Result<(), String> {
    if listed.contains(&arch) {
        return Ok(());
    }
    Err(format!(
        "layer `{layer}` is built for {}, not `{}`, the architecture of function `{function}`; add `{}` to its `arch`",
        super::suggest::one_of(listed.iter().map(|a| a.as_str())),
        arch.as_str(),
        arch.as_str()
    ))
}

/// A function's package and its layers' add up to at most 250 MB unzipped (Lambda's limit on
/// what it extracts for one function).
pub fn check_unzipped_with_layers(function: &str, own: u64, layers: &[(&str, u64)]) -> Result<(), String> {
    let total = own + layers.iter().map(|(_, size)| size).sum::<u64>();
    let max = super::limits::MAX_UNZIPPED_BYTES;
    if total <= max {
        return Ok(());
    }
    let each: Vec<String> = layers.iter().map(|(name, size)| format!("layer `{name}` {size} bytes")).collect();
    Err(format!(
        "function `{function}` and its layers are {total} bytes unzipped, above Lambda's {max} bytes: the function \
         {own} bytes, {}",
        each.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_names_follow_lambda() {
        assert!(check_layer_name("shop-common_2").is_ok());
        assert!(check_layer_name("shop.common").unwrap_err().contains("contains `.`"));
        assert!(check_owned_layer_name(&"s".repeat(100), &"l".repeat(40)).unwrap_err().contains("140"));
    }

    #[test]
    fn runtimes_are_one_language_and_at_least_one() {
        assert!(check_layer_runtimes("c", &[]).unwrap_err().contains("lists no runtimes"));
        let mixed = check_layer_runtimes("c", &["nodejs22.x", "python3.12"]).unwrap_err();
        assert!(mixed.contains("`nodejs22.x` is Node.js and `python3.12` is Python"), "{mixed}");
        assert!(check_layer_runtimes("c", &["nodejs20.x", "nodejs22.x"]).is_ok());
        assert_eq!(first_repeat(&["a", "b", "a"]), Some(2));
        assert_eq!(first_repeat(&["a", "b"]), None);
    }

    #[test]
    fn a_function_uses_a_layer_of_its_runtime_and_arch() {
        let err = check_layer_runtime("common", &["python3.12", "python3.13"], "api", "python3.11").unwrap_err();
        assert!(err.contains("`python3.12` or `python3.13`, not `python3.11`"), "{err}");
        let err = check_layer_arch("common", &[Arch::X86_64], "api", Arch::Arm64).unwrap_err();
        assert!(err.contains("built for `x86_64`, not `arm64`"), "{err}");
        assert!(check_layer_arch("common", &Arch::ALL, "api", Arch::Arm64).is_ok());
    }

    #[test]
    fn the_unzipped_total_names_every_part() {
        let err =
            check_unzipped_with_layers("api", 200_000_000, &[("common", 50_000_000), ("ml", 20_000_000)]).unwrap_err();
        assert!(err.contains("270000000 bytes"), "{err}");
        assert!(err.contains("the function 200000000 bytes, layer `common` 50000000 bytes, layer `ml` 20000000 bytes"));
        assert!(check_unzipped_with_layers("api", 1, &[("common", 2)]).is_ok());
    }

    #[test]
    fn prefixes_follow_the_runtime_family() {
        assert_eq!(package_prefix("nodejs22.x"), "nodejs/node_modules/");
        assert_eq!(package_prefix("provided.al2023"), "");
    }
}
