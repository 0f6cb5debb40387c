//! Reading the timeline part of a scenario (`actions`, `until`, `timings`, `behaviours`) into a
//! [`World`], with a diagnostic for every problem and a JSON path into the scenario.

use std::collections::BTreeMap;

use ecs_model::{
    ContainerInstanceSpec, Diagnostic, check_container_instance_value, check_create_service_value,
    check_run_task_value, check_task_definition_value, check_update_service_value,
    container_instance_from_spec,
};
use serde_json::{Map, Value};

use crate::world::{Action, TaskBehaviour, TimedAction, Timings, World};

/// The scenario members this module reads.
pub const TIMELINE_MEMBERS: [&str; 4] = ["actions", "until", "timings", "behaviours"];

/// The latest moment a scenario may name: one week of virtual time.
pub const MAX_SECONDS: u64 = 7 * 24 * 3600;

/// The most actions a scenario may hold.
pub const MAX_ACTIONS: usize = 10_000;

const ACTION_NAMES: [&str; 15] = [
    "runTask",
    "stopTask",
    "createService",
    "updateService",
    "registerTaskDefinition",
    "deregisterTaskDefinition",
    "registerContainerInstance",
    "drainContainerInstance",
    "activateContainerInstance",
    "terminateContainerInstance",
    "disconnectAgent",
    "reconnectAgent",
    "failAvailabilityZone",
    "recoverAvailabilityZone",
    "spotInterruption",
];

/// Reads the timeline members of `scenario` (the scenario's top-level object) into `world`.
pub fn read_timeline(scenario: &Map<String, Value>, world: &mut World) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    if let Some(value) = scenario.get("until") {
        match value.as_u64() {
            Some(t) if t <= MAX_SECONDS => world.until = Some(t),
            _ => diagnostics.push(Diagnostic::error(
                "until",
                format!(
                    "until must be a whole number of seconds from 0 to {MAX_SECONDS}, not {value}."
                ),
                "until says where the timeline ends, in virtual seconds from the start.",
            )),
        }
    }
    if let Some(value) = scenario.get("timings") {
        read_timings(value, &mut world.timings, &mut diagnostics);
    }
    if let Some(value) = scenario.get("behaviours") {
        match value.as_object() {
            Some(map) => {
                for (key, v) in map {
                    let path = format!("behaviours.{key}");
                    if let Some(b) = read_behaviour(v, &path, &mut diagnostics) {
                        world.behaviours.insert(key.clone(), b);
                    }
                }
            }
            None => diagnostics.push(Diagnostic::error(
                "behaviours",
                "behaviours must be an object keyed by family:revision.",
                "For example {\"web:2\": {\"healthCheck\": \"UNHEALTHY\"}}.",
            )),
        }
    }
    if let Some(value) = scenario.get("actions") {
        let Some(items) = value.as_array() else {
            diagnostics.push(Diagnostic::error(
                "actions",
                "actions must be a list.",
                "Each action is {\"at\": SECONDS, \"<action>\": {...}}.",
            ));
            return diagnostics;
        };
        if items.len() > MAX_ACTIONS {
            diagnostics.push(Diagnostic::error(
                "actions",
                format!("A scenario can hold at most {MAX_ACTIONS} actions."),
                "Shorten the timeline.",
            ));
        }
        let mut next_instance = world.container_instances.len();
        for (i, item) in items.iter().enumerate().take(MAX_ACTIONS) {
            let path = format!("actions[{i}]");
            if let Some(action) =
                read_action(item, &path, &mut next_instance, world, &mut diagnostics)
            {
                world.actions.push(action);
            }
        }
    }
    diagnostics
}

