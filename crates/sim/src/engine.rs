//! The discrete-event simulation: a virtual clock, a queue of events ordered by (time, sequence),
//! the task lifecycle, the service scheduler (REPLICA and DAEMON, deployments, circuit breaker,
//! throttle, AZ rebalancing) and the actions of the timeline.
//!
//! Every change of state pushes a timeline entry right after it happens, so the state after the
//! first `n` entries is well defined: a [`Probe`] stops the run there and takes a snapshot.

use std::collections::{BTreeMap, BTreeSet};

use ecs_model::{CreateServiceRequest, Diagnostic, SchedulingStrategy};
use ecs_placement::{
    ClusterState, ContainerInstanceStatus, DesiredStatus, Explanation, PlacementConstraint,
    PlacementFailure, PlacementRng, PlacementStrategy, explain_next, place, place_fargate,
    service_event, split_capacity_providers,
};

use crate::adapt;
use crate::load_balancing::{
    EphemeralPorts, TargetGroupRecord, TargetRecord, target_health, task_ip,
};
use crate::outcome::{
    CapacityProviderRecord, DeploymentRecord, FailureRecord, InstanceRecord, Outcome, ServiceEvent,
    ServiceRecord, TaskRecord, TimelineEntry,
};
use crate::plan::{Platform, Revision, Template};
use crate::world::{Action, TaskBehaviour, World};

const ACCOUNT_REGION: &str = "us-east-1:123456789012";

/// Added to an event's sequence number to order it after daemon passes at the same moment.
const DEFAULT_RANK: u64 = 1 << 62;

/// The most events one run processes; a scenario that needs more is cut short with a diagnostic.
pub const MAX_EVENTS: usize = 2_000_000;

/// [MODEL] The throttle's back-off between launch attempts after consecutive tasks failed to
/// start, ending at the documented 27-minute cap (§6.7).
const THROTTLE_BACKOFF: [u64; 8] = [0, 30, 60, 120, 240, 480, 960, 1620];

/// [DOC] The most tasks a service launches in a minute, on Fargate as on EC2 (§10).
const MAX_LAUNCHES_PER_MINUTE: u32 = 500;

/// [DOC] The most services a cluster has, counting DRAINING ones (§10).
const MAX_SERVICES: usize = 5000;

/// [DOC] The most container instances a cluster has registered (§10); INACTIVE (deregistered or
/// terminated) ones do not count.
const MAX_CONTAINER_INSTANCES: usize = 5000;

/// [DOC] The most tasks a cluster keeps in PROVISIONING, waiting for Auto Scaling group capacity
/// (§10).
const MAX_PROVISIONING_TASKS: usize = 500;

/// [DOC] Identical service events are suppressed for six hours unless something else was said.
const EVENT_SUPPRESSION_SECONDS: u64 = 6 * 3600;

/// Where a run stops early, and what it captures there.
#[derive(Debug, Clone, Copy, Default)]
pub struct Probe {
    /// Stop just before the task with this placement index is placed and explain its placement.
    pub explain: Option<usize>,
    /// Stop as soon as the timeline has this many entries.
    pub step: Option<usize>,
    /// Stop before any event later than this time.
    pub at: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    Provisioning,
    Pending,
    Activating,
    Running,
    Deactivating,
    Stopping,
    Deprovisioning,
    Stopped,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Provisioning => "PROVISIONING",
            Status::Pending => "PENDING",
            Status::Activating => "ACTIVATING",
            Status::Running => "RUNNING",
            Status::Deactivating => "DEACTIVATING",
            Status::Stopping => "STOPPING",
            Status::Deprovisioning => "DEPROVISIONING",
            Status::Stopped => "STOPPED",
        }
    }

    fn kind(self) -> &'static str {
        match self {
            Status::Provisioning => "TaskProvisioning",
            Status::Pending => "TaskPending",
            Status::Activating => "TaskActivating",
            Status::Running => "TaskRunning",
            Status::Deactivating => "TaskDeactivating",
            Status::Stopping => "TaskStopping",
            Status::Deprovisioning => "TaskDeprovisioning",
            Status::Stopped => "TaskStopped",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
    Action(usize),
    Advance {
        task: usize,
        epoch: u32,
    },
    Health {
        task: usize,
        epoch: u32,
    },
    Exit {
        task: usize,
        epoch: u32,
    },
    Tick(usize),
    /// A service's next attempt after a failed placement or during the throttle's back-off.
    Retry(usize),
    /// The end of an EC2 Spot instance's two-minute warning.
    Terminate(usize),
    /// Managed scaling reads CapacityProviderReservation of a provider; `busy` when tasks wait
    /// for its capacity or it may scale in.
    Scale {
        provider: usize,
        busy: bool,
    },
    /// An instance launched by a provider's Auto Scaling group joins the cluster.
    Launch(usize),
    /// Service Auto Scaling evaluates a policy's metric (one-minute datapoints); `busy` while a
    /// load point is recent enough that the policy may still act on it.
    AutoScale {
        policy: usize,
        busy: bool,
    },
    /// A task's scale-in protection ends (§6.11).
    ProtectionExpires(usize),
}

impl Event {
    /// Events that happen on their own and change nothing unless something else did: a run
    /// without `until` ends when only these are left.
    fn idle(self) -> bool {
        matches!(
            self,
            Event::Retry(_)
                | Event::Scale { busy: false, .. }
                | Event::AutoScale { busy: false, .. }
        )
    }
}

/// [MODEL] Service Auto Scaling reads one-minute datapoints; target tracking scales out after 3
/// datapoints above the target and in after 15 below 90 % of it.
const AUTO_SCALING_PERIOD: u64 = 60;
const SCALE_OUT_DATAPOINTS: u32 = 3;
const SCALE_IN_DATAPOINTS: u32 = 15;

/// The alarms' state of one scaling policy.
#[derive(Debug, Clone, Default)]
struct Policy {
    above: u32,
    below: u32,
    last_scale_out: Option<u64>,
    last_scale_in: Option<u64>,
    /// Step scaling: consecutive datapoints that breached the alarm's threshold.
    breaching: u32,
    /// Step scaling: the desired count before the last scale-out, while its cooldown lasts.
    scale_out_base: Option<u32>,
    /// Target tracking: when this policy last read a datapoint.
    evaluated_at: Option<u64>,
}

/// What managed scaling knows about one Auto Scaling group provider.
#[derive(Debug, Clone, Default)]
struct Group {
    launching: u32,
    /// A scale-out was held back by the cluster's container instance quota (§10), reported once
    /// until the group launches again.
    at_quota: bool,
    warm_until: u64,
    periods_below_target: u64,
    reservation: Option<u64>,
    /// CPU and memory an instance of the group's type registers.
    instance_cpu: u32,
    instance_memory: u32,
}

#[derive(Debug, Clone)]
struct Task {
    record: TaskRecord,
    service: Option<usize>,
    deployment: usize,
    status: Status,
    stop_requested: bool,
    healthy: Option<bool>,
    epoch: u32,
    instance: Option<usize>,
    on_cluster: bool,
    uses_eni: bool,
    load_balanced: bool,
    health_check: Option<(u64, bool)>,
    fargate: bool,
    behaviour: TaskBehaviour,
    stopping_seconds: Option<u64>,
    /// The longest container `stopTimeout`, if any container sets one.
    stop_timeout: Option<u64>,
    /// A task waiting in PROVISIONING for capacity from an Auto Scaling group provider, with
    /// what it will be placed as.
    waiting: Option<(usize, Box<Template>)>,
    /// When the task's scale-in protection ends, while it has one (§6.11).
    protected_until: Option<u64>,
    /// The queued end of that protection, withdrawn when protection is renewed or cleared.
    protection_event: Option<(u64, u64)>,
    /// The stop reason of a service task that failed its health checks, kept until the service
    /// scheduler stops it (§6.5: its replacement may start first).
    unhealthy_reason: Option<String>,
}

/// Where a new task runs.
enum Site {
    Instance(usize),
    Fargate {
        zone: String,
        provider: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rollout {
    InProgress,
    Completed,
    Failed,
}

#[derive(Debug, Clone)]
struct Deployment {
    id: String,
    template: Template,
    inactive: bool,
    rollout: Rollout,
    reason: String,
    failed_tasks: u32,
    created_at: u64,
}

#[derive(Debug, Clone)]
struct Service {
    name: String,
    path: String,
    spec: CreateServiceRequest,
    daemon: bool,
    desired: u32,
    min_percent: u32,
    max_percent: u32,
    breaker: bool,
    rollback: bool,
    grace: u64,
    rebalancing_enabled: bool,
    deployments: Vec<Deployment>,
    /// Tasks not yet STOPPED.
    tasks: Vec<usize>,
    launch_not_before: u64,
    start_failures: u32,
    waiting: bool,
    steady: bool,
    rebalancing: bool,
    imbalance_reported: bool,
    tick_at: Option<u64>,
    retry_at: Option<u64>,
    last_event: Option<(u64, String)>,
    /// Protected tasks the scheduler is holding back from a scale-in or a deployment, each
    /// announced on the timeline once per stretch of being held.
    held: BTreeSet<usize>,
    /// `ACTIVE`, `DRAINING` after DeleteService, `INACTIVE` once its tasks are stopping.
    status: &'static str,
    /// The launch rate's current minute: when it began and the tasks launched in it (§10).
    launch_window: (u64, u32),
    /// The pass queued for when that minute ends, while launches wait for it.
    launch_window_tick: Option<u64>,
}

impl Service {
    fn primary(&self) -> usize {
        self.deployments.len().saturating_sub(1)
    }
}

/// The simulation in progress.
pub struct Sim<'w> {
    world: &'w World,
    probe: Probe,
    pub(crate) now: u64,
    cluster: ClusterState,
    rng: PlacementRng,
    revisions: Vec<Revision>,
    tasks: Vec<Task>,
    services: Vec<Service>,
    terminated: Vec<bool>,
    lost_in_outage: Vec<bool>,
    /// The Auto Scaling group provider each instance belongs to.
    provider_of: Vec<Option<usize>>,
    /// Instances a scale-in is draining, terminated once no task runs there (managed draining).
    leaving: BTreeSet<usize>,
    groups: Vec<Group>,
    policies: Vec<Policy>,
    failed_zones: BTreeSet<String>,
    queue: BTreeMap<(u64, u64), Event>,
    sequence: u64,
    busy: usize,
    processed: usize,
    end: Option<u64>,
    horizon: u64,
    /// Until when Service Auto Scaling datapoints keep a run without `until` going.
    load_horizon: u64,
    placements: usize,
    next_deployment: u64,
    timeline: Vec<TimelineEntry>,
    events: Vec<ServiceEvent>,
    failures: Vec<FailureRecord>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    halted: bool,
    /// The probed step is an action's entry: the snapshot waits for the action's own changes
    /// (a new desired count, a draining instance) and is taken before the next entry.
    capture_after_action: bool,
    pub(crate) explanation: Option<Explanation>,
    pub(crate) snapshot: Option<Outcome>,
}

impl<'w> Sim<'w> {
    /// The cluster as declared, nothing placed yet.
    pub fn new(world: &'w World, probe: Probe) -> Self {
        let instances: Vec<_> = world
            .container_instances
            .iter()
            .enumerate()
            .map(|(i, ci)| adapt::instance_state(ci, &format!("ci-{}", i + 1)))
            .collect();
        let n = instances.len();
        let last_action = world.actions.iter().map(|a| a.at).max().unwrap_or(0);
        let last_load = world
            .auto_scaling
            .iter()
            .flat_map(|policy| policy.load.iter().map(|(at, _)| *at))
            .max();
        let settle = world.timings.settle_horizon;
        Sim {
            world,
            probe,
            now: 0,
            cluster: ClusterState::new(instances, Vec::new()),
            rng: PlacementRng::seed_from_u64(world.seed),
            revisions: crate::plan::initial_revisions(world),
            tasks: Vec::new(),
            services: Vec::new(),
            terminated: vec![false; n],
            lost_in_outage: vec![false; n],
            provider_of: world
                .container_instances
                .iter()
                .map(|ci| {
                    let name = ci.capacity_provider_name.as_deref()?;
                    world.capacity_providers.iter().position(|p| p.name == name)
                })
                .collect(),
            leaving: BTreeSet::new(),
            groups: world
                .capacity_providers
                .iter()
                .map(|p| {
                    let (instance_cpu, instance_memory) = ecs_model::container_instance_from_spec(
                        &instance_spec(&p.instance_type, ""),
                        "",
                        "",
                    )
                    .map(|ci| {
                        let state = adapt::instance_state(&ci, "");
                        (state.registered_cpu, state.registered_memory)
                    })
                    .unwrap_or((0, 0));
                    Group {
                        instance_cpu,
                        instance_memory,
                        ..Group::default()
                    }
                })
                .collect(),
            failed_zones: BTreeSet::new(),
            policies: vec![Policy::default(); world.auto_scaling.len()],
            queue: BTreeMap::new(),
            sequence: 0,
            busy: 0,
            processed: 0,
            end: world.until,
            horizon: last_action
                .max(last_load.unwrap_or(0))
                .saturating_add(settle),
            load_horizon: last_load.map_or(0, |at| at.saturating_add(settle)),
            placements: 0,
            next_deployment: 0,
            timeline: Vec::new(),
            events: Vec::new(),
            failures: Vec::new(),
            diagnostics: Vec::new(),
            halted: false,
            capture_after_action: false,
            explanation: None,
            snapshot: None,
        }
    }

    pub fn cluster(&self) -> &ClusterState {
        &self.cluster
    }

    /// Runs the whole scenario (or up to the probe).
    pub fn run(&mut self) {
        if self.probe.step == Some(0) {
            self.capture();
            return;
        }
        let world = self.world;
        for i in 0..self.cluster.instances.len() {
            if let Some(p) = self.provider_of[i] {
                let name = world.capacity_providers[p].name.clone();
                self.cluster.instances[i]
                    .attributes
                    .insert(CAPACITY_PROVIDER_ATTRIBUTE.to_owned(), name);
            }
        }
        for (p, provider) in world.capacity_providers.iter().enumerate() {
            // The group starts at its minimum size, already in service.
            let have = self.provider_of.iter().filter(|&&x| x == Some(p)).count() as u32;
            for _ in have..provider.min_size {
                self.add_group_instance(p, "");
            }
        }
        // [DOC] Daemon tasks are the first to launch on an instance (§6.3): with a daemon among
        // them, the scenario's services are all created first, then the daemon services place
        // before the replica services, whatever their order in the file.
        let any_daemon = world
            .services
            .iter()
            .any(|s| s.scheduling_strategy() == SchedulingStrategy::Daemon);
        for (i, service) in world.services.iter().enumerate() {
            self.create_service(service.clone(), None, format!("services[{i}]"), !any_daemon);
            if self.halted {
                return;
            }
        }
        if any_daemon {
            let daemons_first: Vec<usize> = (0..self.services.len())
                .filter(|&s| self.services[s].daemon)
                .chain((0..self.services.len()).filter(|&s| !self.services[s].daemon))
                .collect();
            for s in daemons_first {
                self.reconcile(s);
                if self.halted {
                    return;
                }
            }
        }
        for (i, run_task) in world.run_tasks.iter().enumerate() {
            self.run_task(run_task, &format!("runTasks[{i}]"));
            if self.halted {
                return;
            }
        }
        for (p, provider) in world.capacity_providers.iter().enumerate() {
            if provider.managed_scaling.is_some() {
                self.schedule_scaling(p, 0);
            }
        }
        for policy in 0..world.auto_scaling.len() {
            self.schedule_auto_scale(AUTO_SCALING_PERIOD, policy);
        }
        let mut order: Vec<usize> = (0..world.actions.len()).collect();
        order.sort_by_key(|&i| world.actions[i].at);
        for i in order {
            self.schedule(world.actions[i].at, Event::Action(i));
        }
        self.event_loop();
    }

    fn event_loop(&mut self) {
        while !self.halted {
            let Some((&(at, seq), &event)) = self.queue.first_key_value() else {
                break;
            };
            if self.end.is_some_and(|end| at > end) || self.probe.at.is_some_and(|t| at > t) {
                break;
            }
            if self.end.is_none() && (self.busy == 0 || at > self.horizon) {
                // Without `until`, only retries that cannot succeed are left, or the run has gone
                // on long enough after the last action.
                break;
            }
            if self.processed >= MAX_EVENTS {
                self.diagnostics.push(Diagnostic::warning(
                    "until",
                    format!(
                        "The run stopped at {at} s after {MAX_EVENTS} events; the rest of the timeline is not simulated."
                    ),
                    "Shorten the timeline (until) or make the cluster smaller.",
                ));
                break;
            }
            self.queue.remove(&(at, seq));
            if !event.idle() {
                self.busy -= 1;
            }
            self.processed += 1;
            self.now = at;
            self.handle(event);
        }
        if !self.halted
            && let Some(t) = self.probe.at.or(self.end)
        {
            self.now = self.now.max(t);
        }
    }

    fn schedule(&mut self, at: u64, event: Event) -> (u64, u64) {
        self.sequence += 1;
        if !event.idle() {
            self.busy += 1;
        }
        // [DOC] Daemon tasks launch first and ECS keeps their resources from pending replica tasks
        // (§6.3). [MODEL] A daemon service's pass goes ahead of everything else queued for the
        // same moment, so it places before a replica service that the same change woke.
        let rank = match event {
            Event::Tick(s) | Event::Retry(s) if self.services[s].daemon => 0,
            _ => DEFAULT_RANK,
        };
        let key = (at, rank | self.sequence);
        self.queue.insert(key, event);
        key
    }

    /// Withdraws a queued event, so that a run without `until` does not wait for it.
    fn cancel(&mut self, key: (u64, u64)) {
        if let Some(event) = self.queue.remove(&key)
            && !event.idle()
        {
            self.busy -= 1;
        }
    }

