//! Properties over random clusters and requests: the fast path equals the naive one, nothing is
//! over-committed, constraints hold, spread balances, seeds reproduce, explanations agree.

mod common;

use common::*;
use ecs_placement::*;
use proptest::prelude::*;

const ZONES: [Option<&str>; 4] = [
    Some("us-east-1a"),
    Some("us-east-1b"),
    Some("us-east-1c"),
    None,
];
const TYPES: [&str; 3] = ["m5.large", "m5.xlarge", "t2.small"];
const GROUPS: [&str; 3] = ["service:web", "service:api", "family:batch"];
const PORTS: [u16; 3] = [80, 443, 8080];

#[derive(Clone, Debug)]
struct InstanceSpec {
    zone: usize,
    kind: usize,
    cpu: u32,
    memory: u32,
    gpu: u32,
    draining: bool,
    disconnected: bool,
    eni_limit: u32,
    task_eni: bool,
}

fn instance_spec() -> impl Strategy<Value = InstanceSpec> {
    (
        0..4usize,
        0..3usize,
        prop::sample::select(vec![512u32, 1024, 2048, 4096]),
        prop::sample::select(vec![512u32, 1024, 2048, 8192]),
        prop::sample::select(vec![0u32, 0, 0, 1, 2]),
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.1),
        0..4u32,
        prop::bool::weighted(0.7),
    )
        .prop_map(
            |(zone, kind, cpu, memory, gpu, draining, disconnected, eni_limit, task_eni)| {
                InstanceSpec {
                    zone,
                    kind,
                    cpu,
                    memory,
                    gpu,
                    draining,
                    disconnected,
                    eni_limit,
                    task_eni,
                }
            },
        )
}

#[derive(Clone, Debug)]
struct TaskSpec {
    group: usize,
    instance: usize,
    cpu: u32,
    memory: u32,
    port: Option<u16>,
    eni: bool,
}

fn task_spec() -> impl Strategy<Value = TaskSpec> {
    (
        0..3usize,
        0..64usize,
        prop::sample::select(vec![0u32, 128, 256, 512]),
        prop::sample::select(vec![128u32, 256, 512, 1024]),
        prop::option::weighted(0.3, prop::sample::select(PORTS.to_vec())),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(group, instance, cpu, memory, port, eni)| TaskSpec {
            group,
            instance,
            cpu,
            memory,
            port,
            eni,
        })
}

/// A valid starting cluster: tasks that would not fit are dropped.
fn build_cluster(instances: &[InstanceSpec], tasks: &[TaskSpec]) -> ClusterState {
    let mut state = ClusterState::new(
        instances
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut instance = ContainerInstanceState::new(format!("ci-{i}"), s.cpu, s.memory)
                    .with_attribute(INSTANCE_TYPE_ATTRIBUTE, TYPES[s.kind]);
                if let Some(zone) = ZONES[s.zone] {
                    instance = instance.with_attribute(AVAILABILITY_ZONE_ATTRIBUTE, zone);
                }
                if s.task_eni {
                    instance = instance.with_attribute(TASK_ENI_CAPABILITY, "");
                }
                instance.registered_gpu = s.gpu;
                instance.remaining_gpu = i64::from(s.gpu);
                instance.eni_task_limit = s.eni_limit;
                instance.registered_at = (i as i64 * 7) % 5;
                if s.draining {
                    instance.status = ContainerInstanceStatus::Draining;
                }
                instance.agent_connected = !s.disconnected;
                instance
            })
            .collect(),
        Vec::new(),
    );
    for (k, t) in tasks.iter().enumerate() {
        let i = t.instance % instances.len();
        let target = &state.instances[i];
        let port_free = t.port.is_none_or(|p| !target.used_tcp_ports.contains(&p));
        let fits = target.remaining_cpu >= i64::from(t.cpu)
            && target.remaining_memory >= i64::from(t.memory)
            && port_free
            && (!t.eni || target.enis_in_use < target.eni_task_limit);
        if fits {
            state.add_task(TaskState {
                tcp_host_ports: t.port.into_iter().collect(),
                uses_eni: t.eni,
                ..task(&format!("old-{k}"), GROUPS[t.group], i, t.cpu, t.memory)
            });
        }
    }
    state
}

fn strategy_choice() -> impl Strategy<Value = PlacementStrategy> {
    prop::sample::select(vec![
        ("spread", Some("attribute:ecs.availability-zone")),
        ("spread", Some("instanceId")),
        ("spread", Some("attribute:ecs.instance-type")),
        ("binpack", Some("cpu")),
        ("binpack", Some("memory")),
        ("random", None),
    ])
    .prop_map(|(kind, field)| PlacementStrategy::from_api(kind, field).unwrap())
}

