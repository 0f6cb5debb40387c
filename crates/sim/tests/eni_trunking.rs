//! ENI trunking (§1.3 of the behaviour reference) and its test vector §12.5.7: an awsvpc task on a
//! c5.large without trunking fails `RESOURCE:ENI` at the third task; with the `awsvpcTrunking`
//! account setting enabled the instance takes up to 10.

mod common;

use common::world;
use ecs_sim::Outcome;
use expect_test::{Expect, expect};
use serde_json::{Value, json};

/// An awsvpc task definition small enough (128 CPU units, 256 MiB) that only ENIs limit a
/// c5.large: its CPU would take 16 and its memory 15.
fn awsvpc(family: &str) -> Value {
    json!({"family": family, "networkMode": "awsvpc", "requiresCompatibilities": ["EC2"],
        "containerDefinitions": [{"name": "app", "image": "busybox", "cpu": 128, "memory": 256,
            "essential": true}]})
}

fn run_task(count: u32) -> Value {
    json!({"taskDefinition": "api", "count": count, "launchType": "EC2",
        "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1a"]}}})
}

/// Per instance: its awsvpc task limit, the ENIs in use and its trunk id; then the failures of
/// each request, counted by reason.
fn summary(outcome: &Outcome) -> String {
    let mut lines: Vec<String> = outcome
        .container_instances
        .iter()
        .map(|i| {
            let trunk = i
                .attributes
                .iter()
                .find(|(name, _)| name == "ecs.awsvpc-trunk-id")
                .map_or("no trunk", |(_, value)| value.as_str());
            format!(
                "{} {}: ENIs {}/{}, {trunk}",
                i.id, i.instance_type, i.enis_in_use, i.eni_limit
            )
        })
        .collect();
    let mut failures: Vec<(String, String, usize)> = Vec::new();
    for f in &outcome.failures {
        match failures.last_mut() {
            Some((request, reason, n)) if *request == f.request && *reason == f.reason => *n += 1,
            _ => failures.push((f.request.clone(), f.reason.clone(), 1)),
        }
    }
    lines.extend(
        failures
            .iter()
            .map(|(request, reason, n)| format!("failure {request} {reason} ×{n}")),
    );
    lines.join("\n")
}

/// One c5.large, RunTask of 10 then of 2 awsvpc tasks, with `accountSettings` as given.
fn check_c5_large(account_settings: Option<Value>, expect: Expect) {
    let mut description = json!({
        "instances": [{"instanceType": "c5.large", "availabilityZone": "us-east-1a"}],
        "taskDefinitions": [awsvpc("api")],
        "runTasks": [run_task(10), run_task(2)],
        "until": 0,
    });
    if let Some(settings) = account_settings {
        description["accountSettings"] = settings;
    }
    let (outcome, _) = ecs_sim::run(&world(description));
    expect.assert_eq(&summary(&outcome));
}

