//! Import of pasted documents: what is recognised, what is merged, and what is warned about.

use ecs_scenario::{
    ImportResult, Scenario, evaluate, example, export_cloudformation, import_document,
};
use expect_test::{Expect, expect};
use proptest::prelude::*;

fn render(result: &Result<ImportResult, Vec<ecs_model::Diagnostic>>) -> String {
    let mut lines = Vec::new();
    match result {
        Ok(result) => {
            lines.push(format!("kind: {}", result.kind.as_str()));
            for merge in &result.merges {
                lines.push(merge.summary());
                match merge {
                    ecs_scenario::Merge::AddTaskDefinition(v)
                    | ecs_scenario::Merge::AddService(v)
                    | ecs_scenario::Merge::AddRunTask(v) => lines.push(format!("  {v}")),
                    ecs_scenario::Merge::ReplaceScenario(_) => {}
                }
            }
            for d in &result.diagnostics {
                lines.push(format!(
                    "{} {}{}: {}",
                    d.severity.as_str(),
                    d.line.map(|l| format!("line {l} ")).unwrap_or_default(),
                    d.path,
                    d.message
                ));
            }
        }
        Err(diagnostics) => {
            for d in diagnostics {
                lines.push(format!("refused {}: {}", d.path, d.message));
            }
        }
    }
    lines.join("\n")
}

#[track_caller]
fn check(text: &str, expected: Expect) {
    expected.assert_eq(&render(&import_document(text)));
}

