//! A recursive-descent parser working directly on characters.
//!
//! There is no separate lexer because tokens depend on context: after an operator, `!foo`,
//! `and` or `==` are plain values, while elsewhere they are operators. Every scan moves forward,
//! so parsing is linear in the input apart from bounded work for suggestions.

use super::{
    Atom, Expression, Literal, LiteralValue, MAX_EXPRESSION_LENGTH, MAX_NESTING_DEPTH, Node,
    Operator, Pattern, Predicate, QueryError, Subject, parse_timestamp,
};

/// [MODEL] Compiled regular expressions are capped well below regex-lite's 10 MiB default, so a
/// pattern such as `(a{1000}){1000}` is rejected quickly instead of stalling the page.
const REGEX_SIZE_LIMIT: usize = 1 << 18;

/// AWS limit on attribute names (behaviour reference §1.5).
const MAX_ATTRIBUTE_NAME_LENGTH: usize = 128;

pub(super) fn parse(source: &str) -> Result<Expression, QueryError> {
    let length = source.chars().count();
    if length > MAX_EXPRESSION_LENGTH {
        return Err(error(
            MAX_EXPRESSION_LENGTH,
            length,
            format!(
                "the expression is {length} characters long; the limit is {MAX_EXPRESSION_LENGTH}"
            ),
            &[],
        ));
    }
    let chars: Vec<char> = source.chars().collect();
    let mut parser = Parser {
        chars: &chars,
        pos: 0,
        depth: 0,
        previous: None,
    };
    parser.skip_whitespace();
    if parser.at_end() {
        return Err(error(
            0,
            length,
            "the expression is empty; expected a condition such as \
             `attribute:ecs.instance-type == t2.small`"
                .to_owned(),
            CONDITION_START,
        ));
    }
    let root = parser.parse_or()?;
    parser.skip_whitespace();
    if !parser.at_end() {
        return Err(parser.trailing_input());
    }
    Ok(Expression { root })
}

/// Whether `c` may appear in an unquoted value (EBNF: anything but whitespace, `,[]()` and quotes).
fn is_bare_value_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '(' | ')' | '\'' | '"')
}

/// Whether `text` reads back as this very value when written without quotes.
///
/// [MODEL] Besides the characters the EBNF excludes, an unquoted value also ends before `&&` or
/// `||`, so `runningTasksCount>=1&&attribute:x exists` reads as two conditions. No attribute
/// value, instance id or group name can contain `&` or `|`; a regular expression that needs `||`
/// can be quoted.
pub(super) fn is_bare_value(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(is_bare_value_char)
        && !text.contains("&&")
        && !text.contains("||")
}

/// Whether `c` continues a word (subject, keyword, word operator). Symbols end a word so that
/// `runningTasksCount>=1` and `not(...)` need no spaces; invisible characters end it so that an
/// error can point at them.
fn is_word_char(c: char) -> bool {
    is_bare_value_char(c) && !is_symbol_char(c) && c != '&' && c != '|' && !is_invisible(c)
}

fn is_attribute_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '\\' | '.')
}

fn is_symbol_char(c: char) -> bool {
    matches!(c, '=' | '!' | '<' | '>' | '~')
}

const CONDITION_START: &[&str] = &[
    "agentConnected",
    "agentVersion",
    "attribute:<name>",
    "ec2InstanceId",
    "registeredAt",
    "runningTasksCount",
    "task:group",
    "not",
    "!",
    "(",
];

fn error(position: usize, end: usize, message: String, expected: &[&str]) -> QueryError {
    QueryError {
        position,
        end,
        message,
        expected: expected.iter().map(|s| (*s).to_owned()).collect(),
    }
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    /// Parentheses and `not`s currently open.
    depth: usize,
    /// The connective or bracket just consumed, for "expected a condition after `and`".
    previous: Option<&'static str>,
}

