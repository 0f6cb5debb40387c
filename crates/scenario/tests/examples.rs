//! Every built-in example is a regression test: it evaluates without errors, and a compact
//! summary of its final state (tasks per AZ and instance, failures, the last events) is pinned.

use std::collections::BTreeMap;

use ecs_scenario::{Evaluation, Scenario, evaluate, example, examples};
use expect_test::{Expect, expect};

/// `zone: instance×tasks …` per AZ, the task definitions each group runs, then failures and the
/// last three service events.
fn summary(evaluation: &Evaluation) -> String {
    let Some(outcome) = &evaluation.outcome else {
        return "no run".to_owned();
    };
    let mut zones: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
    let mut groups: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
    for task in outcome
        .tasks
        .iter()
        .filter(|t| t.desired_status == "RUNNING")
    {
        let zone = task.availability_zone.as_deref().unwrap_or("-");
        let place = task
            .container_instance
            .as_deref()
            .or(task.capacity_provider_name.as_deref())
            .unwrap_or("fargate");
        *zones.entry(zone).or_default().entry(place).or_default() += 1;
        *groups
            .entry(&task.group)
            .or_default()
            .entry(&task.task_definition)
            .or_default() += 1;
    }
    let mut lines = Vec::new();
    for (zone, places) in &zones {
        let places: Vec<String> = places.iter().map(|(p, n)| format!("{p}×{n}")).collect();
        lines.push(format!("{zone}: {}", places.join(" ")));
    }
    for (group, definitions) in &groups {
        let definitions: Vec<String> = definitions
            .iter()
            .map(|(d, n)| format!("{d}×{n}"))
            .collect();
        lines.push(format!("{group}: {}", definitions.join(" ")));
    }
    for f in &outcome.failures {
        lines.push(format!("failure {} {}", f.request, f.reason));
    }
    let skip = outcome.events.len().saturating_sub(3);
    for e in &outcome.events[skip..] {
        lines.push(format!("event {}", e.message));
    }
    lines.join("\n")
}

#[track_caller]
fn check(id: &str, expected: Expect) {
    let example = example(id).unwrap_or_else(|| panic!("no example {id}"));
    let evaluation = evaluate(example.json);
    let errors: Vec<String> = evaluation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    assert!(errors.is_empty(), "{id}: {errors:#?}");
    expected.assert_eq(&summary(&evaluation));
}

#[test]
fn the_library_covers_every_topic_with_consistent_metadata() {
    let all = examples();
    assert!(all.len() >= 15, "{}", all.len());
    assert_eq!(all[0].id, "default");
    assert_eq!(all[0].json, ecs_scenario::DEFAULT_SCENARIO);
    let mut ids: Vec<&str> = all.iter().map(|e| e.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "ids are unique");
    for e in all {
        let (scenario, diagnostics) = Scenario::parse(e.json);
        let scenario = scenario.unwrap_or_else(|| panic!("{}: {diagnostics:?}", e.id));
        assert_eq!(scenario.name, e.title, "{}", e.id);
        assert_eq!(scenario.description, e.description, "{}", e.id);
        assert_eq!(e.description.lines().count(), 2, "{}: two lines", e.id);
        assert!(!e.topic.is_empty());
    }
}

#[test]
fn every_example_has_a_test_below() {
    let source = include_str!("examples.rs");
    for e in examples() {
        assert!(
            source.contains(&format!("fn {}()", e.id.replace('-', "_"))),
            "example {} has no check",
            e.id
        );
    }
}