#[test]
fn vector_12_5_7_without_trunking() {
    check_c5_large(
        None,
        expect![[r#"
            ci-1 c5.large: ENIs 2/2, no trunk
            failure runTasks[0] RESOURCE:ENI ×8
            failure runTasks[1] RESOURCE:ENI ×2"#]],
    );
    check_c5_large(
        Some(json!({"awsvpcTrunking": "disabled"})),
        expect![[r#"
            ci-1 c5.large: ENIs 2/2, no trunk
            failure runTasks[0] RESOURCE:ENI ×8
            failure runTasks[1] RESOURCE:ENI ×2"#]],
    );
}

#[test]
fn vector_12_5_7_with_trunking() {
    check_c5_large(
        Some(json!({"awsvpcTrunking": "enabled"})),
        expect![[r#"
            ci-1 c5.large: ENIs 10/10, eni-020071a2f48471a8e
            failure runTasks[1] RESOURCE:ENI ×2"#]],
    );
}

/// Instances registered during the run are launched after the setting too; a type that does not
/// support trunking keeps its limit and gets no trunk.
#[test]
fn registered_instances_are_trunked_and_unsupported_types_are_not() {
    let outcome = ecs_sim::run(&world(json!({
        "accountSettings": {"awsvpcTrunking": "enabled"},
        "instances": [{"instanceType": "t3.large", "availabilityZone": "us-east-1a"}],
        "taskDefinitions": [awsvpc("api")],
        "actions": [
            {"at": 10, "registerContainerInstance":
                {"instanceType": "m5.large", "availabilityZone": "us-east-1a"}},
            {"at": 20, "runTask": run_task(10)},
            {"at": 20, "runTask": run_task(4)},
        ],
        "until": 30,
    })))
    .0;
    expect![[r#"
        ci-1 t3.large: ENIs 2/2, no trunk
        ci-2 m5.large: ENIs 10/10, eni-0650d61987b58ab64
        failure actions[2].runTask RESOURCE:ENI ×2"#]]
    .assert_eq(&summary(&outcome));
}

/// The problems `accountSettings` can have, each at its path.
fn check_settings(settings: Value, expect: Expect) {
    let mut world = ecs_sim::World::default();
    let scenario = serde_json::Map::from_iter([("accountSettings".to_owned(), settings)]);
    let diagnostics: Vec<String> = ecs_sim::read_timeline(&scenario, &mut world)
        .iter()
        .map(|d| {
            format!(
                "{} {}: {} ({})",
                d.severity.as_str(),
                d.path,
                d.message,
                d.explanation
            )
        })
        .collect();
    expect.assert_eq(&format!(
        "trunking {}\n{}",
        world.account_settings.awsvpc_trunking,
        diagnostics.join("\n")
    ));
}

#[test]
fn account_settings_diagnostics() {
    check_settings(
        json!({"awsvpcTrunking": "enabled"}),
        expect!["trunking true\n"],
    );
    check_settings(
        json!({"awsvpcTrunking": "ENABLED"}),
        expect![[r#"
            trunking false
            error accountSettings.awsvpcTrunking: awsvpcTrunking must be "enabled" or "disabled", not "ENABLED". (PutAccountSetting spells the value in lower case; with "enabled", instances launched afterwards get a trunk ENI and more awsvpc tasks.)"#]],
    );
    check_settings(
        json!({"awsvpcTrunking": true}),
        expect![[r#"
        trunking false
        error accountSettings.awsvpcTrunking: awsvpcTrunking must be "enabled" or "disabled", not true. (PutAccountSetting spells the value in lower case; with "enabled", instances launched afterwards get a trunk ENI and more awsvpc tasks.)"#]],
    );
    check_settings(
        json!({"awsvpcTrunkng": "enabled", "containerInsights": "enabled"}),
        expect![[r#"
            trunking false
            warning accountSettings.awsvpcTrunkng: Unknown accountSettings member 'awsvpcTrunkng'; it is ignored. (Did you mean awsvpcTrunking? accountSettings takes serviceLongArnFormat, taskLongArnFormat, containerInstanceLongArnFormat, awsvpcTrunking, containerInsights, fargateFIPSMode, tagResourceAuthorization, fargateTaskRetirementWaitPeriod, guardDutyActivate, defaultLogDriverMode, fargateEventWindows.)
            warning accountSettings.containerInsights: The account setting containerInsights does not change the simulation; it is ignored. (The simulator models awsvpcTrunking only.)"#]],
    );
    check_settings(
        json!(["awsvpcTrunking"]),
        expect![[r#"
        trunking false
        error accountSettings: accountSettings must be an object mapping setting names to values. (Write "accountSettings": {"awsvpcTrunking": "enabled"}.)"#]],
    );
}

/// Instances an Auto Scaling group capacity provider launches during the run are trunked too:
/// one c5.large launched for 10 awsvpc tasks takes all of them.
#[test]
fn instances_launched_by_managed_scaling_are_trunked() {
    let mut request = run_task(10);
    request["launchType"] = Value::Null;
    request["capacityProviderStrategy"] = json!([{"capacityProvider": "asg", "weight": 1}]);
    let outcome = ecs_sim::run(&world(json!({
        "accountSettings": {"awsvpcTrunking": "enabled"},
        "availabilityZones": ["us-east-1a"],
        "capacityProviders": [{"name": "asg", "instanceType": "c5.large", "minSize": 0,
            "maxSize": 1, "autoScalingGroupProvider": {"managedScaling": {"status": "ENABLED"}}}],
        "taskDefinitions": [awsvpc("api")],
        "runTasks": [request],
        "until": 600,
    })))
    .0;
    expect!["ci-1 c5.large: ENIs 10/10, eni-06a3143a78e096321"].assert_eq(&summary(&outcome));
}
