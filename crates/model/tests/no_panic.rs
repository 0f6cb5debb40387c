//! The checks never panic, whatever the input.

use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// Member names the validators look at, so random documents reach the rules.
const KEYS: &[&str] = &[
    "family",
    "containerDefinitions",
    "name",
    "image",
    "cpu",
    "memory",
    "memoryReservation",
    "essential",
    "portMappings",
    "containerPort",
    "hostPort",
    "containerPortRange",
    "protocol",
    "links",
    "hostname",
    "dependsOn",
    "containerName",
    "condition",
    "healthCheck",
    "command",
    "interval",
    "resourceRequirements",
    "type",
    "value",
    "logConfiguration",
    "logDriver",
    "options",
    "mountPoints",
    "sourceVolume",
    "volumes",
    "networkMode",
    "requiresCompatibilities",
    "placementConstraints",
    "expression",
    "placementStrategy",
    "field",
    "ephemeralStorage",
    "sizeInGiB",
    "runtimePlatform",
    "operatingSystemFamily",
    "proxyConfiguration",
    "serviceName",
    "taskDefinition",
    "desiredCount",
    "launchType",
    "capacityProviderStrategy",
    "capacityProvider",
    "weight",
    "base",
    "schedulingStrategy",
    "deploymentConfiguration",
    "maximumPercent",
    "minimumHealthyPercent",
    "networkConfiguration",
    "awsvpcConfiguration",
    "subnets",
    "securityGroups",
    "loadBalancers",
    "count",
    "deploymentController",
    "deploymentCircuitBreaker",
    "enable",
    "rollback",
    "executionRoleArn",
    "pidMode",
    "ipcMode",
];

const WORDS: &[&str] = &[
    "",
    "app",
    "FARGATE",
    "EC2",
    "awsvpc",
    "bridge",
    "host",
    "none",
    "DAEMON",
    "REPLICA",
    "memberOf",
    "distinctInstance",
    "binpack",
    "spread",
    "random",
    "HEALTHY",
    "SUCCESS",
    "START",
    "8000-8010",
    "8005-9000",
    "90-80",
    "1-70000",
    "awslogs",
    "GPU",
    "1 vCPU",
    "0.25 vcpu",
    "2 GB",
    "256",
    "512",
    "99999999999999999999",
    "CMD",
    "LINUX",
    "WINDOWS_SERVER_2019_CORE",
    "attribute:x",
    "é",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        (-1e12f64..1e12).prop_map(|f| json!(f)),
        prop::sample::select(WORDS).prop_map(|s| json!(s)),
        ".{0,12}".prop_map(Value::String),
        (0i64..70000).prop_map(|n| json!(n)),
    ]
}

fn document() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 200, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..12).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..10).prop_map(|members| {
                Value::Object(
                    members
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// The number of cases: the short run's default, or `PROPTEST_CASES` for the long fuzz run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(512)))]

    #[test]
    fn values_never_panic(value in document()) {
        let _ = ecs_model::check_task_definition_value(&value);
        let _ = ecs_model::check_create_service_value(&value);
        let _ = ecs_model::check_run_task_value(&value);
        let _ = ecs_model::check_container_instances_value(&value);
        let wrapped = json!({ "taskDefinition": value.clone() });
        let _ = ecs_model::check_task_definition_value(&wrapped);
        if let (Some(td), _) = ecs_model::check_task_definition_value(&value) {
            let _ = td.resource_demand();
        }
        let text = value.to_string();
        let (_, diagnostics) = ecs_model::check_document(&text);
        for d in diagnostics {
            prop_assert!(d.line.is_some() && d.column.is_some());
        }
    }

    #[test]
    fn strings_never_panic(text in ".{0,200}") {
        let _ = ecs_model::check_task_definition(&text);
        let _ = ecs_model::check_document(&text);
        let _ = ecs_model::locate(&text, "containerDefinitions[0].name");
        let _ = ecs_model::parse_task_cpu(&text);
        let _ = ecs_model::parse_task_memory(&text);
    }

    #[test]
    fn json_like_strings_never_panic(text in r#"[\[\]{}":,0-9a-z \\.\-]{0,120}"#) {
        let _ = ecs_model::check_task_definition(&text);
        let _ = ecs_model::check_create_service(&text);
        let _ = ecs_model::locate(&text, "a[0].b");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (_, diagnostics) = ecs_model::check_task_definition(&text);
    assert!(ecs_model::has_errors(&diagnostics));
    assert_eq!(ecs_model::locate(&text, "a"), None);
}
