//! A small stand-in for [`crate::query`] with the same API, covering the documented subjects and
//! operators well enough for the engine's tests. It is replaced by the real module once that lands.

use std::fmt;

/// Facts about one container instance that expressions can ask about.
pub trait InstanceFacts {
    fn attribute(&self, name: &str) -> Option<&str>;
    fn ec2_instance_id(&self) -> Option<&str>;
    fn agent_connected(&self) -> bool;
    fn agent_version(&self) -> Option<&str>;
    fn registered_at(&self) -> Option<i64>;
    fn running_tasks_count(&self) -> u32;
    fn hosts_task_group(&self, group: &str) -> bool;
}

/// A parse error with the character range it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    pub position: usize,
    pub end: usize,
    pub message: String,
    pub expected: Vec<String>,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.position, self.message)
    }
}

impl std::error::Error for QueryError {}

#[derive(Clone, Debug)]
enum Node {
    Or(Box<Node>, Box<Node>),
    And(Box<Node>, Box<Node>),
    Not(Box<Node>),
    Atom(Atom),
}

#[derive(Clone, Debug)]
struct Atom {
    subject: String,
    operator: String,
    arguments: Vec<String>,
    /// Compiled once at parse time for `=~` / `!~`, anchored for full-string matching.
    regex: Option<regex_lite::Regex>,
}

/// A parsed expression.
#[derive(Clone, Debug)]
pub struct Expression {
    root: Node,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Open,
    Close,
    OpenList,
    CloseList,
    Comma,
    Word(String),
}

fn tokenize(source: &str) -> Result<Vec<(usize, Token)>, QueryError> {
    let mut tokens = Vec::new();
    let chars: Vec<(usize, char)> = source.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let single = match c {
            '(' => Some(Token::Open),
            ')' => Some(Token::Close),
            '[' => Some(Token::OpenList),
            ']' => Some(Token::CloseList),
            ',' => Some(Token::Comma),
            _ => None,
        };
        if c.is_whitespace() {
            i += 1;
        } else if let Some(token) = single {
            tokens.push((at, token));
            i += 1;
        } else if c == '\'' || c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j].1 != c {
                j += 1;
            }
            if j == chars.len() {
                return Err(error(at, "unterminated quoted literal"));
            }
            let text: String = chars[i + 1..j].iter().map(|(_, c)| c).collect();
            tokens.push((at, Token::Word(text)));
            i = j + 1;
        } else {
            let mut j = i;
            while j < chars.len() && !chars[j].1.is_whitespace() && !"()[],'\"".contains(chars[j].1)
            {
                j += 1;
            }
            let text: String = chars[i..j].iter().map(|(_, c)| c).collect();
            tokens.push((at, Token::Word(text)));
            i = j;
        }
    }
    Ok(tokens)
}

fn error(position: usize, message: &str) -> QueryError {
    QueryError {
        position,
        end: position + 1,
        message: message.to_string(),
        expected: Vec::new(),
    }
}

