//! Writes `app/target/stylers.css`, the components' scoped styles that
//! `style/main.css` imports, as the app's build script does, but in seconds and
//! before any build: cargo-leptos bundles the stylesheet while the app compiles, so
//! a build that had to make the file first would bundle it missing.

fn main() {
    let app = concat!(env!("CARGO_MANIFEST_DIR"), "/../../app");
    if let Err(error) = std::env::set_current_dir(app) {
        eprintln!("stylers-css: {app}: {error}");
        std::process::exit(1);
    }
    stylers::build(Some(String::from("./target/stylers.css")));
}
