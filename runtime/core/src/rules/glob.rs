//! `exclude:` patterns, std-only: the parser accepts and refuses exactly what `globset` (which the
//! packager compiles them with, `literal_separator` on) does, and the matcher matches the same
//! paths, so the checker can tell at compile time that a pattern is invalid or leaves the
//! handler's own module out. `runtime/tests/glob_agrees.rs` holds the two to each other.
//!
//! ```
//! use lambda_stack_core::rules::glob::Exclude;
//! let py = Exclude::parse("*.py").unwrap();
//! assert!(py.covers("app.py", false) && py.covers("pkg/mod.py", false));
//! assert!(Exclude::parse("[a-").unwrap_err().contains("unclosed character class"));
//! ```

/// The deepest `{..}` nesting globset accepts.
const MAX_ALTERNATES_DEPTH: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Literal(char),
    /// `?`
    Any,
    /// `*`
    ZeroOrMore,
    /// `**/` at the start.
    RecursivePrefix,
    /// `/**` at the end.
    RecursiveSuffix,
    /// `/**/`
    RecursiveZeroOrMore,
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
    Alternates(Vec<Vec<Token>>),
}

/// A glob over `/`-separated relative paths, as globset compiles it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    tokens: Vec<Token>,
}

impl Glob {
    /// Parses `glob` as globset does; `Err` says what is wrong, naming the character.
    pub fn parse(glob: &str) -> Result<Glob, String> {
        let mut parser = Parser { chars: glob.chars().collect(), at: 0, stack: Vec::new(), branches: vec![Vec::new()] };
        parser.parse()?;
        if parser.branches.len() > 1 {
            return Err("unclosed alternatives: a `{` has no matching `}`".to_owned());
        }
        Ok(Glob { tokens: parser.branches.pop().unwrap_or_default() })
    }

    /// Whether the whole of `path` matches.
    pub fn is_match(&self, path: &str) -> bool {
        if self.tokens == [Token::RecursivePrefix] {
            return true;
        }
        let chars: Vec<char> = path.chars().collect();
        let mut done = |end: usize| end == chars.len();
        match_seq(&self.tokens, &chars, 0, &mut done)
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    /// Where in `branches` each open `{` started.
    stack: Vec<usize>,
    branches: Vec<Vec<Token>>,
}

impl Parser {
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.get(self.at).copied();
        if c.is_some() {
            self.at += 1;
        }
        c
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    /// The character before the one just read.
    fn prev(&self) -> Option<char> {
        self.at.checked_sub(2).map(|i| self.chars[i])
    }

    fn push(&mut self, token: Token) {
        if let Some(branch) = self.branches.last_mut() {
            branch.push(token);
        }
    }

    fn parse(&mut self) -> Result<(), String> {
        while let Some(c) = self.bump() {
            match c {
                '?' => self.push(Token::Any),
                '*' => self.parse_star(),
                '[' => self.parse_class()?,
                '{' => {
                    if self.stack.len() >= MAX_ALTERNATES_DEPTH {
                        return Err(format!("alternatives nested deeper than {MAX_ALTERNATES_DEPTH} `{{`"));
                    }
                    self.stack.push(self.branches.len());
                    self.branches.push(Vec::new());
                }
                '}' => {
                    let Some(start) = self.stack.pop() else {
                        return Err("a `}` closes no `{`; write `\\}` for the character itself".to_owned());
                    };
                    let alternates = Token::Alternates(self.branches.drain(start..).collect());
                    self.push(alternates);
                }
                ',' if !self.stack.is_empty() => self.branches.push(Vec::new()),
                '\\' => match self.bump() {
                    Some(c) => self.push(Token::Literal(c)),
                    None => return Err("a `\\` at the end escapes nothing".to_owned()),
                },
                c => self.push(Token::Literal(c)),
            }
        }
        Ok(())
    }

    /// `**` is recursive only as a whole path segment; elsewhere it is two `*`.
    fn parse_star(&mut self) {
        let prev = self.prev();
        if self.peek() != Some('*') {
            return self.push(Token::ZeroOrMore);
        }
        self.bump();
        let in_alternates = self.branches.len() > 1;
        let twice = |p: &mut Parser| {
            p.push(Token::ZeroOrMore);
            p.push(Token::ZeroOrMore);
        };
        if self.branches.last().is_none_or(Vec::is_empty) {
            if self.peek().is_none_or(|c| c == '/') {
                self.push(Token::RecursivePrefix);
                self.bump();
            } else {
                twice(self);
            }
            return;
        }
        if prev != Some('/') && (!in_alternates || (prev != Some(',') && prev != Some('{'))) {
            return twice(self);
        }
        let is_suffix = match self.peek() {
            None => true,
            Some(',') | Some('}') if in_alternates => true,
            Some('/') => {
                self.bump();
                false
            }
            _ => return twice(self),
        };
        let last = self.branches.last_mut().and_then(Vec::pop);
        match last {
            Some(Token::RecursivePrefix) => self.push(Token::RecursivePrefix),
            Some(Token::RecursiveSuffix) => self.push(Token::RecursiveSuffix),
            _ if is_suffix => self.push(Token::RecursiveSuffix),
            _ => self.push(Token::RecursiveZeroOrMore),
        }
    }