#[test]
fn default() {
    check(
        "default",
        expect![[r#"
            us-east-1a: ci-1×1 ci-2×1
            us-east-1b: ci-3×1 ci-4×1
            us-east-1c: ci-5×2
            service:web: web:1×6
            event service web has started 6 tasks: (task task-1) (task task-2) (task task-3) (task task-4) (task task-5) (task task-6).
            event (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
            event service web has reached a steady state."#]],
    );
}

#[test]
fn binpack_memory() {
    check(
        "binpack-memory",
        expect![[r#"
        us-east-1b: ci-2×5
        family:worker: worker:1×5"#]],
    );
}

#[test]
fn spread_az_binpack() {
    check(
        "spread-az-binpack",
        expect![[r#"
            us-east-1a: ci-2×2
            us-east-1b: ci-3×3
            service:api: api:1×5
            event service api has started 5 tasks: (task task-1) (task task-2) (task task-3) (task task-4) (task task-5).
            event (service api) (deployment ecs-svc/0000000000000000001) deployment completed.
            event service api has reached a steady state."#]],
    );
}

#[test]
fn distinct_instance() {
    check(
        "distinct-instance",
        expect![[r#"
        us-east-1a: ci-1×1
        us-east-1b: ci-2×1
        us-east-1c: ci-3×1
        family:agent: agent:1×3
        failure runTasks[0] DistinctInstance placement constraint unsatisfied."#]],
    );
}

#[test]
fn member_of_regex() {
    check(
        "member-of-regex",
        expect![[r#"
        us-east-1a: ci-1×1
        us-east-1b: ci-3×3
        family:batch: batch:1×4"#]],
    );
}

#[test]
fn task_group_affinity() {
    check(
        "task-group-affinity",
        expect![[r#"
        us-east-1a: ci-1×3
        us-east-1b: ci-2×1
        us-east-1c: ci-3×1
        cache: cache:1×2
        database: database:1×1
        web: web:1×2"#]],
    );
}

#[test]
fn daemon_service() {
    check(
        "daemon-service",
        expect![[r#"
        us-east-1a: ci-1×2 ci-2×2
        us-east-1b: ci-3×3 ci-4×1
        service:log-agent: log-agent:1×4
        service:web: web:1×4
        event service web has reached a steady state.
        event service log-agent has started 1 tasks: (task task-8).
        event service log-agent has reached a steady state."#]],
    );
}

#[test]
fn custom_attributes() {
    check(
        "custom-attributes",
        expect![[r#"
            us-east-1a: ci-1×1 ci-2×1
            us-east-1b: ci-3×2
            service:payments: payments:1×4
            event service payments has started 4 tasks: (task task-1) (task task-2) (task task-3) (task task-4).
            event (service payments) (deployment ecs-svc/0000000000000000001) deployment completed.
            event service payments has reached a steady state."#]],
    );
}

#[test]
fn bridge_dynamic_ports() {
    check(
        "bridge-dynamic-ports",
        expect![[r#"
            us-east-1a: ci-1×4
            us-east-1b: ci-2×4
            service:legacy: legacy:1×2
            service:web: web:1×6
            failure services[1] RESOURCE:PORTS
            event service legacy was unable to place a task because no container instance met all of its requirements. The closest matching container-instance ci-1 is already using a port required by your task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.
            event (service web) (deployment ecs-svc/0000000000000000001) deployment completed.
            event service web has reached a steady state."#]],
    );
}

#[test]
fn awsvpc_eni_exhaustion() {
    check(
        "awsvpc-eni-exhaustion",
        expect![[r#"
        us-east-1a: ci-1×2
        us-east-1b: ci-2×2
        family:api: api:1×4
        failure runTasks[0] RESOURCE:ENI"#]],
    );
}

#[test]
fn fargate_sizes() {
    check(
        "fargate-sizes",
        expect![[r#"
            us-east-1a: fargate×1
            us-east-1b: fargate×1
            us-east-1c: fargate×1
            service:report: report:1×3
            event service report has started 3 tasks: (task task-1) (task task-2) (task task-3).
            event (service report) (deployment ecs-svc/0000000000000000001) deployment completed.
            event service report has reached a steady state."#]],
    );
}

#[test]
fn capacity_provider_split() {
    check(
        "capacity-provider-split",
        expect![[r#"
            us-east-1a: FARGATE×2 FARGATE_SPOT×3
            us-east-1b: FARGATE×1 FARGATE_SPOT×3
            service:queue-worker: queue-worker:1×9
            event service queue-worker has started 9 tasks: (task task-1) (task task-2) (task task-3) (task task-4) (task task-5) (task task-6) (task task-7) (task task-8) (task task-9).
            event (service queue-worker) (deployment ecs-svc/0000000000000000001) deployment completed.
            event service queue-worker has reached a steady state."#]],
    );
}

// TODO(timeline): pin the path, not only the end: fast (50/200) dips to 2 running old tasks,
// safe (100/200) never has fewer than 4 healthy ones; needs a per-step view of the run.
#[test]
fn rolling_update() {
    check(
        "rolling-update",
        expect![[r#"
            us-east-1a: ci-1×2 ci-2×2
            us-east-1b: ci-3×2 ci-4×2
            service:fast: web:2×4
            service:safe: web:2×4
            event service safe has stopped 4 running tasks: (task task-5) (task task-6) (task task-7) (task task-8).
            event (service safe) (deployment ecs-svc/0000000000000000004) deployment completed.
            event service safe has reached a steady state."#]],
    );
}

#[test]
fn circuit_breaker() {
    check(
        "circuit-breaker",
        expect![[r#"
            us-east-1a: ci-1×2
            us-east-1b: ci-2×2
            service:web: web:1×4
            event service web (task task-8) failed container health checks.
            event (service web) (deployment ecs-svc/0000000000000000003) deployment completed.
            event service web has reached a steady state."#]],
    );
}

#[test]
fn drain_instance() {
    check(
        "drain-instance",
        expect![[r#"
        us-east-1a: ci-2×1
        us-east-1b: ci-4×3
        service:web: web:1×4
        event service web has started 2 tasks: (task task-5) (task task-6).
        event service web has stopped 2 running tasks: (task task-1) (task task-4).
        event service web has reached a steady state."#]],
    );
}

#[test]
fn az_outage() {
    check(
        "az-outage",
        expect![[r#"
            us-east-1a: ci-1×1 ci-2×1
            us-east-1b: ci-3×1 ci-4×1
            us-east-1c: ci-5×1 ci-6×1
            service:web: web:1×6
            event service web has stopped 1 running tasks: (task task-2).
            event service (web) is AZ balanced with 2 tasks in us-east-1a, 2 in us-east-1b, and 2 in us-east-1c.
            event service web has reached a steady state."#]],
    );
}

// TODO(timeline): capacity providers backed by an Auto Scaling group are not simulated yet, so
// today the run reports "No Container Instances were found". Once managed scaling lands, pin: the
// group scales out from zero (CapacityProviderReservation 200), instances register after the
// warm-up, and the 4 worker tasks run on them.
#[test]
fn managed_scaling() {
    check(
        "managed-scaling",
        expect![[r#"
            us-east-1a: ci-1×2
            us-east-1b: ci-2×2
            service:worker: worker:1×4
            event service worker has started 2 tasks: (task task-3) (task task-4).
            event (service worker) (deployment ecs-svc/0000000000000000001) deployment completed.
            event service worker has reached a steady state."#]],
    );
}

#[test]
fn task_protection() {
    check(
        "task-protection",
        expect![[r#"
        us-east-1b: ci-3×1
        service:worker: worker:1×1
        event service worker has stopped 1 running tasks: (task task-3).
        event service worker has stopped 1 running tasks: (task task-2).
        event service worker has reached a steady state."#]],
    );
}

#[test]
fn step_scaling() {
    check(
        "step-scaling",
        expect![[r#"
        us-east-1a: ci-2×1
        us-east-1b: ci-3×1 ci-4×1
        service:web: web:1×3
        event service web has reached a steady state.
        event service web has stopped 1 running tasks: (task task-3).
        event service web has reached a steady state."#]],
    );
}
