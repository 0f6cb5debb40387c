//! Entry points: JSON text or value in, typed value and every problem out.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::api_members::{Nested, SHAPES};
use crate::diagnostic::{Diagnostic, closest, index, join, prefix_paths};
use crate::instance::{CONTAINER_INSTANCE_FIELDS, ContainerInstance};
use crate::locate::fill_positions;
use crate::rules_service::{
    capacity_provider_strategy_rules, create_service_rules, create_task_set_rules, run_task_rules,
    update_service_rules,
};
use crate::rules_task::task_definition_rules;
use crate::schema::{Field, sanitize_object};
use crate::service::{
    CREATE_SERVICE_FIELDS, CREATE_TASK_SET_FIELDS, CapacityProviderStrategyItem,
    CreateServiceRequest, CreateTaskSetRequest, RUN_TASK_FIELDS, RunTaskRequest,
    UPDATE_SERVICE_FIELDS, UpdateServiceRequest,
};
use crate::task_definition::{
    READ_ONLY_TASK_DEFINITION_FIELDS, TASK_DEFINITION_FIELDS, TaskDefinition,
};

/// Parses JSON text; a syntax error becomes a diagnostic with its line and column.
pub(crate) fn parse_json(text: &str) -> Result<Value, Diagnostic> {
    serde_json::from_str(text).map_err(|e| {
        let mut d = Diagnostic::error(
            "",
            format!("Error parsing parameter 'cli-input-json': Invalid JSON: {e}"),
            "The file is not valid JSON, so AWS never sees it; look for a missing comma or quote near the marked position.",
        );
        // serde_json reports column 0 for an empty document; editors count from 1.
        d.line = Some(u32::try_from(e.line()).unwrap_or(u32::MAX).max(1));
        d.column = Some(u32::try_from(e.column()).unwrap_or(u32::MAX).max(1));
        d
    })
}

/// Checks member types and builds the typed value from what is left.
fn build<T: DeserializeOwned>(
    value: &Value,
    fields: &[Field],
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<T> {
    let Value::Object(map) = value else {
        diagnostics.push(Diagnostic::error(
            "",
            format!(
                "Invalid type for parameter input, value: {}, valid types: <class 'dict'>",
                short(value)
            ),
            format!("A {what} is a JSON object ({{ ... }})."),
        ));
        return None;
    };
    let mut map = map.clone();
    sanitize_object(&mut map, fields, "", diagnostics);
    match serde_json::from_value(Value::Object(map)) {
        Ok(typed) => Some(typed),
        Err(e) => {
            // The shapes mirror the types, so this is a bug in this crate, reported rather than
            // hidden.
            diagnostics.push(Diagnostic::error(
                "",
                format!("Could not read the {what}: {e}"),
                "This document has a shape the validator does not understand.",
            ));
            None
        }
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}...", text.chars().take(37).collect::<String>())
    } else {
        text
    }
}

fn with_text<T>(
    text: &str,
    check: impl FnOnce(&Value) -> (Option<T>, Vec<Diagnostic>),
) -> (Option<T>, Vec<Diagnostic>) {
    match parse_json(text) {
        Ok(value) => {
            let (typed, mut diagnostics) = check(&value);
            fill_positions(text, &mut diagnostics);
            (typed, diagnostics)
        }
        Err(d) => (None, vec![d]),
    }
}

/// Checks a RegisterTaskDefinition input (or a DescribeTaskDefinition response).
pub fn check_task_definition(text: &str) -> (Option<TaskDefinition>, Vec<Diagnostic>) {
    with_text(text, check_task_definition_value)
}

/// True for `{"taskDefinition": {...}}` without task definition members of its own.
fn is_describe_wrapper(map: &Map<String, Value>) -> bool {
    map.get("taskDefinition").is_some_and(Value::is_object)
        && !map.contains_key("containerDefinitions")
}

