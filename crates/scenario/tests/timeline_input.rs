//! The timeline members of a scenario (`actions`, `until`, `timings`, `behaviours`,
//! `capacityProviders`, `serviceAutoScaling`): every problem is a diagnostic with a path, and
//! actions AWS would reject at their moment are warnings that leave the run going.

use ecs_scenario::evaluate;
use expect_test::{Expect, expect};

fn check(members: &str, expected: Expect) {
    let text = format!(
        r#"{{"scenarioVersion": 1, "name": "t", "seed": 1,
  "availabilityZones": ["us-east-1a"],
  "containerInstances": [{{"instanceType": "m5.large", "availabilityZone": "us-east-1a"}}],
  "taskDefinitions": [{{"family": "web", "containerDefinitions": [{{"name": "web", "image": "nginx", "cpu": 256, "memory": 512}}]}}],
  "services": [{{"serviceName": "web", "taskDefinition": "web", "desiredCount": 1}}],
  {members}}}"#
    );
    let evaluation = evaluate(&text);
    let mut lines: Vec<String> = evaluation
        .diagnostics
        .iter()
        .map(|d| format!("{} {}: {}", d.severity.as_str(), d.path, d.message))
        .collect();
    lines.push(match &evaluation.outcome {
        Some(o) => format!("run to {} s, {} tasks", o.at, o.tasks.len()),
        None => "no run".to_owned(),
    });
    expected.assert_eq(&lines.join("\n"));
}

