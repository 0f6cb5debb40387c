//! `ecs-sim validate`, run as a user runs it.

use std::process::Command;

fn fixture(path: &str) -> String {
    format!(
        "{}/../../../shared/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    )
}

const VALID: &str = "task-definitions/valid/aws__aws-cli__register-sleep360.json";
const INVALID: &str = "task-definitions/invalid/constructed__awsvpc-links.json";

fn ecs_sim(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ecs-sim"))
        .arg("validate")
        .args(args)
        .output()
        .expect("run ecs-sim");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn binary_human_format() {
    let (code, stdout) = ecs_sim(&[&fixture(VALID)]);
    assert_eq!(code, 0, "{stdout}");
    let invalid = fixture(INVALID);
    let (code, stdout) = ecs_sim(&[&invalid]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains(&format!("{invalid}:containerDefinitions[0].links: Links are not supported when networkMode=awsvpc.")),
        "{stdout}"
    );
}

#[test]
fn binary_json_format() {
    let invalid = fixture(INVALID);
    let (code, stdout) = ecs_sim(&["--format", "json", &invalid]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("one JSON array");
    let first = &report[0];
    assert_eq!(first["file"], invalid.as_str());
    assert_eq!(first["path"], "containerDefinitions[0].links");
    assert_eq!(first["severity"], "error");
    assert!(first["line"].is_u64() && first["column"].is_u64());
    assert!(first["explanation"].as_str().is_some_and(|e| !e.is_empty()));
}

#[test]
fn binary_unreadable_file() {
    let (code, _) = ecs_sim(&["/nonexistent/task.json"]);
    assert_eq!(code, 2);
}

#[test]
fn exit_codes_are_the_worst_of_all_files() {
    let valid = fixture(VALID);
    let invalid = fixture(INVALID);
    assert_eq!(ecs_sim(&[&valid]).0, 0);
    assert_eq!(ecs_sim(&[&valid, &invalid]).0, 1);
    assert_eq!(ecs_sim(&[&invalid, "/nonexistent.json"]).0, 2);
    let both = fixture("services/invalid/constructed__launchtype-and-capacity-provider.json");
    assert_eq!(ecs_sim(&["--format", "json", &both]).0, 1);
}