impl Parser<'_> {
    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// The end of the run of characters satisfying `accept` that starts at `start`.
    fn run_end(&self, start: usize, accept: impl Fn(char) -> bool) -> usize {
        let mut end = start;
        while self.chars.get(end).is_some_and(|&c| accept(c)) {
            end += 1;
        }
        end
    }

    fn text(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    fn starts_with(&self, text: &str) -> bool {
        let mut rest = self.chars.get(self.pos..).unwrap_or_default().iter();
        text.chars().all(|c| rest.next() == Some(&c))
    }

    fn at_connective(&self) -> bool {
        self.starts_with("&&") || self.starts_with("||")
    }

    /// Consumes `keyword` if it is next and is a whole word.
    fn eat_keyword(&mut self, keyword: &str) -> bool {
        let end = self.pos + keyword.len();
        if self.starts_with(keyword) && !self.chars.get(end).is_some_and(|&c| is_word_char(c)) {
            self.pos = end;
            true
        } else {
            false
        }
    }

    /// The span and description of what is at `self.pos`, for "found …" in messages.
    fn found(&self) -> (usize, usize, String) {
        let start = self.pos;
        match self.peek() {
            None => (start, start, "the end of the expression".to_owned()),
            Some(c) if c.is_whitespace() || c.is_control() || is_invisible(c) => (
                start,
                start + 1,
                format!("the invisible character U+{:04X}", u32::from(c)),
            ),
            Some(c) if is_word_char(c) => {
                let end = self.run_end(start, is_word_char);
                let text = self.text(start, end.min(start + 40));
                let ellipsis = if end > start + 40 { "…" } else { "" };
                (start, end, format!("`{text}{ellipsis}`"))
            }
            Some(c) if is_symbol_char(c) => {
                let end = self.run_end(start, is_symbol_char);
                (start, end, format!("`{}`", self.text(start, end)))
            }
            Some(c) => (start, start + 1, format!("`{c}`")),
        }
    }

    fn parse_or(&mut self) -> Result<Node, QueryError> {
        let mut operands = Vec::new();
        push_flattened(&mut operands, self.parse_and()?, |node| match node {
            Node::Or(nodes) => Ok(nodes),
            other => Err(other),
        });
        loop {
            self.skip_whitespace();
            if self.starts_with("||") {
                self.pos += 2;
                self.previous = Some("||");
            } else if self.eat_keyword("or") {
                self.previous = Some("or");
            } else {
                break;
            }
            push_flattened(&mut operands, self.parse_and()?, |node| match node {
                Node::Or(nodes) => Ok(nodes),
                other => Err(other),
            });
        }
        Ok(collapse(operands, Node::Or))
    }

    fn parse_and(&mut self) -> Result<Node, QueryError> {
        let mut operands = Vec::new();
        push_flattened(&mut operands, self.parse_unary(false)?, |node| match node {
            Node::And(nodes) => Ok(nodes),
            other => Err(other),
        });
        loop {
            self.skip_whitespace();
            if self.starts_with("&&") {
                self.pos += 2;
                self.previous = Some("&&");
            } else if self.eat_keyword("and") {
                self.previous = Some("and");
            } else {
                break;
            }
            push_flattened(&mut operands, self.parse_unary(false)?, |node| match node {
                Node::And(nodes) => Ok(nodes),
                other => Err(other),
            });
        }
        Ok(collapse(operands, Node::And))
    }

    /// `operand_of_not` is set for the operand of `not`/`!`, the one place AWS allows a single
    /// condition in parentheses (`not(task:group == database)`).
    fn parse_unary(&mut self, operand_of_not: bool) -> Result<Node, QueryError> {
        self.skip_whitespace();
        let start = self.pos;
        let negation = if self.peek() == Some('!') {
            self.pos += 1;
            Some("!")
        } else if self.eat_keyword("not") {
            Some("not")
        } else {
            None
        };
        if let Some(negation) = negation {
            self.enter(start, self.pos)?;
            self.previous = Some(negation);
            let operand = self.parse_unary(true)?;
            self.depth -= 1;
            return Ok(Node::Not(Box::new(operand)));
        }

        if self.peek() != Some('(') {
            return self.parse_atom().map(Node::Atom);
        }
        // `not(...)` counts as one level of nesting, as it reads.
        if !operand_of_not {
            self.enter(start, start + 1)?;
        }
        self.pos += 1;
        self.previous = Some("(");
        let inner = self.parse_or()?;
        self.skip_whitespace();
        match self.peek() {
            Some(')') => self.pos += 1,
            None => {
                return Err(error(
                    start,
                    start + 1,
                    "this `(` is never closed; expected `)` before the end of the expression"
                        .to_owned(),
                    &[")", "and", "or"],
                ));
            }
            Some(_) => {
                let (position, end, found) = self.found();
                return Err(error(
                    position,
                    end,
                    format!(
                        "expected `)` to close the `(` at character {start}, `and` or `or`, \
                         found {found}"
                    ),
                    &[")", "and", "or"],
                ));
            }
        }
        if !operand_of_not {
            self.depth -= 1;
        }
        if matches!(inner, Node::Atom(_)) && !operand_of_not {
            return Err(error(
                start,
                self.pos,
                "a single condition can't be wrapped in parentheses; remove them (parentheses \
                 only group `and`/`or` expressions or follow `not`)"
                    .to_owned(),
                &[],
            ));
        }
        Ok(inner)
    }

    fn enter(&mut self, start: usize, end: usize) -> Result<(), QueryError> {
        if self.depth >= MAX_NESTING_DEPTH {
            return Err(error(
                start,
                end,
                format!(
                    "the expression nests parentheses and `not` more than {MAX_NESTING_DEPTH} \
                     levels deep"
                ),
                &[],
            ));
        }
        self.depth += 1;
        Ok(())
    }

    fn parse_atom(&mut self) -> Result<Atom, QueryError> {
        let start = self.pos;
        let end = self.run_end(start, is_word_char);
        let connective = matches!(self.text(start, end).as_str(), "and" | "or");
        if end == start || connective {
            let (position, end, found) = self.found();
            let message = match self.previous {
                Some(previous) => format!("expected a condition after `{previous}`, found {found}"),
                None => format!("expected a condition, found {found}"),
            };
            return Err(error(position, end, message, CONDITION_START));
        }
        let subject = self.subject(start, end)?;
        self.pos = end;
        self.skip_whitespace();

        let operator_start = self.pos;
        let operator = self.parse_operator(&subject)?;
        if !subject.operators().contains(&operator) {
            let supported: Vec<&str> = subject.operators().iter().map(|op| op.symbol()).collect();
            return Err(error(
                operator_start,
                self.pos,
                format!(
                    "`{subject}` can't be used with `{}`; it supports {}",
                    self.text(operator_start, self.pos),
                    list_in_prose(&supported)
                ),
                &supported,
            ));
        }
        let spelling = self.text(operator_start, self.pos);
        let predicate = match operator {
            Operator::Exists => Predicate::Exists,
            Operator::NotExists => Predicate::NotExists,
            Operator::In => Predicate::In(self.parse_list(&subject, &spelling)?),
            Operator::NotIn => Predicate::NotIn(self.parse_list(&subject, &spelling)?),
            Operator::Matches => Predicate::Matches(self.parse_pattern(&spelling)?),
            Operator::NotMatches => Predicate::NotMatches(self.parse_pattern(&spelling)?),
            Operator::Compare(comparison) => {
                let (start, end, text) = self.parse_value(&spelling, ValueContext::Single)?;
                Predicate::Compare(comparison, literal(&subject, text, start, end)?)
            }
        };
        Ok(Atom { subject, predicate })
    }

    fn subject(&self, start: usize, end: usize) -> Result<Subject, QueryError> {
        let word = self.text(start, end);
        let subject = match word.as_str() {
            "agentConnected" => Subject::AgentConnected,
            "agentVersion" => Subject::AgentVersion,
            "ec2InstanceId" => Subject::Ec2InstanceId,
            "registeredAt" => Subject::RegisteredAt,
            "runningTasksCount" => Subject::RunningTasksCount,
            "task:group" => Subject::TaskGroup,
            _ => match word.strip_prefix("attribute:") {
                Some(name) => Subject::Attribute(self.attribute_name(name, start + 10)?),
                None => return Err(unknown_subject(&word, start, end)),
            },
        };
        Ok(subject)
    }

    /// Checks an attribute name against the AWS rules: 1–128 of `[A-Za-z0-9_\-/\\.]`.
    fn attribute_name(&self, name: &str, start: usize) -> Result<String, QueryError> {
        if name.is_empty() {
            return Err(error(
                start,
                start,
                "expected an attribute name right after `attribute:`, such as \
                 `attribute:ecs.instance-type`"
                    .to_owned(),
                &["<attribute name>"],
            ));
        }
        let invalid = name
            .chars()
            .enumerate()
            .find(|&(_, c)| !is_attribute_name_char(c));
        if let Some((index, c)) = invalid {
            let shown = if c.is_control() || is_invisible(c) {
                format!("the invisible character U+{:04X}", u32::from(c))
            } else {
                format!("`{c}`")
            };
            return Err(error(
                start + index,
                start + index + 1,
                format!(
                    "{shown} can't appear in an attribute name; names use letters, digits and \
                     `_ - / \\ .`"
                ),
                &[],
            ));
        }
        let length = name.chars().count();
        if length > MAX_ATTRIBUTE_NAME_LENGTH {
            return Err(error(
                start,
                start + length,
                format!(
                    "the attribute name is {length} characters long; the limit is \
                     {MAX_ATTRIBUTE_NAME_LENGTH}"
                ),
                &[],
            ));
        }
        Ok(name.to_owned())
    }

    fn parse_operator(&mut self, subject: &Subject) -> Result<Operator, QueryError> {
        let start = self.pos;
        let supported: Vec<&str> = subject.operators().iter().map(|op| op.symbol()).collect();
        let end = match self.peek() {
            Some('!') if self.chars.get(start + 1).is_some_and(|&c| is_word_char(c)) => {
                self.run_end(start + 1, is_word_char)
            }
            Some(c) if is_symbol_char(c) => self.run_end(start, is_symbol_char),
            Some(c) if is_word_char(c) => self.run_end(start, is_word_char),
            _ => {
                let (position, end, found) = self.found();
                return Err(error(
                    position,
                    end,
                    format!("expected an operator after `{subject}`, found {found}"),
                    &supported,
                ));
            }
        };
        let spelling = self.text(start, end);
        match Operator::from_spelling(&spelling) {
            Some(operator) => {
                self.pos = end;
                Ok(operator)
            }
            None => {
                let hint = match suggest_operator(&spelling) {
                    Some(suggestion) => format!("; did you mean `{suggestion}`?"),
                    None => format!("; `{subject}` supports {}", list_in_prose(&supported)),
                };
                Err(error(
                    start,
                    end,
                    format!("unknown operator `{spelling}`{hint}"),
                    &supported,
                ))
            }
        }
    }

    /// Reads one value: quoted (no escapes) or bare. Returns its span and text.
    fn parse_value(
        &mut self,
        operator: &str,
        context: ValueContext,
    ) -> Result<(usize, usize, String), QueryError> {
        self.skip_whitespace();
        let start = self.pos;
        match self.peek() {
            Some(quote @ ('\'' | '"')) => {
                let Some(length) = self.chars[start + 1..].iter().position(|&c| c == quote) else {
                    return Err(error(
                        start,
                        self.chars.len(),
                        format!("this quoted value is never closed; add a closing {quote}"),
                        &[&quote.to_string()],
                    ));
                };
                self.pos = start + 1 + length + 1;
                Ok((start, self.pos, self.text(start + 1, start + 1 + length)))
            }
            Some(c) if is_bare_value_char(c) && !self.at_connective() => {
                while self.peek().is_some_and(is_bare_value_char) && !self.at_connective() {
                    self.pos += 1;
                }
                Ok((start, self.pos, self.text(start, self.pos)))
            }
            Some('[') if context == ValueContext::Single => {
                let end = self.chars[start..]
                    .iter()
                    .position(|&c| c == ']')
                    .map_or(start + 1, |offset| start + offset + 1);
                Err(error(
                    start,
                    end,
                    format!(
                        "`{operator}` compares with a single value, not a list; use `in` to \
                         compare with a list"
                    ),
                    &["<value>"],
                ))
            }
            _ => {
                let (position, end, found) = self.found();
                let mut message = match context {
                    ValueContext::Single => format!("expected a value after `{operator}`"),
                    ValueContext::List => "expected a value in the list".to_owned(),
                };
                if !self.at_end() {
                    message = format!("{message}, found {found}");
                }
                Err(error(position, end, message, &["<value>"]))
            }
        }
    }

    fn parse_list(
        &mut self,
        subject: &Subject,
        operator: &str,
    ) -> Result<Vec<Literal>, QueryError> {
        self.skip_whitespace();
        let open = self.pos;
        if self.peek() != Some('[') {
            if self.at_end() {
                return Err(error(
                    open,
                    open,
                    format!("expected a list after `{operator}`, such as `[value1, value2]`"),
                    &["["],
                ));
            }
            let (end, example) = match self.parse_value(operator, ValueContext::Single) {
                Ok((_, end, text)) => (end, text),
                Err(_) => (self.found().1, "value1, value2".to_owned()),
            };
            return Err(error(
                open,
                end,
                format!("`{operator}` needs a list in square brackets, such as `[{example}]`"),
                &["["],
            ));
        }
        self.pos += 1;
        let mut values = Vec::new();
        loop {
            self.skip_whitespace();
            if self.at_end() {
                return Err(unclosed_list(open, self.pos));
            }
            let (start, end, text) = self.parse_value(operator, ValueContext::List)?;
            values.push(literal(subject, text, start, end)?);
            self.skip_whitespace();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(']') => {
                    self.pos += 1;
                    return Ok(values);
                }
                None => return Err(unclosed_list(open, self.pos)),
                Some(_) => {
                    let (position, end, found) = self.found();
                    return Err(error(
                        position,
                        end,
                        format!("expected `,` or `]` in the list, found {found}"),
                        &[",", "]"],
                    ));
                }
            }
        }
    }

    fn parse_pattern(&mut self, operator: &str) -> Result<Pattern, QueryError> {
        let (start, end, source) = self.parse_value(operator, ValueContext::Single)?;
        // Compiling the pattern on its own first rejects unbalanced input such as `a)|(b`, which
        // would otherwise escape the anchoring group below and match partially.
        let compile = |pattern: &str| {
            regex_lite::RegexBuilder::new(pattern)
                .size_limit(REGEX_SIZE_LIMIT)
                .build()
        };
        let regex = compile(&source).and_then(|_| compile(&format!(r"\A(?:{source})\z")));
        match regex {
            Ok(regex) => Ok(Pattern { source, regex }),
            Err(err) => Err(error(
                start,
                end,
                format!("invalid regular expression: {err}"),
                &["<regular expression>"],
            )),
        }
    }

    fn trailing_input(&self) -> QueryError {
        let (position, end, found) = self.found();
        let word = self.text(position, end);
        let message = match word.as_str() {
            ")" => "this `)` has no matching `(`".to_owned(),
            "AND" | "OR" | "NOT" | "And" | "Or" | "Not" => {
                format!(
                    "found {found}; keywords are lowercase: `{}`",
                    word.to_lowercase()
                )
            }
            "&" => format!("found {found}; write `&&` or `and`"),
            "|" => format!("found {found}; write `||` or `or`"),
            _ => format!(
                "expected `and`, `or` or the end of the expression after a complete condition, \
                 found {found}"
            ),
        };
        error(
            position,
            end,
            message,
            &["and", "or", "<end of expression>"],
        )
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ValueContext {
    Single,
    List,
}

fn unclosed_list(open: usize, position: usize) -> QueryError {
    error(
        position,
        position,
        format!("the list opened at character {open} is never closed; expected `,` or `]`"),
        &[",", "]"],
    )
}

/// Decodes a value for its subject, rejecting values that could never compare meaningfully.
fn literal(
    subject: &Subject,
    text: String,
    start: usize,
    end: usize,
) -> Result<Literal, QueryError> {
    let value = match subject {
        Subject::Attribute(_) | Subject::Ec2InstanceId | Subject::TaskGroup => LiteralValue::Text {
            number: super::eval::parse_decimal(&text),
        },
        // [MODEL] AWS reports agentConnected as a JSON boolean, so only `true` and `false` can
        // ever match; anything else is more likely a typo than intended.
        Subject::AgentConnected => match text.as_str() {
            "true" => LiteralValue::Bool(true),
            "false" => LiteralValue::Bool(false),
            _ => {
                return Err(error(
                    start,
                    end,
                    format!("`agentConnected` is `true` or `false`, not `{text}`"),
                    &["true", "false"],
                ));
            }
        },
        Subject::AgentVersion => match super::eval::parse_version(&text) {
            Some(version) => LiteralValue::Version(version),
            None => {
                return Err(error(
                    start,
                    end,
                    format!(
                        "`agentVersion` compares dotted version numbers such as `1.14.5`; \
                         `{text}` is not one"
                    ),
                    &["<version>"],
                ));
            }
        },
        Subject::RegisteredAt => match parse_timestamp(&text) {
            Some(time) => LiteralValue::Time(time),
            None => {
                return Err(error(
                    start,
                    end,
                    format!(
                        "`registeredAt` compares with a date such as `2018-06-18` or \
                         `2018-06-18T22:28:28Z`; `{text}` is not one"
                    ),
                    &["<date>"],
                ));
            }
        },
        Subject::RunningTasksCount => match text.parse::<u64>() {
            Ok(count) if text.bytes().all(|b| b.is_ascii_digit()) => LiteralValue::Count(count),
            _ => {
                return Err(error(
                    start,
                    end,
                    format!(
                        "`runningTasksCount` compares with a whole number such as `1`; `{text}` \
                         is not one"
                    ),
                    &["<number>"],
                ));
            }
        },
    };
    Ok(Literal { text, value })
}

/// Appends `node` to `operands`, splicing in its operands when it is the same connective, so
/// `(a and b) and c` and `a and b and c` parse to the same tree.
fn push_flattened(
    operands: &mut Vec<Node>,
    node: Node,
    same_connective: impl Fn(Node) -> Result<Vec<Node>, Node>,
) {
    match same_connective(node) {
        Ok(nodes) => operands.extend(nodes),
        Err(node) => operands.push(node),
    }
}

fn collapse(mut operands: Vec<Node>, connective: fn(Vec<Node>) -> Node) -> Node {
    match operands.pop() {
        Some(only) if operands.is_empty() => only,
        Some(last) => {
            operands.push(last);
            connective(operands)
        }
        None => connective(operands),
    }
}

fn unknown_subject(word: &str, start: usize, end: usize) -> QueryError {
    let suggestion = match word.split_once(':') {
        Some((prefix, rest)) if is_close(prefix, "attribute") => Some(format!("attribute:{rest}")),
        Some((prefix, _)) if is_close(prefix, "task") => Some("task:group".to_owned()),
        _ => {
            let nearest = Subject::NAMES
                .iter()
                .filter(|name| !name.ends_with(':'))
                .map(|name| (edit_distance(word, name), *name))
                .min();
            match nearest {
                Some((distance, name)) if distance <= close_enough(name) => Some(name.to_owned()),
                // An unknown plain word is most often an attribute name written without its prefix.
                _ if word.chars().all(is_attribute_name_char)
                    && word.chars().count() <= MAX_ATTRIBUTE_NAME_LENGTH =>
                {
                    Some(format!("attribute:{word}"))
                }
                _ => None,
            }
        }
    };
    let hint = match suggestion {
        Some(suggestion) => format!("; did you mean `{suggestion}`?"),
        None => String::new(),
    };
    let shown: String = word.chars().take(40).collect();
    let ellipsis = if shown.len() < word.len() { "…" } else { "" };
    error(
        start,
        end,
        format!("unknown subject `{shown}{ellipsis}`{hint}"),
        CONDITION_START,
    )
}

fn suggest_operator(spelling: &str) -> Option<&'static str> {
    let suggestion = match spelling {
        "=" | "===" => "==",
        "!==" | "<>" => "!=",
        "=<" => "<=",
        "=>" => ">=",
        "~" | "~=" | "==~" => "=~",
        "~!" | "!=~" => "!~",
        "!" => "!exists",
        _ => {
            let (distance, operator) = super::Operator::ALL
                .iter()
                .map(|op| (edit_distance(spelling, op.word()), op.word()))
                .min()?;
            return (distance <= close_enough(operator)).then_some(operator);
        }
    };
    Some(suggestion)
}

fn is_close(word: &str, target: &str) -> bool {
    edit_distance(word, target) <= close_enough(target)
}

fn close_enough(target: &str) -> usize {
    (target.len() / 4).max(1)
}

/// Levenshtein distance, ignoring ASCII case (so `agentconnected` suggests `agentConnected`).
/// Inputs are capped at 64 characters to keep the cost constant.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().take(64).map(|c| c.to_ascii_lowercase()).collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

fn list_in_prose(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// Format characters that render as nothing (zero-width spaces and joiners, bidirectional
/// controls, the byte-order mark); naming them by code point makes a confusing error readable.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}
