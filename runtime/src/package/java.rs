//! `build: maven`: the package of a Java function is the jar its Maven project builds.
//!
//! `mvn -B -q package -DskipTests` runs in the code folder, as you would run it (your
//! `.mvn/maven.config`, `settings.xml` and repositories apply; `LAMBDA_STACK_MAVEN` names another
//! `mvn`). The jar is the one `target/` then holds, not counting `-sources`, `-javadoc` and
//! `-tests` jars or the `original-` one the shade plugin leaves (a shaded jar, with the
//! dependencies inside, is what Lambda needs when there are any). Its entries are zipped again
//! the way every package is (sorted, fixed timestamps, normalized modes), so the package's bytes,
//! and `source_code_hash`, change only when a class or resource does, whatever timestamps Maven
//! wrote. Lambda's Java runtime loads classes and resources from the root of the package, where a
//! jar has them.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{package_entries, Entry, Package, PackageError};
use lambda_stack_core::scan::zip::Zip;

/// The most of one jar entry read: Lambda's unzipped limit.
const MAX_ENTRY_BYTES: u64 = 250 * 1024 * 1024;

/// The `mvn` program: `LAMBDA_STACK_MAVEN`, or `mvn` on `PATH`.
fn maven_program() -> PathBuf {
    std::env::var_os("LAMBDA_STACK_MAVEN").filter(|value| !value.is_empty()).map_or_else(|| "mvn".into(), PathBuf::from)
}

/// Builds the Maven project in `code` and packages its jar. `notify` is told before `mvn` runs.
pub(crate) fn package_maven(code: &Path, notify: &dyn Fn(String)) -> Result<Package, PackageError> {
    notify("mvn package".into());
    let maven = maven_program();
    let output = Command::new(&maven).args(["-B", "-q", "package", "-DskipTests"]).current_dir(code).output().map_err(
        |error| {
            build_error(format!(
            "cannot run `{}` ({error}); install Maven (Debian: `apt-get install maven`), or set LAMBDA_STACK_MAVEN \
             to the `mvn` program",
            maven.display()
        ))
        },
    )?;
    if !output.status.success() {
        // Maven reports its errors on standard output.
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        let lines: Vec<&str> = text.lines().filter(|line| !line.trim().is_empty()).collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        return Err(build_error(format!("mvn package failed:\n{tail}")));
    }
    let jar = built_jar(&code.join("target"))?;
    repack(&jar)
}

/// The jar `mvn package` left in `target`.
fn built_jar(target: &Path) -> Result<PathBuf, PackageError> {
    let entries =
        std::fs::read_dir(target).map_err(|source| PackageError::Io { path: target.display().to_string(), source })?;
    let mut jars: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            name.ends_with(".jar")
                && !name.starts_with("original-")
                && !["-sources.jar", "-javadoc.jar", "-tests.jar", "-test-sources.jar"]
                    .iter()
                    .any(|s| name.ends_with(s))
        })
        .collect();
    jars.sort();
    match jars.len() {
        1 => Ok(jars.remove(0)),
        0 => Err(build_error(format!(
            "mvn package built no jar in `{}`; the project's `<packaging>` must be `jar`",
            target.display()
        ))),
        _ => Err(build_error(format!(
            "mvn package left several jars in `{}` ({}); keep one (a shaded jar replaces the plain one with \
             `<shadedArtifactAttached>false</shadedArtifactAttached>`)",
            target.display(),
            jars.iter()
                .filter_map(|jar| jar.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The files of `jar`, zipped again deterministically.
fn repack(jar: &Path) -> Result<Package, PackageError> {
    let display = jar.display().to_string();
    let zip = Zip::open(jar, &display).map_err(|message| PackageError::Prebuilt { message })?;
    let mut entries = Vec::with_capacity(zip.entries.len());
    for entry in zip.entries.iter().filter(|entry| !entry.is_dir()) {
        let contents = zip.read(&entry.name, MAX_ENTRY_BYTES).map_err(|message| PackageError::Prebuilt { message })?;
        entries.push(Entry { path: entry.name.clone(), contents, executable: false });
    }
    package_entries(entries)
}

fn build_error(message: String) -> PackageError {
    PackageError::Build { tool: "maven", message }
}
