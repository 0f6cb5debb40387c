//! The first moment of a scenario: the service scheduler and RunTask place every requested task on
//! the cluster as it was declared, in document order (services first, then RunTask requests).
//!
//! [MODEL] Requests are handled one after another in that order, each seeing the tasks placed by
//! the ones before it; AWS's schedulers run concurrently with optimistic concurrency, which a
//! deterministic teaching tool replaces by a fixed order.

use std::collections::BTreeMap;

use ecs_model::{
    Compatibility, CreateServiceRequest, Diagnostic, LaunchType, RunTaskRequest,
    SchedulingStrategy, TaskDefinition,
};
use ecs_placement::{
    ClusterState, Explanation, PlacementRequest, PlacementRng, RequestKind, explain_next, place,
    place_fargate, service_event,
};

use crate::adapt;
use crate::outcome::{
    FailureRecord, InstanceRecord, Outcome, ServiceEvent, TaskRecord, TimelineEntry,
};
use crate::world::World;

const ACCOUNT_REGION: &str = "us-east-1:123456789012";

/// Where a request's tasks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Platform {
    Ec2,
    Fargate,
}

impl Platform {
    fn launch_type(self) -> &'static str {
        match self {
            Platform::Ec2 => "EC2",
            Platform::Fargate => "FARGATE",
        }
    }
}

/// One request to place tasks, checked and resolved against the registered task definitions.
#[derive(Debug, Clone)]
struct PlannedRequest {
    /// `services[0]` or `runTasks[1]`.
    path: String,
    service_name: Option<String>,
    task_definition: String,
    platform: Platform,
    request: PlacementRequest,
}

/// Runs the scenario's requests and reports the cluster afterwards.
pub fn run(world: &World) -> (Outcome, Vec<Diagnostic>) {
    let (plans, diagnostics) = plan(world);
    let mut execution = Execution::new(world);
    for plan in &plans {
        execution.execute(plan, plan.request.count);
    }
    (execution.finish(world), diagnostics)
}

/// The cluster as declared, before any task is placed, in the placement engine's terms; the
/// playground evaluates query-language expressions against it ("how many instances match").
pub fn initial_cluster_state(world: &World) -> ClusterState {
    Execution::new(world).state
}

/// The cluster after the first `step` entries of the run's timeline, for stepping through a run
/// in the playground; `step` past the end gives the final state.
pub fn state_at_step(world: &World, step: usize) -> Outcome {
    let (full, _) = run(world);
    if step >= full.timeline.len() {
        return full;
    }
    // Requests run one after another, so the first `step` entries are some whole requests and a
    // prefix of one more: replay exactly those.
    let mut wanted: Vec<(String, u32)> = Vec::new();
    for entry in &full.timeline[..step] {
        match wanted.last_mut() {
            Some((request, n)) if *request == entry.request => *n += 1,
            _ => wanted.push((entry.request.clone(), 1)),
        }
    }
    let (plans, _) = plan(world);
    let mut execution = Execution::new(world);
    for (request, n) in wanted {
        if let Some(plan) = plans.iter().find(|p| p.path == request) {
            execution.execute(plan, n.min(plan.request.count));
        }
    }
    let mut outcome = execution.finish(world);
    outcome.timeline.truncate(step);
    outcome
}

/// Explains the placement of the task with the given `placement_index` (see
/// [`TaskRecord::placement_index`]) by replaying the run up to the moment before it.
pub fn explain(world: &World, placement_index: usize) -> Option<Explanation> {
    let (plans, _) = plan(world);
    let mut execution = Execution::new(world);
    for plan in &plans {
        let before = execution.tasks.len();
        if plan.platform == Platform::Ec2 && placement_index < before + plan.request.count as usize
        {
            let earlier = u32::try_from(placement_index - before).ok()?;
            execution.execute(plan, earlier);
            if execution.tasks.len() != placement_index {
                // An earlier task of this request failed, so the asked-for task was never placed.
                return None;
            }
            let mut rest = plan.request.clone();
            rest.count -= earlier;
            return Some(explain_next(&execution.state, &rest, &execution.rng));
        }
        execution.execute(plan, plan.request.count);
        if execution.tasks.len() > placement_index {
            // The task is a Fargate task: AWS places it without instances to explain.
            return None;
        }
    }
    None
}

