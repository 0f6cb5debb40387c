//! Import: whatever a user pastes or drops (a scenario, an API input or output, a CloudFormation
//! resource or template, in JSON or YAML) becomes a plan for merging into the current scenario.
//!
//! CloudFormation spells properties in PascalCase and the API in camelCase; the mapping is the
//! mechanical one (first letter, or leading acronym, lowered) plus the few members whose names
//! differ, and maps whose keys are user data (Docker labels, log options) are left alone.

use ecs_model::{
    Diagnostic, DocumentKind, READ_ONLY_TASK_DEFINITION_FIELDS, check_create_service_value,
    check_run_task_value, check_task_definition_value, document_kind,
};
use serde_json::{Map, Value};

use crate::Scenario;
use crate::yaml;

/// What the pasted document was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Scenario,
    /// A RegisterTaskDefinition input.
    TaskDefinition,
    DescribeTaskDefinitionOutput,
    CreateService,
    RunTask,
    /// One `AWS::ECS::TaskDefinition` or `AWS::ECS::Service` resource (with or without its logical
    /// id around it).
    CloudFormationResource,
    /// A template with `Resources`.
    CloudFormationTemplate,
}

impl ImportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Scenario => "scenario",
            ImportKind::TaskDefinition => "RegisterTaskDefinition input",
            ImportKind::DescribeTaskDefinitionOutput => "DescribeTaskDefinition output",
            ImportKind::CreateService => "CreateService input",
            ImportKind::RunTask => "RunTask input",
            ImportKind::CloudFormationResource => "CloudFormation resource",
            ImportKind::CloudFormationTemplate => "CloudFormation template",
        }
    }
}

/// One change to the current scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Merge {
    /// Replace the whole scenario with this text (ask first: it overwrites the user's work).
    ReplaceScenario(String),
    /// Append to `taskDefinitions` (a new revision if the family exists).
    AddTaskDefinition(Value),
    /// Append to `services` (replace a service of the same name, if the user agrees).
    AddService(Value),
    /// Append to `runTasks`.
    AddRunTask(Value),
}

impl Merge {
    /// One line for the import dialog.
    pub fn summary(&self) -> String {
        let name = |v: &Value, key: &str| {
            v.get(key)
                .and_then(Value::as_str)
                .unwrap_or("(unnamed)")
                .to_owned()
        };
        match self {
            Merge::ReplaceScenario(_) => "Replace the current scenario".to_owned(),
            Merge::AddTaskDefinition(v) => {
                format!("Add task definition {}", name(v, "family"))
            }
            Merge::AddService(v) => format!("Add service {}", name(v, "serviceName")),
            Merge::AddRunTask(v) => format!("Add a RunTask of {}", name(v, "taskDefinition")),
        }
    }

    /// Applies the change to a scenario.
    pub fn apply(&self, scenario: &mut Scenario) {
        match self {
            Merge::ReplaceScenario(text) => {
                if let (Some(new), _) = Scenario::parse(text) {
                    *scenario = new;
                }
            }
            Merge::AddTaskDefinition(v) => scenario.task_definitions.push(v.clone()),
            Merge::AddService(v) => {
                let name = v.get("serviceName");
                scenario
                    .services
                    .retain(|s| name.is_none() || s.get("serviceName") != name);
                scenario.services.push(v.clone());
            }
            Merge::AddRunTask(v) => scenario.run_tasks.push(v.clone()),
        }
    }
}

/// A recognised document and how to merge it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportResult {
    pub kind: ImportKind,
    pub merges: Vec<Merge>,
    /// Problems found on the way: placeholders for CloudFormation functions, and what the API
    /// checks say about the imported documents. None of them stopped the import.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a pasted document. `Err` means nothing could be imported, with the reasons.
