//! Dynamic host ports and target-group registration (§6.8 of the behaviour reference).

use ecs_scenario::{evaluate, example};
use expect_test::{Expect, expect};

fn targets(text: &str) -> String {
    let evaluation = evaluate(text);
    let outcome = evaluation.outcome.expect("a run");
    let mut lines = Vec::new();
    for group in &outcome.target_groups {
        lines.push(format!("{} ({})", group.service, group.target_type));
        for t in &group.targets {
            lines.push(format!("  {}:{} {} {}", t.id, t.port, t.task_id, t.health));
        }
    }
    lines.join("\n")
}

#[track_caller]
fn check(text: &str, expected: Expect) {
    expected.assert_eq(&targets(text));
}

#[test]
fn dynamic_ports_let_several_copies_share_an_instance() {
    let json = example("bridge-dynamic-ports").expect("the example").json;
    check(
        json,
        expect![[r#"
            web (instance)
              i-05ca1ab1e00000001:32768 task-1 healthy
              i-05ca1ab1e00000002:32768 task-2 healthy
              i-05ca1ab1e00000001:32769 task-3 healthy
              i-05ca1ab1e00000002:32769 task-4 healthy
              i-05ca1ab1e00000002:32770 task-5 healthy
              i-05ca1ab1e00000001:32770 task-6 healthy"#]],
    );
}

fn scenario(network_mode: &str, host_port: u16, until: u64) -> String {
    format!(
        r#"{{"scenarioVersion": 1, "name": "lb", "seed": 3, "until": {until},
  "availabilityZones": ["us-east-1a"],
  "containerInstances": [{{"instanceType": "m5.large", "availabilityZone": "us-east-1a", "count": 2}}],
  "taskDefinitions": [{{"family": "api", "networkMode": "{network_mode}", "containerDefinitions": [
    {{"name": "api", "image": "api", "cpu": 256, "memory": 512, "portMappings": [{{"containerPort": 8080, "hostPort": {host_port}}}]}}]}}],
  "services": [{{"serviceName": "api", "taskDefinition": "api", "desiredCount": 2, "launchType": "EC2",
    "networkConfiguration": {{"awsvpcConfiguration": {{"subnets": ["subnet-0abc1234"]}}}},
    "loadBalancers": [{{"targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0a1b2c3d4e5f6a7b", "containerName": "api", "containerPort": 8080}}]}}]}}"#
    )
}

#[test]
fn static_host_port_registers_that_port() {
    check(
        &scenario("bridge", 8080, 600),
        expect![[r#"
            api (instance)
              i-05ca1ab1e00000002:8080 task-1 healthy
              i-05ca1ab1e00000001:8080 task-2 healthy"#]],
    );
}

#[test]
fn awsvpc_tasks_register_their_own_address() {
    check(
        &scenario("awsvpc", 8080, 600),
        expect![[r#"
            api (ip)
              10.0.0.5:8080 task-1 healthy
              10.0.0.6:8080 task-2 healthy"#]],
    );
}

#[test]
fn targets_start_in_initial_health_while_activating() {
    let text = scenario("bridge", 0, 600);
    let evaluation = evaluate(&text);
    let world = evaluation.world.as_ref().expect("a world");
    let outcome = evaluation.outcome.as_ref().expect("a run");
    let activating = (0..=outcome.timeline.len())
        .map(|step| ecs_sim::state_at_step(world, step))
        .find(|o| {
            o.target_groups
                .iter()
                .any(|g| g.targets.iter().any(|t| t.health == "initial"))
        });
    assert!(
        activating.is_some(),
        "some step shows a target still registering"
    );
}
