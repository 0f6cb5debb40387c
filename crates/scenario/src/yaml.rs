//! A small YAML reader for pasted CloudFormation templates: block maps and lists, plain and quoted
//! scalars, one-line flow lists and maps, `|`/`>` block scalars and comments. Anchors, aliases,
//! multi-document streams and multi-line flow collections are not read; a real YAML library would
//! cost the WebAssembly bundle far more than this subset is worth.
//!
//! CloudFormation short tags (`!Ref X`, `!Sub '...'`, `!GetAtt A.B`) cannot be resolved without a
//! stack, so they become placeholder strings such as `{{!Ref X}}` and are listed in `tags` for the
//! caller to warn about.

use serde_json::{Map, Number, Value};

/// Nesting deeper than this is refused, so hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// 1-based line.
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub value: Value,
    /// `(line, tag text)` for every short tag turned into a placeholder.
    pub tags: Vec<(usize, String)>,
}

struct Line<'a> {
    number: usize,
    indent: usize,
    text: &'a str,
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    tags: Vec<(usize, String)>,
}

pub(crate) fn parse(text: &str) -> Result<Parsed, YamlError> {
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let content = strip_comment(raw).trim_end();
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed == "---" || trimmed.starts_with('%') {
            continue;
        }
        if trimmed == "..." {
            break;
        }
        if content.starts_with('\t') {
            return Err(YamlError {
                line: i + 1,
                message: "YAML does not allow tabs for indentation.".to_owned(),
            });
        }
        lines.push(Line {
            number: i + 1,
            indent: content.len() - trimmed.len(),
            text: trimmed,
        });
    }
    let mut parser = Parser {
        lines,
        pos: 0,
        tags: Vec::new(),
    };
    let value = match parser.lines.first() {
        None => Value::Null,
        Some(first) => {
            let indent = first.indent;
            parser.block(indent, 0)?
        }
    };
    if let Some(line) = parser.lines.get(parser.pos) {
        return Err(YamlError {
            line: line.number,
            message: "This line's indentation does not fit the lines above it.".to_owned(),
        });
    }
    Ok(Parsed {
        value,
        tags: parser.tags,
    })
}

/// Removes a `#` comment that starts the line or follows a space, outside quotes.
fn strip_comment(line: &str) -> &str {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'')
                && (previous == ' '
                    || previous == '['
                    || previous == ','
                    || previous == ':'
                    || previous == '{') =>
            {
                quote = Some(c)
            }
            None if c == '#' && previous.is_whitespace() => return &line[..i],
            None => {}
        }
        previous = c;
    }
    line
}

fn is_list_item(text: &str) -> bool {
    text == "-" || text.starts_with("- ")
}

impl<'a> Parser<'a> {
    fn error(&self, message: impl Into<String>) -> YamlError {
        YamlError {
            line: self
                .lines
                .get(self.pos)
                .or(self.lines.last())
                .map_or(1, |l| l.number),
            message: message.into(),
        }
    }

    fn block(&mut self, indent: usize, depth: usize) -> Result<Value, YamlError> {
        if depth > MAX_DEPTH {
            return Err(self.error("The document nests too deeply."));
        }
        match self.lines.get(self.pos) {
            Some(line) if is_list_item(line.text) => self.list(indent, depth),
            Some(_) => self.map(indent, depth),
            None => Ok(Value::Null),
        }
    }

    fn list(&mut self, indent: usize, depth: usize) -> Result<Value, YamlError> {
        let mut items = Vec::new();
        while let Some(line) = self.lines.get(self.pos) {
            if line.indent != indent || !is_list_item(line.text) {
                break;
            }
            let rest = line.text[1..].trim_start();
            let number = line.number;
            if rest.is_empty() {
                self.pos += 1;
                items.push(self.child(indent, depth, number)?);
            } else if split_key(rest).is_some() {
                // `- key: value` starts a map whose entries line up with `key`.
                let offset = line.text.len() - rest.len();
                let inner = indent + offset;
                self.lines[self.pos] = Line {
                    number,
                    indent: inner,
                    text: rest,
                };
                items.push(self.map(inner, depth + 1)?);
            } else {
                self.pos += 1;
                items.push(self.inline(rest, indent, depth, number)?);
            }
        }
        Ok(Value::Array(items))
    }

