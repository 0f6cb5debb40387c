//! The timeline fixtures of `tests/scenarios/timeline-*.json`: each one's key outcome as a
//! compact summary (services and deployments at the end, the most tasks a service ever had and
//! the fewest healthy ones once steady, how tasks stopped, and the service events), plus the
//! invariants every run must keep.

use std::collections::BTreeMap;

use ecs_scenario::{Evaluation, evaluate, explain};
use ecs_sim::Outcome;
use expect_test::{Expect, expect};

fn load(name: &str) -> Evaluation {
    let path = format!(
        "{}/../../tests/scenarios/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    evaluate(&text)
}

/// Per service: the most tasks with desired status RUNNING at any step, and the fewest healthy
/// tasks at any step after the service first reached a steady state.
fn extremes(outcome: &Outcome) -> BTreeMap<String, (usize, usize)> {
    let mut live: BTreeMap<String, BTreeMap<String, bool>> = BTreeMap::new();
    let mut result: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut steady: BTreeMap<String, bool> = BTreeMap::new();
    for entry in &outcome.timeline {
        let (Some(service), Some(task)) = (&entry.service, &entry.task_id) else {
            if entry.kind == "ServiceSteady"
                && let Some(service) = &entry.service
            {
                steady.insert(service.clone(), true);
            }
            continue;
        };
        let tasks = live.entry(service.clone()).or_default();
        match entry.kind.as_str() {
            "TaskPlaced" => {
                tasks.insert(task.clone(), false);
            }
            "TaskHealthy" => {
                tasks.insert(task.clone(), true);
            }
            "TaskStopRequested" | "TaskStopped" => {
                tasks.remove(task);
            }
            _ => {}
        }
        let healthy = tasks.values().filter(|h| **h).count();
        let slot = result.entry(service.clone()).or_insert((0, usize::MAX));
        slot.0 = slot.0.max(tasks.len());
        if steady.get(service).copied().unwrap_or(false) {
            slot.1 = slot.1.min(healthy);
        }
    }
    result
}

fn summary(evaluation: &Evaluation) -> String {
    let mut lines = Vec::new();
    for d in &evaluation.diagnostics {
        lines.push(format!("{} {}: {}", d.severity.as_str(), d.path, d.message));
    }
    let Some(outcome) = &evaluation.outcome else {
        lines.push("no run".to_owned());
        return lines.join("\n");
    };
    lines.push(format!(
        "at {} s, {} timeline entries",
        outcome.at,
        outcome.timeline.len()
    ));
    let extremes = extremes(outcome);
    for s in &outcome.services {
        let (peak, low) = extremes
            .get(&s.service_name)
            .copied()
            .unwrap_or((0, usize::MAX));
        let low = if low == usize::MAX {
            "-".to_owned()
        } else {
            low.to_string()
        };
        lines.push(format!(
            "service {} desired {} running {} pending {} | most tasks {peak}, fewest healthy once steady {low}",
            s.service_name, s.desired_count, s.running_count, s.pending_count
        ));
        for d in &s.deployments {
            lines.push(format!(
                "  {} {} {} {} failed {} ({})",
                d.id,
                d.status,
                d.task_definition,
                d.rollout_state,
                d.failed_tasks,
                d.rollout_state_reason
            ));
        }
    }
    let mut where_running: BTreeMap<String, usize> = BTreeMap::new();
    let mut stops: BTreeMap<String, usize> = BTreeMap::new();
    for t in &outcome.tasks {
        if t.last_status == "STOPPED" {
            *stops
                .entry(format!(
                    "{} {}",
                    t.stop_code.as_deref().unwrap_or("-"),
                    t.stopped_reason.as_deref().unwrap_or("-")
                ))
                .or_default() += 1;
        } else {
            let place = match (&t.capacity_provider_name, &t.container_instance) {
                (Some(provider), _) => provider.clone(),
                (None, Some(instance)) => instance.clone(),
                (None, None) => t.availability_zone.clone().unwrap_or_default(),
            };
            *where_running
                .entry(format!(
                    "{} {} {} {}",
                    t.last_status,
                    t.group,
                    place,
                    t.availability_zone.as_deref().unwrap_or("-")
                ))
                .or_default() += 1;
        }
    }
    for (k, n) in where_running {
        lines.push(format!("{n}× {k}"));
    }
    for (k, n) in stops {
        lines.push(format!("{n}× stopped {k}"));
    }
    for i in &outcome.container_instances {
        if i.status != "ACTIVE" || !i.agent_connected {
            lines.push(format!(
                "instance {} {} connected={}",
                i.id, i.status, i.agent_connected
            ));
        }
    }
    for p in &outcome.capacity_providers {
        lines.push(format!(
            "capacity provider {} instances {} launching {} reservation {} provisioning {}",
            p.name, p.instances, p.launching, p.capacity_provider_reservation, p.provisioning_tasks
        ));
    }
    for e in &outcome.timeline {
        if matches!(
            e.kind.as_str(),
            "CapacityProviderReservation" | "ScaleOut" | "ScaleIn" | "DesiredCountChanged"
        ) {
            lines.push(format!("{:>5} {}", e.at, e.message));
        }
    }
    for e in &outcome.events {
        lines.push(format!("{:>5} {}", e.at, e.message));
    }
    lines.join("\n")
}

/// What every run must keep: no task lost (each ends RUNNING or STOPPED with a code and a
/// reason, or is on its way with a stop requested), explanations that name the chosen instance,
/// the last step's state equal to the run's, and the same result twice.
fn check_invariants(name: &str, evaluation: &Evaluation) {
    let outcome = evaluation.outcome.as_ref().expect("a run");
    for t in &outcome.tasks {
        if t.last_status == "STOPPED" {
            assert!(
                t.stop_code.is_some() && t.stopped_reason.is_some(),
                "{name}: {} stopped without a reason",
                t.task_id
            );
        }
        if t.desired_status == "STOPPED" {
            assert!(t.stop_code.is_some(), "{name}: {}", t.task_id);
        }
        if t.container_instance.is_some() {
            let explanation = explain(evaluation, t.placement_index).expect("an explanation");
            let chosen = explanation.chosen.expect("a chosen instance");
            assert_eq!(
                Some(chosen.container_instance_id),
                t.container_instance,
                "{name}: explanation of {}",
                t.task_id
            );
        }
    }
    let world = evaluation.world.as_ref().expect("a world");
    assert_eq!(
        &ecs_sim::state_at_step(world, usize::MAX),
        outcome,
        "{name}: the last step is the final state"
    );
    let again = ecs_sim::run(world).0;
    assert_eq!(&again, outcome, "{name}: deterministic");
}

#[track_caller]
fn check(name: &str, expected: Expect) {
    let evaluation = load(name);
    check_invariants(name, &evaluation);
    expected.assert_eq(&summary(&evaluation));
}

#[test]
fn rolling_update() {
    check(
        "timeline-rolling-update",
        expect![[r#"
            at 600 s, 154 timeline entries
            service half desired 4 running 4 pending 0 | most tasks 8, fewest healthy once steady 2
              ecs-svc/0000000000000000004 PRIMARY web:2 COMPLETED failed 0 (ECS deployment completed.)
              ecs-svc/0000000000000000001 INACTIVE web:1 COMPLETED failed 0 (ECS deployment completed.)
            service full desired 4 running 4 pending 0 | most tasks 8, fewest healthy once steady 4
              ecs-svc/0000000000000000005 PRIMARY web:2 COMPLETED failed 0 (ECS deployment completed.)
              ecs-svc/0000000000000000002 INACTIVE web:1 COMPLETED failed 0 (ECS deployment completed.)
            service zero desired 4 running 4 pending 0 | most tasks 4, fewest healthy once steady 0
              ecs-svc/0000000000000000006 PRIMARY web:2 COMPLETED failed 0 (ECS deployment completed.)
              ecs-svc/0000000000000000003 INACTIVE web:1 COMPLETED failed 0 (ECS deployment completed.)
            1× RUNNING service:full ci-1 us-east-1a
            1× RUNNING service:full ci-2 us-east-1a
            1× RUNNING service:full ci-3 us-east-1b
            1× RUNNING service:full ci-4 us-east-1b
            1× RUNNING service:half ci-1 us-east-1a
            1× RUNNING service:half ci-2 us-east-1a
            1× RUNNING service:half ci-3 us-east-1b
            1× RUNNING service:half ci-4 us-east-1b
            1× RUNNING service:zero ci-1 us-east-1a
            1× RUNNING service:zero ci-2 us-east-1a
            1× RUNNING service:zero ci-3 us-east-1b
            1× RUNNING service:zero ci-4 us-east-1b
            4× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000004)
            4× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000005)
            4× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000006)
                0 service half has started 4 tasks: (task task-1) (task task-2) (task task-3) (task task-4).
                0 service full has started 4 tasks: (task task-5) (task task-6) (task task-7) (task task-8).
                0 service zero has started 4 tasks: (task task-9) (task task-10) (task task-11) (task task-12).
               55 (service half) (deployment ecs-svc/0000000000000000001) deployment completed.
               55 service half has reached a steady state.
               55 (service full) (deployment ecs-svc/0000000000000000002) deployment completed.
               55 service full has reached a steady state.
               55 (service zero) (deployment ecs-svc/0000000000000000003) deployment completed.
               55 service zero has reached a steady state.
               60 service half has started 4 tasks: (task task-13) (task task-14) (task task-15) (task task-16).
               60 service half has stopped 2 running tasks: (task task-1) (task task-3).
               60 service full has started 4 tasks: (task task-17) (task task-18) (task task-19) (task task-20).
               60 service zero has stopped 4 running tasks: (task task-9) (task task-10) (task task-11) (task task-12).
               60 service zero has started 4 tasks: (task task-21) (task task-22) (task task-23) (task task-24).
              115 service half has stopped 2 running tasks: (task task-2) (task task-4).
              115 (service half) (deployment ecs-svc/0000000000000000004) deployment completed.
              115 service half has reached a steady state.
              115 service full has stopped 4 running tasks: (task task-5) (task task-6) (task task-7) (task task-8).
              115 (service full) (deployment ecs-svc/0000000000000000005) deployment completed.
              115 service full has reached a steady state.
              115 (service zero) (deployment ecs-svc/0000000000000000006) deployment completed.
              115 service zero has reached a steady state."#]],
    );
}

