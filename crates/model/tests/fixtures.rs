//! Runs the validator over every shared fixture; a new fixture file is picked up with no code
//! change.

use std::fs;
use std::path::{Path, PathBuf};

use ecs_model::{
    Diagnostic, DocumentKind, Severity, check_create_service_value, check_document, has_errors,
};
use serde_json::Value;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures");

fn json_files(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(FIXTURES).join(folder);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| p.file_name().is_some_and(|n| n != "expected-errors.json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {folder}");
    files
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "  {} {}:{:?}:{:?}: {}\n",
                d.severity.as_str(),
                d.path,
                d.line,
                d.column,
                d.message
            )
        })
        .collect()
}

fn expected_errors(folder: &str) -> serde_json::Map<String, Value> {
    let text = read(
        &Path::new(FIXTURES)
            .join(folder)
            .join("expected-errors.json"),
    );
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => map,
        other => panic!("bad expected-errors.json in {folder}: {other:?}"),
    }
}

fn assert_valid(folder: &str, allowed: &[DocumentKind]) {
    let mut failures = String::new();
    for path in json_files(folder) {
        let (kind, diagnostics) = check_document(&read(&path));
        if !allowed.contains(&kind) {
            failures.push_str(&format!(
                "{}: recognised as {}\n",
                name(&path),
                kind.as_str()
            ));
        }
        if has_errors(&diagnostics) {
            failures.push_str(&format!(
                "{} ({}):\n{}",
                name(&path),
                kind.as_str(),
                render(&diagnostics)
            ));
        }
        for d in &diagnostics {
            assert!(
                d.line.is_some() && d.column.is_some(),
                "{}: no position for {d:?}",
                name(&path)
            );
        }
    }
    assert!(
        failures.is_empty(),
        "valid fixtures with errors:\n{failures}"
    );
}