    fn handle(&mut self, event: Event) {
        match event {
            Event::Action(i) => self.action(i),
            Event::Advance { task, epoch } => {
                if self.tasks[task].epoch == epoch {
                    self.advance(task);
                }
            }
            Event::Health { task, epoch } => {
                if self.tasks[task].epoch == epoch {
                    self.health_verdict(task);
                }
            }
            Event::Exit { task, epoch } => {
                if self.tasks[task].epoch == epoch {
                    self.request_stop(
                        task,
                        "EssentialContainerExited",
                        "Essential container in task exited".to_owned(),
                    );
                }
            }
            Event::Tick(s) => {
                if self.services[s].tick_at == Some(self.now) {
                    self.services[s].tick_at = None;
                }
                self.reconcile(s);
            }
            Event::Retry(s) => {
                if self.services[s].retry_at == Some(self.now) {
                    self.services[s].retry_at = None;
                }
                self.reconcile(s);
            }
            Event::Terminate(i) => self.terminate_instance(i, "spot interruption"),
            Event::Scale { provider, .. } => self.managed_scaling(provider),
            Event::Launch(provider) => self.launch_instance(provider),
            Event::AutoScale { policy, .. } => self.auto_scale(policy),
            Event::ProtectionExpires(t) => {
                self.tasks[t].protection_event = None;
                self.set_protection(t, None);
                let id = self.tasks[t].record.task_id.clone();
                self.task_entry(
                    t,
                    "TaskProtectionExpired",
                    format!("{id} scale-in protection expired"),
                );
                if let Some(s) = self.tasks[t].service {
                    self.schedule_tick(s);
                }
            }
        }
    }

    // ---------------------------------------------------------------- timeline and events

    fn push_entry(
        &mut self,
        kind: &str,
        request: &str,
        task_id: Option<String>,
        container_instance: Option<String>,
        service: Option<String>,
        message: String,
    ) {
        self.capture_pending_action();
        self.timeline.push(TimelineEntry {
            at: self.now,
            kind: kind.to_owned(),
            request: request.to_owned(),
            task_id,
            container_instance,
            message,
            service,
        });
        if self.probe.step == Some(self.timeline.len()) {
            self.capture();
        }
    }

    fn task_entry(&mut self, t: usize, kind: &str, message: String) {
        let task = &self.tasks[t];
        let (request, id, instance, service) = (
            task.record.request.clone(),
            task.record.task_id.clone(),
            task.record.container_instance.clone(),
            task.record.service.clone(),
        );
        self.push_entry(kind, &request, Some(id), instance, service, message);
    }

    fn service_entry(&mut self, s: usize, kind: &str, message: String) {
        let (path, name) = (self.services[s].path.clone(), self.services[s].name.clone());
        self.push_entry(kind, &path, None, None, Some(name), message);
    }

    /// A service event, unless the service said exactly the same thing last, less than six
    /// hours ago.
    fn service_event(&mut self, s: usize, message: String) {
        let now = self.now;
        let service = &mut self.services[s];
        if let Some((at, last)) = &service.last_event
            && *last == message
            && now.saturating_sub(*at) < EVENT_SUPPRESSION_SECONDS
        {
            return;
        }
        service.last_event = Some((now, message.clone()));
        self.events.push(ServiceEvent {
            at: now,
            service: service.name.clone(),
            message,
        });
    }

    fn capture(&mut self) {
        self.snapshot = Some(self.outcome());
        self.halted = true;
    }

    /// Takes the snapshot an action's probed step waits for, if one does; true when it did.
    fn capture_pending_action(&mut self) -> bool {
        let pending = std::mem::take(&mut self.capture_after_action);
        if pending {
            self.capture();
        }
        pending
    }

    /// Problems found while running: errors for the requests of the scenario's start, warnings
    /// for actions, which AWS would reject at their moment without stopping the rest.
    fn report(&mut self, found: Vec<Diagnostic>) {
        for mut d in found {
            if d.path.starts_with("actions") {
                d.severity = ecs_model::Severity::Warning;
            }
            self.diagnostics.push(d);
        }
    }

    fn warn(&mut self, path: &str, message: String, explanation: &str) {
        self.diagnostics
            .push(Diagnostic::warning(path, message, explanation));
    }

    // ---------------------------------------------------------------- task lifecycle

    fn duration(&self, t: usize, status: Status) -> u64 {
        let timings = &self.world.timings;
        let task = &self.tasks[t];
        match status {
            Status::Provisioning if task.fargate => timings.fargate_provisioning_seconds,
            Status::Provisioning if task.uses_eni => timings.provisioning_seconds,
            Status::Pending => timings.pending_seconds,
            Status::Activating if task.load_balanced => timings.activating_seconds,
            Status::Deactivating if task.load_balanced => timings.deactivating_seconds,
            // [MODEL] A task takes `stoppingSeconds` to stop, or its longest container stopTimeout
            // if that is shorter: the agent kills what has not exited by then.
            Status::Stopping => task.stopping_seconds.unwrap_or_else(|| {
                task.stop_timeout.map_or(timings.stopping_seconds, |t| {
                    t.min(timings.stopping_seconds)
                })
            }),
            Status::Deprovisioning if task.fargate || task.uses_eni => {
                timings.deprovisioning_seconds
            }
            _ => 0,
        }
    }

    /// Moves a task into `status`, skipping states that take no time.
    fn enter(&mut self, t: usize, mut status: Status) {
        loop {
            let duration = self.duration(t, status);
            let terminal = matches!(status, Status::Running | Status::Stopped);
            if duration == 0 && !terminal {
                status = match status {
                    Status::Provisioning => Status::Pending,
                    Status::Pending => Status::Activating,
                    Status::Activating => Status::Running,
                    Status::Deactivating => Status::Stopping,
                    Status::Stopping => Status::Deprovisioning,
                    _ => Status::Stopped,
                };
                continue;
            }
            let task = &mut self.tasks[t];
            task.status = status;
            task.record.last_status = status.as_str().to_owned();
            let id = task.record.task_id.clone();
            let message = match status {
                Status::Stopped => format!(
                    "{id} STOPPED ({})",
                    task.record.stopped_reason.as_deref().unwrap_or("-")
                ),
                _ => format!("{id} {}", status.as_str()),
            };
            match status {
                Status::Running => {
                    self.task_entry(t, status.kind(), message);
                    self.on_running(t);
                }
                Status::Stopped => self.on_stopped(t, message),
                _ => {
                    self.task_entry(t, status.kind(), message);
                    let epoch = self.tasks[t].epoch;
                    self.schedule(self.now + duration, Event::Advance { task: t, epoch });
                }
            }
            if status >= Status::Stopping
                && let Some(s) = self.tasks[t].service
            {
                self.settle_deleted(s);
            }
            return;
        }
    }

    fn advance(&mut self, t: usize) {
        let next = match self.tasks[t].status {
            Status::Provisioning => Status::Pending,
            Status::Pending => {
                if self.tasks[t].behaviour.fails_to_start {
                    self.fail_to_start(t);
                    return;
                }
                Status::Activating
            }
            Status::Activating => Status::Running,
            Status::Deactivating => Status::Stopping,
            Status::Stopping => Status::Deprovisioning,
            Status::Deprovisioning => Status::Stopped,
            Status::Running | Status::Stopped => return,
        };
        self.enter(t, next);
    }

    fn fail_to_start(&mut self, t: usize) {
        let image = self.image_of(t);
        self.request_stop(
            t,
            "TaskFailedToStart",
            format!(
                "CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref {image}: not found"
            ),
        );
        let Some(s) = self.tasks[t].service else {
            return;
        };
        let d = self.tasks[t].deployment;
        self.services[s].deployments[d].failed_tasks += 1;
        // The throttle: tasks that never reach RUNNING slow the service's launches down.
        let service = &mut self.services[s];
        service.start_failures += 1;
        let step = (service.start_failures as usize - 1).min(THROTTLE_BACKOFF.len() - 1);
        let delay = THROTTLE_BACKOFF[step];
        service.launch_not_before = self.now + delay;
        if delay > 0 {
            let name = service.name.clone();
            self.service_event(
                s,
                format!("(service {name}) is unable to consistently start tasks successfully."),
            );
        }
        self.check_circuit_breaker(s, d, "tasks failed to start");
    }

    fn image_of(&self, t: usize) -> String {
        let td = &self.tasks[t].record.task_definition;
        self.revisions
            .iter()
            .find(|r| r.name() == *td)
            .and_then(|r| {
                r.definition
                    .container_definitions
                    .as_deref()?
                    .first()?
                    .image
                    .clone()
            })
            .unwrap_or_else(|| "image".to_owned())
    }

    fn on_running(&mut self, t: usize) {
        let now = self.now;
        let timings = &self.world.timings;
        let task = &mut self.tasks[t];
        task.record.started_at = Some(now);
        let grace = task.service.map_or(0, |s| self.services[s].grace);
        // The grace period hides UNHEALTHY verdicts, not HEALTHY ones (§6.5).
        let verdict_after = match task.health_check {
            _ if task.behaviour.unhealthy => timings.health_check_seconds.max(grace),
            Some((after, true)) => after.max(grace),
            Some((after, false)) => after,
            None => timings.healthy_after_seconds,
        };
        if matches!(task.health_check, Some((_, true))) {
            task.behaviour.unhealthy = true;
        }
        let exits_after = task.behaviour.essential_container_exits_after;
        let epoch = task.epoch;
        self.schedule(now + verdict_after, Event::Health { task: t, epoch });
        if let Some(after) = exits_after {
            self.schedule(now + after, Event::Exit { task: t, epoch });
        }
        if let Some(s) = self.tasks[t].service {
            // Tasks that reach RUNNING end the throttle's back-off (§6.7).
            self.services[s].start_failures = 0;
            self.schedule_tick(s);
        }
    }

    fn health_verdict(&mut self, t: usize) {
        if self.tasks[t].stop_requested {
            return;
        }
        let id = self.tasks[t].record.task_id.clone();
        if self.tasks[t].behaviour.unhealthy {
            self.tasks[t].healthy = Some(false);
            self.tasks[t].record.health_status = "UNHEALTHY".to_owned();
            self.task_entry(t, "TaskUnhealthy", format!("{id} UNHEALTHY"));
            if let Some(s) = self.tasks[t].service {
                let name = self.services[s].name.clone();
                // Without a container health check, the verdict is the load balancer's: the
                // task failed its target group's health checks (§7.3).
                let target_group = self.tasks[t]
                    .health_check
                    .is_none()
                    .then(|| {
                        self.services[s]
                            .spec
                            .load_balancers
                            .as_deref()
                            .unwrap_or_default()
                            .iter()
                            .find_map(|lb| Some((lb.target_group_arn.clone()?, lb.container_port)))
                    })
                    .flatten();
                let (event, reason) = match target_group {
                    Some((arn, port)) => (
                        format!(
                            "service {name} (task {id}) (port {}) is unhealthy in (target-group {arn}) due to (reason Health checks failed).",
                            port.unwrap_or(0)
                        ),
                        format!("Task failed ELB health checks in (target-group {arn})"),
                    ),
                    None => (
                        format!("service {name} (task {id}) failed container health checks."),
                        "Task failed container health checks".to_owned(),
                    ),
                };
                self.service_event(s, event);
                let d = self.tasks[t].deployment;
                self.services[s].deployments[d].failed_tasks += 1;
                // [API][DOC] §6.5: the task is not stopped at its verdict; the service scheduler
                // replaces it, starting the replacement first when maximumPercent leaves room.
                self.tasks[t].unhealthy_reason = Some(reason);
                self.schedule_tick(s);
                self.check_circuit_breaker(s, d, "tasks failed health checks");
            }
            return;
        }
        self.tasks[t].healthy = Some(true);
        self.tasks[t].record.health_status = "HEALTHY".to_owned();
        self.task_entry(t, "TaskHealthy", format!("{id} HEALTHY"));
        if let Some(s) = self.tasks[t].service {
            // resetOnHealthyTask (default true): a healthy task clears the failure count.
            let d = self.tasks[t].deployment;
            self.services[s].deployments[d].failed_tasks = 0;
            self.schedule_tick(s);
        }
    }

    /// Stops a service task that failed its health checks, with the reason its verdict gave.
    fn stop_unhealthy(&mut self, t: usize) {
        let reason = self.tasks[t]
            .unhealthy_reason
            .clone()
            .unwrap_or_else(|| "Task failed container health checks".to_owned());
        self.request_stop(t, "ServiceSchedulerInitiated", reason);
    }

    /// Whether one of the service's unhealthy tasks is still on its way to STOPPED.
    fn unhealthy_stopping(&self, s: usize) -> bool {
        self.services[s].tasks.iter().any(|&t| {
            let task = &self.tasks[t];
            task.stop_requested && task.unhealthy_reason.is_some()
        })
    }

    /// Flips the task's desired status to STOPPED; its last status follows.
    fn request_stop(&mut self, t: usize, code: &str, reason: String) {
        if self.tasks[t].stop_requested {
            return;
        }
        let now = self.now;
        let task = &mut self.tasks[t];
        task.stop_requested = true;
        task.epoch += 1;
        task.record.desired_status = "STOPPED".to_owned();
        task.record.stop_code = Some(code.to_owned());
        task.record.stopped_reason = Some(reason.clone());
        task.record.stopping_at = Some(now);
        let id = task.record.task_id.clone();
        if task.on_cluster {
            self.cluster.set_desired_status(&id, DesiredStatus::Stopped);
        }
        self.task_entry(
            t,
            "TaskStopRequested",
            format!("{id} stop: {code} ({reason})"),
        );
        let next = match self.tasks[t].status {
            Status::Provisioning | Status::Pending => Some(Status::Deprovisioning),
            Status::Activating | Status::Running => Some(Status::Deactivating),
            _ => None,
        };
        if let Some(next) = next {
            self.enter(t, next);
        }
        if let Some(s) = self.tasks[t].service {
            self.schedule_tick(s);
        }
    }

    /// Stops a task at once: its host or its Availability Zone is gone.
    fn force_stop(&mut self, t: usize, code: &str, reason: String) {
        if self.tasks[t].status == Status::Stopped {
            return;
        }
        if !self.tasks[t].stop_requested {
            let task = &mut self.tasks[t];
            task.stop_requested = true;
            task.record.desired_status = "STOPPED".to_owned();
            task.record.stop_code = Some(code.to_owned());
            task.record.stopped_reason = Some(reason);
            task.record.stopping_at = Some(self.now);
        }
        self.tasks[t].epoch += 1;
        self.enter(t, Status::Stopped);
    }

    fn on_stopped(&mut self, t: usize, message: String) {
        let now = self.now;
        let task = &mut self.tasks[t];
        task.record.stopped_at = Some(now);
        task.record.desired_status = "STOPPED".to_owned();
        let was_on_cluster = std::mem::take(&mut task.on_cluster);
        let id = task.record.task_id.clone();
        if was_on_cluster {
            self.cluster.remove_task(&id);
        }
        self.set_protection(t, None);
        if let Some(s) = self.tasks[t].service {
            self.services[s].tasks.retain(|&x| x != t);
            self.schedule_tick(s);
        }
        self.task_entry(t, "TaskStopped", message);
        // A drained instance of a scale-in goes once its last task has stopped (§9.4).
        if let Some(i) = self.tasks[t].instance
            && self.leaving.contains(&i)
            && !self.has_tasks(i)
        {
            self.terminate_instance(i, "terminated by Auto Scaling scale-in");
        }
        if was_on_cluster {
            // Freed capacity may let a waiting service place, or a draining daemon stop.
            for s in 0..self.services.len() {
                if self.services[s].waiting || self.services[s].daemon {
                    self.schedule_tick(s);
                }
            }
        }
    }

    // ---------------------------------------------------------------- placement

    fn new_task(
        &mut self,
        template: &Template,
        path: &str,
        service: Option<usize>,
        task_id: String,
        site: Site,
    ) -> usize {
        let (instance, zone, capacity_provider) = match site {
            Site::Instance(i) => (Some(i), None, None),
            Site::Fargate { zone, provider } => (None, Some(zone), provider),
        };
        let (mut record, deployment) = self.new_task_record(template, path, service, task_id);
        record.container_instance = instance.map(|i| self.cluster.instances[i].id.clone());
        record.availability_zone = match instance {
            Some(i) => self.cluster.instances[i]
                .availability_zone()
                .map(str::to_owned),
            None => zone,
        };
        record.launch_type = template.platform.launch_type().to_owned();
        record.placement_index = self.placements;
        record.capacity_provider_name = capacity_provider;
        self.placements += 1;
        let t = self.tasks.len();
        self.tasks.push(Task {
            record,
            service,
            deployment,
            status: Status::Provisioning,
            stop_requested: false,
            healthy: None,
            epoch: 0,
            instance,
            on_cluster: instance.is_some(),
            uses_eni: template.request.requirements.uses_eni,
            load_balanced: template.load_balanced,
            health_check: template.health_check,
            stop_timeout: template.stop_timeout,
            fargate: template.platform == Platform::Fargate,
            behaviour: template.behaviour.clone(),
            stopping_seconds: None,
            waiting: None,
            protected_until: None,
            protection_event: None,
            unhealthy_reason: None,
        });
        if let Some(s) = service {
            self.services[s].tasks.push(t);
        }
        let task = &self.tasks[t];
        let message = format!(
            "{} placed on {} ({})",
            task.record.task_id,
            task.record
                .container_instance
                .as_deref()
                .unwrap_or("Fargate"),
            task.record.availability_zone.as_deref().unwrap_or("-")
        );
        self.task_entry(t, "TaskPlaced", message);
        if !self.halted {
            self.enter(t, Status::Provisioning);
        }
        t
    }

    /// Places up to `n` tasks of `template`; returns the tasks placed and the failure that
    /// stopped the rest, if any. `zone` restricts the placement to one Availability Zone.
    fn place_tasks(
        &mut self,
        template: &Template,
        path: &str,
        service: Option<usize>,
        n: u32,
        zone: Option<&str>,
    ) -> (Vec<usize>, Option<PlacementFailure>, Option<String>) {
        let mut placed = Vec::new();
        // A task placed by an action has entries of its own, after the action's.
        if self.capture_pending_action() {
            return (placed, None, None);
        }
        if template.platform == Platform::Fargate {
            return self.place_on_fargate(template, path, service, n, zone);
        }
        if !template.capacity_providers.is_empty() {
            return self.place_on_groups(template, path, service, n, zone);
        }
        let mut request = template.request.clone();
        request.constraints.extend(zone.and_then(in_zone));
        let mut remaining = n;
        while remaining > 0 && !self.halted {
            // Placing a batch at once gives what placing its tasks one by one gives; one by one
            // is needed only to stop at a step or just before the task to explain.
            let batch = match self.probe.explain {
                Some(k) if (self.placements..self.placements + remaining as usize).contains(&k) => {
                    (k - self.placements) as u32
                }
                // A placed task adds two entries (placed, first state); a batch that ends well
                // before the wanted step cannot hide it.
                _ => match self.probe.step {
                    Some(step) => {
                        let ahead = step.saturating_sub(self.timeline.len()) / 3;
                        remaining
                            .min(u32::try_from(ahead).unwrap_or(u32::MAX))
                            .max(1)
                    }
                    None => remaining,
                },
            };
            request.count = batch;
            if batch == 0 {
                // The task to explain is next, unless it finds no room now and is placed later.
                let explanation = explain_next(&self.cluster, &request, &self.rng);
                if explanation.chosen.is_some() {
                    self.explanation = Some(explanation);
                    self.halted = true;
                    break;
                }
                request.count = remaining;
            }
            let outcome = place(&mut self.cluster, &request, &mut self.rng);
            if let Some(error) = outcome.request_error {
                return (placed, None, Some(error.message));
            }
            remaining -= outcome.placed.len() as u32;
            for p in outcome.placed {
                let t = self.new_task(
                    template,
                    path,
                    service,
                    p.task_id,
                    Site::Instance(p.instance),
                );
                placed.push(t);
            }
            if let Some(failure) = outcome.failures.into_iter().next() {
                return (placed, Some(failure), None);
            }
        }
        (placed, None, None)
    }

