//! The shell language of container commands, as far as the simulated node reads it:
//! words with quotes, `;` `&&` `||` `|`, `while`/`until`/`for` loops, `if`, `{ … }`.

/// Stands for a `$` that must not expand (one from inside single quotes).
pub(crate) const LITERAL_DOLLAR: char = '\u{E000}';

/// Parses a script into its commands.
pub(crate) fn parse(script: &str) -> Vec<(Link, Node)> {
    let mut parser = Parser {
        tokens: tokenize(script),
        at: 0,
    };
    parser.list(&[])
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Op(&'static str),
}

/// Splits a script into words and operators, minding quotes. `$` inside single quotes
/// is kept from expansion by a private marker.
fn tokenize(script: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = script.chars().peekable();
    let flush = |tokens: &mut Vec<Token>, word: &mut String, in_word: &mut bool| {
        if *in_word {
            tokens.push(Token::Word(std::mem::take(word)));
            *in_word = false;
        }
    };
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' => flush(&mut tokens, &mut word, &mut in_word),
            '\n' | ';' => {
                flush(&mut tokens, &mut word, &mut in_word);
                tokens.push(Token::Op(";"));
            }
            // `2>&1` and `&>` are redirections, not operators.
            '&' if word.ends_with('>') || chars.peek() == Some(&'>') => {
                in_word = true;
                word.push(c);
            }
            '&' | '|' => {
                flush(&mut tokens, &mut word, &mut in_word);
                let double = chars.peek() == Some(&c);
                if double {
                    chars.next();
                }
                tokens.push(Token::Op(match (c, double) {
                    ('&', true) => "&&",
                    ('|', true) => "||",
                    ('|', false) => "|",
                    // A background job: the next command follows.
                    _ => ";",
                }));
            }
            '#' if !in_word => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        tokens.push(Token::Op(";"));
                        break;
                    }
                }
            }
            '\'' => {
                in_word = true;
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    word.push(if c == '$' { LITERAL_DOLLAR } else { c });
                }
            }
            '"' => {
                in_word = true;
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => word.extend(chars.next()),
                        c => word.push(c),
                    }
                }
            }
            '\\' => {
                in_word = true;
                word.extend(chars.next());
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    flush(&mut tokens, &mut word, &mut in_word);
    tokens
}

/// How a command hangs on the one before.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Link {
    /// After `;` or a new line.
    Then,
    /// After `&&`.
    And,
    /// After `||`.
    Or,
    /// After `|`: reads the output of the command before.
    Pipe,
}

/// One command of a script.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// A program and its words.
    Simple(Vec<String>),
    /// `while` (or `until`) test `do` body `done`.
    Loop {
        until: bool,
        test: Vec<(Link, Node)>,
        body: Vec<(Link, Node)>,
    },
    /// `if` test `then` … `else` … `fi`.
    If {
        test: Vec<(Link, Node)>,
        then: Vec<(Link, Node)>,
        otherwise: Vec<(Link, Node)>,
    },
    /// `{ … }`, or a `for` loop's body, run once.
    Group(Vec<(Link, Node)>),
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn word(&self) -> Option<&str> {
        match self.tokens.get(self.at) {
            Some(Token::Word(w)) => Some(w),
            _ => None,
        }
    }

    /// Commands up to one that starts with a word of `stop` (left unread).
    fn list(&mut self, stop: &[&str]) -> Vec<(Link, Node)> {
        let mut items = Vec::new();
        let mut link = Link::Then;
        while self.at < self.tokens.len() {
            match &self.tokens[self.at] {
                Token::Op(op) => {
                    link = match *op {
                        "&&" => Link::And,
                        "||" => Link::Or,
                        "|" => Link::Pipe,
                        _ => Link::Then,
                    };
                    self.at += 1;
                }
                Token::Word(w) if stop.contains(&w.as_str()) => break,
                Token::Word(_) => {
                    let node = self.command();
                    items.push((link, node));
                    link = Link::Then;
                }
            }
        }
        items
    }

    fn expect(&mut self, keyword: &str) {
        if self.word() == Some(keyword) {
            self.at += 1;
        }
    }

    fn command(&mut self) -> Node {
        let first = self.word().unwrap_or_default().to_owned();
        self.at += 1;
        match first.as_str() {
            "while" | "until" => {
                let test = self.list(&["do"]);
                self.expect("do");
                let body = self.list(&["done"]);
                self.expect("done");
                Node::Loop {
                    until: first == "until",
                    test,
                    body,
                }
            }
            "for" => {
                while self.at < self.tokens.len() && self.word() != Some("do") {
                    self.at += 1;
                }
                self.expect("do");
                let body = self.list(&["done"]);
                self.expect("done");
                Node::Group(body)
            }
            "if" => self.if_rest(),
            "{" => {
                let body = self.list(&["}"]);
                self.expect("}");
                Node::Group(body)
            }
            _ => {
                let mut words = vec![first];
                while let Some(w) = self.word() {
                    words.push(w.to_owned());
                    self.at += 1;
                }
                Node::Simple(words)
            }
        }
    }

    /// After `if` or `elif`: the test, the branches and the closing `fi`.
    fn if_rest(&mut self) -> Node {
        let test = self.list(&["then"]);
        self.expect("then");
        let then = self.list(&["else", "elif", "fi"]);
        let otherwise = match self.word() {
            Some("elif") => {
                self.at += 1;
                return Node::If {
                    test,
                    then,
                    otherwise: vec![(Link::Then, self.if_rest())],
                };
            }
            Some("else") => {
                self.at += 1;
                self.list(&["fi"])
            }
            _ => Vec::new(),
        };
        self.expect("fi");
        Node::If {
            test,
            then,
            otherwise,
        }
    }
}

/// Expands a word's `$NAME`, `${NAME}` and `$?`; `value` answers a name (`?` too),
/// and a name it does not know expands to nothing.
pub(crate) fn expand(word: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(if c == LITERAL_DOLLAR { '$' } else { c });
            continue;
        }
        let braced = chars.peek() == Some(&'{');
        if braced {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_ascii_alphanumeric() || c == '_' || (name.is_empty() && matches!(c, '?' | '$'))
            {
                name.push(c);
                chars.next();
                if matches!(c, '?' | '$') {
                    break;
                }
            } else {
                break;
            }
        }
        if braced {
            chars.next_if_eq(&'}');
        }
        match name.as_str() {
            "" => out.push('$'),
            name => out.push_str(&value(name).unwrap_or_default()),
        }
    }
    out
}