struct Parser {
    tokens: Vec<(usize, Token)>,
    next: usize,
    length: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|(_, t)| t)
    }
    fn position(&self) -> usize {
        self.tokens.get(self.next).map_or(self.length, |(p, _)| *p)
    }
    fn peek_word(&self, words: &[&str]) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if words.contains(&w.as_str()))
    }
    fn word(&mut self, what: &str) -> Result<String, QueryError> {
        match self.tokens.get(self.next) {
            Some((_, Token::Word(w))) => {
                self.next += 1;
                Ok(w.clone())
            }
            _ => Err(error(self.position(), &format!("expected {what}"))),
        }
    }
    fn expect(&mut self, token: Token, what: &str) -> Result<(), QueryError> {
        if self.peek() == Some(&token) {
            self.next += 1;
            Ok(())
        } else {
            Err(error(self.position(), &format!("expected {what}")))
        }
    }
    fn or(&mut self) -> Result<Node, QueryError> {
        let mut left = self.and()?;
        while self.peek_word(&["||", "or"]) {
            self.next += 1;
            left = Node::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }
    fn and(&mut self) -> Result<Node, QueryError> {
        let mut left = self.unary()?;
        while self.peek_word(&["&&", "and"]) {
            self.next += 1;
            left = Node::And(Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }
    fn unary(&mut self) -> Result<Node, QueryError> {
        if self.peek_word(&["!", "not"]) {
            self.next += 1;
            return Ok(Node::Not(Box::new(self.unary()?)));
        }
        if self.peek() == Some(&Token::Open) {
            self.next += 1;
            let inner = self.or()?;
            self.expect(Token::Close, "')'")?;
            return Ok(inner);
        }
        self.atom()
    }
    fn atom(&mut self) -> Result<Node, QueryError> {
        let subject = self.word("a subject")?;
        let operator = self.word("an operator")?;
        let operator = match operator.as_str() {
            "equals" => "==",
            "not_equals" => "!=",
            "matches" => "=~",
            "not_matches" => "!~",
            "not_in" => "!in",
            "not_exists" => "!exists",
            "greater_than" => ">",
            "greater_than_equal" => ">=",
            "less_than" => "<",
            "less_than_equal" => "<=",
            other => other,
        }
        .to_string();
        let mut arguments = Vec::new();
        match operator.as_str() {
            "exists" | "!exists" => {}
            "in" | "!in" => {
                self.expect(Token::OpenList, "'['")?;
                loop {
                    arguments.push(self.word("a value")?);
                    if self.peek() == Some(&Token::Comma) {
                        self.next += 1;
                    } else {
                        break;
                    }
                }
                self.expect(Token::CloseList, "']'")?;
            }
            "==" | "!=" | "=~" | "!~" | ">" | ">=" | "<" | "<=" => {
                arguments.push(self.word("a value")?)
            }
            _ => return Err(error(self.position(), "unknown operator")),
        }
        let regex = match operator.as_str() {
            "=~" | "!~" => {
                let pattern = format!("^(?:{})$", arguments[0]);
                Some(
                    regex_lite::Regex::new(&pattern)
                        .map_err(|_| error(self.position(), "invalid regular expression"))?,
                )
            }
            _ => None,
        };
        Ok(Node::Atom(Atom {
            subject,
            operator,
            arguments,
            regex,
        }))
    }
}

/// Parses an expression.
pub fn parse(source: &str) -> Result<Expression, QueryError> {
    let mut parser = Parser {
        tokens: tokenize(source)?,
        next: 0,
        length: source.len(),
    };
    let root = parser.or()?;
    if parser.next != parser.tokens.len() {
        return Err(error(parser.position(), "unexpected trailing input"));
    }
    Ok(Expression { root })
}

fn subject_value(subject: &str, facts: &dyn InstanceFacts) -> Option<String> {
    match subject {
        "agentConnected" => Some(facts.agent_connected().to_string()),
        "agentVersion" => facts.agent_version().map(str::to_string),
        "ec2InstanceId" => facts.ec2_instance_id().map(str::to_string),
        "registeredAt" => facts.registered_at().map(|t| t.to_string()),
        "runningTasksCount" => Some(facts.running_tasks_count().to_string()),
        _ => subject
            .strip_prefix("attribute:")
            .and_then(|name| facts.attribute(name))
            .map(str::to_string),
    }
}

fn compare(value: &str, argument: &str) -> std::cmp::Ordering {
    match (value.parse::<f64>(), argument.parse::<f64>()) {
        (Ok(a), Ok(b)) => a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal),
        _ => value.cmp(argument),
    }
}

impl Atom {
    fn matches(&self, facts: &dyn InstanceFacts) -> bool {
        if self.subject == "task:group" {
            let hosts = self.arguments.iter().any(|g| facts.hosts_task_group(g));
            return match self.operator.as_str() {
                "==" | "in" => hosts,
                "!=" | "!in" => !hosts,
                "exists" => facts.running_tasks_count() > 0,
                "!exists" => facts.running_tasks_count() == 0,
                _ => false,
            };
        }
        let value = subject_value(&self.subject, facts);
        let Some(value) = value else {
            return self.operator == "!exists";
        };
        let argument = self.arguments.first().map_or("", String::as_str);
        use std::cmp::Ordering::*;
        match self.operator.as_str() {
            "exists" => true,
            "!exists" => false,
            "==" => value == argument,
            "!=" => value != argument,
            "=~" => self.regex.as_ref().is_some_and(|re| re.is_match(&value)),
            "!~" => self.regex.as_ref().is_some_and(|re| !re.is_match(&value)),
            "in" => self.arguments.contains(&value),
            "!in" => !self.arguments.contains(&value),
            ">" => compare(&value, argument) == Greater,
            ">=" => compare(&value, argument) != Less,
            "<" => compare(&value, argument) == Less,
            "<=" => compare(&value, argument) != Greater,
            _ => false,
        }
    }
}

fn depends_on_tasks(node: &Node) -> bool {
    match node {
        Node::Or(a, b) | Node::And(a, b) => depends_on_tasks(a) || depends_on_tasks(b),
        Node::Not(a) => depends_on_tasks(a),
        Node::Atom(atom) => matches!(atom.subject.as_str(), "task:group" | "runningTasksCount"),
    }
}

fn evaluate(node: &Node, facts: &dyn InstanceFacts) -> bool {
    match node {
        Node::Or(a, b) => evaluate(a, facts) || evaluate(b, facts),
        Node::And(a, b) => evaluate(a, facts) && evaluate(b, facts),
        Node::Not(a) => !evaluate(a, facts),
        Node::Atom(atom) => atom.matches(facts),
    }
}

impl Expression {
    pub fn matches(&self, facts: &dyn InstanceFacts) -> bool {
        evaluate(&self.root, facts)
    }
    pub fn depends_on_tasks(&self) -> bool {
        depends_on_tasks(&self.root)
    }
    pub fn explain_match(&self, facts: &dyn InstanceFacts) -> Vec<AtomResult> {
        let mut results = Vec::new();
        collect_atoms(&self.root, facts, &mut results);
        results
    }
}

/// How one atom fared against one instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AtomResult {
    pub atom: String,
    pub actual: Option<String>,
    pub result: bool,
}

fn collect_atoms(node: &Node, facts: &dyn InstanceFacts, out: &mut Vec<AtomResult>) {
    match node {
        Node::Or(a, b) | Node::And(a, b) => {
            collect_atoms(a, facts, out);
            collect_atoms(b, facts, out);
        }
        Node::Not(a) => collect_atoms(a, facts, out),
        Node::Atom(atom) => out.push(AtomResult {
            atom: match atom.operator.as_str() {
                "in" | "!in" => format!(
                    "{} {} [{}]",
                    atom.subject,
                    atom.operator,
                    atom.arguments.join(", ")
                ),
                _ => format!("{} {} {}", atom.subject, atom.operator, atom.arguments.join(", "))
                    .trim_end()
                    .to_string(),
            },
            actual: if atom.subject == "task:group" {
                let hosted: Vec<&str> = atom
                    .arguments
                    .iter()
                    .filter(|g| facts.hosts_task_group(g))
                    .map(String::as_str)
                    .collect();
                (!hosted.is_empty()).then(|| hosted.join(","))
            } else {
                subject_value(&atom.subject, facts)
            },
            result: atom.matches(facts),
        }),
    }
}