    fn place_on_fargate(
        &mut self,
        template: &Template,
        path: &str,
        service: Option<usize>,
        n: u32,
        zone: Option<&str>,
    ) -> (Vec<usize>, Option<PlacementFailure>, Option<String>) {
        let mut placed = Vec::new();
        let group = &template.request.group;
        let live: Vec<usize> = (0..self.tasks.len())
            .filter(|&t| {
                let task = &self.tasks[t];
                task.fargate && !task.stop_requested && task.record.group == *group
            })
            .collect();
        let providers: Vec<Option<String>> = if template.capacity_providers.is_empty() {
            vec![None; n as usize]
        } else {
            let already: Vec<u32> = template
                .capacity_providers
                .iter()
                .map(|item| {
                    live.iter()
                        .filter(|&&t| {
                            self.tasks[t].record.capacity_provider_name.as_deref()
                                == Some(item.capacity_provider.as_str())
                        })
                        .count() as u32
                })
                .collect();
            match split_capacity_providers(&template.capacity_providers, &already, n) {
                Ok(split) => split
                    .into_iter()
                    .map(|i| Some(template.capacity_providers[i].capacity_provider.clone()))
                    .collect(),
                Err(error) => return (placed, None, Some(error.to_string())),
            }
        };
        let zones: Vec<String> = match zone {
            Some(z) => vec![z.to_owned()],
            None => template
                .request
                .requirements
                .subnet_availability_zones
                .clone()
                .unwrap_or_default()
                .into_iter()
                .filter(|z| !self.failed_zones.contains(z))
                .collect(),
        };
        let mut per_zone: BTreeMap<String, u32> = BTreeMap::new();
        for &t in &live {
            if let Some(z) = &self.tasks[t].record.availability_zone {
                *per_zone.entry(z.clone()).or_default() += 1;
            }
        }
        for provider in providers {
            if self.halted {
                break;
            }
            if self.probe.explain == Some(self.placements) {
                // Fargate places by Availability Zone only; there is no instance to explain.
                self.halted = true;
                break;
            }
            let Some(z) = place_fargate(&zones, &per_zone, 1, &mut self.rng)
                .into_iter()
                .next()
            else {
                return (
                    placed,
                    None,
                    Some("No Availability Zone of the task's subnets is available.".to_owned()),
                );
            };
            *per_zone.entry(z.clone()).or_default() += 1;
            self.cluster.next_task_number += 1;
            let id = format!("task-{}", self.cluster.next_task_number);
            let t = self.new_task(
                template,
                path,
                service,
                id,
                Site::Fargate { zone: z, provider },
            );
            placed.push(t);
        }
        (placed, None, None)
    }

    // ---------------------------------------------------------------- RunTask

    fn run_task(&mut self, request: &ecs_model::RunTaskRequest, path: &str) {
        let mut found = Vec::new();
        let template =
            crate::plan::run_task_template(&self.revisions, self.world, request, path, &mut found);
        let first = found.first().map(|d| d.message.clone());
        self.report(found);
        let Some(template) = template else {
            let message = first.unwrap_or_default();
            self.push_entry("TaskNotPlaced", path, None, None, None, message);
            return;
        };
        let count = u32::try_from(request.count().max(0)).unwrap_or(0);
        let (placed, failure, error) = self.place_tasks(&template, path, None, count, None);
        if self.halted {
            return;
        }
        if let Some(error) = error {
            self.failures.push(FailureRecord {
                arn: None,
                reason: "ClientException".to_owned(),
                detail: error.clone(),
                request: path.to_owned(),
            });
            self.push_entry("TaskNotPlaced", path, None, None, None, error);
        } else if let Some(failure) = failure {
            for _ in placed.len()..count as usize {
                self.task_not_placed(
                    failure.closest_instance.clone(),
                    failure.reason.as_str(),
                    failure.detail.clone(),
                    path,
                );
                if self.halted {
                    return;
                }
            }
        }
    }

    /// StartTask (§7.1): one task on each named instance, as a custom scheduler asks. [MODEL] The
    /// named instance is the only candidate, and no placement strategy or constraint (the task
    /// definition's included) applies; the task must still fit, with its ports and attributes.
    fn start_task(
        &mut self,
        request: &ecs_model::RunTaskRequest,
        instances: &[String],
        path: &str,
    ) {
        let path = path.to_owned();
        let mut request = request.clone();
        request.launch_type = Some(ecs_model::LaunchType::Ec2);
        let mut found = Vec::new();
        let template = crate::plan::run_task_template(
            &self.revisions,
            self.world,
            &request,
            &path,
            &mut found,
        );
        let first = found.first().map(|d| d.message.clone());
        self.report(found);
        let Some(mut template) = template else {
            let message = first.unwrap_or_default();
            self.push_entry("TaskNotPlaced", &path, None, None, None, message);
            return;
        };
        template.request.strategies = vec![PlacementStrategy::Random];
        for reference in instances {
            template.request.constraints.clear();
            // [DOC] An instance the cluster does not have is MISSING; a deregistered one INACTIVE.
            let id = adapt::arn_tail(reference);
            let Some(i) = self.instance_named(reference) else {
                let detail = format!("Container instance {id} is not in the cluster.");
                self.task_not_placed(Some(id.to_owned()), "MISSING", detail, &path);
                continue;
            };
            if self.cluster.instances[i].status == ContainerInstanceStatus::Inactive {
                let detail = format!("Container instance {id} is deregistered.");
                self.task_not_placed(
                    Some(self.cluster.instances[i].id.clone()),
                    "INACTIVE",
                    detail,
                    &path,
                );
                continue;
            }
            // The failure is about the named instance, whatever the others hold.
            if let Some(failure) = ecs_placement::Demand::new(&template.request)
                .first_failure(&self.cluster.instances[i])
            {
                let arn = self.cluster.instances[i].id.clone();
                self.task_not_placed(Some(arn), failure.reason.as_str(), failure.detail, &path);
                continue;
            }
            let instance = &self.cluster.instances[i];
            let ec2 = instance
                .ec2_instance_id
                .clone()
                .unwrap_or_else(|| instance.id.clone());
            template.request.constraints =
                PlacementConstraint::member_of(&format!("ec2InstanceId == {ec2}"))
                    .ok()
                    .into_iter()
                    .collect();
            let (placed, failure, error) = self.place_tasks(&template, &path, None, 1, None);
            if self.halted {
                return;
            }
            let failure = match (error, failure) {
                (Some(error), _) => Some(("ClientException".to_owned(), error)),
                (None, Some(failure)) if placed.is_empty() => {
                    Some((failure.reason.as_str().to_owned(), failure.detail))
                }
                _ => None,
            };
            if let Some((reason, detail)) = failure {
                let arn = self.cluster.instances[i].id.clone();
                self.task_not_placed(Some(arn), &reason, detail, &path);
            }
        }
    }

    /// A task of RunTask or StartTask that found no place: a `failures[]` entry naming the
    /// instance (the closest one, or the one StartTask named), and a timeline entry.
    fn task_not_placed(&mut self, arn: Option<String>, reason: &str, detail: String, path: &str) {
        self.failures.push(FailureRecord {
            arn: arn.clone(),
            reason: reason.to_owned(),
            detail: detail.clone(),
            request: path.to_owned(),
        });
        self.push_entry(
            "TaskNotPlaced",
            path,
            None,
            arn,
            None,
            format!("{path}: {reason} ({detail})"),
        );
    }

    // ---------------------------------------------------------------- services

    fn create_service(
        &mut self,
        spec: CreateServiceRequest,
        rebalancing: Option<bool>,
        path: String,
        reconcile: bool,
    ) {
        let name = spec.service_name.clone().unwrap_or_default();
        // [DOC] A name is taken while its service is ACTIVE or DRAINING.
        if self
            .services
            .iter()
            .any(|s| s.name == name && s.status != "INACTIVE")
        {
            self.warn(
                &path,
                format!("InvalidParameterException: Creation of service was not idempotent (service {name} already exists)."),
                "Service names are unique in a cluster; update the existing service instead.",
            );
            return;
        }
        let services = self
            .services
            .iter()
            .filter(|s| s.status != "INACTIVE")
            .count();
        if services >= MAX_SERVICES {
            // [MODEL] The text is ours; AWS documents the quota, not its error message.
            self.warn(
                &path,
                format!("LimitExceededException: The cluster already has {MAX_SERVICES} services, the most it can have."),
                "Delete a service first, or use another cluster.",
            );
            return;
        }
        let daemon = spec.scheduling_strategy() == SchedulingStrategy::Daemon;
        // Services of the scenario's start keep the setting among the fields the model does not
        // know; those of createService actions have it taken out already.
        let rebalancing = rebalancing.or_else(|| {
            match spec.extra.get("availabilityZoneRebalancing")?.as_str()? {
                "ENABLED" => Some(true),
                "DISABLED" => Some(false),
                _ => None,
            }
        });
        let mut found = Vec::new();
        let template =
            crate::plan::service_template(&self.revisions, self.world, &spec, &path, &mut found);
        let first = found.first().map(|d| d.message.clone());
        self.report(found);
        let Some(template) = template else {
            let message = first.unwrap_or_default();
            self.push_entry("ServiceNotCreated", &path, None, None, Some(name), message);
            return;
        };
        let breaker = spec
            .deployment_configuration
            .as_ref()
            .and_then(|d| d.deployment_circuit_breaker.as_ref());
        let uses_binpack = template
            .request
            .strategies
            .iter()
            .any(|s| matches!(s, PlacementStrategy::Binpack(_)));
        let service = Service {
            status: "ACTIVE",
            name: name.clone(),
            path: path.clone(),
            daemon,
            desired: u32::try_from(spec.desired_count.unwrap_or(0).max(0)).unwrap_or(0),
            min_percent: u32::try_from(spec.minimum_healthy_percent().max(0)).unwrap_or(0),
            max_percent: u32::try_from(spec.maximum_percent().max(0)).unwrap_or(0),
            breaker: breaker.and_then(|b| b.enable).unwrap_or(false),
            rollback: breaker.and_then(|b| b.rollback).unwrap_or(false),
            grace: u64::try_from(spec.health_check_grace_period_seconds.unwrap_or(0).max(0))
                .unwrap_or(0),
            // [MODEL] ENABLED by default for new services (§6.9), except where AWS calls it
            // incompatible: DAEMON services and binpack strategies.
            rebalancing_enabled: rebalancing.unwrap_or(!daemon && !uses_binpack),
            spec,
            deployments: Vec::new(),
            tasks: Vec::new(),
            launch_not_before: 0,
            start_failures: 0,
            waiting: false,
            steady: false,
            rebalancing: false,
            imbalance_reported: false,
            tick_at: None,
            retry_at: None,
            last_event: None,
            held: BTreeSet::new(),
            launch_window: (0, 0),
            launch_window_tick: None,
        };
        self.services.push(service);
        let s = self.services.len() - 1;
        self.start_deployment(s, template);
        if reconcile {
            self.reconcile(s);
        }
    }

    fn start_deployment(&mut self, s: usize, template: Template) {
        self.next_deployment += 1;
        // [MODEL] Deployment ids have the real shape (`ecs-svc/` and 19 digits) but count up, so
        // they are easy to tell apart.
        let id = format!("ecs-svc/{:019}", self.next_deployment);
        let now = self.now;
        let service = &mut self.services[s];
        if let Some(previous) = service.deployments.last_mut()
            && previous.rollout == Rollout::InProgress
        {
            previous.rollout = Rollout::Failed;
            previous.reason = "ECS deployment replaced by a newer one.".to_owned();
        }
        let message = format!(
            "{} deployment {id} of {}",
            service.name, template.task_definition
        );
        service.deployments.push(Deployment {
            id,
            template,
            inactive: false,
            rollout: Rollout::InProgress,
            reason: "ECS deployment in progress.".to_owned(),
            failed_tasks: 0,
            created_at: now,
        });
        service.steady = false;
        // A new task definition ends the throttle's back-off at once (§6.7).
        service.start_failures = 0;
        service.launch_not_before = now;
        self.service_entry(s, "DeploymentStarted", message);
    }

    fn schedule_tick(&mut self, s: usize) {
        if self.services[s].tick_at == Some(self.now) {
            return;
        }
        self.services[s].tick_at = Some(self.now);
        self.schedule(self.now, Event::Tick(s));
    }

    fn schedule_retry(&mut self, s: usize, at: u64) {
        if self.services[s]
            .retry_at
            .is_some_and(|r| r <= at && r >= self.now)
        {
            return;
        }
        self.services[s].retry_at = Some(at);
        self.schedule(at, Event::Retry(s));
    }

    fn instance_active(&self, i: usize) -> bool {
        let instance = &self.cluster.instances[i];
        instance.status == ContainerInstanceStatus::Active && instance.agent_connected
    }

    /// A task the scheduler must move: it belongs to an older deployment or sits on a draining
    /// instance.
    fn to_replace(&self, s: usize, t: usize) -> bool {
        let task = &self.tasks[t];
        task.deployment != self.services[s].primary()
            || task.instance.is_some_and(|i| {
                self.cluster.instances[i].status == ContainerInstanceStatus::Draining
            })
    }

    /// A task the service scheduler must leave running although a scale-in or a deployment would
    /// stop it: one protected from scale-in (§6.11). [MODEL] Protection does not keep a task on
    /// a draining instance, nor from StopTask, failed health checks, Spot or lost hosts.
    fn shielded(&self, t: usize) -> bool {
        let task = &self.tasks[t];
        task.protected_until.is_some()
            && !task.instance.is_some_and(|i| {
                self.cluster.instances[i].status == ContainerInstanceStatus::Draining
            })
    }

    /// Records the protected tasks a pass of the scheduler held back. Once per stretch of being
    /// held, the timeline says why each one stays and the service event names its task set (the
    /// deployment), whose desired count the protected tasks exceed (§6.11).
    fn hold(&mut self, s: usize, held: &[usize]) {
        let before = std::mem::replace(&mut self.services[s].held, held.iter().copied().collect());
        let new: Vec<usize> = held
            .iter()
            .copied()
            .filter(|t| !before.contains(t))
            .collect();
        if new.is_empty() {
            return;
        }
        for &t in &new {
            let id = self.tasks[t].record.task_id.clone();
            let until = self.tasks[t].protected_until.unwrap_or(self.now);
            self.task_entry(
                t,
                "ScaleInBlocked",
                format!("{id} is protected from scale-in until {until} s"),
            );
        }
        let name = self.services[s].name.clone();
        let sets: BTreeSet<usize> = held.iter().map(|&t| self.tasks[t].deployment).collect();
        for d in sets {
            let id = self.services[s].deployments[d].id.clone();
            self.service_event(
                s,
                format!(
                    "service ({name}) was unable to reach steady state because task set ({id}) was unable to scale in. Reason: The number of protected tasks are more than the desired count of tasks."
                ),
            );
        }
    }

    /// Sets or clears a task's scale-in protection, with the queued moment it ends.
    fn set_protection(&mut self, t: usize, until: Option<u64>) {
        if let Some(key) = self.tasks[t].protection_event.take() {
            self.cancel(key);
        }
        self.tasks[t].protected_until = until;
        self.tasks[t].record.protection_expires_at = until;
        if let Some(until) = until {
            let key = self.schedule(until, Event::ProtectionExpires(t));
            self.tasks[t].protection_event = Some(key);
            // [MODEL] The end of a protection counts as an action: a run without `until` goes
            // on long enough to show what it releases.
            let settle = self.world.timings.settle_horizon;
            self.horizon = self.horizon.max(until.saturating_add(settle));
        }
    }

    fn reconcile(&mut self, s: usize) {
        if self.halted || self.services[s].deployments.is_empty() {
            return;
        }
        if self.services[s].status != "ACTIVE" {
            self.settle_deleted(s);
            return;
        }
        if self.services[s].daemon {
            self.reconcile_daemon(s);
        } else {
            self.reconcile_replica(s);
        }
    }