fn read_timings(value: &Value, timings: &mut Timings, diagnostics: &mut Vec<Diagnostic>) {
    let Some(map) = value.as_object() else {
        diagnostics.push(Diagnostic::error(
            "timings",
            "timings must be an object.",
            "For example {\"pendingSeconds\": 10}.",
        ));
        return;
    };
    for (key, v) in map {
        let slot = match key.as_str() {
            "provisioningSeconds" => &mut timings.provisioning_seconds,
            "fargateProvisioningSeconds" => &mut timings.fargate_provisioning_seconds,
            "pendingSeconds" => &mut timings.pending_seconds,
            "activatingSeconds" => &mut timings.activating_seconds,
            "healthyAfterSeconds" => &mut timings.healthy_after_seconds,
            "healthCheckSeconds" => &mut timings.health_check_seconds,
            "deactivatingSeconds" => &mut timings.deactivating_seconds,
            "stoppingSeconds" => &mut timings.stopping_seconds,
            "deprovisioningSeconds" => &mut timings.deprovisioning_seconds,
            "retrySeconds" => &mut timings.retry_seconds,
            "spotWarningSeconds" => &mut timings.spot_warning_seconds,
            "settleHorizon" => &mut timings.settle_horizon,
            _ => {
                diagnostics.push(Diagnostic::warning(
                    format!("timings.{key}"),
                    format!("Unknown timing '{key}'; it is ignored."),
                    "Timings are provisioningSeconds, fargateProvisioningSeconds, pendingSeconds, activatingSeconds, healthyAfterSeconds, healthCheckSeconds, deactivatingSeconds, stoppingSeconds, deprovisioningSeconds, retrySeconds, spotWarningSeconds and settleHorizon.",
                ));
                continue;
            }
        };
        match v.as_u64() {
            Some(n) if n <= 86_400 => *slot = n,
            _ => diagnostics.push(Diagnostic::error(
                format!("timings.{key}"),
                format!("{key} must be a whole number of seconds from 0 to 86400, not {v}."),
                "Timings are durations in virtual seconds.",
            )),
        }
    }
    // A retry interval of zero would make a service that cannot place retry forever at one
    // instant.
    timings.retry_seconds = timings.retry_seconds.max(1);
}

fn read_behaviour(
    value: &Value,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TaskBehaviour> {
    let Some(map) = value.as_object() else {
        diagnostics.push(Diagnostic::error(
            path,
            "A behaviour must be an object.",
            "For example {\"healthCheck\": \"UNHEALTHY\"} or {\"failsToStart\": true}.",
        ));
        return None;
    };
    let mut behaviour = TaskBehaviour::default();
    for (key, v) in map {
        let field = format!("{path}.{key}");
        match (key.as_str(), v) {
            ("healthCheck", Value::String(s)) if s == "HEALTHY" || s == "UNHEALTHY" => {
                behaviour.unhealthy = s == "UNHEALTHY";
            }
            ("failsToStart", Value::Bool(b)) => behaviour.fails_to_start = *b,
            ("essentialContainerExitsAfter", v) if v.as_u64().is_some() => {
                behaviour.essential_container_exits_after = v.as_u64();
            }
            _ => diagnostics.push(Diagnostic::error(
                field,
                format!("'{key}' with value {v} is not a task behaviour."),
                "A behaviour takes healthCheck (HEALTHY or UNHEALTHY), failsToStart (true/false) and essentialContainerExitsAfter (seconds).",
            )),
        }
    }
    Some(behaviour)
}

fn prefix(found: Vec<Diagnostic>, path: &str, diagnostics: &mut Vec<Diagnostic>) {
    for mut d in found {
        d.path = if d.path.is_empty() {
            path.to_owned()
        } else if d.path.starts_with('[') {
            format!("{path}{}", d.path)
        } else {
            format!("{path}.{}", d.path)
        };
        d.line = None;
        d.column = None;
        diagnostics.push(d);
    }
}

/// A string member of an action's body.
fn string_member(
    body: &Value,
    name: &str,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    match body.get(name).and_then(Value::as_str) {
        Some(s) if !s.is_empty() => Some(s.to_owned()),
        _ => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.{name}"),
                format!("{name} is required and must be a string."),
                format!("This action names its target in {name}."),
            ));
            None
        }
    }
}

/// Takes `availabilityZoneRebalancing` out of a service body, which the model does not know.
fn take_rebalancing(
    body: &Value,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Value, Option<bool>) {
    let mut body = body.clone();
    let value = body
        .as_object_mut()
        .and_then(|m| m.remove("availabilityZoneRebalancing"));
    let setting = match value.as_ref().map(|v| v.as_str()) {
        None => None,
        Some(Some("ENABLED")) => Some(true),
        Some(Some("DISABLED")) => Some(false),
        Some(_) => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.availabilityZoneRebalancing"),
                "availabilityZoneRebalancing must be ENABLED or DISABLED.",
                "With ENABLED, ECS moves tasks back into a recovered Availability Zone.",
            ));
            None
        }
    };
    (body, setting)
}

