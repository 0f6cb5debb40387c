//! The scenario document: one JSON value holding a whole cluster and what happens to it.
//!
//! The AWS-shaped parts (container instances, task definitions, services, RunTask requests) are
//! kept as the JSON the user wrote, so nothing they typed is lost or reordered; they are checked and
//! typed later by [`crate::compile`]. This module checks only the envelope.

use ecs_model::Diagnostic;
use serde_json::{Map, Value};

/// The scenario format this build writes. Older versions stay readable forever.
pub const CURRENT_VERSION: u64 = 1;

/// The largest scenario text the playground reads (also the bound on a decoded share link).
pub const MAX_SCENARIO_BYTES: usize = 1024 * 1024;

/// The most entries each list of a scenario may hold: the ECS quota for services per cluster,
/// applied to every list so that no document can make the browser build millions of objects.
pub const MAX_LIST_ENTRIES: usize = 5000;

/// The top-level members the scenario crate reads: the envelope below and `questions` (exam
/// questions, kept in [`Scenario::extra`]). The simulator reads the others,
/// `ecs_sim::TIMELINE_MEMBERS`; any other member is a warning naming the closest.
pub const SCENARIO_MEMBERS: [&str; 11] = [
    "scenarioVersion",
    "name",
    "description",
    "seed",
    "cluster",
    "availabilityZones",
    "containerInstances",
    "taskDefinitions",
    "services",
    "runTasks",
    "questions",
];

/// A scenario as the user wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub scenario_version: u64,
    pub name: String,
    pub description: String,
    /// Seeds every random choice (final strategy ties, `random` strategy), so a scenario always
    /// plays out the same way, natively and in the browser.
    pub seed: u64,
    /// The cluster name, or a `Cluster` object (capacity providers, default strategy).
    pub cluster: Value,
    pub availability_zones: Vec<String>,
    /// Short declarations (`{"instanceType", "availabilityZone", "count"}`) or full
    /// DescribeContainerInstances entries.
    pub container_instances: Vec<Value>,
    /// RegisterTaskDefinition inputs (or DescribeTaskDefinition outputs), registered in order.
    pub task_definitions: Vec<Value>,
    /// CreateService inputs.
    pub services: Vec<Value>,
    /// RunTask inputs.
    pub run_tasks: Vec<Value>,
    /// Members this version does not know (later versions' fields), kept for the round trip.
    pub extra: Map<String, Value>,
}

impl Scenario {
    /// Parses scenario text. Returns the scenario when the envelope is usable, with every problem
    /// found; a syntax error carries its line and column.
    pub fn parse(text: &str) -> (Option<Scenario>, Vec<Diagnostic>) {
        if text.len() > MAX_SCENARIO_BYTES {
            let d = Diagnostic::error(
                "",
                format!(
                    "The scenario is {:.1} MiB; the playground reads scenarios of up to 1 MiB.",
                    text.len() as f64 / (1024.0 * 1024.0)
                ),
                "A scenario that large would stall the browser; declare repeated instances with count instead of listing each one.",
            );
            return (None, vec![d]);
        }
        match serde_json::from_str::<Value>(text) {
            Ok(value) => Scenario::from_value(value),
            Err(err) => {
                let mut d = Diagnostic::error(
                    "",
                    format!("The scenario is not valid JSON: {err}"),
                    "Fix the JSON syntax at the marked line; the playground keeps your text as it is.",
                );
                d.line = u32::try_from(err.line()).ok();
                d.column = u32::try_from(err.column()).ok();
                (None, vec![d])
            }
        }
    }