pub fn check_task_definition_value(value: &Value) -> (Option<TaskDefinition>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    if let Some(map) = value.as_object().filter(|m| is_describe_wrapper(m)) {
        let inner = map.get("taskDefinition").unwrap_or(&Value::Null);
        let typed = build::<TaskDefinition>(
            inner,
            TASK_DEFINITION_FIELDS,
            "task definition",
            &mut diagnostics,
        );
        unknown_parameters(
            inner,
            "RegisterTaskDefinitionRequest",
            READ_ONLY_TASK_DEFINITION_FIELDS,
            &mut diagnostics,
        );
        if let Some(td) = &typed {
            task_definition_rules(td, &mut diagnostics);
        }
        prefix_paths(&mut diagnostics, "taskDefinition");
        return (typed, diagnostics);
    }
    let typed = build::<TaskDefinition>(
        value,
        TASK_DEFINITION_FIELDS,
        "task definition",
        &mut diagnostics,
    );
    // The read-only members get a warning of their own below.
    unknown_parameters(
        value,
        "RegisterTaskDefinitionRequest",
        READ_ONLY_TASK_DEFINITION_FIELDS,
        &mut diagnostics,
    );
    if let Some(td) = &typed {
        for field in READ_ONLY_TASK_DEFINITION_FIELDS {
            if td.extra.contains_key(*field) {
                diagnostics.push(Diagnostic::warning(
                    *field,
                    format!("Unknown parameter in input: \"{field}\""),
                    format!("`{field}` is a read-only member of DescribeTaskDefinition output; remove it before calling RegisterTaskDefinition."),
                ));
            }
        }
        task_definition_rules(td, &mut diagnostics);
    }
    (typed, diagnostics)
}

/// Checks a CreateService input.
pub fn check_create_service(text: &str) -> (Option<CreateServiceRequest>, Vec<Diagnostic>) {
    with_text(text, check_create_service_value)
}

pub fn check_create_service_value(
    value: &Value,
) -> (Option<CreateServiceRequest>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let typed = build::<CreateServiceRequest>(
        value,
        CREATE_SERVICE_FIELDS,
        "CreateService input",
        &mut diagnostics,
    );
    unknown_parameters(value, "CreateServiceRequest", &[], &mut diagnostics);
    if let Some(request) = &typed {
        create_service_rules(request, &mut diagnostics);
    }
    (typed, diagnostics)
}

/// Checks an UpdateService input.
pub fn check_update_service(text: &str) -> (Option<UpdateServiceRequest>, Vec<Diagnostic>) {
    with_text(text, check_update_service_value)
}

pub fn check_update_service_value(
    value: &Value,
) -> (Option<UpdateServiceRequest>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let typed = build::<UpdateServiceRequest>(
        value,
        UPDATE_SERVICE_FIELDS,
        "UpdateService input",
        &mut diagnostics,
    );
    unknown_parameters(value, "UpdateServiceRequest", &[], &mut diagnostics);
    if let Some(request) = &typed {
        update_service_rules(request, &mut diagnostics);
    }
    (typed, diagnostics)
}

/// Checks a CreateTaskSet input.
pub fn check_create_task_set(text: &str) -> (Option<CreateTaskSetRequest>, Vec<Diagnostic>) {
    with_text(text, check_create_task_set_value)
}

pub fn check_create_task_set_value(
    value: &Value,
) -> (Option<CreateTaskSetRequest>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let typed = build::<CreateTaskSetRequest>(
        value,
        CREATE_TASK_SET_FIELDS,
        "CreateTaskSet input",
        &mut diagnostics,
    );
    unknown_parameters(value, "CreateTaskSetRequest", &[], &mut diagnostics);
    if let Some(request) = &typed {
        create_task_set_rules(request, &mut diagnostics);
    }
    (typed, diagnostics)
}

/// Checks a capacity provider strategy on its own (a cluster's default strategy) by the rules of a
/// service's; paths start at `capacityProviderStrategy`.
pub fn check_capacity_provider_strategy(
    strategy: &[CapacityProviderStrategyItem],
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    capacity_provider_strategy_rules(strategy, &mut diagnostics);
    diagnostics
}

/// Checks a RunTask input.
pub fn check_run_task(text: &str) -> (Option<RunTaskRequest>, Vec<Diagnostic>) {
    with_text(text, check_run_task_value)
}

pub fn check_run_task_value(value: &Value) -> (Option<RunTaskRequest>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let typed = build::<RunTaskRequest>(value, RUN_TASK_FIELDS, "RunTask input", &mut diagnostics);
    unknown_parameters(value, "RunTaskRequest", &[], &mut diagnostics);
    if let Some(request) = &typed {
        run_task_rules(request, &mut diagnostics);
    }
    (typed, diagnostics)
}