struct Execution {
    state: ClusterState,
    rng: PlacementRng,
    tasks: Vec<TaskRecord>,
    failures: Vec<FailureRecord>,
    events: Vec<ServiceEvent>,
    timeline: Vec<TimelineEntry>,
    cluster: String,
}

impl Execution {
    fn new(world: &World) -> Execution {
        let instances = world
            .container_instances
            .iter()
            .enumerate()
            .map(|(i, ci)| adapt::instance_state(ci, &format!("ci-{}", i + 1)))
            .collect();
        Execution {
            state: ClusterState::new(instances, Vec::new()),
            rng: PlacementRng::seed_from_u64(world.seed),
            tasks: Vec::new(),
            failures: Vec::new(),
            events: Vec::new(),
            timeline: Vec::new(),
            cluster: world.cluster.clone(),
        }
    }

    fn task_record(&self, plan: &PlannedRequest, task_id: String) -> TaskRecord {
        TaskRecord {
            task_arn: format!(
                "arn:aws:ecs:{ACCOUNT_REGION}:task/{}/{task_id}",
                self.cluster
            ),
            task_id,
            group: plan.request.group.clone(),
            task_definition: plan.task_definition.clone(),
            container_instance: None,
            availability_zone: None,
            launch_type: plan.platform.launch_type().to_owned(),
            last_status: "RUNNING".to_owned(),
            desired_status: "RUNNING".to_owned(),
            cpu: plan.request.requirements.cpu,
            memory: plan.request.requirements.memory,
            request: plan.path.clone(),
            placement_index: self.tasks.len(),
        }
    }

    /// Places `count` tasks of the plan (fewer than its full count when replaying).
    fn execute(&mut self, plan: &PlannedRequest, count: u32) {
        let started_before = self.tasks.len();
        match plan.platform {
            Platform::Ec2 => {
                let mut request = plan.request.clone();
                request.count = count;
                let outcome = place(&mut self.state, &request, &mut self.rng);
                for placed in outcome.placed {
                    let mut record = self.task_record(plan, placed.task_id);
                    record.availability_zone = self
                        .state
                        .instances
                        .get(placed.instance)
                        .and_then(|i| i.availability_zone().map(str::to_owned));
                    record.container_instance = Some(placed.container_instance_id);
                    self.timeline.push(TimelineEntry {
                        at: 0,
                        kind: "TaskPlaced".to_owned(),
                        request: plan.path.clone(),
                        task_id: Some(record.task_id.clone()),
                        container_instance: record.container_instance.clone(),
                        message: format!(
                            "{} placed on {} ({})",
                            record.task_id,
                            record.container_instance.as_deref().unwrap_or("-"),
                            record.availability_zone.as_deref().unwrap_or("-")
                        ),
                    });
                    self.tasks.push(record);
                }
                if let Some(error) = outcome.request_error {
                    self.failures.push(FailureRecord {
                        arn: None,
                        reason: "ClientException".to_owned(),
                        detail: error.message,
                        request: plan.path.clone(),
                    });
                }
                if let (Some(service), Some(failure)) =
                    (&plan.service_name, outcome.failures.first())
                {
                    self.events.push(ServiceEvent {
                        at: 0,
                        service: service.clone(),
                        message: service_event(service, failure),
                    });
                }
                for failure in outcome.failures {
                    self.timeline.push(TimelineEntry {
                        at: 0,
                        kind: "TaskNotPlaced".to_owned(),
                        request: plan.path.clone(),
                        task_id: None,
                        container_instance: failure.closest_instance.clone(),
                        message: format!(
                            "{}: {} ({})",
                            plan.path,
                            failure.reason.as_str(),
                            failure.detail
                        ),
                    });
                    self.failures.push(FailureRecord {
                        arn: failure.closest_instance.clone(),
                        reason: failure.reason.as_str().to_owned(),
                        detail: failure.detail.clone(),
                        request: plan.path.clone(),
                    });
                }
            }
            Platform::Fargate => {
                let mut per_zone: BTreeMap<String, u32> = BTreeMap::new();
                for task in self.tasks.iter().filter(|t| t.group == plan.request.group) {
                    if let Some(zone) = &task.availability_zone {
                        *per_zone.entry(zone.clone()).or_default() += 1;
                    }
                }
                let zones = plan
                    .request
                    .requirements
                    .subnet_availability_zones
                    .clone()
                    .unwrap_or_default();
                for zone in place_fargate(&zones, &per_zone, count, &mut self.rng) {
                    self.state.next_task_number += 1;
                    let id = format!("task-{}", self.state.next_task_number);
                    let mut record = self.task_record(plan, id);
                    self.timeline.push(TimelineEntry {
                        at: 0,
                        kind: "TaskPlaced".to_owned(),
                        request: plan.path.clone(),
                        task_id: Some(record.task_id.clone()),
                        container_instance: None,
                        message: format!("{} placed on Fargate in {zone}", record.task_id),
                    });
                    record.availability_zone = Some(zone);
                    self.tasks.push(record);
                }
            }
        }
        if let Some(service) = &plan.service_name {
            let started = &self.tasks[started_before..];
            if !started.is_empty() {
                let list: Vec<String> = started
                    .iter()
                    .map(|t| format!("(task {})", t.task_id))
                    .collect();
                self.events.push(ServiceEvent {
                    at: 0,
                    service: service.clone(),
                    message: format!(
                        "service {service} has started {} tasks: {}.",
                        started.len(),
                        list.join(" ")
                    ),
                });
            }
            if started.len() == plan.request.count as usize && count == plan.request.count {
                self.events.push(ServiceEvent {
                    at: 0,
                    service: service.clone(),
                    message: format!("service {service} has reached a steady state."),
                });
            }
        }
    }

