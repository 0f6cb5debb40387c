//! From the API's shapes (ecs-model) to the placement engine's plain state (ecs-placement).

use std::collections::{BTreeMap, BTreeSet};

use ecs_model::{
    ContainerInstance, ContainerInstanceStatus, PlacementConstraint, PlacementStrategy, TaskDemand,
};
use ecs_placement::{
    ContainerInstanceState, ContainerInstanceStatus as EngineStatus, TaskRequirements,
};

/// The short id of an ARN (`…/cluster/abc` → `abc`), or the text itself.
pub fn arn_tail(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// [MODEL] A registered instance whose instance type the catalogue does not know gets two task
/// ENIs, what most `.large` types allow without trunking (trunked or not).
const UNKNOWN_TYPE_ENI_TASK_LIMIT: u32 = 2;

pub fn instance_state(instance: &ContainerInstance, fallback_id: &str) -> ContainerInstanceState {
    let id = instance
        .container_instance_arn
        .as_deref()
        .map(arn_tail)
        .filter(|s| !s.is_empty())
        .unwrap_or(fallback_id)
        .to_owned();
    let registered = instance.registered_resources.as_deref().unwrap_or_default();
    let integer = |name: &str| {
        registered
            .iter()
            .find(|r| r.name.as_deref() == Some(name))
            .and_then(|r| r.integer_value.map(i64::from).or(r.long_value))
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0)
    };
    let string_set = |name: &str| -> Vec<String> {
        registered
            .iter()
            .find(|r| r.name.as_deref() == Some(name))
            .and_then(|r| r.string_set_value.clone())
            .unwrap_or_default()
    };
    let ports = |name: &str| -> BTreeSet<u16> {
        string_set(name)
            .iter()
            .filter_map(|p| p.parse().ok())
            .collect()
    };
    let attributes: BTreeMap<String, String> = instance
        .attributes()
        .iter()
        .filter_map(|a| Some((a.name.clone()?, a.value.clone().unwrap_or_default())))
        .collect();
    // The catalogue's maxEni − 1, or the type's trunked limit when the instance has an
    // `ecs.awsvpc-trunk-id` (launched with `awsvpcTrunking` enabled, §1.3).
    let eni_task_limit = instance
        .eni_task_limit()
        .unwrap_or(UNKNOWN_TYPE_ENI_TASK_LIMIT);

    let mut state = ContainerInstanceState::new(id, integer("CPU"), integer("MEMORY"));
    state.ec2_instance_id = instance.ec2_instance_id.clone();
    state.status = engine_status(instance.status);
    state.agent_connected = instance.agent_connected.unwrap_or(true);
    state.agent_version = instance
        .version_info
        .as_ref()
        .and_then(|v| v.agent_version.clone());
    state.registered_at = instance
        .registered_at
        .as_ref()
        .and_then(registered_at_seconds)
        .unwrap_or(0);
    state.attributes = attributes;
    state.registered_gpu = u32::try_from(string_set("GPU").len()).unwrap_or(u32::MAX);
    state.remaining_gpu = i64::from(state.registered_gpu);
    state.reserved_tcp_ports = ports("PORTS");
    state.reserved_udp_ports = ports("PORTS_UDP");
    state.eni_task_limit = eni_task_limit;
    state
}

/// `registeredAt` as AWS prints it: epoch seconds (CLI JSON) or an ISO timestamp.
fn registered_at_seconds(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => n.as_f64().map(|f| f as i64),
        serde_json::Value::String(s) => ecs_placement::query::parse_timestamp(s),
        _ => None,
    }
}

fn engine_status(status: Option<ContainerInstanceStatus>) -> EngineStatus {
    match status {
        None | Some(ContainerInstanceStatus::Active) => EngineStatus::Active,
        Some(ContainerInstanceStatus::Draining) => EngineStatus::Draining,
        Some(ContainerInstanceStatus::Registering) => EngineStatus::Registering,
        Some(ContainerInstanceStatus::RegistrationFailed) => EngineStatus::RegistrationFailed,
        Some(ContainerInstanceStatus::Deregistering) => EngineStatus::Deregistering,
        Some(ContainerInstanceStatus::Inactive) => EngineStatus::Inactive,
    }
}

pub fn requirements(demand: &TaskDemand) -> TaskRequirements {
    TaskRequirements {
        cpu: demand.cpu,
        memory: demand.memory,
        gpu: demand.gpu,
        all_gpus: demand.all_gpus,
        tcp_host_ports: demand.tcp_host_ports.clone(),
        udp_host_ports: demand.udp_host_ports.clone(),
        dynamic_port_count: demand.dynamic_port_count,
        uses_eni: demand.uses_eni,
        os_family: Some(demand.os_family.as_str().to_owned()),
        cpu_architecture: Some(demand.cpu_architecture.as_str().to_owned()),
        required_attributes: demand.required_attributes.clone(),
        subnet_availability_zones: None,
    }
}

pub fn strategies(
    items: &[PlacementStrategy],
) -> Result<Vec<ecs_placement::PlacementStrategy>, (usize, String)> {
    items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let kind = s.type_.map(|t| t.as_str()).unwrap_or_default();
            ecs_placement::PlacementStrategy::from_api(kind, s.field.as_deref()).map_err(|e| (i, e))
        })
        .collect()
}

pub fn constraint(
    kind: &str,
    expression: Option<&str>,
) -> Result<ecs_placement::PlacementConstraint, String> {
    ecs_placement::PlacementConstraint::from_api(kind, expression).map_err(|e| e.to_string())
}

pub fn constraints(
    items: &[PlacementConstraint],
) -> Result<Vec<ecs_placement::PlacementConstraint>, (usize, String)> {
    items
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let kind = c.type_.map(|t| t.as_str()).unwrap_or_default();
            constraint(kind, c.expression.as_deref()).map_err(|e| (i, e))
        })
        .collect()
}
