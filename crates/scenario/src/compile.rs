//! From a scenario document to a simulation run: every AWS-shaped part is checked by `ecs-model`
//! (its diagnostics get the scenario path as a prefix), short instance declarations are expanded
//! from the instance catalogue, and the typed [`World`] is run by `ecs-sim`.

use ecs_model::{
    Diagnostic, check_container_instance_value, check_create_service_value, check_run_task_value,
    check_task_definition_value, has_errors,
};
use ecs_sim::{Explanation, Outcome, World, declared_instances, read_instance_declaration};
use serde_json::Value;

use crate::Scenario;

/// The most container instances a cluster may have (the ECS quota).
pub const MAX_CONTAINER_INSTANCES: usize = 5000;

/// Everything the playground shows for one scenario text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    pub scenario: Option<Scenario>,
    pub world: Option<World>,
    pub diagnostics: Vec<Diagnostic>,
    /// The run, when the scenario had no error that stops it.
    pub outcome: Option<Outcome>,
}

/// Parses, checks and runs a scenario text. Diagnostics carry the line and column of their path.
pub fn evaluate(text: &str) -> Evaluation {
    let (scenario, mut diagnostics) = Scenario::parse(text);
    let mut evaluation = match scenario {
        Some(scenario) => evaluate_scenario(&scenario),
        None => Evaluation::default(),
    };
    diagnostics.append(&mut evaluation.diagnostics);
    for d in &mut diagnostics {
        if d.line.is_none()
            && let Some((line, column)) = ecs_model::locate(text, &d.path)
        {
            d.line = Some(line);
            d.column = Some(column);
        }
    }
    evaluation.diagnostics = diagnostics;
    evaluation
}

/// Checks and runs an already parsed scenario.
pub fn evaluate_scenario(scenario: &Scenario) -> Evaluation {
    let (world, mut diagnostics) = compile(scenario);
    let outcome = if has_errors(&diagnostics) {
        None
    } else {
        let (outcome, mut run_diagnostics) = ecs_sim::run(&world);
        diagnostics.append(&mut run_diagnostics);
        Some(outcome)
    };
    Evaluation {
        scenario: Some(scenario.clone()),
        world: Some(world),
        diagnostics,
        outcome,
    }
}

/// Explains the placement of the task numbered `placement_index` in the evaluation's run.
pub fn explain(evaluation: &Evaluation, placement_index: usize) -> Option<Explanation> {
    evaluation.outcome.as_ref()?;
    ecs_sim::explain(evaluation.world.as_ref()?, placement_index)
}

