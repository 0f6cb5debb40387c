//! What one task of a task definition takes from a container instance (reference §1.2).

use serde::{Deserialize, Serialize};

use crate::enums::{CpuArchitecture, LogDriver, NetworkMode, OsFamily};
use crate::size::{parse_task_cpu, parse_task_memory};
use crate::task_definition::TaskDefinition;

/// The resources and instance features one task needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskDemand {
    /// CPU units.
    pub cpu: u32,
    /// MiB.
    pub memory: u32,
    /// GPUs asked for by number.
    pub gpu: u32,
    /// A container asks for `ALL` GPUs: the task needs at least one free GPU (or `gpu`, if more)
    /// and reserves every GPU still free on the instance it lands on.
    #[serde(default)]
    pub all_gpus: bool,
    /// Static TCP host ports, sorted, without duplicates.
    pub tcp_host_ports: Vec<u16>,
    /// Static UDP host ports, sorted, without duplicates.
    pub udp_host_ports: Vec<u16>,
    /// Bridge-mode mappings whose host port Docker picks; they do not count toward `PORTS`.
    pub dynamic_port_count: u32,
    /// awsvpc tasks take one ENI.
    pub uses_eni: bool,
    pub network_mode: NetworkMode,
    pub os_family: OsFamily,
    pub cpu_architecture: CpuArchitecture,
    /// Instance attribute names the task needs (capabilities), sorted.
    pub required_attributes: Vec<String>,
}

fn non_negative(n: Option<i32>) -> u32 {
    n.and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
}

fn port(n: Option<i32>) -> Option<u16> {
    n.and_then(|n| u16::try_from(n).ok()).filter(|&p| p != 0)
}

impl TaskDefinition {
    /// Resources one task reserves. Task-level sizes win; otherwise container values are summed
    /// (`memoryReservation` before `memory`, omitted cpu counts as 0). Unreadable values count
    /// as 0, so call this on definitions that passed validation.
    ///
    /// Windows definitions that are not FARGATE-only always sum the container values
    /// ([`TaskDefinition::task_size_ignored`]).
    pub fn resource_demand(&self) -> TaskDemand {
        let containers = self.containers();
        let task_size_ignored = self.task_size_ignored();
        let cpu = self
            .cpu
            .as_deref()
            .filter(|_| !task_size_ignored)
            .and_then(|c| parse_task_cpu(c).ok())
            .unwrap_or_else(|| {
                containers
                    .iter()
                    .map(|c| non_negative(c.cpu))
                    .fold(0, u32::saturating_add)
            });
        let memory = self
            .memory
            .as_deref()
            .filter(|_| !task_size_ignored)
            .and_then(|m| parse_task_memory(m).ok())
            .unwrap_or_else(|| {
                containers
                    .iter()
                    .map(|c| non_negative(c.memory_reservation.or(c.memory)))
                    .fold(0, u32::saturating_add)
            });
        let gpu = containers
            .iter()
            .map(|c| c.gpu_count())
            .fold(0, u32::saturating_add);
        let all_gpus = containers.iter().any(|c| c.wants_all_gpus());

        let network_mode = self.effective_network_mode();
        let mut tcp = Vec::new();
        let mut udp = Vec::new();
        let mut dynamic_port_count = 0u32;
        for mapping in containers.iter().flat_map(|c| c.port_mappings()) {
            let host_port = match network_mode {
                NetworkMode::Bridge => match port(mapping.host_port) {
                    Some(p) => Some(p),
                    None => {
                        dynamic_port_count = dynamic_port_count.saturating_add(range_len(mapping));
                        None
                    }
                },
                NetworkMode::Host => port(mapping.container_port).or(port(mapping.host_port)),
                NetworkMode::Awsvpc | NetworkMode::None => None,
            };
            if let Some(p) = host_port {
                match mapping.protocol() {
                    crate::TransportProtocol::Tcp => tcp.push(p),
                    crate::TransportProtocol::Udp => udp.push(p),
                }
            }
        }
        tcp.sort_unstable();
        tcp.dedup();
        udp.sort_unstable();
        udp.dedup();

        TaskDemand {
            cpu,
            memory,
            gpu,
            all_gpus,
            tcp_host_ports: tcp,
            udp_host_ports: udp,
            dynamic_port_count,
            uses_eni: network_mode == NetworkMode::Awsvpc,
            network_mode,
            os_family: self.os_family(),
            cpu_architecture: self.cpu_architecture(),
            required_attributes: self.required_attributes(),
        }
    }