    fn parse_class(&mut self) -> Result<(), String> {
        let negated = matches!(self.peek(), Some('!') | Some('^'));
        if negated {
            self.bump();
        }
        let mut ranges: Vec<(char, char)> = Vec::new();
        let mut first = true;
        let mut in_range = false;
        let extend = |ranges: &mut Vec<(char, char)>, c: char| -> Result<(), String> {
            let last = ranges.last_mut().expect("a range has a start");
            last.1 = c;
            if last.1 < last.0 {
                return Err(format!("the character range `{}-{}` runs backwards", last.0, last.1));
            }
            Ok(())
        };
        loop {
            let Some(c) = self.bump() else {
                return Err(
                    "unclosed character class: a `[` has no matching `]`; write `[[]` for the character itself"
                        .to_owned(),
                );
            };
            match c {
                ']' if first => ranges.push((']', ']')),
                ']' => break,
                '-' if first => ranges.push(('-', '-')),
                '-' if in_range => {
                    extend(&mut ranges, '-')?;
                    in_range = false;
                }
                '-' => in_range = true,
                '[' if !in_range && self.peek() == Some(':') => match self.posix_class() {
                    Some(class) => ranges.extend_from_slice(class),
                    None => ranges.push(('[', '[')),
                },
                c if in_range => {
                    extend(&mut ranges, c)?;
                    in_range = false;
                }
                c => ranges.push((c, c)),
            }
            first = false;
        }
        if in_range {
            ranges.push(('-', '-'));
        }
        self.push(Token::Class { negated, ranges });
        Ok(())
    }

    /// `[:alpha:]` inside a class; `None` (and nothing read) when it is not one.
    fn posix_class(&mut self) -> Option<&'static [(char, char)]> {
        let saved = self.at;
        self.bump();
        let mut name = String::new();
        loop {
            match self.bump() {
                Some(':') if self.peek() == Some(']') => {
                    self.bump();
                    // globset keeps an unknown name read (`[[:nope:]]` is the class `[`).
                    return posix_class_ranges(&name);
                }
                Some(c) if c.is_ascii_lowercase() && name.len() < 8 => name.push(c),
                _ => {
                    self.at = saved;
                    return None;
                }
            }
        }
    }
}

fn posix_class_ranges(name: &str) -> Option<&'static [(char, char)]> {
    Some(match name {
        "alnum" => &[('0', '9'), ('A', 'Z'), ('a', 'z')],
        "alpha" => &[('A', 'Z'), ('a', 'z')],
        "blank" => &[('\t', '\t'), (' ', ' ')],
        "cntrl" => &[('\x00', '\x1f'), ('\x7f', '\x7f')],
        "digit" => &[('0', '9')],
        "graph" => &[('!', '~')],
        "lower" => &[('a', 'z')],
        "print" => &[(' ', '~')],
        "punct" => &[('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        "space" => &[('\t', '\r'), (' ', ' ')],
        "upper" => &[('A', 'Z')],
        "xdigit" => &[('0', '9'), ('A', 'F'), ('a', 'f')],
        _ => return None,
    })
}

/// A sequence globset turns into an empty regex: nothing but groups of such sequences.
fn compiles_to_nothing(tokens: &[Token]) -> bool {
    tokens.iter().all(|t| matches!(t, Token::Alternates(branches) if branches.iter().all(|b| compiles_to_nothing(b))))
}

/// Whether `tokens` match `s[i..]` up to some end that `then` accepts (backtracking; patterns
/// and paths are short).
fn match_seq(tokens: &[Token], s: &[char], i: usize, then: &mut dyn FnMut(usize) -> bool) -> bool {
    let Some((token, rest)) = tokens.split_first() else { return then(i) };
    let mut next = |j: usize| match_seq(rest, s, j, then);
    match token {
        Token::Literal(c) => s.get(i) == Some(c) && next(i + 1),
        Token::Any => s.get(i).is_some_and(|&c| c != '/') && next(i + 1),
        Token::ZeroOrMore => {
            let end = s[i..].iter().position(|&c| c == '/').map_or(s.len(), |p| i + p);
            (i..=end).any(next)
        }
        // `(?:/?|.*/)`
        Token::RecursivePrefix => {
            next(i) || (s.get(i) == Some(&'/') && next(i + 1)) || (i + 1..=s.len()).any(|j| s[j - 1] == '/' && next(j))
        }
        // `/.*`
        Token::RecursiveSuffix => s.get(i) == Some(&'/') && (i + 1..=s.len()).any(next),
        // `(?:/|/.*/)`
        Token::RecursiveZeroOrMore => s.get(i) == Some(&'/') && (i + 1..=s.len()).any(|j| s[j - 1] == '/' && next(j)),
        Token::Class { negated, ranges } => {
            let Some(&c) = s.get(i) else { return false };
            // With `literal_separator`, a class never matches `/`.
            let inside = ranges.iter().any(|&(a, b)| a <= c && c <= b);
            c != '/' && inside != *negated && next(i + 1)
        }
        Token::Alternates(branches) => {
            // globset drops branches that compile to nothing (`{a,}` is `a`), and the whole group
            // when none is left.
            let mut kept = branches.iter().filter(|branch| !compiles_to_nothing(branch)).peekable();
            if kept.peek().is_none() {
                return next(i);
            }
            kept.any(|branch| match_seq(branch, s, i, &mut |j| match_seq(rest, s, j, then)))
        }
    }
}

/// One `exclude:` pattern, with the packager's gitignore-like rules (see
/// `runtime/src/package/exclude.rs`): without a `/` it matches a name at any depth, with one it
/// is anchored to the code directory, a leading `/` anchors a single name, a trailing `/` means
/// directories only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclude {
    glob: Glob,
    dir_only: bool,
}

