//! Host ports and target groups, derived from the run's tasks.
//!
//! Bridge-mode mappings with `hostPort` 0 (or omitted) get an ephemeral host port from the ECS
//! AMI's range, so many copies of a task fit on one instance; a service with `loadBalancers`
//! registers each task as a target at the port its container is reachable on (§6.8).

use std::collections::BTreeMap;

use ecs_model::{NetworkMode, TaskDefinition, TransportProtocol};
use serde::{Deserialize, Serialize};

/// The ephemeral host-port range Docker hands dynamic host ports out of on the ECS-optimised AMI,
/// 32768–61000 (§6.8). [DOC]
pub const EPHEMERAL_PORTS: std::ops::RangeInclusive<u16> = 32768..=61000;

/// One port binding of a task's container, as `DescribeTasks` lists under `networkBindings`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkBinding {
    pub container_name: String,
    pub container_port: u16,
    pub host_port: u16,
    pub protocol: String,
}

/// A target group of a service's load balancer and the tasks registered in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetGroupRecord {
    pub target_group_arn: String,
    pub service: String,
    pub container_name: String,
    pub container_port: u16,
    /// `instance` for bridge and host mode, `ip` for awsvpc.
    pub target_type: String,
    pub targets: Vec<TargetRecord>,
}

/// A registered target: `id:port` is what the load balancer sends traffic to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetRecord {
    /// The EC2 instance id (instance targets) or the task's private IP address (ip targets).
    pub id: String,
    pub port: u16,
    pub task_id: String,
    pub availability_zone: Option<String>,
    /// `initial`, `healthy`, `unhealthy` or `draining`, as Elastic Load Balancing reports it.
    pub health: String,
}

/// Assigns ephemeral host ports per instance, in the order tasks were created.
///
/// [MODEL] Docker takes the next free port of the range; we take the next port after the last one
/// handed out on that instance and wrap at the end of the range, so a task keeps its port for its
/// whole life and every step of a run shows the same ports.
#[derive(Debug, Default)]
pub struct EphemeralPorts {
    next: BTreeMap<usize, u16>,
}

impl EphemeralPorts {
    fn take(&mut self, instance: usize) -> u16 {
        let next = self
            .next
            .entry(instance)
            .or_insert(*EPHEMERAL_PORTS.start());
        let port = *next;
        *next = if port >= *EPHEMERAL_PORTS.end() {
            *EPHEMERAL_PORTS.start()
        } else {
            port + 1
        };
        port
    }

    /// The bindings of one task placed on `instance` (None for Fargate).
    pub fn bind(
        &mut self,
        definition: &TaskDefinition,
        instance: Option<usize>,
    ) -> Vec<NetworkBinding> {
        let mode = definition.effective_network_mode();
        let mut bindings = Vec::new();
        for container in definition.containers() {
            let name = container.name.clone().unwrap_or_default();
            for mapping in container.port_mappings.as_deref().unwrap_or_default() {
                let Some(container_port) =
                    mapping.container_port.and_then(|p| u16::try_from(p).ok())
                else {
                    continue;
                };
                let requested = mapping
                    .host_port
                    .and_then(|p| u16::try_from(p).ok())
                    .unwrap_or(0);
                let host_port = match (mode, instance) {
                    (NetworkMode::Bridge, Some(i)) if requested == 0 => self.take(i),
                    (NetworkMode::Bridge, _) => requested,
                    (NetworkMode::None, _) => continue,
                    // host and awsvpc expose the container port itself.
                    _ => container_port,
                };
                let protocol = match mapping.protocol() {
                    TransportProtocol::Udp => "udp",
                    _ => "tcp",
                };
                bindings.push(NetworkBinding {
                    container_name: name.clone(),
                    container_port,
                    host_port,
                    protocol: protocol.to_owned(),
                });
            }
        }
        bindings
    }
}

/// A task's private IP address in awsvpc mode. [MODEL] Derived from the task's number so that
/// it is stable and unique within a run: `10.0.x.y` in the task's subnet.
pub fn task_ip(task_number: usize) -> String {
    format!(
        "10.0.{}.{}",
        (task_number / 250) % 256,
        task_number % 250 + 4
    )
}

/// How a target's health reads at a task status: registered while ACTIVATING, healthy once
/// RUNNING (unless the task's health check failed), draining from DEACTIVATING on.
pub fn target_health(last_status: &str, health_status: &str) -> Option<&'static str> {
    match last_status {
        "ACTIVATING" => Some("initial"),
        "RUNNING" if health_status == "UNHEALTHY" => Some("unhealthy"),
        "RUNNING" => Some("healthy"),
        "DEACTIVATING" | "STOPPING" => Some("draining"),
        _ => None,
    }
}
