//! Reading the timeline part of a scenario (`actions`, `until`, `timings`, `behaviours`,
//! `accountSettings`, …) into a [`World`], with a diagnostic for every problem and a JSON path
//! into the scenario.

use std::collections::BTreeMap;

use ecs_model::{
    AccountSettings, ContainerInstanceSpec, Diagnostic, check_container_instance_value,
    check_create_service_value, check_run_task_value, check_task_definition_value,
    check_update_service_value, container_instance_from_spec_with, unknown_members,
};
use serde_json::{Map, Value};

use crate::world::{Action, TaskBehaviour, TimedAction, Timings, World};

/// The scenario members this module reads.
pub const TIMELINE_MEMBERS: [&str; 8] = [
    "accountSettings",
    "subnets",
    "serviceAutoScaling",
    "actions",
    "until",
    "timings",
    "behaviours",
    "capacityProviders",
];

/// The latest moment a scenario may name: one week of virtual time.
pub const MAX_SECONDS: u64 = 7 * 24 * 3600;

/// The most actions a scenario may hold.
pub const MAX_ACTIONS: usize = 10_000;

/// The names of the timeline's actions, also the `kind` of the timeline entry each one adds.
pub const ACTION_NAMES: [&str; 18] = [
    "runTask",
    "startTask",
    "stopTask",
    "createService",
    "updateService",
    "deleteService",
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
    "updateTaskProtection",
];

/// UpdateTaskProtection's bounds on `expiresInMinutes`, and the protection it gives without one.
/// [API]
const PROTECTION_MINUTES: std::ops::RangeInclusive<u64> = 1..=2880;
const DEFAULT_PROTECTION_MINUTES: u32 = 120;

/// [DOC] The most capacity providers a cluster has (§10).
const MAX_CAPACITY_PROVIDERS: usize = 20;

/// UpdateTaskProtection takes up to 10 tasks per call. [API]
const MAX_PROTECTION_TASKS: usize = 10;

/// Reads the timeline members of `scenario` (the scenario's top-level object) into `world`,
/// with the cluster's capacity providers (`capacityProviders`, `cluster.defaultCapacityProviderStrategy`).
pub fn read_timeline(scenario: &Map<String, Value>, world: &mut World) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    if let Some(value) = scenario.get("accountSettings") {
        world.account_settings = read_account_settings(value, &mut diagnostics);
    }
    if let Some(value) = scenario.get("subnets") {
        read_subnets(value, world, &mut diagnostics);
    }
    if let Some(value) = scenario.get("capacityProviders") {
        read_capacity_providers(value, world, &mut diagnostics);
    }
    if let Some(value) = scenario.get("serviceAutoScaling") {
        read_auto_scaling(value, world, &mut diagnostics);
    }
    if let Some(items) = scenario
        .get("cluster")
        .and_then(|c| c.get("defaultCapacityProviderStrategy"))
    {
        match serde_json::from_value::<Vec<ecs_model::CapacityProviderStrategyItem>>(items.clone())
        {
            Ok(items) => {
                // The same rules as a service's own strategy, at the cluster's path.
                for mut d in ecs_model::check_capacity_provider_strategy(&items) {
                    d.path = d.path.replacen(
                        "capacityProviderStrategy",
                        "cluster.defaultCapacityProviderStrategy",
                        1,
                    );
                    diagnostics.push(d);
                }
                world.default_capacity_provider_strategy = items;
            }
            Err(err) => diagnostics.push(Diagnostic::error(
                "cluster.defaultCapacityProviderStrategy",
                format!("The default capacity provider strategy cannot be read: {err}."),
                "It is a list of {\"capacityProvider\", \"base\", \"weight\"}.",
            )),
        }
    }
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
    unused_behaviours(world, &mut diagnostics);
    diagnostics
}

/// A `behaviours` key that names no revision the scenario registers (a typo such as `web:7`)
/// would silently change nothing.
fn unused_behaviours(world: &World, diagnostics: &mut Vec<Diagnostic>) {
    if world.behaviours.is_empty() {
        return;
    }
    let families = world
        .task_definitions
        .iter()
        .map(|td| td.family.clone().unwrap_or_default())
        .chain(world.actions.iter().filter_map(|a| match &a.action {
            Action::RegisterTaskDefinition(td, _) => Some(td.family.clone().unwrap_or_default()),
            _ => None,
        }));
    let mut revisions: Vec<String> = Vec::new();
    for family in families {
        let prefix = format!("{family}:");
        let n = revisions.iter().filter(|r| r.starts_with(&prefix)).count() + 1;
        revisions.push(format!("{family}:{n}"));
    }
    let names: Vec<&str> = revisions.iter().map(String::as_str).collect();
    for key in world.behaviours.keys() {
        if !revisions.contains(key) {
            diagnostics.push(Diagnostic::warning(
                format!("behaviours.{key}"),
                format!("No task definition revision {key} is registered in this scenario, so this behaviour is never used."),
                ecs_model::closest(key, &names).map_or_else(
                    || format!("The scenario registers {}.", names.join(", ")),
                    |near| format!("Did you mean {near}?"),
                ),
            ));
        }
    }
}

/// The names PutAccountSetting takes (`SettingName`). [API]
const ACCOUNT_SETTING_NAMES: [&str; 11] = [
    "serviceLongArnFormat",
    "taskLongArnFormat",
    "containerInstanceLongArnFormat",
    "awsvpcTrunking",
    "containerInsights",
    "fargateFIPSMode",
    "tagResourceAuthorization",
    "fargateTaskRetirementWaitPeriod",
    "guardDutyActivate",
    "defaultLogDriverMode",
    "fargateEventWindows",
];

