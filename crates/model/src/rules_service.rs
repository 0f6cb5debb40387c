//! CreateService, UpdateService, CreateTaskSet and RunTask rules (reference §6, §7.1, §9.2).

use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, index, join};
use crate::enums::{
    DeploymentControllerType, LaunchType, PlacementConstraintType, PlacementStrategyType,
    PropagateTags, SchedulingStrategy,
};
use crate::instance::ContainerInstance;
use crate::rules_task::{is_ecs_name, looks_like_placeholder, placeholder_warning};
use crate::service::{
    CapacityProviderStrategyItem, CreateServiceRequest, CreateTaskSetRequest,
    DeploymentConfiguration, LoadBalancer, NetworkConfiguration, PlacementConstraint,
    PlacementStrategy, RunTaskRequest, UpdateServiceRequest,
};

/// A required member that tools often fill in themselves (ecspresso, CodeDeploy templates): a
/// warning when absent, an error when present but blank. [MODEL]
fn tool_supplied(path: &str, value: Option<&str>, what: &str, diagnostics: &mut Vec<Diagnostic>) {
    match value {
        None => diagnostics.push(Diagnostic::warning(
            path,
            format!("Missing required parameter in input: \"{path}\""),
            format!("AWS needs {what}; this file only works with a tool that adds it."),
        )),
        Some("") => diagnostics.push(Diagnostic::error(
            path,
            format!("{what} can not be blank."),
            format!("`{path}` is an empty string; AWS needs a real value."),
        )),
        Some(v) => placeholder_warning(path, v, diagnostics),
    }
}

fn blank_is_error(path: &str, value: Option<&str>, diagnostics: &mut Vec<Diagnostic>) {
    match value {
        Some("") => diagnostics.push(Diagnostic::error(
            path,
            format!("Invalid parameter: '{path}' can not be blank."),
            format!("`{path}` is an empty string; omit it or give a real value."),
        )),
        Some(v) => placeholder_warning(path, v, diagnostics),
        None => {}
    }
}

