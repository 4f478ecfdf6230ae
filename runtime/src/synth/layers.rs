//! Layers the stack builds: packaged for each architecture they list (one zip, and one
//! `aws_lambda_layer_version`, for all of them when the zips are the same bytes; one per
//! architecture when a dependency ships native code), and the ARN a function's `layers` gets.

use super::{note, Asset, Builder};
use crate::error::{Error, Result};
use crate::function::Function;
use crate::layer::Layer;
use crate::origin::Problem;
use crate::package::build::{self, BuildOptions, LayerCode};
use crate::package::progress::Progress;
use crate::rules;
use crate::rules::resources::Kind;
use crate::stack::Stack;
use crate::terraform::resources::{LambdaLayerVersion, Resource as _};
use crate::terraform::{self, Address};
use lambda_stack_core::decl::{Arch, LayerRef};

/// One version of a layer the stack builds: its zip, and the architectures it serves.
#[derive(Debug, Clone)]
pub struct LayerAsset {
    pub layer: String,
    pub architectures: Vec<Arch>,
    /// Its `aws_lambda_layer_version`'s name: the layer's, or `<layer>-<arch>` when each
    /// architecture has its own zip.
    pub resource: String,
    pub asset: Asset,
}

/// Packages (or, with `digest_only`, hashes) every layer the stack builds, in declaration order.
pub(super) fn layer_assets(stack: &Stack, options: Option<&BuildOptions>) -> Result<Vec<LayerAsset>> {
    let owned: Vec<&Layer> = stack.layers.iter().filter(|l| l.existing.is_none()).collect();
    let progress = options.map(|o| Progress::new(owned.len(), o.progress));
    let mut assets = Vec::new();
    for layer in owned {
        let runtimes = layer.runtimes.iter().filter_map(|r| rules::runtimes::lookup(r)).collect::<Vec<_>>();
        let code = layer.code.as_deref().expect("checked: every built layer has code");
        let mut versions: Vec<(Vec<Arch>, crate::package::Package)> = Vec::new();
        for arch in layer.architectures() {
            let layer_code = LayerCode { name: &layer.name, code, runtimes: runtimes.clone(), arch };
            let package = match (options, &progress) {
                (Some(options), Some(progress)) => build::package_layer(&layer_code, options, progress),
                _ => build::layer_digest(&layer_code),
            }
            .map_err(|source| Error::Usage(format!("stack `{}`: layer `{}`: {source}", stack.name, layer.name)))?;
            match versions.iter_mut().find(|(_, same)| same.sha256_hex == package.sha256_hex) {
                Some((archs, _)) => archs.push(arch),
                None => versions.push((vec![arch], package)),
            }
        }
        let split = versions.len() > 1;
        for (architectures, package) in versions {
            let resource =
                if split { format!("{}-{}", layer.name, architectures[0].as_str()) } else { layer.name.clone() };
            let asset = Asset {
                function: resource.clone(),
                path: format!("assets/{resource}/{}.zip", package.sha256_hex),
                package,
                s3_bucket: None,
            };
            assets.push(LayerAsset { layer: layer.name.clone(), architectures, resource, asset });
        }
    }
    if let Some(progress) = progress {
        progress.finish();
    }
    Ok(assets)
}

/// The version of `layer` a function on `arch` uses.
fn version_for<'a>(layers: &'a [LayerAsset], layer: &str, arch: Arch) -> Option<&'a LayerAsset> {
    layers.iter().find(|l| l.layer == layer && l.architectures.contains(&arch))
}

/// Each function and the layers it uses fit Lambda's 250 MB unzipped: an error naming the
/// function, its size and each layer's.
pub(super) fn check_unzipped_totals(stack: &Stack, functions: &[Asset], layers: &[LayerAsset]) -> Result<()> {
    let mut problems = Vec::new();
    for (function, asset) in stack.functions.iter().zip(functions) {
        let used: Vec<(&str, u64)> = function
            .layers
            .iter()
            .filter_map(|item| match LayerRef::of(item) {
                LayerRef::Named(name) => version_for(layers, name, function.arch),
                _ => None,
            })
            .map(|version| (version.layer.as_str(), version.asset.package.unzipped_bytes))
            .collect();
        if used.is_empty() {
            continue;
        }
        let own = asset.package.unzipped_bytes;
        if let Err(message) = rules::layers::check_unzipped_with_layers(&function.name, own, &used) {
            problems.push(Problem {
                subject: format!("function `{}`", function.name),
                origin: function.origin.clone(),
                message,
            });
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid { stack: stack.name.clone(), problems })
    }
}

impl Builder<'_> {
    /// An `aws_lambda_layer_version` per zip of each layer the stack builds.
    pub(super) fn layer_versions(&mut self, layers: &[LayerAsset]) -> Result<()> {
        for version in layers {
            let layer = self.stack.layers.iter().find(|l| l.name == version.layer).expect("packaged from the stack");
            let archs: Vec<&str> = version.architectures.iter().map(|a| a.as_str()).collect();
            let what = match version.resource == layer.name {
                true => format!("layer `{}`", layer.name),
                false => format!("layer `{}` for {}", layer.name, archs.join(", ")),
            };
            self.add(
                &version.resource,
                &LambdaLayerVersion {
                    note: note(&what, &layer.origin),
                    layer_name: self.owned_name(Kind::Layer, &layer.name, &layer.adopt, false),
                    filename: version.asset.path.clone(),
                    source_code_hash: version.asset.package.sha256_base64.clone(),
                    compatible_runtimes: layer.runtimes.clone(),
                    compatible_architectures: archs.iter().map(|a| a.to_string()).collect(),
                    description: layer.description.as_deref().map(terraform::literal),
                },
            )?;
        }
        Ok(())
    }

    /// The layer version ARNs of a function's `layers`: a layer of the stack by the version for
    /// its architecture (or its `existing` ARN), ARNs and params as written.
    pub(super) fn function_layers(&mut self, function: &Function, layers: &[LayerAsset]) -> Vec<String> {
        let mut arns = Vec::new();
        for item in &function.layers {
            let arn = match LayerRef::of(item) {
                LayerRef::Named(name) => {
                    let declared = self.stack.layers.iter().find(|l| l.name == name).expect("checked: layers resolve");
                    match &declared.existing {
                        Some(existing) => self.arn(existing),
                        None => {
                            let version = version_for(layers, name, function.arch).expect("checked: arch listed");
                            Address::new(LambdaLayerVersion::TYPE, &version.resource).attr("arn")
                        }
                    }
                }
                LayerRef::Arn(_) | LayerRef::Param(_) => self.arn(item),
            };
            arns.push(arn);
        }
        arns
    }
}