/// `"accountSettings": {"awsvpcTrunking": "enabled"}`: the ECS account settings (setting name →
/// value, as PutAccountSetting takes them) in force before the scenario starts, so they apply to
/// every instance it declares or registers. Only `awsvpcTrunking` (`enabled` or `disabled`)
/// changes the run; the other names AWS knows are warnings, unknown names warnings naming the
/// closest. [MODEL] A scenario has no PutAccountSetting action: the settings hold from the start,
/// so whoever builds the declared instances reads them first (the scenario crate calls this
/// before [`read_timeline`], which reads them again and reports their problems).
pub fn read_account_settings(value: &Value, diagnostics: &mut Vec<Diagnostic>) -> AccountSettings {
    let mut settings = AccountSettings::default();
    let Some(map) = value.as_object() else {
        diagnostics.push(Diagnostic::error(
            "accountSettings",
            "accountSettings must be an object mapping setting names to values.",
            "Write \"accountSettings\": {\"awsvpcTrunking\": \"enabled\"}.",
        ));
        return settings;
    };
    unknown_members(
        value,
        &ACCOUNT_SETTING_NAMES,
        "accountSettings",
        "accountSettings",
        diagnostics,
    );
    for (name, v) in map {
        let path = format!("accountSettings.{name}");
        match name.as_str() {
            "awsvpcTrunking" => match v.as_str() {
                Some("enabled") => settings.awsvpc_trunking = true,
                Some("disabled") => settings.awsvpc_trunking = false,
                _ => diagnostics.push(Diagnostic::error(
                    path,
                    format!("awsvpcTrunking must be \"enabled\" or \"disabled\", not {v}."),
                    "PutAccountSetting spells the value in lower case; with \"enabled\", instances launched afterwards get a trunk ENI and more awsvpc tasks.",
                )),
            },
            known if ACCOUNT_SETTING_NAMES.contains(&known) => {
                diagnostics.push(Diagnostic::warning(
                    path,
                    format!("The account setting {known} does not change the simulation; it is ignored."),
                    "The simulator models awsvpcTrunking only.",
                ));
            }
            _ => {}
        }
    }
    settings
}

/// The members of `timings`, each a duration in virtual seconds.
pub const TIMING_MEMBERS: [&str; 14] = [
    "provisioningSeconds",
    "fargateProvisioningSeconds",
    "pendingSeconds",
    "activatingSeconds",
    "healthyAfterSeconds",
    "healthCheckSeconds",
    "deactivatingSeconds",
    "stoppingSeconds",
    "deprovisioningSeconds",
    "retrySeconds",
    "spotWarningSeconds",
    "settleHorizon",
    "instanceLaunchSeconds",
    "scalingPeriodSeconds",
];

fn read_timings(value: &Value, timings: &mut Timings, diagnostics: &mut Vec<Diagnostic>) {
    let Some(map) = value.as_object() else {
        diagnostics.push(Diagnostic::error(
            "timings",
            "timings must be an object.",
            "For example {\"pendingSeconds\": 10}.",
        ));
        return;
    };
    unknown_members(value, &TIMING_MEMBERS, "timings", "timings", diagnostics);
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
            "instanceLaunchSeconds" => &mut timings.instance_launch_seconds,
            "scalingPeriodSeconds" => &mut timings.scaling_period_seconds,
            // Warned about by `unknown_members` above.
            _ => continue,
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
    // Zero periods would make a service that cannot place, or managed scaling, repeat forever
    // at one instant.
    timings.retry_seconds = timings.retry_seconds.max(1);
    timings.scaling_period_seconds = timings.scaling_period_seconds.max(1);
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
    diagnostics.extend(found.into_iter().map(|d| d.nested_in(path)));
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
    if map.contains_key("behaviour") && name.as_str() != "registerTaskDefinition" {
        diagnostics.push(Diagnostic::warning(
            format!("{path}.behaviour"),
            format!("behaviour belongs to a registerTaskDefinition action; on {name} it is ignored."),
            "Give the revision its behaviour where it is registered, or under the scenario's behaviours by family:revision.",
        ));
    }
    let before = diagnostics.len();
    // The bodies the simulator reads itself; the API-shaped ones are checked by the model.
    let members: &[&str] = match name.as_str() {
        "stopTask" => &["task", "reason", "cluster"],
        "deleteService" => &["service", "force", "cluster"],
        "deregisterTaskDefinition" => &["taskDefinition"],
        "drainContainerInstance"
        | "activateContainerInstance"
        | "terminateContainerInstance"
        | "disconnectAgent"
        | "reconnectAgent" => &["containerInstance", "cluster"],
        "failAvailabilityZone" | "recoverAvailabilityZone" => &["availabilityZone"],
        // `capacityProvider: FARGATE_SPOT` only says what no tasks and no instance mean.
        "spotInterruption" => &["tasks", "containerInstance", "capacityProvider"],
        "updateTaskProtection" => &["tasks", "protectionEnabled", "expiresInMinutes", "cluster"],
        "startTask" => &[
            "taskDefinition",
            "containerInstances",
            "group",
            "startedBy",
            "cluster",
        ],
        _ => &[],
    };
    if !members.is_empty() {
        unknown_members(body, members, &body_path, name, diagnostics);
    }
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
        "startTask" => read_start_task(body, &body_path, diagnostics)?,
        "deleteService" => Action::DeleteService {
            service: string_member(body, "service", &body_path, diagnostics)?,
            force: match body.get("force") {
                None => false,
                Some(Value::Bool(force)) => *force,
                Some(other) => {
                    diagnostics.push(Diagnostic::error(
                        format!("{body_path}.force"),
                        format!("force must be true or false, not {other}."),
                        "force: true deletes a REPLICA service without scaling it to 0 first.",
                    ));
                    return None;
                }
            },
        },
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
        "spotInterruption" => read_spot_interruption(body, &body_path, diagnostics)?,
        "updateTaskProtection" => read_task_protection(body, &body_path, diagnostics)?,
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

/// `spotInterruption`: an EC2 Spot instance (`containerInstance`) or Fargate Spot tasks
/// (`tasks`, every FARGATE_SPOT task when absent), with `capacityProvider` FARGATE_SPOT if given.
fn read_spot_interruption(
    body: &Value,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Action> {
    let tasks = match body.get("tasks") {
        None | Some(Value::Null) => Some(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned))
            .collect(),
        Some(_) => None,
    };
    if tasks.is_none() {
        diagnostics.push(Diagnostic::error(
            format!("{path}.tasks"),
            "tasks must be a list of task ids or ARNs.",
            "Name the Fargate Spot tasks to interrupt (task-3), or leave tasks out to interrupt all of them.",
        ));
    }
    let container_instance = match body.get("containerInstance") {
        None | Some(Value::Null) => Some(None),
        Some(Value::String(id)) if !id.is_empty() => Some(Some(id.clone())),
        Some(_) => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.containerInstance"),
                "containerInstance must be a container instance id or ARN.",
                "Name the EC2 Spot instance that gets the two-minute notice, such as ci-2.",
            ));
            None
        }
    };
    match body.get("capacityProvider") {
        None | Some(Value::Null) => {}
        Some(Value::String(p)) if p == "FARGATE_SPOT" => {}
        Some(other) => diagnostics.push(Diagnostic::error(
            format!("{path}.capacityProvider"),
            format!("capacityProvider must be FARGATE_SPOT, not {other}."),
            "Only Fargate Spot tasks are interrupted this way; an EC2 Spot instance is named by containerInstance.",
        )),
    }
    let (tasks, container_instance) = (tasks?, container_instance?);
    if !tasks.is_empty() && container_instance.is_some() {
        diagnostics.push(Diagnostic::error(
            path,
            "spotInterruption takes either containerInstance (EC2 Spot) or tasks (Fargate Spot), not both.",
            "Use one action for each.",
        ));
        return None;
    }
    Some(Action::SpotInterruption {
        tasks,
        container_instance,
    })
}