    fn finish(self, world: &World) -> Outcome {
        let container_instances = self
            .state
            .instances
            .iter()
            .map(|i| InstanceRecord {
                id: i.id.clone(),
                ec2_instance_id: i.ec2_instance_id.clone().unwrap_or_default(),
                instance_type: i
                    .attribute_value("ecs.instance-type")
                    .unwrap_or("")
                    .to_owned(),
                availability_zone: i.availability_zone().unwrap_or("").to_owned(),
                status: i.status.as_str().to_owned(),
                agent_connected: i.agent_connected,
                registered_cpu: i.registered_cpu,
                registered_memory: i.registered_memory,
                remaining_cpu: u32::try_from(i.remaining_cpu.max(0)).unwrap_or(u32::MAX),
                remaining_memory: u32::try_from(i.remaining_memory.max(0)).unwrap_or(u32::MAX),
                eni_limit: i.eni_task_limit,
                enis_in_use: i.enis_in_use,
                task_ports: i.used_tcp_ports.iter().copied().collect(),
                attributes: i
                    .attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            })
            .collect();
        Outcome {
            cluster: world.cluster.clone(),
            availability_zones: world.availability_zones.clone(),
            container_instances,
            tasks: self.tasks,
            failures: self.failures,
            events: self.events,
            timeline: self.timeline,
        }
    }
}

/// A task definition reference resolved to its registration.
fn resolve<'w>(world: &'w World, reference: &str) -> Result<(&'w TaskDefinition, String), String> {
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
    let registered: Vec<(u32, &TaskDefinition)> = world.registered_revisions(family);
    let found = match revision {
        Some(r) => registered.iter().find(|(rev, _)| *rev == r),
        None => registered.last(),
    };
    match found {
        Some((rev, td)) => Ok((td, format!("{family}:{rev}"))),
        None if registered.is_empty() => Err(format!(
            "Unable to describe task definition. No task definition family '{family}' is registered in this scenario."
        )),
        None => Err(format!(
            "Unable to describe task definition. Family '{family}' has revisions 1 to {}, not {}.",
            registered.len(),
            revision.unwrap_or_default()
        )),
    }
}

fn plan(world: &World) -> (Vec<PlannedRequest>, Vec<Diagnostic>) {
    let mut plans = Vec::new();
    let mut diagnostics = Vec::new();
    for (i, service) in world.services.iter().enumerate() {
        let path = format!("services[{i}]");
        if let Some(p) = plan_service(world, service, &path, &mut diagnostics) {
            plans.push(p);
        }
    }
    for (i, run_task) in world.run_tasks.iter().enumerate() {
        let path = format!("runTasks[{i}]");
        if let Some(p) = plan_run_task(world, run_task, &path, &mut diagnostics) {
            plans.push(p);
        }
    }
    (plans, diagnostics)
}

