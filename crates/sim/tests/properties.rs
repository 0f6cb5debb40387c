//! Invariants over random timelines: a service never runs more than maximumPercent of its
//! desired count; once steady it keeps minimumHealthyPercent healthy while only deployments and
//! drains happen (no capacity goes missing); no task is lost, whatever tasks are protected from
//! scale-in, deleted or started by StartTask; the same world gives the same run; stepping and
//! explanations agree with the run.

mod common;

use common::{service_counts, web, world};
use proptest::prelude::*;
use serde_json::{Value, json};

#[derive(Debug, Clone)]
struct Service {
    desired: u32,
    min: u32,
    max: u32,
}

#[derive(Debug, Clone)]
enum Move {
    Deploy { service: usize },
    Drain { instance: usize },
    StopTask { task: usize },
    Terminate { instance: usize },
    FailZone { zone: usize, recover_after: u64 },
    Disconnect { instance: usize },
    Protect { task: usize, minutes: Option<u32> },
    Delete { service: usize, force: bool },
    Start { instance: usize },
}

const ZONES: [&str; 3] = ["us-east-1a", "us-east-1b", "us-east-1c"];

fn service() -> impl Strategy<Value = Service> {
    (
        1u32..8,
        prop::sample::select(vec![0u32, 50, 75, 100]),
        prop::sample::select(vec![100u32, 125, 150, 200]),
    )
        .prop_map(|(desired, min, max)| Service { desired, min, max })
}

fn gentle_move(services: usize, instances: usize) -> impl Strategy<Value = (u64, Move)> {
    (
        0u64..900,
        prop_oneof![
            (0..services).prop_map(|service| Move::Deploy { service }),
            (0..instances).prop_map(|instance| Move::Drain { instance }),
        ],
    )
}

fn any_move(services: usize, instances: usize) -> impl Strategy<Value = (u64, Move)> {
    (
        0u64..900,
        prop_oneof![
            (0..services).prop_map(|service| Move::Deploy { service }),
            (0..instances).prop_map(|instance| Move::Drain { instance }),
            (1usize..30).prop_map(|task| Move::StopTask { task }),
            (0..instances).prop_map(|instance| Move::Terminate { instance }),
            (0..3usize, 30u64..600).prop_map(|(zone, recover_after)| Move::FailZone {
                zone,
                recover_after
            }),
            (0..instances).prop_map(|instance| Move::Disconnect { instance }),
            (1usize..30, prop::option::of(1u32..40))
                .prop_map(|(task, minutes)| Move::Protect { task, minutes }),
            (0..services, any::<bool>())
                .prop_map(|(service, force)| Move::Delete { service, force }),
            (0..instances).prop_map(|instance| Move::Start { instance }),
        ],
    )
}

fn build(
    seed: u64,
    services: &[Service],
    instances: usize,
    moves: &[(u64, Move)],
) -> ecs_sim::World {
    let mut actions: Vec<Value> = Vec::new();
    let mut revisions = vec![1u32; services.len()];
    for (at, m) in moves {
        match m {
            Move::Deploy { service } => {
                revisions[*service] += 1;
                actions.push(json!({"at": at, "registerTaskDefinition": web(&format!("f{service}"))}));
                actions.push(json!({"at": at, "updateService": {"service": format!("s{service}"),
                    "taskDefinition": format!("f{service}:{}", revisions[*service])}}));
            }
            Move::Drain { instance } => actions.push(
                json!({"at": at, "drainContainerInstance": {"containerInstance": format!("ci-{}", instance + 1)}}),
            ),
            Move::StopTask { task } => {
                actions.push(json!({"at": at, "stopTask": {"task": format!("task-{task}")}}))
            }
            Move::Terminate { instance } => actions.push(
                json!({"at": at, "terminateContainerInstance": {"containerInstance": format!("ci-{}", instance + 1)}}),
            ),
            Move::FailZone { zone, recover_after } => {
                actions.push(json!({"at": at, "failAvailabilityZone": {"availabilityZone": ZONES[*zone]}}));
                actions.push(json!({"at": at + recover_after, "recoverAvailabilityZone": {"availabilityZone": ZONES[*zone]}}));
            }
            Move::Disconnect { instance } => actions.push(
                json!({"at": at, "disconnectAgent": {"containerInstance": format!("ci-{}", instance + 1)}}),
            ),
            Move::Protect { task, minutes } => {
                let mut body = json!({"tasks": [format!("task-{task}")], "protectionEnabled": true});
                if let Some(m) = minutes {
                    body["expiresInMinutes"] = json!(m);
                }
                actions.push(json!({"at": at, "updateTaskProtection": body}));
            }
            Move::Delete { service, force } => actions.push(
                json!({"at": at, "deleteService": {"service": format!("s{service}"), "force": force}}),
            ),
            Move::Start { instance } => actions.push(json!({"at": at, "startTask": {
                "taskDefinition": "f0", "containerInstances": [format!("ci-{}", instance + 1)]}})),
        }
    }
    let until = moves.iter().map(|(at, _)| *at).max().unwrap_or(0) + 600 + 1500;
    world(json!({
        "seed": seed,
        "instances": (0..instances).map(|i| json!({"instanceType": "m5.2xlarge", "availabilityZone": ZONES[i % 3]})).collect::<Vec<_>>(),
        "taskDefinitions": (0..services.len()).map(|s| web(&format!("f{s}"))).collect::<Vec<_>>(),
        "services": services.iter().enumerate().map(|(s, svc)| json!({
            "serviceName": format!("s{s}"), "taskDefinition": format!("f{s}"), "desiredCount": svc.desired,
            "launchType": "EC2",
            "deploymentConfiguration": {"minimumHealthyPercent": svc.min, "maximumPercent": svc.max}})).collect::<Vec<_>>(),
        "actions": actions,
        "until": until,
    }))
}