/// `updateTaskProtection`: UpdateTaskProtection's `tasks` (task ids or ARNs), `protectionEnabled`
/// and `expiresInMinutes`, each problem reported at its own path.
fn read_task_protection(
    body: &Value,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Action> {
    let tasks: Option<Vec<String>> =
        body.get("tasks")
            .and_then(Value::as_array)
            .and_then(|items| {
                items
                    .iter()
                    .map(|v| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned))
                    .collect()
            });
    let tasks = match tasks {
        Some(tasks) if (1..=MAX_PROTECTION_TASKS).contains(&tasks.len()) => Some(tasks),
        _ => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.tasks"),
                format!(
                    "tasks is required: a list of 1 to {MAX_PROTECTION_TASKS} task ids or ARNs."
                ),
                "Name the tasks as the run does (task-3) or by their ARN.",
            ));
            None
        }
    };
    let enabled = match body.get("protectionEnabled") {
        Some(Value::Bool(b)) => Some(*b),
        _ => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.protectionEnabled"),
                "protectionEnabled is required and must be true or false.",
                "true protects the tasks from scale-in and deployments; false makes them eligible again.",
            ));
            None
        }
    };
    let minutes = match body.get("expiresInMinutes") {
        None | Some(Value::Null) => Some(DEFAULT_PROTECTION_MINUTES),
        Some(v) => match v.as_u64() {
            Some(n) if PROTECTION_MINUTES.contains(&n) => u32::try_from(n).ok(),
            _ => {
                diagnostics.push(Diagnostic::error(
                    format!("{path}.expiresInMinutes"),
                    format!(
                        "expiresInMinutes must be a whole number of minutes from {} to {}, not {v}.",
                        PROTECTION_MINUTES.start(),
                        PROTECTION_MINUTES.end()
                    ),
                    "Protection lasts from 1 minute to 48 hours; without expiresInMinutes it lasts 120 minutes.",
                ));
                None
            }
        },
    };
    Some(Action::UpdateTaskProtection {
        tasks: tasks?,
        protection_enabled: enabled?,
        expires_in_minutes: minutes?,
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
    let (spec, count) = read_instance_declaration(body, path, 1000, diagnostics)?;
    match declared_instances(
        &spec,
        count,
        *next_instance + 1,
        &world.cluster,
        &world.account_settings,
    ) {
        Ok(instances) => {
            *next_instance += count;
            Some(instances)
        }
        Err(err) => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.instanceType"),
                err.to_string(),
                "Pick an instance type from the catalogue.",
            ));
            None
        }
    }
}

/// The members of a short container instance declaration.
pub const INSTANCE_DECLARATION_MEMBERS: [&str; 9] = [
    "instanceType",
    "availabilityZone",
    "count",
    "attributes",
    "status",
    "agentConnected",
    "agentVersion",
    "registeredAt",
    "amiId",
];