#[test]
fn cloudformation_yaml_stack() {
    check(
        include_str!("import/web-stack.yaml"),
        expect![[r#"
        kind: CloudFormation template
        Add task definition web
          {"family":"web","networkMode":"bridge","requiresCompatibilities":["EC2"],"executionRoleArn":"{{!GetAtt ExecutionRole.Arn}}","containerDefinitions":[{"name":"nginx","image":"public.ecr.aws/nginx/nginx:1.27","cpu":256,"memory":512,"essential":true,"portMappings":[{"containerPort":80,"hostPort":0,"protocol":"tcp"}],"dockerLabels":{"com.example.team":"web"},"logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"{{!Ref LogGroup}}","awslogs-region":"{{!Ref AWS::Region}}","awslogs-stream-prefix":"web"}},"environment":[{"name":"STAGE","value":"prod"}]}]}
        Add service web
          {"serviceName":"web","placementStrategy":[{"type":"spread","field":"attribute:ecs.availability-zone"},{"type":"binpack","field":"memory"}],"taskDefinition":"web","desiredCount":4,"launchType":"EC2","loadBalancers":[{"containerName":"nginx","containerPort":80,"targetGroupArn":"{{!Ref WebTargetGroup}}"}],"placementConstraints":[{"type":"memberOf","expression":"attribute:ecs.instance-type =~ m5.*"}],"deploymentConfiguration":{"maximumPercent":200,"minimumHealthyPercent":50,"deploymentCircuitBreaker":{"enable":true,"rollback":true}}}
        warning line 17 : The CloudFormation function !GetAtt ExecutionRole.Arn was kept as a placeholder.
        warning line 33 : The CloudFormation function !Ref LogGroup was kept as a placeholder.
        warning line 34 : The CloudFormation function !Ref AWS::Region was kept as a placeholder.
        warning line 43 : The CloudFormation function !Ref ClusterName was kept as a placeholder.
        warning line 44 : The CloudFormation function !Ref WebTaskDefinition was kept as a placeholder.
        warning line 64 : The CloudFormation function !Ref WebTargetGroup was kept as a placeholder.
        warning Resources.WebTaskDefinition.Properties.executionRoleArn: '{{!GetAtt ExecutionRole.Arn}}' looks like a template placeholder
        warning Resources.WebService.Properties.loadBalancers[0].targetGroupArn: '{{!Ref WebTargetGroup}}' looks like a template placeholder"#]],
    );
}

#[test]
fn cloudformation_yaml_stack_merges_into_a_running_scenario() {
    let result = import_document(include_str!("import/web-stack.yaml")).expect("imported");
    let (scenario, _) = Scenario::parse(example("default").unwrap().json);
    let mut scenario = scenario.unwrap();
    for merge in &result.merges {
        merge.apply(&mut scenario);
    }
    let evaluation = evaluate(&scenario.to_json_pretty());
    let errors: Vec<_> = evaluation
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let outcome = evaluation.outcome.expect("a run");
    assert_eq!(
        outcome
            .tasks
            .iter()
            .filter(|t| t.desired_status == "RUNNING")
            .count(),
        4
    );
}

#[test]
fn cloudformation_json_resource() {
    check(
        r#"{"ApiTask": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
            "RequiresCompatibilities": ["FARGATE"], "NetworkMode": "awsvpc", "Cpu": 512, "Memory": "1024",
            "ContainerDefinitions": [{"Name": "api", "Image": "busybox", "Essential": true}],
            "Volumes": [{"Name": "data", "EFSVolumeConfiguration": {"FilesystemId": {"Ref": "Fs"}}}]}}}"#,
        expect![[r#"
            kind: CloudFormation resource
            Add task definition ApiTask
              {"requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc","cpu":"512","memory":"1024","containerDefinitions":[{"name":"api","image":"busybox","essential":true}],"volumes":[{"name":"data","efsVolumeConfiguration":{"fileSystemId":"{{Ref Fs}}"}}],"family":"ApiTask"}
            warning Resources.ApiTask.Properties.Volumes[0].EFSVolumeConfiguration.FilesystemId: The CloudFormation function Ref was kept as a placeholder.
            warning Resources.ApiTask.Properties.Family: The task definition has no Family; the logical id ApiTask is used."#]],
    );
}

#[test]
fn api_documents() {
    check(
        r#"{"family": "app", "containerDefinitions": [{"name": "app", "image": "busybox", "memory": 256}]}"#,
        expect![[r#"
            kind: RegisterTaskDefinition input
            Add task definition app
              {"family":"app","containerDefinitions":[{"name":"app","image":"busybox","memory":256}]}"#]],
    );
    check(
        r#"{"taskDefinition": {"taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/app:3", "family": "app", "revision": 3, "status": "ACTIVE",
            "containerDefinitions": [{"name": "app", "image": "busybox", "memory": 256}], "compatibilities": ["EC2"], "registeredAt": "2024-01-01T00:00:00Z"}}"#,
        expect![[r#"
            kind: DescribeTaskDefinition output
            Add task definition app
              {"containerDefinitions":[{"name":"app","image":"busybox","memory":256}],"family":"app"}"#]],
    );
    check(
        r#"{"serviceName": "app", "taskDefinition": "app", "desiredCount": 2}"#,
        expect![[r#"
            kind: CreateService input
            Add service app
              {"serviceName":"app","taskDefinition":"app","desiredCount":2}"#]],
    );
}

#[test]
fn scenarios_and_refusals() {
    check(
        ecs_scenario::DEFAULT_SCENARIO,
        expect![[r#"
        kind: scenario
        Replace the current scenario"#]],
    );
    check(
        "{\"scenarioVersion\": 99}",
        expect![
            "refused scenarioVersion: This scenario was written by a newer playground (format version 99); this one reads versions up to 1."
        ],
    );
    check(
        "{\"family\": ",
        expect![
            "refused : The document is not valid JSON: EOF while parsing a value at line 1 column 11"
        ],
    );
    check(
        "[1, 2]",
        expect!["refused : The document is not an object."],
    );
    check(
        "key: [unclosed",
        expect![
            "refused : The document is neither JSON nor YAML the playground can read: A flow list must end on the same line with ']'."
        ],
    );
    check(
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: {}\n",
        expect![
            "refused : The template has no AWS::ECS::TaskDefinition or AWS::ECS::Service resource."
        ],
    );
    check(
        "{\"containerInstances\": []}",
        expect![
            "refused : This looks like a DescribeContainerInstances output, which the playground does not import."
        ],
    );
}

/// What we export as CloudFormation, we import back to the same API documents.
#[test]
fn exported_templates_import_back() {
    for e in ecs_scenario::examples() {
        let (scenario, _) = Scenario::parse(e.json);
        let scenario = scenario.unwrap();
        let template = export_cloudformation(&scenario);
        let result =
            import_document(&template).unwrap_or_else(|d| panic!("{}: {d:?}\n{template}", e.id));
        let definitions: Vec<_> = result
            .merges
            .iter()
            .filter_map(|m| match m {
                ecs_scenario::Merge::AddTaskDefinition(v) => Some(v.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(
            definitions,
            ecs_scenario::register_task_definition_inputs(&scenario),
            "{}",
            e.id
        );
        let services: Vec<_> = result
            .merges
            .iter()
            .filter_map(|m| match m {
                ecs_scenario::Merge::AddService(v) => Some(v.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(services.len(), scenario.services.len(), "{}", e.id);
        for (imported, original) in services.iter().zip(&scenario.services) {
            for (key, value) in original.as_object().unwrap() {
                assert_eq!(imported.get(key), Some(value), "{} {key}", e.id);
            }
        }
    }
}

proptest! {
    #[test]
    fn import_never_panics(text in "(.|\n){0,400}") {
        let _ = import_document(&text);
    }

    #[test]
    fn import_never_panics_on_yaml_like_text(
        lines in proptest::collection::vec("( {0,6})(- )?([A-Za-z!|>\\[\\]{}'\",:# -]{0,16})", 0..20)
    ) {
        let _ = import_document(&lines.join("\n"));
    }
}
