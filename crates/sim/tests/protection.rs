//! Task scale-in protection (§6.11): UpdateTaskProtection on the timeline, scale-in and rolling
//! updates that skip protected tasks, and the moment protection ends or is cleared.

mod common;

use common::{web, world};
use ecs_sim::Outcome;
use expect_test::{Expect, expect};
use serde_json::{Value, json};

/// A service `s` of `desired` bridge tasks on three instances, one per zone, with `actions`.
fn scenario(desired: u32, actions: Value, until: Option<u64>) -> Outcome {
    let mut description = json!({
        "instances": [
            {"instanceType": "m5.xlarge", "availabilityZone": "us-east-1a"},
            {"instanceType": "m5.xlarge", "availabilityZone": "us-east-1b"},
            {"instanceType": "m5.xlarge", "availabilityZone": "us-east-1c"},
        ],
        "taskDefinitions": [web("web")],
        "services": [{"serviceName": "s", "taskDefinition": "web", "desiredCount": desired,
            "launchType": "EC2",
            "deploymentConfiguration": {"minimumHealthyPercent": 100, "maximumPercent": 200,
                "deploymentCircuitBreaker": {"enable": true, "rollback": true}}}],
        "runTasks": [{"taskDefinition": "web", "count": 1, "launchType": "EC2"}],
        "actions": actions,
    });
    if let Some(until) = until {
        description["until"] = json!(until);
    }
    ecs_sim::run(&world(description)).0
}

/// The protection entries and stop requests of the timeline from `from` on, the service events
/// from then, the failures, and the service at the end.
fn summary(outcome: &Outcome, from: u64) -> String {
    let mut lines = Vec::new();
    for e in outcome.timeline.iter().filter(|e| e.at >= from) {
        let shown = matches!(
            e.kind.as_str(),
            "TaskProtected"
                | "TaskUnprotected"
                | "TaskProtectionExpired"
                | "TaskProtectionFailed"
                | "ScaleInBlocked"
                | "TaskStopRequested"
                | "DeploymentCompleted"
                | "ServiceSteady"
        );
        if shown {
            lines.push(format!("{:>5} {} {}", e.at, e.kind, e.message));
        }
    }
    for e in outcome.events.iter().filter(|e| e.at >= from) {
        lines.push(format!("{:>5} event {}", e.at, e.message));
    }
    for f in &outcome.failures {
        lines.push(format!(
            "failure {} {} {} ({})",
            f.request,
            f.arn.as_deref().unwrap_or("-"),
            f.reason,
            f.detail
        ));
    }
    for s in &outcome.services {
        lines.push(format!(
            "service {} desired {} running {} at {} s",
            s.service_name, s.desired_count, s.running_count, outcome.at
        ));
        for d in &s.deployments {
            lines.push(format!(
                "  {} {} {} {} failed {}",
                d.id, d.status, d.task_definition, d.rollout_state, d.failed_tasks
            ));
        }
    }
    lines.join("\n")
}

fn protect(at: u64, tasks: &[&str], minutes: Option<u32>) -> Value {
    let mut body = json!({"tasks": tasks, "protectionEnabled": true});
    if let Some(m) = minutes {
        body["expiresInMinutes"] = json!(m);
    }
    json!({"at": at, "updateTaskProtection": body})
}

fn unprotect(at: u64, tasks: &[&str]) -> Value {
    json!({"at": at, "updateTaskProtection": {"tasks": tasks, "protectionEnabled": false}})
}

fn desired(at: u64, n: u32) -> Value {
    json!({"at": at, "updateService": {"service": "s", "desiredCount": n}})
}

#[track_caller]
fn check(outcome: &Outcome, from: u64, expected: Expect) {
    expected.assert_eq(&summary(outcome, from));
}

