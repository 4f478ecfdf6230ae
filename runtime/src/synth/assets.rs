//! Packaging a stack's functions, on as many threads as the machine has cores, in declaration order.

use std::collections::BTreeMap;

use super::Asset;
use crate::error::{Error, Result};
use crate::function::Function;
use crate::package::build::{self, BuildOptions, FunctionCode};
use crate::package::progress::Progress;
use crate::package::{Package, PackageError};
use crate::rules;
use crate::stack::Stack;

/// Packages every function, two at a time on a two-core machine and more on larger ones; the
/// order of the result follows the declarations, so output does not depend on scheduling.
pub(super) fn package_functions(
    stack: &Stack,
    bootstraps: &BTreeMap<String, Package>,
    options: &BuildOptions,
) -> Result<Vec<Asset>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(stack.functions.len().max(1));
    let chunk = stack.functions.len().div_ceil(threads).max(1);
    let progress = Progress::new(stack.functions.len(), options.progress);
    let progress = &progress;
    let results: Vec<Result<Asset>> = std::thread::scope(|scope| {
        let handles: Vec<_> = stack
            .functions
            .chunks(chunk)
            .map(|functions| {
                scope.spawn(move || {
                    functions
                        .iter()
                        .map(|f| package_function(stack, f, bootstraps, options, progress))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("packaging threads do not panic")).collect()
    });
    progress.finish();
    results.into_iter().collect()
}

/// Every function's [`build::code_digest`]: what a synth would package, hashed, nothing zipped
/// or built (a Rust function's stand-in is the digest of its name).
pub(super) fn digest_functions(stack: &Stack) -> Result<Vec<Asset>> {
    stack
        .functions
        .iter()
        .map(|function| {
            let package = match &function.code {
                Some(code) if function.rust.is_none() => {
                    let code = FunctionCode {
                        name: &function.name,
                        code,
                        runtime: function.runtime.as_deref().and_then(rules::runtimes::lookup),
                        arch: function.arch,
                        exclude: &function.exclude,
                    };
                    build::code_digest(&code).map_err(|source| Error::Package {
                        stack: stack.name.clone(),
                        function: function.name.clone(),
                        source: Box::new(source),
                    })?
                }
                _ => crate::package::archive_stand_in(&format!("rust function {}", function.name)),
            };
            Ok(Asset {
                function: function.name.clone(),
                path: format!("assets/{}/{}.zip", function.name, package.sha256_hex),
                package,
                s3_bucket: None,
            })
        })
        .collect()
}

/// Packages a function's code and dependencies (a Rust function's is its `bootstrap`, built
/// already); a package too big for a direct upload goes through the stack's `assets` bucket when
/// it has one.
fn package_function(
    stack: &Stack,
    function: &Function,
    bootstraps: &BTreeMap<String, Package>,
    options: &BuildOptions,
    progress: &Progress,
) -> Result<Asset> {
    if let Some(package) = bootstraps.get(&function.name) {
        let path = format!("assets/{}/{}.zip", function.name, package.sha256_hex);
        return Ok(Asset { function: function.name.clone(), path, package: package.clone(), s3_bucket: None });
    }
    let code = FunctionCode {
        name: &function.name,
        code: function.code.as_ref().expect("checked: every function has code"),
        runtime: function.runtime.as_deref().and_then(rules::runtimes::lookup),
        arch: function.arch,
        exclude: &function.exclude,
    };
    let (package, s3_bucket) = match build::package_function(&code, options, progress) {
        Ok(package) => (package, None),
        Err(PackageError::ZipTooLarge { package }) if stack.assets.is_some() => (*package, stack.assets.clone()),
        Err(source) => {
            return Err(Error::Package {
                stack: stack.name.clone(),
                function: function.name.clone(),
                source: Box::new(source),
            })
        }
    };
    Ok(Asset {
        function: function.name.clone(),
        path: format!("assets/{}/{}.zip", function.name, package.sha256_hex),
        package,
        s3_bucket,
    })
}
