//! The engine's world: container instances with their registered and remaining resources, and the
//! tasks that hold those resources.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::cql::InstanceFacts;

/// The agent's default reserved TCP host ports (SSH, Docker, the agent itself): the model's list,
/// which built container instances register. [DOC]
pub const DEFAULT_RESERVED_TCP_PORTS: &[u16] = ecs_model::DEFAULT_RESERVED_PORTS;
/// At most this many host ports may be reserved on one instance, counting the defaults. [DOC]
pub const MAX_RESERVED_PORTS: usize = 100;
/// Built-in attribute names the engine relies on.
pub const AVAILABILITY_ZONE_ATTRIBUTE: &str = "ecs.availability-zone";
pub const INSTANCE_TYPE_ATTRIBUTE: &str = "ecs.instance-type";
pub const OS_FAMILY_ATTRIBUTE: &str = "ecs.os-family";
pub const OS_TYPE_ATTRIBUTE: &str = "ecs.os-type";
pub const CPU_ARCHITECTURE_ATTRIBUTE: &str = "ecs.cpu-architecture";
pub const TASK_ENI_CAPABILITY: &str = "ecs.capability.task-eni";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContainerInstanceStatus {
    Registering,
    RegistrationFailed,
    #[default]
    Active,
    Draining,
    Deregistering,
    Inactive,
}

impl ContainerInstanceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registering => "REGISTERING",
            Self::RegistrationFailed => "REGISTRATION_FAILED",
            Self::Active => "ACTIVE",
            Self::Draining => "DRAINING",
            Self::Deregistering => "DEREGISTERING",
            Self::Inactive => "INACTIVE",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DesiredStatus {
    Pending,
    #[default]
    Running,
    Stopped,
}

fn default_true() -> bool {
    true
}

fn default_reserved_tcp_ports() -> BTreeSet<u16> {
    DEFAULT_RESERVED_TCP_PORTS.iter().copied().collect()
}

/// One container instance. The fields after `eni_task_limit` are maintained by
/// [`ClusterState`] from the tasks; call [`ClusterState::recompute_usage`] after building a state
/// by hand or deserializing one that lacks them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerInstanceState {
    /// The container instance id (the last part of its ARN).
    pub id: String,
    #[serde(default)]
    pub ec2_instance_id: Option<String>,
    #[serde(default)]
    pub status: ContainerInstanceStatus,
    #[serde(default = "default_true")]
    pub agent_connected: bool,
    #[serde(default)]
    pub agent_version: Option<String>,
    /// Registration time in epoch seconds.
    #[serde(default)]
    pub registered_at: i64,
    /// Attribute name to value; name-only attributes (capabilities) have an empty value.
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    pub registered_cpu: u32,
    pub registered_memory: u32,
    #[serde(default)]
    pub registered_gpu: u32,
    #[serde(default = "default_reserved_tcp_ports")]
    pub reserved_tcp_ports: BTreeSet<u16>,
    #[serde(default)]
    pub reserved_udp_ports: BTreeSet<u16>,
    /// How many awsvpc tasks may hold an ENI here (maxENI − 1, or the trunking limit).
    #[serde(default)]
    pub eni_task_limit: u32,
    #[serde(default)]
    pub remaining_cpu: i64,
    #[serde(default)]
    pub remaining_memory: i64,
    #[serde(default)]
    pub remaining_gpu: i64,
    #[serde(default)]
    pub used_tcp_ports: BTreeSet<u16>,
    #[serde(default)]
    pub used_udp_ports: BTreeSet<u16>,
    #[serde(default)]
    pub enis_in_use: u32,
    /// Tasks per task group whose desired status is not STOPPED.
    #[serde(default)]
    pub group_task_counts: BTreeMap<String, u32>,
    /// Tasks whose desired status is RUNNING. [API]
    #[serde(default)]
    pub running_tasks_count: u32,
}

