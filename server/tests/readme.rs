//! The README's table of options is `berth --help`'s: rendered here from the command
//! line's definition and compared with the README, so the two cannot drift apart.
//! `BERTH_UPDATE_README=1 cargo test -p server --test integration readme` writes it.

use clap::CommandFactory;
use server::options::Options;

const BEGIN: &str = "<!-- options: generated from `berth --help` (server/tests/readme.rs) -->\n";
const END: &str = "<!-- end of options -->\n";

/// One row per option: its flag, variable, default and help.
fn table() -> String {
    let mut table =
        String::from("| option | variable | default | meaning |\n| --- | --- | --- | --- |\n");
    let command = Options::command();
    for arg in command.get_arguments() {
        let Some(long) = arg.get_long() else { continue };
        if matches!(long, "help" | "version") {
            continue;
        }
        let env = arg
            .get_env()
            .map(|v| format!("`{}`", v.to_string_lossy()))
            .unwrap_or_default();
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| format!("`{}`", v.to_string_lossy()))
            .collect();
        let default = match (defaults.is_empty(), arg.get_action()) {
            (true, clap::ArgAction::SetTrue) => "off".to_owned(),
            (true, _) => "none".to_owned(),
            (false, _) => defaults.join(", "),
        };
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let help = help.replace('\n', " ").replace('|', "\\|");
        table.push_str(&format!("| `--{long}` | {env} | {default} | {help} |\n"));
    }
    table
}

#[test]
fn the_readme_lists_every_option_as_berth_help_does() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
    let readme = std::fs::read_to_string(path).expect("README.md");
    let start = readme
        .find(BEGIN)
        .expect("the README marks its table of options")
        + BEGIN.len();
    let end = start + readme[start..].find(END).expect("and its end");
    let wanted = table();
    if readme[start..end] == wanted {
        return;
    }
    if std::env::var_os("BERTH_UPDATE_README").is_some() {
        let updated = format!("{}{wanted}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).expect("README.md written");
        return;
    }
    panic!(
        "README.md's table of options differs from `berth --help`; run \
         BERTH_UPDATE_README=1 cargo test -p server --test integration readme\n\nwanted:\n{wanted}"
    );
}