#[test]
fn malformed_timelines_are_reported_with_paths() {
    check(
        r#""until": -5, "timings": {"pendingSeconds": "slow", "warpSeconds": 3},
  "actions": [{"updateService": {"service": "web"}}, {"at": 10}, {"at": 10, "explode": {}},
              {"at": 10, "stopTask": {}, "drainContainerInstance": {}},
              {"at": 20, "registerTaskDefinition": {"family": "web", "containerDefinitions": []}, "behaviour": {"healthCheck": "MAYBE"}}]"#,
        expect![[r#"
            error until: until must be a whole number of seconds from 0 to 604800, not -5.
            warning timings.warpSeconds: Unknown timings member 'warpSeconds'; it is ignored.
            error timings.pendingSeconds: pendingSeconds must be a whole number of seconds from 0 to 86400, not "slow".
            error actions[0].at: at must be a whole number of seconds from 0 to 604800.
            error actions[1]: An action names exactly one of runTask, startTask, stopTask, createService, updateService, deleteService, registerTaskDefinition, deregisterTaskDefinition, registerContainerInstance, drainContainerInstance, activateContainerInstance, terminateContainerInstance, disconnectAgent, reconnectAgent, failAvailabilityZone, recoverAvailabilityZone, spotInterruption, updateTaskProtection; this one has none.
            error actions[2].explode: Unknown action 'explode'.
            error actions[3]: An action names exactly one of runTask, startTask, stopTask, createService, updateService, deleteService, registerTaskDefinition, deregisterTaskDefinition, registerContainerInstance, drainContainerInstance, activateContainerInstance, terminateContainerInstance, disconnectAgent, reconnectAgent, failAvailabilityZone, recoverAvailabilityZone, spotInterruption, updateTaskProtection; this one has stopTask, drainContainerInstance.
            error actions[4].registerTaskDefinition.containerDefinitions: Container list cannot be empty.
            error actions[4].behaviour.healthCheck: 'healthCheck' with value "MAYBE" is not a task behaviour.
            no run"#]],
    );
}

#[test]
fn rejected_actions_are_warnings_and_the_run_goes_on() {
    check(
        r#""until": 120, "actions": [
    {"at": 10, "updateService": {"service": "nope", "desiredCount": 2}},
    {"at": 20, "stopTask": {"task": "task-99"}},
    {"at": 30, "drainContainerInstance": {"containerInstance": "ci-9"}},
    {"at": 40, "runTask": {"taskDefinition": "web:7"}},
    {"at": 50, "deregisterTaskDefinition": {"taskDefinition": "web:1"}},
    {"at": 60, "runTask": {"taskDefinition": "web:1"}},
    {"at": 70, "updateService": {"service": "web", "desiredCount": 2}}]"#,
        expect![[r#"
            warning actions[0].updateService.service: ServiceNotFoundException: Service not found: nope.
            warning actions[1].stopTask.task: InvalidParameterException: The referenced task was not found: task-99.
            warning actions[2].drainContainerInstance.containerInstance: InvalidParameterException: Container instance ci-9 not found.
            warning actions[3].runTask.taskDefinition: Unable to describe task definition. Family 'web' has revisions 1 to 1, not 7.
            warning actions[5].runTask.taskDefinition: ClientException: TaskDefinition is inactive (web:1).
            run to 120 s, 2 tasks"#]],
    );
}

#[test]
fn bad_capacity_providers_and_scaling_policies() {
    check(
        r#""capacityProviders": [{"name": "FARGATE"}, {"name": "asg", "instanceType": "m9.huge"},
     {"name": "asg2", "instanceType": "m5.large", "minSize": 3, "maxSize": 1}],
  "serviceAutoScaling": [{"service": "web", "targetTracking": {"predefinedMetricType": "Requests", "targetValue": -1}, "load": []}]"#,
        expect![[r#"
            error capacityProviders[0].name: A capacity provider needs a name other than FARGATE and FARGATE_SPOT.
            error capacityProviders[1].instanceType: Unknown instance type 'm9.huge'.
            error capacityProviders[2].maxSize: maxSize must be positive and at least minSize.
            error serviceAutoScaling[0].targetTracking.predefinedMetricType: predefinedMetricType must be one of ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget.
            error serviceAutoScaling[0].targetTracking.targetValue: targetValue must be a positive number.
            error serviceAutoScaling[0].load: load must list {"at", "value"} points with non-negative values.
            no run"#]],
    );
}

#[test]
fn capacity_provider_settings_out_of_range_are_errors() {
    check(
        r#""cluster": {"clusterName": "default", "capacityProviders": ["asg"],
    "defaultCapacityProviderStrategy": [{"capacityProvider": "asg", "weight": 0}]},
  "capacityProviders": [{"name": "asg", "instanceType": "m5.large", "minSize": "two",
    "autoScalingGroupProvider": {"managedScaling": {"status": "ON", "targetCapacity": 0,
      "minimumScalingStepSize": 20000, "instanceWarmupPeriod": -1},
      "managedTerminationProtection": "enabled"}}]"#,
        expect![[r#"
            error capacityProviders[0].minSize: minSize must be a whole number, not "two".
            error capacityProviders[0].autoScalingGroupProvider.managedScaling.status: status must be ENABLED or DISABLED, not "ON".
            error capacityProviders[0].autoScalingGroupProvider.managedScaling.targetCapacity: targetCapacity must be a whole number from 1 to 100, not 0.
            error capacityProviders[0].autoScalingGroupProvider.managedScaling.minimumScalingStepSize: minimumScalingStepSize must be a whole number from 1 to 10000, not 20000.
            error capacityProviders[0].autoScalingGroupProvider.managedScaling.instanceWarmupPeriod: instanceWarmupPeriod must be a whole number from 0 to 10000, not -1.
            error capacityProviders[0].autoScalingGroupProvider.managedTerminationProtection: managedTerminationProtection must be ENABLED or DISABLED, not "enabled".
            error cluster.defaultCapacityProviderStrategy: At least one capacity provider in the strategy must have a weight greater than zero.
            no run"#]],
    );
}

#[test]
fn bad_step_scaling_policies() {
    check(
        r#""serviceAutoScaling": [
    {"service": "web", "stepScaling": {"metricName": "CPU", "comparisonOperator": ">=", "threshold": -5,
      "evaluationPeriods": 0, "adjustmentType": "ChangeInTasks", "stepAdjustments": [], "cooldown": -1,
      "minAdjustmentMagnitude": "one"}, "load": [{"at": 0, "value": 50}]},
    {"service": "web", "stepScaling": {"metricName": "CPUUtilization", "comparisonOperator": "GreaterThanThreshold",
      "threshold": 70, "adjustmentType": "ChangeInCapacity", "stepAdjustments": [
        {"metricIntervalLowerBound": 0, "metricIntervalUpperBound": 10, "scalingAdjustment": 1},
        {"metricIntervalLowerBound": 20, "scalingAdjustment": 2}]}, "load": [{"at": 0, "value": 50}]},
    {"service": "web", "stepScaling": {"metricName": "CPUUtilization", "comparisonOperator": "GreaterThanThreshold",
      "threshold": 70, "adjustmentType": "ChangeInCapacity", "stepAdjustments": [
        {"metricIntervalLowerBound": 10, "metricIntervalUpperBound": 0, "scalingAdjustment": 1}]}, "load": [{"at": 0, "value": 50}]},
    {"service": "web", "targetTracking": {"predefinedMetricType": "ECSServiceAverageCPUUtilization", "targetValue": 50},
      "stepScaling": {}, "load": [{"at": 0, "value": 50}]}]"#,
        expect![[r#"
            error serviceAutoScaling[0].stepScaling.metricName: metricName is the alarm's metric: one of CPUUtilization, MemoryUtilization, RequestCountPerTarget.
            error serviceAutoScaling[0].stepScaling.comparisonOperator: comparisonOperator must be one of GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold.
            error serviceAutoScaling[0].stepScaling.threshold: threshold must be a number of at least 0.
            error serviceAutoScaling[0].stepScaling.evaluationPeriods: evaluationPeriods must be a whole number of one-minute periods from 1 to 1440.
            error serviceAutoScaling[0].stepScaling.adjustmentType: adjustmentType must be one of ChangeInCapacity, PercentChangeInCapacity, ExactCapacity.
            error serviceAutoScaling[0].stepScaling.stepAdjustments: stepAdjustments must list at least one {"scalingAdjustment"}.
            error serviceAutoScaling[0].stepScaling.cooldown: cooldown must be a whole number of seconds from 0 to 86400.
            error serviceAutoScaling[0].stepScaling.minAdjustmentMagnitude: minAdjustmentMagnitude must be a whole number of tasks.
            error serviceAutoScaling[1].stepScaling.stepAdjustments: The step adjustments' intervals must not overlap or leave a gap: each metricIntervalUpperBound is the next step's metricIntervalLowerBound.
            error serviceAutoScaling[2].stepScaling.stepAdjustments: Each step adjustment has a whole scalingAdjustment and optional numeric metricIntervalLowerBound < metricIntervalUpperBound.
            error serviceAutoScaling[3].stepScaling: A policy is either targetTracking or stepScaling, not both; write two items for two policies.
            no run"#]],
    );
}

#[test]
fn bad_delete_service_actions() {
    check(
        r#""until": 60, "actions": [{"at": 10, "deleteService": {}},
    {"at": 20, "deleteService": {"service": "web", "force": "yes"}},
    {"at": 30, "deleteService": {"service": "nope", "force": true}}]"#,
        expect![[r#"
            error actions[0].deleteService.service: service is required and must be a string.
            error actions[1].deleteService.force: force must be true or false, not "yes".
            no run"#]],
    );
}

#[test]
fn delete_service_of_an_unknown_service_is_a_warning() {
    check(
        r#""until": 60, "actions": [{"at": 30, "deleteService": {"service": "nope", "force": true}}]"#,
        expect![[r#"
            warning actions[0].deleteService.service: ServiceNotFoundException: Service not found: nope.
            run to 60 s, 1 tasks"#]],
    );
}

#[test]
fn bad_start_task_actions() {
    check(
        r#""until": 60, "actions": [{"at": 10, "startTask": {"taskDefinition": "web"}},
    {"at": 20, "startTask": {"taskDefinition": "web", "containerInstances": [], "group": 5}},
    {"at": 30, "startTask": {"containerInstances": ["ci-1", 7], "count": 3}},
    {"at": 40, "startTask": "ci-1"}]"#,
        expect![[r#"
            error actions[0].startTask.containerInstances: containerInstances must list 1 to 10 container instance ids or ARNs.
            error actions[1].startTask.containerInstances: containerInstances must list 1 to 10 container instance ids or ARNs.
            error actions[1].startTask.group: group must be a string.
            warning actions[2].startTask.count: Unknown startTask member 'count'; it is ignored.
            error actions[2].startTask.taskDefinition: taskDefinition is required and must be a string.
            error actions[2].startTask.containerInstances: containerInstances must list 1 to 10 container instance ids or ARNs.
            error actions[3].startTask: startTask must be an object.
            no run"#]],
    );
}

#[test]
fn misspelt_members_of_the_scenario_s_own_objects_are_warnings() {
    check(
        r#""until": 60, "tmings": {}, "cluster": {"clusterName": "c", "capacityProviders": [], "defaultCapacityProviderStrategey": []}, "actions": [
    {"at": 10, "stopTask": {"task": "task-1", "reasn": "typo"}},
    {"at": 20, "drainContainerInstance": {"containerInstance": "ci-1", "cluster": "default", "force": true}},
    {"at": 30, "failAvailabilityZone": {"availabilityzone": "us-east-1a"}}],
  "capacityProviders": [{"name": "cp", "instanceType": "m5.large", "availabilityZones": ["us-east-1a"], "maxSize": 2,
    "autoScalingGroupProvider": {"managedScaling": {"status": "ENABLED", "targetCapacty": 90}, "managedDraining": "ENABLED"}}],
  "serviceAutoScaling": [{"service": "web", "maxCapacity": 3, "load": [{"at": 0, "value": 10, "unit": "%"}],
    "stepScaling": {"metricName": "CPUUtilization", "comparisonOperator": "GreaterThanThreshold", "threshold": 50,
      "evalutionPeriods": 2, "adjustmentType": "ChangeInCapacity", "metricAggregationType": "Maximum",
      "stepAdjustments": [{"metricIntervalLowerBound": 0, "scalingAdjustmnet": 1}]}}]"#,
        expect![[r#"
            warning tmings: Unknown scenario member 'tmings'; it is ignored.
            warning cluster.defaultCapacityProviderStrategey: Unknown cluster member 'defaultCapacityProviderStrategey'; it is ignored.
            warning capacityProviders[0].autoScalingGroupProvider.managedScaling.targetCapacty: Unknown managedScaling member 'targetCapacty'; it is ignored.
            warning serviceAutoScaling[0].stepScaling.evalutionPeriods: Unknown stepScaling member 'evalutionPeriods'; it is ignored.
            warning serviceAutoScaling[0].stepScaling.stepAdjustments[0].scalingAdjustmnet: Unknown step adjustment member 'scalingAdjustmnet'; it is ignored.
            warning serviceAutoScaling[0].load[0].unit: Unknown load point member 'unit'; it is ignored.
            error serviceAutoScaling[0].stepScaling.stepAdjustments: Each step adjustment has a whole scalingAdjustment and optional numeric metricIntervalLowerBound < metricIntervalUpperBound.
            warning actions[0].stopTask.reasn: Unknown stopTask member 'reasn'; it is ignored.
            warning actions[1].drainContainerInstance.force: Unknown drainContainerInstance member 'force'; it is ignored.
            warning actions[2].failAvailabilityZone.availabilityzone: Unknown failAvailabilityZone member 'availabilityzone'; it is ignored.
            error actions[2].failAvailabilityZone.availabilityZone: availabilityZone is required and must be a string.
            no run"#]],
    );
}

#[test]
fn metric_aggregation_type_is_checked() {
    check(
        r#""until": 60, "serviceAutoScaling": [{"service": "web", "load": [{"at": 0, "value": 10}],
    "stepScaling": {"metricName": "CPUUtilization", "comparisonOperator": "GreaterThanThreshold", "threshold": 50,
      "adjustmentType": "ChangeInCapacity", "metricAggregationType": "Median",
      "stepAdjustments": [{"metricIntervalLowerBound": 0, "scalingAdjustment": 1}]}}]"#,
        expect![[r#"
            error serviceAutoScaling[0].stepScaling.metricAggregationType: metricAggregationType must be one of Average, Minimum, Maximum.
            no run"#]],
    );
}

/// The state just after an action's timeline entry shows what the call changed, before the tasks
/// it leads to (those have entries of their own).
#[test]
fn the_step_of_an_action_shows_what_the_call_changed() {
    let mut document: serde_json::Value =
        serde_json::from_str(ecs_scenario::DEFAULT_SCENARIO).unwrap();
    document["actions"] = serde_json::json!([
        {"at": 60, "updateService": {"service": "web", "desiredCount": 9}},
        {"at": 90, "drainContainerInstance": {"containerInstance": "ci-5"}},
        {"at": 120, "runTask": {"taskDefinition": "web", "count": 2}}
    ]);
    let evaluation = evaluate(&document.to_string());
    let (world, outcome) = (evaluation.world.unwrap(), evaluation.outcome.unwrap());
    let step_after = |kind: &str| {
        outcome
            .timeline
            .iter()
            .position(|e| e.kind == kind)
            .unwrap()
            + 1
    };
    let web = |state: &ecs_sim::Outcome| {
        let s = &state.services[0];
        (s.desired_count, s.running_count, state.tasks.len())
    };

    let step = step_after("updateService");
    assert_eq!(web(&ecs_sim::state_at_step(&world, step - 1)), (6, 6, 6));
    assert_eq!(web(&ecs_sim::state_at_step(&world, step)), (9, 6, 6));
    assert_eq!(outcome.timeline[step].kind, "TaskPlaced");
    assert_eq!(web(&ecs_sim::state_at_step(&world, step + 1)), (9, 6, 7));

    let ci5 = |state: &ecs_sim::Outcome| {
        state
            .container_instances
            .iter()
            .find(|i| i.id == "ci-5")
            .map(|i| i.status.clone())
            .unwrap()
    };
    let step = step_after("drainContainerInstance");
    assert_eq!(ci5(&ecs_sim::state_at_step(&world, step - 1)), "ACTIVE");
    assert_eq!(ci5(&ecs_sim::state_at_step(&world, step)), "DRAINING");

    // RunTask places at once, but each task at its own step.
    let step = step_after("runTask");
    let before = ecs_sim::state_at_step(&world, step - 1).tasks.len();
    assert_eq!(ecs_sim::state_at_step(&world, step).tasks.len(), before);
    assert_eq!(
        ecs_sim::state_at_step(&world, step + 1).tasks.len(),
        before + 1
    );
}

#[test]
fn every_bad_load_point_is_reported() {
    check(
        r#""until": 60, "serviceAutoScaling": [{"service": "web", "maxCapacity": 3,
    "targetTracking": {"predefinedMetricType": "ECSServiceAverageCPUUtilization", "targetValue": 50},
    "load": [{"at": 0, "value": 10}, {"at": 30, "value": -5}, {"at": "soon", "value": 1}, {"value": 2}]}]"#,
        expect![[r#"
            error serviceAutoScaling[0].load[1]: A load point is {"at": seconds from 0 to 604800, "value": a number of at least 0}, not {"at":30,"value":-5}.
            error serviceAutoScaling[0].load[2]: A load point is {"at": seconds from 0 to 604800, "value": a number of at least 0}, not {"at":"soon","value":1}.
            error serviceAutoScaling[0].load[3]: A load point is {"at": seconds from 0 to 604800, "value": a number of at least 0}, not {"value":2}.
            no run"#]],
    );
}

/// Without `until`, a load point counts as an action: the run goes on for `settleHorizon` after
/// the last one, so the policy has time to act on it.
#[test]
fn a_run_without_until_plays_the_load_curve() {
    check(
        r#""serviceAutoScaling": [{"service": "web", "maxCapacity": 3,
    "targetTracking": {"predefinedMetricType": "ECSServiceAverageCPUUtilization", "targetValue": 50},
    "load": [{"at": 0, "value": 20}, {"at": 120, "value": 180}]}]"#,
        expect!["run to 3720 s, 3 tasks"],
    );
}

#[test]
fn a_registered_instance_is_read_like_a_declared_one() {
    // registerContainerInstance and containerInstances share one reader: a misspelt member is a
    // warning naming the closest, a bad attribute or count is an error at its path, a misspelt
    // instance type is refused with the nearest one.
    check(
        r#""actions": [
    {"at": 10, "registerContainerInstance": {"instanceType": "m5.large", "availabilityZone": "us-east-1a", "cuont": 2}},
    {"at": 20, "registerContainerInstance": {"instanceType": "m5.large", "availabilityZone": "us-east-1a", "count": 1001, "attributes": [{"name": "bad name"}]}},
    {"at": 30, "registerContainerInstance": {"instanceType": "m5.lrage", "availabilityZone": "us-east-1a"}}
  ]"#,
        expect![[r#"
            warning actions[0].registerContainerInstance.cuont: Unknown container instance declaration member 'cuont'; it is ignored.
            error actions[1].registerContainerInstance.count: count must be a whole number from 0 to 1000, not 1001.
            error actions[1].registerContainerInstance.attributes[0].name: Attribute names must be 1-128 characters of letters, digits, '_', '-', '/', '\' and '.'.
            error actions[2].registerContainerInstance.instanceType: Unknown instance type 'm5.lrage'.
            no run"#]],
    );
    let evaluation = evaluate(
        r#"{"scenarioVersion": 1, "name": "t", "seed": 1, "availabilityZones": ["us-east-1a"],
  "containerInstances": [{"instanceType": "m5.large", "availabiltyZone": "us-east-1a"}]}"#,
    );
    let warning = &evaluation.diagnostics[0];
    assert_eq!(warning.path, "containerInstances[0].availabiltyZone");
    assert!(
        warning
            .explanation
            .starts_with("Did you mean availabilityZone?"),
        "{}",
        warning.explanation
    );
}

#[test]
fn malformed_spot_interruptions_are_reported() {
    check(
        r#""actions": [
    {"at": 10, "spotInterruption": {"tasks": "task-1"}},
    {"at": 20, "spotInterruption": {"containerInstance": 3, "capacityProvider": "FARGATE"}},
    {"at": 30, "spotInterruption": {"containerInstance": "ci-1", "tasks": ["task-1"]}}]"#,
        expect![[r#"
            error actions[0].spotInterruption.tasks: tasks must be a list of task ids or ARNs.
            error actions[1].spotInterruption.containerInstance: containerInstance must be a container instance id or ARN.
            error actions[1].spotInterruption.capacityProvider: capacityProvider must be FARGATE_SPOT, not "FARGATE".
            error actions[2].spotInterruption: spotInterruption takes either containerInstance (EC2 Spot) or tasks (Fargate Spot), not both.
            no run"#]],
    );
}

#[test]
fn malformed_questions_are_warnings_and_the_run_goes_on() {
    check(
        r#""questions": [
    {"kind": "nextTask", "prompt": "Where?", "taks": "task-2"},
    {"kind": "multipleChoice", "prompt": "Which?", "choices": ["a", "b"], "answer": 5},
    {"kind": "guess", "prompt": "?"}]"#,
        expect![[r#"
            warning questions[0].taks: Unknown question member 'taks'; it is ignored.
            warning questions[0].task: task must be a string.
            warning questions[1].answer: answer must be the index of a choice, from 0 to 1.
            warning questions[2].kind: Unknown question kind 'guess'.
            run to 55 s, 1 tasks"#]],
    );
}

#[test]
fn behaviours_that_change_nothing_are_warnings() {
    check(
        r#""behaviours": {"web:1": {"healthCheck": "HEALTHY"}, "web:7": {"failsToStart": true}},
  "actions": [{"at": 10, "updateService": {"service": "web", "desiredCount": 2}, "behaviour": {"failsToStart": true}}]"#,
        expect![[r#"
            warning actions[0].behaviour: behaviour belongs to a registerTaskDefinition action; on updateService it is ignored.
            warning behaviours.web:7: No task definition revision web:7 is registered in this scenario, so this behaviour is never used.
            run to 65 s, 2 tasks"#]],
    );
}

#[test]
fn scaling_capacities_and_cooldowns_out_of_range_are_errors() {
    check(
        r#""serviceAutoScaling": [{"service": "web", "minCapacity": -1, "maxCapacity": 9000,
    "targetTracking": {"predefinedMetricType": "ECSServiceAverageCPUUtilization", "targetValue": 50,
        "scaleOutCooldown": "soon", "scaleInCooldown": 90000, "disableScaleIn": "no"},
    "load": [{"at": 0, "value": 10}]}]"#,
        expect![[r#"
            error serviceAutoScaling[0].minCapacity: minCapacity must be a whole number from 0 to 5000, not -1.
            error serviceAutoScaling[0].maxCapacity: maxCapacity must be a whole number from 0 to 5000, not 9000.
            error serviceAutoScaling[0].targetTracking.scaleOutCooldown: scaleOutCooldown must be a whole number of seconds from 0 to 86400, not "soon".
            error serviceAutoScaling[0].targetTracking.scaleInCooldown: scaleInCooldown must be a whole number of seconds from 0 to 86400, not 90000.
            error serviceAutoScaling[0].targetTracking.disableScaleIn: disableScaleIn must be true or false, not "no".
            no run"#]],
    );
}
