//! The user of a connection's client certificate, as kube-apiserver's x509
//! authenticator reads it: the subject's common name is the user, each organization a
//! group. rustls has already checked the certificate against the client CA.

use std::future::Future;
use std::io;
use std::pin::Pin;

use axum::middleware::AddExtension;
use axum::Extension;
use axum_server::accept::Accept;
use axum_server::tls_rustls::RustlsAcceptor;
use engine::rbac::{UserInfo, AUTHENTICATED};
use tokio::net::TcpStream;
use tokio_rustls::server::TlsStream;
use tower::Layer;
use x509_parser::prelude::{FromDer, X509Certificate};

/// The user a request's connection authenticated with its client certificate, if any
/// (a request extension on every request served over HTTPS).
#[derive(Debug, Clone, Default)]
pub struct ClientCertificate(pub Option<UserInfo>);

/// The user a DER certificate names: its subject's CN (none: no user), its O fields as
/// groups, and `system:authenticated`.
pub fn user_of_certificate(der: &[u8]) -> Option<UserInfo> {
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    let subject = cert.subject();
    let name = subject
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .filter(|cn| !cn.is_empty())?
        .to_owned();
    let mut groups: Vec<String> = subject
        .iter_organization()
        .filter_map(|o| o.as_str().ok())
        .map(str::to_owned)
        .collect();
    groups.push(AUTHENTICATED.to_owned());
    Some(UserInfo {
        name,
        uid: String::new(),
        groups,
    })
}

/// The TLS handshake, then every request of the connection marked with its
/// [`ClientCertificate`].
#[derive(Clone)]
pub struct ClientCertificateAcceptor {
    tls: RustlsAcceptor,
}

impl ClientCertificateAcceptor {
    /// Around `tls`, the handshake.
    pub fn new(tls: RustlsAcceptor) -> Self {
        ClientCertificateAcceptor { tls }
    }
}

type Accepted<S> = io::Result<(TlsStream<TcpStream>, AddExtension<S, ClientCertificate>)>;

impl<S> Accept<TcpStream, S> for ClientCertificateAcceptor
where
    S: Send + 'static,
{
    type Stream = TlsStream<TcpStream>;
    type Service = AddExtension<S, ClientCertificate>;
    type Future = Pin<Box<dyn Future<Output = Accepted<S>> + Send>>;

    fn accept(&self, stream: TcpStream, service: S) -> Self::Future {
        let handshake = self.tls.accept(stream, service);
        Box::pin(async move {
            let (stream, service) = handshake.await?;
            let user = stream
                .get_ref()
                .1
                .peer_certificates()
                .and_then(|chain| chain.first())
                .and_then(|leaf| user_of_certificate(leaf));
            Ok((stream, Extension(ClientCertificate(user)).layer(service)))
        })
    }
}
