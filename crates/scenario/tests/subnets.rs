//! awsvpc and Fargate tasks run only in the Availability Zones of their subnets (§1.3, §2.3).

use ecs_scenario::evaluate;
use expect_test::{Expect, expect};

fn zones_of_tasks(launch: &str, subnets: &str) -> String {
    let text = format!(
        r#"{{"scenarioVersion": 1, "name": "subnets", "seed": 5,
  "availabilityZones": ["us-east-1a", "us-east-1b", "us-east-1c"],
  "subnets": {{"subnet-0aaa": "us-east-1a", "subnet-0bbb": "us-east-1b", "subnet-0ccc": "us-east-1c"}},
  "containerInstances": [
    {{"instanceType": "m5.4xlarge", "availabilityZone": "us-east-1a"}},
    {{"instanceType": "m5.4xlarge", "availabilityZone": "us-east-1b"}},
    {{"instanceType": "m5.4xlarge", "availabilityZone": "us-east-1c"}}],
  "taskDefinitions": [{{"family": "api", "networkMode": "awsvpc", "requiresCompatibilities": ["EC2", "FARGATE"],
    "cpu": "256", "memory": "512", "containerDefinitions": [{{"name": "api", "image": "api"}}]}}],
  "services": [{{"serviceName": "api", "taskDefinition": "api", "desiredCount": 6, "launchType": "{launch}",
    "networkConfiguration": {{"awsvpcConfiguration": {{"subnets": {subnets}}}}}}}]}}"#
    );
    let evaluation = evaluate(&text);
    let errors: Vec<_> = evaluation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let outcome = evaluation.outcome.expect("a run");
    let mut counts = std::collections::BTreeMap::<String, u32>::new();
    for task in outcome.tasks.iter().filter(|t| t.last_status == "RUNNING") {
        *counts
            .entry(task.availability_zone.clone().unwrap_or_default())
            .or_default() += 1;
    }
    counts
        .iter()
        .map(|(z, n)| format!("{z}: {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[track_caller]
fn check(launch: &str, subnets: &str, expected: Expect) {
    expected.assert_eq(&zones_of_tasks(launch, subnets));
}

#[test]
fn fargate_spreads_over_the_subnets_zones_only() {
    check(
        "FARGATE",
        r#"["subnet-0aaa", "subnet-0bbb"]"#,
        expect!["us-east-1a: 3, us-east-1b: 3"],
    );
}

#[test]
fn awsvpc_on_ec2_stays_in_the_subnets_zones() {
    check("EC2", r#"["subnet-0ccc"]"#, expect!["us-east-1c: 6"]);
}

#[test]
fn unknown_subnets_mean_every_zone() {
    check(
        "FARGATE",
        r#"["subnet-0zzz"]"#,
        expect!["us-east-1a: 2, us-east-1b: 2, us-east-1c: 2"],
    );
}