fn read_action(
    item: &Value,
    path: &str,
    next_instance: &mut usize,
    world: &World,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TimedAction> {
    let Some(map) = item.as_object() else {
        diagnostics.push(Diagnostic::error(
            path,
            "An action must be an object.",
            "Each action is {\"at\": SECONDS, \"<action>\": {...}}.",
        ));
        return None;
    };
    let at = match map.get("at").map(Value::as_u64) {
        Some(Some(t)) if t <= MAX_SECONDS => t,
        _ => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.at"),
                format!("at must be a whole number of seconds from 0 to {MAX_SECONDS}."),
                "at says when the action happens, in virtual seconds from the start.",
            ));
            return None;
        }
    };
    let names: Vec<&String> = map
        .keys()
        .filter(|k| k.as_str() != "at" && k.as_str() != "behaviour")
        .collect();
    let [name] = names.as_slice() else {
        diagnostics.push(Diagnostic::error(
            path,
            format!(
                "An action names exactly one of {}; this one has {}.",
                ACTION_NAMES.join(", "),
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(", ")
                }
            ),
            "For example {\"at\": 60, \"updateService\": {\"service\": \"web\", \"desiredCount\": 4}}.",
        ));
        return None;
    };
    let body = &map[name.as_str()];
    let body_path = format!("{path}.{name}");
    let before = diagnostics.len();
    let action = match name.as_str() {
        "runTask" => {
            let (typed, found) = check_run_task_value(body);
            prefix(found, &body_path, diagnostics);
            Action::RunTask(typed?)
        }
        "stopTask" => Action::StopTask {
            task: string_member(body, "task", &body_path, diagnostics)?,
            reason: body
                .get("reason")
                .and_then(Value::as_str)
                .map(str::to_owned),
        },
        "createService" => {
            let (body, rebalancing) = take_rebalancing(body, &body_path, diagnostics);
            let (typed, found) = check_create_service_value(&body);
            prefix(found, &body_path, diagnostics);
            Action::CreateService(typed?, rebalancing)
        }
        "updateService" => {
            let (body, rebalancing) = take_rebalancing(body, &body_path, diagnostics);
            let (typed, found) = check_update_service_value(&body);
            prefix(found, &body_path, diagnostics);
            let typed = typed?;
            if typed.service.as_deref().is_none_or(str::is_empty) {
                diagnostics.push(Diagnostic::error(
                    format!("{body_path}.service"),
                    "service is required.",
                    "UpdateService names the service to change.",
                ));
                return None;
            }
            Action::UpdateService(typed, rebalancing)
        }
        "registerTaskDefinition" => {
            let (typed, found) = check_task_definition_value(body);
            prefix(found, &body_path, diagnostics);
            let behaviour = match map.get("behaviour") {
                Some(v) => Some(read_behaviour(
                    v,
                    &format!("{path}.behaviour"),
                    diagnostics,
                )?),
                None => None,
            };
            Action::RegisterTaskDefinition(typed?, behaviour)
        }
        "deregisterTaskDefinition" => Action::DeregisterTaskDefinition {
            task_definition: string_member(body, "taskDefinition", &body_path, diagnostics)?,
        },
        "registerContainerInstance" => Action::RegisterContainerInstances(read_instances(
            body,
            &body_path,
            next_instance,
            world,
            diagnostics,
        )?),
        "drainContainerInstance" => Action::DrainContainerInstance {
            container_instance: string_member(body, "containerInstance", &body_path, diagnostics)?,
        },
        "activateContainerInstance" => Action::ActivateContainerInstance {
            container_instance: string_member(body, "containerInstance", &body_path, diagnostics)?,
        },
        "terminateContainerInstance" => Action::TerminateContainerInstance {
            container_instance: string_member(body, "containerInstance", &body_path, diagnostics)?,
        },
        "disconnectAgent" => Action::DisconnectAgent {
            container_instance: string_member(body, "containerInstance", &body_path, diagnostics)?,
        },
        "reconnectAgent" => Action::ReconnectAgent {
            container_instance: string_member(body, "containerInstance", &body_path, diagnostics)?,
        },
        "failAvailabilityZone" => Action::FailAvailabilityZone {
            zone: string_member(body, "availabilityZone", &body_path, diagnostics)?,
        },
        "recoverAvailabilityZone" => Action::RecoverAvailabilityZone {
            zone: string_member(body, "availabilityZone", &body_path, diagnostics)?,
        },
        "spotInterruption" => Action::SpotInterruption {
            tasks: body
                .get("tasks")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            container_instance: body
                .get("containerInstance")
                .and_then(Value::as_str)
                .map(str::to_owned),
        },
        other => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.{other}"),
                format!("Unknown action '{other}'."),
                format!("Actions are {}.", ACTION_NAMES.join(", ")),
            ));
            return None;
        }
    };
    if diagnostics[before..].iter().any(Diagnostic::is_error) {
        return None;
    }
    Some(TimedAction {
        at,
        path: path.to_owned(),
        action,
    })
}

