//! Browser sessions: signing in with a token gives the browser an HttpOnly,
//! SameSite=Strict cookie naming a session held here (never the token itself), and a
//! second, readable cookie with the session's CSRF token, which the console sends back
//! as a header on every write.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use engine::rbac::UserInfo;

use super::tokens::random_hex;

/// The session cookie.
pub const SESSION_COOKIE: &str = "berth_session";
/// The readable cookie holding the session's CSRF token.
pub const CSRF_COOKIE: &str = "berth_csrf";
/// The header a browser write carries the CSRF token in.
pub const CSRF_HEADER: &str = "x-berth-csrf";
/// How long a session lasts.
pub const LIFETIME: Duration = Duration::from_secs(8 * 60 * 60);

/// One signed-in browser.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who signed in.
    pub user: UserInfo,
    /// The token the console must send with each write.
    pub csrf: String,
    /// With passthrough, the user's own token for the cluster.
    pub forwarded: Option<String>,
    expires: Instant,
}

/// Every open session, by id.
#[derive(Default)]
pub struct Sessions(Mutex<HashMap<String, Session>>);

impl Sessions {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Opens a session for `user` (with their cluster token, for passthrough); answers
    /// its id and CSRF token.
    pub fn open(&self, user: UserInfo, forwarded: Option<String>) -> (String, String) {
        let (id, csrf) = (random_hex(32), random_hex(32));
        let now = Instant::now();
        let mut sessions = self.lock();
        sessions.retain(|_, s| s.expires > now);
        sessions.insert(
            id.clone(),
            Session {
                user,
                csrf: csrf.clone(),
                forwarded,
                expires: now + LIFETIME,
            },
        );
        (id, csrf)
    }

    /// The live session `id`.
    pub fn get(&self, id: &str) -> Option<Session> {
        let session = self.lock().get(id).cloned()?;
        (session.expires > Instant::now()).then_some(session)
    }

    /// Ends session `id`.
    pub fn close(&self, id: &str) {
        self.lock().remove(id);
    }
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

/// `Set-Cookie` values for a new session (or, with `None`, for signing out).
pub fn set_cookies(session: Option<(&str, &str)>, secure: bool) -> [String; 2] {
    let secure = if secure { "; Secure" } else { "" };
    match session {
        Some((id, csrf)) => {
            let age = LIFETIME.as_secs();
            [
                format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict; Max-Age={age}{secure}"),
                format!("{CSRF_COOKIE}={csrf}; Path=/; SameSite=Strict; Max-Age={age}{secure}"),
            ]
        }
        None => [
            format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
            format!("{CSRF_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0{secure}"),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::{cookie, set_cookies, Sessions};
    use crate::auth::tokens::administrator;

    #[test]
    fn sessions_open_find_and_close() {
        let sessions = Sessions::default();
        let (id, csrf) = sessions.open(administrator(), None);
        let session = sessions.get(&id).expect("open");
        assert_eq!(session.csrf, csrf);
        assert_eq!(session.user.name, "kubernetes-admin");
        sessions.close(&id);
        assert!(sessions.get(&id).is_none());
        assert!(sessions.get("made-up").is_none());
    }

    #[test]
    fn cookies_are_read_and_written_as_browsers_do() {
        assert_eq!(
            cookie("a=1; berth_session=xyz; b=2", "berth_session"),
            Some("xyz")
        );
        assert_eq!(cookie("a=1", "berth_session"), None);
        let [session, csrf] = set_cookies(Some(("id", "token")), true);
        assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"));
        assert!(session.ends_with("; Secure"));
        assert!(!csrf.contains("HttpOnly"), "the console reads it");
    }
}