/// A short container instance declaration (`{"instanceType", "availabilityZone", "count",
/// "attributes", …}`, used by the scenario's `containerInstances` and by
/// `registerContainerInstance`): what each instance is and how many (at most `max_count`), or
/// `None` once every problem is reported at its own path under `path`.
pub fn read_instance_declaration(
    value: &Value,
    path: &str,
    max_count: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(ContainerInstanceSpec, usize)> {
    let Some(object) = value.as_object() else {
        diagnostics.push(Diagnostic::error(
            path,
            "A container instance must be an object.",
            "Declare it as {\"instanceType\": \"m5.large\", \"availabilityZone\": \"us-east-1a\"}.",
        ));
        return None;
    };
    unknown_members(
        value,
        &INSTANCE_DECLARATION_MEMBERS,
        path,
        "container instance declaration",
        diagnostics,
    );
    let count = match object.get("count") {
        None => Some(1),
        Some(v) => match v.as_u64().and_then(|n| usize::try_from(n).ok()) {
            Some(n) if n <= max_count => Some(n),
            _ => {
                diagnostics.push(Diagnostic::error(
                    format!("{path}.count"),
                    format!("count must be a whole number from 0 to {max_count}, not {v}."),
                    "count says how many identical instances this line declares.",
                ));
                None
            }
        },
    };
    let mut spec_value = Map::new();
    for (key, v) in object {
        if INSTANCE_DECLARATION_MEMBERS.contains(&key.as_str())
            && key != "count"
            && key != "attributes"
        {
            spec_value.insert(key.clone(), v.clone());
        }
    }
    let mut attributes_read = true;
    match object.get("attributes") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            let mut attributes = BTreeMap::new();
            for (j, item) in items.iter().enumerate() {
                match item.get("name").and_then(Value::as_str) {
                    Some(name) if valid_attribute_name(name) => {
                        let value = item.get("value").and_then(Value::as_str).map(str::to_owned);
                        attributes.insert(name.to_owned(), value);
                    }
                    _ => {
                        attributes_read = false;
                        diagnostics.push(Diagnostic::error(
                            format!("{path}.attributes[{j}].name"),
                            "Attribute names must be 1-128 characters of letters, digits, '_', '-', '/', '\\' and '.'.",
                            "Custom attributes are {\"name\": \"stack\", \"value\": \"prod\"}.",
                        ));
                    }
                }
            }
            spec_value.insert(
                "attributes".into(),
                serde_json::to_value(attributes).unwrap_or(Value::Null),
            );
        }
        Some(_) => {
            attributes_read = false;
            diagnostics.push(Diagnostic::error(
                format!("{path}.attributes"),
                "attributes must be a list of {\"name\", \"value\"} objects.",
                "Custom attributes are {\"name\": \"stack\", \"value\": \"prod\"}.",
            ));
        }
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
    let catalog = ecs_model::InstanceCatalog::builtin();
    if catalog.get(&spec.instance_type).is_none() {
        let names: Vec<&str> = catalog.iter().map(|t| t.instance_type.as_str()).collect();
        diagnostics.push(Diagnostic::error(
            format!("{path}.instanceType"),
            format!("Unknown instance type '{}'.", spec.instance_type),
            ecs_model::closest(&spec.instance_type, &names).map_or_else(
                || {
                    // The families in catalogue order, so the hint never drifts from the data.
                    let mut families: Vec<&str> = Vec::new();
                    for family in names
                        .iter()
                        .filter_map(|n| n.split_once('.'))
                        .map(|(f, _)| f)
                    {
                        if !families.contains(&family) {
                            families.push(family);
                        }
                    }
                    format!("The catalogue holds the {} families.", families.join(", "))
                },
                |near| format!("Did you mean {near}?"),
            ),
        ));
        return None;
    }
    Some((spec, count?)).filter(|_| attributes_read)
}

/// `count` container instances of `spec` in `cluster`, numbered from `first` (`ci-{first}`, …),
/// each with an EC2 instance id made from its number, launched under `settings`.
pub fn declared_instances(
    spec: &ContainerInstanceSpec,
    count: usize,
    first: usize,
    cluster: &str,
    settings: &AccountSettings,
) -> Result<Vec<ecs_model::ContainerInstance>, ecs_model::InstanceSpecError> {
    (first..first + count)
        .map(|n| {
            let arn =
                format!("arn:aws:ecs:us-east-1:123456789012:container-instance/{cluster}/ci-{n}");
            let ec2_id = format!("i-0{:016x}", 0x5ca1_ab1e_0000_0000_u64 + n as u64);
            container_instance_from_spec_with(spec, &arn, &ec2_id, settings)
        })
        .collect()
}

fn valid_attribute_name(name: &str) -> bool {
    (1..=128).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '/' | '\\' | '.'))
}