/// `registerContainerInstance` takes a short declaration (`instanceType`, `availabilityZone`,
/// `count`, `attributes`) or a full DescribeContainerInstances entry.
fn read_instances(
    body: &Value,
    path: &str,
    next_instance: &mut usize,
    world: &World,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<ecs_model::ContainerInstance>> {
    if body.get("containerInstanceArn").is_some() || body.get("registeredResources").is_some() {
        let (typed, found) = check_container_instance_value(body);
        prefix(found, path, diagnostics);
        *next_instance += 1;
        return typed.map(|i| vec![i]);
    }
    let Some(object) = body.as_object() else {
        diagnostics.push(Diagnostic::error(
            path,
            "A container instance must be an object.",
            "Declare it as {\"instanceType\": \"m5.large\", \"availabilityZone\": \"us-east-1a\"}.",
        ));
        return None;
    };
    let count = match object.get("count") {
        None => 1,
        Some(v) => match v.as_u64() {
            Some(n @ 0..=1000) => n as usize,
            _ => {
                diagnostics.push(Diagnostic::error(
                    format!("{path}.count"),
                    format!("count must be a whole number from 0 to 1000, not {v}."),
                    "count says how many identical instances join.",
                ));
                return None;
            }
        },
    };
    let mut spec_value = Map::new();
    for (key, v) in object {
        if key != "count" && key != "attributes" {
            spec_value.insert(key.clone(), v.clone());
        }
    }
    if let Some(Value::Array(items)) = object.get("attributes") {
        let attributes: BTreeMap<String, Option<String>> = items
            .iter()
            .filter_map(|item| {
                Some((
                    item.get("name")?.as_str()?.to_owned(),
                    item.get("value").and_then(Value::as_str).map(str::to_owned),
                ))
            })
            .collect();
        spec_value.insert(
            "attributes".into(),
            serde_json::to_value(attributes).unwrap_or(Value::Null),
        );
    }
    let spec: ContainerInstanceSpec = match serde_json::from_value(Value::Object(spec_value)) {
        Ok(spec) => spec,
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                path,
                format!("This container instance declaration cannot be read: {err}."),
                "A short declaration needs instanceType and availabilityZone, both strings.",
            ));
            return None;
        }
    };
    let mut instances = Vec::new();
    for _ in 0..count {
        *next_instance += 1;
        let n = *next_instance;
        let arn = format!(
            "arn:aws:ecs:us-east-1:123456789012:container-instance/{}/ci-{n}",
            world.cluster
        );
        let ec2_id = format!("i-0{:016x}", 0x5ca1_ab1e_0000_0000_u64 + n as u64);
        match container_instance_from_spec(&spec, &arn, &ec2_id) {
            Ok(instance) => instances.push(instance),
            Err(err) => {
                diagnostics.push(Diagnostic::error(
                    format!("{path}.instanceType"),
                    err.to_string(),
                    "Pick an instance type from the catalogue.",
                ));
                return None;
            }
        }
    }
    Some(instances)
}