fn constraint_choice() -> impl Strategy<Value = PlacementConstraint> {
    prop::sample::select(vec![
        None,
        Some("attribute:ecs.instance-type =~ m5.*"),
        Some("not(task:group == service:web)"),
        Some("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"),
        Some("runningTasksCount <= 2"),
        Some("task:group == service:api or attribute:ecs.instance-type == t2.small"),
    ])
    .prop_map(|expression| match expression {
        None => PlacementConstraint::DistinctInstance,
        Some(e) => member_of(e),
    })
}

fn request() -> impl Strategy<Value = PlacementRequest> {
    (
        0..3usize,
        1..10u32,
        prop::sample::select(vec![0u32, 128, 256, 1024]),
        prop::sample::select(vec![128u32, 256, 512, 2048]),
        prop::sample::select(vec![0u32, 0, 0, 1]),
        prop::collection::vec(prop::sample::select(PORTS.to_vec()), 0..2),
        prop::bool::weighted(0.2),
        prop::collection::vec(strategy_choice(), 0..3),
        prop::collection::vec(constraint_choice(), 0..3),
    )
        .prop_map(
            |(group, count, cpu, memory, gpu, ports, eni, strategies, constraints)| {
                let requirements = TaskRequirements {
                    gpu,
                    tcp_host_ports: ports,
                    uses_eni: eni,
                    subnet_availability_zones: eni
                        .then(|| vec!["us-east-1a".to_string(), "us-east-1b".to_string()]),
                    ..needs(cpu, memory)
                };
                let group = GROUPS[group];
                let mut request = match group.strip_prefix("service:") {
                    Some(name) => service(name, count, requirements),
                    None => run_task(group, count, requirements),
                };
                request.strategies = strategies;
                request.constraints = constraints;
                request
            },
        )
}

fn cluster() -> impl Strategy<Value = ClusterState> {
    (
        prop::collection::vec(instance_spec(), 0..12),
        prop::collection::vec(task_spec(), 0..20),
    )
        .prop_map(|(instances, tasks)| {
            if instances.is_empty() {
                ClusterState::default()
            } else {
                build_cluster(&instances, &tasks)
            }
        })
}

/// Replays the placements one by one and checks each against the state just before it.
fn check_each_placement_was_allowed(
    before: &ClusterState,
    request: &PlacementRequest,
    outcome: &PlacementOutcome,
) -> Result<(), TestCaseError> {
    let mut replay = before.clone();
    let r = &request.requirements;
    let mut used_by_request = std::collections::BTreeSet::new();
    for placed in &outcome.placed {
        let instance = &replay.instances[placed.instance];
        prop_assert_eq!(instance.status, ContainerInstanceStatus::Active);
        prop_assert!(instance.agent_connected);
        prop_assert!(instance.remaining_cpu >= i64::from(r.cpu));
        prop_assert!(instance.remaining_memory >= i64::from(r.memory));
        prop_assert!(instance.remaining_gpu >= i64::from(r.gpu));
        for port in &r.tcp_host_ports {
            prop_assert!(!instance.used_tcp_ports.contains(port));
            prop_assert!(!instance.reserved_tcp_ports.contains(port));
        }
        prop_assert!(
            instance.reserved_tcp_ports.len()
                + instance.used_tcp_ports.len()
                + r.tcp_host_ports.len()
                <= MAX_RESERVED_PORTS
        );
        if r.uses_eni {
            prop_assert!(instance.enis_in_use < instance.eni_task_limit);
            prop_assert!(instance.attributes.contains_key(TASK_ENI_CAPABILITY));
        }
        for constraint in &request.constraints {
            match constraint {
                PlacementConstraint::DistinctInstance => {
                    prop_assert_eq!(instance.group_count(&request.group), 0);
                }
                PlacementConstraint::MemberOf(m) => {
                    prop_assert!(m.expression.matches(instance), "{:?}", m)
                }
            }
        }
        if request
            .constraints
            .contains(&PlacementConstraint::DistinctInstance)
        {
            prop_assert!(used_by_request.insert(placed.instance));
        }
        let task = replay.tasks.len();
        replay.add_task(TaskState {
            tcp_host_ports: r.tcp_host_ports.clone(),
            uses_eni: r.uses_eni,
            gpu: r.gpu,
            ..common::task(
                &format!("replay-{task}"),
                &request.group,
                placed.instance,
                r.cpu,
                r.memory,
            )
        });
    }
    Ok(())
}