pub(crate) fn create_service_rules(
    request: &CreateServiceRequest,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let scheduling = request.scheduling_strategy();
    let controller = request.deployment_controller();
    availability_zone_rebalancing_rule(
        request.extra.get("availabilityZoneRebalancing"),
        diagnostics,
    );

    match request.service_name.as_deref() {
        Some(name) if !name.is_empty() && !is_ecs_name(name) => {
            if looks_like_placeholder(name) {
                placeholder_warning("serviceName", name, diagnostics);
            } else {
                diagnostics.push(Diagnostic::error(
                    "serviceName",
                    "Service name contains invalid characters.",
                    "Service names are 1–255 letters, digits, hyphens (-) and underscores (_).",
                ));
            }
        }
        other => tool_supplied("serviceName", other, "Service name", diagnostics),
    }
    blank_is_error("cluster", request.cluster.as_deref(), diagnostics);
    if controller == DeploymentControllerType::External {
        blank_is_error(
            "taskDefinition",
            request.task_definition.as_deref(),
            diagnostics,
        );
    } else {
        tool_supplied(
            "taskDefinition",
            request.task_definition.as_deref(),
            "Task definition",
            diagnostics,
        );
    }
    blank_is_error("role", request.role.as_deref(), diagnostics);
    blank_is_error(
        "platformVersion",
        request.platform_version.as_deref(),
        diagnostics,
    );

    match request.desired_count {
        Some(n) if n < 0 => diagnostics.push(Diagnostic::error(
            "desiredCount",
            "Invalid parameter: desiredCount must be greater than or equal to 0.",
            "desiredCount is how many tasks the service keeps running; it cannot be negative.",
        )),
        Some(n) if n > 5000 => diagnostics.push(Diagnostic::warning(
            "desiredCount",
            "desiredCount exceeds the default quota of 5000 tasks per service.",
            "A service runs at most 5000 tasks unless the quota is raised.",
        )),
        None if scheduling == SchedulingStrategy::Replica => diagnostics.push(Diagnostic::error(
            "desiredCount",
            "The desired count is required for services using the REPLICA scheduling strategy.",
            "A REPLICA service needs to know how many tasks to keep running.",
        )),
        _ => {}
    }

    let strategy = request.capacity_provider_strategy();
    launch_type_rules(request.launch_type, strategy, diagnostics);

    if scheduling == SchedulingStrategy::Daemon {
        if !strategy.is_empty() {
            diagnostics.push(Diagnostic::error(
                "capacityProviderStrategy",
                "Specifying a capacity provider strategy is not supported when you create a service using the DAEMON scheduling strategy.",
                "Daemon services run one task on every instance, so there is nothing for a capacity provider to scale; use launchType EC2.",
            ));
        }
        if !request.placement_strategy().is_empty() {
            diagnostics.push(Diagnostic::error(
                "placementStrategy",
                "Placement strategies are not supported with the DAEMON scheduling strategy.",
                "A daemon service places exactly one task on each instance, so there is nothing to rank.",
            ));
        }
        if request.launch_type == Some(LaunchType::Fargate) {
            diagnostics.push(Diagnostic::error(
                "schedulingStrategy",
                "The DAEMON scheduling strategy is not supported with the FARGATE launch type.",
                "Daemon services need container instances; Fargate has none.",
            ));
        }
        if controller != DeploymentControllerType::Ecs {
            diagnostics.push(Diagnostic::error(
                "deploymentController.type",
                format!("The DAEMON scheduling strategy is not supported with the {} deployment controller.", controller.as_str()),
                "Daemon services can only be deployed by the ECS rolling-update controller.",
            ));
        }
        if request
            .deployment_configuration
            .as_ref()
            .and_then(|d| d.maximum_percent)
            .is_some_and(|m| m != 100)
        {
            diagnostics.push(Diagnostic::error(
                "deploymentConfiguration.maximumPercent",
                "The maximumPercent for a service using the DAEMON scheduling strategy must be 100.",
                "A daemon service has one task per instance, so it cannot run extra copies during a deployment.",
            ));
        }
    }

    let fargate = request.launch_type == Some(LaunchType::Fargate)
        || (!strategy.is_empty()
            && strategy
                .iter()
                .all(|s| is_fargate_provider(s.capacity_provider.as_deref())));
    placement_rules(
        request.placement_constraints(),
        request.placement_strategy(),
        fargate,
        diagnostics,
    );
    if let Some(strategy_list) = &request.capacity_provider_strategy {
        capacity_provider_strategy_rules(strategy_list, diagnostics);
    }
    if let Some(config) = &request.deployment_configuration {
        deployment_configuration_rules(config, controller, request.desired_count, diagnostics);
    }
    if let Some(network) = &request.network_configuration {
        network_configuration_rules(network, diagnostics);
    } else if request.launch_type == Some(LaunchType::Fargate) {
        diagnostics.push(Diagnostic::error(
            "networkConfiguration",
            "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
            "Fargate tasks use awsvpc networking, so the service must say which subnets (and security groups) to use.",
        ));
    }
    load_balancer_rules(
        request.load_balancers.as_deref().unwrap_or(&[]),
        diagnostics,
    );

    if request
        .health_check_grace_period_seconds
        .is_some_and(|s| s < 0)
    {
        diagnostics.push(Diagnostic::error(
            "healthCheckGracePeriodSeconds",
            "Invalid parameter: healthCheckGracePeriodSeconds must be between 0 and 2147483647.",
            "The grace period is a number of seconds and cannot be negative.",
        ));
    }
    if let Some(token) = &request.client_token {
        client_token_rule(token, 36, diagnostics);
    }
}

/// `availabilityZoneRebalancing` is an enum of the API the typed requests keep among their extra
/// members. [API]
fn availability_zone_rebalancing_rule(
    value: Option<&serde_json::Value>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(value) = value
        && !matches!(value.as_str(), Some("ENABLED" | "DISABLED"))
    {
        diagnostics.push(Diagnostic::error(
            "availabilityZoneRebalancing",
            "availabilityZoneRebalancing must be ENABLED or DISABLED.",
            "With ENABLED, ECS moves tasks back into a recovered Availability Zone.",
        ));
    }
}

