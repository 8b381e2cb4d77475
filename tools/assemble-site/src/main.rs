//! Assembles the site `berth` serves (`target/site`) from the app's WASM once cargo
//! has built it: what `cargo leptos build --split` did after its cargo step, without
//! cargo-leptos, whose own build cost a fresh machine 10½ of its first minutes.
//!
//! 1. the public files, copied;
//! 2. the WASM split into the lazy routes' chunks, bound to JS by wasm-bindgen;
//! 3. in a release build, every WASM file through wasm-opt and the JS through terser;
//! 4. the stylesheet: `style/main.css` and what it imports in one file (minified by
//!    clean-css in a release build);
//! 5. with `--precompress`, a Brotli and a gzip copy beside every file.

mod compress;
mod error;
mod external;
mod public;
mod style;
mod wasm;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

pub use error::Error;

/// The output's name, as the server and leptos' hydration script expect it
/// (`LEPTOS_OUTPUT_NAME`): `pkg/berth.js`, `pkg/berth.wasm`, `pkg/berth.css`.
const OUTPUT_NAME: &str = "berth";

/// What to assemble, and how.
#[derive(Parser)]
#[command(about = "Makes target/site from the app's built WASM")]
struct Options {
    /// The app's WASM as cargo built it (`--target wasm32-unknown-unknown`, linked with
    /// `--emit-relocs` so it can be split).
    wasm: PathBuf,
    /// Where the site goes; its previous content is removed.
    #[arg(long, default_value = "target/site")]
    site: PathBuf,
    /// Optimise for size: wasm-opt -Oz on every WASM file, the JS and CSS minified.
    #[arg(long)]
    release: bool,
    /// Writes `.br` and `.gz` beside every file, which the server serves as they are.
    #[arg(long)]
    precompress: bool,
}

fn main() -> ExitCode {
    let options = Options::parse();
    match assemble(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("assemble-site: {error}");
            ExitCode::FAILURE
        }
    }
}

fn assemble(options: &Options) -> Result<(), Error> {
    let workspace = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let pkg = options.site.join("pkg");
    step("public files", || {
        public::replace_site(&workspace.join("public"), &options.site)?;
        std::fs::create_dir_all(&pkg).map_err(Error::io(&pkg))
    })?;
    let wasm_files = step("split and bound", || {
        wasm::split_and_bind(&options.wasm, &pkg)
    })?;
    if options.release {
        step("wasm-opt", || wasm::optimize(&wasm_files))?;
        step("terser", || {
            wasm::minify_js(&pkg.join(format!("{OUTPUT_NAME}.js")))
        })?;
    }
    let css = pkg.join(format!("{OUTPUT_NAME}.css"));
    step("stylesheet", || {
        style::bundle(&workspace, &css, options.release)
    })?;
    if options.precompress {
        step("precompressed", || compress::every_file(&options.site))?;
    }
    Ok(())
}

/// Runs one step of the assembly and says how long it took (on stderr: the build's
/// log shows where its time goes).
fn step<T>(name: &str, run: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    let start = Instant::now();
    let result = run()?;
    eprintln!(
        "assemble-site: {name} in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    Ok(result)
}
