//! The ECS cluster query language: the expressions of `memberOf` placement constraints and of
//! `ListContainerInstances --filter`, such as
//! `attribute:ecs.instance-type =~ t2.* and not(task:group == database)`.
//!
//! [`parse`] turns source text into an [`Expression`]; [`Expression::matches`] evaluates it against
//! one container instance described by [`InstanceFacts`].
//!
//! Invariant: this module is pure and total. It does no I/O and reads no clock or randomness, and
//! every input string yields either an `Expression` or a [`QueryError`] whose character span lies
//! within the input. Parsing never panics, takes time roughly linear in the input (which is capped
//! at [`MAX_EXPRESSION_LENGTH`] characters), and bounds recursion by [`MAX_NESTING_DEPTH`].
//!
//! Grammar (behaviour reference §4.2), lowest precedence first:
//!
//! ```text
//! expr  = and { ("||" | "or") and }
//! and   = unary { ("&&" | "and") unary }
//! unary = ("!" | "not") unary | "(" expr ")" | atom
//! atom  = subject ( "exists" | "!exists" | listop list | binop value )
//! ```
//!
//! Evaluation decisions AWS leaves open are documented on [`Expression::matches`] and next to the
//! code that implements them, each starting with `[MODEL]`.

mod eval;
mod parser;
mod time;

#[cfg(test)]
mod tests;

use std::fmt;

pub use time::parse_timestamp;

/// The longest accepted expression, in characters (API limit of `PlacementConstraint.expression`).
pub const MAX_EXPRESSION_LENGTH: usize = 2000;

/// [MODEL] How deeply parentheses and `not` may nest. AWS states no limit; 100 is far beyond any
/// useful expression and keeps the recursive parser's stack use small on WebAssembly.
pub const MAX_NESTING_DEPTH: usize = 100;

/// Parses and validates a cluster query expression.
///
/// Validation is as strict as the documentation allows: operators a subject does not support,
/// arguments of the wrong type (`runningTasksCount == many`) and invalid regular expressions are
/// parse errors, so an `Expression` never fails at evaluation time.
pub fn parse(source: &str) -> Result<Expression, QueryError> {
    parser::parse(source)
}

/// A parsed, validated expression. Display prints a normalised form (e.g.
/// `attribute:ecs.instance-type =~ t2.* and not(task:group == database)`): symbol operators,
/// `and`/`or`, `not(...)`, single spaces, quotes only where a value needs them, and parentheses
/// only where precedence needs them. Parsing the printed form gives an equal `Expression`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expression {
    root: Node,
}

/// A syntax or validation error, located by character (not byte) offsets into the source.
///
/// [MODEL] Offsets are 0-based and count Unicode scalar values, which is what `str::chars` and a
/// JavaScript `Array.from(text)` count; `Display` prints the same number the fields hold.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QueryError {
    /// Character offset where the problem starts.
    pub position: usize,
    /// Character offset just past the offending text; equal to `position` when something is
    /// missing rather than wrong (for example at the end of the input).
    pub end: usize,
    /// A sentence such as "expected a value after `==`".
    pub message: String,
    /// What would have been accepted at `position`: literal tokens as written (`==`, `and`, `)`)
    /// and placeholders in angle brackets (`<value>`, `<end of expression>`).
    pub expected: Vec<String>,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.position, self.message)
    }
}

impl std::error::Error for QueryError {}

/// What an expression can ask about one container instance.
pub trait InstanceFacts {
    /// `Some(value)` when the instance has the attribute (`Some("")` for a name-only attribute),
    /// `None` when it lacks it.
    fn attribute(&self, name: &str) -> Option<&str>;
    fn ec2_instance_id(&self) -> Option<&str>;
    fn agent_connected(&self) -> bool;
    fn agent_version(&self) -> Option<&str>;
    /// Seconds since the Unix epoch, UTC.
    fn registered_at(&self) -> Option<i64>;
    fn running_tasks_count(&self) -> u32;
    /// Whether a non-stopped task of this group is on the instance.
    fn hosts_task_group(&self, group: &str) -> bool;
}

/// How one atom of an expression fared against one instance, for the UI's inspector.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AtomResult {
    /// The normalised text of the atom, e.g. `attribute:ecs.instance-type =~ t2.*`.
    pub atom: String,
    /// The instance's value of the atom's subject, `None` if the instance lacks it. For
    /// `task:group` it lists the groups named in the atom that the instance hosts (comma
    /// separated), `None` when it hosts none of them.
    pub actual: Option<String>,
    /// The atom's own result, before any enclosing `not`, `and` or `or`.
    pub result: bool,
}

impl std::str::FromStr for Expression {
    type Err = QueryError;

    fn from_str(source: &str) -> Result<Expression, QueryError> {
        parse(source)
    }
}

