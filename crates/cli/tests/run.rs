//! `ecs-sim run` and `ecs-sim explain` on the default scenario.

use std::process::Command;

const DEFAULT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../scenario/examples/default.json"
);

fn ecs_sim(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ecs-sim"))
        .args(args)
        .output()
        .expect("run ecs-sim");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn run_json_lists_tasks_failures_and_events_in_aws_terms() {
    let (code, stdout) = ecs_sim(&["run", DEFAULT, "--format", "json"]);
    assert_eq!(code, 0, "{stdout}");
    let run: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let tasks = run["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), 6);
    for task in tasks {
        assert!(
            task["taskArn"]
                .as_str()
                .is_some_and(|a| a.starts_with("arn:aws:ecs:"))
        );
        assert_eq!(task["group"], "service:web");
        assert_eq!(task["taskDefinition"], "web:1");
        assert!(task["containerInstance"].is_string());
        assert!(task["availabilityZone"].is_string());
        assert_eq!(task["lastStatus"], "RUNNING");
    }
    assert_eq!(run["failures"].as_array().map(Vec::len), Some(0));
    let events: Vec<&str> = run["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["message"].as_str())
        .collect();
    assert_eq!(
        events.last(),
        Some(&"service web has reached a steady state.")
    );
}

#[test]
fn explain_names_the_instance_run_chose() {
    let (_, stdout) = ecs_sim(&["run", DEFAULT, "--format", "json"]);
    let run: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let instance = run["tasks"][2]["containerInstance"]
        .as_str()
        .expect("placed")
        .to_owned();

    let (code, stdout) = ecs_sim(&["explain", DEFAULT, "--task", "2", "--format", "json"]);
    assert_eq!(code, 0);
    let explanation: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(
        explanation["chosen"]["containerInstanceId"],
        instance.as_str()
    );
    assert_eq!(explanation["instances"].as_array().map(Vec::len), Some(5));

    let (code, text) = ecs_sim(&["explain", DEFAULT, "--task", "2"]);
    assert_eq!(code, 0);
    assert!(text.starts_with(&format!("Placed on {instance}")), "{text}");
}

#[test]
fn explain_of_a_task_that_does_not_exist_fails() {
    assert_eq!(ecs_sim(&["explain", DEFAULT, "--task", "99"]).0, 1);
    assert_eq!(ecs_sim(&["explain", DEFAULT]).0, 2);
    assert_eq!(ecs_sim(&["run", "/nonexistent.json"]).0, 2);
}
