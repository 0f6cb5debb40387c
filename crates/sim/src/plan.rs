//! From API requests to what the scheduler places: task definitions resolved to registered
//! revisions, and placement requests built from services and RunTask calls.

use ecs_model::{
    Compatibility, CreateServiceRequest, Diagnostic, LaunchType, NetworkConfiguration,
    RunTaskRequest, SchedulingStrategy, TaskDefinition,
};
use ecs_placement::{CapacityProviderStrategyItem, PlacementRequest, RequestKind};

use crate::adapt;
use crate::world::{TaskBehaviour, World};

/// Where a request's tasks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Ec2,
    Fargate,
}

impl Platform {
    pub fn launch_type(self) -> &'static str {
        match self {
            Platform::Ec2 => "EC2",
            Platform::Fargate => "FARGATE",
        }
    }
}

/// A registered task definition revision.
#[derive(Debug, Clone)]
pub struct Revision {
    pub family: String,
    pub revision: u32,
    pub definition: TaskDefinition,
    /// False once deregistered (INACTIVE): running tasks and services keep it, nothing new
    /// starts from it.
    pub active: bool,
    pub behaviour: TaskBehaviour,
}

impl Revision {
    pub fn name(&self) -> String {
        format!("{}:{}", self.family, self.revision)
    }
}

/// What a deployment or a RunTask call places: one revision with its placement request.
#[derive(Debug, Clone)]
pub struct Template {
    pub task_definition: String,
    pub platform: Platform,
    /// Count is ignored; the scheduler decides how many.
    pub request: PlacementRequest,
    /// The capacity provider strategy (FARGATE / FARGATE_SPOT, or Auto Scaling group
    /// providers), empty for a launch type.
    pub capacity_providers: Vec<CapacityProviderStrategyItem>,
    pub load_balanced: bool,
    /// See [`health_check`].
    pub health_check: Option<(u64, bool)>,
    /// See [`stop_timeout`].
    pub stop_timeout: Option<u64>,
    pub behaviour: TaskBehaviour,
    /// RunTask's and StartTask's `startedBy`; a service's tasks carry their deployment's id.
    pub started_by: Option<String>,
}

pub fn initial_revisions(world: &World) -> Vec<Revision> {
    let mut revisions: Vec<Revision> = Vec::new();
    for definition in &world.task_definitions {
        let family = definition.family.clone().unwrap_or_default();
        let revision = revisions.iter().filter(|r| r.family == family).count() as u32 + 1;
        let behaviour = world
            .behaviours
            .get(&format!("{family}:{revision}"))
            .cloned()
            .unwrap_or_default();
        revisions.push(Revision {
            family,
            revision,
            definition: definition.clone(),
            active: true,
            behaviour,
        });
    }
    revisions
}

/// A task definition reference (`family`, `family:revision` or ARN) resolved to a revision;
/// a bare family means its latest ACTIVE revision.
pub fn resolve<'r>(revisions: &'r [Revision], reference: &str) -> Result<&'r Revision, String> {
    let reference = reference
        .rsplit("task-definition/")
        .next()
        .unwrap_or(reference);
    let (family, revision) = match reference.split_once(':') {
        Some((family, revision)) => match revision.parse::<u32>() {
            Ok(r) => (family, Some(r)),
            Err(_) => return Err(format!("Revision '{revision}' is not a number.")),
        },
        None => (reference, None),
    };
    let registered: Vec<&Revision> = revisions.iter().filter(|r| r.family == family).collect();
    let found = match revision {
        Some(r) => registered.iter().find(|rev| rev.revision == r),
        None => registered.iter().rev().find(|rev| rev.active),
    };
    match found {
        Some(rev) if rev.active => Ok(rev),
        Some(rev) => Err(format!(
            "ClientException: TaskDefinition is inactive ({}).",
            rev.name()
        )),
        None if registered.is_empty() => Err(format!(
            "Unable to describe task definition. No task definition family '{family}' is registered in this scenario."
        )),
        None if revision.is_none() => Err(format!(
            "ClientException: Family '{family}' has no ACTIVE revision."
        )),
        None => Err(format!(
            "Unable to describe task definition. Family '{family}' has revisions 1 to {}, not {}.",
            registered.len(),
            revision.unwrap_or_default()
        )),
    }
}