/// Expressions serialise as their normalised text, so scenario files stay readable.
impl serde::Serialize for Expression {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Expression {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let source = String::deserialize(deserializer)?;
        parse(&source).map_err(serde::de::Error::custom)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Node {
    Atom(Atom),
    Not(Box<Node>),
    /// At least two operands, none of them an `And` (the parser flattens nested ones).
    And(Vec<Node>),
    /// At least two operands, none of them an `Or`.
    Or(Vec<Node>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Atom {
    subject: Subject,
    predicate: Predicate,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Subject {
    AgentConnected,
    AgentVersion,
    Attribute(String),
    Ec2InstanceId,
    RegisteredAt,
    RunningTasksCount,
    TaskGroup,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Predicate {
    Exists,
    NotExists,
    Compare(Comparison, Literal),
    In(Vec<Literal>),
    NotIn(Vec<Literal>),
    Matches(Pattern),
    NotMatches(Pattern),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Comparison {
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Operator {
    Compare(Comparison),
    Exists,
    NotExists,
    In,
    NotIn,
    Matches,
    NotMatches,
}

/// An argument as written, plus its value decoded for the subject it is compared with.
#[derive(Clone, Debug)]
struct Literal {
    text: String,
    value: LiteralValue,
}

#[derive(Clone, Debug)]
enum LiteralValue {
    /// A string; `number` is set when it also reads as a decimal number, for attribute ordering.
    Text {
        number: Option<f64>,
    },
    Bool(bool),
    Count(u64),
    Version(Vec<u64>),
    Time(i64),
}

/// The decoded value is a function of the text and the subject, so the text decides equality.
impl PartialEq for Literal {
    fn eq(&self, other: &Literal) -> bool {
        self.text == other.text
    }
}

impl Eq for Literal {}

/// A regular expression argument: the source as written and its anchored compiled form.
#[derive(Clone, Debug)]
struct Pattern {
    source: String,
    regex: regex_lite::Regex,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.source == other.source
    }
}

impl Eq for Pattern {}

impl Subject {
    const NAMES: [&'static str; 7] = [
        "agentConnected",
        "agentVersion",
        "attribute:",
        "ec2InstanceId",
        "registeredAt",
        "runningTasksCount",
        "task:group",
    ];

    /// [MODEL] The operators each subject accepts, as listed per subject in the AWS cluster query
    /// language page; anything else is a parse error that names the accepted ones. AWS lists none
    /// for `task:group` and only shows `==`; we accept the membership operators `==`, `!=`, `in`
    /// and `!in`, all meaning "hosts (or does not host) a task of the group". `attribute:` accepts
    /// every operator.
    fn operators(&self) -> &'static [Operator] {
        use Comparison::*;
        const IDENTITY: &[Operator] = &[
            Operator::Compare(Equal),
            Operator::Compare(NotEqual),
            Operator::In,
            Operator::NotIn,
            Operator::Matches,
            Operator::NotMatches,
        ];
        const ORDERED: &[Operator] = &[
            Operator::Compare(Equal),
            Operator::Compare(NotEqual),
            Operator::Compare(Greater),
            Operator::Compare(GreaterOrEqual),
            Operator::Compare(Less),
            Operator::Compare(LessOrEqual),
        ];
        const ALL: &[Operator] = &[
            Operator::Compare(Equal),
            Operator::Compare(NotEqual),
            Operator::Compare(Greater),
            Operator::Compare(GreaterOrEqual),
            Operator::Compare(Less),
            Operator::Compare(LessOrEqual),
            Operator::Exists,
            Operator::NotExists,
            Operator::In,
            Operator::NotIn,
            Operator::Matches,
            Operator::NotMatches,
        ];
        const GROUP: &[Operator] = &[
            Operator::Compare(Equal),
            Operator::Compare(NotEqual),
            Operator::In,
            Operator::NotIn,
        ];
        match self {
            Subject::AgentConnected | Subject::Ec2InstanceId => IDENTITY,
            Subject::AgentVersion | Subject::RegisteredAt | Subject::RunningTasksCount => ORDERED,
            Subject::Attribute(_) => ALL,
            Subject::TaskGroup => GROUP,
        }
    }

    /// Whether the subject's value for an instance changes as tasks are placed on it.
    fn depends_on_tasks(&self) -> bool {
        matches!(self, Subject::RunningTasksCount | Subject::TaskGroup)
    }
}

impl Operator {
    const ALL: [Operator; 12] = [
        Operator::Compare(Comparison::Equal),
        Operator::Compare(Comparison::NotEqual),
        Operator::Compare(Comparison::Greater),
        Operator::Compare(Comparison::GreaterOrEqual),
        Operator::Compare(Comparison::Less),
        Operator::Compare(Comparison::LessOrEqual),
        Operator::Exists,
        Operator::NotExists,
        Operator::In,
        Operator::NotIn,
        Operator::Matches,
        Operator::NotMatches,
    ];

    /// The normalised spelling: the symbol where one exists.
    fn symbol(self) -> &'static str {
        match self {
            Operator::Compare(Comparison::Equal) => "==",
            Operator::Compare(Comparison::NotEqual) => "!=",
            Operator::Compare(Comparison::Greater) => ">",
            Operator::Compare(Comparison::GreaterOrEqual) => ">=",
            Operator::Compare(Comparison::Less) => "<",
            Operator::Compare(Comparison::LessOrEqual) => "<=",
            Operator::Exists => "exists",
            Operator::NotExists => "!exists",
            Operator::In => "in",
            Operator::NotIn => "!in",
            Operator::Matches => "=~",
            Operator::NotMatches => "!~",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Operator::Compare(Comparison::Equal) => "equals",
            Operator::Compare(Comparison::NotEqual) => "not_equals",
            Operator::Compare(Comparison::Greater) => "greater_than",
            Operator::Compare(Comparison::GreaterOrEqual) => "greater_than_equal",
            Operator::Compare(Comparison::Less) => "less_than",
            Operator::Compare(Comparison::LessOrEqual) => "less_than_equal",
            Operator::Exists => "exists",
            Operator::NotExists => "not_exists",
            Operator::In => "in",
            Operator::NotIn => "not_in",
            Operator::Matches => "matches",
            Operator::NotMatches => "not_matches",
        }
    }

    fn from_spelling(text: &str) -> Option<Operator> {
        Operator::ALL
            .into_iter()
            .find(|op| op.symbol() == text || op.word() == text)
    }
}

impl Predicate {
    fn operator(&self) -> Operator {
        match self {
            Predicate::Exists => Operator::Exists,
            Predicate::NotExists => Operator::NotExists,
            Predicate::Compare(comparison, _) => Operator::Compare(*comparison),
            Predicate::In(_) => Operator::In,
            Predicate::NotIn(_) => Operator::NotIn,
            Predicate::Matches(_) => Operator::Matches,
            Predicate::NotMatches(_) => Operator::NotMatches,
        }
    }
}

impl Node {
    fn for_each_atom<'a>(&'a self, f: &mut dyn FnMut(&'a Atom)) {
        match self {
            Node::Atom(atom) => f(atom),
            Node::Not(inner) => inner.for_each_atom(f),
            Node::And(nodes) | Node::Or(nodes) => {
                nodes.iter().for_each(|node| node.for_each_atom(f))
            }
        }
    }
}

impl Expression {
    /// True when the result can change as tasks are placed (uses `task:group` or
    /// `runningTasksCount`), so the engine must re-evaluate it per task; false when it depends
    /// only on the instance itself and can be evaluated once per request.
    pub fn depends_on_tasks(&self) -> bool {
        let mut depends = false;
        self.root
            .for_each_atom(&mut |atom| depends |= atom.subject.depends_on_tasks());
        depends
    }

    /// Attribute names the expression mentions (for the UI's field pickers and "missing
    /// attribute" hints), without duplicates, in order of first mention.
    pub fn attribute_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        self.root.for_each_atom(&mut |atom| {
            if let Subject::Attribute(name) = &atom.subject
                && !names.contains(name)
            {
                names.push(name.clone());
            }
        });
        names
    }
}

impl fmt::Display for Expression {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.root, f)
    }
}

impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Atom(atom) => write!(f, "{atom}"),
            Node::Not(inner) => write!(f, "not({inner})"),
            Node::And(nodes) => {
                for (i, node) in nodes.iter().enumerate() {
                    let separator = if i == 0 { "" } else { " and " };
                    match node {
                        Node::Or(_) => write!(f, "{separator}({node})")?,
                        _ => write!(f, "{separator}{node}")?,
                    }
                }
                Ok(())
            }
            Node::Or(nodes) => {
                for (i, node) in nodes.iter().enumerate() {
                    let separator = if i == 0 { "" } else { " or " };
                    write!(f, "{separator}{node}")?;
                }
                Ok(())
            }
        }
    }
}