pub(crate) fn update_service_rules(
    request: &UpdateServiceRequest,
    diagnostics: &mut Vec<Diagnostic>,
) {
    availability_zone_rebalancing_rule(
        request.extra.get("availabilityZoneRebalancing"),
        diagnostics,
    );
    match request.service.as_deref() {
        Some("") => diagnostics.push(Diagnostic::error(
            "service",
            "Service can not be blank.",
            "UpdateService needs the name or ARN of the service.",
        )),
        Some(v) => placeholder_warning("service", v, diagnostics),
        None => {}
    }
    blank_is_error("cluster", request.cluster.as_deref(), diagnostics);
    blank_is_error(
        "taskDefinition",
        request.task_definition.as_deref(),
        diagnostics,
    );
    if request.desired_count.is_some_and(|n| n < 0) {
        diagnostics.push(Diagnostic::error(
            "desiredCount",
            "Invalid parameter: desiredCount must be greater than or equal to 0.",
            "desiredCount cannot be negative.",
        ));
    }
    placement_rules(
        request.placement_constraints.as_deref().unwrap_or(&[]),
        request.placement_strategy.as_deref().unwrap_or(&[]),
        false,
        diagnostics,
    );
    if let Some(strategy) = &request.capacity_provider_strategy {
        capacity_provider_strategy_rules(strategy, diagnostics);
    }
    if let Some(config) = &request.deployment_configuration {
        deployment_configuration_rules(
            config,
            DeploymentControllerType::Ecs,
            request.desired_count,
            diagnostics,
        );
    }
    if let Some(network) = &request.network_configuration {
        network_configuration_rules(network, diagnostics);
    }
    load_balancer_rules(
        request.load_balancers.as_deref().unwrap_or(&[]),
        diagnostics,
    );
}

pub(crate) fn create_task_set_rules(
    request: &CreateTaskSetRequest,
    diagnostics: &mut Vec<Diagnostic>,
) {
    tool_supplied(
        "service",
        request.service.as_deref(),
        "Service",
        diagnostics,
    );
    tool_supplied(
        "cluster",
        request.cluster.as_deref(),
        "Cluster",
        diagnostics,
    );
    tool_supplied(
        "taskDefinition",
        request.task_definition.as_deref(),
        "Task definition",
        diagnostics,
    );
    let strategy = request.capacity_provider_strategy.as_deref().unwrap_or(&[]);
    launch_type_rules(request.launch_type, strategy, diagnostics);
    if let Some(list) = &request.capacity_provider_strategy {
        capacity_provider_strategy_rules(list, diagnostics);
    }
    if let Some(network) = &request.network_configuration {
        network_configuration_rules(network, diagnostics);
    }
    load_balancer_rules(
        request.load_balancers.as_deref().unwrap_or(&[]),
        diagnostics,
    );
    if let Some(scale) = &request.scale {
        match scale.percent() {
            None => diagnostics.push(Diagnostic::error(
                "scale.value",
                "Invalid parameter: scale.value must be between 0 and 100.",
                "A task set's scale is a percentage of the service's desired count.",
            )),
            Some(v) if !(0.0..=100.0).contains(&v) => diagnostics.push(Diagnostic::error(
                "scale.value",
                "Invalid parameter: scale.value must be between 0 and 100.",
                "A task set's scale is a percentage of the service's desired count.",
            )),
            Some(_) => {}
        }
    }
}

