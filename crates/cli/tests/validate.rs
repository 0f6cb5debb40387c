//! `ecs-sim validate`: the function directly (included by path until `main.rs` dispatches to it)
//! and the built binary.

#[path = "../src/validate.rs"]
#[allow(dead_code)]
mod validate;

use std::process::Command;

fn fixture(path: &str) -> String {
    format!(
        "{}/../../../shared/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    )
}

const VALID: &str = "task-definitions/valid/aws__aws-cli__register-sleep360.json";
const INVALID: &str = "task-definitions/invalid/constructed__awsvpc-links.json";

#[test]
fn function_exit_codes() {
    assert_eq!(validate::main(&[fixture(VALID)]), 0);
    assert_eq!(validate::main(&[fixture(VALID), fixture(INVALID)]), 1);
    assert_eq!(
        validate::main(&[fixture(INVALID), "/nonexistent.json".to_owned()]),
        2
    );
    assert_eq!(
        validate::main(&[
            "--format".to_owned(),
            "json".to_owned(),
            fixture("services/invalid/constructed__launchtype-and-capacity-provider.json")
        ]),
        1
    );
}

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
#[ignore = "enable once crates/cli/src/main.rs dispatches `validate` to validate::main"]
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
#[ignore = "enable once crates/cli/src/main.rs dispatches `validate` to validate::main"]
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
#[ignore = "enable once crates/cli/src/main.rs dispatches `validate` to validate::main"]
fn binary_unreadable_file() {
    let (code, _) = ecs_sim(&["/nonexistent/task.json"]);
    assert_eq!(code, 2);
}