/// `capacityProviders`: Auto Scaling group providers, each with its group's instance type, zones
/// and size limits (what the group's launch template and settings would say).
fn read_capacity_providers(value: &Value, world: &mut World, diagnostics: &mut Vec<Diagnostic>) {
    let Some(items) = value.as_array() else {
        diagnostics.push(Diagnostic::error(
            "capacityProviders",
            "capacityProviders must be a list.",
            "Each is {\"name\", \"autoScalingGroupProvider\": {...}, \"instanceType\", \"availabilityZones\", \"minSize\", \"maxSize\"}.",
        ));
        return;
    };
    if items.len() > MAX_CAPACITY_PROVIDERS {
        diagnostics.push(Diagnostic::error(
            "capacityProviders",
            format!(
                "A cluster has at most {MAX_CAPACITY_PROVIDERS} capacity providers; this one declares {}.",
                items.len()
            ),
            "AWS allows at most 20 capacity providers in one cluster, and this quota cannot be raised.",
        ));
    }
    for (i, item) in items.iter().enumerate() {
        let path = format!("capacityProviders[{i}]");
        unknown_members(
            item,
            &[
                "name",
                "autoScalingGroupProvider",
                "instanceType",
                "availabilityZones",
                "minSize",
                "maxSize",
            ],
            &path,
            "capacity provider",
            diagnostics,
        );
        if let Some(provider) = item.get("autoScalingGroupProvider") {
            let provider_path = format!("{path}.autoScalingGroupProvider");
            unknown_members(
                provider,
                &[
                    "autoScalingGroupArn",
                    "managedScaling",
                    "managedTerminationProtection",
                    "managedDraining",
                ],
                &provider_path,
                "autoScalingGroupProvider",
                diagnostics,
            );
            if let Some(scaling) = provider.get("managedScaling") {
                unknown_members(
                    scaling,
                    &[
                        "status",
                        "targetCapacity",
                        "minimumScalingStepSize",
                        "maximumScalingStepSize",
                        "instanceWarmupPeriod",
                    ],
                    &format!("{provider_path}.managedScaling"),
                    "managedScaling",
                    diagnostics,
                );
            }
        }
        let name = item.get("name").and_then(Value::as_str).unwrap_or_default();
        if name.is_empty() || matches!(name, "FARGATE" | "FARGATE_SPOT") {
            diagnostics.push(Diagnostic::error(
                format!("{path}.name"),
                "A capacity provider needs a name other than FARGATE and FARGATE_SPOT.",
                "FARGATE and FARGATE_SPOT are predefined; name Auto Scaling group providers yourself.",
            ));
            continue;
        }
        let instance_type = item
            .get("instanceType")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if ecs_model::InstanceCatalog::builtin()
            .get(instance_type)
            .is_none()
        {
            diagnostics.push(Diagnostic::error(
                format!("{path}.instanceType"),
                format!("Unknown instance type '{instance_type}'."),
                "The group's instances are of this catalogue type.",
            ));
            continue;
        }
        let zones: Vec<String> = item
            .get("availabilityZones")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_else(|| world.availability_zones.clone());
        let mut size = |key: &str, default: u64| {
            whole_number(
                item.get(key),
                default,
                0..=u64::MAX,
                &format!("{path}.{key}"),
                "The group's size is a number of instances.",
                diagnostics,
            )
            .min(1000) as u32
        };
        let (min_size, max_size) = (size("minSize", 0), size("maxSize", 10));
        if min_size > max_size || max_size == 0 {
            diagnostics.push(Diagnostic::error(
                format!("{path}.maxSize"),
                "maxSize must be positive and at least minSize.",
                "ECS never changes the group's minimum and maximum; managed scaling moves between them.",
            ));
            continue;
        }
        let provider = item.get("autoScalingGroupProvider");
        let scaling = provider.and_then(|p| p.get("managedScaling"));
        let scaling_path = format!("{path}.autoScalingGroupProvider.managedScaling");
        let scaling_on = enabled(
            scaling.and_then(|s| s.get("status")),
            &format!("{scaling_path}.status"),
            diagnostics,
        );
        let mut number = |key: &str, default: u64, range: std::ops::RangeInclusive<u64>| {
            let hint = match key {
                "targetCapacity" => {
                    "The CapacityProviderReservation percentage managed scaling aims for, 1 to 100."
                }
                "instanceWarmupPeriod" => {
                    "Seconds a new instance needs before it counts, 0 to 10000."
                }
                _ => "How many instances one scaling step may launch or remove, 1 to 10000.",
            };
            whole_number(
                scaling.and_then(|s| s.get(key)),
                default,
                range,
                &format!("{scaling_path}.{key}"),
                hint,
                diagnostics,
            )
        };
        // Checked whatever the status, as AWS validates the settings of a disabled scaling too.
        let settings = crate::world::ManagedScaling {
            target_capacity: number("targetCapacity", 100, 1..=100) as u32,
            minimum_scaling_step_size: number("minimumScalingStepSize", 1, 1..=10_000) as u32,
            maximum_scaling_step_size: number("maximumScalingStepSize", 10_000, 1..=10_000) as u32,
            instance_warmup_period: number("instanceWarmupPeriod", 300, 0..=10_000),
        };
        let managed_scaling = scaling_on.then_some(settings);
        let protection = enabled(
            provider.and_then(|p| p.get("managedTerminationProtection")),
            &format!("{path}.autoScalingGroupProvider.managedTerminationProtection"),
            diagnostics,
        );
        if protection && managed_scaling.is_none() {
            diagnostics.push(Diagnostic::error(
                format!("{path}.autoScalingGroupProvider.managedTerminationProtection"),
                "managedTerminationProtection needs managed scaling ENABLED.",
                "ECS can only protect instances from the scale-in it manages itself.",
            ));
        }
        // [DOC] Managed instance draining is on by default when a capacity provider is created.
        let draining = provider
            .and_then(|p| p.get("managedDraining"))
            .is_none_or(|v| {
                enabled(
                    Some(v),
                    &format!("{path}.autoScalingGroupProvider.managedDraining"),
                    diagnostics,
                )
            });
        world
            .capacity_providers
            .push(crate::world::AutoScalingGroupProvider {
                name: name.to_owned(),
                instance_type: instance_type.to_owned(),
                availability_zones: zones,
                min_size,
                max_size,
                managed_scaling,
                managed_termination_protection: protection,
                managed_draining: draining,
            });
    }
}