fn assert_invalid(folder: &str) {
    let expected = expected_errors(folder);
    let mut failures = String::new();
    for path in json_files(folder) {
        let file = name(&path);
        let (kind, diagnostics) = check_document(&read(&path));
        if !has_errors(&diagnostics) {
            failures.push_str(&format!(
                "{file} ({}): no error\n{}",
                kind.as_str(),
                render(&diagnostics)
            ));
            continue;
        }
        let entry = expected
            .get(&file)
            .unwrap_or_else(|| panic!("{file} is missing from expected-errors.json"));
        if let Some(message) = entry.get("awsError").and_then(Value::as_str) {
            let found = diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error && d.message == message);
            if !found {
                failures.push_str(&format!(
                    "{file}: expected \"{message}\" among\n{}",
                    render(&diagnostics)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "invalid fixtures:\n{failures}");
}

#[test]
fn valid_task_definitions_have_no_errors() {
    assert_valid(
        "task-definitions/valid",
        &[
            DocumentKind::TaskDefinition,
            DocumentKind::DescribeTaskDefinitionOutput,
        ],
    );
}

#[test]
fn invalid_task_definitions_have_the_aws_error() {
    assert_invalid("task-definitions/invalid");
}

/// Root files are CreateService or CreateTaskSet inputs; several are partial (ecspresso supplies
/// the service name), which is a warning, not an error.
#[test]
fn valid_services_have_no_errors() {
    assert_valid(
        "services",
        &[DocumentKind::CreateService, DocumentKind::CreateTaskSet],
    );
}

#[test]
fn invalid_services_have_the_aws_error() {
    assert_invalid("services/invalid");
}

/// Outputs are recognised as such and never judged by input rules.
#[test]
fn service_outputs_are_recognised() {
    for path in json_files("services/outputs") {
        let (kind, diagnostics) = check_document(&read(&path));
        assert_eq!(kind, DocumentKind::ServiceOutput, "{}", name(&path));
        assert!(
            diagnostics.is_empty(),
            "{}:\n{}",
            name(&path),
            render(&diagnostics)
        );
    }
}

/// Every documented strategy and constraint fragment is valid inside an EC2 CreateService.
#[test]
fn placement_examples_are_valid() {
    for path in json_files("services/placement") {
        let value: Value = serde_json::from_str(&read(&path)).expect("placement examples are JSON");
        let mut checked = 0;
        for (member, list) in [
            ("placementStrategy", "placementStrategies"),
            ("placementConstraints", "placementConstraints"),
        ] {
            for fragment in value
                .get(list)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let request = serde_json::json!({
                    "serviceName": "web", "taskDefinition": "web:1", "desiredCount": 2, "launchType": "EC2",
                    member: fragment,
                });
                let (typed, diagnostics) = check_create_service_value(&request);
                assert!(typed.is_some());
                assert!(
                    diagnostics.is_empty(),
                    "{fragment}:\n{}",
                    render(&diagnostics)
                );
                checked += 1;
            }
        }
        assert!(checked > 0);
    }
}

#[test]
fn container_instances_parse() {
    for path in json_files("container-instances") {
        let text = read(&path);
        let (kind, diagnostics) = check_document(&text);
        assert!(
            matches!(
                kind,
                DocumentKind::DescribeContainerInstancesOutput
                    | DocumentKind::ContainerInstanceEvent
            ),
            "{}: {}",
            name(&path),
            kind.as_str()
        );
        assert!(
            !has_errors(&diagnostics),
            "{}:\n{}",
            name(&path),
            render(&diagnostics)
        );
        let value: Value = serde_json::from_str(&text).expect("JSON");
        let (instances, _) = ecs_model::check_container_instances_value(&value);
        assert!(!instances.is_empty(), "{}", name(&path));
        for instance in instances {
            assert!(
                instance
                    .registered("CPU")
                    .and_then(|r| r.integer_value)
                    .is_some_and(|c| c > 0),
                "{}",
                name(&path)
            );
        }
    }
}

/// Null members count as absent in the AWS SDKs and are not kept by the typed values.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

fn assert_round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(
    path: &Path,
    value: &Value,
) {
    let typed: T =
        serde_json::from_value(value.clone()).unwrap_or_else(|e| panic!("{}: {e}", name(path)));
    let back = serde_json::to_value(&typed).expect("serialise");
    assert_eq!(without_nulls(&back), without_nulls(value), "{}", name(path));
}

#[test]
fn valid_fixtures_round_trip() {
    for path in json_files("task-definitions/valid") {
        let value: Value = serde_json::from_str(&read(&path)).expect("JSON");
        if value.get("containerDefinitions").is_some() {
            assert_round_trip::<ecs_model::TaskDefinition>(&path, &value);
        } else {
            assert_round_trip::<ecs_model::DescribeTaskDefinitionOutput>(&path, &value);
        }
    }
    for path in json_files("services") {
        let value: Value = serde_json::from_str(&read(&path)).expect("JSON");
        if value.get("scale").is_some() {
            assert_round_trip::<ecs_model::CreateTaskSetRequest>(&path, &value);
        } else {
            assert_round_trip::<ecs_model::CreateServiceRequest>(&path, &value);
        }
    }
    for path in json_files("container-instances") {
        let value: Value = serde_json::from_str(&read(&path)).expect("JSON");
        let entries: Vec<Value> = match value.get("containerInstances").and_then(Value::as_array) {
            Some(list) => list.clone(),
            None => value.get("detail").cloned().into_iter().collect(),
        };
        for entry in entries {
            assert_round_trip::<ecs_model::ContainerInstance>(&path, &entry);
        }
    }
}

/// The typed checks give the same typed value as plain serde on valid input.
#[test]
fn checked_value_equals_plain_parse() {
    for path in json_files("task-definitions/valid") {
        let text = read(&path);
        let (typed, _) = ecs_model::check_task_definition(&text);
        assert!(typed.is_some(), "{}", name(&path));
    }
}
