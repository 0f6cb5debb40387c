//! The typed input of a run: a cluster, the requests made of it at the start, and the actions of
//! its timeline.

use std::collections::BTreeMap;

use ecs_model::{
    ContainerInstance, CreateServiceRequest, RunTaskRequest, TaskDefinition, UpdateServiceRequest,
};

/// Everything a run needs, already checked and typed. The scenario crate builds it from a
/// scenario document; tests build it directly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct World {
    /// Seeds every random choice of the run.
    pub seed: u64,
    pub cluster: String,
    /// The cluster's Availability Zones, in the order the picture shows them; Fargate tasks are
    /// spread over them.
    pub availability_zones: Vec<String>,
    pub container_instances: Vec<ContainerInstance>,
    /// Registrations in order; the n-th registration of a family is its revision n.
    pub task_definitions: Vec<TaskDefinition>,
    pub services: Vec<CreateServiceRequest>,
    pub run_tasks: Vec<RunTaskRequest>,
    /// What happens later, in document order (the run sorts them by time, stably).
    pub actions: Vec<TimedAction>,
    /// Where the run stops, in virtual seconds. Without it the run goes on until the cluster
    /// settles, at most [`Timings::settle_horizon`] after the last action.
    pub until: Option<u64>,
    pub timings: Timings,
    /// How the tasks of a revision (`family:revision`) behave once started.
    pub behaviours: BTreeMap<String, TaskBehaviour>,
    /// Auto Scaling group capacity providers of the cluster.
    pub capacity_providers: Vec<AutoScalingGroupProvider>,
    /// The cluster's `defaultCapacityProviderStrategy`, used by requests that name neither a
    /// launch type nor a strategy.
    pub default_capacity_provider_strategy: Vec<ecs_model::CapacityProviderStrategyItem>,
    /// Service Auto Scaling target-tracking policies with the load that drives them.
    pub auto_scaling: Vec<ServiceAutoScaling>,
    /// Subnet id → Availability Zone, so awsvpc and Fargate tasks go only to their subnets' zones.
    pub subnets: BTreeMap<String, String>,
    /// The scenario's `accountSettings`: the ECS account settings in force for the whole run, so
    /// every instance the scenario declares or registers is launched under them
    /// (`awsvpcTrunking`).
    pub account_settings: ecs_model::AccountSettings,
}

/// A scalable target (`ecs:service:DesiredCount`) with one scaling policy, target tracking or step
/// scaling, and the load curve that stands in for the service's clients (§6.10).
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceAutoScaling {
    pub service: String,
    pub min_capacity: u32,
    pub max_capacity: u32,
    /// `ECSServiceAverageCPUUtilization`, `ECSServiceAverageMemoryUtilization` or
    /// `ALBRequestCountPerTarget`: the tracked metric, or the metric of the step policy's alarm.
    pub metric: String,
    /// With a step scaling policy, the target-tracking fields below are unused.
    pub step_scaling: Option<StepScaling>,
    pub target_value: f64,
    pub scale_out_cooldown: u64,
    pub scale_in_cooldown: u64,
    pub disable_scale_in: bool,
    /// `(at, value)`, sorted by time; the value holds until the next point. For the CPU and
    /// memory metrics it is the whole service's use in percent of one task (250 = two and a half
    /// tasks' worth); for ALBRequestCountPerTarget, requests per minute to the whole service.
    pub load: Vec<(u64, f64)>,
}

/// A step scaling policy with the CloudWatch alarm that invokes it (§6.10).
#[derive(Debug, Clone, PartialEq)]
pub struct StepScaling {
    /// The alarm breaches when `metric <op> threshold`.
    pub comparison: Comparison,
    pub threshold: f64,
    /// Consecutive one-minute datapoints that must breach before the alarm goes to ALARM.
    pub evaluation_periods: u32,
    pub adjustment_type: AdjustmentType,
    /// Sorted by lower bound; the bounds are relative to the threshold.
    pub steps: Vec<StepAdjustment>,
    pub cooldown: u64,
    /// For `PercentChangeInCapacity`: the smallest change in tasks.
    pub min_adjustment_magnitude: u32,
}

/// The CloudWatch metric names of an alarm on an ECS service, with the metric the simulation
/// computes for each (the target-tracking name).
pub const ALARM_METRICS: [(&str, &str); 3] = [
    ("CPUUtilization", "ECSServiceAverageCPUUtilization"),
    ("MemoryUtilization", "ECSServiceAverageMemoryUtilization"),
    ("RequestCountPerTarget", "ALBRequestCountPerTarget"),
];

/// The CloudWatch name of the metric the simulation calls `metric`.
pub fn alarm_metric_name(metric: &str) -> &'static str {
    ALARM_METRICS
        .iter()
        .find(|(_, computed)| *computed == metric)
        .map_or("", |(name, _)| *name)
}

/// A CloudWatch alarm's `ComparisonOperator`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    GreaterThanOrEqualToThreshold,
    GreaterThanThreshold,
    LessThanThreshold,
    LessThanOrEqualToThreshold,
}