/// Checks one DescribeContainerInstances entry.
pub fn check_container_instance(text: &str) -> (Option<ContainerInstance>, Vec<Diagnostic>) {
    with_text(text, check_container_instance_value)
}

pub fn check_container_instance_value(
    value: &Value,
) -> (Option<ContainerInstance>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let typed = build::<ContainerInstance>(
        value,
        CONTAINER_INSTANCE_FIELDS,
        "container instance",
        &mut diagnostics,
    );
    if let Some(instance) = &typed {
        crate::rules_service::container_instance_rules(instance, &mut diagnostics);
    }
    (typed, diagnostics)
}

/// Checks every entry of a DescribeContainerInstances response (`{"containerInstances": [...]}`)
/// or the `detail` of a container instance state change event.
pub fn check_container_instances_value(value: &Value) -> (Vec<ContainerInstance>, Vec<Diagnostic>) {
    let mut instances = Vec::new();
    let mut diagnostics = Vec::new();
    if let Some(list) = value.get("containerInstances").and_then(Value::as_array) {
        for (i, entry) in list.iter().enumerate() {
            let (typed, mut d) = check_container_instance_value(entry);
            prefix_paths(&mut d, &format!("containerInstances[{i}]"));
            diagnostics.extend(d);
            instances.extend(typed);
        }
    } else if let Some(detail) = value.get("detail") {
        let (typed, mut d) = check_container_instance_value(detail);
        prefix_paths(&mut d, "detail");
        diagnostics.extend(d);
        instances.extend(typed);
    } else {
        let (typed, d) = check_container_instance_value(value);
        diagnostics.extend(d);
        instances.extend(typed);
    }
    (instances, diagnostics)
}

/// What a JSON document is, as far as its members tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Not JSON at all.
    Invalid,
    TaskDefinition,
    /// `{"taskDefinition": {...}}` from DescribeTaskDefinition.
    DescribeTaskDefinitionOutput,
    CreateService,
    UpdateService,
    CreateTaskSet,
    RunTask,
    /// `{"containerInstances": [...]}` from DescribeContainerInstances.
    DescribeContainerInstancesOutput,
    /// An EventBridge event whose `detail` is a container instance.
    ContainerInstanceEvent,
    ContainerInstance,
    /// `{"service": {...}}` or `{"services": [...]}` returned by CreateService/DescribeServices.
    ServiceOutput,
    Unknown,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Invalid => "invalid JSON",
            DocumentKind::TaskDefinition => "task definition",
            DocumentKind::DescribeTaskDefinitionOutput => "DescribeTaskDefinition output",
            DocumentKind::CreateService => "CreateService input",
            DocumentKind::UpdateService => "UpdateService input",
            DocumentKind::CreateTaskSet => "CreateTaskSet input",
            DocumentKind::RunTask => "RunTask input",
            DocumentKind::DescribeContainerInstancesOutput => "DescribeContainerInstances output",
            DocumentKind::ContainerInstanceEvent => "container instance state change event",
            DocumentKind::ContainerInstance => "container instance",
            DocumentKind::ServiceOutput => "CreateService/DescribeServices output",
            DocumentKind::Unknown => "unknown document",
        }
    }
}

const SERVICE_MEMBERS: &[&str] = &[
    "serviceName",
    "desiredCount",
    "schedulingStrategy",
    "deploymentConfiguration",
    "loadBalancers",
    "deploymentController",
    "serviceRegistries",
    "healthCheckGracePeriodSeconds",
    "propagateTags",
    "enableECSManagedTags",
    "serviceConnectConfiguration",
    "volumeConfigurations",
];

/// Recognises a document by its members ([MODEL]: the first matching rule wins).
pub fn document_kind(value: &Value) -> DocumentKind {
    let Some(map) = value.as_object() else {
        return DocumentKind::Unknown;
    };
    let has = |k: &str| map.contains_key(k);
    if has("containerDefinitions") || has("family") {
        DocumentKind::TaskDefinition
    } else if is_describe_wrapper(map) {
        DocumentKind::DescribeTaskDefinitionOutput
    } else if map.get("containerInstances").is_some_and(Value::is_array) {
        DocumentKind::DescribeContainerInstancesOutput
    } else if map.get("detail").is_some_and(|d| {
        d.get("containerInstanceArn").is_some() || d.get("registeredResources").is_some()
    }) {
        DocumentKind::ContainerInstanceEvent
    } else if has("registeredResources") || has("containerInstanceArn") {
        DocumentKind::ContainerInstance
    } else if map.get("service").is_some_and(Value::is_object)
        || map.get("services").is_some_and(Value::is_array)
    {
        DocumentKind::ServiceOutput
    } else if has("scale") || has("externalId") {
        DocumentKind::CreateTaskSet
    } else if has("service") {
        DocumentKind::UpdateService
    } else if has("count") || has("startedBy") || has("group") || has("overrides") {
        DocumentKind::RunTask
    } else if SERVICE_MEMBERS.iter().any(|k| has(k)) {
        DocumentKind::CreateService
    } else if has("taskDefinition") {
        DocumentKind::RunTask
    } else {
        DocumentKind::Unknown
    }
}