pub fn import_document(text: &str) -> Result<ImportResult, Vec<Diagnostic>> {
    if text.len() > crate::MAX_SCENARIO_BYTES {
        return Err(vec![Diagnostic::error(
            "",
            "The document is larger than 1 MiB.",
            "The playground reads documents of up to 1 MiB.",
        )]);
    }
    let mut diagnostics = Vec::new();
    let value = match serde_json::from_str::<Value>(text) {
        Ok(value) => value,
        Err(json_error) => {
            let trimmed = text.trim_start();
            if trimmed.starts_with('{') || trimmed.starts_with('[') {
                let mut d = Diagnostic::error(
                    "",
                    format!("The document is not valid JSON: {json_error}"),
                    "Fix the JSON syntax, or paste YAML if that is what you meant.",
                );
                d.line = u32::try_from(json_error.line()).ok();
                d.column = u32::try_from(json_error.column()).ok();
                return Err(vec![d]);
            }
            match yaml::parse(text) {
                Ok(parsed) => {
                    for (line, tag) in parsed.tags {
                        let mut d = Diagnostic::warning(
                            "",
                            format!("The CloudFormation function {tag} was kept as a placeholder."),
                            "The playground has no stack to resolve functions against; replace the placeholder with a value if it matters.",
                        );
                        d.line = u32::try_from(line).ok();
                        diagnostics.push(d);
                    }
                    parsed.value
                }
                Err(e) => {
                    let mut d = Diagnostic::error(
                        "",
                        format!(
                            "The document is neither JSON nor YAML the playground can read: {}",
                            e.message
                        ),
                        "Paste a scenario, an ECS API document, or a CloudFormation template in JSON or YAML.",
                    );
                    d.line = u32::try_from(e.line).ok();
                    return Err(vec![d]);
                }
            }
        }
    };
    let result = classify(value, &mut diagnostics)?;
    let mut result = result;
    diagnostics.append(&mut result.diagnostics);
    result.diagnostics = diagnostics;
    Ok(result)
}

fn not_importable(message: String) -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        "",
        message,
        "The playground imports a scenario, a RegisterTaskDefinition or CreateService input, DescribeTaskDefinition output, or a CloudFormation AWS::ECS::TaskDefinition / AWS::ECS::Service.",
    )]
}

fn classify(value: Value, warnings: &mut Vec<Diagnostic>) -> Result<ImportResult, Vec<Diagnostic>> {
    let Some(map) = value.as_object() else {
        return Err(not_importable("The document is not an object.".to_owned()));
    };
    if map.contains_key("scenarioVersion") {
        let (scenario, diagnostics) = Scenario::from_value(value.clone());
        return match scenario {
            Some(_) => Ok(ImportResult {
                kind: ImportKind::Scenario,
                merges: vec![Merge::ReplaceScenario(
                    serde_json::to_string_pretty(&value).unwrap_or_default(),
                )],
                diagnostics,
            }),
            None => Err(diagnostics),
        };
    }
    if let Some(resources) = map.get("Resources").and_then(Value::as_object) {
        return cloudformation(resources, ImportKind::CloudFormationTemplate, warnings);
    }
    if is_resource(&value) {
        let mut single = Map::new();
        single.insert("Resource".to_owned(), value.clone());
        return cloudformation(&single, ImportKind::CloudFormationResource, warnings);
    }
    if !map.is_empty() && map.values().all(is_resource) {
        return cloudformation(map, ImportKind::CloudFormationResource, warnings);
    }
    let diagnostics;
    let (kind, merge) = match document_kind(&value) {
        DocumentKind::TaskDefinition => {
            let (_, found) = check_task_definition_value(&value);
            diagnostics = found;
            (ImportKind::TaskDefinition, Merge::AddTaskDefinition(value))
        }
        DocumentKind::DescribeTaskDefinitionOutput => {
            let (_, found) = check_task_definition_value(&value);
            diagnostics = found;
            let inner = value.get("taskDefinition").cloned().unwrap_or_default();
            (
                ImportKind::DescribeTaskDefinitionOutput,
                Merge::AddTaskDefinition(registration(inner)),
            )
        }
        DocumentKind::CreateService => {
            let (_, found) = check_create_service_value(&value);
            diagnostics = found;
            (ImportKind::CreateService, Merge::AddService(value))
        }
        DocumentKind::RunTask => {
            let (_, found) = check_run_task_value(&value);
            diagnostics = found;
            (ImportKind::RunTask, Merge::AddRunTask(value))
        }
        other => {
            return Err(not_importable(format!(
                "This looks like a {}, which the playground does not import.",
                other.as_str()
            )));
        }
    };
    Ok(ImportResult {
        kind,
        merges: vec![merge],
        diagnostics,
    })
}