    /// One pass of the rolling-update loop of §6.4.
    fn reconcile_replica(&mut self, s: usize) {
        // Unhealthy tasks that go anyway (an older deployment's, or on a draining instance) stop
        // now; they do not count toward minimumHealthyPercent.
        let doomed: Vec<usize> = self.services[s]
            .tasks
            .iter()
            .copied()
            .filter(|&t| {
                !self.tasks[t].stop_requested
                    && self.tasks[t].healthy == Some(false)
                    && self.to_replace(s, t)
            })
            .collect();
        for t in doomed {
            self.stop_unhealthy(t);
        }
        let service = &self.services[s];
        let desired = service.desired;
        let max_tasks = (u64::from(desired) * u64::from(service.max_percent) / 100) as u32;
        let min_healthy =
            (u64::from(desired) * u64::from(service.min_percent)).div_ceil(100) as u32;
        let primary = service.primary();
        let live: Vec<usize> = service
            .tasks
            .iter()
            .copied()
            .filter(|&t| !self.tasks[t].stop_requested)
            .collect();
        // The PRIMARY deployment's unhealthy tasks, oldest first, wait for their replacements
        // (§6.5); they still count toward maximumPercent.
        let (sick, settled_or_pending): (Vec<usize>, Vec<usize>) = live
            .iter()
            .partition(|&&t| self.tasks[t].healthy == Some(false));
        let (replace, keep): (Vec<usize>, Vec<usize>) = settled_or_pending
            .iter()
            .partition(|&&t| self.to_replace(s, t));
        let healthy = live
            .iter()
            .filter(|&&t| self.tasks[t].healthy == Some(true))
            .count() as u32;
        let total = live.len() as u32;
        let failed = service.deployments[primary].rollout == Rollout::Failed;
        let throttled = self.now < service.launch_not_before;

        // 1. Start: up to desiredCount primary tasks, never above maximumPercent.
        let wanted = desired.saturating_sub(keep.len() as u32);
        let room = max_tasks.saturating_sub(total);
        let mut started = 0;
        if wanted > 0 && room > 0 && !failed {
            if throttled {
                let at = service.launch_not_before;
                self.schedule_retry(s, at);
            } else {
                started = self.start_service_tasks(s, wanted.min(room), None);
                if self.halted {
                    return;
                }
            }
        } else if wanted == 0 {
            self.services[s].waiting = false;
        }

        // 1b. Unhealthy tasks (§6.5). Replacements start first (step 1); an unhealthy task stops
        // once a replacement is healthy, as the service keeps only as many unhealthy tasks as its
        // healthy ones fall short of the desired count (so an unhealthy replacement also sends
        // one away). Without headroom (maximumPercent, no room in the cluster, or a FAILED
        // deployment that launches nothing) they stop one at a time, the next once the previous
        // one has STOPPED; unhealthy tasks do not count toward minimumHealthyPercent, so that
        // never takes the healthy ones below it.
        let mut sick_stops: Vec<usize> = Vec::new();
        if !sick.is_empty() {
            let covered = (healthy as usize + sick.len())
                .saturating_sub(desired as usize)
                .min(sick.len());
            sick_stops.extend(&sick[..covered]);
            let no_headroom = wanted > started && (failed || room == 0 || self.services[s].waiting);
            if sick_stops.is_empty() && no_headroom && !self.unhealthy_stopping(s) {
                sick_stops.push(sick[0]);
            }
            for &t in &sick_stops {
                self.stop_unhealthy(t);
            }
        }

        // 2. Stop: tasks to replace, first those that are not healthy (they do not count toward
        // minimumHealthyPercent), then healthy ones while enough healthy tasks remain. Protected
        // tasks of older deployments stay (§6.11).
        let mut stopping = Vec::new();
        let (held_old, free_old): (Vec<usize>, Vec<usize>) =
            replace.iter().partition(|&&t| self.shielded(t));
        let (unhealthy_old, healthy_old): (Vec<usize>, Vec<usize>) = free_old
            .iter()
            .partition(|&&t| self.tasks[t].healthy != Some(true));
        stopping.extend(unhealthy_old);
        let may_stop = healthy.saturating_sub(min_healthy) as usize;
        if may_stop > 0 && !healthy_old.is_empty() {
            stopping.extend(self.choose_to_stop(s, &healthy_old, may_stop, false));
        }
        // The deployment is held up by protection when, unprotected, one more old task would
        // stop now.
        let held_healthy = held_old
            .iter()
            .filter(|&&t| self.tasks[t].healthy == Some(true))
            .count();
        let deployment_held = held_healthy < held_old.len()
            || may_stop.min(healthy_old.len() + held_healthy) > may_stop.min(healthy_old.len());

        // 3. Scale in: primary tasks above desiredCount, healthy ones only once the surplus is
        // healthy (so a rebalancing task first proves itself). Protected tasks are skipped; when
        // they alone outnumber desiredCount the scale-in stops short (§6.11).
        let surplus = (keep.len() as u32).saturating_sub(desired) as usize;
        let protected_keep: Vec<usize> =
            keep.iter().copied().filter(|&t| self.shielded(t)).collect();
        if surplus > 0 {
            let rebalancing = self.services[s].rebalancing;
            let (healthy_keep, other_keep): (Vec<usize>, Vec<usize>) = keep
                .iter()
                .partition(|&&t| self.tasks[t].healthy == Some(true));
            let mut n = surplus;
            if !rebalancing {
                let early: Vec<usize> = other_keep
                    .iter()
                    .rev()
                    .copied()
                    .filter(|&t| !self.shielded(t))
                    .take(n)
                    .collect();
                n -= early.len();
                stopping.extend(early);
            }
            let allowed = if rebalancing {
                (healthy_keep.len() as u32).saturating_sub(desired) as usize
            } else {
                n
            };
            let n = n.min(allowed);
            if n > 0 {
                let free_keep: Vec<usize> = healthy_keep
                    .iter()
                    .copied()
                    .filter(|&t| !self.shielded(t))
                    .collect();
                stopping.extend(self.choose_to_stop(s, &free_keep, n, rebalancing));
                self.services[s].rebalancing = false;
            }
        }
        let stopped_now = stopping.len() + sick_stops.len();
        self.stop_service_tasks(s, &stopping);
        let mut held = Vec::new();
        if deployment_held {
            held.extend(held_old);
        }
        if protected_keep.len() as u32 > desired {
            held.extend(protected_keep);
        }
        self.hold(s, &held);

        // 4. No move possible during a deployment: the documented deployment-configuration event,
        // unless protected tasks are what holds it.
        let all_settled = live.iter().all(|&t| self.tasks[t].healthy == Some(true));
        if started == 0
            && stopped_now == 0
            && !replace.is_empty()
            && room == 0
            && all_settled
            && !failed
            && !deployment_held
        {
            self.deployment_configuration_event(s);
        }
        self.check_steady(s);
    }

    fn reconcile_daemon(&mut self, s: usize) {
        let primary = self.services[s].primary();
        let live: Vec<usize> = self.services[s]
            .tasks
            .iter()
            .copied()
            .filter(|&t| !self.tasks[t].stop_requested)
            .collect();
        let mut stopping = Vec::new();
        let mut held = Vec::new();
        let mut old = Vec::new();
        let mut sick = Vec::new();
        let mut sick_turn = !self.unhealthy_stopping(s);
        for &t in &live {
            let task = &self.tasks[t];
            let Some(i) = task.instance else { continue };
            if task.healthy == Some(false)
                && (task.deployment != primary || !self.instance_active(i))
            {
                // An unhealthy task that goes anyway stops now.
                sick.push(t);
            } else if task.healthy == Some(false) {
                // [API][DOC] §6.5: maximumPercent is 100 for a daemon, so there is never room
                // to start a replacement first: unhealthy tasks stop one at a time.
                if sick_turn {
                    sick.push(t);
                    sick_turn = false;
                }
            } else if task.deployment != primary && self.shielded(t) {
                // [MODEL] A daemon deployment waits for protected tasks too (§6.11).
                held.push(t);
            } else if task.deployment != primary {
                old.push(t);
            } else if !self.instance_active(i) && self.cluster.instances[i].agent_connected {
                // [DOC] Daemon tasks stop last on a draining instance: once nothing else runs.
                let others = self.cluster.tasks.iter().any(|ct| {
                    ct.instance == i
                        && ct.desired_status != DesiredStatus::Stopped
                        && ct.group != task.record.group
                });
                if !others {
                    stopping.push(t);
                }
            }
        }
        // [API] minimumHealthyPercent bounds a daemon deployment as it bounds a replica one
        // (§6.4): old tasks that are not healthy stop first, healthy ones only while enough
        // healthy tasks remain. The API default of 0 replaces every task at once.
        let targets = self.daemon_instances(s);
        let min_healthy =
            (targets.len() as u64 * u64::from(self.services[s].min_percent)).div_ceil(100) as usize;
        let healthy = live
            .iter()
            .filter(|&&t| !stopping.contains(&t) && self.tasks[t].healthy == Some(true))
            .count();
        let (healthy_old, other_old): (Vec<usize>, Vec<usize>) = old
            .iter()
            .partition(|&&t| self.tasks[t].healthy == Some(true));
        let may_stop = healthy.saturating_sub(min_healthy);
        stopping.extend(other_old);
        if may_stop > 0 && !healthy_old.is_empty() {
            stopping.extend(self.choose_to_stop(s, &healthy_old, may_stop, false));
        }
        let stopped_now = stopping.len() + sick.len();
        for &t in &sick {
            self.stop_unhealthy(t);
        }
        self.stop_service_tasks(s, &stopping);
        self.hold(s, &held);
        let covered: BTreeSet<usize> = live
            .iter()
            .filter(|t| !stopping.contains(t) && !sick.contains(t))
            .filter_map(|&t| self.tasks[t].instance)
            .collect();
        let missing = targets.iter().filter(|i| !covered.contains(i)).count() as u32;
        let failed = self.services[s].deployments[primary].rollout == Rollout::Failed;
        if missing > 0 && !failed {
            if self.now < self.services[s].launch_not_before {
                let at = self.services[s].launch_not_before;
                self.schedule_retry(s, at);
            } else {
                self.start_service_tasks(s, missing, None);
                if self.halted {
                    return;
                }
            }
        } else {
            self.services[s].waiting = false;
        }
        // The documented deployment-configuration event: every task is healthy, each instance
        // already runs one and none may stop.
        if stopped_now == 0
            && missing == 0
            && !old.is_empty()
            && held.is_empty()
            && !failed
            && live.iter().all(|&t| self.tasks[t].healthy == Some(true))
        {
            self.deployment_configuration_event(s);
        }
        self.services[s].desired = targets.len() as u32;
        self.check_steady(s);
    }

    /// The instances a daemon service runs one task on (§6.3): the ACTIVE, connected ones that
    /// satisfy its memberOf constraints (the service's and its task definition's). The others
    /// are not its concern, so they neither count in its desired count nor fail its placements.
    fn daemon_instances(&self, s: usize) -> Vec<usize> {
        let primary = self.services[s].primary();
        let constraints = &self.services[s].deployments[primary]
            .template
            .request
            .constraints;
        (0..self.cluster.instances.len())
            .filter(|&i| self.instance_active(i))
            .filter(|&i| {
                constraints.iter().all(|c| match c {
                    PlacementConstraint::MemberOf(m) => {
                        m.expression.matches(&self.cluster.instances[i])
                    }
                    PlacementConstraint::DistinctInstance => true,
                })
            })
            .collect()
    }

    /// [DOC] The event of a deployment that can neither stop nor start a task (§6.4).
    fn deployment_configuration_event(&mut self, s: usize) {
        let name = self.services[s].name.clone();
        self.service_event(
            s,
            format!(
                "service ({name}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again."
            ),
        );
    }

    /// Places `n` primary tasks of the service, reporting the first failure as ECS does.
    fn start_service_tasks(&mut self, s: usize, n: u32, zone: Option<&str>) -> u32 {
        // [DOC] A service launches at most 500 tasks a minute (§10). [MODEL] The minute starts
        // with its first launch; the tasks beyond the quota wait for a pass when it ends, an
        // event that keeps a run without `until` going.
        let now = self.now;
        let window = &mut self.services[s].launch_window;
        if window.1 == 0 || now >= window.0 + 60 {
            *window = (now, 0);
        }
        let allowed = MAX_LAUNCHES_PER_MINUTE.saturating_sub(window.1);
        let next_minute = window.0 + 60;
        if n > allowed && self.services[s].launch_window_tick != Some(next_minute) {
            self.services[s].launch_window_tick = Some(next_minute);
            self.schedule(next_minute, Event::Tick(s));
        }
        let n = n.min(allowed);
        if n == 0 {
            return 0;
        }
        let primary = self.services[s].primary();
        let template = self.services[s].deployments[primary].template.clone();
        let path = self.services[s].path.clone();
        let (placed, failure, error) = self.place_tasks(&template, &path, Some(s), n, zone);
        self.services[s].launch_window.1 += placed.len() as u32;
        if self.halted {
            return placed.len() as u32;
        }
        let name = self.services[s].name.clone();
        // Tasks waiting in PROVISIONING for capacity have not started yet.
        let started: Vec<usize> = placed
            .iter()
            .copied()
            .filter(|&t| self.tasks[t].waiting.is_none())
            .collect();
        if !started.is_empty() {
            let list: Vec<String> = started
                .iter()
                .map(|&t| format!("(task {})", self.tasks[t].record.task_id))
                .collect();
            self.service_event(
                s,
                format!(
                    "service {name} has started {} tasks: {}.",
                    started.len(),
                    list.join(" ")
                ),
            );
        }
        if zone.is_some() {
            return placed.len() as u32;
        }
        let message = match (&failure, &error) {
            (Some(failure), _) => Some((
                service_event(&name, failure),
                FailureRecord {
                    arn: failure.closest_instance.clone(),
                    reason: failure.reason.as_str().to_owned(),
                    detail: failure.detail.clone(),
                    request: path.clone(),
                },
            )),
            (None, Some(error)) => Some((
                format!("service {name} was unable to place a task. Reason: {error}"),
                FailureRecord {
                    arn: None,
                    reason: "ClientException".to_owned(),
                    detail: error.clone(),
                    request: path.clone(),
                },
            )),
            (None, None) => None,
        };
        match message {
            Some((event, record)) => {
                if !self.services[s].waiting {
                    self.failures.push(record);
                }
                self.services[s].waiting = true;
                self.push_entry(
                    "TaskNotPlaced",
                    &path,
                    None,
                    failure.as_ref().and_then(|f| f.closest_instance.clone()),
                    Some(name),
                    event.clone(),
                );
                self.service_event(s, event);
                let at = self.now + self.world.timings.retry_seconds;
                self.schedule_retry(s, at);
            }
            None => self.services[s].waiting = false,
        }
        placed.len() as u32
    }

    fn stop_service_tasks(&mut self, s: usize, tasks: &[usize]) {
        if tasks.is_empty() {
            return;
        }
        let name = self.services[s].name.clone();
        // The reason names the deployment doing the scaling: the PRIMARY one.
        let deployment = self.services[s].deployments[self.services[s].primary()]
            .id
            .clone();
        for &t in tasks {
            self.request_stop(
                t,
                "ServiceSchedulerInitiated",
                format!("Scaling activity initiated by (deployment {deployment})"),
            );
        }
        let list: Vec<String> = tasks
            .iter()
            .map(|&t| format!("(task {})", self.tasks[t].record.task_id))
            .collect();
        self.service_event(
            s,
            format!(
                "service {name} has stopped {} running tasks: {}.",
                tasks.len(),
                list.join(" ")
            ),
        );
    }

    /// Which of `candidates` (tasks of service `s`) to stop: the scale-in rule of the service's
    /// strategies (§3), or Availability Zone spread when rebalancing.
    fn choose_to_stop(
        &mut self,
        s: usize,
        candidates: &[usize],
        n: usize,
        by_zone: bool,
    ) -> Vec<usize> {
        if n >= candidates.len() {
            return candidates.to_vec();
        }
        // Protected tasks of the service are never chosen but still count where they run.
        let shielded: Vec<usize> = self.services[s]
            .tasks
            .iter()
            .copied()
            .filter(|&t| {
                !self.tasks[t].stop_requested && self.shielded(t) && !candidates.contains(&t)
            })
            .collect();
        let on_cluster: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&t| self.tasks[t].on_cluster)
            .collect();
        if on_cluster.len() < candidates.len() {
            // [MODEL] Fargate tasks: from the Availability Zone with the most tasks, newest first.
            let mut per_zone: BTreeMap<String, usize> = BTreeMap::new();
            for &t in candidates.iter().chain(&shielded) {
                *per_zone
                    .entry(
                        self.tasks[t]
                            .record
                            .availability_zone
                            .clone()
                            .unwrap_or_default(),
                    )
                    .or_default() += 1;
            }
            let mut left: Vec<usize> = candidates.to_vec();
            let mut chosen = Vec::new();
            while chosen.len() < n {
                let Some(&t) = left.iter().rev().max_by_key(|&&t| {
                    per_zone
                        .get(
                            &self.tasks[t]
                                .record
                                .availability_zone
                                .clone()
                                .unwrap_or_default(),
                        )
                        .copied()
                        .unwrap_or(0)
                }) else {
                    break;
                };
                if let Some(c) = per_zone.get_mut(
                    &self.tasks[t]
                        .record
                        .availability_zone
                        .clone()
                        .unwrap_or_default(),
                ) {
                    *c -= 1;
                }
                left.retain(|&x| x != t);
                chosen.push(t);
            }
            return chosen;
        }
        let group = format!("service:{}", self.services[s].name);
        let primary = self.services[s].primary();
        let strategies = if by_zone {
            vec![PlacementStrategy::spread_availability_zone()]
        } else {
            self.services[s].deployments[primary]
                .template
                .request
                .strategies
                .clone()
        };
        let candidate_ids: BTreeSet<&str> = candidates
            .iter()
            .map(|&t| self.tasks[t].record.task_id.as_str())
            .collect();
        let shielded_ids: BTreeSet<&str> = shielded
            .iter()
            .map(|&t| self.tasks[t].record.task_id.as_str())
            .collect();
        let others: Vec<String> = self
            .cluster
            .tasks
            .iter()
            .filter(|t| {
                t.group == group
                    && t.desired_status != DesiredStatus::Stopped
                    && !candidate_ids.contains(t.id.as_str())
                    && !shielded_ids.contains(t.id.as_str())
            })
            .map(|t| t.id.clone())
            .collect();
        let eligible = |id: &str| candidate_ids.contains(id);
        let ids = if others.is_empty() {
            ecs_placement::choose_eligible_tasks_to_stop(
                &self.cluster,
                &group,
                &strategies,
                n,
                eligible,
                &mut self.rng,
            )
        } else {
            // Only some of the group may go: hide the others from the scale-in choice.
            let mut view = self.cluster.clone();
            for id in &others {
                view.set_desired_status(id, DesiredStatus::Stopped);
            }
            ecs_placement::choose_eligible_tasks_to_stop(
                &view,
                &group,
                &strategies,
                n,
                eligible,
                &mut self.rng,
            )
        };
        ids.iter()
            .filter_map(|id| {
                candidates
                    .iter()
                    .copied()
                    .find(|&t| self.tasks[t].record.task_id == *id)
            })
            .collect()
    }

