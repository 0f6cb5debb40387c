//! What a run produces: the cluster's tasks, failures and service events, in AWS's vocabulary.

use serde::{Deserialize, Serialize};

pub use crate::load_balancing::{NetworkBinding, TargetGroupRecord, TargetRecord};

/// The state of the cluster after a run (or at a point of its timeline).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub cluster: String,
    pub availability_zones: Vec<String>,
    pub container_instances: Vec<InstanceRecord>,
    pub tasks: Vec<TaskRecord>,
    pub failures: Vec<FailureRecord>,
    pub events: Vec<ServiceEvent>,
    /// What happened, in order: the steps a user can move through.
    pub timeline: Vec<TimelineEntry>,
    /// The virtual time of this state, in seconds since the start of the run.
    #[serde(default)]
    pub at: u64,
    /// The services with their deployments, as DescribeServices shows them.
    #[serde(default)]
    pub services: Vec<ServiceRecord>,
    /// The Auto Scaling group capacity providers and their groups.
    #[serde(default)]
    pub capacity_providers: Vec<CapacityProviderRecord>,
    /// The target groups of load-balanced services and the tasks registered in them.
    #[serde(default)]
    pub target_groups: Vec<TargetGroupRecord>,
}

/// An Auto Scaling group capacity provider and its group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityProviderRecord {
    pub name: String,
    pub managed_scaling: bool,
    pub target_capacity: u32,
    /// Instances in service (registered with the cluster).
    pub instances: u32,
    /// Instances launched by a scale-out that have not joined yet.
    pub launching: u32,
    pub min_size: u32,
    pub max_size: u32,
    /// The CapacityProviderReservation metric now, in percent.
    pub capacity_provider_reservation: u32,
    /// Tasks waiting in PROVISIONING for the provider's capacity.
    pub provisioning_tasks: u32,
}

/// A service as DescribeServices shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceRecord {
    pub service_name: String,
    /// `ACTIVE`.
    pub status: String,
    /// `REPLICA` or `DAEMON`.
    pub scheduling_strategy: String,
    pub desired_count: u32,
    pub running_count: u32,
    pub pending_count: u32,
    /// The PRIMARY deployment's `family:revision`.
    pub task_definition: String,
    pub minimum_healthy_percent: u32,
    pub maximum_percent: u32,
    pub availability_zone_rebalancing: String,
    /// Newest first, as the API lists them.
    pub deployments: Vec<DeploymentRecord>,
}

/// One deployment of a service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentRecord {
    /// `ecs-svc/<number>`, also the `startedBy` of its tasks.
    pub id: String,
    /// `PRIMARY`, `ACTIVE` or `INACTIVE`.
    pub status: String,
    pub task_definition: String,
    pub desired_count: u32,
    pub pending_count: u32,
    pub running_count: u32,
    pub failed_tasks: u32,
    /// `IN_PROGRESS`, `COMPLETED` or `FAILED`.
    pub rollout_state: String,
    pub rollout_state_reason: String,
    pub created_at: u64,
}

/// A container instance and what its tasks have reserved on it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceRecord {
    /// The container instance id (the last part of its ARN).
    pub id: String,
    pub ec2_instance_id: String,
    pub instance_type: String,
    pub availability_zone: String,
    pub status: String,
    pub agent_connected: bool,
    pub registered_cpu: u32,
    pub registered_memory: u32,
    pub remaining_cpu: u32,
    pub remaining_memory: u32,
    /// How many awsvpc tasks the instance can hold (ENIs less the primary one).
    pub eni_limit: u32,
    pub enis_in_use: u32,
    /// Static host ports taken by tasks (TCP), beyond the agent's reserved ports.
    pub task_ports: Vec<u16>,
    pub attributes: Vec<(String, String)>,
}

/// A task, placed or waiting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskRecord {
    /// A short id unique in the run; the ARN's last part.
    pub task_id: String,
    pub task_arn: String,
    /// `service:<name>` for service tasks, the RunTask group (default `family:<family>`) otherwise.
    pub group: String,
    /// `family:revision`.
    pub task_definition: String,
    pub container_instance: Option<String>,
    pub availability_zone: Option<String>,
    pub launch_type: String,
    pub last_status: String,
    pub desired_status: String,
    pub cpu: u32,
    pub memory: u32,
    /// Which request started the task: `services[0]` or `runTasks[1]`.
    pub request: String,
    /// The task's position in the run's placement order, used to recompute its explanation;
    /// [`crate::NOT_PLACED`] while it waits in PROVISIONING for capacity.
    pub placement_index: usize,
    /// The service the task belongs to.
    #[serde(default)]
    pub service: Option<String>,
    /// The deployment (`ecs-svc/<number>`) that started a service task.
    #[serde(default)]
    pub started_by: Option<String>,
    /// `FARGATE`, `FARGATE_SPOT`, or none for a launch type.
    #[serde(default)]
    pub capacity_provider_name: Option<String>,
    /// `HEALTHY`, `UNHEALTHY` or `UNKNOWN`.
    #[serde(default)]
    pub health_status: String,
    /// `TaskFailedToStart`, `EssentialContainerExited`, `UserInitiated`, …
    #[serde(default)]
    pub stop_code: Option<String>,
    #[serde(default)]
    pub stopped_reason: Option<String>,
    /// Virtual seconds: when the task was placed, reached RUNNING, was asked to stop, stopped.
    #[serde(default)]
    pub created_at: u64,
    #[serde(default)]
    pub started_at: Option<u64>,
    #[serde(default)]
    pub stopping_at: Option<u64>,
    #[serde(default)]
    pub stopped_at: Option<u64>,
    /// While the task is protected from scale-in: when the protection ends, in virtual seconds
    /// (GetTaskProtection's `expirationDate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protection_expires_at: Option<u64>,
    /// The task's port bindings: dynamic bridge host ports are assigned from the ephemeral range.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub network_bindings: Vec<NetworkBinding>,
}

/// A task the scheduler could not place, as RunTask reports it in `failures[]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FailureRecord {
    /// The closest matching container instance, as AWS puts in `arn`.
    pub arn: Option<String>,
    pub reason: String,
    pub detail: String,
    /// Which request it belongs to: `services[0]` or `runTasks[1]`.
    pub request: String,
}

/// A service event, in the words ECS uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceEvent {
    /// Virtual seconds since the start of the run.
    pub at: u64,
    pub service: String,
    pub message: String,
}

/// One step of a run's timeline.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    /// Virtual seconds since the start of the run.
    pub at: u64,
    /// `TaskPlaced`, `TaskNotPlaced`, `TaskRunning`, `TaskStopped`, `DeploymentCompleted`, the
    /// name of an action (`updateService`), …
    pub kind: String,
    /// Which request it belongs to: `services[0]` or `runTasks[1]`.
    pub request: String,
    pub task_id: Option<String>,
    pub container_instance: Option<String>,
    /// One line for the timeline's tooltip and the screen-reader log.
    pub message: String,
    /// The service involved, if any.
    #[serde(default)]
    pub service: Option<String>,
}
