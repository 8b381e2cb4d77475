//! `curl` and `wget` inside a container: a request to a Service, a pod or `localhost`
//! is answered as the image behind that address answers it (nginx's welcome page at
//! `/`, its 404 page elsewhere; no HTTP from a database), with the tools' own errors
//! for a name that does not resolve or an address where nothing listens.

use rules::catalog::{Behaviour, Image};

use super::shell::{ExecSession, Streams};
use super::world::NGINX_INDEX;

/// What the server at an address does with a request.
enum Answer {
    /// A page, with its HTTP status.
    Page(u16, String),
    /// Nothing listens there.
    Refused,
    /// It accepts the connection but speaks no HTTP.
    Empty,
}

/// How `image` answers `GET path`.
fn answer(image: Option<&Image>, path: &str) -> Answer {
    let Some(image) = image else {
        return Answer::Refused;
    };
    match image.behaviour {
        Behaviour::Shell => Answer::Refused,
        Behaviour::Tcp | Behaviour::NeverReady => Answer::Empty,
        _ if !image.serves(path) => Answer::Page(
            404,
            "<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n".to_owned(),
        ),
        _ if image.name == "nginx" => Answer::Page(200, NGINX_INDEX.to_owned()),
        _ if image.name == "httpd" => {
            Answer::Page(200, "<html><body><h1>It works!</h1></body></html>\n".to_owned())
        }
        _ => Answer::Page(200, "ok\n".to_owned()),
    }
}

/// `scheme://host[:port]/path` split into host, port and path.
fn parse_url(url: &str) -> (String, u16, String) {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_owned()),
        None => (rest, "/".to_owned()),
    };
    let default_port = if scheme == "https" { 443 } else { 80 };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, port.parse().unwrap_or(default_port)),
        None => (authority, default_port),
    };
    (host.to_owned(), port, path)
}

impl ExecSession {
    /// `curl [-s] [-f] [-o file] URL` or `wget [-q] [-O file|-] URL`.
    pub(super) fn fetch(&mut self, program: &str, args: &[String], out: &mut Streams) -> i32 {
        let mut file = None;
        let mut fail_on_error = false;
        let mut url = None;
        let mut words = args.iter();
        while let Some(word) = words.next() {
            match word.as_str() {
                "-o" | "-O" => file = words.next().cloned(),
                "-qO-" | "-qO" => file = Some("-".to_owned()),
                "-f" | "-sf" | "-fs" | "-fsS" | "-sSf" => fail_on_error = true,
                w if w.starts_with('-') => {}
                w => url = Some(w.to_owned()),
            }
        }
        let Some(url) = url else {
            out.complain(format!("{program}: no URL specified"));
            return if program == "curl" { 2 } else { 1 };
        };
        let (host, port, path) = parse_url(&url);
        let address = match host.as_str() {
            "localhost" | "127.0.0.1" => Some(None),
            _ if host.parse::<std::net::Ipv4Addr>().is_ok() => Some(Some(host.clone())),
            _ => self.world.resolve(&host).map(|(_, ip)| Some(ip)),
        };
        let Some(address) = address else {
            return match program {
                "curl" => fail(out, format!("curl: (6) Could not resolve host: {host}"), 6),
                _ => fail(out, format!("wget: bad address '{host}'"), 1),
            };
        };
        let server = match &address {
            None => self.world.image,
            Some(ip) => self.world.servers.get(ip).copied().flatten(),
        };
        let shown = address.unwrap_or_else(|| "127.0.0.1".to_owned());
        match (answer(server, &path), program) {
            (Answer::Refused, "curl") => fail(
                out,
                format!("curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"),
                7,
            ),
            (Answer::Refused, _) => fail(
                out,
                format!("wget: can't connect to remote host ({shown}): Connection refused"),
                1,
            ),
            (Answer::Empty, "curl") => fail(out, "curl: (52) Empty reply from server".to_owned(), 52),
            (Answer::Empty, _) => fail(out, "wget: error getting response".to_owned(), 1),
            (Answer::Page(404, _), "curl") if fail_on_error => fail(
                out,
                "curl: (22) The requested URL returned error: 404".to_owned(),
                22,
            ),
            (Answer::Page(404, _), "wget") => fail(
                out,
                "wget: server returned error: HTTP/1.1 404 Not Found".to_owned(),
                1,
            ),
            (Answer::Page(_, body), _) => {
                let target = file.or_else(|| (program == "wget").then(|| "index.html".to_owned()));
                match target.as_deref() {
                    None | Some("-") => out.out.extend_from_slice(body.as_bytes()),
                    Some(name) => {
                        let path = self.path(name);
                        self.world.write(&path, body);
                    }
                }
                0
            }
        }
    }
}

/// Says `message` on standard error; answers `code`.
fn fail(out: &mut Streams, message: String, code: i32) -> i32 {
    out.complain(message);
    code
}
