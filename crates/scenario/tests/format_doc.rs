//! Keeps `FORMAT.md`, the reference of the scenario format, true to the code: every member and
//! action the code reads is documented, every documented member and action is one the code reads,
//! and the complete scenario it opens with runs without a problem.

use ecs_scenario::{SCENARIO_MEMBERS, evaluate};
use ecs_sim::{ACTION_NAMES, INSTANCE_DECLARATION_MEMBERS, TIMELINE_MEMBERS, TIMING_MEMBERS};

fn format_doc() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/FORMAT.md");
    std::fs::read_to_string(path).unwrap_or_else(|err| panic!("cannot read {path}: {err}"))
}

/// Every top-level member, the scenario crate's and the simulator's.
fn top_level_members() -> Vec<&'static str> {
    SCENARIO_MEMBERS
        .iter()
        .chain(TIMELINE_MEMBERS.iter())
        .copied()
        .collect()
}

#[test]
fn every_member_the_code_reads_is_documented() {
    let doc = format_doc();
    let groups: [(&str, &[&str]); 4] = [
        ("top-level member", &top_level_members()),
        ("timeline action", &ACTION_NAMES),
        ("timings member", &TIMING_MEMBERS),
        ("instance declaration member", &INSTANCE_DECLARATION_MEMBERS),
    ];
    let missing: Vec<String> = groups
        .iter()
        .flat_map(|(what, names)| {
            names
                .iter()
                .filter(|name| !doc.contains(&format!("`{name}`")))
                .map(move |name| format!("{what} `{name}`"))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "crates/scenario/FORMAT.md does not mention (in backticks): {}",
        missing.join(", ")
    );
}

#[test]
fn every_documented_section_names_a_member_the_code_reads() {
    let doc = format_doc();
    let members = top_level_members();
    let mut in_actions = false;
    let mut unknown = Vec::new();
    for line in doc.lines() {
        if let Some(title) = line.strip_prefix("## ") {
            in_actions = title == "Timeline actions";
            if let Some(name) = title.strip_prefix('`').and_then(|t| t.strip_suffix('`'))
                && !members.contains(&name)
            {
                unknown.push(format!("top-level member `{name}`"));
            }
        } else if let Some(title) = line.strip_prefix("### `")
            && in_actions
        {
            let name = title.trim_end_matches('`');
            if !ACTION_NAMES.contains(&name) {
                unknown.push(format!("action `{name}`"));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "crates/scenario/FORMAT.md has sections for what the code does not read: {}",
        unknown.join(", ")
    );
}

#[test]
fn the_code_accepts_every_top_level_member_without_a_warning() {
    // `SCENARIO_MEMBERS` is the public list; the loader checks the document against its own.
    let members: Vec<String> = top_level_members()
        .iter()
        .filter(|m| **m != "scenarioVersion")
        .map(|m| format!("\"{m}\": null"))
        .collect();
    let text = format!("{{\"scenarioVersion\": 1, {}}}", members.join(", "));
    let evaluation = evaluate(&text);
    let unknown: Vec<&str> = evaluation
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("Unknown scenario member"))
        .map(|d| d.message.as_str())
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
}

#[test]
fn the_complete_scenario_in_the_document_runs_cleanly() {
    let doc = format_doc();
    let block = doc
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("FORMAT.md opens with a complete scenario in a ```json block");
    let evaluation = evaluate(block);
    let problems: Vec<String> = evaluation
        .diagnostics
        .iter()
        .map(|d| format!("{} {}: {}", d.severity.as_str(), d.path, d.message))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(evaluation.outcome.is_some());
}