/// A DescribeTaskDefinition result without the members only AWS sets, i.e. a registration input.
pub(crate) fn registration(mut value: Value) -> Value {
    if let Some(map) = value.as_object_mut() {
        for field in READ_ONLY_TASK_DEFINITION_FIELDS {
            map.remove(*field);
        }
    }
    value
}

fn is_resource(value: &Value) -> bool {
    value.get("Type").and_then(Value::as_str).is_some() && value.get("Properties").is_some()
}

fn cloudformation(
    resources: &Map<String, Value>,
    kind: ImportKind,
    warnings: &mut Vec<Diagnostic>,
) -> Result<ImportResult, Vec<Diagnostic>> {
    let mut merges = Vec::new();
    let mut diagnostics = Vec::new();
    // Logical id → family, so a service's `!Ref TaskDef` can name the family it will run.
    let mut families = Map::new();
    let mut ordered: Vec<(&String, &Value)> = resources.iter().collect();
    // Task definitions first, so services that refer to them come after them in the scenario.
    ordered.sort_by_key(|(_, r)| {
        r.get("Type").and_then(Value::as_str) != Some("AWS::ECS::TaskDefinition")
    });
    for (logical_id, resource) in ordered {
        let resource_type = resource.get("Type").and_then(Value::as_str).unwrap_or("");
        let path = format!("Resources.{logical_id}.Properties");
        let properties = resource
            .get("Properties")
            .cloned()
            .unwrap_or(Value::Object(Map::new()));
        let mut object = match api_shape(&properties, "", warnings, &path) {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        match resource_type {
            "AWS::ECS::TaskDefinition" => {
                for key in ["cpu", "memory"] {
                    if let Some(Value::Number(n)) = object.get(key) {
                        let s = n.to_string();
                        object.insert(key.to_owned(), Value::String(s));
                    }
                }
                let family = match object.get("family").and_then(Value::as_str) {
                    Some(f) if !f.starts_with("{{") => f.to_owned(),
                    _ => {
                        warnings.push(Diagnostic::warning(
                            format!("{path}.Family"),
                            format!("The task definition has no Family; the logical id {logical_id} is used."),
                            "CloudFormation makes up a family name when Family is missing; the playground needs a readable one.",
                        ));
                        logical_id.clone()
                    }
                };
                object.insert("family".to_owned(), Value::String(family.clone()));
                families.insert(logical_id.clone(), Value::String(family));
                let api = Value::Object(object);
                let (_, mut found) = check_task_definition_value(&api);
                prefix(&mut found, &path);
                diagnostics.append(&mut found);
                merges.push(Merge::AddTaskDefinition(api));
            }
            "AWS::ECS::Service" => {
                if let Some(strategies) = object.remove("placementStrategies") {
                    object.insert("placementStrategy".to_owned(), strategies);
                }
                if let Some(reference) = object.get("taskDefinition").and_then(Value::as_str)
                    && let Some(family) = referenced(reference).and_then(|id| families.get(id))
                {
                    object.insert("taskDefinition".to_owned(), family.clone());
                }
                // The scenario has one cluster; a reference to the stack's cluster means that one.
                if object
                    .get("cluster")
                    .and_then(Value::as_str)
                    .is_some_and(|c| c.starts_with("{{"))
                {
                    object.remove("cluster");
                }
                if !object.contains_key("serviceName") {
                    object.insert("serviceName".to_owned(), Value::String(logical_id.clone()));
                }
                let api = Value::Object(object);
                let (_, mut found) = check_create_service_value(&api);
                prefix(&mut found, &path);
                diagnostics.append(&mut found);
                merges.push(Merge::AddService(api));
            }
            _ => {}
        }
    }
    if merges.is_empty() {
        return Err(not_importable(
            "The template has no AWS::ECS::TaskDefinition or AWS::ECS::Service resource."
                .to_owned(),
        ));
    }
    Ok(ImportResult {
        kind,
        merges,
        diagnostics,
    })
}

/// The logical id in a `{{Ref X}}` / `{{!Ref X}}` placeholder.
fn referenced(placeholder: &str) -> Option<&str> {
    let inner = placeholder.strip_prefix("{{")?.strip_suffix("}}")?;
    let inner = inner.strip_prefix('!').unwrap_or(inner);
    inner.strip_prefix("Ref ").map(str::trim)
}

/// Members whose values are maps of user data: their keys are kept as written.
const USER_KEYED: &[&str] = &[
    "DockerLabels",
    "Options",
    "DriverOpts",
    "Labels",
    "SecretOptions",
];

/// CloudFormation names that are not the API name with the first letter lowered.
const RENAMED: &[(&str, &str)] = &[
    ("ProxyConfigurationProperties", "properties"),
    ("EFSVolumeConfiguration", "efsVolumeConfiguration"),
    // CloudFormation spells the EFS file system id `FilesystemId`; the API `fileSystemId`.
    ("FilesystemId", "fileSystemId"),
    (
        "FSxWindowsFileServerVolumeConfiguration",
        "fsxWindowsFileServerVolumeConfiguration",
    ),
];

/// Converts a CloudFormation property value to the API's shape, turning intrinsic functions
/// (`{"Ref": ...}`, `{"Fn::Sub": ...}`) into placeholder strings.
fn api_shape(value: &Value, parent: &str, warnings: &mut Vec<Diagnostic>, path: &str) -> Value {
    match value {
        Value::Object(map) => {
            if map.len() == 1
                && let Some((key, argument)) = map.iter().next()
                && (key == "Ref" || key.starts_with("Fn::"))
            {
                let function = key.trim_start_matches("Fn::");
                let shown = match argument {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                warnings.push(Diagnostic::warning(
                    path,
                    format!("The CloudFormation function {function} was kept as a placeholder."),
                    "The playground has no stack to resolve functions against; replace the placeholder with a value if it matters.",
                ));
                return Value::String(format!("{{{{{function} {shown}}}}}"));
            }
            let keep_keys = USER_KEYED.contains(&parent);
            Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let name = if keep_keys { k.clone() } else { camel(k) };
                        let child_path = format!("{path}.{k}");
                        (name, api_shape(v, k, warnings, &child_path))
                    })
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| api_shape(v, parent, warnings, &format!("{path}[{i}]")))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `ContainerDefinitions` → `containerDefinitions`, `EFSThing` → `efsThing`.
pub(crate) fn camel(key: &str) -> String {
    if let Some((_, api)) = RENAMED.iter().find(|(cfn, _)| *cfn == key) {
        return (*api).to_owned();
    }
    let chars: Vec<char> = key.chars().collect();
    let upper_run = chars.iter().take_while(|c| c.is_ascii_uppercase()).count();
    // In `EFSVolume` the run is `EFSV`; its last letter starts the next word.
    let lower = match upper_run {
        0 => 0,
        n if n == chars.len() => n,
        1 => 1,
        n => n - 1,
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < lower {
                c.to_ascii_lowercase()
            } else {
                *c
            }
        })
        .collect()
}

fn prefix(diagnostics: &mut [Diagnostic], path: &str) {
    for d in diagnostics {
        d.path = if d.path.is_empty() {
            path.to_owned()
        } else {
            format!("{path}.{}", d.path)
        };
    }
}