/// Counts at the end of every instant: the state a scheduler tick leaves behind.
fn per_instant(counts: &[(u64, usize, usize)]) -> Vec<(u64, usize, usize)> {
    let mut out: Vec<(u64, usize, usize)> = Vec::new();
    for &c in counts {
        match out.last_mut() {
            Some(last) if last.0 == c.0 => *last = c,
            _ => out.push(c),
        }
    }
    out
}

fn check_common(
    world: &ecs_sim::World,
    services: &[Service],
) -> Result<ecs_sim::Outcome, TestCaseError> {
    let (outcome, _) = ecs_sim::run(world);
    for (s, svc) in services.iter().enumerate() {
        let max_tasks = (svc.desired * svc.max / 100) as usize;
        for (at, live, _) in per_instant(&service_counts(&outcome, &format!("s{s}"))) {
            prop_assert!(
                live <= max_tasks.max(svc.desired as usize),
                "s{s} ran {live} tasks at {at} s, maximum {max_tasks}"
            );
        }
    }
    for t in &outcome.tasks {
        prop_assert!(
            t.last_status == "RUNNING"
                || (t.last_status == "STOPPED"
                    && t.stop_code.is_some()
                    && t.stopped_reason.is_some()),
            "{} ended {} ({:?})",
            t.task_id,
            t.last_status,
            t.stopped_reason
        );
    }
    prop_assert_eq!(&ecs_sim::run(world).0, &outcome, "same world, same run");
    Ok(outcome)
}

/// The number of cases: the short run's default, or `PROPTEST_CASES` for the long fuzz run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    #[test]
    fn deployments_and_drains_keep_both_bounds(
        seed in any::<u64>(),
        services in prop::collection::vec(service(), 1..4),
        moves in prop::collection::vec(gentle_move(3, 6), 0..6),
    ) {
        let moves: Vec<(u64, Move)> = moves
            .into_iter()
            .filter(|(_, m)| !matches!(m, Move::Deploy { service } if *service >= services.len()))
            .collect();
        let drains = moves.iter().filter(|(_, m)| matches!(m, Move::Drain { .. })).count();
        let world = build(seed, &services, 6 + drains, &moves);
        let outcome = check_common(&world, &services)?;
        for (s, svc) in services.iter().enumerate() {
            let min_healthy = (svc.desired * svc.min).div_ceil(100) as usize;
            let steady_at = outcome
                .timeline
                .iter()
                .find(|e| e.kind == "ServiceSteady" && e.service.as_deref() == Some(&format!("s{s}")))
                .map(|e| e.at);
            // A deployment that min and max leave no room for never completes, and says why.
            let stuck = outcome.events.iter().any(|e| {
                e.service == format!("s{s}")
                    && e.message.contains("because of the service deployment configuration")
            });
            prop_assert!(steady_at.is_some() || stuck, "s{s} never became steady");
            for (at, _, healthy) in per_instant(&service_counts(&outcome, &format!("s{s}"))) {
                if steady_at.is_some_and(|t| at > t) {
                    prop_assert!(healthy >= min_healthy, "s{s} had {healthy} healthy tasks at {at} s, minimum {min_healthy}");
                }
            }
            let record = outcome.services.iter().find(|r| r.service_name == format!("s{s}")).expect("service");
            prop_assert_eq!(record.running_count, svc.desired, "s{} ends at its desired count", s);
        }
    }

    #[test]
    fn any_timeline_keeps_the_maximum_and_loses_no_task(
        seed in any::<u64>(),
        services in prop::collection::vec(service(), 1..4),
        moves in prop::collection::vec(any_move(3, 6), 0..8),
        step in any::<prop::sample::Index>(),
    ) {
        let moves: Vec<(u64, Move)> = moves
            .into_iter()
            .filter(|(_, m)| !matches!(m, Move::Deploy { service } | Move::Delete { service, .. } if *service >= services.len()))
            .collect();
        let world = build(seed, &services, 6, &moves);
        let outcome = check_common(&world, &services)?;
        let k = step.index(outcome.timeline.len() + 1);
        let at_step = ecs_sim::state_at_step(&world, k);
        prop_assert_eq!(&at_step.timeline[..], &outcome.timeline[..k]);
        // The state at a step holds exactly the tasks placed by then, with their reservations.
        let placed = outcome.timeline[..k].iter().filter(|e| e.kind == "TaskPlaced").count();
        prop_assert_eq!(at_step.tasks.len(), placed);
        for instance in &at_step.container_instances {
            let used: u32 = at_step
                .tasks
                .iter()
                .filter(|t| t.container_instance.as_deref() == Some(instance.id.as_str()) && t.last_status != "STOPPED")
                .map(|t| t.cpu)
                .sum();
            prop_assert_eq!(instance.remaining_cpu + used, instance.registered_cpu, "{} at step {}", instance.id, k);
        }
        if let Some(task) = at_step.tasks.iter().rev().find(|t| t.container_instance.is_some()) {
            let explanation = ecs_sim::explain(&world, task.placement_index).expect("an explanation");
            prop_assert_eq!(explanation.chosen.map(|c| c.container_instance_id), task.container_instance.clone());
        }
    }
}
