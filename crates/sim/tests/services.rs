//! Service and capacity-provider rules of §6, §7.1, §9 and §10 of the behaviour reference that the
//! vectors of §12 do not cover: daemon services with constraints and deployment settings, the
//! UpdateService fields that start a deployment, the replacement of unhealthy tasks, managed
//! scale-in and draining, dynamic host ports, and the cluster's quotas.

mod common;

use common::{web, world};
use ecs_sim::Outcome;
use expect_test::expect;
use serde_json::{Value, json};

/// Task starts and stop requests per second from `from` on, as runs of `start n` / `stop n`.
fn moves(outcome: &Outcome, from: u64) -> String {
    let mut moves: Vec<(u64, &str, u32)> = Vec::new();
    for entry in outcome.timeline.iter().filter(|e| e.at >= from) {
        let kind = match entry.kind.as_str() {
            "TaskPlaced" => "start",
            "TaskStopRequested" => "stop",
            _ => continue,
        };
        match moves.last_mut() {
            Some((at, k, n)) if *at == entry.at && *k == kind => *n += 1,
            _ => moves.push((entry.at, kind, 1)),
        }
    }
    moves
        .iter()
        .map(|(at, kind, n)| format!("{at} {kind} {n}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The service events, the failures and each service's deployments at the end of a run.
fn summary(outcome: &Outcome) -> String {
    let mut lines: Vec<String> = outcome
        .events
        .iter()
        .map(|e| format!("{:>4} event {}", e.at, e.message))
        .collect();
    for f in &outcome.failures {
        lines.push(format!("failure {} {} ({})", f.request, f.reason, f.detail));
    }
    for s in &outcome.services {
        lines.push(format!(
            "service {} desired {} running {}",
            s.service_name, s.desired_count, s.running_count
        ));
        for d in &s.deployments {
            lines.push(format!(
                "  {} {} {} {}",
                d.id, d.status, d.task_definition, d.rollout_state
            ));
        }
    }
    lines.join("\n")
}

/// [DOC] §6.3: a daemon service runs one task on every ACTIVE instance that satisfies its
/// placement constraints; the other instances are not its concern, so it reaches a steady state
/// without placement failures.
#[test]
fn daemon_runs_only_on_instances_meeting_its_constraints() {
    let outcome = ecs_sim::run(&world(json!({
        "instances": [
            {"instanceType": "m5.large", "availabilityZone": "us-east-1a", "count": 2},
            {"instanceType": "t3.large", "availabilityZone": "us-east-1b"},
        ],
        "taskDefinitions": [web("agent")],
        "services": [{"serviceName": "agent", "taskDefinition": "agent",
            "schedulingStrategy": "DAEMON", "launchType": "EC2",
            "placementConstraints": [{"type": "memberOf",
                "expression": "attribute:ecs.instance-type == m5.large"}]}],
        "until": 300,
    })))
    .0;
    expect![[r#"
           0 event service agent has started 2 tasks: (task task-1) (task task-2).
          55 event (service agent) (deployment ecs-svc/0000000000000000001) deployment completed.
          55 event service agent has reached a steady state.
        service agent desired 2 running 2
          ecs-svc/0000000000000000001 PRIMARY agent:1 COMPLETED"#]]
    .assert_eq(&summary(&outcome));
}

/// A daemon service on four instances whose deployment to `agent:2` starts at 100 s.
fn daemon_deployment(deployment_configuration: Value) -> Outcome {
    let mut service = json!({"serviceName": "agent", "taskDefinition": "agent:1",
        "schedulingStrategy": "DAEMON", "launchType": "EC2"});
    if !deployment_configuration.is_null() {
        service["deploymentConfiguration"] = deployment_configuration;
    }
    ecs_sim::run(&world(json!({
        "instances": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a", "count": 4}],
        "taskDefinitions": [web("agent"), web("agent")],
        "services": [service],
        "actions": [{"at": 100, "updateService": {"service": "agent", "taskDefinition": "agent:2"}}],
        "until": 400,
    })))
    .0
}

/// [API][DOC] §6.3/§6.4: minimumHealthyPercent bounds a daemon deployment too. The API default
/// (0) replaces every task at once; with 50 (the console's default) at most half of the four
/// tasks stop before their replacements are healthy.
#[test]
fn daemon_deployment_keeps_minimum_healthy_percent() {
    expect![[r#"
        100 stop 4
        100 start 4"#]]
    .assert_eq(&moves(&daemon_deployment(Value::Null), 100));
    expect![[r#"
        100 stop 2
        100 start 2
        155 stop 1
        155 start 1
        155 stop 1
        155 start 1"#]]
    .assert_eq(&moves(
        &daemon_deployment(json!({"minimumHealthyPercent": 50, "maximumPercent": 100})),
        100,
    ));
}

/// [DOC] §6.4/§6.8: changing a service's network or load balancer configuration starts a new
/// deployment, as a new task definition does.
#[test]
fn network_and_load_balancer_changes_start_a_deployment() {
    let run = |update: Value| {
        let mut update = update;
        update["service"] = json!("s");
        let outcome = ecs_sim::run(&world(json!({
            "instances": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a", "count": 2}],
            "taskDefinitions": [web("web")],
            "services": [{"serviceName": "s", "taskDefinition": "web", "desiredCount": 2,
                "launchType": "EC2"}],
            "actions": [{"at": 100, "updateService": update}],
            "until": 300,
        })))
        .0;
        outcome
            .timeline
            .iter()
            .filter(|e| e.kind == "DeploymentStarted")
            .map(|e| format!("{} {}", e.at, e.message))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let lines = [
        run(json!({"loadBalancers": [{"targetGroupArn":
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef",
            "containerName": "app", "containerPort": 80}]})),
        run(json!({"networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"]}}})),
        run(json!({"desiredCount": 3})),
    ];
    expect![[r#"
        0 s deployment ecs-svc/0000000000000000001 of web:1, 100 s deployment ecs-svc/0000000000000000002 of web:1
        0 s deployment ecs-svc/0000000000000000001 of web:1, 100 s deployment ecs-svc/0000000000000000002 of web:1
        0 s deployment ecs-svc/0000000000000000001 of web:1"#]]
    .assert_eq(&lines.join("\n"));
}

/// [DOC] §7.1/§10: at most 500 tasks of a cluster wait in PROVISIONING for Auto Scaling group
/// capacity; a RunTask call beyond that is a ClientException.
#[test]
fn provisioning_tasks_per_cluster_quota() {
    let run_tasks: Vec<Value> = (0..51)
        .map(|_| {
            json!({"taskDefinition": "web", "count": 10,
            "capacityProviderStrategy": [{"capacityProvider": "asg", "weight": 1}]})
        })
        .collect();
    let outcome = ecs_sim::run(&world(json!({
        "taskDefinitions": [web("web")],
        "availabilityZones": ["us-east-1a"],
        "capacityProviders": [{"name": "asg", "instanceType": "m5.large", "minSize": 0,
            "maxSize": 2, "autoScalingGroupProvider": {"managedScaling": {"status": "ENABLED"}}}],
        "runTasks": run_tasks,
        "until": 0,
    })))
    .0;
    let provisioning = outcome
        .tasks
        .iter()
        .filter(|t| t.last_status == "PROVISIONING")
        .count();
    let failures: Vec<String> = outcome
        .failures
        .iter()
        .map(|f| format!("{} {} ({})", f.request, f.reason, f.detail))
        .collect();
    expect![[r#"
        500 PROVISIONING
        runTasks[50] ClientException (The cluster already has 500 tasks in the PROVISIONING state, the most it can have.)"#]]
    .assert_eq(&format!("{provisioning} PROVISIONING\n{}", failures.join("\n")));
}

/// [DOC] §10: a cluster has at most 20 capacity providers.
#[test]
fn capacity_providers_per_cluster_quota() {
    let providers: Vec<Value> = (0..21)
        .map(|i| json!({"name": format!("asg-{i}"), "instanceType": "m5.large"}))
        .collect();
    let mut scenario = serde_json::Map::new();
    scenario.insert("capacityProviders".to_owned(), json!(providers));
    let mut world = ecs_sim::World::default();
    let errors: Vec<String> = ecs_sim::read_timeline(&scenario, &mut world)
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    expect![[
        r#"capacityProviders: A cluster has at most 20 capacity providers; this one declares 21."#
    ]]
    .assert_eq(&errors.join("\n"));
}

/// [DOC] §10: a service launches at most 500 tasks a minute; the rest follow a minute later.
#[test]
fn service_launch_rate_quota() {
    let outcome = ecs_sim::run(&world(json!({
        "instances": [{"instanceType": "m5.24xlarge", "availabilityZone": "us-east-1a", "count": 2}],
        "taskDefinitions": [web("web")],
        "services": [{"serviceName": "s", "taskDefinition": "web", "desiredCount": 600,
            "launchType": "EC2"}],
        "until": 120,
    })))
    .0;
    expect![[r#"
        0 start 500
        60 start 100"#]]
    .assert_eq(&moves(&outcome, 0));
}

/// [DOC] §10: a cluster has at most 5,000 services; CreateService beyond that is refused.
#[test]
fn services_per_cluster_quota() {
    let services: Vec<Value> = (0..5000)
        .map(|i| {
            json!({"serviceName": format!("s{i}"), "taskDefinition": "web",
            "desiredCount": 0, "launchType": "EC2"})
        })
        .collect();
    let (outcome, diagnostics) = ecs_sim::run(&world(json!({
        "taskDefinitions": [web("web")],
        "services": services,
        "actions": [{"at": 10, "createService": {"serviceName": "one-more",
            "taskDefinition": "web", "desiredCount": 0, "launchType": "EC2"}}],
        "until": 10,
    })));
    let lines: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    expect![[r#"
        5000 services
        actions[0].createService: LimitExceededException: The cluster already has 5000 services, the most it can have."#]].assert_eq(&format!("{} services\n{}", outcome.services.len(), lines.join("\n")));
}

/// §7.3: a load-balanced task without a container health check that fails is stopped for its
/// target group's health checks, with that reason; one with a container health check keeps the
/// container wording.
#[test]
fn a_failed_load_balancer_health_check_names_the_target_group() {
    let outcome = ecs_sim::run(&world(json!({
        "instances": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a"}],
        "taskDefinitions": [web("web")],
        "services": [{"serviceName": "s", "taskDefinition": "web", "desiredCount": 1,
            "launchType": "EC2",
            "loadBalancers": [{"targetGroupArn":
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef",
                "containerName": "app", "containerPort": 80}]}],
        "behaviours": {"web:1": {"healthCheck": "UNHEALTHY"}},
        "until": 200,
    })))
    .0;
    let first = outcome
        .events
        .iter()
        .find(|e| e.message.contains("unhealthy"))
        .map(|e| e.message.clone())
        .unwrap_or_default();
    let reason = outcome
        .tasks
        .first()
        .and_then(|t| t.stopped_reason.clone())
        .unwrap_or_default();
    expect![[r#"
        service s (task task-1) (port 80) is unhealthy in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef) due to (reason Health checks failed).
        Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef)"#]]
    .assert_eq(&format!("{first}\n{reason}"));
}

/// [MODEL] A task stops within its longest container stopTimeout when that is shorter than the
/// usual 10 s: the agent kills the containers then.
#[test]
fn a_short_stop_timeout_shortens_stopping() {
    let stopping = |stop_timeout: Option<u32>| {
        let mut definition = web("web");
        if let Some(t) = stop_timeout {
            definition["containerDefinitions"][0]["stopTimeout"] = json!(t);
        }
        let outcome = ecs_sim::run(&world(json!({
            "instances": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a"}],
            "taskDefinitions": [definition],
            "runTasks": [{"taskDefinition": "web", "launchType": "EC2"}],
            "actions": [{"at": 100, "stopTask": {"task": "task-1"}}],
            "until": 300,
        })))
        .0;
        let task = &outcome.tasks[0];
        format!("{:?} → {:?}", task.stopping_at, task.stopped_at)
    };
    expect![[r#"
        Some(100) → Some(110)
        Some(100) → Some(102)
        Some(100) → Some(110)"#]]
    .assert_eq(&[stopping(None), stopping(Some(2)), stopping(Some(30))].join("\n"));
}

/// [DOC] §6.3: UpdateService on a daemon service refuses a placement strategy and a
/// maximumPercent other than 100, with a warning at the field, and starts no deployment for them.
#[test]
fn a_daemon_update_refuses_strategies_and_a_maximum_percent() {
    let (outcome, diagnostics) = ecs_sim::run(&world(json!({
        "instances": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a", "count": 2}],
        "taskDefinitions": [web("agent")],
        "services": [{"serviceName": "agent", "taskDefinition": "agent",
            "schedulingStrategy": "DAEMON", "launchType": "EC2"}],
        "actions": [{"at": 100, "updateService": {"service": "agent",
            "placementStrategy": [{"type": "binpack", "field": "memory"}],
            "deploymentConfiguration": {"maximumPercent": 200}}}],
        "until": 300,
    })));
    let deployments = outcome
        .timeline
        .iter()
        .filter(|e| e.kind == "DeploymentStarted")
        .count();
    let warnings: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    expect![[r#"
        actions[0].updateService.placementStrategy: InvalidParameterException: Placement strategies are not supported with the DAEMON scheduling strategy.
        actions[0].updateService.deploymentConfiguration.maximumPercent: InvalidParameterException: The maximumPercent for a service using the DAEMON scheduling strategy must be 100.
        deployments started: 1"#]]
    .assert_eq(&format!("{}\ndeployments started: {deployments}", warnings.join("\n")));
}

/// [API][DOC] §6.5: a service task that fails its health checks is replaced, not stopped at its
/// verdict. With headroom under maximumPercent (200) the replacements start first and the
/// unhealthy tasks stay until the replacements are healthy (here they fail too, and the service
/// then stops the surplus unhealthy tasks to get back to its desired count); without headroom
/// (100) the unhealthy tasks stop one at a time, the next once the previous has STOPPED. A daemon
/// (maximumPercent 100) does the same, one instance at a time.
#[test]
fn unhealthy_tasks_are_replaced_before_they_stop() {
    let replica = |maximum_percent: u32| {
        let outcome = ecs_sim::run(&world(json!({
            "instances": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a"}],
            "taskDefinitions": [web("web")],
            "services": [{"serviceName": "s", "taskDefinition": "web", "desiredCount": 2,
                "launchType": "EC2",
                "deploymentConfiguration": {"maximumPercent": maximum_percent}}],
            "behaviours": {"web:1": {"healthCheck": "UNHEALTHY"}},
            "until": 170,
        })))
        .0;
        moves(&outcome, 0)
    };
    expect![[r#"
        0 start 2
        75 start 2
        150 stop 2
        150 start 2"#]]
    .assert_eq(&replica(200));
    expect![[r#"
        0 start 2
        75 stop 1
        75 start 1
        85 stop 1
        85 start 1
        150 stop 1
        150 start 1
        160 stop 1
        160 start 1"#]]
    .assert_eq(&replica(100));
    let daemon = ecs_sim::run(&world(json!({
        "instances": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a", "count": 3}],
        "taskDefinitions": [web("agent")],
        "services": [{"serviceName": "agent", "taskDefinition": "agent",
            "schedulingStrategy": "DAEMON", "launchType": "EC2"}],
        "behaviours": {"agent:1": {"healthCheck": "UNHEALTHY"}},
        "until": 110,
    })))
    .0;
    expect![[r#"
        0 start 3
        75 stop 1
        75 start 1
        85 stop 1
        85 start 1
        95 stop 1
        95 start 1"#]]
    .assert_eq(&moves(&daemon, 0));
}

/// The timeline entries of the given kinds from `from` on, as `at kind message`.
fn entries(outcome: &Outcome, from: u64, kinds: &[&str]) -> String {
    outcome
        .timeline
        .iter()
        .filter(|e| e.at >= from && kinds.contains(&e.kind.as_str()))
        .map(|e| format!("{} {} {}", e.at, e.kind, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A bridge task definition that takes most of an m5.large's CPU: one per instance.
fn big(family: &str) -> Value {
    let mut definition = web(family);
    definition["containerDefinitions"][0]["cpu"] = json!(1536);
    definition
}

/// An Auto Scaling group provider `asg` of m5.large instances with managed scaling, and the
/// given `autoScalingGroupProvider` members besides.
fn asg(extra: Value) -> Value {
    let mut provider = json!({"managedScaling": {"status": "ENABLED"}});
    for (k, v) in extra.as_object().into_iter().flatten() {
        provider[k] = v.clone();
    }
    json!([{"name": "asg", "instanceType": "m5.large", "minSize": 0, "maxSize": 4,
        "autoScalingGroupProvider": provider}])
}

/// [DOC] §9.4: with managed draining (on by default when a capacity provider is created) an
/// instance the group scales in is drained first: its daemon task stops as a draining instance's
/// do, and the instance is terminated once nothing runs there. With it DISABLED the instance is
/// terminated at once, its tasks with it.
#[test]
fn managed_draining_drains_an_instance_before_scale_in_terminates_it() {
    let run = |draining: Value| {
        let outcome = ecs_sim::run(&world(json!({
            "availabilityZones": ["us-east-1a"],
            "capacityProviders": asg(draining),
            "taskDefinitions": [web("agent"), big("web")],
            "services": [
                {"serviceName": "agent", "taskDefinition": "agent",
                    "schedulingStrategy": "DAEMON", "launchType": "EC2"},
                {"serviceName": "s", "taskDefinition": "web", "desiredCount": 2,
                    "capacityProviderStrategy": [{"capacityProvider": "asg", "weight": 1}]},
            ],
            "actions": [{"at": 600, "updateService": {"service": "s", "desiredCount": 1}}],
            "until": 1800,
        })))
        .0;
        entries(
            &outcome,
            601,
            &[
                "ScaleIn",
                "InstanceDraining",
                "InstanceTerminated",
                "TaskStopRequested",
                "TaskStopped",
            ],
        )
    };
    expect![[r#"
        610 TaskStopped task-1 STOPPED (Scaling activity initiated by (deployment ecs-svc/0000000000000000002))
        1500 ScaleIn asg: Auto Scaling group desired capacity 2 → 1
        1500 InstanceDraining ci-1 DRAINING before Auto Scaling scale-in (managed draining)
        1500 TaskStopRequested task-3 stop: ServiceSchedulerInitiated (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
        1510 TaskStopped task-3 STOPPED (Scaling activity initiated by (deployment ecs-svc/0000000000000000001))
        1510 InstanceTerminated ci-1 (i-0a5a0000000000001) terminated by Auto Scaling scale-in; deregistered"#]]
    .assert_eq(&run(json!({})));
    expect![[r#"
        610 TaskStopped task-1 STOPPED (Scaling activity initiated by (deployment ecs-svc/0000000000000000002))
        1500 ScaleIn asg: Auto Scaling group desired capacity 2 → 1
        1500 TaskStopped task-3 STOPPED (Host EC2 (instance i-0a5a0000000000001) terminated by Auto Scaling scale-in.)
        1500 InstanceTerminated ci-1 (i-0a5a0000000000001) terminated by Auto Scaling scale-in; deregistered"#]]
    .assert_eq(&run(json!({"managedDraining": "DISABLED"})));
}

/// [MODEL] §9.3: a scale-in step removes at most half the group, rounded down, but at least one
/// instance, and never every instance of a group that still runs tasks. A one-instance group
/// keeps its instance while its task runs and goes to zero once the instance is empty; three
/// empty instances go one per step (half of three, rounded down), then one of two, then the last.
#[test]
fn scale_in_removes_at_most_half_the_group() {
    let run = |desired: u32, scale_in_at: u64, until: u64| {
        let outcome = ecs_sim::run(&world(json!({
            "availabilityZones": ["us-east-1a"],
            "capacityProviders": asg(json!({})),
            "taskDefinitions": [big("web")],
            "services": [{"serviceName": "s", "taskDefinition": "web", "desiredCount": desired,
                "capacityProviderStrategy": [{"capacityProvider": "asg", "weight": 1}]}],
            "actions": [{"at": scale_in_at, "updateService": {"service": "s", "desiredCount": 0}}],
            "until": until,
        })))
        .0;
        entries(&outcome, 0, &["ScaleOut", "ScaleIn"])
    };
    expect![[r#"
        0 ScaleOut asg: Auto Scaling group desired capacity 0 → 1
        3900 ScaleIn asg: Auto Scaling group desired capacity 1 → 0"#]]
    .assert_eq(&run(1, 3000, 4000));
    expect![[r#"
        0 ScaleOut asg: Auto Scaling group desired capacity 0 → 3
        1500 ScaleIn asg: Auto Scaling group desired capacity 3 → 2
        2400 ScaleIn asg: Auto Scaling group desired capacity 2 → 1
        3300 ScaleIn asg: Auto Scaling group desired capacity 1 → 0"#]]
    .assert_eq(&run(3, 600, 4500));
}

/// [DOC] §6.8: dynamic host ports come from the ECS AMI's ephemeral range, 32768–61000.
#[test]
fn dynamic_host_ports_use_the_documented_ephemeral_range() {
    expect!["32768..=61000"].assert_eq(&format!("{:?}", ecs_sim::EPHEMERAL_PORTS));
}

/// [DOC] §10: a cluster has at most 5,000 registered container instances. A
/// registerContainerInstance beyond that registers what fits and warns about the rest; managed
/// scaling launches no more than fit and says so once.
#[test]
fn container_instances_per_cluster_quota() {
    let (outcome, diagnostics) = ecs_sim::run(&world(json!({
        "instances": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a", "count": 4998}],
        "actions": [{"at": 10, "registerContainerInstance":
            {"instanceType": "m5.large", "availabilityZone": "us-east-1a", "count": 3}}],
        "until": 10,
    })));
    let warnings: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.path, d.message))
        .collect();
    let registered = entries(&outcome, 0, &["InstanceRegistered"]);
    expect![[r#"
        10 InstanceRegistered ci-4999 registered
        10 InstanceRegistered ci-5000 registered
        actions[0].registerContainerInstance: LimitExceededException: The cluster already has 5000 container instances, the most it can have; 1 of the 3 instances was not registered."#]]
    .assert_eq(&format!("{registered}\n{}", warnings.join("\n")));
    let outcome = ecs_sim::run(&world(json!({
        "instances": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a", "count": 4999}],
        "capacityProviders": asg(json!({})),
        "taskDefinitions": [big("web")],
        "services": [{"serviceName": "s", "taskDefinition": "web", "desiredCount": 3,
            "capacityProviderStrategy": [{"capacityProvider": "asg", "weight": 1}]}],
        "until": 600,
    })))
    .0;
    expect![[r#"
        0 ScaleOut asg: Auto Scaling group desired capacity 0 → 1
        90 InstanceRegistered ci-5000 (m5.large, us-east-1a) joined from asg
        420 ScaleOutBlocked asg: the cluster already has 5000 container instances, the most it can have; no instance launched"#]]
    .assert_eq(&entries(
        &outcome,
        0,
        &["ScaleOut", "ScaleOutBlocked", "InstanceRegistered"],
    ));
}

/// [MODEL] §9.2: with neither a launch type nor a capacity provider strategy, here or on the
/// cluster, a request uses the EC2 launch type even when its task definition requires FARGATE,
/// with a warning saying so; a FARGATE launch type runs the same definition on Fargate, and an
/// explicit EC2 launch type on EC2 without the warning.
#[test]
fn no_launch_type_and_no_default_strategy_means_ec2() {
    let run = |request: Value| {
        let (outcome, diagnostics) = ecs_sim::run(&world(json!({
            "instances": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a"}],
            "taskDefinitions": [common::fargate("f")],
            "runTasks": [request],
            "until": 0,
        })));
        let tasks: Vec<String> = outcome
            .tasks
            .iter()
            .map(|t| {
                format!(
                    "{} {}",
                    t.launch_type,
                    t.container_instance.as_deref().unwrap_or("-")
                )
            })
            .collect();
        let warnings: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect();
        format!("{} | {}", tasks.join(", "), warnings.join("; "))
    };
    let network = json!({"awsvpcConfiguration": {"subnets": ["subnet-1"]}});
    expect![[r#"
        EC2 ci-1 | runTasks[0]: No launchType or capacityProviderStrategy, and the cluster has no default capacity provider strategy: the tasks of f:1 use the EC2 launch type, although it requires FARGATE.
        FARGATE - | 
        EC2 ci-1 | "#]].assert_eq(&[
        run(json!({"taskDefinition": "f", "networkConfiguration": network})),
        run(json!({"taskDefinition": "f", "launchType": "FARGATE", "networkConfiguration": network})),
        run(json!({"taskDefinition": "f", "launchType": "EC2", "networkConfiguration": network})),
    ].join("\n"));
}

/// [DOC] §6.10: a desired count outside min/max capacity stays there until an alarm fires; a
/// scale-out alarm below the minimum goes to the minimum first, a scale-in alarm above the
/// maximum to the maximum.
#[test]
fn auto_scaling_brings_the_desired_count_inside_its_bounds_only_on_an_alarm() {
    let run = |desired: u32, load: u32| {
        let outcome = ecs_sim::run(&world(json!({
            "instances": [{"instanceType": "m5.4xlarge", "availabilityZone": "us-east-1a"}],
            "taskDefinitions": [web("web")],
            "services": [{"serviceName": "s", "taskDefinition": "web", "desiredCount": desired,
                "launchType": "EC2"}],
            "serviceAutoScaling": [{"service": "s", "minCapacity": 3, "maxCapacity": 5,
                "targetTracking": {"predefinedMetricType": "ECSServiceAverageCPUUtilization",
                    "targetValue": 50},
                "load": [{"at": 0, "value": load}]}],
            "until": 1200,
        })))
        .0;
        outcome
            .timeline
            .iter()
            .filter(|e| e.kind == "DesiredCountChanged")
            .map(|e| format!("{} {}", e.at, e.message))
            .collect::<Vec<_>>()
            .join("\n")
    };
    // 1 task at 90 %: high for 3 datapoints, then to the minimum 3 (not to ceil(1 × 90 / 50)).
    // 8 tasks at 20 % in all: low for 15 datapoints, then to the maximum 5.
    // 1 task at 50 %: no alarm, so it stays below the minimum.
    expect![[r#"
        180 s: ECSServiceAverageCPUUtilization 90 against target 50: desired count 1 → 3
        ---
        900 s: ECSServiceAverageCPUUtilization 20 against target 50: desired count 8 → 5
        ---
    "#]]
    .assert_eq(&[run(1, 90), run(8, 160), run(1, 50)].join("\n---\n"));
}

/// An instance registered by the timeline never takes the id of one an Auto Scaling group
/// launched before it: the timeline numbers its instances when it is read, the group when it
/// launches.
#[test]
fn registered_and_launched_instances_get_distinct_ids() {
    let outcome = ecs_sim::run(&world(json!({
        "instances": [{"instanceType": "m5.large", "availabilityZone": "us-east-1a"}],
        "availabilityZones": ["us-east-1a"],
        "capacityProviders": [{"name": "asg", "instanceType": "m5.large", "minSize": 1,
            "maxSize": 2, "autoScalingGroupProvider": {"managedScaling": {"status": "ENABLED"}}}],
        "taskDefinitions": [web("web")],
        "actions": [{"at": 10, "registerContainerInstance":
            {"instanceType": "t3.large", "availabilityZone": "us-east-1a", "count": 2}}],
        "until": 60,
    })))
    .0;
    let ids: Vec<String> = outcome
        .container_instances
        .iter()
        .map(|i| format!("{} {}", i.id, i.instance_type))
        .collect();
    expect!["ci-1 m5.large, ci-2 m5.large, ci-3 t3.large, ci-4 t3.large"]
        .assert_eq(&ids.join(", "));
}
