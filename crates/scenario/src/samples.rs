//! Generated scenarios for cross-platform determinism checks: the same seeded scenarios are run
//! natively and in WebAssembly, and their fingerprints must be identical byte for byte.

use serde_json::{Value, json};

/// How many scenarios [`determinism_scenarios`] generates.
pub const DETERMINISM_SCENARIO_COUNT: usize = 50;

/// A tiny portable generator (SplitMix64) so the scenarios themselves need no dependency.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Fifty scenario texts, each a different mix of instance types, zones, strategies, constraints
/// and requests, and each with its own seed.
pub fn determinism_scenarios() -> Vec<String> {
    (0..DETERMINISM_SCENARIO_COUNT as u64)
        .map(scenario)
        .collect()
}

fn scenario(n: u64) -> String {
    let mut rng = SplitMix(n.wrapping_mul(7919).wrapping_add(17));
    let zones = ["us-east-1a", "us-east-1b", "us-east-1c"];
    let types = [
        "t3.medium",
        "m5.large",
        "m5.xlarge",
        "c5.large",
        "r5.large",
        "t3.small",
    ];
    let stacks = ["prod", "dev", "test"];
    let instances: Vec<Value> = (0..1 + rng.below(6))
        .map(|_| {
            json!({
                "instanceType": rng.pick(&types),
                "availabilityZone": rng.pick(&zones),
                "count": 1 + rng.below(4),
                "attributes": [{"name": "stack", "value": rng.pick(&stacks)}],
            })
        })
        .collect();
    let strategies = [
        json!([{"type": "spread", "field": "attribute:ecs.availability-zone"}, {"type": "spread", "field": "instanceId"}]),
        json!([{"type": "spread", "field": "attribute:ecs.availability-zone"}, {"type": "binpack", "field": "memory"}]),
        json!([{"type": "binpack", "field": "cpu"}]),
        json!([{"type": "random"}]),
        json!([{"type": "spread", "field": "attribute:stack"}, {"type": "random"}]),
        json!([]),
    ];
    let constraints = [
        json!([]),
        json!([{"type": "distinctInstance"}]),
        json!([{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ '(m5|r5).*'"}]),
        json!([{"type": "memberOf", "expression": "attribute:stack != dev"}]),
    ];
    let task_definitions = json!([
        {"family": "web", "networkMode": "bridge", "containerDefinitions": [
            {"name": "web", "image": "nginx", "cpu": 128 * (1 + rng.below(4)), "memory": 256 * (1 + rng.below(4)),
             "portMappings": [{"containerPort": 80, "hostPort": 0}]}]},
        {"family": "worker", "networkMode": "awsvpc", "containerDefinitions": [
            {"name": "worker", "image": "busybox", "cpu": 256, "memory": 512}]},
        {"family": "edge", "networkMode": "host", "containerDefinitions": [
            {"name": "edge", "image": "envoy", "cpu": 128, "memory": 128,
             "portMappings": [{"containerPort": 8080}]}]},
    ]);
    let services: Vec<Value> = (0..1 + rng.below(3))
        .map(|i| {
            json!({
                "serviceName": format!("svc{i}"),
                "taskDefinition": rng.pick(&["web", "worker", "edge"]),
                "desiredCount": rng.below(12),
                "launchType": "EC2",
                "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-0a1b2c3d"]}},
                "placementStrategy": strategies[rng.below(strategies.len() as u64) as usize],
                "placementConstraints": constraints[rng.below(constraints.len() as u64) as usize],
            })
        })
        .collect();
    let run_tasks: Vec<Value> = (0..rng.below(3))
        .map(|_| {
            json!({
                "taskDefinition": "web",
                "count": 1 + rng.below(10),
                "launchType": "EC2",
                "placementStrategy": strategies[rng.below(strategies.len() as u64) as usize],
            })
        })
        .collect();
    let document = json!({
        "scenarioVersion": 1,
        "name": format!("determinism {n}"),
        "seed": rng.next(),
        "availabilityZones": zones,
        "containerInstances": instances,
        "taskDefinitions": task_definitions,
        "services": services,
        "runTasks": run_tasks,
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// A short fingerprint of everything a scenario text evaluates to: the length and FNV-1a hash of
/// the run and diagnostics serialised as JSON. Equal fingerprints mean byte-identical results.
pub fn fingerprint(text: &str) -> String {
    let evaluation = crate::evaluate(text);
    let document = json!({
        "outcome": evaluation.outcome,
        "diagnostics": evaluation.diagnostics,
    });
    let bytes = serde_json::to_vec(&document).unwrap_or_default();
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{} {hash:016x}", bytes.len())
}

/// One fingerprint per line, for [`determinism_scenarios`].
pub fn determinism_fingerprints() -> String {
    determinism_scenarios()
        .iter()
        .enumerate()
        .map(|(i, text)| format!("{i:02} {}\n", fingerprint(text)))
        .collect()
}
