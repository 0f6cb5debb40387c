//! Evaluating a parsed expression against one container instance.

use std::borrow::Cow;
use std::cmp::Ordering;

use super::{
    Atom, AtomResult, Comparison, Expression, InstanceFacts, Literal, LiteralValue, Node,
    Predicate, Subject, time::format_timestamp,
};

impl Expression {
    /// Whether the instance satisfies the expression.
    ///
    /// [MODEL] Decisions AWS leaves open, in line with the behaviour reference §4.2:
    /// - A subject the instance lacks (an absent attribute, no `ec2InstanceId` on an external
    ///   instance, no `agentVersion` or `registeredAt` yet) makes every operator false, including
    ///   `!=`, `!in` and `!~`; only `!exists` is true. `not(attribute:stack == prod)` is the way
    ///   to include instances without the attribute.
    /// - `==`, `!=`, `in` and `!in` compare strings exactly and case-sensitively, also on
    ///   attributes that look numeric (`1.0` is not `1`).
    /// - `>`, `>=`, `<`, `<=` on an attribute compare numerically when both sides are decimal
    ///   numbers (`-?digits[.digits]`), otherwise by Unicode code point.
    /// - `agentVersion` compares dotted numbers component by component, missing components
    ///   counting as zero (`1.14` equals `1.14.0`); an instance version that is not dotted-numeric
    ///   (`1.14.5-beta`) counts as missing.
    /// - `registeredAt` compares whole seconds; a date alone means midnight UTC, so
    ///   `registeredAt == 2018-02-13` matches only an instance registered at exactly that time.
    /// - `task:group == G` is true when the instance hosts a non-stopped task of group `G`;
    ///   `!= G` is its negation (so an empty instance satisfies it), `in` means any of the groups
    ///   and `!in` none of them.
    /// - `=~` and `!~` match the whole value, like Java's `Matcher.matches()`; on
    ///   `agentConnected` the value is `true` or `false`.
    pub fn matches(&self, facts: &dyn InstanceFacts) -> bool {
        self.root.matches(facts)
    }

    /// Every atom of the expression, left to right, with the instance's value and the atom's own
    /// result, so the inspector can say "attribute:ecs.instance-type is m5.large, not matching
    /// t2.*". Atoms that short-circuiting would skip are evaluated too.
    pub fn explain_match(&self, facts: &dyn InstanceFacts) -> Vec<AtomResult> {
        let mut results = Vec::new();
        self.root.for_each_atom(&mut |atom| {
            results.push(AtomResult {
                atom: atom.to_string(),
                actual: atom.actual_text(facts),
                result: atom.matches(facts),
            })
        });
        results
    }
}

impl Node {
    fn matches(&self, facts: &dyn InstanceFacts) -> bool {
        match self {
            Node::Atom(atom) => atom.matches(facts),
            Node::Not(inner) => !inner.matches(facts),
            Node::And(nodes) => nodes.iter().all(|node| node.matches(facts)),
            Node::Or(nodes) => nodes.iter().any(|node| node.matches(facts)),
        }
    }
}

/// An instance's value of a subject other than `task:group`.
enum Actual<'a> {
    Text(&'a str),
    Bool(bool),
    Count(u32),
    Version(&'a str, Vec<u64>),
    Time(i64),
}

impl Atom {
    fn matches(&self, facts: &dyn InstanceFacts) -> bool {
        if self.subject == Subject::TaskGroup {
            return self.matches_task_group(facts);
        }
        let Some(actual) = self.actual(facts) else {
            return self.predicate == Predicate::NotExists;
        };
        match &self.predicate {
            Predicate::Exists => true,
            Predicate::NotExists => false,
            Predicate::Compare(Comparison::Equal, literal) => actual.equals(literal),
            Predicate::Compare(Comparison::NotEqual, literal) => !actual.equals(literal),
            Predicate::Compare(comparison, literal) => actual
                .ordering(literal)
                .is_some_and(|ordering| comparison.accepts(ordering)),
            Predicate::In(list) => list.iter().any(|literal| actual.equals(literal)),
            Predicate::NotIn(list) => !list.iter().any(|literal| actual.equals(literal)),
            Predicate::Matches(pattern) => pattern.regex.is_match(&actual.text()),
            Predicate::NotMatches(pattern) => !pattern.regex.is_match(&actual.text()),
        }
    }

    fn matches_task_group(&self, facts: &dyn InstanceFacts) -> bool {
        let hosts = |literal: &Literal| facts.hosts_task_group(&literal.text);
        match &self.predicate {
            Predicate::Compare(Comparison::Equal, literal) => hosts(literal),
            Predicate::Compare(Comparison::NotEqual, literal) => !hosts(literal),
            Predicate::In(list) => list.iter().any(hosts),
            Predicate::NotIn(list) => !list.iter().any(hosts),
            // The parser rejects every other operator on `task:group`.
            _ => false,
        }
    }

    fn actual<'a>(&self, facts: &'a dyn InstanceFacts) -> Option<Actual<'a>> {
        match &self.subject {
            Subject::AgentConnected => Some(Actual::Bool(facts.agent_connected())),
            Subject::AgentVersion => {
                let text = facts.agent_version()?;
                Some(Actual::Version(text, parse_version(text)?))
            }
            Subject::Attribute(name) => facts.attribute(name).map(Actual::Text),
            Subject::Ec2InstanceId => facts.ec2_instance_id().map(Actual::Text),
            Subject::RegisteredAt => facts.registered_at().map(Actual::Time),
            Subject::RunningTasksCount => Some(Actual::Count(facts.running_tasks_count())),
            Subject::TaskGroup => None,
        }
    }

    fn actual_text(&self, facts: &dyn InstanceFacts) -> Option<String> {
        if self.subject != Subject::TaskGroup {
            return match self.actual(facts) {
                Some(actual) => Some(actual.text().into_owned()),
                // An unparseable agent version is still worth showing.
                None if self.subject == Subject::AgentVersion => {
                    facts.agent_version().map(str::to_owned)
                }
                None => None,
            };
        }
        let named: &[Literal] = match &self.predicate {
            Predicate::Compare(_, literal) => std::slice::from_ref(literal),
            Predicate::In(list) | Predicate::NotIn(list) => list,
            _ => &[],
        };
        let hosted: Vec<&str> = named
            .iter()
            .filter(|literal| facts.hosts_task_group(&literal.text))
            .map(|literal| literal.text.as_str())
            .collect();
        (!hosted.is_empty()).then(|| hosted.join(", "))
    }
}

