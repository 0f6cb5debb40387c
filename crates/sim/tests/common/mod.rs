//! Building a [`World`] from a compact JSON description, without the scenario crate.

#![allow(dead_code)]

use ecs_model::{ContainerInstanceSpec, container_instance_from_spec_with};
use ecs_sim::{Outcome, World};
use serde_json::{Value, json};

/// `{"instances": [{"instanceType", "availabilityZone", "count"}], "taskDefinitions": [...],
/// "services": [...], "runTasks": [...], "actions": [...], "until": N, "seed": N}`, and any other
/// timeline member (`accountSettings`, `timings`, …).
pub fn world(description: Value) -> World {
    let mut world = World {
        seed: description["seed"].as_u64().unwrap_or(1),
        cluster: "default".to_owned(),
        ..World::default()
    };
    // Instances are launched under the account settings (`awsvpcTrunking`), read first.
    if let Some(settings) = description.get("accountSettings") {
        let only = serde_json::Map::from_iter([("accountSettings".to_owned(), settings.clone())]);
        let _ = ecs_sim::read_timeline(&only, &mut world);
    }
    for short in description["instances"].as_array().into_iter().flatten() {
        let count = short["count"].as_u64().unwrap_or(1);
        let mut spec = short.clone();
        spec.as_object_mut().map(|m| m.remove("count"));
        let spec: ContainerInstanceSpec = serde_json::from_value(spec).expect("an instance spec");
        if !world.availability_zones.contains(&spec.availability_zone) {
            world
                .availability_zones
                .push(spec.availability_zone.clone());
        }
        for _ in 0..count {
            let n = world.container_instances.len() + 1;
            let arn =
                format!("arn:aws:ecs:us-east-1:123456789012:container-instance/default/ci-{n}");
            let instance = container_instance_from_spec_with(
                &spec,
                &arn,
                &format!("i-{n:017x}"),
                &world.account_settings,
            )
            .expect("a catalogue type");
            world.container_instances.push(instance);
        }
    }
    if let Some(zones) = description["availabilityZones"].as_array() {
        world.availability_zones = zones
            .iter()
            .filter_map(|z| z.as_str().map(str::to_owned))
            .collect();
    }
    for td in description["taskDefinitions"]
        .as_array()
        .into_iter()
        .flatten()
    {
        world
            .task_definitions
            .push(serde_json::from_value(td.clone()).expect("a task definition"));
    }
    for s in description["services"].as_array().into_iter().flatten() {
        world
            .services
            .push(serde_json::from_value(s.clone()).expect("a service"));
    }
    for r in description["runTasks"].as_array().into_iter().flatten() {
        world
            .run_tasks
            .push(serde_json::from_value(r.clone()).expect("a RunTask request"));
    }
    let mut timeline = serde_json::Map::new();
    for key in ecs_sim::TIMELINE_MEMBERS {
        if let Some(v) = description.get(key) {
            timeline.insert(key.to_owned(), v.clone());
        }
    }
    let diagnostics = ecs_sim::read_timeline(&timeline, &mut world);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    world
}

/// A bridge-mode task definition of 256 CPU units and 512 MiB with a dynamic host port.
pub fn web(family: &str) -> Value {
    json!({"family": family, "networkMode": "bridge", "containerDefinitions": [
        {"name": "app", "image": "nginx", "cpu": 256, "memory": 512,
         "portMappings": [{"containerPort": 80, "hostPort": 0}]}]})
}

/// A Fargate task definition of 0.25 vCPU and 512 MiB.
pub fn fargate(family: &str) -> Value {
    json!({"family": family, "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
        "cpu": "256", "memory": "512",
        "containerDefinitions": [{"name": "app", "image": "busybox", "essential": true}]})
}

/// Live (desired RUNNING) and healthy task counts of a service after each timeline step.
pub fn service_counts(outcome: &Outcome, service: &str) -> Vec<(u64, usize, usize)> {
    let mut live = std::collections::BTreeMap::<String, bool>::new();
    let mut counts = Vec::new();
    for entry in &outcome.timeline {
        if entry.service.as_deref() == Some(service)
            && let Some(task) = &entry.task_id
        {
            match entry.kind.as_str() {
                "TaskPlaced" => {
                    live.insert(task.clone(), false);
                }
                "TaskHealthy" => {
                    live.insert(task.clone(), true);
                }
                "TaskStopRequested" | "TaskStopped" => {
                    live.remove(task);
                }
                _ => {}
            }
        }
        counts.push((entry.at, live.len(), live.values().filter(|h| **h).count()));
    }
    counts
}
