//! Property tests of the scenario loader, the stable-Rust stand-in for a fuzzer: arbitrary text and
//! arbitrary scenario-shaped documents (with timeline actions and scaling policies) never panic, and every run they produce keeps the cluster's
//! books straight. `PROPTEST_CASES=100000 cargo test --release -p ecs-scenario --test fuzz_loader`
//! is the long run (see README).

use ecs_scenario::{Evaluation, evaluate};
use proptest::prelude::*;
use serde_json::{Value, json};

fn instance_type() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("t3.micro")),
        Just(json!("t3.medium")),
        Just(json!("m5.large")),
        Just(json!("c5.large")),
        Just(json!("g4dn.xlarge")),
        Just(json!("no.such")),
        Just(json!(7)),
    ]
}

fn zone() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("us-east-1a")),
        Just(json!("us-east-1b")),
        Just(json!("eu-west-1c")),
        Just(json!(null)),
    ]
}

fn instance() -> impl Strategy<Value = Value> {
    (instance_type(), zone(), 0u64..6, any::<bool>(), prop::option::of("[a-z]{1,6}")).prop_map(
        |(t, z, count, connected, stack)| {
            let mut i = json!({"instanceType": t, "availabilityZone": z, "count": count, "agentConnected": connected});
            if let Some(stack) = stack {
                i["attributes"] = json!([{"name": "stack", "value": stack}]);
            }
            i
        },
    )
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0i64..5000).prop_map(|n| json!(n)),
        Just(json!(-1)),
        Just(json!(1e300)),
        Just(json!("512")),
        Just(json!(null)),
    ]
}

fn task_definition() -> impl Strategy<Value = Value> {
    (
        prop_oneof![Just("app"), Just("web"), Just("bad name")],
        number(),
        number(),
        prop_oneof![Just(json!("bridge")), Just(json!("awsvpc")), Just(json!("host")), Just(json!("nope"))],
        prop::collection::vec(prop_oneof![Just(json!(0)), Just(json!(80)), Just(json!(22)), Just(json!(70000))], 0..3),
    )
        .prop_map(|(family, cpu, memory, mode, ports)| {
            let mappings: Vec<Value> =
                ports.into_iter().map(|p| json!({"containerPort": 8080, "hostPort": p})).collect();
            json!({
                "family": family,
                "networkMode": mode,
                "containerDefinitions": [{"name": "c", "image": "i", "cpu": cpu, "memory": memory, "portMappings": mappings}]
            })
        })
}

fn strategy_item() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"type": "binpack", "field": "memory"})),
        Just(json!({"type": "binpack", "field": "cpu"})),
        Just(json!({"type": "spread", "field": "attribute:ecs.availability-zone"})),
        Just(json!({"type": "spread", "field": "instanceId"})),
        Just(json!({"type": "spread", "field": "attribute:stack"})),
        Just(json!({"type": "random"})),
        Just(json!({"type": "sideways"})),
    ]
}

fn constraint_item() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"type": "distinctInstance"})),
        Just(json!({"type": "memberOf", "expression": "attribute:ecs.instance-type =~ t3.*"})),
        Just(json!({"type": "memberOf", "expression": "not(task:group == service:web)"})),
        Just(json!({"type": "memberOf", "expression": "attribute:stack == ("})),
        "[ -~]{0,40}".prop_map(|e| json!({"type": "memberOf", "expression": e})),
    ]
}

fn service() -> impl Strategy<Value = Value> {
    (
        prop_oneof![Just("web"), Just("api")],
        number(),
        prop::collection::vec(strategy_item(), 0..4),
        prop::collection::vec(constraint_item(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(name, desired, strategies, constraints, daemon)| {
            let mut s = json!({
                "serviceName": name,
                "taskDefinition": "app",
                "desiredCount": desired,
                "placementStrategy": strategies,
                "placementConstraints": constraints,
            });
            if daemon {
                s["schedulingStrategy"] = json!("DAEMON");
                s.as_object_mut().map(|o| o.remove("placementStrategy"));
            }
            s
        })
}

/// A member value that is sometimes right and often wrong.
fn junk() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!(null)),
        Just(json!(-1)),
        Just(json!(0)),
        Just(json!(3)),
        Just(json!(1e300)),
        Just(json!("web")),
        Just(json!("app")),
        Just(json!("ci-1")),
        Just(json!("task-1")),
        Just(json!(["ci-1", "ci-2"])),
        Just(json!(["task-1"])),
        Just(json!([])),
        Just(json!({})),
        Just(json!(true)),
    ]
}

/// A timeline action with a few members drawn from every action's vocabulary.
fn action() -> impl Strategy<Value = Value> {
    (
        0u64..1200,
        // Every action the timeline knows, and one it does not.
        prop::sample::select(
            ecs_sim::ACTION_NAMES
                .iter()
                .copied()
                .chain(["explode"])
                .collect::<Vec<_>>(),
        ),
        prop::collection::btree_map(
            prop::sample::select(vec![
                "service",
                "serviceName",
                "force",
                "taskDefinition",
                "containerInstances",
                "group",
                "startedBy",
                "task",
                "tasks",
                "desiredCount",
                "containerInstance",
                "protectionEnabled",
                "expiresInMinutes",
                "availabilityZone",
                "count",
            ]),
            junk(),
            0..5,
        ),
    )
        .prop_map(|(at, name, body)| json!({"at": at, name: body}))
}

