//! The test vectors of §12.3 (capacity provider splits) and §12.4 (deployment arithmetic and the
//! circuit breaker threshold) of the behaviour reference, run through the simulator.

mod common;

use common::{fargate, web, world};
use expect_test::expect;
use serde_json::json;

/// The moves a deployment makes at the moment it starts: runs of `start n` / `stop n`, and the
/// deployment-configuration event when nothing can move.
fn first_moves(desired: u32, min: u32, max: u32) -> String {
    let world = world(json!({
        "instances": [{"instanceType": "m5.4xlarge", "availabilityZone": "us-east-1a", "count": 4}],
        "taskDefinitions": [web("web"), web("web")],
        "services": [{"serviceName": "s", "taskDefinition": "web:1", "desiredCount": desired,
            "launchType": "EC2",
            "deploymentConfiguration": {"minimumHealthyPercent": min, "maximumPercent": max}}],
        "actions": [{"at": 100, "updateService": {"service": "s", "taskDefinition": "web:2"}}],
        "until": 100,
    }));
    let (outcome, _) = ecs_sim::run(&world);
    let mut moves: Vec<(String, u32)> = Vec::new();
    for entry in outcome.timeline.iter().filter(|e| e.at == 100) {
        let kind = match entry.kind.as_str() {
            "TaskPlaced" => "start",
            "TaskStopRequested" => "stop",
            _ => continue,
        };
        match moves.last_mut() {
            Some((k, n)) if k == kind => *n += 1,
            _ => moves.push((kind.to_owned(), 1)),
        }
    }
    let mut text: Vec<String> = moves.iter().map(|(k, n)| format!("{k} {n}")).collect();
    if outcome.events.iter().any(|e| {
        e.message
            .contains("unable to stop or start tasks during a deployment")
    }) {
        text.push("deployment-configuration event".to_owned());
    }
    format!("{desired:>2} {min:>3} {max:>3}: {}", text.join(", "))
}

#[test]
fn deployment_arithmetic() {
    let rows = [
        (4, 100, 200),
        (4, 50, 200),
        (4, 50, 100),
        (4, 100, 100),
        (2, 75, 100),
        (3, 100, 125),
        (3, 0, 100),
        (10, 90, 110),
        (1, 100, 200),
        (5, 50, 150),
        (6, 33, 133),
    ];
    let table: Vec<String> = rows
        .iter()
        .map(|&(d, min, max)| first_moves(d, min, max))
        .collect();
    expect![[r#"
         4 100 200: start 4
         4  50 200: start 4, stop 2
         4  50 100: stop 2, start 2
         4 100 100: deployment-configuration event
         2  75 100: deployment-configuration event
         3 100 125: deployment-configuration event
         3   0 100: stop 3, start 3
        10  90 110: start 1, stop 1, start 1
         1 100 200: start 1
         5  50 150: start 2, stop 2, start 2
         6  33 133: start 1, stop 4, start 4"#]]
    .assert_eq(&table.join("\n"));
}

#[test]
fn circuit_breaker_threshold() {
    let table: Vec<String> = [1, 5, 7, 25, 400, 800]
        .iter()
        .map(|&d| format!("{d} → {}", ecs_sim::circuit_breaker_threshold(d)))
        .collect();
    expect![[r#"
        1 → 3
        5 → 3
        7 → 4
        25 → 13
        400 → 200
        800 → 200"#]]
    .assert_eq(&table.join("\n"));
}

/// Tasks per capacity provider after a service of `count` tasks starts with `strategy`, or the
/// failure when the strategy is rejected. FARGATE plays A and FARGATE_SPOT plays B.
fn split(strategy: serde_json::Value, count: u32) -> String {
    let world = world(json!({
        "availabilityZones": ["us-east-1a", "us-east-1b"],
        "taskDefinitions": [fargate("job")],
        "services": [{"serviceName": "job", "taskDefinition": "job", "desiredCount": count,
            "capacityProviderStrategy": strategy}],
        "until": 0,
    }));
    let (outcome, _) = ecs_sim::run(&world);
    if let Some(failure) = outcome.failures.first() {
        return format!("rejected: {}", failure.detail);
    }
    let on = |name: &str| {
        outcome
            .tasks
            .iter()
            .filter(|t| t.capacity_provider_name.as_deref() == Some(name))
            .count()
    };
    format!("A {}, B {}", on("FARGATE"), on("FARGATE_SPOT"))
}

#[test]
fn capacity_provider_splits() {
    let a = |base: u32, weight: u32| json!({"capacityProvider": "FARGATE", "base": base, "weight": weight});
    let b = |base: u32, weight: u32| json!({"capacityProvider": "FARGATE_SPOT", "base": base, "weight": weight});
    let rows = [
        ("A w1, B w1, 10", json!([a(0, 1), b(0, 1)]), 10),
        ("A w1, B w4, 10", json!([a(0, 1), b(0, 4)]), 10),
        ("A base2 w1, B w4, 12", json!([a(2, 1), b(0, 4)]), 12),
        ("A base5 w1, B w1, 3", json!([a(5, 1), b(0, 1)]), 3),
        ("A w0, B w0, 4", json!([a(0, 0), b(0, 0)]), 4),
        ("A base1, B base1, 4", json!([a(1, 1), b(1, 1)]), 4),
        ("A w1, B w2, 4", json!([a(0, 1), b(0, 2)]), 4),
        ("A base2 w1, B w3, 10", json!([a(2, 1), b(0, 3)]), 10),
        ("FARGATE base1 w1, SPOT w3, 9", json!([a(1, 1), b(0, 3)]), 9),
    ];
    let table: Vec<String> = rows
        .into_iter()
        .map(|(name, strategy, n)| format!("{name}: {}", split(strategy, n)))
        .collect();
    expect![[r#"
        A w1, B w1, 10: A 5, B 5
        A w1, B w4, 10: A 2, B 8
        A base2 w1, B w4, 12: A 4, B 8
        A base5 w1, B w1, 3: A 3, B 0
        A w0, B w0, 4: rejected: At least one capacity provider in a capacity provider strategy must have a weight greater than zero.
        A base1, B base1, 4: rejected: Only one capacity provider in a capacity provider strategy can have a base defined.
        A w1, B w2, 4: A 1, B 3
        A base2 w1, B w3, 10: A 4, B 6
        FARGATE base1 w1, SPOT w3, 9: A 3, B 6"#]].assert_eq(&table.join("\n"));
}