    fn check_circuit_breaker(&mut self, s: usize, d: usize, why: &str) {
        let service = &self.services[s];
        if !service.breaker || d != service.primary() {
            return;
        }
        // [DOC-current] threshold = clamp(ceil(0.5 × desiredCount), 3, 200).
        let threshold = circuit_breaker_threshold(service.desired);
        let deployment = &service.deployments[d];
        if deployment.rollout != Rollout::InProgress || deployment.failed_tasks < threshold {
            return;
        }
        let name = service.name.clone();
        let id = deployment.id.clone();
        let rollback_to = service
            .deployments
            .iter()
            .rposition(|dep| dep.rollout == Rollout::Completed)
            .filter(|_| service.rollback);
        let deployment = &mut self.services[s].deployments[d];
        deployment.rollout = Rollout::Failed;
        deployment.reason = format!("ECS deployment circuit breaker: {why}.");
        self.service_entry(
            s,
            "DeploymentFailed",
            format!("{id} failed: circuit breaker threshold {threshold} reached"),
        );
        self.service_event(
            s,
            format!("(service {name}) (deployment {id}) deployment failed: {why}."),
        );
        if let Some(c) = rollback_to {
            let template = self.services[s].deployments[c].template.clone();
            let target = self.services[s].deployments[c].id.clone();
            self.start_deployment(s, template.clone());
            let new = self.services[s].primary();
            self.services[s].deployments[new].reason =
                format!("ECS deployment circuit breaker: rolling back to deployment {target}.");
            // [MODEL] The rollback adopts the still-running tasks of the deployment it returns
            // to, since they run exactly what it would start.
            let adopted: Vec<usize> = self.services[s]
                .tasks
                .iter()
                .copied()
                .filter(|&t| {
                    self.tasks[t].deployment != d
                        && self.tasks[t].record.task_definition == template.task_definition
                })
                .collect();
            for t in adopted {
                self.tasks[t].deployment = new;
            }
            self.service_event(
                s,
                format!("(service {name}) (deployment {id}) deployment rolling back to {target}."),
            );
        }
        self.schedule_tick(s);
    }

    fn check_steady(&mut self, s: usize) {
        let service = &self.services[s];
        let primary = service.primary();
        let live: Vec<usize> = service
            .tasks
            .iter()
            .copied()
            .filter(|&t| !self.tasks[t].stop_requested)
            .collect();
        let old_left = live.iter().any(|&t| self.tasks[t].deployment != primary);
        let healthy_primary = live
            .iter()
            .filter(|&&t| {
                self.tasks[t].deployment == primary && self.tasks[t].healthy == Some(true)
            })
            .count() as u32;
        let settled = !old_left
            && live.len() as u32 == service.desired
            && healthy_primary == service.desired
            && !live.iter().any(|&t| self.to_replace(s, t));
        if !settled {
            self.services[s].steady = false;
            return;
        }
        let name = service.name.clone();
        if service.deployments[primary].rollout == Rollout::InProgress {
            let id = service.deployments[primary].id.clone();
            let service = &mut self.services[s];
            service.deployments[primary].rollout = Rollout::Completed;
            service.deployments[primary].reason = "ECS deployment completed.".to_owned();
            for d in 0..primary {
                service.deployments[d].inactive = true;
            }
            self.service_entry(s, "DeploymentCompleted", format!("{id} completed"));
            self.service_event(
                s,
                format!("(service {name}) (deployment {id}) deployment completed."),
            );
        }
        if !self.services[s].daemon && self.services[s].rebalancing_enabled && self.rebalance(s) {
            return;
        }
        if !self.services[s].steady {
            self.services[s].steady = true;
            self.service_entry(s, "ServiceSteady", format!("{name} reached a steady state"));
            self.service_event(s, format!("service {name} has reached a steady state."));
        }
    }

    /// AZ rebalancing (§6.9): one extra task in the emptiest zone; the scale-in step then stops
    /// one in the fullest once the new one is healthy. Returns whether a move started.
    fn rebalance(&mut self, s: usize) -> bool {
        let zones = self.usable_zones(s);
        if zones.len() < 2 {
            return false;
        }
        let mut per_zone: BTreeMap<&str, usize> = zones.iter().map(|z| (z.as_str(), 0)).collect();
        for &t in &self.services[s].tasks {
            if self.tasks[t].stop_requested {
                continue;
            }
            if let Some(z) = self.tasks[t].record.availability_zone.as_deref()
                && let Some(n) = per_zone.get_mut(z)
            {
                *n += 1;
            }
        }
        let ordered: Vec<(String, usize)> = self
            .world
            .availability_zones
            .iter()
            .filter_map(|z| per_zone.get(z.as_str()).map(|&n| (z.clone(), n)))
            .collect();
        let most = ordered.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let fewest = ordered.iter().map(|(_, n)| *n).min().unwrap_or(0);
        let name = self.services[s].name.clone();
        if most - fewest <= 1 {
            if self.services[s].imbalance_reported {
                self.services[s].imbalance_reported = false;
                self.service_event(
                    s,
                    format!(
                        "service ({name}) is AZ balanced with {}.",
                        zone_list(&ordered)
                    ),
                );
            }
            return false;
        }
        // [MODEL] Rebalancing stops a task in the fullest zone once the new one is healthy; when
        // every task there is protected it cannot, so it does not start.
        let movable = self.services[s].tasks.iter().any(|&t| {
            !self.tasks[t].stop_requested
                && !self.shielded(t)
                && self.tasks[t]
                    .record
                    .availability_zone
                    .as_deref()
                    .and_then(|z| per_zone.get(z))
                    == Some(&most)
        });
        if !movable {
            return false;
        }
        let service = &self.services[s];
        let max_tasks = (u64::from(service.desired) * u64::from(service.max_percent) / 100) as u32;
        let live = service
            .tasks
            .iter()
            .filter(|&&t| !self.tasks[t].stop_requested)
            .count() as u32;
        if live >= max_tasks {
            return false;
        }
        if !service.imbalance_reported {
            self.services[s].imbalance_reported = true;
            self.service_event(
                s,
                format!(
                    "service ({name}) is not AZ balanced with {}. AZ Rebalancing in progress.",
                    zone_list(&ordered)
                ),
            );
        }
        let Some((emptiest, _)) = ordered.iter().find(|(_, n)| *n == fewest).cloned() else {
            return false;
        };
        let started = self.start_service_tasks(s, 1, Some(&emptiest));
        if started > 0 {
            self.services[s].rebalancing = true;
            self.services[s].steady = false;
            true
        } else {
            false
        }
    }

    /// The zones where the service could run a task now: zones of ACTIVE, connected instances
    /// (EC2) or the healthy zones of the scenario (Fargate).
    fn usable_zones(&self, s: usize) -> Vec<String> {
        let primary = self.services[s].primary();
        let template = &self.services[s].deployments[primary].template;
        // Only the zones of the service's subnets count, as AWS balances over the zones a task
        // could be started in.
        let subnet_zones = template
            .request
            .requirements
            .subnet_availability_zones
            .as_deref();
        let in_subnets = |z: &str| subnet_zones.is_none_or(|zones| zones.iter().any(|s| s == z));
        if template.platform == Platform::Fargate {
            return self
                .world
                .availability_zones
                .iter()
                .filter(|z| !self.failed_zones.contains(*z) && in_subnets(z))
                .cloned()
                .collect();
        }
        let mut zones = BTreeSet::new();
        for i in 0..self.cluster.instances.len() {
            if self.instance_active(i)
                && let Some(z) = self.cluster.instances[i].availability_zone()
                && (!template.request.requirements.uses_eni || in_subnets(z))
            {
                zones.insert(z.to_owned());
            }
        }
        zones.into_iter().collect()
    }

    // ---------------------------------------------------------------- actions

    fn action(&mut self, i: usize) {
        let timed = &self.world.actions[i];
        let path = timed.path.clone();
        let name = timed.name();
        // Problems point into the action's body: `actions[3].runTask.taskDefinition`.
        let body = format!("{path}.{name}");
        let target = format!("{body}.containerInstance");
        // The state just after an action's entry shows what the call changed, so a probe of that
        // step is answered once the action has been applied.
        let step = self.timeline.len() + 1;
        let probed = self.probe.step == Some(step);
        if probed {
            self.probe.step = None;
        }
        self.push_entry(name, &path, None, None, None, format!("{name} ({path})"));
        if probed {
            self.probe.step = Some(step);
            self.capture_after_action = true;
        }
        if self.halted {
            return;
        }
        self.apply_action(i, path, body, target);
        self.capture_pending_action();
    }

    fn apply_action(&mut self, i: usize, path: String, body: String, target: String) {
        match self.world.actions[i].action.clone() {
            Action::RunTask(request) => self.run_task(&request, &body),
            Action::StopTask { task, reason } => match self.find_task(&task) {
                Some(t) if !self.tasks[t].stop_requested => self.request_stop(
                    t,
                    "UserInitiated",
                    reason.unwrap_or_else(|| "Task stopped by user".to_owned()),
                ),
                Some(_) => {}
                None => self.warn(
                    &format!("{path}.stopTask.task"),
                    format!(
                        "InvalidParameterException: The referenced task was not found: {task}."
                    ),
                    "stopTask names a task of the run by id (task-3) or ARN.",
                ),
            },
            Action::CreateService(spec, rebalancing) => {
                self.create_service(spec, rebalancing, body, true)
            }
            Action::UpdateService(update, rebalancing) => {
                self.update_service(&update, rebalancing, &path)
            }
            Action::StartTask {
                request,
                container_instances,
            } => self.start_task(&request, &container_instances, &body),
            Action::DeleteService { service, force } => {
                self.delete_service(&service, force, &format!("{path}.deleteService"))
            }
            Action::RegisterTaskDefinition(definition, behaviour) => {
                let family = definition.family.clone().unwrap_or_default();
                let revision =
                    self.revisions.iter().filter(|r| r.family == family).count() as u32 + 1;
                let behaviour = behaviour
                    .or_else(|| {
                        self.world
                            .behaviours
                            .get(&format!("{family}:{revision}"))
                            .cloned()
                    })
                    .unwrap_or_default();
                self.revisions.push(Revision {
                    family,
                    revision,
                    definition,
                    active: true,
                    behaviour,
                });
            }
            Action::DeregisterTaskDefinition { task_definition } => {
                let reference = adapt::arn_tail(&task_definition).to_owned();
                match self.revisions.iter_mut().find(|r| r.name() == reference) {
                    Some(r) => r.active = false,
                    None => self.warn(
                        &format!("{path}.deregisterTaskDefinition.taskDefinition"),
                        format!("ClientException: The specified task definition does not exist: {reference}."),
                        "deregisterTaskDefinition names a revision as family:revision.",
                    ),
                }
            }
            Action::RegisterContainerInstances(instances) => {
                // [DOC] §10: at most 5,000 registered container instances per cluster. [MODEL]
                // The instances beyond it are refused with a warning; the others register.
                let total = instances.len();
                let room = MAX_CONTAINER_INSTANCES.saturating_sub(self.registered_instances());
                if total > room {
                    let refused = total - room;
                    let verb = if refused == 1 { "was" } else { "were" };
                    self.warn(
                        &body,
                        format!(
                            "LimitExceededException: The cluster already has {MAX_CONTAINER_INSTANCES} container instances, the most it can have; {refused} of the {total} instances {verb} not registered."
                        ),
                        "AWS allows 5,000 container instances per cluster; deregister or terminate some first, or use another cluster.",
                    );
                }
                for instance in instances.into_iter().take(room) {
                    let mut state = adapt::instance_state(&instance, "");
                    // The action's ids were numbered when the timeline was read, before any
                    // instance an Auto Scaling group launched; a taken id gets the next free one.
                    if state.id.is_empty()
                        || self.cluster.instances.iter().any(|i| i.id == state.id)
                    {
                        state.id = format!("ci-{}", self.unused_instance_number());
                    }
                    state.registered_at = i64::try_from(self.now).unwrap_or(0);
                    let id = state.id.clone();
                    self.cluster.instances.push(state);
                    self.terminated.push(false);
                    self.lost_in_outage.push(false);
                    self.provider_of.push(None);
                    self.push_entry(
                        "InstanceRegistered",
                        &path,
                        None,
                        Some(id.clone()),
                        None,
                        format!("{id} registered"),
                    );
                }
                self.tick_all();
            }
            Action::DrainContainerInstance { container_instance } => {
                if let Some(i) = self.find_instance(&container_instance, &target) {
                    self.set_instance_status(i, ContainerInstanceStatus::Draining, &path);
                }
            }
            Action::ActivateContainerInstance { container_instance } => {
                if let Some(i) = self.find_instance(&container_instance, &target) {
                    self.set_instance_status(i, ContainerInstanceStatus::Active, &path);
                }
            }
            Action::TerminateContainerInstance { container_instance } => {
                if let Some(i) = self.find_instance(&container_instance, &target) {
                    self.terminate_instance(i, "terminated");
                }
            }
            Action::DisconnectAgent { container_instance } => {
                if let Some(i) = self.find_instance(&container_instance, &target) {
                    self.cluster.instances[i].agent_connected = false;
                    self.push_entry(
                        "AgentDisconnected",
                        &path,
                        None,
                        Some(container_instance.clone()),
                        None,
                        format!("{container_instance} agent disconnected"),
                    );
                    self.tick_all();
                }
            }
            Action::ReconnectAgent { container_instance } => {
                if let Some(i) = self.find_instance(&container_instance, &target)
                    && !self.terminated[i]
                {
                    self.cluster.instances[i].agent_connected = true;
                    self.push_entry(
                        "AgentConnected",
                        &path,
                        None,
                        Some(container_instance.clone()),
                        None,
                        format!("{container_instance} agent connected"),
                    );
                    self.tick_all();
                }
            }
            Action::FailAvailabilityZone { zone } => self.fail_zone(&zone, &path),
            Action::RecoverAvailabilityZone { zone } => self.recover_zone(&zone, &path),
            Action::SpotInterruption {
                tasks,
                container_instance,
            } => self.spot_interruption(&tasks, container_instance.as_deref(), &target),
            Action::UpdateTaskProtection {
                tasks,
                protection_enabled,
                expires_in_minutes,
            } => {
                let until =
                    protection_enabled.then(|| self.now + u64::from(expires_in_minutes) * 60);
                self.update_task_protection(&tasks, until, &body);
            }
        }
    }

    /// UpdateTaskProtection (§6.11): protects each named task until `until`, or clears its
    /// protection. As in the API's response, a task it cannot act on becomes an entry of
    /// `failures[]`, and the other tasks are still updated.
    fn update_task_protection(&mut self, tasks: &[String], until: Option<u64>, path: &str) {
        for reference in tasks {
            let found = self.find_task(reference);
            let failure = match found {
                // [DOC] MISSING: no such task.
                None => Some(("MISSING", "The task was not found in the cluster.")),
                // [API] Protection is for service tasks; a standalone task is TASK_NOT_VALID.
                Some(t) if self.tasks[t].service.is_none() => {
                    Some(("TASK_NOT_VALID", "The task does not belong to a service."))
                }
                // [MODEL] A task already stopping has nothing left to protect.
                Some(t) if self.tasks[t].stop_requested => {
                    Some(("TASK_NOT_VALID", "The task is stopping or stopped."))
                }
                // [DOC] DEPLOYMENT_BLOCKED while the service has more protected tasks than its
                // desired count; [MODEL] counted before each task, and only for protecting.
                Some(t) if until.is_some() && self.over_protected(t) => Some((
                    "DEPLOYMENT_BLOCKED",
                    "The service has more protected tasks than its desired count of tasks.",
                )),
                Some(_) => None,
            };
            match (found, failure) {
                (Some(t), None) => {
                    let was_protected = self.tasks[t].protected_until.is_some();
                    self.set_protection(t, until);
                    let id = self.tasks[t].record.task_id.clone();
                    match until {
                        Some(until) => self.task_entry(
                            t,
                            "TaskProtected",
                            format!("{id} protected from scale-in until {until} s"),
                        ),
                        None => {
                            let state = if was_protected { "no longer" } else { "not" };
                            self.task_entry(
                                t,
                                "TaskUnprotected",
                                format!("{id} {state} protected from scale-in"),
                            );
                            if let Some(s) = self.tasks[t].service {
                                self.schedule_tick(s);
                            }
                        }
                    }
                }
                (_, failure) => {
                    let (reason, detail) = failure.unwrap_or_default();
                    let id = adapt::arn_tail(reference).to_owned();
                    self.failures.push(FailureRecord {
                        arn: Some(format!(
                            "arn:aws:ecs:{ACCOUNT_REGION}:task/{}/{id}",
                            self.world.cluster
                        )),
                        reason: reason.to_owned(),
                        detail: detail.to_owned(),
                        request: path.to_owned(),
                    });
                    let message = format!("{id}: {reason} ({detail})");
                    match found {
                        Some(t) => self.task_entry(t, "TaskProtectionFailed", message),
                        None => {
                            self.push_entry("TaskProtectionFailed", path, None, None, None, message)
                        }
                    }
                }
            }
            if self.halted {
                return;
            }
        }
    }

    /// Whether the service of task `t` has more protected tasks than its desired count.
    fn over_protected(&self, t: usize) -> bool {
        let Some(s) = self.tasks[t].service else {
            return false;
        };
        let protected = self.services[s]
            .tasks
            .iter()
            .filter(|&&u| !self.tasks[u].stop_requested && self.tasks[u].protected_until.is_some())
            .count();
        protected as u32 > self.services[s].desired
    }

    fn tick_all(&mut self) {
        for s in 0..self.services.len() {
            self.schedule_tick(s);
        }
    }

    fn find_task(&self, reference: &str) -> Option<usize> {
        let id = adapt::arn_tail(reference);
        self.tasks.iter().position(|t| t.record.task_id == id)
    }

    /// The instance a reference names: its id (`ci-2`), ARN or EC2 instance id.
    fn instance_named(&self, reference: &str) -> Option<usize> {
        let id = adapt::arn_tail(reference);
        self.cluster
            .instances
            .iter()
            .position(|i| i.id == id || i.ec2_instance_id.as_deref() == Some(id))
    }

    fn find_instance(&mut self, reference: &str, path: &str) -> Option<usize> {
        let id = adapt::arn_tail(reference);
        let found = self.instance_named(reference);
        if found.is_none() {
            self.warn(
                path,
                format!("InvalidParameterException: Container instance {id} not found."),
                "Name a container instance of the cluster by id (ci-2), ARN or EC2 instance id.",
            );
        }
        found
    }

    fn terminate_instance(&mut self, i: usize, why: &str) {
        if self.terminated[i] {
            return;
        }
        self.terminated[i] = true;
        self.leaving.remove(&i);
        let ec2 = self.cluster.instances[i]
            .ec2_instance_id
            .clone()
            .unwrap_or_else(|| self.cluster.instances[i].id.clone());
        let on_it: Vec<usize> = (0..self.tasks.len())
            .filter(|&t| {
                self.tasks[t].instance == Some(i) && self.tasks[t].status != Status::Stopped
            })
            .collect();
        for t in on_it {
            self.force_stop(
                t,
                "TerminationNotice",
                format!("Host EC2 (instance {ec2}) {why}."),
            );
        }
        let instance = &mut self.cluster.instances[i];
        instance.status = ContainerInstanceStatus::Inactive;
        instance.agent_connected = false;
        let id = instance.id.clone();
        let path = String::new();
        self.push_entry(
            "InstanceTerminated",
            &path,
            None,
            Some(id.clone()),
            None,
            format!("{id} ({ec2}) {why}; deregistered"),
        );
        self.tick_all();
    }

