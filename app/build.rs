//! Generates the i18n module from `locales/*.json` and collects the components'
//! scoped styles into `target/stylers.css` (imported by `style/main.css`).

use std::error::Error;
use std::path::PathBuf;

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};

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
    let translations = TranslationsInfos::parse(cfg)?;
    translations.emit_diagnostics();
    translations.rerun_if_locales_changed();
    translations.generate_i18n_module(out.join("i18n"))?;

    stylers::build(Some(String::from("./target/stylers.css")));
    Ok(())
}
