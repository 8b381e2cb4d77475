//! ServiceAccount tokens (`serviceaccounts/token`, a TokenRequest), as the API server's
//! issuer makes them: a JWT naming the account, bound to its uid and an expiry, signed
//! with a key only this engine holds. Deleting the account (or making it again) ends
//! the tokens it had.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64;
use base64::Engine as _;
use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use k8s_openapi::api::authentication::v1::{TokenRequest, TokenRequestStatus};
use k8s_openapi::api::core::v1::ServiceAccount;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, Time};
use k8s_openapi::jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::rbac::{UserInfo, AUTHENTICATED};
use crate::store::{resource_name, Store};
use crate::{Error, FieldError};

/// A token's life when the request names none (upstream's default: an hour).
pub const DEFAULT_EXPIRATION_SECONDS: i64 = 3600;
/// The shortest life a request may ask for (upstream's ten minutes).
const MIN_EXPIRATION_SECONDS: i64 = 600;
/// The longest (upstream's 2^32 seconds).
const MAX_EXPIRATION_SECONDS: i64 = 1 << 32;
/// Who issues the tokens, and their audience when a request names none (kubeadm's).
pub const ISSUER: &str = "https://kubernetes.default.svc.cluster.local";
/// The group of every ServiceAccount.
const ALL_ACCOUNTS: &str = "system:serviceaccounts";

/// The key tokens are signed with.
pub(crate) struct Signer {
    /// HMAC-SHA256's block size: a key of that length is used as it is.
    key: [u8; 64],
}

impl Signer {
    /// A new key from the system's random source: tokens of another engine, or of
    /// this one before a restart, are not accepted.
    pub(crate) fn random() -> Self {
        let mut key = [0u8; 64];
        if getrandom::fill(&mut key).is_err() {
            // No system source: still a key nobody can guess from the code.
            key.iter_mut().for_each(|b| *b = fastrand::u8(..));
        }
        Signer { key }
    }

    fn mac(&self, message: &[u8]) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as KeyInit>::new((&self.key).into());
        mac.update(message);
        mac
    }
}

/// The claims of a token, as upstream's issuer writes them.
#[derive(Serialize, Deserialize)]
struct Claims {
    aud: Vec<String>,
    exp: i64,
    iat: i64,
    iss: String,
    #[serde(rename = "kubernetes.io")]
    kubernetes: Bound,
    nbf: i64,
    sub: String,
}

#[derive(Serialize, Deserialize)]
struct Bound {
    namespace: String,
    serviceaccount: Account,
}

#[derive(Serialize, Deserialize)]
struct Account {
    name: String,
    uid: String,
}

/// The user a ServiceAccount acts as: `system:serviceaccount:<namespace>:<name>`.
pub fn user_name(namespace: &str, name: &str) -> String {
    format!("system:serviceaccount:{namespace}:{name}")
}

fn invalid(name: &str, value: i64, message: &str) -> Error {
    Error::Invalid {
        kind: "TokenRequest".to_owned(),
        name: name.to_owned(),
        causes: vec![FieldError {
            field: "spec.expirationSeconds".to_owned(),
            message: format!("Invalid value: {value}: {message}"),
        }],
    }
}

/// Answers a TokenRequest for the account `namespace/name`: the request with its
/// defaults filled and a status carrying the token.
pub(crate) fn issue(
    store: &Store,
    signer: &Signer,
    now: Timestamp,
    namespace: &str,
    name: &str,
    mut request: TokenRequest,
) -> Result<TokenRequest, Error> {
    let Some(account) = store.get::<ServiceAccount>(namespace, name) else {
        return Err(Error::NotFound {
            kind: resource_name::<ServiceAccount>(),
            name: name.to_owned(),
        });
    };
    let seconds = *request
        .spec
        .expiration_seconds
        .get_or_insert(DEFAULT_EXPIRATION_SECONDS);
    if seconds < MIN_EXPIRATION_SECONDS {
        return Err(invalid(
            name,
            seconds,
            "may not specify a duration less than 10 minutes",
        ));
    }
    if seconds > MAX_EXPIRATION_SECONDS {
        return Err(invalid(
            name,
            seconds,
            "may not specify a duration larger than 2^32 seconds",
        ));
    }
    if request.spec.audiences.is_empty() {
        request.spec.audiences = vec![ISSUER.to_owned()];
    }
    let expires = now + SignedDuration::from_secs(seconds);
    let claims = Claims {
        aud: request.spec.audiences.clone(),
        exp: expires.as_second(),
        iat: now.as_second(),
        iss: ISSUER.to_owned(),
        kubernetes: Bound {
            namespace: namespace.to_owned(),
            serviceaccount: Account {
                name: name.to_owned(),
                uid: account.metadata.uid.clone().unwrap_or_default(),
            },
        },
        nbf: now.as_second(),
        sub: user_name(namespace, name),
    };
    let header = BASE64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = BASE64.encode(serde_json::to_vec(&claims).unwrap_or_default());
    let signed = format!("{header}.{payload}");
    let signature = BASE64.encode(signer.mac(signed.as_bytes()).finalize().into_bytes());
    request.metadata = ObjectMeta {
        name: Some(name.to_owned()),
        namespace: Some(namespace.to_owned()),
        creation_timestamp: Some(Time(now)),
        ..Default::default()
    };
    request.status = Some(TokenRequestStatus {
        token: format!("{signed}.{signature}"),
        expiration_timestamp: Time(expires),
    });
    Ok(request)
}

/// The ServiceAccount a token stands for, if this engine signed it, it has not
/// expired and the account it names still exists.
pub(crate) fn user(
    store: &Store,
    signer: &Signer,
    now: Timestamp,
    token: &str,
) -> Option<UserInfo> {
    let (signed, signature) = token.rsplit_once('.')?;
    let (_, payload) = signed.split_once('.')?;
    let signature = BASE64.decode(signature).ok()?;
    signer
        .mac(signed.as_bytes())
        .verify_slice(&signature)
        .ok()?;
    let claims: Claims = serde_json::from_slice(&BASE64.decode(payload).ok()?).ok()?;
    let second = now.as_second();
    if second >= claims.exp || second < claims.nbf {
        return None;
    }
    let Bound {
        namespace,
        serviceaccount,
    } = claims.kubernetes;
    let account = store.get::<ServiceAccount>(&namespace, &serviceaccount.name)?;
    if account.metadata.uid.as_deref() != Some(serviceaccount.uid.as_str()) {
        return None;
    }
    Some(UserInfo {
        name: user_name(&namespace, &serviceaccount.name),
        uid: serviceaccount.uid,
        groups: vec![
            ALL_ACCOUNTS.to_owned(),
            format!("{ALL_ACCOUNTS}:{namespace}"),
            AUTHENTICATED.to_owned(),
        ],
    })
}