impl Comparison {
    pub const ALL: [Comparison; 4] = [
        Comparison::GreaterThanOrEqualToThreshold,
        Comparison::GreaterThanThreshold,
        Comparison::LessThanThreshold,
        Comparison::LessThanOrEqualToThreshold,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Comparison::GreaterThanOrEqualToThreshold => "GreaterThanOrEqualToThreshold",
            Comparison::GreaterThanThreshold => "GreaterThanThreshold",
            Comparison::LessThanThreshold => "LessThanThreshold",
            Comparison::LessThanOrEqualToThreshold => "LessThanOrEqualToThreshold",
        }
    }

    /// The operator as a symbol, for messages.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::GreaterThanOrEqualToThreshold => ">=",
            Comparison::GreaterThanThreshold => ">",
            Comparison::LessThanThreshold => "<",
            Comparison::LessThanOrEqualToThreshold => "<=",
        }
    }

    pub fn breaches(self, value: f64, threshold: f64) -> bool {
        match self {
            Comparison::GreaterThanOrEqualToThreshold => value >= threshold,
            Comparison::GreaterThanThreshold => value > threshold,
            Comparison::LessThanThreshold => value < threshold,
            Comparison::LessThanOrEqualToThreshold => value <= threshold,
        }
    }
}

/// A step scaling policy's `AdjustmentType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustmentType {
    ChangeInCapacity,
    PercentChangeInCapacity,
    ExactCapacity,
}

impl AdjustmentType {
    pub const ALL: [AdjustmentType; 3] = [
        AdjustmentType::ChangeInCapacity,
        AdjustmentType::PercentChangeInCapacity,
        AdjustmentType::ExactCapacity,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AdjustmentType::ChangeInCapacity => "ChangeInCapacity",
            AdjustmentType::PercentChangeInCapacity => "PercentChangeInCapacity",
            AdjustmentType::ExactCapacity => "ExactCapacity",
        }
    }
}

/// One `StepAdjustment`: applies while `lower <= metric - threshold < upper` (a missing bound is
/// infinite).
#[derive(Debug, Clone, PartialEq)]
pub struct StepAdjustment {
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub scaling_adjustment: i32,
}

/// An Auto Scaling group capacity provider with the group it manages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutoScalingGroupProvider {
    pub name: String,
    /// The group's launch template instance type.
    pub instance_type: String,
    pub availability_zones: Vec<String>,
    pub min_size: u32,
    pub max_size: u32,
    pub managed_scaling: Option<ManagedScaling>,
    /// Instances with tasks other than daemon tasks are protected from scale-in.
    pub managed_termination_protection: bool,
    /// `managedDraining` (on by default when a capacity provider is created): an instance the
    /// group scales in is drained before it is terminated (§9.4).
    pub managed_draining: bool,
}

/// `managedScaling` of a capacity provider (§9.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManagedScaling {
    pub target_capacity: u32,
    pub minimum_scaling_step_size: u32,
    pub maximum_scaling_step_size: u32,
    pub instance_warmup_period: u64,
}

impl World {
    /// The revisions of a family registered before the run starts, oldest first, as
    /// `(revision, definition)`.
    pub fn registered_revisions(&self, family: &str) -> Vec<(u32, &TaskDefinition)> {
        self.task_definitions
            .iter()
            .filter(|td| td.family.as_deref() == Some(family))
            .zip(1..)
            .map(|(td, revision)| (revision, td))
            .collect()
    }
}

/// One action of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimedAction {
    /// Virtual seconds since the start of the run.
    pub at: u64,
    /// Where it is in the scenario: `actions[3]`.
    pub path: String,
    pub action: Action,
}

impl TimedAction {
    /// The action's name as the scenario spells it.
    pub fn name(&self) -> &'static str {
        self.action.name()
    }
}

/// What a user (or the world) does to the cluster at a moment of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    RunTask(RunTaskRequest),
    StopTask {
        task: String,
        reason: Option<String>,
    },
    CreateService(CreateServiceRequest, Option<bool>),
    /// The request and its `availabilityZoneRebalancing` (`Some(true)` = ENABLED).
    UpdateService(UpdateServiceRequest, Option<bool>),
    /// StartTask: one task of the request's task definition on each named container instance.
    StartTask {
        request: RunTaskRequest,
        container_instances: Vec<String>,
    },
    /// DeleteService; `force` allows deleting a REPLICA service that still has a desired count.
    DeleteService {
        service: String,
        force: bool,
    },
    RegisterTaskDefinition(TaskDefinition, Option<TaskBehaviour>),
    DeregisterTaskDefinition {
        task_definition: String,
    },
    RegisterContainerInstances(Vec<ContainerInstance>),
    DrainContainerInstance {
        container_instance: String,
    },
    /// UpdateContainerInstancesState back to ACTIVE.
    ActivateContainerInstance {
        container_instance: String,
    },
    TerminateContainerInstance {
        container_instance: String,
    },
    DisconnectAgent {
        container_instance: String,
    },
    ReconnectAgent {
        container_instance: String,
    },
    FailAvailabilityZone {
        zone: String,
    },
    RecoverAvailabilityZone {
        zone: String,
    },
    /// A Spot interruption: of Fargate Spot tasks (`tasks`, or every one when empty) or of the EC2
    /// Spot instance `container_instance`.
    SpotInterruption {
        tasks: Vec<String>,
        container_instance: Option<String>,
    },
    /// UpdateTaskProtection: protects service tasks from scale-in and deployments for
    /// `expires_in_minutes`, or clears their protection.
    UpdateTaskProtection {
        tasks: Vec<String>,
        protection_enabled: bool,
        expires_in_minutes: u32,
    },
}