pub(crate) fn run_task_rules(request: &RunTaskRequest, diagnostics: &mut Vec<Diagnostic>) {
    if request.task_definition.as_deref() == Some("") {
        diagnostics.push(Diagnostic::error(
            "taskDefinition",
            "Task definition can not be blank.",
            "RunTask needs the family, family:revision or ARN of a task definition.",
        ));
    } else if let Some(td) = &request.task_definition {
        placeholder_warning("taskDefinition", td, diagnostics);
    }
    blank_is_error("cluster", request.cluster.as_deref(), diagnostics);
    if request.count.is_some_and(|c| !(1..=10).contains(&c)) {
        diagnostics.push(Diagnostic::error(
            "count",
            "Invalid parameter: count must be between 1 and 10.",
            "One RunTask call starts between 1 and 10 tasks.",
        ));
    }
    let strategy = request.capacity_provider_strategy.as_deref().unwrap_or(&[]);
    launch_type_rules(request.launch_type, strategy, diagnostics);
    if let Some(list) = &request.capacity_provider_strategy {
        capacity_provider_strategy_rules(list, diagnostics);
    }
    let fargate = request.launch_type == Some(LaunchType::Fargate)
        || (!strategy.is_empty()
            && strategy
                .iter()
                .all(|s| is_fargate_provider(s.capacity_provider.as_deref())));
    placement_rules(
        request.placement_constraints.as_deref().unwrap_or(&[]),
        request.placement_strategy.as_deref().unwrap_or(&[]),
        fargate,
        diagnostics,
    );
    if let Some(network) = &request.network_configuration {
        network_configuration_rules(network, diagnostics);
    }
    if request.propagate_tags == Some(PropagateTags::Service) {
        diagnostics.push(Diagnostic::error(
            "propagateTags",
            "Invalid parameter: propagateTags SERVICE is not supported for RunTask.",
            "A standalone task has no service to copy tags from; use TASK_DEFINITION or NONE.",
        ));
    }
    if let Some(started_by) = &request.started_by {
        let ok = started_by.chars().count() <= 128
            && started_by
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'/' | b'_'));
        if !ok {
            diagnostics.push(Diagnostic::error(
                "startedBy",
                "Invalid parameter: startedBy can have at most 128 letters, numbers, hyphens, forward slashes and underscores.",
                "startedBy is a short tag for who started the task.",
            ));
        }
    }
    if request
        .group
        .as_deref()
        .is_some_and(|g| g.chars().count() > 255)
    {
        diagnostics.push(Diagnostic::error(
            "group",
            "Invalid parameter: group can have at most 255 characters.",
            "Task group names are at most 255 characters.",
        ));
    }
    if let Some(token) = &request.client_token {
        client_token_rule(token, 64, diagnostics);
    }
}

fn client_token_rule(token: &str, max: usize, diagnostics: &mut Vec<Diagnostic>) {
    if token.is_empty() || token.chars().count() > max || !token.is_ascii() {
        diagnostics.push(Diagnostic::error(
            "clientToken",
            format!("Invalid parameter: clientToken must be 1 to {max} ASCII characters."),
            "The client token makes a request idempotent; it is a short ASCII string.",
        ));
    }
}

fn is_fargate_provider(name: Option<&str>) -> bool {
    matches!(name, Some("FARGATE" | "FARGATE_SPOT"))
}

fn launch_type_rules(
    launch_type: Option<LaunchType>,
    strategy: &[CapacityProviderStrategyItem],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if launch_type.is_some() && !strategy.is_empty() {
        diagnostics.push(Diagnostic::error(
            "capacityProviderStrategy",
            "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.",
            "Tasks run either on a launch type or through capacity providers, never both; keep one of the two.",
        ));
    }
}