    /// Checks the envelope of an already parsed document.
    pub fn from_value(value: Value) -> (Option<Scenario>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let Value::Object(mut object) = value else {
            diagnostics.push(Diagnostic::error(
                "",
                "A scenario must be a JSON object.",
                "Start the scenario with `{\"scenarioVersion\": 1, ...}`.",
            ));
            return (None, diagnostics);
        };

        let scenario_version = match object.remove("scenarioVersion") {
            None => {
                diagnostics.push(Diagnostic::error(
                    "scenarioVersion",
                    "scenarioVersion is missing.",
                    "Every scenario names its format version, so later playgrounds can still read it; add \"scenarioVersion\": 1.",
                ));
                return (None, diagnostics);
            }
            Some(v) => match v.as_u64() {
                Some(version @ 1..=CURRENT_VERSION) => version,
                Some(version) if version > CURRENT_VERSION => {
                    diagnostics.push(Diagnostic::error(
                        "scenarioVersion",
                        format!(
                            "This scenario was written by a newer playground (format version {version}); this one reads versions up to {CURRENT_VERSION}."
                        ),
                        "Open it in the latest playground, or lower the version if you wrote it by hand.",
                    ));
                    return (None, diagnostics);
                }
                _ => {
                    diagnostics.push(Diagnostic::error(
                        "scenarioVersion",
                        format!("scenarioVersion must be a whole number from 1 to {CURRENT_VERSION}, not {v}."),
                        "The version tells the playground how to read the rest of the document.",
                    ));
                    return (None, diagnostics);
                }
            },
        };

        let name = take_string(&mut object, "name", &mut diagnostics).unwrap_or_default();
        let description =
            take_string(&mut object, "description", &mut diagnostics).unwrap_or_default();
        let seed = match object.remove("seed") {
            None => 0,
            Some(v) => v.as_u64().unwrap_or_else(|| {
                diagnostics.push(Diagnostic::error(
                    "seed",
                    format!("seed must be a whole number from 0 to {}, not {v}.", u64::MAX),
                    "The seed decides every random tie-break; the same seed always gives the same placements.",
                ));
                0
            }),
        };
        let cluster = match object.remove("cluster") {
            None => Value::String("default".to_owned()),
            Some(v @ (Value::String(_) | Value::Object(_))) => v,
            Some(v) => {
                diagnostics.push(Diagnostic::error(
                    "cluster",
                    format!("cluster must be a cluster name or a Cluster object, not {v}."),
                    "Write \"cluster\": \"default\", or an object with clusterName and capacity providers.",
                ));
                Value::String("default".to_owned())
            }
        };
        let availability_zones = match object.remove("availabilityZones") {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .filter_map(|(i, item)| match item {
                    Value::String(s) => Some(s),
                    other => {
                        diagnostics.push(Diagnostic::error(
                            format!("availabilityZones[{i}]"),
                            format!("An Availability Zone name must be a string, not {other}."),
                            "Availability Zones are named like us-east-1a.",
                        ));
                        None
                    }
                })
                .collect(),
            Some(other) => {
                diagnostics.push(not_a_list("availabilityZones", &other));
                Vec::new()
            }
        };
        let container_instances = take_list(&mut object, "containerInstances", &mut diagnostics);
        let task_definitions = take_list(&mut object, "taskDefinitions", &mut diagnostics);
        let services = take_list(&mut object, "services", &mut diagnostics);
        let run_tasks = take_list(&mut object, "runTasks", &mut diagnostics);

        let scenario = Scenario {
            scenario_version,
            name,
            description,
            seed,
            cluster,
            availability_zones,
            container_instances,
            task_definitions,
            services,
            run_tasks,
            extra: object,
        };
        (Some(scenario), diagnostics)
    }

    /// The scenario as a JSON value in the current format, members in a stable order.
    pub fn to_value(&self) -> Value {
        let mut object = Map::new();
        object.insert("scenarioVersion".into(), CURRENT_VERSION.into());
        object.insert("name".into(), self.name.clone().into());
        if !self.description.is_empty() {
            object.insert("description".into(), self.description.clone().into());
        }
        object.insert("seed".into(), self.seed.into());
        object.insert("cluster".into(), self.cluster.clone());
        object.insert(
            "availabilityZones".into(),
            Value::Array(
                self.availability_zones
                    .iter()
                    .cloned()
                    .map(Value::String)
                    .collect(),
            ),
        );
        object.insert(
            "containerInstances".into(),
            Value::Array(self.container_instances.clone()),
        );
        object.insert(
            "taskDefinitions".into(),
            Value::Array(self.task_definitions.clone()),
        );
        object.insert("services".into(), Value::Array(self.services.clone()));
        object.insert("runTasks".into(), Value::Array(self.run_tasks.clone()));
        for (key, value) in &self.extra {
            object.insert(key.clone(), value.clone());
        }
        Value::Object(object)
    }

    /// Pretty JSON for editors and files.
    pub fn to_json_pretty(&self) -> String {
        // Serialising a `Value` cannot fail: every map key is a string.
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    /// The cluster's name, whichever form `cluster` takes.
    pub fn cluster_name(&self) -> &str {
        match &self.cluster {
            Value::String(name) => name,
            Value::Object(object) => object
                .get("clusterName")
                .and_then(Value::as_str)
                .unwrap_or("default"),
            _ => "default",
        }
    }
}

fn take_string(
    object: &mut Map<String, Value>,
    key: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    match object.remove(key)? {
        Value::String(s) => Some(s),
        other => {
            diagnostics.push(Diagnostic::error(
                key,
                format!("{key} must be a string, not {other}."),
                "Put the text in double quotes.",
            ));
            None
        }
    }
}

fn take_list(
    object: &mut Map<String, Value>,
    key: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Value> {
    match object.remove(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(mut items)) => {
            if items.len() > MAX_LIST_ENTRIES {
                diagnostics.push(Diagnostic::error(
                    key,
                    format!(
                        "{key} has {} entries; a scenario may have at most {MAX_LIST_ENTRIES}.",
                        items.len()
                    ),
                    "That is the ECS quota for services per cluster, and the playground's limit for every list.",
                ));
                items.truncate(MAX_LIST_ENTRIES);
            }
            items
        }
        Some(other) => {
            diagnostics.push(not_a_list(key, &other));
            Vec::new()
        }
    }
}

fn not_a_list(key: &str, found: &Value) -> Diagnostic {
    let kind = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    };
    Diagnostic::error(
        key,
        format!("{key} must be a list, not {kind}."),
        format!("Write {key} as [ ... ], one entry per item."),
    )
}
