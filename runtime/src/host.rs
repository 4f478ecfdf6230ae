//! What this machine has: programs on `PATH`.

/// Whether `program` is a file in one of `PATH`'s folders.
pub(crate) fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}