    fn fail_zone(&mut self, zone: &str, path: &str) {
        if !self.failed_zones.insert(zone.to_owned()) {
            return;
        }
        self.push_entry(
            "AvailabilityZoneFailed",
            path,
            None,
            None,
            None,
            format!("{zone} is unavailable"),
        );
        for i in 0..self.cluster.instances.len() {
            if self.cluster.instances[i].availability_zone() == Some(zone)
                && self.cluster.instances[i].agent_connected
            {
                self.cluster.instances[i].agent_connected = false;
                self.lost_in_outage[i] = true;
            }
        }
        let lost: Vec<usize> = (0..self.tasks.len())
            .filter(|&t| {
                self.tasks[t].status != Status::Stopped
                    && self.tasks[t].record.availability_zone.as_deref() == Some(zone)
            })
            .collect();
        for t in lost {
            // [MODEL] An outage takes the tasks with it at once, reported as infrastructure health.
            self.force_stop(
                t,
                "InfrastructureHealth",
                format!("Task stopped because Availability Zone {zone} became unavailable."),
            );
        }
        self.tick_all();
    }

    fn recover_zone(&mut self, zone: &str, path: &str) {
        if !self.failed_zones.remove(zone) {
            return;
        }
        for i in 0..self.cluster.instances.len() {
            if self.lost_in_outage[i] && !self.terminated[i] {
                self.lost_in_outage[i] = false;
                self.cluster.instances[i].agent_connected = true;
            }
        }
        self.push_entry(
            "AvailabilityZoneRecovered",
            path,
            None,
            None,
            None,
            format!("{zone} is available again"),
        );
        self.tick_all();
    }

    fn spot_interruption(&mut self, tasks: &[String], instance: Option<&str>, path: &str) {
        let warning = self.world.timings.spot_warning_seconds;
        if let Some(reference) = instance {
            if let Some(i) = self.find_instance(reference, path) {
                // [DOC] With ECS_ENABLE_SPOT_INSTANCE_DRAINING the agent drains the instance on
                // the two-minute warning; EC2 reclaims it when the warning ends.
                self.cluster.instances[i].status = ContainerInstanceStatus::Draining;
                let id = self.cluster.instances[i].id.clone();
                self.push_entry(
                    "SpotInterruptionWarning",
                    path,
                    None,
                    Some(id.clone()),
                    None,
                    format!("{id} will be reclaimed in {warning} s; DRAINING"),
                );
                self.schedule(self.now + warning, Event::Terminate(i));
                self.tick_all();
            }
            return;
        }
        let chosen: Vec<usize> = (0..self.tasks.len())
            .filter(|&t| {
                let task = &self.tasks[t];
                !task.stop_requested
                    && task.record.capacity_provider_name.as_deref() == Some("FARGATE_SPOT")
                    && (tasks.is_empty()
                        || tasks
                            .iter()
                            .any(|r| adapt::arn_tail(r) == task.record.task_id))
            })
            .collect();
        for t in chosen {
            // The task gets SIGTERM now and is killed when the warning ends.
            self.tasks[t].stopping_seconds = Some(warning);
            self.request_stop(
                t,
                "SpotInterruption",
                "Your Spot Task was interrupted.".to_owned(),
            );
        }
    }

    /// The service of that name that is not INACTIVE (at most one is), else the newest one.
    fn find_service(&self, name: &str) -> Option<usize> {
        self.services
            .iter()
            .position(|s| s.name == name && s.status != "INACTIVE")
            .or_else(|| self.services.iter().rposition(|s| s.name == name))
    }

    /// DeleteService (§6.12): the service goes DRAINING, stops all its tasks and goes INACTIVE
    /// once they are all stopping. A REPLICA service must be scaled to 0 first, unless `force`.
    /// The ACTIVE service that `action` names, or `None` after a warning at `path` (the action's
    /// `service` member): not found, or deleted (`deleted` is the hint then).
    fn active_service(
        &mut self,
        reference: &str,
        action: &str,
        path: &str,
        deleted: &str,
    ) -> Option<usize> {
        let name = adapt::arn_tail(reference);
        let Some(s) = self.find_service(name) else {
            self.warn(
                path,
                format!("ServiceNotFoundException: Service not found: {name}."),
                &format!("{action} names a service created earlier in the scenario."),
            );
            return None;
        };
        if self.services[s].status != "ACTIVE" {
            self.warn(
                path,
                "ServiceNotActiveException: Service was not ACTIVE.".to_owned(),
                deleted,
            );
            return None;
        }
        Some(s)
    }

    fn delete_service(&mut self, name: &str, force: bool, path: &str) {
        let Some(s) = self.active_service(
            name,
            "deleteService",
            &format!("{path}.service"),
            "The service is already deleted.",
        ) else {
            return;
        };
        let name = self.services[s].name.clone();
        if !self.services[s].daemon && self.services[s].desired > 0 && !force {
            self.warn(
                &format!("{path}.service"),
                "InvalidParameterException: The service cannot be stopped while it is scaled above 0.".to_owned(),
                "Scale the service to 0 with updateService first, or add \"force\": true.",
            );
            return;
        }
        let service = &mut self.services[s];
        service.status = "DRAINING";
        service.desired = 0;
        service.spec.desired_count = Some(0);
        service.waiting = false;
        let message = format!("{name} deleted: DRAINING until its tasks stop");
        self.service_entry(s, "ServiceDeleted", message);
        let live: Vec<usize> = self.services[s]
            .tasks
            .iter()
            .copied()
            .filter(|&t| !self.tasks[t].stop_requested)
            .collect();
        self.stop_service_tasks(s, &live);
        self.settle_deleted(s);
    }

    /// A deleted service goes from DRAINING to INACTIVE once every task is STOPPING or STOPPED.
    fn settle_deleted(&mut self, s: usize) {
        if self.services[s].status != "DRAINING" {
            return;
        }
        let stopping = self.services[s]
            .tasks
            .iter()
            .all(|&t| self.tasks[t].status >= Status::Stopping);
        if stopping {
            self.services[s].status = "INACTIVE";
            let message = format!("{} is INACTIVE", self.services[s].name);
            self.service_entry(s, "ServiceInactive", message);
        }
    }

    fn update_service(
        &mut self,
        update: &ecs_model::UpdateServiceRequest,
        rebalancing: Option<bool>,
        path: &str,
    ) {
        let Some(s) = self.active_service(
            update.service.as_deref().unwrap_or_default(),
            "updateService",
            &format!("{path}.updateService.service"),
            "The service was deleted; create a new one to run tasks again.",
        ) else {
            return;
        };
        let name = self.services[s].name.clone();
        let body = format!("{path}.updateService");
        let mut spec = self.services[s].spec.clone();
        let mut new_deployment = update.force_new_deployment.unwrap_or(false);
        if let Some(n) = update.desired_count {
            if self.services[s].daemon {
                self.warn(
                    &format!("{body}.desiredCount"),
                    "InvalidParameterException: desiredCount cannot be set for a DAEMON service."
                        .to_owned(),
                    "A daemon service runs one task on every instance.",
                );
            } else {
                self.services[s].desired = u32::try_from(n.max(0)).unwrap_or(0);
                spec.desired_count = Some(n);
            }
        }
        if let Some(td) = &update.task_definition {
            new_deployment |= Some(td) != spec.task_definition.as_ref()
                || crate::plan::resolve(&self.revisions, td).is_ok_and(|r| {
                    r.name()
                        != self.services[s].deployments[self.services[s].primary()]
                            .template
                            .task_definition
                });
            spec.task_definition = Some(td.clone());
        }
        if let Some(strategies) = &update.placement_strategy {
            if self.services[s].daemon && !strategies.is_empty() {
                // [DOC] A daemon service takes no placement strategy (§6.3).
                self.warn(
                    &format!("{body}.placementStrategy"),
                    "InvalidParameterException: Placement strategies are not supported with the DAEMON scheduling strategy."
                        .to_owned(),
                    "A daemon service runs one task on every instance, so there is nothing to spread or pack.",
                );
            } else {
                new_deployment = true;
                spec.placement_strategy = Some(strategies.clone());
            }
        }
        if let Some(constraints) = &update.placement_constraints {
            new_deployment = true;
            spec.placement_constraints = Some(constraints.clone());
        }
        if let Some(providers) = &update.capacity_provider_strategy {
            new_deployment = true;
            spec.capacity_provider_strategy = Some(providers.clone());
        }
        // [DOC] A new network or load balancer configuration starts a deployment too (§6.4,
        // §6.8): the tasks run in other subnets or register with other target groups.
        if let Some(network) = &update.network_configuration {
            new_deployment = true;
            spec.network_configuration = Some(network.clone());
        }
        if let Some(load_balancers) = &update.load_balancers {
            new_deployment = true;
            spec.load_balancers = Some(load_balancers.clone());
        }
        if let Some(grace) = update.health_check_grace_period_seconds {
            self.services[s].grace = u64::try_from(grace.max(0)).unwrap_or(0);
        }
        if let Some(config) = &update.deployment_configuration {
            let mut merged = spec.deployment_configuration.clone().unwrap_or_default();
            if self.services[s].daemon && config.maximum_percent.is_some_and(|p| p != 100) {
                // [DOC] A daemon deployment stops a task before starting its replacement, so its
                // maximumPercent stays 100 (§6.3).
                self.warn(
                    &format!("{body}.deploymentConfiguration.maximumPercent"),
                    "InvalidParameterException: The maximumPercent for a service using the DAEMON scheduling strategy must be 100."
                        .to_owned(),
                    "A daemon service runs one task per instance and never two; the value is ignored.",
                );
            } else if config.maximum_percent.is_some() {
                merged.maximum_percent = config.maximum_percent;
            }
            if config.minimum_healthy_percent.is_some() {
                merged.minimum_healthy_percent = config.minimum_healthy_percent;
            }
            if let Some(b) = &config.deployment_circuit_breaker {
                merged.deployment_circuit_breaker = Some(b.clone());
            }
            spec.deployment_configuration = Some(merged);
            let service = &mut self.services[s];
            service.min_percent = u32::try_from(spec.minimum_healthy_percent().max(0)).unwrap_or(0);
            service.max_percent = u32::try_from(spec.maximum_percent().max(0)).unwrap_or(0);
            let breaker = spec
                .deployment_configuration
                .as_ref()
                .and_then(|d| d.deployment_circuit_breaker.as_ref());
            service.breaker = breaker.and_then(|b| b.enable).unwrap_or(false);
            service.rollback = breaker.and_then(|b| b.rollback).unwrap_or(false);
        }
        if let Some(enabled) = rebalancing {
            self.services[s].rebalancing_enabled = enabled;
        }
        if new_deployment {
            let mut found = Vec::new();
            let template = crate::plan::service_template(
                &self.revisions,
                self.world,
                &spec,
                &body,
                &mut found,
            );
            let first = found.first().map(|d| d.message.clone());
            self.report(found);
            match template {
                Some(template) => {
                    self.services[s].spec = spec;
                    self.start_deployment(s, template);
                }
                None => {
                    let message = first.unwrap_or_default();
                    self.push_entry("ActionFailed", path, None, None, Some(name), message);
                    return;
                }
            }
        } else {
            self.services[s].spec = spec;
        }
        self.services[s].steady = false;
        self.schedule_tick(s);
    }

    // ---------------------------------------------------------------- capacity providers

    /// Places tasks through an Auto Scaling group provider strategy: the base/weight split
    /// (§9.2), then each task on an instance of its provider. Without room, a task of a provider
    /// with managed scaling waits in PROVISIONING for capacity (§7.1); otherwise it fails.
    fn place_on_groups(
        &mut self,
        template: &Template,
        path: &str,
        service: Option<usize>,
        n: u32,
        zone: Option<&str>,
    ) -> (Vec<usize>, Option<PlacementFailure>, Option<String>) {
        let mut placed = Vec::new();
        let group_name = &template.request.group;
        let already: Vec<u32> = template
            .capacity_providers
            .iter()
            .map(|item| {
                self.tasks
                    .iter()
                    .filter(|t| {
                        !t.stop_requested
                            && t.record.group == *group_name
                            && t.record.capacity_provider_name.as_deref()
                                == Some(item.capacity_provider.as_str())
                    })
                    .count() as u32
            })
            .collect();
        let split = match split_capacity_providers(&template.capacity_providers, &already, n) {
            Ok(split) => split,
            Err(error) => return (placed, None, Some(error.to_string())),
        };
        // The tasks waiting in PROVISIONING, counted once the first task needs to wait.
        let mut provisioning: Option<usize> = None;
        for item in split {
            if self.halted {
                break;
            }
            let name = &template.capacity_providers[item].capacity_provider;
            let Some(p) = self
                .world
                .capacity_providers
                .iter()
                .position(|c| c.name == *name)
            else {
                continue;
            };
            match self.place_in_group(template, path, service, p, None, zone) {
                Ok(Some(t)) => placed.push(t),
                Ok(None) => {}
                Err(failure) => {
                    // [MODEL] A task for one zone (AZ rebalancing) uses the group's capacity there
                    // now; it does not wait for managed scaling, which may launch in another zone.
                    if zone.is_none() && self.world.capacity_providers[p].managed_scaling.is_some()
                    {
                        // [DOC] A cluster holds at most 500 tasks in PROVISIONING (§7.1, §10);
                        // [MODEL] the task that would exceed it, and the rest of the call, fail
                        // as a ClientException.
                        let waiting = *provisioning.get_or_insert_with(|| {
                            self.tasks
                                .iter()
                                .filter(|t| !t.stop_requested && t.waiting.is_some())
                                .count()
                        });
                        if waiting >= MAX_PROVISIONING_TASKS {
                            let error = format!(
                                "The cluster already has {MAX_PROVISIONING_TASKS} tasks in the PROVISIONING state, the most it can have."
                            );
                            return (placed, None, Some(error));
                        }
                        let t = self.new_waiting_task(template, path, service, p);
                        provisioning = Some(waiting + 1);
                        placed.push(t);
                    } else {
                        return (placed, Some(failure), None);
                    }
                }
            }
        }
        (placed, None, None)
    }

    /// Places one task on an instance of provider `p`; `waiting` is the task that waited for it.
    fn place_in_group(
        &mut self,
        template: &Template,
        path: &str,
        service: Option<usize>,
        p: usize,
        waiting: Option<usize>,
        zone: Option<&str>,
    ) -> Result<Option<usize>, PlacementFailure> {
        let mut request = template.request.clone();
        request.count = 1;
        let name = self.world.capacity_providers[p].name.clone();
        if let Ok(c) = PlacementConstraint::member_of(&format!(
            "attribute:{CAPACITY_PROVIDER_ATTRIBUTE} == {name}"
        )) {
            request.constraints.push(c);
        }
        request.constraints.extend(zone.and_then(in_zone));
        if self.probe.explain == Some(self.placements) {
            // The task to explain is this one, unless it finds no room now and waits.
            let explanation = explain_next(&self.cluster, &request, &self.rng);
            if explanation.chosen.is_some() {
                self.explanation = Some(explanation);
                self.halted = true;
                return Ok(None);
            }
        }
        let outcome = place(&mut self.cluster, &request, &mut self.rng);
        let Some(placed) = outcome.placed.into_iter().next() else {
            let detail = outcome.request_error.map(|e| e.message).unwrap_or_default();
            return Err(outcome
                .failures
                .into_iter()
                .next()
                .unwrap_or(PlacementFailure {
                    reason: ecs_placement::FailureReason::NoContainerInstances,
                    detail,
                    closest_instance: None,
                }));
        };
        let Some(t) = waiting else {
            let t = self.new_task(
                template,
                path,
                service,
                placed.task_id,
                Site::Instance(placed.instance),
            );
            self.tasks[t].record.capacity_provider_name = Some(name);
            return Ok(Some(t));
        };
        // The waiting task already has its id: the engine's copy takes it over.
        let id = self.tasks[t].record.task_id.clone();
        if let Some(state) = self
            .cluster
            .tasks
            .iter_mut()
            .rev()
            .find(|s| s.id == placed.task_id)
        {
            state.id = id.clone();
        }
        self.cluster.next_task_number = self.cluster.next_task_number.saturating_sub(1);
        let instance = &self.cluster.instances[placed.instance];
        let task = &mut self.tasks[t];
        task.waiting = None;
        task.instance = Some(placed.instance);
        task.on_cluster = true;
        task.record.container_instance = Some(instance.id.clone());
        task.record.availability_zone = instance.availability_zone().map(str::to_owned);
        task.record.placement_index = self.placements;
        self.placements += 1;
        let message = format!(
            "{id} placed on {} ({})",
            task.record.container_instance.as_deref().unwrap_or("-"),
            task.record.availability_zone.as_deref().unwrap_or("-")
        );
        self.task_entry(t, "TaskPlaced", message);
        if !self.halted {
            self.enter(t, Status::Provisioning);
        }
        Ok(Some(t))
    }

    fn new_waiting_task(
        &mut self,
        template: &Template,
        path: &str,
        service: Option<usize>,
        p: usize,
    ) -> usize {
        self.capture_pending_action();
        self.cluster.next_task_number += 1;
        let id = format!("task-{}", self.cluster.next_task_number);
        let name = self.world.capacity_providers[p].name.clone();
        let t = self.tasks.len();
        let (mut record, deployment) = self.new_task_record(template, path, service, id.clone());
        record.launch_type = "EC2".to_owned();
        // Set when it is placed; a waiting task has no placement to explain.
        record.placement_index = NOT_PLACED;
        record.capacity_provider_name = Some(name.clone());
        self.tasks.push(Task {
            record,
            service,
            deployment,
            status: Status::Provisioning,
            stop_requested: false,
            healthy: None,
            epoch: 0,
            instance: None,
            on_cluster: false,
            uses_eni: template.request.requirements.uses_eni,
            load_balanced: template.load_balanced,
            health_check: template.health_check,
            stop_timeout: template.stop_timeout,
            fargate: false,
            behaviour: template.behaviour.clone(),
            stopping_seconds: None,
            waiting: Some((p, Box::new(template.clone()))),
            protected_until: None,
            protection_event: None,
            unhealthy_reason: None,
        });
        if let Some(s) = service {
            self.services[s].tasks.push(t);
        }
        self.task_entry(
            t,
            "TaskProvisioning",
            format!("{id} PROVISIONING: waiting for capacity from {name}"),
        );
        self.schedule_scaling(p, self.now);
        t
    }

