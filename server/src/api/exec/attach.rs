//! `pods/…/attach` as kube-apiserver 1.32 serves it: the same channel protocols as
//! exec, joined to the container's own process. A shell reading standard input gets
//! what is typed (its `exit` ends the container); any other process's output streams
//! from the moment of attaching until it ends or the client leaves.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{RawPathParams, RawQuery, State};
use axum::response::Response;
use engine::Attachment;
use futures::stream::{SplitSink, SplitStream};
use futures::{SinkExt, StreamExt};

use super::channel::{frame, STDOUT};
use super::terminal::crlf;
use super::{channel_upgrade, converse, finish, next_input, reach, Ended, ExecQuery};
use crate::api::objects::Target;
use crate::api::status::ApiError;
use crate::cluster::Cluster;

/// How often an attach looks for new output.
const POLL: Duration = Duration::from_millis(200);

/// The end of every attach: the kubelet's `Success` once the stream is over.
const SUCCESS: &str = r#"{"metadata":{},"status":"Success"}"#;

/// `GET` (or `POST`) `/api/v1/namespaces/{ns}/pods/{name}/attach`: checks the pod and
/// container before the upgrade, as exec does.
pub async fn pod_attach(
    State(cluster): State<Arc<Cluster>>,
    params: RawPathParams,
    RawQuery(query): RawQuery,
    upgrade: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, ApiError> {
    let target = Target::from(&params);
    let ask = ExecQuery::parse(query.as_deref().unwrap_or_default());
    let attachment = reach(&cluster, target, &ask, engine::Engine::attach)?;
    let upgrade = channel_upgrade(upgrade)?;
    Ok(upgrade.on_upgrade(move |socket| serve(socket, attachment, ask.stdin, cluster)))
}

async fn serve(socket: WebSocket, mut attachment: Attachment, stdin: bool, cluster: Arc<Cluster>) {
    let (mut to_client, mut from_client) = socket.split();
    match attachment.shell.take() {
        Some(mut shell) if stdin => {
            let ended = match attachment.tty {
                true => converse(&mut to_client, &mut from_client, &mut shell, &cluster).await,
                false => lines(&mut to_client, &mut from_client, &mut shell).await,
            };
            let code = match ended {
                Some(Ended::Exit(code)) => Some(code),
                // The shell reads the end of its input only when stdin closes with the
                // attach (`stdinOnce`); otherwise it waits for the next.
                Some(Ended::Input) | None => attachment.stdin_once.then_some(0),
            };
            attachment.shell = Some(shell);
            if let Some(code) = code {
                cluster.write(|e| e.end_attached(&mut attachment, code));
            }
        }
        _ => {
            if output(&mut to_client, &mut from_client, &attachment, &cluster)
                .await
                .is_none()
            {
                return;
            }
        }
    }
    finish(to_client, from_client, SUCCESS).await;
}

/// A shell without a terminal: each line of input runs once it is complete.
async fn lines(
    to_client: &mut SplitSink<WebSocket, Message>,
    from_client: &mut SplitStream<WebSocket>,
    shell: &mut engine::ExecSession,
) -> Option<Ended> {
    let mut pending = Vec::new();
    while let Some(bytes) = next_input(from_client).await {
        pending.extend(bytes);
        while let Some(end) = pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = pending.drain(..=end).collect();
            let outcome = shell.line(&String::from_utf8_lossy(&line));
            for (channel, data) in [(STDOUT, outcome.stdout), (super::STDERR, outcome.stderr)] {
                if !data.is_empty() {
                    to_client.send(frame(channel, &data)).await.ok()?;
                }
            }
            if outcome.ended {
                return Some(Ended::Exit(outcome.code));
            }
        }
    }
    Some(Ended::Input)
}

/// Streams the process's output until it ends (`Some`) or the client leaves (`None`).
async fn output(
    to_client: &mut SplitSink<WebSocket, Message>,
    from_client: &mut SplitStream<WebSocket>,
    attachment: &Attachment,
    cluster: &Cluster,
) -> Option<()> {
    let mut after = attachment.since;
    let mut tick = tokio::time::interval(POLL);
    loop {
        tokio::select! {
            _ = tick.tick() => {
                // The process ended: the attach ends as the kubelet ends it, with Success.
                let Some(lines) = cluster.read(|e| e.attached_output(attachment, after)) else {
                    return Some(());
                };
                for (at, line) in lines {
                    after = at;
                    let text = format!("{line}\n");
                    let data = match attachment.tty {
                        true => crlf(text.as_bytes()),
                        false => text.into_bytes(),
                    };
                    to_client.send(frame(STDOUT, &data)).await.ok()?;
                }
            }
            message = from_client.next() => match message {
                // What is typed to a process that reads no input goes nowhere.
                Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return None,
                Some(Ok(_)) => {}
            },
        }
    }
}
