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
/// order of the result follows the declarations, so output does not depend on scheduling. Each
/// thread takes the next function when it is done with one, so a thread the machine runs less
/// (other work on the cores) does not hold back the others with a fixed share.
pub(super) fn package_functions(
    stack: &Stack,
    bootstraps: &BTreeMap<String, Package>,
    options: &BuildOptions,
) -> Result<Vec<Asset>> {
    let progress = Progress::new(stack.functions.len(), options.progress);
    let packaged = crate::package::parallel_map(
        &stack.functions,
        crate::package::default_threads(),
        || (),
        |(), function| Ok(package_function(stack, function, bootstraps, options, &progress)),
    );
    progress.finish();
    packaged.expect("packaging reports its errors per function").into_iter().collect()
}

/// Every function's [`build::code_digest`]: what a synth would package, hashed, nothing zipped
/// or built (a Rust function's stand-in is the digest of its name).
pub(super) fn digest_functions(stack: &Stack) -> Result<Vec<Asset>> {
    stack
        .functions
        .iter()
        .map(|function| {
            let package = match function_code(function) {
                Some(code) if function.rust.is_none() => {
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

/// What to package for `function`: `None` without a code folder (a Rust function).
fn function_code(function: &Function) -> Option<FunctionCode<'_>> {
    Some(FunctionCode {
        name: &function.name,
        code: function.code.as_ref()?,
        runtime: function.runtime.as_deref().and_then(rules::runtimes::lookup),
        arch: function.arch,
        exclude: &function.exclude,
        build: function.build,
        bundle: function.bundle.map(|bundle| build::BundleCode {
            bundle,
            handler: function.handler.as_deref().unwrap_or_default(),
            source_map: function.source_map,
        }),
    })
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
    let code = function_code(function).expect("checked: every function has code");
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