impl Exclude {
    /// The pattern, or what is wrong with it.
    pub fn parse(pattern: &str) -> Result<Exclude, String> {
        let (body, dir_only) = match pattern.strip_suffix('/') {
            Some(body) => (body, true),
            None => (pattern, false),
        };
        let anchored = body.starts_with('/');
        let body = body.trim_start_matches('/');
        if body.is_empty() {
            return Err("it matches nothing".to_owned());
        }
        if body.split('/').any(|segment| segment == "..") {
            return Err("patterns are relative to the code directory and cannot use `..`".to_owned());
        }
        let glob = if anchored || body.contains('/') { body.to_owned() } else { format!("**/{body}") };
        Ok(Exclude { glob: Glob::parse(&glob)?, dir_only })
    }

    /// `path` (relative, `/`-separated) itself is excluded.
    pub fn matches(&self, path: &str, is_dir: bool) -> bool {
        (is_dir || !self.dir_only) && self.glob.is_match(path)
    }

    /// `path` or a directory above it is excluded.
    pub fn covers(&self, path: &str, is_dir: bool) -> bool {
        let mut ancestors = path.match_indices('/').map(|(at, _)| &path[..at]);
        ancestors.any(|dir| self.matches(dir, true)) || self.matches(path, is_dir)
    }
}

/// The message for an invalid `exclude:` pattern.
pub fn invalid_exclude(pattern: &str, reason: &str) -> String {
    format!("`exclude` pattern `{pattern}` is not a valid glob: {reason}")
}

/// The message for an `exclude:` pattern that leaves out the handler's own module.
pub fn excludes_handler(pattern: &str, module: &str, handler: &str) -> String {
    format!(
        "`exclude` pattern `{pattern}` leaves out `{module}`, the module of handler `{handler}`, so the deployed \
         function could not start; narrow the pattern"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_what_is_wrong() {
        assert!(Glob::parse("[a-").unwrap_err().contains("unclosed character class"));
        assert!(Glob::parse("[]").is_err());
        assert!(Glob::parse("[z-a]").unwrap_err().contains("`z-a` runs backwards"));
        assert!(Glob::parse("{a,b").unwrap_err().contains("unclosed alternatives"));
        assert!(Glob::parse("a}").unwrap_err().contains("closes no `{`"));
        assert!(Glob::parse("a\\").unwrap_err().contains("escapes nothing"));
        assert!(Glob::parse("[]a]").is_ok());
        assert!(Glob::parse("[[:alpha:]]").is_ok());
    }

    #[test]
    fn matching() {
        let g = |p: &str| Glob::parse(p).unwrap();
        assert!(g("**/*.py").is_match("app.py"));
        assert!(g("**/*.py").is_match("a/b/app.py"));
        assert!(!g("*.py").is_match("a/app.py"));
        assert!(g("docs/**").is_match("docs/a/b"));
        assert!(!g("docs/**").is_match("docs"));
        assert!(g("a/**/b").is_match("a/b"));
        assert!(g("a/**/b").is_match("a/x/y/b"));
        assert!(g("{app,lib}.py").is_match("lib.py"));
        assert!(g("[!a]pp.py").is_match("xpp.py"));
        assert!(!g("[!a]pp.py").is_match("app.py"));
        assert!(!g("a?b").is_match("a/b"));
    }

    #[test]
    fn excludes_follow_the_packager() {
        let e = |p: &str| Exclude::parse(p).unwrap();
        assert!(e("*.py").covers("pkg/app.py", false));
        assert!(e("pkg").covers("pkg/app.py", false));
        assert!(e("pkg/").covers("pkg/app.py", false));
        assert!(!e("app.py/").covers("app.py", false));
        assert!(!e("/app.py").covers("pkg/app.py", false));
        assert!(e("/app.py").covers("app.py", false));
        assert!(Exclude::parse("/").is_err());
        assert!(Exclude::parse("../x").is_err());
    }
}