/// A whole number member in `range`; absent means `default`, anything else is an error (and
/// `default` is used, as the run does not happen with errors anyway).
fn whole_number(
    value: Option<&Value>,
    default: u64,
    range: std::ops::RangeInclusive<u64>,
    path: &str,
    hint: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> u64 {
    let Some(value) = value else {
        return default;
    };
    if let Some(n) = value.as_u64().filter(|n| range.contains(n)) {
        return n;
    }
    let key = path.rsplit('.').next().unwrap_or(path);
    let wanted = if *range.end() == u64::MAX {
        "a whole number".to_owned()
    } else {
        format!("a whole number from {} to {}", range.start(), range.end())
    };
    diagnostics.push(Diagnostic::error(
        path,
        format!("{key} must be {wanted}, not {value}."),
        hint,
    ));
    default
}

/// An `ENABLED` / `DISABLED` member; absent means disabled.
fn enabled(value: Option<&Value>, path: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
    match value.map(|v| (v, v.as_str())) {
        None => false,
        Some((_, Some("ENABLED"))) => true,
        Some((_, Some("DISABLED"))) => false,
        Some((v, _)) => {
            let key = path.rsplit('.').next().unwrap_or(path);
            diagnostics.push(Diagnostic::error(
                path,
                format!("{key} must be ENABLED or DISABLED, not {v}."),
                "AWS spells these settings ENABLED or DISABLED, in capitals.",
            ));
            false
        }
    }
}

const SCALING_METRICS: [&str; 3] = [
    "ECSServiceAverageCPUUtilization",
    "ECSServiceAverageMemoryUtilization",
    "ALBRequestCountPerTarget",
];

const AUTO_SCALING_MEMBERS: &[&str] = &[
    "service",
    "minCapacity",
    "maxCapacity",
    "targetTracking",
    "stepScaling",
    "load",
];
const TARGET_TRACKING_MEMBERS: &[&str] = &[
    "predefinedMetricType",
    "targetValue",
    "scaleOutCooldown",
    "scaleInCooldown",
    "disableScaleIn",
];
const STEP_SCALING_MEMBERS: &[&str] = &[
    "metricName",
    "comparisonOperator",
    "threshold",
    "evaluationPeriods",
    "adjustmentType",
    "stepAdjustments",
    "cooldown",
    "minAdjustmentMagnitude",
    "metricAggregationType",
];
const STEP_ADJUSTMENT_MEMBERS: &[&str] = &[
    "metricIntervalLowerBound",
    "metricIntervalUpperBound",
    "scalingAdjustment",
];

/// `serviceAutoScaling`: `[{"service", "minCapacity", "maxCapacity", "targetTracking":
/// {"predefinedMetricType", "targetValue", "scaleOutCooldown", "scaleInCooldown",
/// "disableScaleIn"}, "load": [{"at", "value"}]}]`; instead of `targetTracking`, a
/// `stepScaling` policy with its alarm: {"metricName", "comparisonOperator", "threshold",
/// "evaluationPeriods", "adjustmentType", "stepAdjustments": [{"metricIntervalLowerBound",
/// "metricIntervalUpperBound", "scalingAdjustment"}], "cooldown", "minAdjustmentMagnitude"}.
fn read_auto_scaling(value: &Value, world: &mut World, diagnostics: &mut Vec<Diagnostic>) {
    let Some(items) = value.as_array() else {
        diagnostics.push(Diagnostic::error(
            "serviceAutoScaling",
            "serviceAutoScaling must be a list.",
            "Each item scales one service with a target-tracking or step scaling policy driven by a load curve.",
        ));
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let path = format!("serviceAutoScaling[{i}]");
        unknown_members(
            item,
            AUTO_SCALING_MEMBERS,
            &path,
            "serviceAutoScaling",
            diagnostics,
        );
        if let Some(policy) = item.get("targetTracking") {
            unknown_members(
                policy,
                TARGET_TRACKING_MEMBERS,
                &format!("{path}.targetTracking"),
                "targetTracking",
                diagnostics,
            );
        }
        if let Some(step) = item.get("stepScaling") {
            let step_path = format!("{path}.stepScaling");
            unknown_members(
                step,
                STEP_SCALING_MEMBERS,
                &step_path,
                "stepScaling",
                diagnostics,
            );
            let adjustments = step.get("stepAdjustments").and_then(Value::as_array);
            for (j, adjustment) in adjustments.into_iter().flatten().enumerate() {
                unknown_members(
                    adjustment,
                    STEP_ADJUSTMENT_MEMBERS,
                    &format!("{step_path}.stepAdjustments[{j}]"),
                    "step adjustment",
                    diagnostics,
                );
            }
        }
        let service = item
            .get("service")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let policy = item.get("targetTracking");
        let step = item.get("stepScaling");
        let count = |key: &str, default: u64| {
            item.get(key)
                .and_then(Value::as_u64)
                .unwrap_or(default)
                .min(5000) as u32
        };
        let (min, max) = (count("minCapacity", 1), count("maxCapacity", 10));
        let mut problems = Vec::new();
        if service.is_empty() {
            problems.push(("service", "service names the service to scale.".to_owned()));
        }
        let mut metric = "";
        let mut target = 0.0;
        let mut step_scaling = None;
        match (policy, step) {
            (Some(_), Some(_)) => problems.push((
                "stepScaling",
                "A policy is either targetTracking or stepScaling, not both; write two items for two policies.".to_owned(),
            )),
            (None, Some(step)) => match read_step_scaling(step) {
                Ok((alarm_metric, config)) => {
                    metric = alarm_metric;
                    step_scaling = Some(config);
                }
                Err(found) => problems.extend(found),
            },
            (policy, None) => {
                metric = policy
                    .and_then(|p| p.get("predefinedMetricType"))
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                target = policy
                    .and_then(|p| p.get("targetValue"))
                    .and_then(Value::as_f64)
                    .unwrap_or(0.0);
                if !SCALING_METRICS.contains(&metric) {
                    problems.push((
                        "targetTracking.predefinedMetricType",
                        format!(
                            "predefinedMetricType must be one of {}.",
                            SCALING_METRICS.join(", ")
                        ),
                    ));
                }
                if !(target > 0.0 && target.is_finite()) {
                    problems.push((
                        "targetTracking.targetValue",
                        "targetValue must be a positive number.".to_owned(),
                    ));
                }
            }
        }
        // [API] RegisterScalableTarget takes whole capacities; ECS services go up to 5,000 tasks.
        for key in ["minCapacity", "maxCapacity"] {
            if let Some(v) = item.get(key).filter(|v| !v.is_null())
                && v.as_u64().is_none_or(|n| n > 5000)
            {
                problems.push((
                    key,
                    format!("{key} must be a whole number from 0 to 5000, not {v}."),
                ));
            }
        }
        if min > max {
            problems.push((
                "minCapacity",
                "minCapacity must not exceed maxCapacity.".to_owned(),
            ));
        }
        if let Some(policy) = policy {
            for (key, field) in [
                ("scaleOutCooldown", "targetTracking.scaleOutCooldown"),
                ("scaleInCooldown", "targetTracking.scaleInCooldown"),
            ] {
                if let Some(v) = policy.get(key).filter(|v| !v.is_null())
                    && v.as_u64().is_none_or(|n| n > 86_400)
                {
                    problems.push((
                        field,
                        format!(
                            "{key} must be a whole number of seconds from 0 to 86400, not {v}."
                        ),
                    ));
                }
            }
            if let Some(v) = policy
                .get("disableScaleIn")
                .filter(|v| !v.is_null() && !v.is_boolean())
            {
                problems.push((
                    "targetTracking.disableScaleIn",
                    format!("disableScaleIn must be true or false, not {v}."),
                ));
            }
        }
        let mut load: Vec<(u64, f64)> = Vec::new();
        let mut bad_point = false;
        let points = item.get("load").and_then(Value::as_array);
        for (j, point) in points.into_iter().flatten().enumerate() {
            let point_path = format!("{path}.load[{j}]");
            unknown_members(
                point,
                &["at", "value"],
                &point_path,
                "load point",
                diagnostics,
            );
            let at = point
                .get("at")
                .and_then(Value::as_u64)
                .filter(|t| *t <= MAX_SECONDS);
            let value = point
                .get("value")
                .and_then(Value::as_f64)
                .filter(|v| v.is_finite() && *v >= 0.0);
            match (at, value) {
                (Some(at), Some(value)) => load.push((at, value)),
                _ => {
                    bad_point = true;
                    diagnostics.push(Diagnostic::error(
                        point_path,
                        format!(
                            "A load point is {{\"at\": seconds from 0 to {MAX_SECONDS}, \"value\": a number of at least 0}}, not {point}."
                        ),
                        "The load curve holds the metric from each point's time until the next point.",
                    ));
                }
            }
        }
        if load.is_empty() && !bad_point {
            problems.push((
                "load",
                "load must list {\"at\", \"value\"} points with non-negative values.".to_owned(),
            ));
        }
        if !problems.is_empty() || bad_point {
            for (field, message) in problems {
                diagnostics.push(Diagnostic::error(
                    format!("{path}.{field}"),
                    message,
                    "Service Auto Scaling needs a service, a target-tracking or step scaling policy and a load curve.",
                ));
            }
            continue;
        }
        load.sort_by_key(|(at, _)| *at);
        let seconds = |key: &str, default: u64| {
            policy
                .and_then(|p| p.get(key))
                .and_then(Value::as_u64)
                .unwrap_or(default)
                .min(86_400)
        };
        world.auto_scaling.push(crate::world::ServiceAutoScaling {
            service: service.to_owned(),
            min_capacity: min,
            max_capacity: max,
            metric: metric.to_owned(),
            step_scaling,
            target_value: target,
            scale_out_cooldown: seconds("scaleOutCooldown", 300),
            scale_in_cooldown: seconds("scaleInCooldown", 300),
            disable_scale_in: policy
                .and_then(|p| p.get("disableScaleIn"))
                .and_then(Value::as_bool)
                .unwrap_or(false),
            load,
        });
    }
}

/// A `startTask` body: `taskDefinition`, `containerInstances` (1 to 10 ids or ARNs), and
/// optionally `group` and `startedBy`.
fn read_start_task(body: &Value, path: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Action> {
    let Some(map) = body.as_object() else {
        diagnostics.push(Diagnostic::error(
            path,
            "startTask must be an object.",
            "For example {\"taskDefinition\": \"web\", \"containerInstances\": [\"ci-1\"]}.",
        ));
        return None;
    };
    let task_definition = string_member(body, "taskDefinition", path, diagnostics);
    let instances: Option<Vec<String>> = map
        .get("containerInstances")
        .and_then(Value::as_array)
        .filter(|list| (1..=10).contains(&list.len()))
        .and_then(|list| {
            list.iter()
                .map(|v| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned))
                .collect()
        });
    if instances.is_none() {
        diagnostics.push(Diagnostic::error(
            format!("{path}.containerInstances"),
            "containerInstances must list 1 to 10 container instance ids or ARNs.",
            "StartTask starts one task on each instance it names.",
        ));
    }
    let text = |key: &str| -> Result<Option<String>, ()> {
        match map.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(()),
        }
    };
    let (group, started_by) = (text("group"), text("startedBy"));
    for (key, value) in [("group", &group), ("startedBy", &started_by)] {
        if value.is_err() {
            diagnostics.push(Diagnostic::error(
                format!("{path}.{key}"),
                format!("{key} must be a string."),
                "StartTask's group names the task group; startedBy tags who started the task.",
            ));
        }
    }
    Some(Action::StartTask {
        request: ecs_model::RunTaskRequest {
            task_definition: Some(task_definition?),
            group: group.ok()?,
            started_by: started_by.ok()?,
            ..Default::default()
        },
        container_instances: instances?,
    })
}

