//! The builder methods of the adoption keys (`name:`, `import:`, `renamed_from:`), which every
//! declaration takes: one definition, expanded into each builder.

/// Adds `aws_name`, `import` and `renamed_from` to a builder with an `adopt: decl::Adoption`
/// field and a [`written`](lambda_stack_core::keys::written) list of keys.
macro_rules! adoption_setters {
    ($kind:literal) => {
        #[doc = concat!("The exact AWS name of the ", $kind, " (`name:`), instead of `<stack>-<name>`:")]
        /// what an existing resource is called when this stack takes it over. Checked against
        /// AWS's naming rules for the kind.
        ///
        /// ```
        /// use lambda_stack_runtime::Queue;
        /// let jobs = Queue::new("jobs")
        ///     .aws_name("jobs")
        ///     .import("https://sqs.eu-west-1.amazonaws.com/123456789012/jobs");
        /// # let _ = jobs;
        /// ```
        pub fn aws_name(mut self, name: impl Into<String>) -> Self {
            self.adopt.name = Some(name.into());
            self
        }

        #[doc = concat!("Takes over the existing ", $kind, " Terraform imports by `id` (`import:`, an `import` block;")]
        /// Terraform 1.5 or later). The ID must name what this declaration is named (`aws_name`).
        pub fn import(mut self, id: impl Into<String>) -> Self {
            self.adopt.import = Some(id.into());
            self
        }

        /// The declaration's name before a rename (`renamed_from:`): its Terraform addresses move
        /// to the new name (`moved` blocks), and its AWS names stay those the old name generated,
        /// so nothing is replaced.
        pub fn renamed_from(mut self, old: impl Into<String>) -> Self {
            self.adopt.renamed_from = Some(old.into());
            self
        }
    };
}

pub(crate) use adoption_setters;

/// The adoption keys a builder set, for its declaration's `written` keys.
pub(crate) fn written(adopt: &lambda_stack_core::decl::Adoption) -> [(lambda_stack_core::keys::Key, bool); 3] {
    use lambda_stack_core::keys::Key;
    [
        (Key::Name, adopt.name.is_some()),
        (Key::Import, adopt.import.is_some()),
        (Key::RenamedFrom, adopt.renamed_from.is_some()),
    ]
}