pub(crate) fn capacity_provider_strategy_rules(
    strategy: &[CapacityProviderStrategyItem],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let path = "capacityProviderStrategy";
    if strategy.len() > 20 {
        diagnostics.push(Diagnostic::error(
            path,
            "Too many capacity providers in the strategy. The maximum is 20.",
            "A capacity provider strategy holds at most 20 items.",
        ));
    }
    let mut names = BTreeSet::new();
    for (i, item) in strategy.iter().enumerate() {
        let ipath = index(path, i);
        match item.capacity_provider.as_deref() {
            Some("") => diagnostics.push(Diagnostic::error(
                join(&ipath, "capacityProvider"),
                "Capacity provider can not be blank.",
                "Each strategy item names a capacity provider of the cluster.",
            )),
            Some(name) => {
                if !names.insert(name) {
                    diagnostics.push(Diagnostic::error(
                        join(&ipath, "capacityProvider"),
                        format!(
                            "The capacity provider '{name}' appears more than once in the strategy."
                        ),
                        "Each capacity provider may appear only once in a strategy.",
                    ));
                }
            }
            None => {}
        }
        if !(0..=1000).contains(&item.weight()) {
            diagnostics.push(Diagnostic::error(
                join(&ipath, "weight"),
                "Invalid parameter: weight must be between 0 and 1000.",
                "A weight is a relative share from 0 to 1000.",
            ));
        }
        if !(0..=100_000).contains(&item.base()) {
            diagnostics.push(Diagnostic::error(
                join(&ipath, "base"),
                "Invalid parameter: base must be between 0 and 100000.",
                "The base is a number of tasks from 0 to 100000.",
            ));
        }
    }
    if strategy.iter().filter(|s| s.base() != 0).count() > 1 {
        diagnostics.push(Diagnostic::error(
            path,
            "Only one capacity provider in a strategy can have a base defined.",
            "The base says how many tasks go to one provider first, so only one item may have a non-zero base.",
        ));
    }
    if !strategy.is_empty() && !strategy.iter().any(|s| s.weight() > 0) {
        diagnostics.push(Diagnostic::error(
            path,
            "At least one capacity provider in the strategy must have a weight greater than zero.",
            "Tasks beyond the base are split by weight; with every weight 0 no provider would get them.",
        ));
    }
    let fargate = strategy
        .iter()
        .filter(|s| is_fargate_provider(s.capacity_provider.as_deref()))
        .count();
    if fargate > 0 && fargate < strategy.len() {
        diagnostics.push(Diagnostic::error(
            path,
            "A capacity provider strategy cannot contain both Fargate and Auto Scaling group capacity providers.",
            "Use FARGATE/FARGATE_SPOT or Auto Scaling group providers in one strategy, not a mix.",
        ));
    }
}

pub(crate) fn placement_rules(
    constraints: &[PlacementConstraint],
    strategies: &[PlacementStrategy],
    fargate: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if fargate && !constraints.is_empty() {
        diagnostics.push(Diagnostic::error(
            "placementConstraints",
            "Placement constraints are not supported with FARGATE launch type.",
            "Fargate chooses where tasks run; placement constraints only apply to EC2 container instances.",
        ));
    }
    if fargate && !strategies.is_empty() {
        diagnostics.push(Diagnostic::error(
            "placementStrategy",
            "Placement strategies are not supported with FARGATE launch type.",
            "Fargate spreads tasks across the subnets' Availability Zones itself; strategies only apply to EC2.",
        ));
    }
    if constraints.len() > 10 {
        diagnostics.push(Diagnostic::error(
            "placementConstraints",
            "Too many placement constraints. The maximum is 10.",
            "A task can have at most 10 placement constraints, counting task-definition ones too.",
        ));
    }
    for (i, constraint) in constraints.iter().enumerate() {
        let path = index("placementConstraints", i);
        match constraint.type_ {
            None => diagnostics.push(Diagnostic::error(join(&path, "type"), "Placement constraint type must be specified.", "A constraint is either distinctInstance or memberOf.")),
            Some(PlacementConstraintType::DistinctInstance) if constraint.expression.is_some() => diagnostics.push(Diagnostic::error(
                join(&path, "expression"),
                "An expression is not supported with the distinctInstance placement constraint.",
                "distinctInstance just keeps tasks of a group on different instances; remove the expression.",
            )),
            Some(PlacementConstraintType::MemberOf) if constraint.expression.as_deref().is_none_or(str::is_empty) => diagnostics.push(Diagnostic::error(
                join(&path, "expression"),
                "A memberOf placement constraint requires an expression.",
                "memberOf selects instances with a cluster query expression such as attribute:ecs.instance-type =~ t2.*.",
            )),
            _ => {}
        }
        if constraint
            .expression
            .as_deref()
            .is_some_and(|e| e.chars().count() > 2000)
        {
            diagnostics.push(Diagnostic::error(
                join(&path, "expression"),
                "Placement constraint expression is too long. The maximum length is 2000 characters.",
                "Cluster query expressions are limited to 2000 characters.",
            ));
        }
    }
    if strategies.len() > 5 {
        diagnostics.push(Diagnostic::error(
            "placementStrategy",
            "Too many placement strategies. The maximum is 5.",
            "At most 5 placement strategies can be combined.",
        ));
    }
    for (i, strategy) in strategies.iter().enumerate() {
        let path = index("placementStrategy", i);
        let field = strategy.field.as_deref();
        match strategy.type_ {
            None => diagnostics.push(Diagnostic::error(join(&path, "type"), "Placement strategy type must be specified.", "A strategy is binpack, spread or random.")),
            Some(PlacementStrategyType::Binpack) if !matches!(field, Some("cpu" | "memory" | "CPU" | "MEMORY")) => diagnostics.push(Diagnostic::error(
                join(&path, "field"),
                format!("Invalid placement strategy field '{}' for binpack. The field must be cpu or memory.", field.unwrap_or("")),
                "binpack packs tasks by the remaining amount of one resource: cpu or memory.",
            )),
            Some(PlacementStrategyType::Spread) => {
                let ok = match field {
                    Some("instanceId" | "host") => true,
                    Some(f) => f.strip_prefix("attribute:").is_some_and(|name| !name.is_empty()),
                    None => false,
                };
                if !ok {
                    diagnostics.push(Diagnostic::error(
                        join(&path, "field"),
                        format!("Invalid placement strategy field '{}' for spread. The field must be instanceId, host or attribute:<name>.", field.unwrap_or("")),
                        "spread balances tasks across the values of a field such as attribute:ecs.availability-zone or instanceId.",
                    ));
                }
            }
            _ => {}
        }
    }
}