/// The number of cases: the short run's default, or `PROPTEST_CASES` for the long fuzz run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(400)))]

    #[test]
    fn fast_equals_naive_and_placements_are_allowed(state in cluster(), request in request(), seed: u64) {
        let mut fast = state.clone();
        let mut naive = state.clone();
        let outcome = place(&mut fast, &request, &mut PlacementRng::seed_from_u64(seed));
        let reference = place_naive(&mut naive, &request, &mut PlacementRng::seed_from_u64(seed));
        prop_assert_eq!(&outcome, &reference);
        prop_assert_eq!(&fast, &naive);
        prop_assert_eq!(outcome.placed.len() + outcome.failures.len(), request.count as usize);
        check_each_placement_was_allowed(&state, &request, &outcome)?;
        // The maintained counters match a recomputation from the tasks.
        let mut recomputed = fast.clone();
        recomputed.recompute_usage();
        prop_assert_eq!(&recomputed, &fast);
    }

    #[test]
    fn same_seed_same_result(state in cluster(), request in request(), seed: u64) {
        let first = place(&mut state.clone(), &request, &mut PlacementRng::seed_from_u64(seed));
        let second = place(&mut state.clone(), &request, &mut PlacementRng::seed_from_u64(seed));
        prop_assert_eq!(first, second);
    }

    #[test]
    fn explanation_agrees_with_place_task_by_task(state in cluster(), request in request(), seed: u64) {
        let mut batch_state = state.clone();
        let batch = place(&mut batch_state, &request, &mut PlacementRng::seed_from_u64(seed));
        let single = PlacementRequest { count: 1, ..request.clone() };
        let mut state = state;
        let mut rng = PlacementRng::seed_from_u64(seed);
        for k in 0..request.count as usize {
            let explanation = explain_next(&state, &single, &rng);
            let outcome = place(&mut state, &single, &mut rng);
            let chosen = explanation.chosen.as_ref().map(|c| c.index);
            prop_assert_eq!(chosen, outcome.placed.first().map(|p| p.instance));
            prop_assert_eq!(chosen, batch.placed.get(k).map(|p| p.instance));
            prop_assert_eq!(explanation.failure.as_ref(), outcome.failures.first());
            prop_assert_eq!(explanation.instances.len(), state.instances.len());
            if chosen.is_none() {
                break;
            }
        }
    }

    /// Spread balance, when capacity allows: every instance is ACTIVE, connected and large enough
    /// for the whole request, there are no constraints and the group starts empty. Then the
    /// first spread strategy's buckets (the instances lacking the attribute being one bucket)
    /// never differ by more than one task.
    #[test]
    fn spread_keeps_buckets_within_one(
        zones in prop::collection::vec(0..4usize, 1..15),
        count in 1..60u32,
        tail in prop::collection::vec(strategy_choice(), 0..2),
        by_instance: bool,
        seed: u64,
    ) {
        let instances = zones
            .iter()
            .enumerate()
            .map(|(i, &z)| {
                let mut instance = ContainerInstanceState::new(format!("ci-{i}"), 65536, 65536);
                if let Some(zone) = ZONES[z] {
                    instance = instance.with_attribute(AVAILABILITY_ZONE_ATTRIBUTE, zone);
                }
                instance
            })
            .collect();
        let mut state = ClusterState::new(instances, Vec::new());
        let first = if by_instance {
            PlacementStrategy::Spread(SpreadField::InstanceId)
        } else {
            PlacementStrategy::Spread(SpreadField::Attribute(AVAILABILITY_ZONE_ATTRIBUTE.to_string()))
        };
        let mut request = service("web", count, needs(1, 1));
        request.strategies = std::iter::once(first).chain(tail).collect();
        let outcome = place(&mut state, &request, &mut PlacementRng::seed_from_u64(seed));
        prop_assert_eq!(outcome.placed.len(), count as usize);
        let mut buckets = std::collections::BTreeMap::new();
        for (i, instance) in state.instances.iter().enumerate() {
            let bucket = if by_instance { Some(i.to_string()) } else { instance.availability_zone().map(str::to_string) };
            *buckets.entry(bucket).or_insert(0u32) += instance.group_count("service:web");
        }
        let max = buckets.values().max().copied().unwrap_or(0);
        let min = buckets.values().min().copied().unwrap_or(0);
        prop_assert!(max - min <= 1, "{:?}", buckets);
    }

    #[test]
    fn scale_in_returns_distinct_tasks_of_the_group(state in cluster(), group in 0..3usize, n in 0..30usize, tail in prop::collection::vec(strategy_choice(), 0..3), seed: u64) {
        let group = GROUPS[group];
        let stopped = choose_tasks_to_stop(&state, group, &tail, n, &mut PlacementRng::seed_from_u64(seed));
        let available = state.tasks.iter().filter(|t| t.group == group).count();
        prop_assert_eq!(stopped.len(), n.min(available));
        let unique: std::collections::BTreeSet<_> = stopped.iter().collect();
        prop_assert_eq!(unique.len(), stopped.len());
        for id in &stopped {
            prop_assert!(state.tasks.iter().any(|t| &t.id == id && t.group == group));
        }
    }
}