    /// Capability attributes an EC2 instance must advertise to run this task.
    pub fn required_attributes(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        let mut need = |name: &str| names.push(name.to_owned());
        if self.effective_network_mode() == NetworkMode::Awsvpc {
            need("ecs.capability.task-eni");
        }
        if self.task_role_arn.as_deref().is_some_and(|r| !r.is_empty()) {
            need("com.amazonaws.ecs.capability.task-iam-role");
            if self.effective_network_mode() == NetworkMode::Host {
                need("com.amazonaws.ecs.capability.task-iam-role-network-host");
            }
        }
        let has_execution_role = self
            .execution_role_arn
            .as_deref()
            .is_some_and(|r| !r.is_empty());
        if self.pid_mode == Some(crate::PidMode::Task)
            || self.ipc_mode == Some(crate::IpcMode::Task)
        {
            need("ecs.capability.pid-ipc-namespace-sharing");
        }
        for volume in self.volumes.iter().flatten() {
            if volume.extra.contains_key("efsVolumeConfiguration") {
                need("ecs.capability.efs");
            }
        }
        for container in self.containers() {
            if let Some(driver) = container
                .log_configuration
                .as_ref()
                .and_then(|l| l.log_driver)
            {
                need(&format!(
                    "com.amazonaws.ecs.capability.logging-driver.{}",
                    driver.as_str()
                ));
                if driver == LogDriver::Awslogs && has_execution_role {
                    need("ecs.capability.execution-role-awslogs");
                }
            }
            if container.privileged == Some(true) {
                need("com.amazonaws.ecs.capability.privileged-container");
            }
            if container.health_check.is_some() {
                need("ecs.capability.container-health-check");
            }
            if !container.depends_on().is_empty() {
                need("ecs.capability.container-ordering");
            }
            if container.extra.contains_key("repositoryCredentials") {
                need("ecs.capability.private-registry-authentication.secretsmanager");
            }
            if has_execution_role
                && container
                    .image
                    .as_deref()
                    .is_some_and(|i| i.contains(".dkr.ecr."))
            {
                need("ecs.capability.execution-role-ecr-pull");
            }
            if let Some(firelens) = container.extra.get("firelensConfiguration") {
                match firelens.get("type").and_then(|t| t.as_str()) {
                    Some("fluentbit") => need("ecs.capability.firelens.fluentbit"),
                    Some("fluentd") => need("ecs.capability.firelens.fluentd"),
                    _ => {}
                }
            }
            for secret in container
                .extra
                .get("secrets")
                .and_then(|s| s.as_array())
                .into_iter()
                .flatten()
            {
                let from = secret
                    .get("valueFrom")
                    .and_then(|v| v.as_str())
                    .unwrap_or("");
                if from.contains(":secretsmanager:") {
                    need("ecs.capability.secrets.asm.environment-variables");
                } else {
                    need("ecs.capability.secrets.ssm.environment-variables");
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }
}

/// Ports a dynamic mapping takes: one, or the size of its `containerPortRange`. A range the
/// validator rejects counts as one port, so demand never disagrees with the diagnostics.
fn range_len(mapping: &crate::PortMapping) -> u32 {
    mapping
        .container_port_range
        .as_deref()
        .and_then(|range| crate::rules_task::parse_port_range(range).ok())
        .map_or(1, |(first, last)| u32::from(last - first) + 1)
}
