//! `package_tree DIR OUT.zip`: packages one folder with lambda-stack's packager (default excludes,
//! entries compressed on every core, written in sorted order) and writes the zip, for
//! `bench/local_loop.sh` to time against `zip -X -r -6` on the same folder.

use std::time::Instant;

use lambda_stack::package::{package_dir, PackageError, PackageOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, out] = args.as_slice() else {
        eprintln!("usage: package_tree DIR OUT.zip");
        std::process::exit(2);
    };
    let started = Instant::now();
    let package = match package_dir(dir.as_ref(), &PackageOptions::default()) {
        Ok(package) => package,
        // Over 50 MB zipped is still a package (a stack would upload it through S3).
        Err(PackageError::ZipTooLarge { package }) => *package,
        Err(error) => {
            eprintln!("package_tree: {error}");
            std::process::exit(1);
        }
    };
    std::fs::write(out, &package.bytes).expect("the zip is written");
    let seconds = started.elapsed().as_secs_f64();
    eprintln!(
        "{} files, {:.1} MB unzipped, {:.1} MB zipped, {:.3} s, {:.0} MB/s",
        package.files,
        package.unzipped_bytes as f64 / 1e6,
        package.bytes.len() as f64 / 1e6,
        seconds,
        package.unzipped_bytes as f64 / 1e6 / seconds
    );
}