type FieldProblems = Vec<(&'static str, String)>;

/// A `stepScaling` object: the alarm's metric (as the simulation names it) and the policy, or every
/// problem found, each with its field under `stepScaling`.
fn read_step_scaling(
    step: &Value,
) -> Result<(&'static str, crate::world::StepScaling), FieldProblems> {
    use crate::world::{ALARM_METRICS, AdjustmentType, Comparison, StepAdjustment, StepScaling};
    let mut problems: FieldProblems = Vec::new();
    let text = |key: &str| step.get(key).and_then(Value::as_str).unwrap_or_default();
    let metric = ALARM_METRICS
        .iter()
        .find(|(name, _)| *name == text("metricName"))
        .map(|(_, metric)| *metric);
    if metric.is_none() {
        let names: Vec<&str> = ALARM_METRICS.iter().map(|(name, _)| *name).collect();
        problems.push((
            "stepScaling.metricName",
            format!(
                "metricName is the alarm's metric: one of {}.",
                names.join(", ")
            ),
        ));
    }
    // The named one of `all`, or a problem listing them.
    fn one_of<T: Copy>(
        all: &[T],
        name: fn(T) -> &'static str,
        given: &str,
        field: &'static str,
        problems: &mut FieldProblems,
    ) -> Option<T> {
        let found = all.iter().copied().find(|&v| name(v) == given);
        if found.is_none() {
            let names: Vec<&str> = all.iter().map(|&v| name(v)).collect();
            let member = field.rsplit('.').next().unwrap_or(field);
            problems.push((
                field,
                format!("{member} must be one of {}.", names.join(", ")),
            ));
        }
        found
    }
    let comparison = one_of(
        &Comparison::ALL,
        Comparison::as_str,
        text("comparisonOperator"),
        "stepScaling.comparisonOperator",
        &mut problems,
    );
    let threshold = step.get("threshold").and_then(Value::as_f64);
    if !threshold.is_some_and(|t| t.is_finite() && t >= 0.0) {
        problems.push((
            "stepScaling.threshold",
            "threshold must be a number of at least 0.".to_owned(),
        ));
    }
    let evaluation_periods = match step.get("evaluationPeriods") {
        None => Some(1),
        Some(v) => v.as_u64().filter(|n| (1..=1440).contains(n)),
    };
    if evaluation_periods.is_none() {
        problems.push((
            "stepScaling.evaluationPeriods",
            "evaluationPeriods must be a whole number of one-minute periods from 1 to 1440."
                .to_owned(),
        ));
    }
    // One datapoint reaches the policy per alarm evaluation here, so Average, Minimum and Maximum
    // aggregate the same single value; the member is checked and otherwise changes nothing.
    if let Some(aggregation) = step.get("metricAggregationType")
        && !matches!(
            aggregation.as_str(),
            Some("Average" | "Minimum" | "Maximum")
        )
    {
        problems.push((
            "stepScaling.metricAggregationType",
            "metricAggregationType must be one of Average, Minimum, Maximum.".to_owned(),
        ));
    }
    let adjustment_type = one_of(
        &AdjustmentType::ALL,
        AdjustmentType::as_str,
        text("adjustmentType"),
        "stepScaling.adjustmentType",
        &mut problems,
    );
    let mut steps = Vec::new();
    match step.get("stepAdjustments").and_then(Value::as_array) {
        Some(items) if !items.is_empty() => {
            for item in items {
                let bound = |key: &str| match item.get(key) {
                    None | Some(Value::Null) => Ok(None),
                    Some(v) => v.as_f64().filter(|b| b.is_finite()).map(Some).ok_or(()),
                };
                let adjustment = item
                    .get("scalingAdjustment")
                    .and_then(Value::as_i64)
                    .and_then(|n| i32::try_from(n).ok());
                match (
                    bound("metricIntervalLowerBound"),
                    bound("metricIntervalUpperBound"),
                    adjustment,
                ) {
                    (Ok(lower), Ok(upper), Some(scaling_adjustment))
                        if lower.zip(upper).is_none_or(|(l, u)| l < u) =>
                    {
                        steps.push(StepAdjustment {
                            lower,
                            upper,
                            scaling_adjustment,
                        });
                    }
                    _ => {
                        problems.push((
                            "stepScaling.stepAdjustments",
                            "Each step adjustment has a whole scalingAdjustment and optional numeric metricIntervalLowerBound < metricIntervalUpperBound.".to_owned(),
                        ));
                        break;
                    }
                }
            }
        }
        _ => problems.push((
            "stepScaling.stepAdjustments",
            "stepAdjustments must list at least one {\"scalingAdjustment\"}.".to_owned(),
        )),
    }
    steps.sort_by(|a, b| {
        a.lower
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&b.lower.unwrap_or(f64::NEG_INFINITY))
    });
    // As PutScalingPolicy does, reject intervals that overlap or leave a gap: each step ends
    // where the next begins.
    if steps
        .windows(2)
        .any(|w| w[0].upper.is_none() || w[1].lower.is_none() || w[0].upper != w[1].lower)
    {
        problems.push((
            "stepScaling.stepAdjustments",
            "The step adjustments' intervals must not overlap or leave a gap: each metricIntervalUpperBound is the next step's metricIntervalLowerBound.".to_owned(),
        ));
    }
    let seconds = |key: &str, default: u64| match step.get(key) {
        None => Some(default),
        Some(v) => v.as_u64().filter(|n| *n <= 86_400),
    };
    let cooldown = seconds("cooldown", 300);
    if cooldown.is_none() {
        problems.push((
            "stepScaling.cooldown",
            "cooldown must be a whole number of seconds from 0 to 86400.".to_owned(),
        ));
    }
    let min_adjustment_magnitude = match step.get("minAdjustmentMagnitude") {
        None => Some(0),
        Some(v) => v.as_u64().and_then(|n| u32::try_from(n).ok()),
    };
    if min_adjustment_magnitude.is_none() {
        problems.push((
            "stepScaling.minAdjustmentMagnitude",
            "minAdjustmentMagnitude must be a whole number of tasks.".to_owned(),
        ));
    }
    match (
        metric,
        comparison,
        threshold,
        evaluation_periods,
        adjustment_type,
        cooldown,
        min_adjustment_magnitude,
    ) {
        (
            Some(metric),
            Some(comparison),
            Some(threshold),
            Some(evaluation_periods),
            Some(adjustment_type),
            Some(cooldown),
            Some(min_adjustment_magnitude),
        ) if problems.is_empty() => Ok((
            metric,
            StepScaling {
                comparison,
                threshold,
                evaluation_periods: evaluation_periods as u32,
                adjustment_type,
                steps,
                cooldown,
                min_adjustment_magnitude,
            },
        )),
        _ => Err(problems),
    }
}