fn deployment_configuration_rules(
    config: &DeploymentConfiguration,
    controller: DeploymentControllerType,
    desired: Option<i32>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let path = "deploymentConfiguration";
    if let Some(min) = config.minimum_healthy_percent {
        if !(0..=100).contains(&min) {
            diagnostics.push(Diagnostic::error(
                join(path, "minimumHealthyPercent"),
                "Invalid parameter: minimumHealthyPercent must be between 0 and 100.",
                "minimumHealthyPercent is the share of desired tasks that must stay healthy during a deployment.",
            ));
        }
    }
    if let Some(max) = config.maximum_percent {
        if max < 100 {
            diagnostics.push(Diagnostic::error(
                join(path, "maximumPercent"),
                "Invalid parameter: maximumPercent must be greater than or equal to 100.",
                "maximumPercent caps running plus pending tasks during a deployment as a share of desiredCount; below 100 the service could never run all its tasks.",
            ));
        }
    }
    if let (Some(min), Some(max), Some(d)) = (
        config.minimum_healthy_percent,
        config.maximum_percent,
        desired,
    ) {
        let d = i64::from(d);
        let min_healthy = (d * i64::from(min) + 99) / 100;
        let max_tasks = d * i64::from(max) / 100;
        if d > 0 && max >= 100 && (0..=100).contains(&min) && min_healthy >= d && max_tasks <= d {
            diagnostics.push(Diagnostic::warning(
                path,
                "Update the minimumHealthyPercent or maximumPercent value and try again.",
                format!("With {d} tasks, minimumHealthyPercent {min} keeps all {d} running and maximumPercent {max} allows no extra task, so a deployment can neither stop nor start a task."),
            ));
        }
    }
    if config.deployment_circuit_breaker.is_some() && controller != DeploymentControllerType::Ecs {
        diagnostics.push(Diagnostic::error(
            join(path, "deploymentCircuitBreaker"),
            "The deployment circuit breaker is only supported with the ECS deployment controller.",
            "CodeDeploy and external controllers decide themselves when a deployment failed.",
        ));
    }
}

