//! One hour of simulated time on 1,000 container instances with 20 services: every service rolls
//! out a new revision, some scale, instances drain and terminate, and an Availability Zone fails
//! and recovers. Figures are in `BENCHMARKS.md`.

use ecs_model::{ContainerInstanceSpec, container_instance_from_spec};
use ecs_sim::World;
use serde_json::{Value, json};

fn main() {
    divan::main();
}

const ZONES: [&str; 3] = ["us-east-1a", "us-east-1b", "us-east-1c"];

fn task_definition(family: &str, cpu: u32, memory: u32) -> Value {
    json!({"family": family, "networkMode": "bridge", "containerDefinitions": [
        {"name": "app", "image": "nginx", "cpu": cpu, "memory": memory,
         "portMappings": [{"containerPort": 80, "hostPort": 0}]}]})
}

/// The benchmark's world: `instances` m5.xlarge over three zones, `services` services of 40
/// tasks, and an hour of actions.
pub fn hour_world(instances: usize, services: usize) -> World {
    let mut world = World {
        seed: 2024,
        cluster: "bench".to_owned(),
        availability_zones: ZONES.iter().map(|z| (*z).to_owned()).collect(),
        until: Some(3600),
        ..World::default()
    };
    for n in 1..=instances {
        let spec: ContainerInstanceSpec = serde_json::from_value(json!({
            "instanceType": "m5.xlarge", "availabilityZone": ZONES[n % 3]}))
        .expect("spec");
        let arn = format!("arn:aws:ecs:us-east-1:123456789012:container-instance/bench/ci-{n}");
        world
            .container_instances
            .push(container_instance_from_spec(&spec, &arn, &format!("i-{n:017x}")).expect("type"));
    }
    let strategies = [
        json!([{"type": "spread", "field": "attribute:ecs.availability-zone"}, {"type": "spread", "field": "instanceId"}]),
        json!([{"type": "binpack", "field": "memory"}]),
        json!([{"type": "spread", "field": "attribute:ecs.availability-zone"}, {"type": "binpack", "field": "cpu"}]),
        json!([]),
    ];
    let mut actions = Vec::new();
    for s in 0..services {
        let family = format!("app{s}");
        world
            .task_definitions
            .push(serde_json::from_value(task_definition(&family, 256, 512)).expect("td"));
        let min_healthy = [100, 50, 0][s % 3];
        world.services.push(
            serde_json::from_value(json!({
                "serviceName": format!("svc{s}"), "taskDefinition": family, "desiredCount": 40,
                "launchType": "EC2", "placementStrategy": strategies[s % strategies.len()],
                "deploymentConfiguration": {"minimumHealthyPercent": min_healthy, "maximumPercent": 200},
            }))
            .expect("service"),
        );
        let at = 120 + 150 * s as u64;
        actions
            .push(json!({"at": at, "registerTaskDefinition": task_definition(&family, 512, 1024)}));
        actions.push(json!({"at": at, "updateService": {"service": format!("svc{s}"), "taskDefinition": format!("{family}:2")}}));
        if s % 4 == 0 {
            actions.push(json!({"at": at + 60, "updateService": {"service": format!("svc{s}"), "desiredCount": 60}}));
        }
    }
    for k in 0..10 {
        actions.push(json!({"at": 300 + 200 * k, "drainContainerInstance": {"containerInstance": format!("ci-{}", 1 + k * 7)}}));
        if k < 5 {
            actions.push(json!({"at": 400 + 300 * k, "terminateContainerInstance": {"containerInstance": format!("ci-{}", 500 + k * 11)}}));
        }
    }
    actions.push(json!({"at": 1800, "failAvailabilityZone": {"availabilityZone": "us-east-1c"}}));
    actions
        .push(json!({"at": 2400, "recoverAvailabilityZone": {"availabilityZone": "us-east-1c"}}));
    let mut timeline = serde_json::Map::new();
    timeline.insert("actions".to_owned(), Value::Array(actions));
    let diagnostics = ecs_sim::read_timeline(&timeline, &mut world);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    world
}

#[divan::bench(sample_count = 5)]
fn one_hour_1000_instances_20_services(bencher: divan::Bencher) {
    let world = hour_world(1000, 20);
    bencher.bench(|| ecs_sim::run(divan::black_box(&world)));
}

#[divan::bench(sample_count = 10)]
fn one_hour_100_instances_20_services(bencher: divan::Bencher) {
    let world = hour_world(100, 20);
    bencher.bench(|| ecs_sim::run(divan::black_box(&world)));
}