impl Actual<'_> {
    fn text(&self) -> Cow<'_, str> {
        match self {
            Actual::Text(text) | Actual::Version(text, _) => Cow::Borrowed(text),
            Actual::Bool(value) => Cow::Borrowed(if *value { "true" } else { "false" }),
            Actual::Count(count) => Cow::Owned(count.to_string()),
            Actual::Time(time) => Cow::Owned(format_timestamp(*time)),
        }
    }

    fn equals(&self, literal: &Literal) -> bool {
        match (self, &literal.value) {
            (Actual::Bool(value), LiteralValue::Bool(expected)) => value == expected,
            (Actual::Count(count), LiteralValue::Count(expected)) => u64::from(*count) == *expected,
            (Actual::Version(_, version), LiteralValue::Version(expected)) => {
                compare_versions(version, expected) == Ordering::Equal
            }
            (Actual::Time(time), LiteralValue::Time(expected)) => time == expected,
            _ => *self.text() == *literal.text,
        }
    }

    fn ordering(&self, literal: &Literal) -> Option<Ordering> {
        match (self, &literal.value) {
            (Actual::Text(text), LiteralValue::Text { number }) => {
                match (parse_decimal(text), number) {
                    (Some(actual), Some(expected)) => actual.partial_cmp(expected),
                    _ => Some((*text).cmp(literal.text.as_str())),
                }
            }
            (Actual::Count(count), LiteralValue::Count(expected)) => {
                Some(u64::from(*count).cmp(expected))
            }
            (Actual::Version(_, version), LiteralValue::Version(expected)) => {
                Some(compare_versions(version, expected))
            }
            (Actual::Time(time), LiteralValue::Time(expected)) => Some(time.cmp(expected)),
            // The parser decodes every literal for its subject, so the kinds always agree.
            _ => None,
        }
    }
}

impl Comparison {
    fn accepts(self, ordering: Ordering) -> bool {
        match self {
            Comparison::Equal => ordering.is_eq(),
            Comparison::NotEqual => ordering.is_ne(),
            Comparison::Greater => ordering.is_gt(),
            Comparison::GreaterOrEqual => ordering.is_ge(),
            Comparison::Less => ordering.is_lt(),
            Comparison::LessOrEqual => ordering.is_le(),
        }
    }
}

/// A decimal number `-?digits[.digits]`; exponents, `inf` and `NaN` are text, not numbers.
pub(super) fn parse_decimal(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let is_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if is_digits(whole) && is_digits(fraction) {
        text.parse().ok()
    } else {
        None
    }
}

/// A dotted version such as `1.14.5`: one or more non-empty runs of digits.
pub(super) fn parse_version(text: &str) -> Option<Vec<u64>> {
    text.split('.')
        .map(|part| {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        })
        .collect()
}

fn compare_versions(a: &[u64], b: &[u64]) -> Ordering {
    let length = a.len().max(b.len());
    let component = |parts: &[u64], i: usize| parts.get(i).copied().unwrap_or(0);
    (0..length)
        .map(|i| component(a, i).cmp(&component(b, i)))
        .find(|ordering| ordering.is_ne())
        .unwrap_or(Ordering::Equal)
}