impl ContainerInstanceState {
    /// An ACTIVE, connected instance with the agent's default reserved ports and nothing running.
    pub fn new(id: impl Into<String>, cpu: u32, memory: u32) -> Self {
        ContainerInstanceState {
            id: id.into(),
            ec2_instance_id: None,
            status: ContainerInstanceStatus::Active,
            agent_connected: true,
            agent_version: None,
            registered_at: 0,
            attributes: BTreeMap::new(),
            registered_cpu: cpu,
            registered_memory: memory,
            registered_gpu: 0,
            reserved_tcp_ports: default_reserved_tcp_ports(),
            reserved_udp_ports: BTreeSet::new(),
            eni_task_limit: 0,
            remaining_cpu: i64::from(cpu),
            remaining_memory: i64::from(memory),
            remaining_gpu: 0,
            used_tcp_ports: BTreeSet::new(),
            used_udp_ports: BTreeSet::new(),
            enis_in_use: 0,
            group_task_counts: BTreeMap::new(),
            running_tasks_count: 0,
        }
    }

    pub fn with_attribute(mut self, name: &str, value: &str) -> Self {
        self.attributes.insert(name.to_string(), value.to_string());
        self
    }

    pub fn availability_zone(&self) -> Option<&str> {
        self.attribute_value(AVAILABILITY_ZONE_ATTRIBUTE)
    }

    pub fn attribute_value(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }

    /// Tasks of `group` here whose desired status is not STOPPED.
    pub fn group_count(&self, group: &str) -> u32 {
        self.group_task_counts.get(group).copied().unwrap_or(0)
    }

    fn reset_usage(&mut self) {
        self.remaining_cpu = i64::from(self.registered_cpu);
        self.remaining_memory = i64::from(self.registered_memory);
        self.remaining_gpu = i64::from(self.registered_gpu);
        self.used_tcp_ports.clear();
        self.used_udp_ports.clear();
        self.enis_in_use = 0;
        self.group_task_counts.clear();
        self.running_tasks_count = 0;
    }

    /// Adds (`sign` = 1) or removes (`sign` = -1) a task's reservation.
    fn apply_reservation(&mut self, task: &TaskState, sign: i64) {
        self.remaining_cpu += -sign * i64::from(task.cpu);
        self.remaining_memory += -sign * i64::from(task.memory);
        self.remaining_gpu += -sign * i64::from(task.gpu);
        for (used, ports) in [
            (&mut self.used_tcp_ports, &task.tcp_host_ports),
            (&mut self.used_udp_ports, &task.udp_host_ports),
        ] {
            for port in ports {
                if sign > 0 {
                    used.insert(*port);
                } else {
                    used.remove(port);
                }
            }
        }
        if task.uses_eni {
            self.enis_in_use = if sign > 0 {
                self.enis_in_use.saturating_add(1)
            } else {
                self.enis_in_use.saturating_sub(1)
            };
        }
        self.apply_counts(task.group.as_str(), task.desired_status, sign);
    }

    fn apply_counts(&mut self, group: &str, status: DesiredStatus, sign: i64) {
        if status == DesiredStatus::Stopped {
            return;
        }
        let count = self.group_task_counts.entry(group.to_string()).or_insert(0);
        *count = if sign > 0 {
            count.saturating_add(1)
        } else {
            count.saturating_sub(1)
        };
        if *count == 0 {
            self.group_task_counts.remove(group);
        }
        if status == DesiredStatus::Running {
            self.running_tasks_count = if sign > 0 {
                self.running_tasks_count.saturating_add(1)
            } else {
                self.running_tasks_count.saturating_sub(1)
            };
        }
    }
}

impl InstanceFacts for ContainerInstanceState {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attribute_value(name)
    }
    fn ec2_instance_id(&self) -> Option<&str> {
        self.ec2_instance_id.as_deref()
    }
    fn agent_connected(&self) -> bool {
        self.agent_connected
    }
    fn agent_version(&self) -> Option<&str> {
        self.agent_version.as_deref()
    }
    fn registered_at(&self) -> Option<i64> {
        Some(self.registered_at)
    }
    fn running_tasks_count(&self) -> u32 {
        self.running_tasks_count
    }
    fn hosts_task_group(&self, group: &str) -> bool {
        self.group_count(group) > 0
    }
}