    fn map(&mut self, indent: usize, depth: usize) -> Result<Value, YamlError> {
        let mut map = Map::new();
        while let Some(line) = self.lines.get(self.pos) {
            if line.indent != indent || is_list_item(line.text) {
                if line.indent > indent {
                    return Err(
                        self.error("This line is indented more than the entries around it.")
                    );
                }
                break;
            }
            let number = line.number;
            let Some((key, rest)) = split_key(line.text) else {
                return Err(self.error(format!(
                    "Expected `key: value`, found '{}'.",
                    line.text.chars().take(40).collect::<String>()
                )));
            };
            let key = unquote(key).unwrap_or_else(|| key.to_owned());
            self.pos += 1;
            let value = if rest.is_empty() {
                // A list may sit at the key's own indentation.
                match self.lines.get(self.pos) {
                    Some(next) if next.indent == indent && is_list_item(next.text) => {
                        self.list(indent, depth + 1)?
                    }
                    _ => self.child(indent, depth, number)?,
                }
            } else {
                self.inline(rest, indent, depth, number)?
            };
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }

    /// The block nested under a line (more indented), or null when there is none.
    fn child(&mut self, indent: usize, depth: usize, _line: usize) -> Result<Value, YamlError> {
        match self.lines.get(self.pos) {
            Some(next) if next.indent > indent => {
                let inner = next.indent;
                self.block(inner, depth + 1)
            }
            _ => Ok(Value::Null),
        }
    }

    /// A value written after `key:` or `- `.
    fn inline(
        &mut self,
        text: &str,
        indent: usize,
        depth: usize,
        line: usize,
    ) -> Result<Value, YamlError> {
        if let Some(tagged) = text.strip_prefix('!') {
            let (tag, argument) = tagged.split_once(' ').unwrap_or((tagged, ""));
            let argument = argument.trim();
            let shown = if argument.is_empty() {
                // The tag's argument is the nested block, e.g. `!Join` above a list.
                let nested = self.child(indent, depth, line)?;
                nested.to_string()
            } else {
                match flow(argument, depth) {
                    Ok(Value::String(s)) => s,
                    Ok(other) => other.to_string(),
                    Err(message) => return Err(YamlError { line, message }),
                }
            };
            let placeholder = format!("{{{{!{tag} {shown}}}}}");
            self.tags.push((line, format!("!{tag} {shown}")));
            return Ok(Value::String(placeholder));
        }
        if let Some(style) = text.strip_prefix(['|', '>'])
            && style
                .chars()
                .all(|c| matches!(c, '-' | '+') || c.is_ascii_digit())
        {
            return Ok(Value::String(
                self.block_scalar(indent, text.starts_with('|')),
            ));
        }
        flow(text, depth).map_err(|message| YamlError { line, message })
    }

    fn block_scalar(&mut self, indent: usize, literal: bool) -> String {
        let mut parts = Vec::new();
        while let Some(line) = self.lines.get(self.pos) {
            if line.indent <= indent {
                break;
            }
            parts.push(line.text);
            self.pos += 1;
        }
        let mut out = parts.join(if literal { "\n" } else { " " });
        out.push('\n');
        out
    }
}

/// Splits `key: value` (or `key:`) at the first colon followed by a space or the end, outside
/// quotes.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if (b == b'"' || b == b'\'') && i == 0 => quote = Some(b),
            None if b == b'[' || b == b'{' || (b == b'!' && i == 0) => return None,
            None if b == b':' => {
                let after = bytes.get(i + 1);
                if after.is_none() || after == Some(&b' ') {
                    let key = text[..i].trim();
                    if key.is_empty() {
                        return None;
                    }
                    return Some((key, text[i + 1..].trim()));
                }
            }
            None => {}
        }
    }
    None
}

/// A quoted scalar's text, or `None` when `text` is not one quoted string.
fn unquote(text: &str) -> Option<String> {
    if text.len() >= 2 && text.starts_with('\'') && text.ends_with('\'') {
        let inner = &text[1..text.len() - 1];
        return Some(inner.replace("''", "'"));
    }
    if text.len() >= 2 && text.starts_with('"') && text.ends_with('"') {
        let inner = &text[1..text.len() - 1];
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        return Some(out);
    }
    None
}

/// A one-line value: a flow list, a flow map or a scalar.
fn flow(text: &str, depth: usize) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err("The document nests too deeply.".to_owned());
    }
    let text = text.trim();
    if let Some(inner) = text.strip_prefix('[') {
        let inner = inner
            .strip_suffix(']')
            .ok_or("A flow list must end on the same line with ']'.")?;
        return split_flow(inner)?
            .into_iter()
            .map(|item| flow(item, depth + 1))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    if let Some(inner) = text.strip_prefix('{') {
        let inner = inner
            .strip_suffix('}')
            .ok_or("A flow map must end on the same line with '}'.")?;
        let mut map = Map::new();
        for item in split_flow(inner)? {
            let (key, value) = split_key(item)
                .or_else(|| item.split_once(':').map(|(k, v)| (k.trim(), v.trim())))
                .ok_or_else(|| format!("Expected `key: value` in a flow map, found '{item}'."))?;
            let key = unquote(key).unwrap_or_else(|| key.to_owned());
            map.insert(key, flow(value, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if let Some(s) = unquote(text) {
        return Ok(Value::String(s));
    }
    if text.starts_with('"') || text.starts_with('\'') {
        return Err("A quoted string must end on the same line.".to_owned());
    }
    Ok(scalar(text))
}

/// Splits the inside of a flow collection at top-level commas.
fn split_flow(inner: &str) -> Result<Vec<&str>, String> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut quote = None;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' => depth = depth.checked_sub(1).ok_or("Unbalanced brackets.")?,
                ',' if depth == 0 => {
                    items.push(inner[start..i].trim());
                    start = i + 1;
                }
                _ => {}
            },
        }
    }
    if quote.is_some() || depth != 0 {
        return Err("Unbalanced quotes or brackets in a flow collection.".to_owned());
    }
    let last = inner[start..].trim();
    if !last.is_empty() {
        items.push(last);
    }
    Ok(items)
}

/// A plain scalar: null, a boolean, a number, or a string.
fn scalar(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let numeric = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && text.bytes().any(|b| b.is_ascii_digit());
    if numeric {
        if let Ok(n) = text.parse::<i64>() {
            return Value::Number(n.into());
        }
        if let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64) {
            return Value::Number(n);
        }
    }
    Value::String(text.to_owned())
}
