//! Who is asking: every request needs a bearer token (kubectl) or the console's session
//! (a browser), else it is a 401 `Status`, or the sign-in page for a page. The user
//! goes with the request as an extension ([`UserInfo`]); the embedded engine's API
//! authorizes it as RBAC does ([`rbac`]). With `--auth none` (loopback only) everyone
//! is the administrator.

mod guard;
mod headers;
pub mod rbac;
mod session;
mod sign_in;
mod tokens;

pub use headers::page_policy;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
pub use engine::rbac::UserInfo;

pub use session::{CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE};
pub use sign_in::{account_routes, Signed};
pub use tokens::{administrator, cluster_user, Tokens};

/// Why authentication could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The token file is unreadable or malformed.
    #[error("token file: {0}")]
    TokenFile(String),
    /// `--auth none` on an address other machines can reach.
    #[error("--auth none serves everyone as the administrator: it is allowed only on a loopback address, not {0}")]
    NoneOffLoopback(SocketAddr),
}

/// How requests are authenticated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Bearer tokens (from `--token-auth-file`, or one generated at start) and sessions.
    Token,
    /// Nobody signs in; everyone is the administrator (loopback only).
    None,
    /// Cluster mode: each user signs in with their own token for the cluster, which
    /// Berth forwards, so the cluster's RBAC decides.
    Passthrough,
}

/// Checks bearer tokens as the guard does, for a TokenReview (`tokenreviews`): every
/// signed-in request carries it.
#[derive(Clone)]
pub struct TokenAuthenticator(Arc<Auth>);

impl TokenAuthenticator {
    /// Who `token` stands for here: with `--auth none`, a ServiceAccount's token
    /// still names the account, and any other token the administrator; with
    /// passthrough, nobody (the cluster reviews its own tokens).
    pub fn review(&self, token: &str) -> Option<UserInfo> {
        match self.0.mode {
            Mode::None => Some(self.0.account_of_token(token).unwrap_or_else(administrator)),
            Mode::Token => self.0.user_of_token(token),
            Mode::Passthrough => None,
        }
    }
}

/// A user's own token for the cluster it was checked with, forwarded with each
/// request to that cluster only (passthrough).
#[derive(Debug, Clone)]
pub struct ForwardedToken {
    /// The token.
    pub token: String,
    /// The cluster (kubeconfig context) that accepted it.
    pub cluster: String,
}

/// The authentication of one server.
pub struct Auth {
    mode: Mode,
    tokens: Tokens,
    sessions: session::Sessions,
    /// Cookies get `Secure` when Berth serves HTTPS.
    secure: bool,
    /// The `Host` names a request may carry (none: any).
    hosts: Option<Vec<String>>,
    limiter: Mutex<sign_in::Limiter>,
    /// With passthrough, the cluster (its name and API) that checks a signing-in
    /// user's token.
    cluster: std::sync::OnceLock<(String, Router)>,
    /// The embedded engine, whose ServiceAccount tokens sign their bearers in.
    accounts: std::sync::OnceLock<Arc<crate::cluster::Cluster>>,
}

impl Auth {
    /// Authentication as configured; with tokens and no file, the answer carries the
    /// generated administrator token, for the sign-in address printed at start.
    pub fn new(
        mode: Mode,
        token_file: Option<&std::path::Path>,
        addr: SocketAddr,
        secure: bool,
        allowed_hosts: &[String],
    ) -> Result<(Arc<Self>, Option<String>), Error> {
        let loopback = addr.ip().is_loopback();
        if mode == Mode::None && !loopback {
            return Err(Error::NoneOffLoopback(addr));
        }
        let (tokens, generated) = match (mode, token_file) {
            (Mode::Token, Some(file)) => (Tokens::read(file)?, None),
            (Mode::Token, None) => {
                let (tokens, token) = Tokens::generated();
                (tokens, Some(token))
            }
            (Mode::None | Mode::Passthrough, _) => (Tokens::default(), None),
        };
        let hosts = if !allowed_hosts.is_empty() {
            Some(allowed_hosts.to_vec())
        } else if loopback {
            // A page on another site whose name resolves to 127.0.0.1 (DNS rebinding)
            // sends its own name: only loopback names reach a loopback Berth.
            Some(vec!["localhost".into(), "127.0.0.1".into(), "[::1]".into()])
        } else {
            None
        };
        Ok((Arc::new(Auth::made(mode, tokens, secure, hosts)), generated))
    }

