//! Scenario texts in, runs and diagnostics out.

use ecs_scenario::{DEFAULT_SCENARIO, Evaluation, evaluate, explain};
use expect_test::{Expect, expect};

/// One line per task (`task instance zone`), then failures and diagnostics.
fn summary(evaluation: &Evaluation) -> String {
    let mut lines = Vec::new();
    if let Some(outcome) = &evaluation.outcome {
        for t in &outcome.tasks {
            lines.push(format!(
                "{} {} {} {}",
                t.task_id,
                t.group,
                t.container_instance.as_deref().unwrap_or("-"),
                t.availability_zone.as_deref().unwrap_or("-")
            ));
        }
        for f in &outcome.failures {
            lines.push(format!(
                "failure {} {} {}",
                f.request,
                f.reason,
                f.arn.as_deref().unwrap_or("-")
            ));
        }
    }
    for d in &evaluation.diagnostics {
        let place = d
            .line
            .map(|l| format!("{l}:{}", d.column.unwrap_or(0)))
            .unwrap_or_default();
        lines.push(format!(
            "{} {place} {}: {}",
            d.severity.as_str(),
            d.path,
            d.message
        ));
    }
    lines.join("\n")
}

#[track_caller]
fn check(scenario: &str, expected: Expect) {
    expected.assert_eq(&summary(&evaluate(scenario)));
}

#[test]
fn default_scenario_spreads_six_tasks_two_per_zone() {
    let evaluation = evaluate(DEFAULT_SCENARIO);
    assert!(
        evaluation.diagnostics.is_empty(),
        "{:?}",
        evaluation.diagnostics
    );
    let outcome = evaluation.outcome.as_ref().expect("a run");
    assert_eq!(outcome.container_instances.len(), 5);
    for zone in ["us-east-1a", "us-east-1b", "us-east-1c"] {
        let n = outcome
            .tasks
            .iter()
            .filter(|t| t.availability_zone.as_deref() == Some(zone))
            .count();
        assert_eq!(n, 2, "{zone}");
    }
}

#[test]
fn every_explanation_names_the_instance_the_run_chose() {
    let evaluation = evaluate(DEFAULT_SCENARIO);
    let outcome = evaluation.outcome.as_ref().expect("a run");
    for task in &outcome.tasks {
        let explanation = explain(&evaluation, task.placement_index).expect("an explanation");
        let chosen = explanation.chosen.expect("a chosen instance");
        assert_eq!(Some(chosen.container_instance_id), task.container_instance);
    }
}

#[test]
fn same_seed_same_run_other_seed_may_differ() {
    let a = evaluate(DEFAULT_SCENARIO);
    let b = evaluate(DEFAULT_SCENARIO);
    assert_eq!(a.outcome, b.outcome);
}

const ONE_INSTANCE: &str = r#"{"instanceType": "t3.medium", "availabilityZone": "us-east-1a"}"#;

fn scenario(instances: &str, task_definition: &str, requests: &str) -> String {
    format!(
        r#"{{"scenarioVersion": 1, "name": "t", "seed": 7,
  "availabilityZones": ["us-east-1a", "us-east-1b"],
  "containerInstances": [{instances}],
  "taskDefinitions": [{task_definition}],
  {requests}}}"#
    )
}

const SMALL_TASK: &str = r#"{"family": "app", "containerDefinitions": [{"name": "app", "image": "busybox", "cpu": 256, "memory": 512}]}"#;

#[test]
fn binpack_memory_fills_one_instance_first() {
    check(
        &scenario(
            r#"{"instanceType": "t3.medium", "availabilityZone": "us-east-1a", "count": 2}"#,
            SMALL_TASK,
            r#""runTasks": [{"taskDefinition": "app", "count": 3, "placementStrategy": [{"type": "binpack", "field": "memory"}]}]"#,
        ),
        expect![[r#"
            task-1 family:app ci-1 us-east-1a
            task-2 family:app ci-1 us-east-1a
            task-3 family:app ci-1 us-east-1a"#]],
    );
}

#[test]
fn distinct_instance_with_more_tasks_than_instances_fails_the_rest() {
    check(
        &scenario(
            r#"{"instanceType": "t3.medium", "availabilityZone": "us-east-1a", "count": 2}"#,
            SMALL_TASK,
            r#""runTasks": [{"taskDefinition": "app", "count": 3, "placementConstraints": [{"type": "distinctInstance"}]}]"#,
        ),
        expect![[r#"
            task-1 family:app ci-1 us-east-1a
            task-2 family:app ci-2 us-east-1a
            failure runTasks[0] DistinctInstance placement constraint unsatisfied. ci-1"#]],
    );
}

#[test]
fn unknown_task_definition_is_reported_at_the_reference() {
    check(
        &scenario(
            ONE_INSTANCE,
            SMALL_TASK,
            r#""services": [{"serviceName": "s", "taskDefinition": "nope", "desiredCount": 1}]"#,
        ),
        expect![
            "error 5:37 services[0].taskDefinition: Unable to describe task definition. No task definition family 'nope' is registered in this scenario."
        ],
    );
}

#[test]
fn unknown_instance_type_suggests_the_nearest() {
    let evaluation = evaluate(&scenario(
        r#"{"instanceType": "m5.lrage", "availabilityZone": "us-east-1a"}"#,
        SMALL_TASK,
        r#""runTasks": []"#,
    ));
    let d = &evaluation.diagnostics[0];
    assert_eq!(d.path, "containerInstances[0].instanceType");
    assert_eq!(d.message, "Unknown instance type 'm5.lrage'.");
    assert_eq!(d.explanation, "Did you mean m5.large?");
    assert_eq!(d.line, Some(3));
    assert!(evaluation.outcome.is_none());
}

#[test]
fn syntax_error_has_line_and_column_and_no_run() {
    check(
        "{\n  \"scenarioVersion\": 1,\n  \"name\": oops\n}",
        expect![[
            r#"error 3:11 : The scenario is not valid JSON: expected value at line 3 column 11"#
        ]],
    );
}

#[test]
fn missing_and_future_versions_are_refused_clearly() {
    check(
        "{}",
        expect![[r#"error  scenarioVersion: scenarioVersion is missing."#]],
    );
    check(
        r#"{"scenarioVersion": 99}"#,
        expect![[
            r#"error 1:2 scenarioVersion: This scenario was written by a newer playground (format version 99); this one reads versions up to 1."#
        ]],
    );
}

#[test]
fn task_definition_errors_carry_the_scenario_path_and_line() {
    let evaluation = evaluate(&scenario(
        ONE_INSTANCE,
        r#"{"family": "app", "containerDefinitions": [{"name": "app", "image": "busybox", "cpu": 256}]}"#,
        r#""runTasks": [{"taskDefinition": "app"}]"#,
    ));
    let d = evaluation
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert!(d.path.starts_with("taskDefinitions[0]"), "{}", d.path);
    assert_eq!(d.line, Some(4));
    assert!(evaluation.outcome.is_none());
}
