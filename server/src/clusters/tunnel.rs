//! A WebSocket to a cluster (`pods/…/exec`), tunnelled: Berth opens the same socket to
//! the cluster with the kubeconfig's identity (or the user's own token), answers the
//! client's upgrade with the subprotocol the cluster chose, and carries every message
//! both ways unchanged until either side closes.

use axum::extract::ws::{self, WebSocket, WebSocketUpgrade};
use axum::extract::FromRequestParts;
use axum::http::{header, request::Parts, Method};
use axum::response::{IntoResponse, Response};
use futures::{SinkExt, StreamExt};
use kube::client::UpgradeConnectionError;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::Message;

use crate::api::ApiError;

/// Whether a request asks to become a WebSocket.
pub(super) fn is_upgrade(parts: &Parts) -> bool {
    parts
        .headers
        .get(header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

/// Opens the socket at `path` on `client`'s cluster and joins the client's to it.
pub(super) async fn tunnel(
    client: &kube::Client,
    mut parts: Parts,
    path: String,
    token: Option<String>,
) -> Result<Response, ApiError> {
    let upgrade = WebSocketUpgrade::from_request_parts(&mut parts, &())
        .await
        .map_err(|rejection| ApiError::BadRequest(rejection.body_text()))?;
    let mut outgoing = axum::http::Request::builder().method(Method::GET).uri(path);
    if let Some(token) = token {
        outgoing = outgoing.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let outgoing = outgoing
        .body(Vec::new())
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let cluster = client
        .connect(outgoing)
        .await
        .map_err(|error| match error {
            kube::Error::UpgradeConnection(UpgradeConnectionError::ProtocolSwitch(code)) => {
                ApiError::BadRequest(format!("the cluster refused the connection ({code})"))
            }
            other => ApiError::Internal(other.to_string()),
        })?;
    let protocol = if cluster.supports_stream_close() {
        "v5.channel.k8s.io"
    } else {
        "v4.channel.k8s.io"
    };
    let upgrade = upgrade.protocols([protocol]);
    if upgrade.selected_protocol().is_none() {
        return Err(ApiError::BadRequest(format!(
            "the cluster speaks {protocol}, which the client does not offer"
        )));
    }
    let cluster = cluster.into_stream();
    Ok(upgrade
        .on_upgrade(move |socket| carry(socket, cluster))
        .into_response())
}

/// Carries messages both ways until one side ends.
async fn carry<S>(socket: WebSocket, cluster: tokio_tungstenite::WebSocketStream<S>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let (mut to_client, mut from_client) = socket.split();
    let (mut to_cluster, mut from_cluster) = cluster.split();
    let up = async {
        while let Some(Ok(message)) = from_client.next().await {
            let closing = matches!(message, ws::Message::Close(_));
            if to_cluster.send(to_cluster_message(message)).await.is_err() || closing {
                break;
            }
        }
    };
    let down = async {
        while let Some(Ok(message)) = from_cluster.next().await {
            let Some(message) = to_client_message(message) else {
                continue;
            };
            let closing = matches!(message, ws::Message::Close(_));
            if to_client.send(message).await.is_err() || closing {
                break;
            }
        }
    };
    let mut up = std::pin::pin!(up);
    let mut down = std::pin::pin!(down);
    // The cluster's side ending (the command's end) ends the tunnel, once the client
    // has closed too: nothing it sent is left unread to reset the connection.
    tokio::select! {
        () = &mut up => {}
        () = &mut down => {
            let _ = tokio::time::timeout(CLOSING, up).await;
        }
    }
}

/// How long the tunnel waits for the client's half of the closing handshake.
const CLOSING: std::time::Duration = std::time::Duration::from_secs(5);

fn to_cluster_message(message: ws::Message) -> Message {
    match message {
        ws::Message::Text(text) => Message::Text(text.as_str().into()),
        ws::Message::Binary(data) => Message::Binary(data),
        ws::Message::Ping(data) => Message::Ping(data),
        ws::Message::Pong(data) => Message::Pong(data),
        ws::Message::Close(frame) => Message::Close(frame.map(|f| CloseFrame {
            code: CloseCode::from(f.code),
            reason: f.reason.as_str().into(),
        })),
    }
}

fn to_client_message(message: Message) -> Option<ws::Message> {
    Some(match message {
        Message::Text(text) => ws::Message::Text(text.as_str().into()),
        Message::Binary(data) => ws::Message::Binary(data),
        Message::Ping(data) => ws::Message::Ping(data),
        Message::Pong(data) => ws::Message::Pong(data),
        Message::Close(frame) => ws::Message::Close(frame.map(|f| ws::CloseFrame {
            code: f.code.into(),
            reason: f.reason.as_str().into(),
        })),
        Message::Frame(_) => return None,
    })
}
