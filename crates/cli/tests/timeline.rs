//! `ecs-sim run` over a timeline: the JSON timeline and `--at`.

use std::process::Command;

const MANAGED_SCALING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/scenarios/timeline-managed-scaling.json"
);

fn run(args: &[&str]) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_ecs-sim"))
        .args(args)
        .output()
        .expect("run ecs-sim");
    assert_eq!(output.status.code(), Some(0));
    serde_json::from_slice(&output.stdout).expect("JSON")
}

#[test]
fn json_has_the_timeline_with_times_kinds_and_ids() {
    let run = run(&["run", MANAGED_SCALING, "--format", "json"]);
    assert_eq!(run["at"], 2400);
    let timeline = run["timeline"].as_array().expect("timeline");
    let placed = timeline
        .iter()
        .find(|e| e["kind"] == "TaskPlaced")
        .expect("a placement");
    assert_eq!(placed["at"], 90);
    assert!(placed["taskId"].is_string());
    assert!(placed["containerInstance"].is_string());
    assert_eq!(placed["service"], "worker");
    assert_eq!(run["capacityProviders"][0]["instances"], 1);
}

#[test]
fn at_prints_the_state_at_that_time() {
    let run = run(&["run", MANAGED_SCALING, "--at", "30", "--format", "json"]);
    assert_eq!(run["at"], 30);
    let tasks = run["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), 4);
    assert!(tasks.iter().all(|t| t["lastStatus"] == "PROVISIONING"));
    assert_eq!(run["capacityProviders"][0]["launching"], 2);
}
