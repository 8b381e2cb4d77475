//! The app's WASM made into what the browser loads: split into the lazy routes'
//! chunks, bound to JS, and in a release build optimised, as cargo-leptos 0.3 does it
//! for `--split` (`compile/front.rs`, `wasm_split_tools`).

use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

use crate::external::run;
use crate::{Error, OUTPUT_NAME};

/// The loader the chunks import, by the name leptos' hydration script asks for.
const SPLIT_LOADER: &str = "./__wasm_split.______________________.js";

/// What leptos reads to know which chunks a lazy route needs.
const SPLIT_MANIFEST: &str = "__wasm_split_manifest.json";

/// Splits `wasm` into a main module and its chunks (written into `pkg`), binds the
/// main module to `pkg/berth.js` and `pkg/berth.wasm`, and returns every WASM file
/// written.
pub fn split_and_bind(wasm: &Path, pkg: &Path) -> Result<Vec<PathBuf>, Error> {
    let main = wasm.with_file_name(format!("{OUTPUT_NAME}_split.wasm"));
    let mut files = split(wasm, &main, pkg)?;
    bind(&main, pkg)?;
    let bound = pkg.join(format!("{OUTPUT_NAME}_bg.wasm"));
    // leptos' `HydrationScripts` asks for `<name>.wasm`.
    let served = pkg.join(format!("{OUTPUT_NAME}.wasm"));
    std::fs::rename(&bound, &served).map_err(Error::io(&bound))?;
    files.push(served);
    Ok(files)
}

/// The chunks, into `pkg`, and the main module, to `main`; the manifest beside the
/// chunks.
fn split(wasm: &Path, main: &Path, pkg: &Path) -> Result<Vec<PathBuf>, Error> {
    let input = std::fs::read(wasm).map_err(Error::io(wasm))?;
    let main_module = format!("./{OUTPUT_NAME}.js");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = pkg;
    options.main_out_path = main;
    options.main_module = &main_module;
    options.link_name = SPLIT_LOADER;
    let split = wasm_split_cli_support::transform(options).map_err(|report| Error::Split {
        path: wasm.to_path_buf(),
        message: format!("{report:#}"),
    })?;
    let manifest = pkg.join(SPLIT_MANIFEST);
    let text = serde_json::to_string_pretty(&split.prefetch_map).unwrap_or_default();
    std::fs::write(&manifest, text).map_err(Error::io(&manifest))?;
    Ok(split.split_modules)
}

/// wasm-bindgen, keeping the exports the chunks link against.
fn bind(main: &Path, pkg: &Path) -> Result<(), Error> {
    let mut command = Command::new("wasm-bindgen");
    command
        .args(["--target=web", "--keep-lld-exports", "--no-demangle"])
        .arg("--no-typescript")
        .arg(format!("--out-name={OUTPUT_NAME}"))
        .arg("--out-dir")
        .arg(pkg)
        .arg(main);
    run("wasm-bindgen", &mut command)
}

/// wasm-opt for size on every file, as many at a time as there are cores, the largest
/// first: the main module alone takes as long as all the chunks together, so it must
/// not start last.
pub fn optimize(files: &[PathBuf]) -> Result<(), Error> {
    let mut by_size: Vec<(u64, &PathBuf)> = files
        .iter()
        .map(|file| (file.metadata().map(|m| m.len()).unwrap_or(0), file))
        .collect();
    by_size.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    // `par_bridge` hands them out in this order as threads come free.
    by_size.into_iter().par_bridge().try_for_each(|(_, file)| {
        let mut command = Command::new("wasm-opt");
        command
            .args([
                "-Oz",
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
            ])
            .arg(file)
            .arg("-o")
            .arg(file);
        run("wasm-opt", &mut command)
    })
}

/// terser on the main JS, as cargo-leptos minifies it (compress and mangle, a module).
pub fn minify_js(js: &Path) -> Result<(), Error> {
    let mut command = Command::new("terser");
    command
        .arg(js)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(js);
    run("terser", &mut command)
}