fn platform(
    launch_type: Option<LaunchType>,
    capacity_providers: Option<&[ecs_model::CapacityProviderStrategyItem]>,
    task_definition: &TaskDefinition,
) -> Platform {
    let fargate_provider = capacity_providers.is_some_and(|items| {
        items.iter().any(|item| {
            matches!(
                item.capacity_provider.as_deref(),
                Some("FARGATE" | "FARGATE_SPOT")
            )
        })
    });
    let only_fargate = task_definition
        .requires_compatibilities
        .as_deref()
        .is_some_and(|c| c == [Compatibility::Fargate]);
    match launch_type {
        Some(LaunchType::Fargate) => Platform::Fargate,
        Some(_) => Platform::Ec2,
        None if fargate_provider || (capacity_providers.is_none() && only_fargate) => {
            Platform::Fargate
        }
        None => Platform::Ec2,
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

fn plan_service(
    world: &World,
    service: &CreateServiceRequest,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PlannedRequest> {
    let name = service.service_name.clone().unwrap_or_default();
    let reference = service.task_definition.as_deref().unwrap_or_default();
    let (task_definition, resolved) = match resolve(world, reference) {
        Ok(found) => found,
        Err(message) => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.taskDefinition"),
                message,
                "A service names a task definition of the scenario by family, family:revision or ARN.",
            ));
            return None;
        }
    };
    let platform = platform(
        service.launch_type,
        service.capacity_provider_strategy.as_deref(),
        task_definition,
    );
    let daemon = service.scheduling_strategy() == SchedulingStrategy::Daemon;
    let mut constraints = service.placement_constraints().to_vec();
    let count = if daemon {
        // [MODEL] A daemon service asks for one task on each instance: a distinctInstance request
        // for as many tasks as there are instances, which leaves out the instances that cannot
        // take one and reports them.
        constraints.push(ecs_model::PlacementConstraint {
            type_: Some(ecs_model::PlacementConstraintType::DistinctInstance),
            expression: None,
            extra: Default::default(),
        });
        u32::try_from(world.container_instances.len()).unwrap_or(u32::MAX)
    } else {
        u32::try_from(service.desired_count.unwrap_or(0).max(0)).unwrap_or(0)
    };
    let request = build_request(
        world,
        path,
        task_definition,
        format!("service:{name}"),
        count,
        RequestKind::Service { name: name.clone() },
        service.placement_strategy(),
        &constraints,
        diagnostics,
    )?;
    Some(PlannedRequest {
        path: path.to_owned(),
        service_name: Some(name),
        task_definition: resolved,
        platform,
        request,
    })
}

fn plan_run_task(
    world: &World,
    run_task: &RunTaskRequest,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<PlannedRequest> {
    let reference = run_task.task_definition.as_deref().unwrap_or_default();
    let (task_definition, resolved) = match resolve(world, reference) {
        Ok(found) => found,
        Err(message) => {
            diagnostics.push(Diagnostic::error(
                format!("{path}.taskDefinition"),
                message,
                "RunTask names a task definition of the scenario by family, family:revision or ARN.",
            ));
            return None;
        }
    };
    let family = resolved.split(':').next().unwrap_or_default();
    let group = run_task
        .group
        .clone()
        .unwrap_or_else(|| format!("family:{family}"));
    let platform = platform(
        run_task.launch_type,
        run_task.capacity_provider_strategy.as_deref(),
        task_definition,
    );
    let count = u32::try_from(run_task.count().max(0)).unwrap_or(0);
    let request = build_request(
        world,
        path,
        task_definition,
        group,
        count,
        RequestKind::RunTask,
        run_task.placement_strategy.as_deref().unwrap_or_default(),
        run_task
            .placement_constraints
            .as_deref()
            .unwrap_or_default(),
        diagnostics,
    )?;
    Some(PlannedRequest {
        path: path.to_owned(),
        service_name: None,
        task_definition: resolved,
        platform,
        request,
    })
}