/// A task holding resources on an instance.
///
/// [MODEL] Every task in [`ClusterState::tasks`] holds its resources, whatever its desired status,
/// because a stopping task still occupies its ports and memory; the simulator removes a task once
/// it has actually stopped. Task-group and running counts only include tasks whose desired status
/// is not STOPPED.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskState {
    pub id: String,
    /// `service:<name>`, the RunTask `group`, or `family:<family>`.
    pub group: String,
    /// Index into [`ClusterState::instances`].
    pub instance: usize,
    #[serde(default)]
    pub cpu: u32,
    #[serde(default)]
    pub memory: u32,
    #[serde(default)]
    pub gpu: u32,
    #[serde(default)]
    pub tcp_host_ports: Vec<u16>,
    #[serde(default)]
    pub udp_host_ports: Vec<u16>,
    #[serde(default)]
    pub uses_eni: bool,
    #[serde(default)]
    pub desired_status: DesiredStatus,
}

/// The cluster as the scheduler sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClusterState {
    pub instances: Vec<ContainerInstanceState>,
    #[serde(default)]
    pub tasks: Vec<TaskState>,
    /// Numbers the ids of tasks the engine places (`task-1`, `task-2`, …).
    #[serde(default)]
    pub next_task_number: u64,
}

impl ClusterState {
    /// Builds a state and derives every instance's remaining resources and counts from `tasks`.
    pub fn new(instances: Vec<ContainerInstanceState>, tasks: Vec<TaskState>) -> Self {
        let mut state = ClusterState {
            instances,
            tasks,
            next_task_number: 0,
        };
        state.recompute_usage();
        state
    }

    /// Recomputes the maintained fields of every instance from the registered values and tasks.
    /// Tasks pointing at a missing instance are ignored.
    pub fn recompute_usage(&mut self) {
        for instance in &mut self.instances {
            instance.reset_usage();
        }
        for task in &self.tasks {
            if let Some(instance) = self.instances.get_mut(task.instance) {
                instance.apply_reservation(task, 1);
            }
        }
    }

    pub fn instance_index(&self, id: &str) -> Option<usize> {
        self.instances.iter().position(|i| i.id == id)
    }

    /// Adds a task and reserves its resources on its instance.
    pub fn add_task(&mut self, task: TaskState) {
        if let Some(instance) = self.instances.get_mut(task.instance) {
            instance.apply_reservation(&task, 1);
        }
        self.tasks.push(task);
    }

    /// Removes a task (it has stopped) and releases its resources.
    pub fn remove_task(&mut self, task_id: &str) -> Option<TaskState> {
        let position = self.tasks.iter().position(|t| t.id == task_id)?;
        let task = self.tasks.remove(position);
        if let Some(instance) = self.instances.get_mut(task.instance) {
            instance.apply_reservation(&task, -1);
        }
        Some(task)
    }

    /// Changes a task's desired status, keeping the group and running counts right.
    pub fn set_desired_status(&mut self, task_id: &str, status: DesiredStatus) -> bool {
        let Some(task) = self.tasks.iter_mut().find(|t| t.id == task_id) else {
            return false;
        };
        let old = std::mem::replace(&mut task.desired_status, status);
        if let Some(instance) = self.instances.get_mut(task.instance) {
            instance.apply_counts(&task.group, old, -1);
            instance.apply_counts(&task.group, status, 1);
        }
        true
    }

    /// Tasks of `group` whose desired status is not STOPPED, over the whole cluster.
    pub fn group_task_count(&self, group: &str) -> u32 {
        self.instances.iter().map(|i| i.group_count(group)).sum()
    }

    pub(crate) fn next_task_id(&mut self) -> String {
        self.next_task_number = self.next_task_number.saturating_add(1);
        format!("task-{}", self.next_task_number)
    }
}