/// Recognises and checks any supported document; for the CLI and the editor.
pub fn check_document(text: &str) -> (DocumentKind, Vec<Diagnostic>) {
    let value = match parse_json(text) {
        Ok(value) => value,
        Err(d) => return (DocumentKind::Invalid, vec![d]),
    };
    let kind = document_kind(&value);
    let mut diagnostics = check_document_value(kind, &value);
    fill_positions(text, &mut diagnostics);
    (kind, diagnostics)
}

fn check_document_value(kind: DocumentKind, value: &Value) -> Vec<Diagnostic> {
    match kind {
        DocumentKind::Invalid => Vec::new(),
        DocumentKind::TaskDefinition | DocumentKind::DescribeTaskDefinitionOutput => {
            check_task_definition_value(value).1
        }
        DocumentKind::CreateService => check_create_service_value(value).1,
        DocumentKind::UpdateService => check_update_service_value(value).1,
        DocumentKind::CreateTaskSet => check_create_task_set_value(value).1,
        DocumentKind::RunTask => check_run_task_value(value).1,
        DocumentKind::DescribeContainerInstancesOutput
        | DocumentKind::ContainerInstanceEvent
        | DocumentKind::ContainerInstance => check_container_instances_value(value).1,
        // Outputs are what AWS produced; only their shape matters, not input rules.
        DocumentKind::ServiceOutput => Vec::new(),
        DocumentKind::Unknown => vec![Diagnostic::error(
            "",
            "Unrecognised document",
            "The validator recognises task definitions, CreateService/UpdateService/CreateTaskSet/RunTask inputs and DescribeContainerInstances output.",
        )],
    }
}

/// botocore's client-side check, which rejects a request before it is sent: every member of
/// `value`, and of the structures it nests, must be one the API model names for its shape
/// (`request` at the top). `skip` lists top-level members reported in another way.
fn unknown_parameters(
    value: &Value,
    request: &str,
    skip: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(shape) = SHAPES.iter().position(|s| s.name == request) {
        walk_members(value, shape, "", skip, diagnostics);
    }
}

fn walk_members(
    value: &Value,
    shape: usize,
    path: &str,
    skip: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) {
    // A value of the wrong type is reported by the type check.
    let Value::Object(map) = value else {
        return;
    };
    let api = &SHAPES[shape];
    for (key, member) in map {
        let member_path = join(path, key);
        match api.members.iter().find(|(name, _)| name == key) {
            None if path.is_empty() && skip.contains(&key.as_str()) => {}
            None => {
                let names: Vec<&str> = api.members.iter().map(|(name, _)| *name).collect();
                let parent = if path.is_empty() { "input" } else { path };
                let explanation = match closest(key, &names) {
                    Some(near) => format!(
                        "Did you mean {near}? The AWS CLI and SDKs reject a request with a member its {} does not have.",
                        api.name
                    ),
                    None => format!(
                        "The AWS CLI and SDKs reject a request with a member its {} does not have.",
                        api.name
                    ),
                };
                diagnostics.push(Diagnostic::error(
                    member_path,
                    format!(
                        "Unknown parameter in {parent}: \"{key}\", must be one of: {}",
                        names.join(", ")
                    ),
                    explanation,
                ));
            }
            Some((_, Nested::Structure(inner))) => {
                walk_members(member, *inner, &member_path, &[], diagnostics);
            }
            Some((_, Nested::ListOf(inner))) => {
                for (i, item) in member.as_array().into_iter().flatten().enumerate() {
                    walk_members(item, *inner, &index(&member_path, i), &[], diagnostics);
                }
            }
            Some((_, Nested::Value)) => {}
        }
    }
}
