//! Fixture builders shared by the test files.
#![allow(dead_code)]

pub mod scale;

use ecs_placement::*;

/// An m5.large-like ACTIVE instance in `zone` registered at second `registered_at`.
pub fn instance(id: &str, zone: &str, cpu: u32, memory: u32) -> ContainerInstanceState {
    let mut instance = ContainerInstanceState::new(id, cpu, memory)
        .with_attribute(AVAILABILITY_ZONE_ATTRIBUTE, zone)
        .with_attribute(INSTANCE_TYPE_ATTRIBUTE, "m5.large");
    instance.ec2_instance_id = Some(format!("i-{id}"));
    instance
}

pub fn task(id: &str, group: &str, instance: usize, cpu: u32, memory: u32) -> TaskState {
    TaskState {
        id: id.to_string(),
        group: group.to_string(),
        instance,
        cpu,
        memory,
        gpu: 0,
        tcp_host_ports: Vec::new(),
        udp_host_ports: Vec::new(),
        uses_eni: false,
        desired_status: DesiredStatus::Running,
    }
}

pub fn needs(cpu: u32, memory: u32) -> TaskRequirements {
    TaskRequirements {
        cpu,
        memory,
        ..TaskRequirements::default()
    }
}

pub fn strategies(list: &[(&str, Option<&str>)]) -> Vec<PlacementStrategy> {
    list.iter()
        .map(|(kind, field)| PlacementStrategy::from_api(kind, *field).unwrap())
        .collect()
}

pub fn member_of(expression: &str) -> PlacementConstraint {
    PlacementConstraint::member_of(expression).unwrap()
}

pub fn service(name: &str, count: u32, requirements: TaskRequirements) -> PlacementRequest {
    PlacementRequest {
        group: format!("service:{name}"),
        count,
        requirements,
        constraints: Vec::new(),
        strategies: Vec::new(),
        kind: RequestKind::Service {
            name: name.to_string(),
        },
    }
}

pub fn run_task(group: &str, count: u32, requirements: TaskRequirements) -> PlacementRequest {
    PlacementRequest {
        group: group.to_string(),
        count,
        requirements,
        constraints: Vec::new(),
        strategies: Vec::new(),
        kind: RequestKind::RunTask,
    }
}

/// Places with both paths and checks they agree on everything, and that the explanation of the
/// first task names the instance `place` chose.
pub fn place_both(
    state: &mut ClusterState,
    request: &PlacementRequest,
    seed: u64,
) -> PlacementOutcome {
    let before = state.clone();
    let rng = PlacementRng::seed_from_u64(seed);
    let explanation = explain_next(&before, request, &rng);
    let mut naive_state = state.clone();
    let outcome = place(state, request, &mut rng.clone());
    let naive = place_naive(&mut naive_state, request, &mut rng.clone());
    assert_eq!(outcome, naive, "fast and naive paths disagree");
    assert_eq!(
        *state, naive_state,
        "fast and naive paths left different states"
    );
    assert_eq!(
        explanation.chosen.as_ref().map(|c| c.index),
        outcome.placed.first().map(|p| p.instance),
        "explanation disagrees with place: {}",
        explanation.summary
    );
    outcome
}

pub fn render(outcome: &PlacementOutcome) -> String {
    let mut lines = Vec::new();
    if let Some(error) = &outcome.request_error {
        lines.push(format!("rejected: {error}"));
    }
    if !outcome.placed.is_empty() {
        let ids: Vec<&str> = outcome
            .placed
            .iter()
            .map(|p| p.container_instance_id.as_str())
            .collect();
        lines.push(format!("placed: {}", ids.join(" ")));
    }
    if let Some(failure) = outcome.failures.first() {
        lines.push(format!(
            "failed x{}: {} (closest {}): {}",
            outcome.failures.len(),
            failure.reason.as_str(),
            failure.closest_instance.as_deref().unwrap_or("-"),
            failure.detail
        ));
    }
    if let Some(event) = &outcome.service_event {
        lines.push(format!("event: {event}"));
    }
    lines.join("\n") + "\n"
}
