//! `pods/…/exec` as kube-apiserver 1.32 serves it: a WebSocket speaking the channel
//! protocols (`channel.rs`), into the embedded engine's shell. A terminal (`tty=true`)
//! gets a line discipline (`terminal.rs`); without one the command runs once its
//! standard input has ended (v5's close signal), or at once when it reads none.

mod attach;
mod channel;
mod terminal;

use std::sync::Arc;

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{close_code, CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{RawPathParams, RawQuery, State};
use axum::response::Response;
use engine::{ExecSession, ExecTarget};
use futures::stream::{SplitSink, SplitStream};
use futures::{SinkExt, StreamExt};
use percent_encoding::percent_decode_str;

use super::objects::Target;
use super::status::ApiError;
use crate::cluster::Cluster;
use channel::{frame, CLOSE, ERROR, PROTOCOLS, RESIZE, STDERR, STDIN, STDOUT};
use terminal::{crlf, Terminal};

pub use attach::pod_attach;

/// How long the server waits for the client's half of the closing handshake.
const CLOSING: std::time::Duration = std::time::Duration::from_secs(5);

/// An exec request's query, as `kubectl exec` and client libraries send it.
#[derive(Debug, Default)]
struct ExecQuery {
    command: Vec<String>,
    container: Option<String>,
    stdin: bool,
    tty: bool,
}

impl ExecQuery {
    /// Reads `command` (repeated), `container`, `stdin` and `tty`.
    fn parse(query: &str) -> Self {
        let mut ask = ExecQuery::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = value.replace('+', " ");
            let value = percent_decode_str(&value).decode_utf8_lossy().into_owned();
            let yes = matches!(value.as_str(), "true" | "1");
            match key {
                "command" => ask.command.push(value),
                "container" => ask.container = Some(value).filter(|c| !c.is_empty()),
                "stdin" => ask.stdin = yes,
                "tty" => ask.tty = yes,
                _ => {}
            }
        }
        ask
    }
}

