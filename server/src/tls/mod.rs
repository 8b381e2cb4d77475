//! HTTPS as kube-apiserver serves it: `--tls-cert-file` and `--tls-private-key-file`,
//! and with `--client-ca-file` the x509 client-certificate authenticator (a client
//! certificate that CA signed names its user by its subject's CN and its groups by its
//! O fields; a client without one still connects, and signs in otherwise).

mod client_certificate;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum_server::tls_rustls::{RustlsAcceptor, RustlsConfig};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;

pub use client_certificate::{user_of_certificate, ClientCertificate, ClientCertificateAcceptor};

/// Why HTTPS could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A PEM file is unreadable or holds nothing of what it should.
    #[error("{path}: {why}")]
    Pem {
        /// The file.
        path: String,
        /// What is wrong with it.
        why: String,
    },
    /// rustls refused the certificate, key or CA.
    #[error("TLS: {0}")]
    Rustls(String),
    /// The listener could not be opened or failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The files HTTPS is served with.
#[derive(Debug, Clone, Copy)]
pub struct Files<'a> {
    /// The server's certificate chain (PEM).
    pub cert: &'a Path,
    /// Its private key (PEM).
    pub key: &'a Path,
    /// The CA whose client certificates authenticate their users (PEM), if any.
    pub client_ca: Option<&'a Path>,
}

fn pem_error(path: &Path, why: impl ToString) -> Error {
    Error::Pem {
        path: path.display().to_string(),
        why: why.to_string(),
    }
}

fn certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, Error> {
    let certs = CertificateDer::pem_file_iter(path)
        .map_err(|e| pem_error(path, e))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| pem_error(path, e))?;
    if certs.is_empty() {
        return Err(pem_error(path, "no certificate in it"));
    }
    Ok(certs)
}

/// The rustls configuration of `files`: HTTP/2 and HTTP/1.1, and client certificates
/// asked for (not required) when a client CA is given.
pub fn config(files: Files<'_>) -> Result<rustls::ServerConfig, Error> {
    let chain = certificates(files.cert)?;
    let key = PrivateKeyDer::from_pem_file(files.key).map_err(|e| pem_error(files.key, e))?;
    let builder = rustls::ServerConfig::builder();
    let builder = match files.client_ca {
        Some(ca) => {
            let mut roots = rustls::RootCertStore::empty();
            for cert in certificates(ca)? {
                roots.add(cert).map_err(|e| pem_error(ca, e))?;
            }
            let verifier = WebPkiClientVerifier::builder(Arc::new(roots))
                .allow_unauthenticated()
                .build()
                .map_err(|e| Error::Rustls(e.to_string()))?;
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    };
    let mut config = builder
        .with_single_cert(chain, key)
        .map_err(|e| Error::Rustls(e.to_string()))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// Serves `app` over HTTPS on `listener` until it fails; each request carries its
/// connection's [`ClientCertificate`].
pub async fn serve(
    listener: std::net::TcpListener,
    config: rustls::ServerConfig,
    app: Router,
) -> Result<(), Error> {
    let acceptor = ClientCertificateAcceptor::new(RustlsAcceptor::new(RustlsConfig::from_config(
        Arc::new(config),
    )));
    axum_server::from_tcp(listener)
        .acceptor(acceptor)
        .serve(app.into_make_service_with_connect_info::<SocketAddr>())
        .await?;
    Ok(())
}
