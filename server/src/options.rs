//! The command line: every option also read from its environment variable, so the
//! cargo-leptos variables (`LEPTOS_SITE_ADDR`, `LEPTOS_SITE_ROOT`) and `BERTH_DEMO` keep
//! working as before.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::builder::BoolishValueParser;
use clap::{ArgAction, Parser};

/// `berth`: a web console for container workloads, with a Kubernetes API of its own
/// (the embedded engine) or in front of the clusters of a kubeconfig.
#[derive(Debug, Clone, Parser)]
#[command(name = "berth", version = crate::VERSION, about, long_about = None)]
pub struct Options {
    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder with the site's WASM, JS and CSS, served instead of the site built into
    /// the binary.
    #[arg(long, env = "LEPTOS_SITE_ROOT")]
    pub site_root: Option<PathBuf>,

    /// Seed the embedded engine with the demo workloads (`0` starts it empty).
    #[arg(long, env = "BERTH_DEMO", default_value = "1", action = ArgAction::Set,
          value_parser = BoolishValueParser::new())]
    pub demo: bool,

    /// A kubeconfig: Berth drives its clusters instead of the embedded engine.
    /// Several files may be joined with `:`, as kubectl does.
    #[arg(long, env = "KUBECONFIG")]
    pub kubeconfig: Option<String>,

    /// The kubeconfig context served at the unprefixed paths (default: its current
    /// context). Every context stays reachable under `/c/<context>/`.
    #[arg(long, env = "BERTH_CONTEXT")]
    pub context: Option<String>,

    /// Also offer the embedded engine (as the cluster `embedded`) beside a kubeconfig's.
    #[arg(long, env = "BERTH_EMBEDDED")]
    pub embedded: bool,

    /// Serve HTTPS with this PEM certificate (chain), as kube-apiserver's flag.
    #[arg(long, env = "BERTH_TLS_CERT_FILE", requires = "tls_private_key_file")]
    pub tls_cert_file: Option<PathBuf>,

    /// The PEM private key of `--tls-cert-file`.
    #[arg(long, env = "BERTH_TLS_PRIVATE_KEY_FILE", requires = "tls_cert_file")]
    pub tls_private_key_file: Option<PathBuf>,

    /// Client certificates this CA (PEM) signed authenticate their users, as
    /// kube-apiserver's flag: the subject's CN is the user, its O fields the groups
    /// (with `--auth token`).
    #[arg(long, env = "BERTH_CLIENT_CA_FILE", requires = "tls_cert_file")]
    pub client_ca_file: Option<PathBuf>,

    /// How users sign in: `token` (bearer tokens and console sessions), `none`
    /// (everyone is the administrator; loopback addresses only), or `passthrough`
    /// (with --kubeconfig: each user signs in with their own cluster token, which Berth
    /// forwards, so the cluster's RBAC decides).
    #[arg(long, env = "BERTH_AUTH", value_enum, default_value = "token")]
    pub auth: crate::auth::Mode,

    /// Tokens in kube-apiserver's format (`token,user,uid,"group1,group2"`). Without it
    /// Berth makes one administrator token at start and prints a sign-in address.
    #[arg(long, env = "BERTH_TOKEN_AUTH_FILE")]
    pub token_auth_file: Option<PathBuf>,

    /// A host name Berth answers to (repeat for more). By default a loopback Berth
    /// answers only to loopback names, against DNS rebinding; any other to every name.
    #[arg(
        long = "allowed-host",
        env = "BERTH_ALLOWED_HOSTS",
        value_delimiter = ','
    )]
    pub allowed_hosts: Vec<String>,
}