fn network_configuration_rules(network: &NetworkConfiguration, diagnostics: &mut Vec<Diagnostic>) {
    let Some(vpc) = &network.awsvpc_configuration else {
        return;
    };
    let path = "networkConfiguration.awsvpcConfiguration";
    for (member, list, max, prefix) in [
        ("subnets", vpc.subnets.as_deref(), 16, "subnet-"),
        ("securityGroups", vpc.security_groups.as_deref(), 5, "sg-"),
    ] {
        let Some(list) = list else { continue };
        let lpath = join(path, member);
        if list.len() > max {
            diagnostics.push(Diagnostic::error(
                &lpath,
                format!("Invalid parameter: at most {max} {member} can be specified in awsvpcConfiguration."),
                format!("awsvpcConfiguration takes at most {max} {member}."),
            ));
        }
        if list.is_empty() && member == "subnets" {
            // Sample files leave the list for a tool to fill; AWS itself rejects it. [MODEL]
            diagnostics.push(Diagnostic::warning(
                &lpath,
                "subnets can not be empty.",
                "The task's network interface needs at least one subnet; fill the list before calling AWS.",
            ));
        }
        for (i, id) in list.iter().enumerate() {
            let ipath = index(&lpath, i);
            if id.is_empty() {
                diagnostics.push(Diagnostic::error(
                    &ipath,
                    format!("Invalid parameter: {member} can not contain blank values."),
                    format!("Each entry of {member} is an ID such as {prefix}0123456789abcdef0."),
                ));
            } else if looks_like_placeholder(id) {
                placeholder_warning(&ipath, id, diagnostics);
            } else if !id.starts_with(prefix) {
                diagnostics.push(Diagnostic::warning(
                    &ipath,
                    format!("'{id}' does not look like an ID starting with '{prefix}'."),
                    format!("AWS expects IDs such as {prefix}0123456789abcdef0 here."),
                ));
            }
        }
    }
}

fn load_balancer_rules(load_balancers: &[LoadBalancer], diagnostics: &mut Vec<Diagnostic>) {
    if load_balancers.len() > 5 {
        diagnostics.push(Diagnostic::error(
            "loadBalancers",
            "Invalid parameter: at most 5 target groups can be attached to a service.",
            "A service can register with at most 5 target groups.",
        ));
    }
    for (i, lb) in load_balancers.iter().enumerate() {
        let path = index("loadBalancers", i);
        if lb.container_port.is_some_and(|p| !(1..=65535).contains(&p)) {
            diagnostics.push(Diagnostic::error(
                join(&path, "containerPort"),
                "Invalid parameter: containerPort must be between 1 and 65535.",
                "The load balancer sends traffic to this container port.",
            ));
        }
        for (member, value) in [
            ("targetGroupArn", &lb.target_group_arn),
            ("loadBalancerName", &lb.load_balancer_name),
            ("containerName", &lb.container_name),
        ] {
            blank_is_error(&join(&path, member), value.as_deref(), diagnostics);
        }
    }
}

pub(crate) fn container_instance_rules(
    instance: &ContainerInstance,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (member, count) in [
        ("runningTasksCount", instance.running_tasks_count),
        ("pendingTasksCount", instance.pending_tasks_count),
    ] {
        if count.is_some_and(|c| c < 0) {
            diagnostics.push(Diagnostic::error(
                member,
                format!("{member} cannot be negative."),
                "Task counts are zero or more.",
            ));
        }
    }
    for (i, attribute) in instance.attributes().iter().enumerate() {
        let path = index("attributes", i);
        if let Some(name) = &attribute.name {
            let ok = (1..=128).contains(&name.len())
                && name.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'/' | b'\\' | b'.')
                });
            if !ok {
                diagnostics.push(Diagnostic::warning(
                    join(&path, "name"),
                    "Attribute name is invalid.",
                    "Attribute names are 1–128 letters, digits, _, -, /, \\ or .",
                ));
            }
        }
        if let Some(value) = &attribute.value {
            let ok = (1..=128).contains(&value.len())
                && value.trim() == value
                && value.bytes().all(|b| {
                    b.is_ascii_alphanumeric()
                        || matches!(b, b'_' | b'-' | b'.' | b'@' | b'/' | b'\\' | b':' | b' ')
                });
            if !ok {
                diagnostics.push(Diagnostic::warning(join(&path, "value"), "Attribute value is invalid.", "Attribute values are 1–128 letters, digits, spaces or _-.@/\\: without leading or trailing spaces."));
            }
        }
    }
}