    fn waits_for(&self, t: usize, p: usize) -> bool {
        let task = &self.tasks[t];
        !task.stop_requested && task.waiting.as_ref().is_some_and(|(q, _)| *q == p)
    }

    /// Places the tasks waiting for provider `p`, oldest first, until one does not fit.
    fn place_waiting(&mut self, p: usize) {
        let waiting: Vec<usize> = (0..self.tasks.len())
            .filter(|&t| self.waits_for(t, p))
            .collect();
        let mut started: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for t in waiting {
            let Some((_, template)) = self.tasks[t].waiting.clone() else {
                continue;
            };
            let path = self.tasks[t].record.request.clone();
            let service = self.tasks[t].service;
            match self.place_in_group(&template, &path, service, p, Some(t), None) {
                Ok(Some(t)) => {
                    if let Some(s) = service {
                        started
                            .entry(s)
                            .or_default()
                            .push(format!("(task {})", self.tasks[t].record.task_id));
                    }
                }
                Ok(None) => return,
                Err(_) => break,
            }
        }
        for (s, list) in started {
            let name = self.services[s].name.clone();
            self.service_event(
                s,
                format!(
                    "service {name} has started {} tasks: {}.",
                    list.len(),
                    list.join(" ")
                ),
            );
        }
    }

    fn schedule_scaling(&mut self, p: usize, at: u64) {
        let pending = self
            .queue
            .values()
            .any(|e| matches!(e, Event::Scale { provider, .. } if *provider == p));
        if pending || self.world.capacity_providers[p].managed_scaling.is_none() {
            return;
        }
        let busy = self.scaling_busy(p);
        self.schedule(at, Event::Scale { provider: p, busy });
    }

    /// Whether managed scaling has work: tasks waiting for the provider, instances launching, or
    /// empty instances above the group's minimum that it could remove.
    fn scaling_busy(&self, p: usize) -> bool {
        let waiting = (0..self.tasks.len()).any(|t| self.waits_for(t, p));
        let size = self.group_instances(p).len() as u32 + self.groups[p].launching;
        waiting
            || self.groups[p].launching > 0
            || (size > self.world.capacity_providers[p].min_size
                && !self.empty_instances(p).is_empty())
    }

    /// The instances of provider `p`'s group, but not those draining for a scale-in: they have
    /// left the group's desired capacity.
    fn group_instances(&self, p: usize) -> Vec<usize> {
        (0..self.cluster.instances.len())
            .filter(|&i| {
                self.provider_of[i] == Some(p) && !self.terminated[i] && !self.leaving.contains(&i)
            })
            .collect()
    }

    /// Instances of the group that run nothing but daemon tasks (§9.3: they count as empty).
    fn empty_instances(&self, p: usize) -> Vec<usize> {
        let daemon_groups: BTreeSet<String> = self
            .services
            .iter()
            .filter(|s| s.daemon)
            .map(|s| format!("service:{}", s.name))
            .collect();
        self.group_instances(p)
            .into_iter()
            .filter(|&i| {
                !self.cluster.tasks.iter().any(|t| {
                    t.instance == i
                        && t.desired_status != DesiredStatus::Stopped
                        && !daemon_groups.contains(&t.group)
                })
            })
            .collect()
    }

    /// CapacityProviderReservation = M / N × 100 (§9.3): `M` the instances needed (busy ones and
    /// those the waiting tasks need), `N` the instances in the group, launching ones included.
    fn reservation(&self, p: usize) -> (u64, u64, u64) {
        let group = &self.groups[p];
        let mut demand: BTreeMap<(u32, u32), u64> = BTreeMap::new();
        for t in 0..self.tasks.len() {
            if self.waits_for(t, p) {
                let record = &self.tasks[t].record;
                *demand.entry((record.cpu, record.memory)).or_default() += 1;
            }
        }
        // Binpack each set of identical tasks onto the group's instance type; tasks that cannot
        // fit even once are ignored and stay PROVISIONING.
        let needed: u64 = demand
            .iter()
            .map(|(&(cpu, memory), &n)| {
                let per = |have: u32, want: u32| have.checked_div(want).map_or(u64::MAX, u64::from);
                let fit = per(group.instance_cpu, cpu).min(per(group.instance_memory, memory));
                if fit == 0 { 0 } else { n.div_ceil(fit) }
            })
            .sum();
        let instances = self.group_instances(p).len() as u64;
        let busy = instances - self.empty_instances(p).len() as u64;
        let n = instances + u64::from(group.launching);
        let m = busy + needed.max(u64::from(group.launching));
        let value = match (m, n) {
            (0, 0) => 100,
            (_, 0) => 200,
            _ => (m * 100).div_ceil(n),
        };
        (value, m, n)
    }

    /// One period of managed scaling's target tracking on CapacityProviderReservation (§9.3).
    fn managed_scaling(&mut self, p: usize) {
        let provider = &self.world.capacity_providers[p];
        let Some(scaling) = provider.managed_scaling.clone() else {
            return;
        };
        let name = provider.name.clone();
        let max_size = provider.max_size;
        let (value, m, n) = self.reservation(p);
        if self.groups[p].reservation != Some(value) {
            self.groups[p].reservation = Some(value);
            self.push_entry(
                "CapacityProviderReservation",
                "",
                None,
                None,
                None,
                format!("{name} CapacityProviderReservation {value} (M = {m}, N = {n})"),
            );
        }
        let target = u64::from(scaling.target_capacity);
        if value > target {
            self.groups[p].periods_below_target = 0;
            if self.now >= self.groups[p].warm_until {
                let wanted = (m * 100).div_ceil(target).saturating_sub(n);
                let step = wanted.clamp(
                    u64::from(scaling.minimum_scaling_step_size),
                    u64::from(scaling.maximum_scaling_step_size),
                );
                let room = u64::from(max_size).saturating_sub(n);
                // [DOC] §10: the cluster's 5,000 container instances, counting those launching.
                let launching: usize = self.groups.iter().map(|g| g.launching as usize).sum();
                let quota = MAX_CONTAINER_INSTANCES
                    .saturating_sub(self.registered_instances() + launching)
                    as u64;
                let launch = u32::try_from(step.min(room).min(quota)).unwrap_or(0);
                if launch == 0 && step.min(room) > 0 && !self.groups[p].at_quota {
                    self.groups[p].at_quota = true;
                    self.push_entry(
                        "ScaleOutBlocked",
                        "",
                        None,
                        None,
                        None,
                        format!(
                            "{name}: the cluster already has {MAX_CONTAINER_INSTANCES} container instances, the most it can have; no instance launched"
                        ),
                    );
                }
                if launch > 0 {
                    self.groups[p].at_quota = false;
                    let launch_seconds = self.world.timings.instance_launch_seconds;
                    self.groups[p].launching += launch;
                    self.groups[p].warm_until =
                        self.now + launch_seconds + scaling.instance_warmup_period;
                    self.push_entry(
                        "ScaleOut",
                        "",
                        None,
                        None,
                        None,
                        format!(
                            "{name}: Auto Scaling group desired capacity {n} → {}",
                            n + u64::from(launch)
                        ),
                    );
                    for _ in 0..launch {
                        self.schedule(self.now + launch_seconds, Event::Launch(p));
                    }
                }
            }
        } else if value < target {
            self.groups[p].periods_below_target += 1;
            // Scale-in needs 15 consecutive one-minute datapoints below the target.
            let needed = (15 * 60u64).div_ceil(self.world.timings.scaling_period_seconds);
            if self.groups[p].periods_below_target >= needed && self.groups[p].launching == 0 {
                self.groups[p].periods_below_target = 0;
                self.scale_in(p, m, n, target);
            }
        } else {
            self.groups[p].periods_below_target = 0;
        }
        let period = self.world.timings.scaling_period_seconds;
        let busy = self.scaling_busy(p);
        self.schedule(self.now + period, Event::Scale { provider: p, busy });
    }

    /// Removes instances down to what the reservation asks for, at most half the group per step
    /// and never below its minimum. With managed termination protection only empty instances
    /// go; without it [MODEL] the group removes empty instances first, then the newest. With
    /// managed draining (§9.4) an instance that still has tasks is drained first and terminated
    /// once they have stopped.
    fn scale_in(&mut self, p: usize, m: u64, n: u64, target: u64) {
        let provider = &self.world.capacity_providers[p];
        let keep = (m * 100).div_ceil(target).max(u64::from(provider.min_size));
        let empty = self.empty_instances(p);
        // [MODEL] §9.3 removes at most 50 % of the group per step: half the group rounded down,
        // but at least one instance, so that a group of one empty instance can reach zero (the
        // reference's M = N = 0 case). A step never removes every instance of a group that
        // still has non-empty ones (`keep` counts them, this says it outright).
        let mut remove = n.saturating_sub(keep).min((n / 2).max(1));
        if remove >= n && (empty.len() as u64) < n {
            remove = n.saturating_sub(1);
        }
        let remove = usize::try_from(remove).unwrap_or(0);
        let mut candidates: Vec<usize> = empty.into_iter().rev().collect();
        if !provider.managed_termination_protection {
            let mut others: Vec<usize> = self
                .group_instances(p)
                .into_iter()
                .filter(|i| !candidates.contains(i))
                .collect();
            others.reverse();
            candidates.extend(others);
        }
        candidates.truncate(remove);
        if candidates.is_empty() {
            return;
        }
        let name = provider.name.clone();
        let draining = provider.managed_draining;
        self.push_entry(
            "ScaleIn",
            "",
            None,
            None,
            None,
            format!(
                "{name}: Auto Scaling group desired capacity {n} → {}",
                n - candidates.len() as u64
            ),
        );
        for i in candidates {
            if draining && self.has_tasks(i) {
                // [DOC] §9.4: the instance goes DRAINING (its service tasks are replaced
                // elsewhere, §1.6) and the group terminates it once no task runs there.
                self.leaving.insert(i);
                self.cluster.instances[i].status = ContainerInstanceStatus::Draining;
                let id = self.cluster.instances[i].id.clone();
                self.push_entry(
                    "InstanceDraining",
                    "",
                    None,
                    Some(id.clone()),
                    None,
                    format!("{id} DRAINING before Auto Scaling scale-in (managed draining)"),
                );
                self.tick_all();
            } else {
                self.terminate_instance(i, "terminated by Auto Scaling scale-in");
            }
        }
    }

    /// Whether a task not yet STOPPED is on instance `i`.
    fn has_tasks(&self, i: usize) -> bool {
        self.tasks
            .iter()
            .any(|t| t.instance == Some(i) && t.status != Status::Stopped)
    }

    fn launch_instance(&mut self, p: usize) {
        self.groups[p].launching = self.groups[p].launching.saturating_sub(1);
        let zones = &self.world.capacity_providers[p].availability_zones;
        // The group balances its instances over its healthy zones.
        let zone = zones
            .iter()
            .filter(|z| !self.failed_zones.contains(*z))
            .min_by_key(|z| {
                self.group_instances(p)
                    .iter()
                    .filter(|&&i| self.cluster.instances[i].availability_zone() == Some(z.as_str()))
                    .count()
            })
            .cloned()
            .unwrap_or_default();
        self.add_group_instance(p, &zone);
        self.place_waiting(p);
        self.tick_all();
        self.schedule_scaling(p, self.now);
    }

    /// A new instance of provider `p`'s group registers with the cluster (in `zone`, or the next
    /// of the group's zones in turn).
    fn add_group_instance(&mut self, p: usize, zone: &str) {
        let provider = &self.world.capacity_providers[p];
        if self.registered_instances() >= MAX_CONTAINER_INSTANCES {
            // [MODEL] The cluster filled up while the instance launched (§10): its agent cannot
            // register it.
            let message = format!(
                "{}: an instance could not register, the cluster already has {MAX_CONTAINER_INSTANCES} container instances",
                provider.name
            );
            self.push_entry("InstanceNotRegistered", "", None, None, None, message);
            return;
        }
        let zone = if zone.is_empty() {
            let k = self.provider_of.iter().filter(|&&x| x == Some(p)).count();
            provider
                .availability_zones
                .get(k % provider.availability_zones.len().max(1))
                .cloned()
                .unwrap_or_default()
        } else {
            zone.to_owned()
        };
        let n = self.unused_instance_number();
        let arn = format!(
            "arn:aws:ecs:{ACCOUNT_REGION}:container-instance/{}/ci-{n}",
            self.world.cluster
        );
        let ec2 = format!("i-0{:016x}", 0xa5a0_0000_0000_0000_u64 + n as u64);
        let Ok(instance) = ecs_model::container_instance_from_spec_with(
            &instance_spec(&provider.instance_type, &zone),
            &arn,
            &ec2,
            &self.world.account_settings,
        ) else {
            return;
        };
        let mut state = adapt::instance_state(&instance, &format!("ci-{n}"));
        state.registered_at = i64::try_from(self.now).unwrap_or(0);
        state.attributes.insert(
            CAPACITY_PROVIDER_ATTRIBUTE.to_owned(),
            provider.name.clone(),
        );
        let id = state.id.clone();
        let message = format!(
            "{id} ({}, {zone}) joined from {}",
            provider.instance_type, provider.name
        );
        self.cluster.instances.push(state);
        self.terminated.push(false);
        self.lost_in_outage.push(false);
        self.provider_of.push(Some(p));
        self.push_entry("InstanceRegistered", "", None, Some(id), None, message);
    }

    /// The number of the next `ci-N` id no instance has: one past the instances there are, or
    /// further if an instance registered by the timeline already took it.
    fn unused_instance_number(&self) -> usize {
        (self.cluster.instances.len() + 1..)
            .find(|n| {
                let id = format!("ci-{n}");
                !self.cluster.instances.iter().any(|i| i.id == id)
            })
            .unwrap_or(usize::MAX)
    }

    /// The container instances registered with the cluster: all but the INACTIVE ones.
    fn registered_instances(&self) -> usize {
        self.cluster
            .instances
            .iter()
            .filter(|i| i.status != ContainerInstanceStatus::Inactive)
            .count()
    }

    fn capacity_provider_record(&self, p: usize) -> CapacityProviderRecord {
        let provider = &self.world.capacity_providers[p];
        let (value, _, _) = self.reservation(p);
        CapacityProviderRecord {
            name: provider.name.clone(),
            managed_scaling: provider.managed_scaling.is_some(),
            target_capacity: provider
                .managed_scaling
                .as_ref()
                .map_or(100, |s| s.target_capacity),
            instances: self.group_instances(p).len() as u32,
            launching: self.groups[p].launching,
            min_size: provider.min_size,
            max_size: provider.max_size,
            capacity_provider_reservation: u32::try_from(value).unwrap_or(u32::MAX),
            provisioning_tasks: (0..self.tasks.len())
                .filter(|&t| self.waits_for(t, p))
                .count() as u32,
        }
    }

    // ---------------------------------------------------------------- Service Auto Scaling

    /// The policy's metric now: the load shared by the service's RUNNING tasks; `None` without
    /// running tasks (missing data: target tracking does nothing).
    fn scaling_metric(&self, policy: usize, s: usize) -> Option<(f64, u32)> {
        let scaling = &self.world.auto_scaling[policy];
        let load = scaling
            .load
            .iter()
            .take_while(|(at, _)| *at <= self.now)
            .last()
            .map_or(0.0, |(_, v)| *v);
        let running = self.services[s]
            .tasks
            .iter()
            .filter(|&&t| !self.tasks[t].stop_requested && self.tasks[t].status == Status::Running)
            .count() as u32;
        if running == 0 {
            return None;
        }
        let per_task = load / f64::from(running);
        let value = if scaling.metric == "ALBRequestCountPerTarget" {
            per_task
        } else {
            per_task.min(100.0)
        };
        Some((value, running))
    }

    /// [MODEL] A load point counts as an action for the end of a run without `until`: datapoints
    /// keep the run going until `settleHorizon` after the last one, time for the policies to
    /// scale out and back in.
    fn schedule_auto_scale(&mut self, at: u64, policy: usize) {
        let busy = at <= self.load_horizon;
        self.schedule(at, Event::AutoScale { policy, busy });
    }

    /// One datapoint of target tracking (§6.10): out fast and in proportion, in slowly, each
    /// after its cooldown; never outside min/max capacity; no scale-in during a deployment.
    fn auto_scale(&mut self, policy: usize) {
        self.schedule_auto_scale(self.now + AUTO_SCALING_PERIOD, policy);
        let scaling = &self.world.auto_scaling[policy];
        let Some(s) = self
            .services
            .iter()
            .position(|svc| svc.name == scaling.service && !svc.daemon && svc.status == "ACTIVE")
        else {
            return;
        };
        if scaling.step_scaling.is_some() {
            self.step_scale(policy, s);
            return;
        }
        let desired = self.services[s].desired;
        let (min, max) = (scaling.min_capacity, scaling.max_capacity);
        let mut new = None;
        let metric = self.scaling_metric(policy, s);
        let target = scaling.target_value;
        let others_in = self.others_ready_to_scale_in(policy, s);
        let state = &mut self.policies[policy];
        state.evaluated_at = Some(self.now);
        match metric {
            Some((value, running)) if value > target => {
                state.below = 0;
                state.above += 1;
                let cooled = state
                    .last_scale_out
                    .is_none_or(|t| self.now >= t + scaling.scale_out_cooldown);
                if state.above >= SCALE_OUT_DATAPOINTS && cooled {
                    // [DOC] Below the minimum, the scale-out goes to the minimum first (§6.10).
                    let wanted = if desired < min {
                        min
                    } else {
                        (f64::from(running) * value / target).ceil() as u32
                    };
                    if wanted.min(max) > desired {
                        new = Some((wanted.min(max), value));
                        state.last_scale_out = Some(self.now);
                        state.above = 0;
                    }
                }
            }
            Some((value, running)) if value < target * 0.9 => {
                state.above = 0;
                state.below += 1;
                let cooled = state
                    .last_scale_in
                    .is_none_or(|t| self.now >= t + scaling.scale_in_cooldown);
                let deploying = self.services[s]
                    .deployments
                    .last()
                    .is_some_and(|d| d.rollout == Rollout::InProgress);
                if state.below >= SCALE_IN_DATAPOINTS
                    && cooled
                    && !scaling.disable_scale_in
                    && !deploying
                {
                    let wanted = ((f64::from(running) * value / target).ceil() as u32).max(1);
                    // [DOC] With several target-tracking policies, the service scales in only
                    // when all of them are ready to, and by no more than the least of them asks.
                    if let Some(others) = others_in {
                        // [DOC] Above the maximum, the scale-in goes to the maximum first.
                        let wanted = if desired > max {
                            max
                        } else {
                            wanted.max(others).clamp(min, max)
                        };
                        if wanted < desired {
                            new = Some((wanted, value));
                            state.last_scale_in = Some(self.now);
                            state.below = 0;
                        }
                    }
                }
            }
            Some(_) => {
                state.above = 0;
                state.below = 0;
            }
            None => {}
        }
        let Some((count, value)) = new else {
            return;
        };
        let message = format!(
            "{}: {} {value:.0} against target {target}: desired count {desired} → {count}",
            self.services[s].name, scaling.metric
        );
        self.scale_to(s, count, message);
    }

