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
