//! The quota-scale scenario of the benchmark, shared with the test that checks the fast and
//! naive paths agree on it.

use ecs_placement::*;

const ZONES: [&str; 3] = ["us-east-1a", "us-east-1b", "us-east-1c"];
/// Instance types with their registered CPU units and MiB; three of five match `m5.*`.
const TYPES: [(&str, u32, u32); 5] = [
    ("m5.large", 2048, 7680),
    ("c5.large", 2048, 3840),
    ("m5.xlarge", 4096, 15872),
    ("t3.medium", 2048, 3928),
    ("m5.2xlarge", 8192, 31744),
];

/// `instances` instances spread evenly over three zones, each zone holding every type.
pub fn quota_cluster(instances: usize) -> ClusterState {
    ClusterState::new(
        (0..instances)
            .map(|i| {
                let (kind, cpu, memory) = TYPES[(i / ZONES.len()) % TYPES.len()];
                let mut instance = ContainerInstanceState::new(format!("ci-{i:05}"), cpu, memory)
                    .with_attribute(AVAILABILITY_ZONE_ATTRIBUTE, ZONES[i % ZONES.len()])
                    .with_attribute(INSTANCE_TYPE_ATTRIBUTE, kind);
                instance.registered_at = i as i64;
                instance
            })
            .collect(),
        Vec::new(),
    )
}

/// `count` tasks of one service with `[spread AZ, binpack memory]` and
/// `memberOf(attribute:ecs.instance-type =~ m5.*)`.
pub fn quota_request(count: u32) -> PlacementRequest {
    PlacementRequest {
        group: "service:web".to_string(),
        count,
        requirements: TaskRequirements {
            cpu: 256,
            memory: 512,
            ..TaskRequirements::default()
        },
        constraints: vec![
            PlacementConstraint::member_of("attribute:ecs.instance-type =~ m5.*").unwrap(),
        ],
        strategies: vec![
            PlacementStrategy::spread_availability_zone(),
            PlacementStrategy::Binpack(BinpackField::Memory),
        ],
        kind: RequestKind::Service {
            name: "web".to_string(),
        },
    }
}
