//! Rules about layers: `layer NAME { .. }` declarations and the functions naming them in
//! `layers: [..]`.

use super::{At, Checker, Location, Resolved};
use crate::decl::{DeclId, Function, Layer, LayerRef};
use crate::keys::Key;
use crate::rules::{self, layers, resources::Kind, runtimes};

impl Checker<'_> {
    /// A built layer has its code, a Lambda name, one to 15 known runtimes of one language and
    /// each architecture once; an `existing` one is a layer version ARN and configures nothing.
    pub(super) fn check_layer(&mut self, id: DeclId, layer: &Layer) {
        if let Some(existing) = &layer.existing {
            self.check_existing(id, Kind::Layer, existing, &layer.written);
            return;
        }
        self.check_generated_name(id, Kind::Layer, &layer.name, &layer.adopt, false);
        if layer.code.is_none() && !layer.written.contains(&Key::Code) {
            self.error(
                Location::new(id, At::Name),
                format!(
                    "layer `{}` has no `code`; write `code: \"layers/{}\"` (the folder packaged into the layer), or \
                     `existing: \"arn:..:layer:NAME:VERSION\"` for one built outside the stack",
                    layer.name, layer.name
                ),
            );
        }
        if let Some(code) = &layer.code {
            if let Some(dir) = &code.dir {
                if !dir.is_dir() {
                    self.error(
                        Location::new(id, At::Value(Key::Code)),
                        format!("layer `{}`'s code folder `{}` does not exist", layer.name, code.as_written),
                    );
                }
            }
        }
        let mut known = Vec::new();
        for (i, runtime) in layer.runtimes.iter().enumerate() {
            let at = Location::new(id, At::Item(Key::Runtimes, i));
            if layer.runtimes[..i].contains(runtime) {
                self.error(at, format!("runtime `{runtime}` is listed twice"));
            } else if self.verdict(at, runtimes::check_runtime(runtime, runtimes::Date::today())) {
                known.push(runtime.as_str());
            }
        }
        let runtimes_at = if layer.runtimes.is_empty() {
            Location::new(id, At::Name)
        } else {
            Location::new(id, At::Value(Key::Runtimes))
        };
        // Unknown runtimes are reported above; the rest are checked together.
        if layer.runtimes.is_empty() || !known.is_empty() {
            self.check(runtimes_at, layers::check_layer_runtimes(&layer.name, &known));
        }
        if let Some(i) = layers::first_repeat(&layer.arch) {
            let at = Location::new(id, At::Item(Key::Arch, i));
            self.error(at, format!("architecture `{}` is listed twice", layer.arch[i].as_str()));
        }
        if let Some(description) = &layer.description {
            self.check(Location::new(id, At::Value(Key::Description)), rules::limits::check_description(description));
        }
    }

    /// A `layers:` item that names a layer of the stack names a `layer` (did-you-mean otherwise),
    /// and the layer lists the function's runtime and architecture; a `#[function]` alone asks the
    /// stack binding it to declare the layer.
    pub(super) fn check_layer_uses(&mut self, id: DeclId, function: &Function) {
        for (i, item) in function.layers.iter().enumerate() {
            let LayerRef::Named(name) = LayerRef::of(item) else { continue };
            let at = Location::new(id, At::Item(Key::Layers, i));
            let Some(stack) = self.stack() else {
                self.refer(&function.name, name, vec![Kind::Layer], "`layers`".to_string());
                continue;
            };
            if function.layers[..i].contains(item) {
                self.error(at, format!("layer `{name}` is listed twice"));
                continue;
            }
            let Some(layer) = stack.layer_named(name) else {
                match self.kind_of(name) {
                    Some(kind) => self.error(
                        at,
                        format!(
                            "`{name}` is a {kind}, not a layer; `layers` takes `layer` declarations, layer version \
                             ARNs or `string` params"
                        ),
                    ),
                    None => {
                        let _ = self.resolve_layer(name, at);
                    }
                }
                continue;
            };
            if layer.existing.is_some() {
                // What an existing layer version is built for is not known here.
                continue;
            }
            let runtime = match (&function.runtime, function.rust) {
                (Some(runtime), _) => Some(runtime.as_str()),
                (None, true) => Some(rules::rust::RUNTIME),
                (None, false) => None,
            };
            let listed: Vec<&str> = layer.runtimes.iter().map(String::as_str).collect();
            if let Some(runtime) = runtime.filter(|_| !listed.is_empty()) {
                if self.check(at, layers::check_layer_runtime(name, &listed, &function.name, runtime)).is_none() {
                    continue;
                }
            }
            let arch = function.arch.unwrap_or_default();
            self.check(at, layers::check_layer_arch(name, &layer.architectures(), &function.name, arch));
        }
    }

    /// A name in `layers:` the stack does not declare: the message offers its layers (and its
    /// params, which `layers` also takes).
    fn resolve_layer(&mut self, name: &str, at: Location) -> Resolved {
        let Some(stack) = self.stack() else { return Resolved::Deferred };
        let candidates =
            stack.layers.iter().map(|l| l.name.as_str()).chain(stack.params.iter().map(|p| p.name.as_str()));
        let hint = rules::suggest::did_you_mean(name, candidates);
        self.error(
            at,
            format!(
                "no layer named `{name}` in stack `{}` (`layers` takes `layer` declarations, layer version ARNs or `string` params){hint}",
                stack.name
            ),
        );
        Resolved::Missing
    }
}
