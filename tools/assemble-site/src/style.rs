//! The stylesheet: `style/main.css` with what it imports written in place, as one
//! file (`pkg/berth.css`), minified by clean-css in a release build.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::external::run;
use crate::Error;

/// Writes `style/main.css` with its `@import`s inlined to `out`, minified if `minify`.
/// It imports the components' scoped styles, which the app's build script writes
/// (`app/target/stylers.css`): call this once cargo has built the app.
pub fn bundle(workspace: &Path, out: &Path, minify: bool) -> Result<(), Error> {
    let main = workspace.join("style/main.css");
    let css = inline_imports(&main)?;
    fs::write(out, css).map_err(Error::io(out))?;
    if !minify {
        return Ok(());
    }
    // Level 1: whitespace, comments, shorter values; never reorders rules.
    let mut command = Command::new("cleancss");
    command.args(["-O1", "-o"]).arg(out).arg(out);
    run("clean-css", &mut command)
}

/// `file`'s text with every `@import "path";` line replaced by that file's text (its
/// own imports inlined too), paths relative to the importing file.
fn inline_imports(file: &Path) -> Result<String, Error> {
    let text = fs::read_to_string(file).map_err(Error::io(file))?;
    let folder = file.parent().unwrap_or(Path::new("."));
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        match imported(line) {
            Some(path) => out.push_str(&inline_imports(&folder.join(path))?),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    Ok(out)
}

/// The path of an `@import "path";` or `@import url(path);` line.
fn imported(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix("@import")?.trim();
    let rest = rest.strip_suffix(';')?.trim();
    let rest = rest
        .strip_prefix("url(")
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(rest);
    Some(rest.trim_matches(|c| c == '"' || c == '\''))
}

#[cfg(test)]
mod tests {
    use super::imported;

    #[test]
    fn reads_the_import_forms() {
        assert_eq!(imported(r#"@import "../a.css";"#), Some("../a.css"));
        assert_eq!(imported("@import url('b.css');"), Some("b.css"));
        assert_eq!(imported("  @import 'c.css' ;"), Some("c.css"));
        assert_eq!(imported(".a { color: red; }"), None);
    }
}
