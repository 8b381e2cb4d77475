//! Static tokens, in kube-apiserver's `--token-auth-file` format: a CSV line per token,
//! `token,user,uid,"group1,group2"`. Without a file, one administrator token is made at
//! start and printed in a sign-in address.

use std::collections::HashMap;
use std::path::Path;

use engine::rbac::{UserInfo, AUTHENTICATED, MASTERS};

use super::Error;

/// The user a token stands for, by token.
#[derive(Debug, Clone, Default)]
pub struct Tokens(HashMap<String, UserInfo>);

impl Tokens {
    /// The tokens of a token file.
    pub fn read(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::TokenFile(format!("{}: {e}", path.display())))?;
        Self::parse(&text)
    }

    /// The tokens of a token file's text.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .from_reader(text.as_bytes());
        let mut tokens = HashMap::new();
        for (line, record) in reader.records().enumerate() {
            let record = record.map_err(|e| Error::TokenFile(e.to_string()))?;
            let field = |i: usize| record.get(i).map(str::trim).unwrap_or_default();
            let (token, name) = (field(0), field(1));
            if token.is_empty() || name.is_empty() {
                return Err(Error::TokenFile(format!(
                    "line {}: a token and a user name are required",
                    line + 1
                )));
            }
            let mut groups: Vec<String> = field(3)
                .split(',')
                .map(str::trim)
                .filter(|g| !g.is_empty())
                .map(str::to_owned)
                .collect();
            groups.push(AUTHENTICATED.to_owned());
            let user = UserInfo {
                name: name.to_owned(),
                uid: field(2).to_owned(),
                groups,
            };
            tokens.insert(token.to_owned(), user);
        }
        Ok(Tokens(tokens))
    }

    /// One new administrator token (in `system:masters`); answers it too.
    pub fn generated() -> (Self, String) {
        let token = random_hex(32);
        let admin = administrator();
        (Tokens(HashMap::from([(token.clone(), admin)])), token)
    }

    /// Who `token` stands for (nobody, for an empty one).
    pub fn user(&self, token: &str) -> Option<&UserInfo> {
        if token.is_empty() {
            return None;
        }
        self.0.get(token)
    }
}

/// The administrator: the generated token's user, and everyone's with `--auth none`;
/// named as kubeadm and kind name theirs, which clients' test suites expect.
pub fn administrator() -> UserInfo {
    UserInfo {
        name: "kubernetes-admin".to_owned(),
        uid: String::new(),
        groups: vec![MASTERS.to_owned(), AUTHENTICATED.to_owned()],
    }
}

/// A user known only by their cluster token (passthrough): the cluster knows who.
pub fn cluster_user() -> UserInfo {
    UserInfo {
        name: "cluster user".to_owned(),
        uid: String::new(),
        groups: vec![AUTHENTICATED.to_owned()],
    }
}

/// `bytes` random bytes from the operating system, as hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    // The system's generator does not fail on the platforms Berth runs on; if it ever
    // did, the empty answer is a token nobody can sign in with (`Tokens::user`).
    if getrandom::fill(&mut buffer).is_err() {
        return String::new();
    }
    buffer.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::Tokens;

    #[test]
    fn a_token_file_names_users_uids_and_groups() {
        let tokens =
            Tokens::parse("# comment\nt-ann,ann,1001,\"team-a,viewers\"\nt-bob,bob,1002\n")
                .expect("a valid file");
        let ann = tokens.user("t-ann").expect("ann");
        assert_eq!(ann.name, "ann");
        assert_eq!(ann.uid, "1001");
        assert_eq!(ann.groups, ["team-a", "viewers", "system:authenticated"]);
        let bob = tokens.user("t-bob").expect("bob");
        assert_eq!(bob.groups, ["system:authenticated"]);
        assert!(tokens.user("nope").is_none());
        assert!(Tokens::parse("t-only\n").is_err());
    }

    #[test]
    fn generated_tokens_are_long_and_differ() {
        let (first, token) = Tokens::generated();
        let (_, other) = Tokens::generated();
        assert_eq!(token.len(), 64);
        assert_ne!(token, other);
        assert_eq!(
            first.user(&token).map(|u| u.name.as_str()),
            Some("kubernetes-admin")
        );
    }
}
