//! Problems found in a document, each tied to a JSON path.

use serde::{Deserialize, Serialize};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Severity {
    /// AWS would reject the request.
    Error,
    /// AWS would accept the request, but it is probably not what the author meant.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Where the problem is, e.g. `containerDefinitions[1].portMappings[0].hostPort`; empty for the
    /// whole document.
    pub path: String,
    pub severity: Severity,
    /// The AWS error message verbatim where one is known.
    pub message: String,
    /// One sentence a student understands.
    pub explanation: String,
    /// 1-based line of `path` in the source text, when the diagnostic came from text.
    pub line: Option<u32>,
    /// 1-based column (in characters) of `path` in the source text.
    pub column: Option<u32>,
}

impl Diagnostic {
    pub fn error(
        path: impl Into<String>,
        message: impl Into<String>,
        explanation: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Error, path, message, explanation)
    }

    pub fn warning(
        path: impl Into<String>,
        message: impl Into<String>,
        explanation: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(Severity::Warning, path, message, explanation)
    }

    fn new(
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
        explanation: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            severity,
            message: message.into(),
            explanation: explanation.into(),
            line: None,
            column: None,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// Joins a parent path and a member name.
pub(crate) fn join(parent: &str, member: &str) -> String {
    if parent.is_empty() {
        member.to_owned()
    } else {
        format!("{parent}.{member}")
    }
}

/// Joins a parent path and a list index.
pub(crate) fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// Prefixes every diagnostic path, used when a document wraps the checked value.
pub(crate) fn prefix_paths(diagnostics: &mut [Diagnostic], prefix: &str) {
    for d in diagnostics {
        d.path = nested_path(prefix, &d.path);
    }
}

fn nested_path(parent: &str, path: &str) -> String {
    if parent.is_empty() {
        path.to_owned()
    } else if path.is_empty() {
        parent.to_owned()
    } else if path.starts_with('[') {
        format!("{parent}{path}")
    } else {
        format!("{parent}.{path}")
    }
}

impl Diagnostic {
    /// The same problem seen from an enclosing document: the path goes under `parent` (e.g.
    /// `services[2]`), and the line and column, which counted in the inner text, are dropped.
    pub fn nested_in(mut self, parent: &str) -> Diagnostic {
        self.path = nested_path(parent, &self.path);
        self.line = None;
        self.column = None;
        self
    }
}

/// Warns about each member of `value` (when it is an object) that is not in `known`: the
/// scenario's own objects ignore such members, so a misspelt one would otherwise change nothing
/// without a word. `what` names the object in the message ("stepScaling"); the explanation offers
/// the closest known name when one is close.
pub fn unknown_members(
    value: &serde_json::Value,
    known: &[&str],
    path: &str,
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(map) = value.as_object() else {
        return;
    };
    for key in map.keys() {
        if known.contains(&key.as_str()) {
            continue;
        }
        let members = format!("{what} takes {}.", known.join(", "));
        let explanation = match closest(key, known) {
            Some(near) => format!("Did you mean {near}? {members}"),
            None => members,
        };
        diagnostics.push(Diagnostic::warning(
            join(path, key),
            format!("Unknown {what} member '{key}'; it is ignored."),
            explanation,
        ));
    }
}

/// The known name a misspelling most likely meant: equal ignoring case, or within a few edits.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).clamp(1, 3);
    known
        .iter()
        .map(|k| (edit_distance(&lower, &k.to_ascii_lowercase()), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(value: serde_json::Value, expected: &[(&str, &str)]) {
        let mut found = Vec::new();
        unknown_members(
            &value,
            &["evaluationPeriods", "threshold", "cooldown"],
            "serviceAutoScaling[0].stepScaling",
            "stepScaling",
            &mut found,
        );
        let found: Vec<(String, String)> = found
            .into_iter()
            .map(|d| {
                assert_eq!(d.severity, Severity::Warning);
                (d.path, d.explanation)
            })
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(p, e)| ((*p).to_owned(), (*e).to_owned()))
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn unknown_members_name_the_closest_known_one() {
        let all = "stepScaling takes evaluationPeriods, threshold, cooldown.";
        check(json!({"threshold": 1, "cooldown": 2}), &[]);
        check(
            json!({"evalutionPeriods": 2}),
            &[(
                "serviceAutoScaling[0].stepScaling.evalutionPeriods",
                &format!("Did you mean evaluationPeriods? {all}"),
            )],
        );
        check(
            json!({"Threshold": 2, "banana": 1}),
            &[
                (
                    "serviceAutoScaling[0].stepScaling.Threshold",
                    &format!("Did you mean threshold? {all}"),
                ),
                ("serviceAutoScaling[0].stepScaling.banana", all),
            ],
        );
        // Not an object: nothing to say here (the reader reports the wrong type).
        check(json!([1, 2]), &[]);
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("cooldwn", "cooldown"), 1);
        assert_eq!(edit_distance("zoné", "zone"), 1);
    }
}
