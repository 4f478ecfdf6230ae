//! Lambda layers a stack builds from a folder, or uses by their version ARN.

use std::path::PathBuf;

use lambda_stack_core::decl::{self, Arch};
use lambda_stack_core::keys::{self, Key};

use crate::origin::Origin;

/// A Lambda layer (named `<stack>-<name>`) built from a folder: its code and the dependencies its
/// `requirements.txt` or `package.json` declares go under the folder its runtimes read in `/opt`
/// (`python/`, `nodejs/node_modules/`), built for each architecture it lists. A function uses it
/// by name ([`crate::Function::layer`]); or an existing layer version by ARN.
///
/// ```
/// use lambda_stack_runtime::{Arch, Function, Layer, Stack};
/// let stack = Stack::new("shop")
///     .region("eu-west-3")
///     .layer(Layer::new("common").code("layers/common").runtimes(["python3.12", "python3.13"]).arch([Arch::X86_64, Arch::Arm64]))
///     .function(Function::new("api").runtime("python3.12").handler("app.handler").code("functions/api").layer("common"));
/// # let _ = stack;
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct Layer {
    pub(crate) name: String,
    pub(crate) existing: Option<String>,
    pub(crate) code: Option<PathBuf>,
    pub(crate) code_as_written: Option<String>,
    pub(crate) runtimes: Vec<String>,
    pub(crate) arch: Vec<Arch>,
    pub(crate) description: Option<String>,
    pub(crate) adopt: decl::Adoption,
    pub(crate) origin: Origin,
}

impl Layer {
    /// The exact Lambda layer name (`name:`), instead of `<stack>-<name>`.
    pub fn aws_name(mut self, name: impl Into<String>) -> Self {
        self.adopt.name = Some(name.into());
        self
    }

    #[track_caller]
    pub fn new(name: impl Into<String>) -> Self {
        Layer {
            name: name.into(),
            existing: None,
            code: None,
            code_as_written: None,
            runtimes: Vec::new(),
            arch: Vec::new(),
            description: None,
            adopt: Default::default(),
            origin: Origin::caller(),
        }
    }

    /// The folder packaged into the layer.
    pub fn code(mut self, dir: impl Into<PathBuf>) -> Self {
        let dir = dir.into();
        self.code_as_written.get_or_insert_with(|| dir.display().to_string());
        self.code = Some(dir);
        self
    }

    /// The code folder as the user wrote it, for messages.
    pub fn code_as_written(mut self, text: impl Into<String>) -> Self {
        self.code_as_written = Some(text.into());
        self
    }

    /// The runtimes it is for, all of one language (at most 15).
    pub fn runtimes<S: Into<String>>(mut self, runtimes: impl IntoIterator<Item = S>) -> Self {
        self.runtimes.extend(runtimes.into_iter().map(Into::into));
        self
    }

    /// The architectures it is built for; `x86_64` when none is given.
    pub fn arch(mut self, arch: impl IntoIterator<Item = Arch>) -> Self {
        self.arch.extend(arch);
        self
    }

    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// Refers to a layer version outside this stack, by its ARN
    /// (`arn:aws:lambda:REGION:ACCOUNT:layer:NAME:VERSION`).
    pub fn existing(mut self, arn: impl Into<String>) -> Self {
        self.existing = Some(arn.into());
        self
    }

    pub fn declared_at(mut self, file: &str, line: u32) -> Self {
        self.origin = Origin { file: file.to_owned(), line };
        self
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The architectures it is built for: as listed, else `x86_64`.
    pub(crate) fn architectures(&self) -> Vec<Arch> {
        if self.arch.is_empty() {
            vec![Arch::default()]
        } else {
            self.arch.clone()
        }
    }

    /// The layer as the checker reads it.
    pub(crate) fn to_decl(&self) -> decl::Layer {
        decl::Layer {
            name: self.name.clone(),
            existing: self.existing.clone(),
            written: keys::written(&[
                (Key::Existing, self.existing.is_some()),
                (Key::Code, self.code.is_some()),
                (Key::Runtimes, !self.runtimes.is_empty()),
                (Key::Arch, !self.arch.is_empty()),
                (Key::Description, self.description.is_some()),
                (Key::Name, self.adopt.name.is_some()),
            ]),
            adopt: self.adopt.clone(),
            code: self.code.as_ref().map(|dir| decl::Code {
                as_written: self.code_as_written.clone().unwrap_or_else(|| dir.display().to_string()),
                dir: Some(dir.clone()),
            }),
            runtimes: self.runtimes.clone(),
            arch: self.arch.clone(),
            description: self.description.clone(),
        }
    }
}