    /// Service Auto Scaling sets service `s`'s desired count; the scheduler acts on it at once.
    fn scale_to(&mut self, s: usize, count: u32, message: String) {
        self.services[s].desired = count;
        self.services[s].spec.desired_count = i32::try_from(count).ok();
        self.services[s].steady = false;
        self.service_entry(s, "DesiredCountChanged", message);
        self.schedule_tick(s);
    }

    /// Whether every other target-tracking policy of service `s` is ready to scale in (its
    /// low alarm has 15 datapoints, counting this minute's if it has not read it yet), and the
    /// most tasks any of them would keep; `Some(0)` without other policies. A policy with
    /// `disableScaleIn` has no low alarm and does not hold the others back.
    fn others_ready_to_scale_in(&self, policy: usize, s: usize) -> Option<u32> {
        let mut keep = 0;
        for (q, other) in self.world.auto_scaling.iter().enumerate() {
            if q == policy
                || other.service != self.services[s].name
                || other.step_scaling.is_some()
                || other.disable_scale_in
            {
                continue;
            }
            let (value, running) = self.scaling_metric(q, s)?;
            if value >= other.target_value * 0.9 {
                return None;
            }
            let state = &self.policies[q];
            let pending = u32::from(state.evaluated_at != Some(self.now));
            if state.below + pending < SCALE_IN_DATAPOINTS {
                return None;
            }
            keep =
                keep.max(((f64::from(running) * value / other.target_value).ceil() as u32).max(1));
        }
        Some(keep)
    }

    /// One datapoint of a step scaling policy's alarm (§6.10). The alarm goes to ALARM after
    /// `evaluationPeriods` breaching datapoints in a row and, as CloudWatch does for scaling
    /// actions, invokes the policy once a minute while it stays there. The step is chosen by how
    /// far the metric is past the threshold. A scale-out during its cooldown counts from the
    /// desired count before the last one, so it only adds what a larger step asks for; a scale-in
    /// waits for its cooldown and for any deployment to finish.
    fn step_scale(&mut self, policy: usize, s: usize) {
        let scaling = &self.world.auto_scaling[policy];
        let Some(step) = &scaling.step_scaling else {
            return;
        };
        let desired = self.services[s].desired;
        let (min, max) = (scaling.min_capacity, scaling.max_capacity);
        let metric = self.scaling_metric(policy, s);
        let deploying = self.services[s]
            .deployments
            .last()
            .is_some_and(|d| d.rollout == Rollout::InProgress);
        let now = self.now;
        let state = &mut self.policies[policy];
        if state
            .last_scale_out
            .is_some_and(|t| now >= t + step.cooldown)
        {
            state.scale_out_base = None;
        }
        // Missing data (no running task) leaves the alarm as it was.
        let mut new = None;
        if let Some((value, _)) = metric {
            if step.comparison.breaches(value, step.threshold) {
                state.breaching += 1;
            } else {
                state.breaching = 0;
            }
            let delta = value - step.threshold;
            let chosen = step
                .steps
                .iter()
                .find(|a| a.lower.is_none_or(|l| delta >= l) && a.upper.is_none_or(|u| delta < u));
            if state.breaching >= step.evaluation_periods
                && let Some(adjustment) = chosen
            {
                let base = state.scale_out_base.unwrap_or(desired);
                let wanted = step_capacity(step, adjustment.scaling_adjustment, base);
                let wanted = wanted.clamp(i64::from(min), i64::from(max)) as u32;
                // [DOC] A desired count outside min/max goes to the bound first (§6.10).
                let wanted = if desired < min {
                    min
                } else if desired > max {
                    max
                } else {
                    wanted
                };
                let cooled_in = state.last_scale_in.is_none_or(|t| now >= t + step.cooldown);
                // A step adds or removes tasks by its sign; an exact capacity goes either way.
                let (out, into) = match step.adjustment_type {
                    crate::world::AdjustmentType::ExactCapacity => (true, true),
                    _ => (
                        adjustment.scaling_adjustment > 0,
                        adjustment.scaling_adjustment < 0,
                    ),
                };
                if out && wanted > desired {
                    state.scale_out_base.get_or_insert(desired);
                    state.last_scale_out = Some(now);
                    new = Some((wanted, value, adjustment.scaling_adjustment));
                } else if into && wanted < desired && cooled_in && !deploying {
                    state.last_scale_in = Some(now);
                    state.scale_out_base = None;
                    new = Some((wanted, value, adjustment.scaling_adjustment));
                }
            }
        }
        let (count, message) = match new {
            Some((count, value, adjustment)) => (
                count,
                format!(
                    "{}: alarm {} {value:.0} {} {} in ALARM, step {adjustment:+} ({}): desired count {desired} → {count}",
                    self.services[s].name,
                    crate::world::alarm_metric_name(&scaling.metric),
                    step.comparison.symbol(),
                    step.threshold,
                    step.adjustment_type.as_str(),
                ),
            ),
            None => return,
        };
        self.scale_to(s, count, message);
    }

    // ---------------------------------------------------------------- results

    /// The state now, as the API would describe it.
    pub fn outcome(&self) -> Outcome {
        let container_instances = self
            .cluster
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
        let (tasks, target_groups) = self.tasks_and_target_groups();
        Outcome {
            cluster: self.world.cluster.clone(),
            availability_zones: self.world.availability_zones.clone(),
            container_instances,
            tasks,
            target_groups,
            failures: self.failures.clone(),
            events: self.events.clone(),
            timeline: self.timeline.clone(),
            at: self.now,
            services: self
                .services
                .iter()
                .map(|s| self.service_record(s))
                .collect(),
            capacity_providers: (0..self.groups.len())
                .map(|p| self.capacity_provider_record(p))
                .collect(),
        }
    }

    /// The record of a task just created (PROVISIONING, not yet on an instance) and the index of
    /// the service deployment it belongs to; the caller fills in where it runs.
    fn new_task_record(
        &self,
        template: &Template,
        path: &str,
        service: Option<usize>,
        task_id: String,
    ) -> (TaskRecord, usize) {
        let (service_name, started_by, deployment) = match service {
            Some(s) => {
                let svc = &self.services[s];
                let d = svc.primary();
                (
                    Some(svc.name.clone()),
                    svc.deployments.get(d).map(|d| d.id.clone()),
                    d,
                )
            }
            None => (None, template.started_by.clone(), 0),
        };
        let record = TaskRecord {
            task_arn: format!(
                "arn:aws:ecs:{ACCOUNT_REGION}:task/{}/{task_id}",
                self.world.cluster
            ),
            task_id,
            group: template.request.group.clone(),
            task_definition: template.task_definition.clone(),
            last_status: "PROVISIONING".to_owned(),
            desired_status: "RUNNING".to_owned(),
            cpu: template.request.requirements.cpu,
            memory: template.request.requirements.memory,
            request: path.to_owned(),
            service: service_name,
            started_by,
            health_status: "UNKNOWN".to_owned(),
            created_at: self.now,
            ..TaskRecord::default()
        };
        (record, deployment)
    }

    /// UpdateContainerInstancesState: records the change on the timeline and lets every service
    /// react (a DRAINING instance's service tasks are replaced elsewhere).
    fn set_instance_status(&mut self, i: usize, status: ContainerInstanceStatus, path: &str) {
        self.cluster.instances[i].status = status;
        let id = self.cluster.instances[i].id.clone();
        let kind = match status {
            ContainerInstanceStatus::Draining => "InstanceDraining",
            _ => "InstanceActive",
        };
        self.push_entry(
            kind,
            path,
            None,
            Some(id.clone()),
            None,
            format!("{id} {}", status.as_str()),
        );
        self.tick_all();
    }

    /// The task records with their network bindings, and every load-balanced service's target
    /// groups with the tasks registered in them.
    fn tasks_and_target_groups(&self) -> (Vec<TaskRecord>, Vec<TargetGroupRecord>) {
        let mut ports = EphemeralPorts::default();
        let tasks: Vec<TaskRecord> = self
            .tasks
            .iter()
            .map(|t| {
                let mut record = t.record.clone();
                if let Some(revision) = self
                    .revisions
                    .iter()
                    .find(|r| r.name() == record.task_definition)
                {
                    let instance = if t.fargate { None } else { t.instance };
                    record.network_bindings = ports.bind(&revision.definition, instance);
                }
                record
            })
            .collect();
        let mut target_groups = Vec::new();
        for service in &self.services {
            for lb in service.spec.load_balancers.as_deref().unwrap_or_default() {
                let Some(arn) = lb.target_group_arn.clone() else {
                    continue;
                };
                let container_name = lb.container_name.clone().unwrap_or_default();
                let container_port = lb
                    .container_port
                    .and_then(|p| u16::try_from(p).ok())
                    .unwrap_or(0);
                let mut group = TargetGroupRecord {
                    target_group_arn: arn,
                    service: service.name.clone(),
                    container_name: container_name.clone(),
                    container_port,
                    target_type: "instance".to_owned(),
                    targets: Vec::new(),
                };
                for (number, (task, record)) in self.tasks.iter().zip(&tasks).enumerate() {
                    if record.service.as_deref() != Some(service.name.as_str()) {
                        continue;
                    }
                    let Some(health) = target_health(&record.last_status, &record.health_status)
                    else {
                        continue;
                    };
                    let Some(binding) = record.network_bindings.iter().find(|b| {
                        b.container_name == container_name && b.container_port == container_port
                    }) else {
                        continue;
                    };
                    let ip_target = task.uses_eni || task.fargate;
                    if ip_target {
                        group.target_type = "ip".to_owned();
                    }
                    let id = if ip_target {
                        task_ip(number + 1)
                    } else {
                        task.instance
                            .and_then(|i| self.cluster.instances.get(i))
                            .and_then(|i| i.ec2_instance_id.clone())
                            .unwrap_or_default()
                    };
                    group.targets.push(TargetRecord {
                        id,
                        port: binding.host_port,
                        task_id: record.task_id.clone(),
                        availability_zone: record.availability_zone.clone(),
                        health: health.to_owned(),
                    });
                }
                target_groups.push(group);
            }
        }
        (tasks, target_groups)
    }

    fn service_record(&self, service: &Service) -> ServiceRecord {
        let primary = service.primary();
        let count = |d: Option<usize>, running: bool| {
            service
                .tasks
                .iter()
                .filter(|&&t| {
                    let task = &self.tasks[t];
                    !task.stop_requested
                        && d.is_none_or(|d| task.deployment == d)
                        && (task.status == Status::Running) == running
                })
                .count() as u32
        };
        let deployments = service
            .deployments
            .iter()
            .enumerate()
            .rev()
            .map(|(d, dep)| DeploymentRecord {
                id: dep.id.clone(),
                status: if d == primary {
                    "PRIMARY"
                } else if dep.inactive || count(Some(d), true) + count(Some(d), false) == 0 {
                    "INACTIVE"
                } else {
                    "ACTIVE"
                }
                .to_owned(),
                task_definition: dep.template.task_definition.clone(),
                desired_count: if d == primary { service.desired } else { 0 },
                pending_count: count(Some(d), false),
                running_count: count(Some(d), true),
                failed_tasks: dep.failed_tasks,
                rollout_state: match dep.rollout {
                    Rollout::InProgress => "IN_PROGRESS",
                    Rollout::Completed => "COMPLETED",
                    Rollout::Failed => "FAILED",
                }
                .to_owned(),
                rollout_state_reason: dep.reason.clone(),
                created_at: dep.created_at,
            })
            .collect();
        ServiceRecord {
            service_name: service.name.clone(),
            status: service.status.to_owned(),
            scheduling_strategy: if service.daemon { "DAEMON" } else { "REPLICA" }.to_owned(),
            desired_count: service.desired,
            running_count: count(None, true),
            pending_count: count(None, false),
            task_definition: service
                .deployments
                .get(primary)
                .map(|d| d.template.task_definition.clone())
                .unwrap_or_default(),
            minimum_healthy_percent: service.min_percent,
            maximum_percent: service.max_percent,
            availability_zone_rebalancing: if service.rebalancing_enabled {
                "ENABLED"
            } else {
                "DISABLED"
            }
            .to_owned(),
            deployments,
        }
    }
}

/// The placement index of a task still waiting for capacity: the same number on 64-bit hosts
/// and in 32-bit WebAssembly, so that outcomes serialise identically.
pub const NOT_PLACED: usize = u32::MAX as usize;

/// [MODEL] Instances of an Auto Scaling group provider carry this attribute, so that a placement
/// for the provider can be limited to them with a memberOf constraint.
pub const CAPACITY_PROVIDER_ATTRIBUTE: &str = "capacity-provider";

fn instance_spec(instance_type: &str, zone: &str) -> ecs_model::ContainerInstanceSpec {
    ecs_model::ContainerInstanceSpec {
        instance_type: instance_type.to_owned(),
        availability_zone: zone.to_owned(),
        attributes: None,
        registered_at: None,
        agent_version: None,
        status: None,
        agent_connected: None,
        ami_id: None,
    }
}

/// The capacity a step asks for from `base` tasks. [DOC] A percent change is rounded toward
/// zero, but a change between -1 and 1 becomes -1 or 1, and `minAdjustmentMagnitude` sets the
/// smallest change.
fn step_capacity(step: &crate::world::StepScaling, adjustment: i32, base: u32) -> i64 {
    use crate::world::AdjustmentType;
    let base = i64::from(base);
    let change = match step.adjustment_type {
        AdjustmentType::ExactCapacity => return i64::from(adjustment.max(0)),
        AdjustmentType::ChangeInCapacity => i64::from(adjustment),
        AdjustmentType::PercentChangeInCapacity => {
            let exact = base as f64 * f64::from(adjustment) / 100.0;
            let rounded = if exact > 0.0 && exact < 1.0 {
                1
            } else if exact < 0.0 && exact > -1.0 {
                -1
            } else {
                exact.trunc() as i64
            };
            let floor = i64::from(step.min_adjustment_magnitude);
            if rounded != 0 && rounded.abs() < floor {
                floor * rounded.signum()
            } else {
                rounded
            }
        }
    };
    base + change
}

/// The deployment circuit breaker's failure threshold (§6.6, current API): half the desired
/// count rounded up, at least 3 and at most 200.
pub fn circuit_breaker_threshold(desired_count: u32) -> u32 {
    desired_count.div_ceil(2).clamp(3, 200)
}

/// `2 tasks in us-east-1a, 2 in us-east-1b, and 0 in us-east-1c`, as the AZ events list zones.
fn zone_list(zones: &[(String, usize)]) -> String {
    let parts: Vec<String> = zones
        .iter()
        .enumerate()
        .map(|(k, (z, n))| {
            if k == 0 {
                format!("{n} tasks in {z}")
            } else {
                format!("{n} in {z}")
            }
        })
        .collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// The constraint that keeps a placement in one Availability Zone.
fn in_zone(zone: &str) -> Option<PlacementConstraint> {
    PlacementConstraint::member_of(&format!("attribute:ecs.availability-zone == {zone}")).ok()
}

#[cfg(test)]
mod tests {
    use super::step_capacity;
    use crate::world::{AdjustmentType, Comparison, StepScaling};

    fn policy(adjustment_type: AdjustmentType, min_adjustment_magnitude: u32) -> StepScaling {
        StepScaling {
            comparison: Comparison::GreaterThanOrEqualToThreshold,
            threshold: 70.0,
            evaluation_periods: 1,
            adjustment_type,
            steps: Vec::new(),
            cooldown: 300,
            min_adjustment_magnitude,
        }
    }

    #[test]
    fn step_capacities() {
        let cases = [
            (AdjustmentType::ChangeInCapacity, 0, 2, 4),
            (AdjustmentType::ChangeInCapacity, 0, -1, 4),
            (AdjustmentType::ExactCapacity, 0, 7, 4),
            // 4 × 30 % = 1.2 tasks, rounded down to 1.
            (AdjustmentType::PercentChangeInCapacity, 0, 30, 4),
            // 4 × 10 % = 0.4 tasks: a change between 0 and 1 becomes 1.
            (AdjustmentType::PercentChangeInCapacity, 0, 10, 4),
            // 4 × -10 % = -0.4 tasks becomes -1.
            (AdjustmentType::PercentChangeInCapacity, 0, -10, 4),
            // 10 × -25 % = -2.5 tasks, rounded toward zero to -2.
            (AdjustmentType::PercentChangeInCapacity, 0, -25, 10),
            // 4 × 30 % = 1 task, raised to minAdjustmentMagnitude 3.
            (AdjustmentType::PercentChangeInCapacity, 3, 30, 4),
        ];
        let lines: Vec<String> = cases
            .iter()
            .map(|&(kind, magnitude, adjustment, base)| {
                format!(
                    "{} {adjustment:+} from {base} (min magnitude {magnitude}) → {}",
                    kind.as_str(),
                    step_capacity(&policy(kind, magnitude), adjustment, base)
                )
            })
            .collect();
        expect_test::expect![[r#"
            ChangeInCapacity +2 from 4 (min magnitude 0) → 6
            ChangeInCapacity -1 from 4 (min magnitude 0) → 3
            ExactCapacity +7 from 4 (min magnitude 0) → 7
            PercentChangeInCapacity +30 from 4 (min magnitude 0) → 5
            PercentChangeInCapacity +10 from 4 (min magnitude 0) → 5
            PercentChangeInCapacity -10 from 4 (min magnitude 0) → 3
            PercentChangeInCapacity -25 from 10 (min magnitude 0) → 8
            PercentChangeInCapacity +30 from 4 (min magnitude 3) → 7"#]]
        .assert_eq(&lines.join("\n"));
    }
}