/// Builds the typed world from the scenario, with every problem found on the way.
pub fn compile(scenario: &Scenario) -> (World, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut world = World {
        seed: scenario.seed,
        cluster: scenario.cluster_name().to_owned(),
        availability_zones: scenario.availability_zones.clone(),
        ..World::default()
    };
    // The account settings hold from the start, so the declared instances are launched under
    // them (`awsvpcTrunking`); the timeline reader below reads them again and reports their
    // problems once.
    if let Some(settings) = scenario.extra.get("accountSettings") {
        world.account_settings = ecs_sim::read_account_settings(settings, &mut Vec::new());
    }

    for (i, value) in scenario.container_instances.iter().enumerate() {
        let path = format!("containerInstances[{i}]");
        if is_full_instance(value) {
            let (instance, mut found) = check_container_instance_value(value);
            prefix(&mut found, &path);
            diagnostics.append(&mut found);
            world.container_instances.extend(instance);
        } else {
            expand_short_instance(scenario, value, &path, &mut world, &mut diagnostics);
        }
        if world.container_instances.len() > MAX_CONTAINER_INSTANCES {
            diagnostics.push(Diagnostic::error(
                path,
                format!(
                    "A cluster can have at most {MAX_CONTAINER_INSTANCES} container instances; this scenario declares more."
                ),
                "That is the ECS quota for container instances per cluster; lower a count.",
            ));
            world.container_instances.truncate(MAX_CONTAINER_INSTANCES);
            break;
        }
    }
    for zone in world
        .container_instances
        .iter()
        .filter_map(|ci| ci.attribute("ecs.availability-zone").flatten())
    {
        if !world.availability_zones.iter().any(|z| z == zone) {
            world.availability_zones.push(zone.to_owned());
        }
    }

    for (i, value) in scenario.task_definitions.iter().enumerate() {
        let (td, mut found) = check_task_definition_value(value);
        prefix(&mut found, &format!("taskDefinitions[{i}]"));
        diagnostics.append(&mut found);
        world.task_definitions.extend(td);
    }
    for (i, value) in scenario.services.iter().enumerate() {
        let (service, mut found) = check_create_service_value(value);
        prefix(&mut found, &format!("services[{i}]"));
        diagnostics.append(&mut found);
        world.services.extend(service);
    }
    for (i, value) in scenario.run_tasks.iter().enumerate() {
        let (run_task, mut found) = check_run_task_value(value);
        prefix(&mut found, &format!("runTasks[{i}]"));
        diagnostics.append(&mut found);
        world.run_tasks.extend(run_task);
    }
    // The timeline (`actions`, `until`, `timings`, `behaviours`), the account settings and the
    // capacity providers are read by the simulator, which owns their vocabulary.
    let document = scenario.to_value();
    let known: Vec<&str> = crate::format::SCENARIO_MEMBERS
        .iter()
        .chain(ecs_sim::TIMELINE_MEMBERS.iter())
        .copied()
        .collect();
    ecs_model::unknown_members(&document, &known, "", "scenario", &mut diagnostics);
    if let Some(cluster) = document.get("cluster") {
        ecs_model::unknown_members(
            cluster,
            CLUSTER_MEMBERS,
            "cluster",
            "cluster",
            &mut diagnostics,
        );
    }
    if let Some(members) = document.as_object() {
        diagnostics.extend(ecs_sim::read_timeline(members, &mut world));
    }
    // A question the exam cannot read is left out of it, so say why here.
    diagnostics.extend(crate::questions::questions(scenario).1);
    (world, diagnostics)
}

/// The members of a CreateCluster input and of a DescribeClusters entry: either may be pasted as
/// the scenario's `cluster`.
const CLUSTER_MEMBERS: &[&str] = &[
    "clusterName",
    "capacityProviders",
    "defaultCapacityProviderStrategy",
    "tags",
    "settings",
    "configuration",
    "serviceConnectDefaults",
    "clusterArn",
    "status",
    "registeredContainerInstancesCount",
    "runningTasksCount",
    "pendingTasksCount",
    "activeServicesCount",
    "statistics",
    "attachments",
    "attachmentsStatus",
];

/// A full DescribeContainerInstances entry rather than a short declaration.
fn is_full_instance(value: &Value) -> bool {
    value.get("containerInstanceArn").is_some() || value.get("registeredResources").is_some()
}

/// Expands a short declaration `{"instanceType", "availabilityZone", "count", "attributes"}` into
/// `count` full container instances, numbered `ci-1`, `ci-2`, … across the whole cluster.
fn expand_short_instance(
    scenario: &Scenario,
    value: &Value,
    path: &str,
    world: &mut World,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some((spec, count)) =
        read_instance_declaration(value, path, MAX_CONTAINER_INSTANCES, diagnostics)
    else {
        return;
    };
    if !scenario.availability_zones.is_empty()
        && !scenario
            .availability_zones
            .contains(&spec.availability_zone)
    {
        diagnostics.push(Diagnostic::warning(
            format!("{path}.availabilityZone"),
            format!(
                "Availability Zone '{}' is not in availabilityZones; it is added to the picture.",
                spec.availability_zone
            ),
            "List every zone in availabilityZones to choose the order they are drawn in.",
        ));
    }
    let first = world.container_instances.len() + 1;
    match declared_instances(&spec, count, first, &world.cluster, &world.account_settings) {
        Ok(instances) => world.container_instances.extend(instances),
        Err(err) => diagnostics.push(Diagnostic::error(
            path,
            err.to_string(),
            "Pick an instance type from the catalogue.",
        )),
    }
}

fn prefix(diagnostics: &mut Vec<Diagnostic>, path: &str) {
    *diagnostics = std::mem::take(diagnostics)
        .into_iter()
        .map(|d| d.nested_in(path))
        .collect();
}