impl fmt::Display for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.subject, self.predicate.operator().symbol())?;
        match &self.predicate {
            Predicate::Exists | Predicate::NotExists => Ok(()),
            Predicate::Compare(_, literal) => write!(f, " {}", Quoted(&literal.text)),
            Predicate::In(list) | Predicate::NotIn(list) => {
                f.write_str(" [")?;
                for (i, literal) in list.iter().enumerate() {
                    let separator = if i == 0 { "" } else { ", " };
                    write!(f, "{separator}{}", Quoted(&literal.text))?;
                }
                f.write_str("]")
            }
            Predicate::Matches(pattern) | Predicate::NotMatches(pattern) => {
                write!(f, " {}", Quoted(&pattern.source))
            }
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::AgentConnected => f.write_str("agentConnected"),
            Subject::AgentVersion => f.write_str("agentVersion"),
            Subject::Attribute(name) => write!(f, "attribute:{name}"),
            Subject::Ec2InstanceId => f.write_str("ec2InstanceId"),
            Subject::RegisteredAt => f.write_str("registeredAt"),
            Subject::RunningTasksCount => f.write_str("runningTasksCount"),
            Subject::TaskGroup => f.write_str("task:group"),
        }
    }
}

/// A value printed bare when it reads back as the same bare value, else in quotes. A value never
/// holds both kinds of quote, because the grammar has no escapes, so one of them always fits.
struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        if parser::is_bare_value(text) {
            f.write_str(text)
        } else if text.contains('\'') {
            write!(f, "\"{text}\"")
        } else {
            write!(f, "'{text}'")
        }
    }
}