impl Action {
    pub fn name(&self) -> &'static str {
        match self {
            Action::RunTask(_) => "runTask",
            Action::StopTask { .. } => "stopTask",
            Action::CreateService(..) => "createService",
            Action::UpdateService(..) => "updateService",
            Action::DeleteService { .. } => "deleteService",
            Action::StartTask { .. } => "startTask",
            Action::RegisterTaskDefinition(..) => "registerTaskDefinition",
            Action::DeregisterTaskDefinition { .. } => "deregisterTaskDefinition",
            Action::RegisterContainerInstances(_) => "registerContainerInstance",
            Action::DrainContainerInstance { .. } => "drainContainerInstance",
            Action::ActivateContainerInstance { .. } => "activateContainerInstance",
            Action::TerminateContainerInstance { .. } => "terminateContainerInstance",
            Action::DisconnectAgent { .. } => "disconnectAgent",
            Action::ReconnectAgent { .. } => "reconnectAgent",
            Action::FailAvailabilityZone { .. } => "failAvailabilityZone",
            Action::RecoverAvailabilityZone { .. } => "recoverAvailabilityZone",
            Action::SpotInterruption { .. } => "spotInterruption",
            Action::UpdateTaskProtection { .. } => "updateTaskProtection",
        }
    }
}

/// How a revision's tasks behave, which a real cluster learns from the containers themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskBehaviour {
    /// The task never reaches RUNNING (`CannotPullContainerError`).
    pub fails_to_start: bool,
    /// The essential containers report UNHEALTHY once the health check has run.
    pub unhealthy: bool,
    /// An essential container exits this many seconds after the task reached RUNNING.
    pub essential_container_exits_after: Option<u64>,
}

/// How long things take, in virtual seconds. Every value can be overridden in the scenario's
/// `timings` object under the same name in camelCase (`pendingSeconds`, …).
///
/// [MODEL] The defaults are plausible values, not measurements: AWS documents no durations for
/// the lifecycle states except the 40 s after which a task without health checks counts as
/// healthy and the 30 s default `stopTimeout`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timings {
    /// PROVISIONING of an awsvpc task on EC2 (attaching its ENI).
    pub provisioning_seconds: u64,
    /// PROVISIONING of a Fargate task (finding capacity and attaching its ENI).
    pub fargate_provisioning_seconds: u64,
    /// PENDING: pulling the image and starting the containers.
    pub pending_seconds: u64,
    /// ACTIVATING of a task behind a load balancer (registering its targets).
    pub activating_seconds: u64,
    /// A task without container health checks counts as healthy this long after RUNNING. [DOC]
    pub healthy_after_seconds: u64,
    /// A task with container health checks gets its first verdict this long after RUNNING.
    pub health_check_seconds: u64,
    /// DEACTIVATING of a task behind a load balancer (the target group's deregistration delay).
    pub deactivating_seconds: u64,
    /// STOPPING: SIGTERM until the containers exit (at most the 30 s `stopTimeout`).
    pub stopping_seconds: u64,
    /// DEPROVISIONING of an awsvpc or Fargate task (detaching its ENI).
    pub deprovisioning_seconds: u64,
    /// How long the service scheduler waits before trying again to place a task that found no
    /// room.
    pub retry_seconds: u64,
    /// The warning a Spot task or instance gets before it is stopped. [DOC]
    pub spot_warning_seconds: u64,
    /// Without `until`, the run stops this long after the last action if it has not settled.
    pub settle_horizon: u64,
    /// From an Auto Scaling group's scale-out to the new instance registering with the cluster.
    pub instance_launch_seconds: u64,
    /// How often managed scaling reads CapacityProviderReservation (the metric's period).
    pub scaling_period_seconds: u64,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            provisioning_seconds: 5,
            fargate_provisioning_seconds: 20,
            pending_seconds: 15,
            activating_seconds: 5,
            healthy_after_seconds: 40,
            health_check_seconds: 60,
            deactivating_seconds: 30,
            stopping_seconds: 10,
            deprovisioning_seconds: 5,
            retry_seconds: 30,
            spot_warning_seconds: 120,
            settle_horizon: 3600,
            instance_launch_seconds: 90,
            scaling_period_seconds: 60,
        }
    }
}