/// `GET` (or `POST`) `/api/v1/namespaces/{ns}/pods/{name}/exec`: checks the pod and
/// container before the upgrade, so a refusal is a `Status` kubectl prints.
pub async fn pod_exec(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
    RawQuery(query): RawQuery,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, ApiError> {
    let target = Target::from(&params);
    let ask = ExecQuery::parse(query.as_deref().unwrap_or_default());
    if ask.command.is_empty() {
        return Err(ApiError::BadRequest(
            "you must specify at least 1 command".to_owned(),
        ));
    }
    let session = reach(&cluster, target, &ask, engine::Engine::exec)?;
    let upgrade = channel_upgrade(upgrade)?;
    Ok(upgrade.on_upgrade(move |socket| serve(socket, session, ask, cluster)))
}

/// Reaches the container `target` and `ask` name with `open` (exec or attach), or
/// upstream's refusal.
fn reach<T>(
    cluster: &Cluster,
    target: Target,
    ask: &ExecQuery,
    open: impl FnOnce(&engine::Engine, &ExecTarget) -> Result<T, engine::Error>,
) -> Result<T, ApiError> {
    let namespace = target.namespace.unwrap_or_default();
    let pod = target.name.unwrap_or_default();
    let into = ExecTarget {
        namespace: &namespace,
        pod: &pod,
        container: ask.container.as_deref(),
        terminal: ask.tty,
    };
    cluster
        .read(|e| open(e, &into))
        .map_err(ApiError::about_container)
}

/// The WebSocket upgrade to one of the channel protocols, or upstream's 400.
fn channel_upgrade(
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<WebSocketUpgrade, ApiError> {
    let upgrade = upgrade
        .map_err(|_| ApiError::BadRequest("Upgrade request required".to_owned()))?
        .protocols(PROTOCOLS);
    if upgrade.selected_protocol().is_none() {
        return Err(ApiError::BadRequest(format!(
            "unable to upgrade: none of the offered protocols is served; use {}",
            PROTOCOLS.join(" or ")
        )));
    }
    Ok(upgrade)
}

/// Gives the files `session` wrote to its container, for the sessions after it.
fn keep(cluster: &Cluster, session: &mut ExecSession) {
    if session.wrote() {
        cluster.write(|e| e.keep(session));
    }
}

/// Runs the command over the socket, then sends its end and closes.
async fn serve(socket: WebSocket, mut session: ExecSession, ask: ExecQuery, cluster: Arc<Cluster>) {
    let (mut to_client, mut from_client) = socket.split();
    let interactive = ExecSession::is_interactive(&ask.command);
    let code = if ask.tty && interactive {
        match converse(&mut to_client, &mut from_client, &mut session, &cluster).await {
            Some(Ended::Exit(code)) => code,
            Some(Ended::Input) => 0,
            None => return,
        }
    } else {
        let mut stdin = Vec::new();
        if ask.stdin {
            while let Some(bytes) = next_input(&mut from_client).await {
                stdin.extend(bytes);
            }
        }
        let outcome = session.command(&ask.command, &stdin);
        keep(&cluster, &mut session);
        let (stdout, stderr) = match ask.tty {
            // A terminal has one output, whose lines end in `\r\n`.
            true => (
                [crlf(&outcome.stdout), crlf(&outcome.stderr)].concat(),
                Vec::new(),
            ),
            false => (outcome.stdout, outcome.stderr),
        };
        for (channel, data) in [(STDOUT, stdout), (STDERR, stderr)] {
            if !data.is_empty() && to_client.send(frame(channel, &data)).await.is_err() {
                return;
            }
        }
        outcome.code
    };
    finish(to_client, from_client, &channel::status(code, &ask.command)).await;
}

/// How a shell on a terminal ended.
enum Ended {
    /// It exited with this code.
    Exit(i32),
    /// Its input ended (the client closed stdin or the socket).
    Input,
}

/// A shell on a terminal: the prompt, then what is typed goes through the line
/// discipline to the shell and its screen back, until it exits or the input ends;
/// `None` when the client went away mid-write.
async fn converse(
    to_client: &mut SplitSink<WebSocket, Message>,
    from_client: &mut SplitStream<WebSocket>,
    session: &mut ExecSession,
    cluster: &Cluster,
) -> Option<Ended> {
    let mut terminal = Terminal::default();
    let prompt = frame(STDOUT, session.prompt().as_bytes());
    to_client.send(prompt).await.ok()?;
    while let Some(keys) = next_input(from_client).await {
        let shown = terminal.feed(&keys, session);
        keep(cluster, session);
        to_client.send(frame(STDOUT, &shown.screen)).await.ok()?;
        if let Some(code) = shown.ended {
            return Some(Ended::Exit(code));
        }
    }
    Some(Ended::Input)
}

/// Sends the end `status` on the error channel, then closes the socket.
async fn finish(
    mut to_client: SplitSink<WebSocket, Message>,
    mut from_client: SplitStream<WebSocket>,
    status: &str,
) {
    let _ = to_client.send(frame(ERROR, status.as_bytes())).await;
    // A normal closure (1000): clients take it as the end of every stream.
    let close = CloseFrame {
        code: close_code::NORMAL,
        reason: "".into(),
    };
    if to_client.send(Message::Close(Some(close))).await.is_err() {
        return;
    }
    // The closing handshake: read on until the client's Close, so that nothing it sent
    // is left unread (which would reset the connection before it read the end).
    let _ = tokio::time::timeout(CLOSING, async {
        while let Some(Ok(message)) = from_client.next().await {
            if matches!(message, Message::Close(_)) {
                break;
            }
        }
    })
    .await;
}

/// The next bytes of standard input; `None` once it has ended (v5's close of stream
/// 0, or the socket closed).
async fn next_input(from_client: &mut SplitStream<WebSocket>) -> Option<Vec<u8>> {
    while let Some(Ok(message)) = from_client.next().await {
        let data = match message {
            Message::Binary(data) => data.to_vec(),
            Message::Text(text) => text.as_bytes().to_vec(),
            Message::Close(_) => return None,
            _ => continue,
        };
        match data.split_first() {
            Some((&STDIN, bytes)) if !bytes.is_empty() => return Some(bytes.to_vec()),
            Some((&CLOSE, [STDIN])) => return None,
            Some((&RESIZE, _)) | Some(_) | None => continue,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::ExecQuery;

    #[test]
    fn the_query_keeps_every_command_word_in_order() {
        let ask = ExecQuery::parse("command=sh&command=-c&command=echo+%24HOME%20x&container=web&stdin=true&stdout=true&tty=false");
        assert_eq!(ask.command, ["sh", "-c", "echo $HOME x"]);
        assert_eq!(ask.container.as_deref(), Some("web"));
        assert!(ask.stdin && !ask.tty);
    }
}