#[test]
fn stuck_deployment() {
    check(
        "timeline-stuck-deployment",
        expect![[r#"
        warning services[0].deploymentConfiguration: Update the minimumHealthyPercent or maximumPercent value and try again.
        at 600 s, 22 timeline entries
        service web desired 4 running 4 pending 0 | most tasks 4, fewest healthy once steady -
          ecs-svc/0000000000000000002 PRIMARY web:2 IN_PROGRESS failed 0 (ECS deployment in progress.)
          ecs-svc/0000000000000000001 ACTIVE web:1 COMPLETED failed 0 (ECS deployment completed.)
        1× RUNNING service:web ci-1 us-east-1a
        1× RUNNING service:web ci-2 us-east-1a
        1× RUNNING service:web ci-3 us-east-1b
        1× RUNNING service:web ci-4 us-east-1b
            0 service web has started 4 tasks: (task task-1) (task task-2) (task task-3) (task task-4).
           55 (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
           55 service web has reached a steady state.
           60 service (web) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again."#]],
    );
}

#[test]
fn circuit_breaker() {
    check(
        "timeline-circuit-breaker",
        expect![[r#"
        at 900 s, 54 timeline entries
        service web desired 4 running 4 pending 0 | most tasks 8, fewest healthy once steady 4
          ecs-svc/0000000000000000003 PRIMARY web:1 COMPLETED failed 0 (ECS deployment completed.)
          ecs-svc/0000000000000000002 INACTIVE web:2 FAILED failed 4 (ECS deployment circuit breaker: tasks failed health checks.)
          ecs-svc/0000000000000000001 INACTIVE web:1 COMPLETED failed 0 (ECS deployment completed.)
        1× RUNNING service:web ci-1 us-east-1a
        1× RUNNING service:web ci-2 us-east-1a
        1× RUNNING service:web ci-3 us-east-1b
        1× RUNNING service:web ci-4 us-east-1b
        4× stopped ServiceSchedulerInitiated Task failed container health checks
            0 service web has started 4 tasks: (task task-1) (task task-2) (task task-3) (task task-4).
           55 (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
           55 service web has reached a steady state.
           60 service web has started 4 tasks: (task task-5) (task task-6) (task task-7) (task task-8).
          115 service web (task task-5) failed container health checks.
          115 service web (task task-6) failed container health checks.
          115 service web (task task-7) failed container health checks.
          115 (service web) (deployment ecs-svc/0000000000000000002) deployment failed: tasks failed health checks.
          115 (service web) (deployment ecs-svc/0000000000000000002) deployment rolling back to ecs-svc/0000000000000000001.
          115 service web (task task-8) failed container health checks.
          115 (service web) (deployment ecs-svc/0000000000000000003) deployment completed.
          115 service web has reached a steady state."#]],
    );
}

#[test]
fn drain() {
    check(
        "timeline-drain",
        expect![[r#"
        at 600 s, 54 timeline entries
        service web desired 4 running 4 pending 0 | most tasks 8, fewest healthy once steady 4
          ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0 (ECS deployment completed.)
        1× RUNNING family:web ci-1 us-east-1a
        4× RUNNING service:web ci-4 us-east-1b
        4× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000001)
        instance ci-1 DRAINING connected=true
            0 service web has started 4 tasks: (task task-1) (task task-2) (task task-3) (task task-4).
           55 (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
           55 service web has reached a steady state.
          120 service web has started 4 tasks: (task task-6) (task task-7) (task task-8) (task task-9).
          175 service web has stopped 4 running tasks: (task task-1) (task task-2) (task task-3) (task task-4).
          175 service web has reached a steady state."#]],
    );
}

#[test]
fn terminate_instance() {
    check(
        "timeline-terminate-instance",
        expect![[r#"
        at 600 s, 40 timeline entries
        service web desired 6 running 6 pending 0 | most tasks 6, fewest healthy once steady 4
          ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0 (ECS deployment completed.)
        3× RUNNING service:web ci-2 us-east-1a
        1× RUNNING service:web ci-3 us-east-1b
        2× RUNNING service:web ci-4 us-east-1b
        2× stopped TerminationNotice Host EC2 (instance i-05ca1ab1e00000001) terminated.
        instance ci-1 INACTIVE connected=false
            0 service web has started 6 tasks: (task task-1) (task task-2) (task task-3) (task task-4) (task task-5) (task task-6).
           55 (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
           55 service web has reached a steady state.
          120 service web has started 2 tasks: (task task-7) (task task-8).
          175 service web has reached a steady state."#]],
    );
}

#[test]
fn az_outage() {
    check(
        "timeline-az-outage",
        expect![[r#"
            at 1200 s, 95 timeline entries
            service balanced desired 6 running 6 pending 0 | most tasks 7, fewest healthy once steady 4
              ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0 (ECS deployment completed.)
            service static desired 6 running 6 pending 0 | most tasks 6, fewest healthy once steady 4
              ecs-svc/0000000000000000002 PRIMARY web:1 COMPLETED failed 0 (ECS deployment completed.)
            1× RUNNING service:balanced ci-1 us-east-1a
            1× RUNNING service:balanced ci-2 us-east-1a
            1× RUNNING service:balanced ci-3 us-east-1b
            1× RUNNING service:balanced ci-4 us-east-1b
            1× RUNNING service:balanced ci-5 us-east-1c
            1× RUNNING service:balanced ci-6 us-east-1c
            2× RUNNING service:static ci-1 us-east-1a
            1× RUNNING service:static ci-2 us-east-1a
            1× RUNNING service:static ci-3 us-east-1b
            2× RUNNING service:static ci-4 us-east-1b
            4× stopped InfrastructureHealth Task stopped because Availability Zone us-east-1c became unavailable.
            2× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000001)
                0 service balanced has started 6 tasks: (task task-1) (task task-2) (task task-3) (task task-4) (task task-5) (task task-6).
                0 service static has started 6 tasks: (task task-7) (task task-8) (task task-9) (task task-10) (task task-11) (task task-12).
               55 (service balanced) (deployment ecs-svc/0000000000000000001) deployment completed.
               55 service balanced has reached a steady state.
               55 (service static) (deployment ecs-svc/0000000000000000002) deployment completed.
               55 service static has reached a steady state.
              120 service balanced has started 2 tasks: (task task-13) (task task-14).
              120 service static has started 2 tasks: (task task-15) (task task-16).
              175 service balanced has reached a steady state.
              175 service static has reached a steady state.
              600 service (balanced) is not AZ balanced with 3 tasks in us-east-1a, 3 in us-east-1b, and 0 in us-east-1c. AZ Rebalancing in progress.
              600 service balanced has started 1 tasks: (task task-17).
              655 service balanced has stopped 1 running tasks: (task task-14).
              655 service balanced has started 1 tasks: (task task-18).
              710 service balanced has stopped 1 running tasks: (task task-13).
              710 service (balanced) is AZ balanced with 2 tasks in us-east-1a, 2 in us-east-1b, and 2 in us-east-1c.
              710 service balanced has reached a steady state."#]],
    );
}

#[test]
fn daemon() {
    check(
        "timeline-daemon",
        expect![[r#"
            at 600 s, 68 timeline entries
            service agent desired 4 running 4 pending 0 | most tasks 5, fewest healthy once steady 0
              ecs-svc/0000000000000000002 PRIMARY agent:2 COMPLETED failed 0 (ECS deployment completed.)
              ecs-svc/0000000000000000001 INACTIVE agent:1 COMPLETED failed 0 (ECS deployment completed.)
            1× RUNNING service:agent ci-2 us-east-1a
            1× RUNNING service:agent ci-3 us-east-1b
            1× RUNNING service:agent ci-4 us-east-1b
            1× RUNNING service:agent ci-5 us-east-1a
            1× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000001)
            4× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000002)
            instance ci-1 DRAINING connected=true
                0 service agent has started 2 tasks: (task task-1) (task task-2).
               55 (service agent) (deployment ecs-svc/0000000000000000001) deployment completed.
               55 service agent has reached a steady state.
              120 service agent has started 2 tasks: (task task-3) (task task-4).
              175 service agent has reached a steady state.
              240 service agent has started 1 tasks: (task task-5).
              295 service agent has reached a steady state.
              360 service agent has stopped 1 running tasks: (task task-1).
              450 service agent has stopped 4 running tasks: (task task-2) (task task-3) (task task-4) (task task-5).
              450 service agent has started 4 tasks: (task task-6) (task task-7) (task task-8) (task task-9).
              505 (service agent) (deployment ecs-svc/0000000000000000002) deployment completed.
              505 service agent has reached a steady state."#]],
    );
}

#[test]
fn capacity_providers() {
    check(
        "timeline-capacity-providers",
        expect![[r#"
        at 300 s, 53 timeline entries
        service job desired 10 running 10 pending 0 | most tasks 10, fewest healthy once steady -
          ecs-svc/0000000000000000001 PRIMARY job:1 COMPLETED failed 0 (ECS deployment completed.)
        2× RUNNING service:job FARGATE us-east-1a
        2× RUNNING service:job FARGATE us-east-1b
        3× RUNNING service:job FARGATE_SPOT us-east-1a
        3× RUNNING service:job FARGATE_SPOT us-east-1b
            0 service job has started 10 tasks: (task task-1) (task task-2) (task task-3) (task task-4) (task task-5) (task task-6) (task task-7) (task task-8) (task task-9) (task task-10).
           75 (service job) (deployment ecs-svc/0000000000000000001) deployment completed.
           75 service job has reached a steady state."#]],
    );
}

#[test]
fn fargate_spot() {
    check(
        "timeline-fargate-spot",
        expect![[r#"
        at 600 s, 34 timeline entries
        service job desired 4 running 4 pending 0 | most tasks 4, fewest healthy once steady 3
          ecs-svc/0000000000000000001 PRIMARY job:1 COMPLETED failed 0 (ECS deployment completed.)
        2× RUNNING service:job FARGATE us-east-1a
        1× RUNNING service:job FARGATE us-east-1b
        1× RUNNING service:job FARGATE_SPOT us-east-1b
        1× stopped SpotInterruption Your Spot Task was interrupted.
            0 service job has started 4 tasks: (task task-1) (task task-2) (task task-3) (task task-4).
           75 (service job) (deployment ecs-svc/0000000000000000001) deployment completed.
           75 service job has reached a steady state.
          120 service job has started 1 tasks: (task task-5).
          195 service job has reached a steady state."#]],
    );
}

#[test]
fn throttle() {
    check(
        "timeline-throttle",
        expect![[r#"
            at 1800 s, 65 timeline entries
            service web desired 2 running 2 pending 0 | most tasks 4, fewest healthy once steady 2
              ecs-svc/0000000000000000003 PRIMARY web:3 COMPLETED failed 0 (ECS deployment completed.)
              ecs-svc/0000000000000000002 INACTIVE web:2 FAILED failed 8 (ECS deployment replaced by a newer one.)
              ecs-svc/0000000000000000001 INACTIVE web:1 COMPLETED failed 0 (ECS deployment completed.)
            1× RUNNING service:web ci-2 us-east-1a
            1× RUNNING service:web ci-3 us-east-1b
            2× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000003)
            8× stopped TaskFailedToStart CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref public.ecr.aws/nginx/nginx:1.27: not found
                0 service web has started 2 tasks: (task task-1) (task task-2).
               55 (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
               55 service web has reached a steady state.
               60 service web has started 2 tasks: (task task-3) (task task-4).
               75 (service web) is unable to consistently start tasks successfully.
              105 service web has started 2 tasks: (task task-5) (task task-6).
              120 (service web) is unable to consistently start tasks successfully.
              240 service web has started 2 tasks: (task task-7) (task task-8).
              255 (service web) is unable to consistently start tasks successfully.
              735 service web has started 2 tasks: (task task-9) (task task-10).
              750 (service web) is unable to consistently start tasks successfully.
             1500 service web has started 2 tasks: (task task-11) (task task-12).
             1555 service web has stopped 2 running tasks: (task task-1) (task task-2).
             1555 (service web) (deployment ecs-svc/0000000000000000003) deployment completed.
             1555 service web has reached a steady state."#]],
    );
}

#[test]
fn scale_and_stop() {
    check(
        "timeline-scale-and-stop",
        expect![[r#"
        at 600 s, 50 timeline entries
        service web desired 3 running 3 pending 0 | most tasks 5, fewest healthy once steady 2
          ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0 (ECS deployment completed.)
        1× RUNNING service:web ci-2 us-east-1a
        1× RUNNING service:web ci-3 us-east-1b
        1× RUNNING service:web ci-4 us-east-1b
        1× stopped EssentialContainerExited Essential container in task exited
        2× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000001)
        1× stopped UserInitiated Debugging
            0 service web has started 2 tasks: (task task-1) (task task-2).
           55 (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
           55 service web has reached a steady state.
           60 service web has started 3 tasks: (task task-4) (task task-5) (task task-6).
          115 service web has reached a steady state.
          200 service web has started 1 tasks: (task task-7).
          255 service web has reached a steady state.
          300 service web has stopped 2 running tasks: (task task-5) (task task-7).
          300 service web has reached a steady state."#]],
    );
}

#[test]
fn managed_scaling() {
    check(
        "timeline-managed-scaling",
        expect![[r#"
        at 2400 s, 43 timeline entries
        service worker desired 1 running 1 pending 0 | most tasks 4, fewest healthy once steady 1
          ecs-svc/0000000000000000001 PRIMARY worker:1 COMPLETED failed 0 (ECS deployment completed.)
        1× RUNNING service:worker asg-main us-east-1b
        3× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000001)
        instance ci-1 INACTIVE connected=false
        capacity provider asg-main instances 1 launching 0 reservation 100 provisioning 0
            0 asg-main CapacityProviderReservation 200 (M = 2, N = 0)
            0 asg-main: Auto Scaling group desired capacity 0 → 2
           60 asg-main CapacityProviderReservation 100 (M = 2, N = 2)
          660 asg-main CapacityProviderReservation 50 (M = 1, N = 2)
         1500 asg-main: Auto Scaling group desired capacity 2 → 1
         1560 asg-main CapacityProviderReservation 100 (M = 1, N = 1)
           90 service worker has started 2 tasks: (task task-1) (task task-2).
           90 service worker has started 2 tasks: (task task-3) (task task-4).
          145 (service worker) (deployment ecs-svc/0000000000000000001) deployment completed.
          145 service worker has reached a steady state.
          600 service worker has stopped 3 running tasks: (task task-3) (task task-1) (task task-2).
          600 service worker has reached a steady state."#]],
    );
}

#[test]
fn target_tracking() {
    check(
        "timeline-target-tracking",
        expect![[r#"
        at 3000 s, 59 timeline entries
        service web desired 2 running 2 pending 0 | most tasks 8, fewest healthy once steady 2
          ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0 (ECS deployment completed.)
        1× RUNNING service:web ci-2 us-east-1a
        1× RUNNING service:web ci-4 us-east-1b
        6× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000001)
          420 web: ECSServiceAverageCPUUtilization 100 against target 50: desired count 2 → 4
          600 web: ECSServiceAverageCPUUtilization 100 against target 50: desired count 4 → 8
         2340 web: ECSServiceAverageCPUUtilization 12 against target 50: desired count 8 → 2
            0 service web has started 2 tasks: (task task-1) (task task-2).
           55 (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
           55 service web has reached a steady state.
          420 service web has started 2 tasks: (task task-3) (task task-4).
          475 service web has reached a steady state.
          600 service web has started 4 tasks: (task task-5) (task task-6) (task task-7) (task task-8).
          655 service web has reached a steady state.
         2340 service web has stopped 6 running tasks: (task task-2) (task task-3) (task task-8) (task task-4) (task task-5) (task task-6).
         2340 service web has reached a steady state."#]],
    );
}

#[test]
fn az_rebalancing_keeps_a_service_on_its_capacity_provider() {
    let evaluation = load("timeline-az-outage-provider");
    assert!(
        evaluation.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        evaluation.diagnostics
    );
    let outcome = evaluation.outcome.expect("the scenario runs");
    let rebalanced = outcome
        .events
        .iter()
        .any(|e| e.message.contains("AZ Rebalancing in progress"));
    assert!(rebalanced, "the recovery makes the service rebalance");
    let running: Vec<_> = outcome
        .tasks
        .iter()
        .filter(|t| t.last_status == "RUNNING")
        .collect();
    assert_eq!(running.len(), 6);
    for task in &running {
        assert_eq!(
            task.capacity_provider_name.as_deref(),
            Some("asg"),
            "{} runs on {:?}, outside the service's capacity provider",
            task.task_id,
            task.container_instance
        );
    }
    assert!(
        running
            .iter()
            .any(|t| t.availability_zone.as_deref() == Some("us-east-1c")),
        "a task went back to the recovered zone"
    );
}

/// Daemon tasks launch first (§6.3): a replica service listed before the daemon, and one woken
/// by the same new instance, get only what the daemon leaves.
#[test]
fn daemon_tasks_launch_first() {
    check(
        "timeline-daemon-priority",
        expect![[r#"
        at 300 s, 47 timeline entries
        service web desired 6 running 4 pending 0 | most tasks 4, fewest healthy once steady -
          ecs-svc/0000000000000000001 PRIMARY web:1 IN_PROGRESS failed 0 (ECS deployment in progress.)
        service agent desired 2 running 2 pending 0 | most tasks 2, fewest healthy once steady 1
          ecs-svc/0000000000000000002 PRIMARY agent:1 COMPLETED failed 0 (ECS deployment completed.)
        1× RUNNING service:agent ci-1 us-east-1a
        1× RUNNING service:agent ci-2 us-east-1a
        2× RUNNING service:web ci-1 us-east-1a
        2× RUNNING service:web ci-2 us-east-1a
            0 service agent has started 1 tasks: (task task-1).
            0 service web has started 2 tasks: (task task-2) (task task-3).
            0 service web was unable to place a task because no container instance met all of its requirements. The closest matching container-instance ci-1 has insufficient CPU units available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.
           55 (service agent) (deployment ecs-svc/0000000000000000002) deployment completed.
           55 service agent has reached a steady state.
          120 service agent has started 1 tasks: (task task-4).
          120 service web has started 2 tasks: (task task-5) (task task-6).
          120 service web was unable to place a task because no container instance met all of its requirements. The closest matching container-instance ci-1 has insufficient CPU units available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.
          175 service agent has reached a steady state."#]],
    );
}

/// Step scaling (§6.10): the step follows how far the metric is past the alarm's threshold; a
/// scale-out during its cooldown adds only what a larger step asks for; scale-in waits for its
/// cooldown.
#[test]
fn step_scaling() {
    check(
        "timeline-step-scaling",
        expect![[r#"
            at 2400 s, 46 timeline entries
            service web desired 3 running 3 pending 0 | most tasks 6, fewest healthy once steady 2
              ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0 (ECS deployment completed.)
            1× RUNNING service:web ci-2 us-east-1a
            1× RUNNING service:web ci-3 us-east-1b
            1× RUNNING service:web ci-4 us-east-1b
            3× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000001)
              300 web: alarm CPUUtilization 100 >= 70 in ALARM, step +3 (ChangeInCapacity): desired count 2 → 5
              420 web: alarm CPUUtilization 80 >= 70 in ALARM, step +1 (ChangeInCapacity): desired count 5 → 6
             1560 web: alarm CPUUtilization 17 < 30 in ALARM, step -1 (ChangeInCapacity): desired count 6 → 5
             1680 web: alarm CPUUtilization 20 < 30 in ALARM, step -1 (ChangeInCapacity): desired count 5 → 4
             1800 web: alarm CPUUtilization 25 < 30 in ALARM, step -1 (ChangeInCapacity): desired count 4 → 3
                0 service web has started 2 tasks: (task task-1) (task task-2).
               55 (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
               55 service web has reached a steady state.
              300 service web has started 3 tasks: (task task-3) (task task-4) (task task-5).
              355 service web has reached a steady state.
              420 service web has started 1 tasks: (task task-6).
              475 service web has reached a steady state.
             1560 service web has stopped 1 running tasks: (task task-6).
             1560 service web has reached a steady state.
             1680 service web has stopped 1 running tasks: (task task-2).
             1680 service web has reached a steady state.
             1800 service web has stopped 1 running tasks: (task task-3).
             1800 service web has reached a steady state."#]],
    );
}

/// Two target-tracking policies (§6.10): out if either asks, in only when both are ready and no
/// further than the memory policy still wants.
#[test]
fn two_target_tracking_policies() {
    check(
        "timeline-two-policies",
        expect![[r#"
        at 3000 s, 47 timeline entries
        service web desired 6 running 6 pending 0 | most tasks 8, fewest healthy once steady 2
          ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0 (ECS deployment completed.)
        1× RUNNING service:web ci-1 us-east-1a
        2× RUNNING service:web ci-2 us-east-1a
        1× RUNNING service:web ci-3 us-east-1b
        2× RUNNING service:web ci-4 us-east-1b
        2× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000001)
          420 web: ECSServiceAverageCPUUtilization 100 against target 50: desired count 2 → 4
          480 web: ECSServiceAverageMemoryUtilization 100 against target 50: desired count 4 → 8
         2340 web: ECSServiceAverageCPUUtilization 12 against target 50: desired count 8 → 6
            0 service web has started 2 tasks: (task task-1) (task task-2).
           55 (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
           55 service web has reached a steady state.
          420 service web has started 2 tasks: (task task-3) (task task-4).
          475 service web has reached a steady state.
          480 service web has started 4 tasks: (task task-5) (task task-6) (task task-7) (task task-8).
          535 service web has reached a steady state.
         2340 service web has stopped 2 running tasks: (task task-2) (task task-3).
         2340 service web has reached a steady state."#]],
    );
}

/// DeleteService (§6.12): refused above 0 without force; DRAINING, then INACTIVE once the tasks
/// are stopping; the name is free again once INACTIVE.
#[test]
fn delete_service() {
    check(
        "timeline-delete-service",
        expect![[r#"
        warning actions[0].deleteService.service: InvalidParameterException: The service cannot be stopped while it is scaled above 0.
        warning actions[2].updateService.service: ServiceNotActiveException: Service was not ACTIVE.
        warning actions[3].deleteService.service: ServiceNotActiveException: Service was not ACTIVE.
        at 420 s, 58 timeline entries
        service web desired 0 running 0 pending 0 | most tasks 3, fewest healthy once steady 0
          ecs-svc/0000000000000000001 PRIMARY web:1 COMPLETED failed 0 (ECS deployment completed.)
        service agent desired 0 running 0 pending 0 | most tasks 2, fewest healthy once steady 0
          ecs-svc/0000000000000000002 PRIMARY agent:1 COMPLETED failed 0 (ECS deployment completed.)
        service web desired 1 running 1 pending 0 | most tasks 3, fewest healthy once steady 0
          ecs-svc/0000000000000000003 PRIMARY web:1 COMPLETED failed 0 (ECS deployment completed.)
        1× RUNNING service:web ci-1 us-east-1a
        3× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000001)
        2× stopped ServiceSchedulerInitiated Scaling activity initiated by (deployment ecs-svc/0000000000000000002)
            0 service agent has started 2 tasks: (task task-1) (task task-2).
            0 service web has started 3 tasks: (task task-3) (task task-4) (task task-5).
           55 (service agent) (deployment ecs-svc/0000000000000000002) deployment completed.
           55 service agent has reached a steady state.
           55 (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
           55 service web has reached a steady state.
          120 service web has stopped 3 running tasks: (task task-3) (task task-4) (task task-5).
          240 service web has started 1 tasks: (task task-6).
          295 (service web) (deployment ecs-svc/0000000000000000003) deployment completed.
          295 service web has reached a steady state.
          300 service agent has stopped 2 running tasks: (task task-1) (task task-2)."#]],
    );
    let evaluation = load("timeline-delete-service");
    let outcome = evaluation.outcome.as_ref().expect("a run");
    let mut lines: Vec<String> = outcome
        .timeline
        .iter()
        .filter(|e| matches!(e.kind.as_str(), "ServiceDeleted" | "ServiceInactive"))
        .map(|e| format!("{} {} {}", e.at, e.kind, e.message))
        .collect();
    lines.extend(
        outcome
            .services
            .iter()
            .map(|s| format!("{} {}", s.service_name, s.status)),
    );
    expect![[r#"
        120 ServiceDeleted web deleted: DRAINING until its tasks stop
        120 ServiceInactive web is INACTIVE
        300 ServiceDeleted agent deleted: DRAINING until its tasks stop
        300 ServiceInactive agent is INACTIVE
        web INACTIVE
        agent INACTIVE
        web ACTIVE"#]]
    .assert_eq(&lines.join("\n"));
}

/// StartTask (§7.1): the named instances are the only candidates and no constraint applies, but
/// the task must fit; RunTask of the same definition still obeys its memberOf constraint.
#[test]
fn start_task() {
    check(
        "timeline-start-task",
        expect![[r#"
            at 180 s, 19 timeline entries
            1× RUNNING family:batch ci-3 us-east-1b
            1× stopped TerminationNotice Host EC2 (instance i-05ca1ab1e00000001) terminated.
            instance ci-1 INACTIVE connected=false"#]],
    );
    let evaluation = load("timeline-start-task");
    let outcome = evaluation.outcome.as_ref().expect("a run");
    let mut lines: Vec<String> = outcome
        .tasks
        .iter()
        .map(|t| {
            format!(
                "{} {} {} startedBy={:?}",
                t.task_id,
                t.group,
                t.container_instance.as_deref().unwrap_or("-"),
                t.started_by
            )
        })
        .collect();
    lines.extend(outcome.failures.iter().map(|f| {
        format!(
            "failure {} {:?} {} {}",
            f.request, f.arn, f.reason, f.detail
        )
    }));
    expect![[r#"
        task-1 family:batch ci-1 startedBy=Some("my-scheduler")
        task-2 family:batch ci-3 startedBy=Some("my-scheduler")
        failure actions[1].startTask Some("ci-2") RESOURCE:MEMORY needs 2048 MiB memory, has 1986 MiB remaining
        failure actions[1].startTask Some("ci-9") MISSING Container instance ci-9 is not in the cluster.
        failure actions[2].runTask Some("ci-1") MemberOf placement constraint unsatisfied. MemberOf placement constraint unsatisfied: attribute:ecs.instance-type is m5.large, not matching g5.*
        failure actions[4].startTask Some("ci-1") INACTIVE Container instance ci-1 is deregistered."#]].assert_eq(&lines.join("\n"));
}