/// The capacity provider strategy a request uses: its own, or the cluster's default when it names
/// neither a launch type nor a strategy (§9.2).
fn strategy<'a>(
    world: &'a World,
    launch_type: Option<LaunchType>,
    own: Option<&'a [ecs_model::CapacityProviderStrategyItem]>,
) -> Option<&'a [ecs_model::CapacityProviderStrategyItem]> {
    match (own, launch_type) {
        (Some(items), _) => Some(items),
        (None, None) if !world.default_capacity_provider_strategy.is_empty() => {
            Some(&world.default_capacity_provider_strategy)
        }
        _ => None,
    }
}

/// The strategy's items in the placement engine's terms; every Auto Scaling group provider must
/// belong to the cluster.
fn strategy_items(
    world: &World,
    items: Option<&[ecs_model::CapacityProviderStrategyItem]>,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<CapacityProviderStrategyItem>> {
    let mut out = Vec::new();
    for (i, item) in items.unwrap_or_default().iter().enumerate() {
        let name = item.capacity_provider.as_deref().unwrap_or_default();
        let known = matches!(name, "FARGATE" | "FARGATE_SPOT")
            || world.capacity_providers.iter().any(|p| p.name == name);
        if !known {
            diagnostics.push(Diagnostic::error(
                format!("{path}.capacityProviderStrategy[{i}].capacityProvider"),
                format!(
                    "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster ({name})."
                ),
                "Declare the provider in capacityProviders, or use FARGATE or FARGATE_SPOT.",
            ));
            return None;
        }
        out.push(CapacityProviderStrategyItem::new(
            name,
            u32::try_from(item.base.unwrap_or(0).max(0)).unwrap_or(0),
            u32::try_from(item.weight.unwrap_or(0).max(0)).unwrap_or(0),
        ));
    }
    Some(out)
}

/// What the essential containers' health checks say and when: `None` without health checks,
/// else the seconds after RUNNING until the verdict and whether it is UNHEALTHY.
///
/// [MODEL] A passing check reports HEALTHY after its first interval (default 30 s) once the start
/// period is over; a failing one reports UNHEALTHY after `retries` (default 3) failed intervals
/// past the start period. A command that is literally `exit 1` or `false` (after `CMD-SHELL` or
/// `CMD`) fails, so a scenario can mark a revision's health check as failing. A `NONE` command is
/// no check at all.
pub fn health_check(definition: &TaskDefinition) -> Option<(u64, bool)> {
    let mut verdict: Option<(u64, bool)> = None;
    for container in definition
        .container_definitions
        .as_deref()
        .unwrap_or_default()
    {
        // Docker's `NONE` turns the image's health check off: the container never reports.
        let Some(check) = container
            .health_check
            .as_ref()
            .filter(|_| container.is_essential())
            .filter(|check| !check.is_disabled())
        else {
            continue;
        };
        let seconds =
            |n: Option<i32>, default: u64| n.and_then(|n| u64::try_from(n).ok()).unwrap_or(default);
        let interval = seconds(check.interval, 30).max(1);
        let retries = seconds(check.retries, 3).max(1);
        let start = seconds(check.start_period, 0);
        let command: Vec<&str> = check
            .command
            .as_deref()
            .unwrap_or_default()
            .iter()
            .map(String::as_str)
            .filter(|c| !matches!(*c, "CMD" | "CMD-SHELL"))
            .collect();
        let fails = matches!(command.as_slice(), ["exit 1"] | ["false"] | ["exit", "1"]);
        let this = if fails {
            (start + interval * retries, true)
        } else {
            (start + interval, false)
        };
        // Any failing essential container makes the task UNHEALTHY; otherwise the slowest
        // decides when it is HEALTHY.
        verdict = Some(match verdict {
            None => this,
            Some(v) if v.1 && !this.1 => v,
            Some(v) if this.1 && !v.1 => this,
            Some(v) => (v.0.max(this.0), v.1),
        });
    }
    verdict
}

pub fn service_template(
    revisions: &[Revision],
    world: &World,
    service: &CreateServiceRequest,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Template> {
    let name = service.service_name.clone().unwrap_or_default();
    let reference = service.task_definition.as_deref().unwrap_or_default();
    let revision = match resolve(revisions, reference) {
        Ok(r) => r,
        Err(message) => {
            diagnostics.push(Diagnostic::error(
            format!("{path}.taskDefinition"),
            message,
            "A service names a task definition of the scenario by family, family:revision or ARN.",
            ));
            return None;
        }
    };
    let strategy = strategy(
        world,
        service.launch_type,
        service.capacity_provider_strategy.as_deref(),
    );
    let platform = platform(service.launch_type, strategy);
    ec2_fallback_warning(path, service.launch_type, strategy, revision, diagnostics);
    let capacity_providers = strategy_items(world, strategy, path, diagnostics)?;
    let mut constraints = service.placement_constraints().to_vec();
    if service.scheduling_strategy() == SchedulingStrategy::Daemon {
        // [MODEL] A daemon service asks for one task on each instance: distinctInstance keeps
        // a second copy off an instance that already runs one.
        constraints.push(ecs_model::PlacementConstraint {
            type_: Some(ecs_model::PlacementConstraintType::DistinctInstance),
            expression: None,
            extra: Default::default(),
        });
    }
    let mut request = build_request(
        world,
        path,
        &revision.definition,
        format!("service:{name}"),
        0,
        RequestKind::Service { name },
        service.placement_strategy(),
        &constraints,
        diagnostics,
    )?;
    request.requirements.subnet_availability_zones =
        Some(subnet_zones(world, service.network_configuration.as_ref()));
    Some(Template {
        task_definition: revision.name(),
        platform,
        request,
        capacity_providers,
        load_balanced: service
            .load_balancers
            .as_ref()
            .is_some_and(|lbs| !lbs.is_empty()),
        health_check: health_check(&revision.definition),
        stop_timeout: stop_timeout(&revision.definition),
        behaviour: revision.behaviour.clone(),
        started_by: None,
    })
}

/// The longest `stopTimeout` of the definition's containers, when any sets one: the agent kills a
/// container that has not exited that long after SIGTERM, so no task stops more slowly.
pub fn stop_timeout(definition: &TaskDefinition) -> Option<u64> {
    definition
        .containers()
        .iter()
        .filter_map(|c| u64::try_from(c.stop_timeout?).ok())
        .max()
}

pub fn run_task_template(
    revisions: &[Revision],
    world: &World,
    run_task: &RunTaskRequest,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Template> {
    let reference = run_task.task_definition.as_deref().unwrap_or_default();
    let revision = match resolve(revisions, reference) {
        Ok(r) => r,
        Err(message) => {
            diagnostics.push(Diagnostic::error(
            format!("{path}.taskDefinition"),
            message,
            "RunTask names a task definition of the scenario by family, family:revision or ARN.",
            ));
            return None;
        }
    };
    let group = run_task
        .group
        .clone()
        .unwrap_or_else(|| format!("family:{}", revision.family));
    let strategy = strategy(
        world,
        run_task.launch_type,
        run_task.capacity_provider_strategy.as_deref(),
    );
    let platform = platform(run_task.launch_type, strategy);
    ec2_fallback_warning(path, run_task.launch_type, strategy, revision, diagnostics);
    let capacity_providers = strategy_items(world, strategy, path, diagnostics)?;
    let mut request = build_request(
        world,
        path,
        &revision.definition,
        group,
        0,
        RequestKind::RunTask,
        run_task.placement_strategy.as_deref().unwrap_or_default(),
        run_task
            .placement_constraints
            .as_deref()
            .unwrap_or_default(),
        diagnostics,
    )?;
    request.requirements.subnet_availability_zones =
        Some(subnet_zones(world, run_task.network_configuration.as_ref()));
    Some(Template {
        task_definition: revision.name(),
        platform,
        request,
        capacity_providers,
        load_balanced: false,
        health_check: health_check(&revision.definition),
        stop_timeout: stop_timeout(&revision.definition),
        behaviour: revision.behaviour.clone(),
        started_by: run_task.started_by.clone(),
    })
}

pub fn platform(
    launch_type: Option<LaunchType>,
    capacity_providers: Option<&[ecs_model::CapacityProviderStrategyItem]>,
) -> Platform {
    let fargate_provider = capacity_providers.is_some_and(|items| {
        items.iter().any(|item| {
            matches!(
                item.capacity_provider.as_deref(),
                Some("FARGATE" | "FARGATE_SPOT")
            )
        })
    });
    match launch_type {
        Some(LaunchType::Fargate) => Platform::Fargate,
        Some(_) => Platform::Ec2,
        None if fargate_provider => Platform::Fargate,
        // [MODEL] With neither a launch type nor a strategy, here or on the cluster, ECS uses
        // the EC2 launch type (§9.2), whatever the task definition requires.
        None => Platform::Ec2,
    }
}

/// A request that lands on EC2 only because it names no launch type and the cluster has no
/// default strategy, while its task definition asks for Fargate alone: AWS runs it on EC2
/// (FARGATE task definitions are EC2-compatible too), which is seldom what was meant.
fn ec2_fallback_warning(
    path: &str,
    launch_type: Option<LaunchType>,
    strategy: Option<&[ecs_model::CapacityProviderStrategyItem]>,
    revision: &Revision,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let only_fargate = revision
        .definition
        .requires_compatibilities
        .as_deref()
        .is_some_and(|c| c == [Compatibility::Fargate]);
    if launch_type.is_none() && strategy.is_none() && only_fargate {
        diagnostics.push(Diagnostic::warning(
            path,
            format!(
                "No launchType or capacityProviderStrategy, and the cluster has no default capacity provider strategy: the tasks of {} use the EC2 launch type, although it requires FARGATE.",
                revision.name()
            ),
            "Add \"launchType\": \"FARGATE\" (or a FARGATE capacity provider strategy) to run them on Fargate.",
        ));
    }
}

/// The Availability Zones of a request's awsvpc subnets, through the scenario's `subnets` map.
/// [MODEL] Without subnets, or when a subnet is not in the map, the task may use every zone of
/// the cluster: scenarios need not describe their VPC to place tasks.
fn subnet_zones(world: &World, network: Option<&NetworkConfiguration>) -> Vec<String> {
    let subnets = network
        .and_then(|n| n.awsvpc_configuration.as_ref())
        .and_then(|c| c.subnets.as_deref())
        .unwrap_or_default();
    let mut zones: Vec<String> = Vec::new();
    for subnet in subnets {
        match world.subnets.get(subnet) {
            Some(zone) if !zones.contains(zone) => zones.push(zone.clone()),
            Some(_) => {}
            None => return world.availability_zones.clone(),
        }
    }
    if zones.is_empty() {
        world.availability_zones.clone()
    } else {
        zones
    }
}

#[allow(clippy::too_many_arguments)]
fn build_request(
    world: &World,
    path: &str,
    task_definition: &TaskDefinition,
    group: String,
    count: u32,
    kind: RequestKind,
    strategies: &[ecs_model::PlacementStrategy],
    constraints: &[ecs_model::PlacementConstraint],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PlacementRequest> {
    let demand = task_definition.resource_demand();
    let mut requirements = adapt::requirements(&demand);
    requirements.subnet_availability_zones = Some(world.availability_zones.clone());
    let strategies = match adapt::strategies(strategies) {
        Ok(s) => s,
        Err((i, message)) => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.placementStrategy[{i}]"),
                message,
                "Strategies are binpack (cpu or memory), spread (instanceId, host or attribute:NAME) or random.",
            ));
            return None;
        }
    };
    let mut all_constraints = Vec::new();
    for (i, c) in task_definition
        .placement_constraints
        .as_deref()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let kind = c.type_.map(|t| t.as_str()).unwrap_or("memberOf");
        match adapt::constraint(kind, c.expression.as_deref()) {
            Ok(c) => all_constraints.push(c),
            Err(message) => diagnostics.push(Diagnostic::error(
                format!("{path}.taskDefinition.placementConstraints[{i}]"),
                message,
                "The task definition's constraint could not be read.",
            )),
        }
    }
    match adapt::constraints(constraints) {
        Ok(mut c) => all_constraints.append(&mut c),
        Err((i, message)) => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.placementConstraints[{i}].expression"),
                message,
                "memberOf takes a cluster query language expression such as attribute:ecs.instance-type =~ t3.*",
            ));
            return None;
        }
    }
    Some(PlacementRequest {
        group,
        count,
        requirements,
        constraints: all_constraints,
        strategies,
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::health_check;

    fn verdict(checks: &str) -> Option<(u64, bool)> {
        let definition = serde_json::from_str(&format!(
            r#"{{"family": "web", "containerDefinitions": [
                {{"name": "app", "image": "nginx", "memory": 256{checks}}}]}}"#
        ))
        .expect("a task definition");
        health_check(&definition)
    }

    #[test]
    fn health_check_verdicts() {
        let lines = [
            ("none", ""),
            (
                "passing",
                r#", "healthCheck": {"command": ["CMD", "true"]}"#,
            ),
            (
                "failing",
                r#", "healthCheck": {"command": ["CMD-SHELL", "exit 1"], "interval": 10}"#,
            ),
            ("turned off", r#", "healthCheck": {"command": ["NONE"]}"#),
            (
                "not essential",
                r#", "essential": false, "healthCheck": {"command": ["CMD", "exit", "1"]}"#,
            ),
        ]
        .map(|(name, checks)| format!("{name}: {:?}", verdict(checks)));
        expect_test::expect![[r#"
            none: None
            passing: Some((30, false))
            failing: Some((30, true))
            turned off: None
            not essential: None"#]]
        .assert_eq(&lines.join("\n"));
    }
}
