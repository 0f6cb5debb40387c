//! Every built-in example is a regression test: it evaluates without errors, and a compact
//! summary of its final state (tasks per AZ and instance, failures, the last events) is pinned.

use std::collections::BTreeMap;

use ecs_scenario::{Evaluation, Scenario, evaluate, example, examples};
use expect_test::{Expect, expect};

/// `zone: instance×tasks …` per AZ, then failures and the last three service events.
fn summary(evaluation: &Evaluation) -> String {
    let Some(outcome) = &evaluation.outcome else {
        return "no run".to_owned();
    };
    let mut zones: BTreeMap<&str, BTreeMap<&str, u32>> = BTreeMap::new();
    for task in outcome.tasks.iter().filter(|t| t.desired_status == "RUNNING") {
        let zone = task.availability_zone.as_deref().unwrap_or("-");
        let place = task.container_instance.as_deref().unwrap_or("fargate");
        *zones.entry(zone).or_default().entry(place).or_default() += 1;
    }
    let mut lines = Vec::new();
    for (zone, places) in &zones {
        let places: Vec<String> = places.iter().map(|(p, n)| format!("{p}×{n}")).collect();
        lines.push(format!("{zone}: {}", places.join(" ")));
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
            source.contains(&format!("check(\"{}\"", e.id)),
            "example {} has no check",
            e.id
        );
    }
}

#[test]
fn default() {
    check("default", expect![[]]);
}

#[test]
fn binpack_memory() {
    check("binpack-memory", expect![[]]);
}

#[test]
fn spread_az_binpack() {
    check("spread-az-binpack", expect![[]]);
}

#[test]
fn distinct_instance() {
    check("distinct-instance", expect![[]]);
}

#[test]
fn member_of_regex() {
    check("member-of-regex", expect![[]]);
}

#[test]
fn task_group_affinity() {
    check("task-group-affinity", expect![[]]);
}

#[test]
fn daemon_service() {
    check("daemon-service", expect![[]]);
}

#[test]
fn custom_attributes() {
    check("custom-attributes", expect![[]]);
}

#[test]
fn bridge_dynamic_ports() {
    check("bridge-dynamic-ports", expect![[]]);
}

#[test]
fn awsvpc_eni_exhaustion() {
    check("awsvpc-eni-exhaustion", expect![[]]);
}

#[test]
fn fargate_sizes() {
    check("fargate-sizes", expect![[]]);
}

#[test]
fn capacity_provider_split() {
    check("capacity-provider-split", expect![[]]);
}

#[test]
fn rolling_update() {
    check("rolling-update", expect![[]]);
}

#[test]
fn circuit_breaker() {
    check("circuit-breaker", expect![[]]);
}

#[test]
fn drain_instance() {
    check("drain-instance", expect![[]]);
}

#[test]
fn az_outage() {
    check("az-outage", expect![[]]);
}

#[test]
fn managed_scaling() {
    check("managed-scaling", expect![[]]);
}
