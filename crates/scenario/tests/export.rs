//! Exports: the API documents of every example validate against the real ECS API model, and the
//! CLI script and CloudFormation template read as expected.

use ecs_scenario::{
    Scenario, create_service_inputs, example, examples, export_cli, export_cloudformation,
    register_task_definition_inputs,
};
use expect_test::expect;
use serde_json::Value;

/// The botocore model of the ECS API, shared by the project's fixtures.
fn api_model() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/aws-api/ecs-service-2.json"
    );
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("the ECS API model is needed at {path}: {e}"));
    serde_json::from_str(&text).expect("the API model is JSON")
}

/// Checks `value` against the model's shape `name`: required members, no unknown members, enum
/// values, and JSON types. Problems are pushed as `path: message`.
fn walk(shapes: &Value, name: &str, value: &Value, path: &str, problems: &mut Vec<String>) {
    let shape = &shapes[name];
    let kind = shape["type"].as_str().unwrap_or("?");
    let mut problem = |m: String| problems.push(format!("{path}: {m}"));
    match (kind, value) {
        ("structure", Value::Object(members)) => {
            for required in shape["required"].as_array().into_iter().flatten() {
                let required = required.as_str().unwrap_or_default();
                if !members.contains_key(required) {
                    problem(format!("required member {required} is missing"));
                }
            }
            for (key, member) in members {
                match shape["members"][key]["shape"].as_str() {
                    Some(inner) => walk(shapes, inner, member, &format!("{path}.{key}"), problems),
                    None => problems.push(format!("{path}: {key} is not a member of {name}")),
                }
            }
        }
        ("list", Value::Array(items)) => {
            let inner = shape["member"]["shape"].as_str().unwrap_or_default();
            for (i, item) in items.iter().enumerate() {
                walk(shapes, inner, item, &format!("{path}[{i}]"), problems);
            }
        }
        ("map", Value::Object(entries)) => {
            let inner = shape["value"]["shape"].as_str().unwrap_or_default();
            for (key, item) in entries {
                walk(shapes, inner, item, &format!("{path}.{key}"), problems);
            }
        }
        ("string", Value::String(s)) => {
            if let Some(allowed) = shape["enum"].as_array()
                && !allowed.iter().any(|a| a == s)
            {
                problem(format!("'{s}' is not one of {name}'s values"));
            }
        }
        ("integer" | "long", Value::Number(n)) if n.is_i64() => {}
        ("double", Value::Number(_)) | ("boolean", Value::Bool(_)) => {}
        ("timestamp", Value::Number(_) | Value::String(_)) => {}
        (kind, other) => problem(format!("expected {kind} ({name}), found {other}")),
    }
}

#[test]
fn exported_api_documents_validate_against_the_api_model() {
    let model = api_model();
    let shapes = &model["shapes"];
    let mut problems = Vec::new();
    let mut checked = 0;
    for e in examples() {
        let (scenario, _) = Scenario::parse(e.json);
        let scenario = scenario.expect("a scenario");
        for (i, td) in register_task_definition_inputs(&scenario)
            .iter()
            .enumerate()
        {
            walk(
                shapes,
                "RegisterTaskDefinitionRequest",
                td,
                &format!("{}.taskDefinitions[{i}]", e.id),
                &mut problems,
            );
            checked += 1;
        }
        for (i, service) in create_service_inputs(&scenario).iter().enumerate() {
            walk(
                shapes,
                "CreateServiceRequest",
                service,
                &format!("{}.services[{i}]", e.id),
                &mut problems,
            );
            checked += 1;
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(checked >= 30, "{checked}");
}

#[test]
fn the_walker_catches_what_aws_would_reject() {
    let model = api_model();
    let mut problems = Vec::new();
    let bad: Value = serde_json::from_str(
        r#"{"containerDefinitions": [{"name": "a", "cpu": "256", "portMappings": [{"protocol": "TCP"}]}],
            "networkMode": "vpc", "colour": "red"}"#,
    )
    .unwrap();
    walk(
        &model["shapes"],
        "RegisterTaskDefinitionRequest",
        &bad,
        "td",
        &mut problems,
    );
    expect![[r#"
        td: required member family is missing
        td.containerDefinitions[0].cpu: expected integer (Integer), found "256"
        td.containerDefinitions[0].portMappings[0].protocol: 'TCP' is not one of TransportProtocol's values
        td.networkMode: 'vpc' is not one of NetworkMode's values
        td: colour is not a member of RegisterTaskDefinitionRequest"#]].assert_eq(&problems.join("\n"));
}

#[test]
fn cli_script() {
    let (scenario, _) = Scenario::parse(example("binpack-memory").unwrap().json);
    expect![[r##"
        #!/bin/sh
        # Generated by the ECS Placement Playground from "Binpack on memory".
        # Container instances are EC2 instances running the ECS agent; launch them separately.
        set -e

        aws ecs create-cluster --cluster-name 'default'

        aws ecs register-task-definition --cli-input-json '{"family":"worker","containerDefinitions":[{"name":"app","image":"public.ecr.aws/docker/library/busybox:stable","cpu":256,"memory":512,"essential":true}]}'

        aws ecs run-task --cli-input-json '{"cluster":"default","taskDefinition":"worker","count":5,"placementStrategy":[{"type":"binpack","field":"memory"}]}'

    "##]].assert_eq(&export_cli(&scenario.unwrap()));
}

#[test]
fn cloudformation_template() {
    let (scenario, _) = Scenario::parse(example("bridge-dynamic-ports").unwrap().json);
    expect![[r#"
        AWSTemplateFormatVersion: "2010-09-09"
        Description: "Bridge mode with dynamic host ports behind an ALB (exported from the ECS Placement Playground)"
        Resources:
          Cluster:
            Type: AWS::ECS::Cluster
            Properties:
              ClusterName: default
          WebTaskDefinition:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: web
              NetworkMode: bridge
              RequiresCompatibilities:
                - EC2
              ContainerDefinitions:
                - Name: nginx
                  Image: public.ecr.aws/nginx/nginx:1.27
                  Cpu: 256
                  Memory: 512
                  Essential: true
                  PortMappings:
                    - ContainerPort: 80
                      Protocol: tcp
                      HostPort: 0
          LegacyTaskDefinition:
            Type: AWS::ECS::TaskDefinition
            Properties:
              Family: legacy
              NetworkMode: bridge
              RequiresCompatibilities:
                - EC2
              ContainerDefinitions:
                - Name: nginx
                  Image: public.ecr.aws/nginx/nginx:1.27
                  Cpu: 256
                  Memory: 512
                  Essential: true
                  PortMappings:
                    - ContainerPort: 80
                      Protocol: tcp
                      HostPort: 8080
          WebService:
            Type: AWS::ECS::Service
            Properties:
              ServiceName: web
              TaskDefinition:
                Ref: WebTaskDefinition
              DesiredCount: 6
              LaunchType: EC2
              LoadBalancers:
                - TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef
                  ContainerName: nginx
                  ContainerPort: 80
              PlacementStrategies:
                - Type: spread
                  Field: attribute:ecs.availability-zone
                - Type: spread
                  Field: instanceId
              Cluster:
                Ref: Cluster
          LegacyService:
            Type: AWS::ECS::Service
            Properties:
              ServiceName: legacy
              TaskDefinition:
                Ref: LegacyTaskDefinition
              DesiredCount: 3
              LaunchType: EC2
              Cluster:
                Ref: Cluster
    "#]].assert_eq(&export_cloudformation(&scenario.unwrap()));
}