/// A Service Auto Scaling item: target tracking or step scaling, each field right or wrong.
fn auto_scaling() -> impl Strategy<Value = Value> {
    let step = (
        prop_oneof![Just(json!("CPUUtilization")), Just(json!("MemoryUtilization")), junk()],
        prop_oneof![Just(json!("GreaterThanOrEqualToThreshold")), Just(json!("LessThanThreshold")), junk()],
        prop_oneof![(0i64..120).prop_map(|n| json!(n)), junk()],
        prop_oneof![Just(json!("ChangeInCapacity")), Just(json!("PercentChangeInCapacity")), Just(json!("ExactCapacity")), junk()],
        prop::collection::vec(
            (prop::option::of(-50i64..50), prop::option::of(-50i64..50), -20i64..20).prop_map(
                |(lower, upper, adjustment)| {
                    json!({"metricIntervalLowerBound": lower, "metricIntervalUpperBound": upper, "scalingAdjustment": adjustment})
                },
            ),
            0..4,
        ),
        prop_oneof![(0u64..600).prop_map(|n| json!(n)), junk()],
    )
        .prop_map(|(metric, operator, threshold, kind, steps, cooldown)| {
            json!({"stepScaling": {"metricName": metric, "comparisonOperator": operator, "threshold": threshold,
                "adjustmentType": kind, "stepAdjustments": steps, "cooldown": cooldown, "minAdjustmentMagnitude": 2}})
        });
    let tracking = (prop_oneof![Just(json!("ECSServiceAverageCPUUtilization")), junk()], 0i64..120)
        .prop_map(|(metric, target)| json!({"targetTracking": {"predefinedMetricType": metric, "targetValue": target}}));
    (
        prop_oneof![step, tracking],
        0u64..6,
        0u64..12,
        prop::collection::vec((0u64..1200, 0u64..500), 0..4),
    )
        .prop_map(|(mut policy, min, max, load)| {
            policy["service"] = json!("web");
            policy["minCapacity"] = json!(min);
            policy["maxCapacity"] = json!(max);
            policy["load"] = load
                .into_iter()
                .map(|(at, value)| json!({"at": at, "value": value}))
                .collect();
            policy
        })
}

fn scenario() -> impl Strategy<Value = Value> {
    (
        any::<u64>(),
        prop::collection::vec(instance(), 0..6),
        prop::collection::vec(task_definition(), 0..3),
        prop::collection::vec(service(), 0..3),
        prop::collection::vec((0i64..12, prop::collection::vec(strategy_item(), 0..2)), 0..3),
        prop::collection::vec(action(), 0..5),
        prop::collection::vec(auto_scaling(), 0..2),
    )
        .prop_map(|(seed, instances, task_definitions, services, run_tasks, actions, scaling)| {
            let run_tasks: Vec<Value> = run_tasks
                .into_iter()
                .map(|(count, strategies)| json!({"taskDefinition": "app", "count": count, "placementStrategy": strategies}))
                .collect();
            json!({
                "scenarioVersion": 1,
                "name": "fuzz",
                "seed": seed,
                "availabilityZones": ["us-east-1a", "us-east-1b"],
                "containerInstances": instances,
                "taskDefinitions": task_definitions,
                "services": services,
                "runTasks": run_tasks,
                "actions": actions,
                "serviceAutoScaling": scaling,
                "until": 1800,
            })
        })
}

/// No instance holds unstopped tasks whose reservations exceed what it registered.
fn assert_books_balance(evaluation: &Evaluation) {
    let Some(outcome) = &evaluation.outcome else {
        return;
    };
    for instance in &outcome.container_instances {
        let on_it = outcome
            .tasks
            .iter()
            .filter(|t| t.container_instance.as_deref() == Some(&instance.id))
            .filter(|t| t.last_status != "STOPPED");
        let (cpu, memory) = on_it.fold((0u64, 0u64), |(c, m), t| {
            (c + u64::from(t.cpu), m + u64::from(t.memory))
        });
        assert!(
            cpu <= u64::from(instance.registered_cpu),
            "{} over-committed on CPU",
            instance.id
        );
        assert!(
            memory <= u64::from(instance.registered_memory),
            "{} over-committed on memory",
            instance.id
        );
    }
}

/// The number of cases: the short run's default, or `PROPTEST_CASES` for the long fuzz run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let evaluation = evaluate(&text);
        prop_assert!(evaluation.outcome.is_none() || !evaluation.diagnostics.iter().any(|d| d.is_error()));
    }

    #[test]
    fn scenario_shaped_documents_never_panic_and_never_over_commit(doc in scenario()) {
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let first = evaluate(&text);
        assert_books_balance(&first);
        // A run is a function of its text.
        prop_assert_eq!(&first.outcome, &evaluate(&text).outcome);
    }
}

#[test]
fn oversized_text_is_refused_with_its_size() {
    let text = format!(
        "{{\"scenarioVersion\": 1, \"name\": \"{}\"}}",
        "x".repeat(1_100_000)
    );
    let evaluation = evaluate(&text);
    assert_eq!(evaluation.diagnostics.len(), 1);
    assert_eq!(
        evaluation.diagnostics[0].message,
        "The scenario is 1.0 MiB; the playground reads scenarios of up to 1 MiB."
    );
}

#[test]
fn more_than_five_thousand_services_are_refused() {
    let services: Vec<Value> = (0..5001)
        .map(|i| json!({"serviceName": format!("s{i}")}))
        .collect();
    let text = json!({"scenarioVersion": 1, "services": services}).to_string();
    let evaluation = evaluate(&text);
    assert!(
        evaluation.diagnostics.iter().any(|d| d.path == "services"
            && d.message == "services has 5001 entries; a scenario may have at most 5000."),
        "{:?}",
        evaluation.diagnostics.first()
    );
}