#[test]
fn scale_in_skips_protected_tasks() {
    let outcome = scenario(
        4,
        json!([protect(100, &["task-1", "task-2"], None), desired(200, 2)]),
        Some(400),
    );
    check(
        &outcome,
        100,
        expect![[r#"
              100 TaskProtected task-1 protected from scale-in until 7300 s
              100 TaskProtected task-2 protected from scale-in until 7300 s
              200 TaskStopRequested task-3 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
              200 TaskStopRequested task-4 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
              200 ServiceSteady s reached a steady state
              200 event service s has stopped 2 running tasks: (task task-3) (task task-4).
              200 event service s has reached a steady state.
            service s desired 2 running 2 at 400 s
              ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0"#]],
    );
}

#[test]
fn more_protected_than_desired_waits_for_the_protection_to_expire() {
    // No `until`: the run goes on until the protection ends and the service settles.
    let outcome = scenario(
        4,
        json!([
            protect(60, &["task-1", "task-2", "task-3"], Some(10)),
            desired(120, 1)
        ]),
        None,
    );
    check(
        &outcome,
        60,
        expect![[r#"
               60 TaskProtected task-1 protected from scale-in until 660 s
               60 TaskProtected task-2 protected from scale-in until 660 s
               60 TaskProtected task-3 protected from scale-in until 660 s
              120 TaskStopRequested task-4 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
              120 ScaleInBlocked task-1 is protected from scale-in until 660 s
              120 ScaleInBlocked task-2 is protected from scale-in until 660 s
              120 ScaleInBlocked task-3 is protected from scale-in until 660 s
              660 TaskProtectionExpired task-1 scale-in protection expired
              660 TaskProtectionExpired task-2 scale-in protection expired
              660 TaskProtectionExpired task-3 scale-in protection expired
              660 TaskStopRequested task-1 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
              660 TaskStopRequested task-3 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
              660 ServiceSteady s reached a steady state
              120 event service s has stopped 1 running tasks: (task task-4).
              120 event service (s) was unable to reach steady state because task set (ecs-svc/0000000000000000001) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks.
              660 event service s has stopped 2 running tasks: (task task-1) (task task-3).
              660 event service s has reached a steady state.
            service s desired 1 running 1 at 670 s
              ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0"#]],
    );
}

#[test]
fn expires_in_minutes_defaults_to_two_hours() {
    let outcome = scenario(2, json!([protect(30, &["task-1"], None)]), Some(60));
    let task = outcome
        .tasks
        .iter()
        .find(|t| t.task_id == "task-1")
        .expect("task-1");
    assert_eq!(task.protection_expires_at, Some(30 + 120 * 60));
    let other = outcome
        .tasks
        .iter()
        .find(|t| t.task_id == "task-2")
        .expect("task-2");
    assert_eq!(other.protection_expires_at, None);
}

#[test]
fn the_action_is_checked_field_by_field() {
    let timeline = json!({"actions": [
        {"at": 1, "updateTaskProtection": {"tasks": ["task-1"], "protectionEnabled": true, "expiresInMinutes": 0}},
        {"at": 2, "updateTaskProtection": {"tasks": ["task-1"], "protectionEnabled": true, "expiresInMinutes": 2881}},
        {"at": 3, "updateTaskProtection": {"tasks": ["task-1"], "protectionEnabled": true, "expiresInMinutes": 2880}},
        {"at": 4, "updateTaskProtection": {"tasks": ["task-1"], "protectionEnabled": true, "expiresInMinutes": 1}},
        {"at": 5, "updateTaskProtection": {"tasks": ["task-1"], "expiresInMinutes": "ten"}},
        {"at": 6, "updateTaskProtection": {"tasks": [], "protectionEnabled": false}},
        {"at": 7, "updateTaskProtection": {"tasks": (1..=11).map(|n| format!("task-{n}")).collect::<Vec<_>>(), "protectionEnabled": false}},
    ]});
    let mut world = ecs_sim::World::default();
    let Value::Object(map) = timeline else {
        unreachable!()
    };
    let diagnostics = ecs_sim::read_timeline(&map, &mut world);
    let mut lines: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{} {}: {}", d.severity.as_str(), d.path, d.message))
        .collect();
    for a in &world.actions {
        lines.push(format!("{} {:?}", a.path, a.action));
    }
    expect![[r#"
        error actions[0].updateTaskProtection.expiresInMinutes: expiresInMinutes must be a whole number of minutes from 1 to 2880, not 0.
        error actions[1].updateTaskProtection.expiresInMinutes: expiresInMinutes must be a whole number of minutes from 1 to 2880, not 2881.
        error actions[4].updateTaskProtection.protectionEnabled: protectionEnabled is required and must be true or false.
        error actions[4].updateTaskProtection.expiresInMinutes: expiresInMinutes must be a whole number of minutes from 1 to 2880, not "ten".
        error actions[5].updateTaskProtection.tasks: tasks is required: a list of 1 to 10 task ids or ARNs.
        error actions[6].updateTaskProtection.tasks: tasks is required: a list of 1 to 10 task ids or ARNs.
        actions[2] UpdateTaskProtection { tasks: ["task-1"], protection_enabled: true, expires_in_minutes: 2880 }
        actions[3] UpdateTaskProtection { tasks: ["task-1"], protection_enabled: true, expires_in_minutes: 1 }"#]].assert_eq(&lines.join("\n"));
}

#[test]
fn tasks_it_cannot_protect_are_failures() {
    // task-3 is the standalone RunTask task; task-9 does not exist; once the service has more
    // protected tasks than it wants, protecting more is blocked but unprotecting is not.
    let outcome = scenario(
        2,
        json!([
            protect(60, &["task-9", "task-3", "task-1", "task-2"], None),
            desired(90, 1),
            protect(
                120,
                &["arn:aws:ecs:us-east-1:123456789012:task/default/task-1"],
                None
            ),
            unprotect(150, &["task-2"]),
        ]),
        Some(200),
    );
    check(
        &outcome,
        60,
        expect![[r#"
               60 TaskProtectionFailed task-9: MISSING (The task was not found in the cluster.)
               60 TaskProtectionFailed task-3: TASK_NOT_VALID (The task does not belong to a service.)
               60 TaskProtected task-1 protected from scale-in until 7260 s
               60 TaskProtected task-2 protected from scale-in until 7260 s
               90 ScaleInBlocked task-1 is protected from scale-in until 7260 s
               90 ScaleInBlocked task-2 is protected from scale-in until 7260 s
              120 TaskProtectionFailed task-1: DEPLOYMENT_BLOCKED (The service has more protected tasks than its desired count of tasks.)
              150 TaskUnprotected task-2 no longer protected from scale-in
              150 TaskStopRequested task-2 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
              150 ServiceSteady s reached a steady state
               90 event service (s) was unable to reach steady state because task set (ecs-svc/0000000000000000001) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks.
              150 event service s has stopped 1 running tasks: (task task-2).
              150 event service s has reached a steady state.
            failure actions[0].updateTaskProtection arn:aws:ecs:us-east-1:123456789012:task/default/task-9 MISSING (The task was not found in the cluster.)
            failure actions[0].updateTaskProtection arn:aws:ecs:us-east-1:123456789012:task/default/task-3 TASK_NOT_VALID (The task does not belong to a service.)
            failure actions[2].updateTaskProtection arn:aws:ecs:us-east-1:123456789012:task/default/task-1 DEPLOYMENT_BLOCKED (The service has more protected tasks than its desired count of tasks.)
            service s desired 1 running 1 at 200 s
              ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0"#]],
    );
}

#[test]
fn a_rolling_update_waits_for_a_protected_old_task() {
    let outcome = scenario(
        2,
        json!([
            protect(60, &["task-1"], Some(15)),
            {"at": 100, "registerTaskDefinition": web("web")},
            {"at": 100, "updateService": {"service": "s", "taskDefinition": "web:2"}},
        ]),
        Some(1200),
    );
    check(
        &outcome,
        60,
        expect![[r#"
               60 TaskProtected task-1 protected from scale-in until 960 s
              155 TaskStopRequested task-2 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000002))
              155 ScaleInBlocked task-1 is protected from scale-in until 960 s
              960 TaskProtectionExpired task-1 scale-in protection expired
              960 TaskStopRequested task-1 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000002))
              960 DeploymentCompleted ecs-svc/0000000000000000002 completed
              960 ServiceSteady s reached a steady state
              100 event service s has started 2 tasks: (task task-4) (task task-5).
              155 event service s has stopped 1 running tasks: (task task-2).
              155 event service (s) was unable to reach steady state because task set (ecs-svc/0000000000000000001) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks.
              960 event service s has stopped 1 running tasks: (task task-1).
              960 event (service s) (deployment ecs-svc/0000000000000000002) deployment completed.
              960 event service s has reached a steady state.
            service s desired 2 running 2 at 1200 s
              ecs-svc/0000000000000000002 PRIMARY web:2 COMPLETED failed 0
              ecs-svc/0000000000000000001 INACTIVE web:1 COMPLETED failed 0"#]],
    );
}

#[test]
fn unprotecting_releases_a_task_at_once() {
    let outcome = scenario(
        3,
        json!([
            protect(60, &["task-1", "task-2", "task-3"], None),
            desired(100, 1),
            unprotect(200, &["task-2"]),
            unprotect(300, &["task-3"]),
        ]),
        Some(400),
    );
    check(
        &outcome,
        100,
        expect![[r#"
              100 ScaleInBlocked task-1 is protected from scale-in until 7260 s
              100 ScaleInBlocked task-2 is protected from scale-in until 7260 s
              100 ScaleInBlocked task-3 is protected from scale-in until 7260 s
              200 TaskUnprotected task-2 no longer protected from scale-in
              200 TaskStopRequested task-2 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
              300 TaskUnprotected task-3 no longer protected from scale-in
              300 TaskStopRequested task-3 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
              300 ServiceSteady s reached a steady state
              100 event service (s) was unable to reach steady state because task set (ecs-svc/0000000000000000001) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks.
              200 event service s has stopped 1 running tasks: (task task-2).
              300 event service s has stopped 1 running tasks: (task task-3).
              300 event service s has reached a steady state.
            service s desired 1 running 1 at 400 s
              ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0"#]],
    );
}

#[test]
fn service_auto_scaling_scale_in_skips_protected_tasks() {
    let world = world(json!({
        "instances": [
            {"instanceType": "m5.xlarge", "availabilityZone": "us-east-1a"},
            {"instanceType": "m5.xlarge", "availabilityZone": "us-east-1b"},
        ],
        "taskDefinitions": [web("web")],
        "services": [{"serviceName": "s", "taskDefinition": "web", "desiredCount": 6,
            "launchType": "EC2"}],
        "serviceAutoScaling": [{"service": "s", "minCapacity": 1, "maxCapacity": 6,
            "targetTracking": {"predefinedMetricType": "ECSServiceAverageCPUUtilization",
                "targetValue": 50},
            "load": [{"at": 0, "value": 60}]}],
        "actions": [protect(60, &["task-1", "task-2", "task-3", "task-4"], Some(60))],
        "until": 4000,
    }));
    let (outcome, _) = ecs_sim::run(&world);
    check(
        &outcome,
        61,
        expect![[r#"
          900 TaskStopRequested task-5 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
          900 TaskStopRequested task-6 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
          900 ScaleInBlocked task-1 is protected from scale-in until 3660 s
          900 ScaleInBlocked task-2 is protected from scale-in until 3660 s
          900 ScaleInBlocked task-3 is protected from scale-in until 3660 s
          900 ScaleInBlocked task-4 is protected from scale-in until 3660 s
         3660 TaskProtectionExpired task-1 scale-in protection expired
         3660 TaskProtectionExpired task-2 scale-in protection expired
         3660 TaskProtectionExpired task-3 scale-in protection expired
         3660 TaskProtectionExpired task-4 scale-in protection expired
         3660 TaskStopRequested task-1 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
         3660 TaskStopRequested task-2 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
         3660 ServiceSteady s reached a steady state
          900 event service s has stopped 2 running tasks: (task task-5) (task task-6).
          900 event service (s) was unable to reach steady state because task set (ecs-svc/0000000000000000001) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks.
         3660 event service s has stopped 2 running tasks: (task task-1) (task task-2).
         3660 event service s has reached a steady state.
        service s desired 2 running 2 at 4000 s
          ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0"#]],
    );
}

#[test]
fn protection_does_not_hold_a_draining_instance_or_stop_task() {
    // task-1 runs on ci-2.
    let outcome = scenario(
        3,
        json!([
            protect(60, &["task-1", "task-2", "task-3"], None),
            {"at": 100, "drainContainerInstance": {"containerInstance": "ci-2"}},
            {"at": 100, "stopTask": {"task": "task-3"}},
        ]),
        Some(400),
    );
    check(
        &outcome,
        100,
        expect![[r#"
          100 TaskStopRequested task-3 stop: UserInitiated (Task stopped by user)
          155 TaskStopRequested task-1 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
          155 ServiceSteady s reached a steady state
          100 event service s has started 2 tasks: (task task-5) (task task-6).
          155 event service s has stopped 1 running tasks: (task task-1).
          155 event service s has reached a steady state.
        service s desired 3 running 3 at 400 s
          ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0"#]],
    );
}

#[test]
fn a_daemon_deployment_waits_for_a_protected_task() {
    let world = world(json!({
        "instances": [
            {"instanceType": "m5.xlarge", "availabilityZone": "us-east-1a"},
            {"instanceType": "m5.xlarge", "availabilityZone": "us-east-1b"},
        ],
        "taskDefinitions": [web("agent")],
        "services": [{"serviceName": "d", "taskDefinition": "agent", "schedulingStrategy": "DAEMON",
            "launchType": "EC2"}],
        "actions": [
            protect(60, &["task-1"], Some(5)),
            {"at": 100, "registerTaskDefinition": web("agent")},
            {"at": 100, "updateService": {"service": "d", "taskDefinition": "agent:2"}},
        ],
        "until": 600,
    }));
    let (outcome, _) = ecs_sim::run(&world);
    check(
        &outcome,
        100,
        expect![[r#"
          100 TaskStopRequested task-2 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000002))
          100 ScaleInBlocked task-1 is protected from scale-in until 360 s
          360 TaskProtectionExpired task-1 scale-in protection expired
          360 TaskStopRequested task-1 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000002))
          415 DeploymentCompleted ecs-svc/0000000000000000002 completed
          415 ServiceSteady d reached a steady state
          100 event service d has stopped 1 running tasks: (task task-2).
          100 event service (d) was unable to reach steady state because task set (ecs-svc/0000000000000000001) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks.
          100 event service d has started 1 tasks: (task task-3).
          360 event service d has stopped 1 running tasks: (task task-1).
          360 event service d has started 1 tasks: (task task-4).
          415 event (service d) (deployment ecs-svc/0000000000000000002) deployment completed.
          415 event service d has reached a steady state.
        service d desired 2 running 2 at 600 s
          ecs-svc/0000000000000000002 PRIMARY agent:2 COMPLETED failed 0
          ecs-svc/0000000000000000001 INACTIVE agent:1 COMPLETED failed 0"#]],
    );
}
