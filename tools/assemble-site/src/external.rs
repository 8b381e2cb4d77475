//! The build tools the site is made with that are programs, not crates: wasm-bindgen
//! (installed by cargo at the version the app links), and from npm wasm-opt
//! (binaryen), terser and clean-css, all JavaScript, so no binary is downloaded.

use std::process::Command;

use crate::Error;

/// Runs `command` (`tool` names it in the error); its failure is an error with what it printed.
pub fn run(tool: &'static str, command: &mut Command) -> Result<(), Error> {
    let output = command.output().map_err(|error| Error::Tool {
        tool,
        message: format!("could not start it ({error}); `make setup` installs it"),
    })?;
    if output.status.success() {
        return Ok(());
    }
    Err(Error::Tool {
        tool,
        message: format!(
            "{}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ),
    })
}