/// `"subnets": {"subnet-0a1b": "us-east-1a", ...}`: where each subnet of the scenario lies.
fn read_subnets(value: &Value, world: &mut World, diagnostics: &mut Vec<Diagnostic>) {
    let Some(map) = value.as_object() else {
        diagnostics.push(Diagnostic::error(
            "subnets",
            "subnets must be an object mapping subnet ids to Availability Zones.",
            "Write \"subnets\": {\"subnet-0a1b2c3d\": \"us-east-1a\"}.",
        ));
        return;
    };
    for (subnet, zone) in map {
        match zone.as_str() {
            Some(zone) => {
                if !world.availability_zones.iter().any(|z| z == zone) {
                    diagnostics.push(Diagnostic::warning(
                        format!("subnets.{subnet}"),
                        format!("Subnet {subnet} is in {zone}, which the cluster has no instance or zone entry for."),
                        "Tasks in that subnet can only run on Fargate or on instances in that zone.",
                    ));
                }
                world.subnets.insert(subnet.clone(), zone.to_owned());
            }
            None => diagnostics.push(Diagnostic::error(
                format!("subnets.{subnet}"),
                format!("The Availability Zone of subnet {subnet} must be a string, not {zone}."),
                "Each subnet lies in exactly one Availability Zone.",
            )),
        }
    }
}