    fn made(mode: Mode, tokens: Tokens, secure: bool, hosts: Option<Vec<String>>) -> Auth {
        Auth {
            mode,
            tokens,
            sessions: session::Sessions::default(),
            secure,
            hosts,
            limiter: Mutex::default(),
            cluster: std::sync::OnceLock::new(),
            accounts: std::sync::OnceLock::new(),
        }
    }

    /// Everyone is the administrator, as `--auth none`; for tests that build the
    /// routers themselves.
    pub fn open() -> Arc<Self> {
        Arc::new(Auth::made(Mode::None, Tokens::default(), false, None))
    }

    /// Users' own cluster tokens, checked by and forwarded to `cluster` (the default
    /// cluster's API), any `Host`; for tests.
    pub fn passthrough(name: &str, cluster: Router) -> Arc<Self> {
        let auth = Auth::made(Mode::Passthrough, Tokens::default(), false, None);
        let _ = auth.cluster.set((name.to_owned(), cluster));
        Arc::new(auth)
    }

    /// With passthrough, the cluster (`name`, its API) that checks the tokens users
    /// sign in with, and the only one they are forwarded to.
    pub fn check_tokens_with(&self, name: &str, cluster: Router) {
        let _ = self.cluster.set((name.to_owned(), cluster));
    }

    /// Accepts the ServiceAccount tokens `engine` issues (`kubectl create token`).
    pub fn accept_service_account_tokens(&self, engine: Arc<crate::cluster::Cluster>) {
        let _ = self.accounts.set(engine);
    }

    /// Who a bearer token stands for: a user of the token file (or the generated
    /// administrator), else the ServiceAccount of a token the embedded engine issued.
    fn user_of_token(&self, token: &str) -> Option<UserInfo> {
        if let Some(user) = self.tokens.user(token) {
            return Some(user.clone());
        }
        self.account_of_token(token)
    }

    /// The ServiceAccount of a token the embedded engine issued.
    pub(super) fn account_of_token(&self, token: &str) -> Option<UserInfo> {
        self.accounts.get()?.read(|e| e.token_user(token))
    }

    /// `token`, to be forwarded to the cluster that checks tokens.
    fn forwarded(&self, token: String) -> Option<ForwardedToken> {
        let (cluster, _) = self.cluster.get()?;
        (!token.is_empty()).then(|| ForwardedToken {
            token,
            cluster: cluster.clone(),
        })
    }

    /// Whether users sign in with their own cluster tokens.
    pub fn passes_through(&self) -> bool {
        self.mode == Mode::Passthrough
    }

    /// Tokens only, from a token file's text, any `Host`; for tests.
    pub fn with_tokens(tokens: Tokens) -> Arc<Self> {
        Arc::new(Auth::made(Mode::Token, tokens, false, None))
    }

    /// Copies who made a request (`from`, a page's request) onto a request made on its
    /// behalf (`to`, an API call of the page's rendering).
    pub fn act_as(from: &axum::http::Extensions, to: &mut axum::http::Extensions) {
        if let Some(user) = from.get::<UserInfo>() {
            to.insert(user.clone());
        }
        if let Some(signed) = from.get::<Signed>() {
            to.insert(*signed);
        }
        if let Some(token) = from.get::<ForwardedToken>() {
            to.insert(token.clone());
        }
    }

    /// `router` behind authentication, with the sign-in routes and the security
    /// headers every answer carries.
    pub fn protect(self: &Arc<Self>, router: Router) -> Router {
        sign_in::routes(Arc::clone(self))
            .merge(router)
            .layer(axum::middleware::from_fn_with_state(
                Arc::clone(self),
                guard::authenticate,
            ))
            .layer(axum::middleware::from_fn(headers::security_headers))
    }
}
