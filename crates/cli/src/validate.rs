//! `ecs-sim validate [--format json] FILE...`: checks task definitions, service and task inputs
//! and container instance descriptions offline.
//!
//! Exit status: 0 when every file is valid (warnings allowed), 1 when any file has an error,
//! 2 when a file cannot be read or the arguments are wrong.

use ecs_model::{Diagnostic, check_document, has_errors};
use serde_json::{Value, json};

const USAGE: &str = "usage: ecs-sim validate [--format human|json] FILE...";

/// Runs the subcommand; `args` are the arguments after `validate`.
pub fn main(args: &[String]) -> i32 {
    let mut json_output = false;
    let mut files = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--format" => match iter.next().map(String::as_str) {
                Some("json") => json_output = true,
                Some("human") => json_output = false,
                _ => return usage_error(),
            },
            "--format=json" => json_output = true,
            "--format=human" => json_output = false,
            "-h" | "--help" => {
                outln!("{USAGE}");
                return 0;
            }
            _ => files.push(arg.clone()),
        }
    }
    if files.is_empty() {
        return usage_error();
    }

    let mut status = 0;
    let mut report = Vec::new();
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{file}: cannot read: {e}");
                status = 2;
                continue;
            }
        };
        let (_, diagnostics) = check_document(&text);
        if has_errors(&diagnostics) && status == 0 {
            status = 1;
        }
        if json_output {
            report.extend(diagnostics.iter().map(|d| to_json(file, d)));
        } else {
            for d in &diagnostics {
                outln!("{}", human_line(file, d));
            }
        }
    }
    if json_output {
        outln!("{}", Value::Array(report));
    }
    status
}

fn usage_error() -> i32 {
    eprintln!("{USAGE}");
    2
}

/// `FILE:PATH: message` (`FILE: message` for the whole document), with `warning: ` before the
/// message of warnings.
fn human_line(file: &str, d: &Diagnostic) -> String {
    let severity = if d.is_error() { "" } else { "warning: " };
    if d.path.is_empty() {
        format!("{file}: {severity}{}", d.message)
    } else {
        format!("{file}:{}: {severity}{}", d.path, d.message)
    }
}

fn to_json(file: &str, d: &Diagnostic) -> Value {
    json!({
        "file": file,
        "path": d.path,
        "severity": d.severity.as_str(),
        "message": d.message,
        "explanation": d.explanation,
        "line": d.line,
        "column": d.column,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(path: &str) -> String {
        format!(
            "{}/../../../shared/fixtures/{path}",
            env!("CARGO_MANIFEST_DIR")
        )
    }

    #[test]
    fn valid_file_exits_zero() {
        let file = fixture("task-definitions/valid/aws__aws-cli__register-sleep360.json");
        assert_eq!(main(&[file]), 0);
    }

    #[test]
    fn invalid_file_exits_one() {
        let file = fixture("task-definitions/invalid/constructed__eleven-containers.json");
        assert_eq!(main(&["--format".to_owned(), "json".to_owned(), file]), 1);
    }

    #[test]
    fn unreadable_file_exits_two() {
        assert_eq!(main(&["/nonexistent/file.json".to_owned()]), 2);
        assert_eq!(main(&[]), 2);
    }

    #[test]
    fn human_lines_name_file_path_and_severity() {
        let d = Diagnostic::warning("family", "Something odd", "Explained.");
        assert_eq!(
            human_line("td.json", &d),
            "td.json:family: warning: Something odd"
        );
        let e = Diagnostic::error("", "Broken", "Explained.");
        assert_eq!(human_line("td.json", &e), "td.json: Broken");
    }
}
