//! The scenario's `accountSettings` (§1.3): with `awsvpcTrunking` enabled the declared instances
//! are launched with a trunk ENI, so the awsvpc ENI exhaustion example places every task; its
//! problems are reported once, at their line; the CLI export sets it before anything else.

use ecs_scenario::{Scenario, evaluate, example, export_cli};
use expect_test::{Expect, expect};
use serde_json::Value;

/// The `awsvpc-eni-exhaustion` example (two c5.large, RunTask of 5 awsvpc tasks) with
/// `accountSettings` set to `settings`, as text.
fn exhaustion_with(settings: Option<&str>) -> String {
    let mut scenario: Value =
        serde_json::from_str(example("awsvpc-eni-exhaustion").unwrap().json).expect("an example");
    if let Some(settings) = settings {
        scenario["accountSettings"] = serde_json::from_str(settings).expect("settings");
    }
    serde_json::to_string_pretty(&scenario).expect("json")
}

/// Diagnostics with their line, tasks per instance with the instance's ENI limit and trunk,
/// failures.
fn check(settings: Option<&str>, expected: Expect) {
    let evaluation = evaluate(&exhaustion_with(settings));
    let mut lines: Vec<String> = evaluation
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {} (line {}): {}",
                d.severity.as_str(),
                d.path,
                d.line.unwrap_or(0),
                d.message
            )
        })
        .collect();
    if let Some(outcome) = &evaluation.outcome {
        for i in &outcome.container_instances {
            let trunked = i
                .attributes
                .iter()
                .any(|(name, _)| name == "ecs.awsvpc-trunk-id");
            lines.push(format!(
                "{} {}: {} awsvpc tasks of {}{}",
                i.id,
                i.instance_type,
                i.enis_in_use,
                i.eni_limit,
                if trunked { ", trunked" } else { "" }
            ));
        }
        for f in &outcome.failures {
            lines.push(format!("failure {} {}", f.request, f.reason));
        }
    }
    expected.assert_eq(&lines.join("\n"));
}

#[test]
fn trunking_lifts_the_eni_limit_of_declared_instances() {
    check(
        None,
        expect![[r#"
            ci-1 c5.large: 2 awsvpc tasks of 2
            ci-2 c5.large: 2 awsvpc tasks of 2
            failure runTasks[0] RESOURCE:ENI"#]],
    );
    check(
        Some(r#"{"awsvpcTrunking": "enabled"}"#),
        expect![[r#"
            ci-1 c5.large: 2 awsvpc tasks of 10, trunked
            ci-2 c5.large: 3 awsvpc tasks of 10, trunked"#]],
    );
}

#[test]
fn account_setting_problems_are_reported_once() {
    check(
        Some(r#"{"awsvpcTrunking": "on", "awsvpcTrunkin": "enabled"}"#),
        expect![[r#"
            warning accountSettings.awsvpcTrunkin (line 81): Unknown accountSettings member 'awsvpcTrunkin'; it is ignored.
            error accountSettings.awsvpcTrunking (line 80): awsvpcTrunking must be "enabled" or "disabled", not "on"."#]],
    );
    check(
        Some(r#""enabled""#),
        expect![
            "error accountSettings (line 79): accountSettings must be an object mapping setting names to values."
        ],
    );
}

#[test]
fn the_cli_export_sets_the_account_setting_first() {
    let (scenario, _) = Scenario::parse(&exhaustion_with(Some(r#"{"awsvpcTrunking": "enabled"}"#)));
    let cli = export_cli(&scenario.expect("a scenario"));
    let first_commands: Vec<&str> = cli
        .lines()
        .filter(|l| l.starts_with("aws "))
        .take(2)
        .collect();
    expect![[r#"
        aws ecs put-account-setting --name awsvpcTrunking --value enabled
        aws ecs create-cluster --cluster-name 'default'"#]]
    .assert_eq(&first_commands.join("\n"));
}
