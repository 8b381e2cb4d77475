//! Generates the i18n module from `locales/*.json` and collects the components'
//! scoped styles into `target/stylers.css` (imported by `style/main.css`).

use std::error::Error;
use std::path::PathBuf;

use leptos_i18n_parser::parse_locales::options::{Config, ParseOptions};
use leptos_i18n_parser::parse_locales::parse_locales;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    println!("cargo::rerun-if-changed=src");

    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR not set")?);
    // `interpolate_display`: interpolated strings are needed as plain text (dialog titles).
    let options = ParseOptions::default().interpolate_display(true);
    let cfg = Config::new("en")?
        .add_locale("zh-CN")?
        .add_locale("ru")?
        .parse_options(options);
    // What `leptos_i18n_build::TranslationsInfos` does for `generate_i18n_module`, from
    // the parser and code generator that crate wraps: the crate itself brings ICU's data
    // generator (icu_provider_source, wasmi…), which Berth never runs and which every
    // build compiled twice, once for the server and once for the WASM.
    let parsed = parse_locales(None, cfg)?;
    for warning in parsed.diag.warnings().iter() {
        println!("cargo::warning={warning}");
    }
    for error in parsed.diag.errors().iter() {
        println!("cargo::error={error}");
    }
    for file in parsed.tracked_files.iter().flatten() {
        println!("cargo::rerun-if-changed={file}");
    }
    let module = leptos_i18n_codegen::gen_code(&parsed, None, false, None, true)?;
    let folder = out.join("i18n");
    std::fs::create_dir_all(&folder)?;
    std::fs::write(folder.join("mod.rs"), module.to_string())?;

    stylers::build(Some(String::from("./target/stylers.css")));
    Ok(())
}
