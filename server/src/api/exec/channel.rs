//! The channel protocols of a remote command over WebSocket (`v5.channel.k8s.io`,
//! `v4.channel.k8s.io`): every binary message starts with its stream's number, and the
//! command's end is a `Status` on the error stream.

use axum::extract::ws::Message;
use serde_json::json;

/// The subprotocols served, the newest first: the one chosen is the first of these
/// the client offers.
pub const PROTOCOLS: [&str; 2] = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

/// Standard input (client to server).
pub const STDIN: u8 = 0;
/// Standard output.
pub const STDOUT: u8 = 1;
/// Standard error.
pub const STDERR: u8 = 2;
/// The command's end, as a `Status`.
pub const ERROR: u8 = 3;
/// A terminal's new size (`{"Width":…,"Height":…}`), ignored here.
pub const RESIZE: u8 = 4;
/// v5: the client closes one of its streams (`[255, 0]` closes standard input).
pub const CLOSE: u8 = 255;

/// One message on `channel`.
pub fn frame(channel: u8, data: &[u8]) -> Message {
    let mut bytes = Vec::with_capacity(data.len() + 1);
    bytes.push(channel);
    bytes.extend_from_slice(data);
    Message::Binary(bytes.into())
}

/// The `Status` the error stream carries at the end: Success, or the kubelet's
/// NonZeroExitCode with the code as the `ExitCode` cause that clients read.
pub fn status(code: i32, argv: &[String]) -> String {
    if code == 0 {
        return json!({"metadata": {}, "status": "Success"}).to_string();
    }
    let message = format!(
        "command terminated with non-zero exit code: command '{}' exited with {code}",
        argv.join(" ")
    );
    json!({
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": "NonZeroExitCode",
        "details": {"causes": [{"reason": "ExitCode", "message": code.to_string()}]},
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::status;

    #[test]
    fn a_non_zero_exit_is_a_failure_carrying_its_code() {
        let argv = ["sh", "-c", "exit 3"].map(str::to_owned);
        let failed: serde_json::Value = serde_json::from_str(&status(3, &argv)).expect("json");
        assert_eq!(failed["reason"], "NonZeroExitCode");
        assert_eq!(failed["details"]["causes"][0]["reason"], "ExitCode");
        assert_eq!(failed["details"]["causes"][0]["message"], "3");
        assert_eq!(status(0, &argv), r#"{"metadata":{},"status":"Success"}"#);
    }
}
