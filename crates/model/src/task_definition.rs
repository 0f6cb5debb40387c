//! RegisterTaskDefinition input and its parts.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::enums::{
    Compatibility, ContainerCondition, CpuArchitecture, IpcMode, LogDriver, NetworkMode, OsFamily,
    PidMode, ResourceType, TaskDefinitionPlacementConstraintType, TransportProtocol,
};
use crate::schema::{Field, Shape, opt, req};

/// A task definition as given to RegisterTaskDefinition (or found inside a
/// DescribeTaskDefinition response; its read-only members stay in `extra`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskDefinition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_definitions: Option<Vec<ContainerDefinition>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_role_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_role_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_mode: Option<NetworkMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volumes: Option<Vec<Volume>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement_constraints: Option<Vec<TaskDefinitionPlacementConstraint>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_compatibilities: Option<Vec<Compatibility>>,
    /// Task size as written: CPU units (`"1024"`) or a vCPU string (`"1 vCPU"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<String>,
    /// Task size as written: MiB (`"2048"`) or a GB string (`"2 GB"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pid_mode: Option<PidMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ipc_mode: Option<IpcMode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proxy_configuration: Option<ProxyConfiguration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ephemeral_storage: Option<EphemeralStorage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runtime_platform: Option<RuntimePlatform>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The members DescribeTaskDefinition adds that RegisterTaskDefinition does not accept.
pub const READ_ONLY_TASK_DEFINITION_FIELDS: &[&str] = &[
    "taskDefinitionArn",
    "revision",
    "status",
    "requiresAttributes",
    "compatibilities",
    "registeredAt",
    "registeredBy",
    "deregisteredAt",
];

/// `{"taskDefinition": {...}}`, the DescribeTaskDefinition response.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DescribeTaskDefinitionOutput {
    pub task_definition: TaskDefinition,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TaskDefinition {
    pub fn containers(&self) -> &[ContainerDefinition] {
        self.container_definitions.as_deref().unwrap_or(&[])
    }

    /// The compatibilities the definition is validated against; none listed means EC2.
    pub fn compatibilities(&self) -> Vec<Compatibility> {
        match self.requires_compatibilities.as_deref() {
            Some(list) if !list.is_empty() => list.to_vec(),
            _ => vec![Compatibility::Ec2],
        }
    }

    pub fn requires(&self, compatibility: Compatibility) -> bool {
        self.requires_compatibilities
            .as_deref()
            .is_some_and(|list| list.contains(&compatibility))
    }

    pub fn os_family(&self) -> OsFamily {
        self.runtime_platform
            .as_ref()
            .and_then(|p| p.operating_system_family)
            .unwrap_or(OsFamily::Linux)
    }

    pub fn cpu_architecture(&self) -> CpuArchitecture {
        self.runtime_platform
            .as_ref()
            .and_then(|p| p.cpu_architecture)
            .unwrap_or(CpuArchitecture::X86_64)
    }

    /// The network mode in effect: omitted means `bridge` on Linux ([MODEL]: Windows `default`
    /// NAT is treated like bridge for port accounting).
    pub fn effective_network_mode(&self) -> NetworkMode {
        self.network_mode.unwrap_or(NetworkMode::Bridge)
    }

    /// Whether task-level `cpu`/`memory` are ignored where this task is placed: a Windows
    /// definition that may run on EC2, EXTERNAL or Managed Instances (anything but FARGATE
    /// alone). The API: "Task-level CPU and memory parameters are ignored for Windows
    /// containers." Fargate alone still sizes the task from them.
    pub fn task_size_ignored(&self) -> bool {
        self.os_family().is_windows()
            && self
                .compatibilities()
                .iter()
                .any(|c| *c != Compatibility::Fargate)
    }

    pub fn container(&self, name: &str) -> Option<&ContainerDefinition> {
        self.containers()
            .iter()
            .find(|c| c.name.as_deref() == Some(name))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerDefinition {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// CPU units reserved for the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<i32>,
    /// Hard memory limit in MiB.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<i32>,
    /// Soft memory limit in MiB; what the scheduler deducts when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_reservation: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub essential: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port_mappings: Option<Vec<PortMapping>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hostname: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Vec<ContainerDependency>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check: Option<HealthCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_requirements: Option<Vec<ResourceRequirement>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_configuration: Option<LogConfiguration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount_points: Option<Vec<MountPoint>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_timeout: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_timeout: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privileged: Option<bool>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ContainerDefinition {
    /// `essential` defaults to true.
    pub fn is_essential(&self) -> bool {
        self.essential.unwrap_or(true)
    }

    pub fn port_mappings(&self) -> &[PortMapping] {
        self.port_mappings.as_deref().unwrap_or(&[])
    }

    pub fn links(&self) -> &[String] {
        self.links.as_deref().unwrap_or(&[])
    }

    pub fn depends_on(&self) -> &[ContainerDependency] {
        self.depends_on.as_deref().unwrap_or(&[])
    }

    pub fn resource_requirements(&self) -> &[ResourceRequirement] {
        self.resource_requirements.as_deref().unwrap_or(&[])
    }

    pub fn mount_points(&self) -> &[MountPoint] {
        self.mount_points.as_deref().unwrap_or(&[])
    }

    /// Name for messages; unnamed containers are shown by position elsewhere.
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or("")
    }

    /// GPUs requested through `resourceRequirements` of type `GPU`.
    pub fn gpu_count(&self) -> u32 {
        self.resource_requirements()
            .iter()
            .filter(|r| r.type_ == Some(ResourceType::Gpu))
            .filter_map(|r| r.value.as_deref()?.trim().parse::<u32>().ok())
            .fold(0, u32::saturating_add)
    }

    /// A `GPU` requirement of `ALL`: every GPU of the instance. [API]
    pub fn wants_all_gpus(&self) -> bool {
        self.resource_requirements().iter().any(|r| {
            r.type_ == Some(ResourceType::Gpu) && r.value.as_deref().map(str::trim) == Some("ALL")
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortMapping {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_port: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host_port: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<TransportProtocol>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_port_range: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PortMapping {
    pub fn protocol(&self) -> TransportProtocol {
        self.protocol.unwrap_or(TransportProtocol::Tcp)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerDependency {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<ContainerCondition>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthCheck {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_period: Option<i32>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl HealthCheck {
    /// Whether the command is `["NONE", ...]`, Docker's way of turning the image's check off: the
    /// container then never reports a health status.
    pub fn is_disabled(&self) -> bool {
        self.command
            .as_deref()
            .and_then(<[String]>::first)
            .is_some_and(|c| c == "NONE")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResourceRequirement {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<ResourceType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LogConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_driver: Option<LogDriver>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<BTreeMap<String, String>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MountPoint {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_volume: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A task volume; only its name matters to validation, the configuration stays in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProxyConfiguration {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_name: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EphemeralStorage {
    #[serde(rename = "sizeInGiB", default, skip_serializing_if = "Option::is_none")]
    pub size_in_gib: Option<i32>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimePlatform {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_architecture: Option<CpuArchitecture>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operating_system_family: Option<OsFamily>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskDefinitionPlacementConstraint {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<TaskDefinitionPlacementConstraintType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

static PORT_MAPPING: Shape = Shape::Struct(&[
    opt("containerPort", Shape::Int),
    opt("hostPort", Shape::Int),
    opt("protocol", Shape::Enum(TransportProtocol::NAMES)),
    opt("name", Shape::Str),
    opt("containerPortRange", Shape::Str),
]);
static DEPENDENCY: Shape = Shape::Struct(&[
    req("containerName", Shape::Str),
    req("condition", Shape::Enum(ContainerCondition::NAMES)),
]);
static STRING: Shape = Shape::Str;
static HEALTH_CHECK: Shape = Shape::Struct(&[
    req("command", Shape::List(&STRING)),
    opt("interval", Shape::Int),
    opt("timeout", Shape::Int),
    opt("retries", Shape::Int),
    opt("startPeriod", Shape::Int),
]);
static RESOURCE_REQUIREMENT: Shape = Shape::Struct(&[
    req("type", Shape::Enum(ResourceType::NAMES)),
    req("value", Shape::Str),
]);
static MOUNT_POINT: Shape = Shape::Struct(&[
    opt("sourceVolume", Shape::Str),
    opt("containerPath", Shape::Str),
    opt("readOnly", Shape::Bool),
]);
static CONTAINER_DEFINITION: Shape = Shape::Struct(&[
    opt("name", Shape::Str),
    opt("image", Shape::Str),
    opt("cpu", Shape::Int),
    opt("memory", Shape::Int),
    opt("memoryReservation", Shape::Int),
    opt("essential", Shape::Bool),
    opt("portMappings", Shape::List(&PORT_MAPPING)),
    opt("links", Shape::List(&STRING)),
    opt("hostname", Shape::Str),
    opt("dependsOn", Shape::List(&DEPENDENCY)),
    opt("healthCheck", Shape::Ref(&HEALTH_CHECK)),
    opt("resourceRequirements", Shape::List(&RESOURCE_REQUIREMENT)),
    opt(
        "logConfiguration",
        Shape::Struct(&[
            req("logDriver", Shape::Enum(LogDriver::NAMES)),
            opt("options", Shape::StrMap),
        ]),
    ),
    opt("mountPoints", Shape::List(&MOUNT_POINT)),
    opt("startTimeout", Shape::Int),
    opt("stopTimeout", Shape::Int),
    opt("privileged", Shape::Bool),
]);
static VOLUME: Shape = Shape::Struct(&[opt("name", Shape::Str)]);
static TASK_PLACEMENT_CONSTRAINT: Shape = Shape::Struct(&[
    opt(
        "type",
        Shape::Enum(TaskDefinitionPlacementConstraintType::NAMES),
    ),
    opt("expression", Shape::Str),
]);
static COMPATIBILITY: Shape = Shape::Enum(Compatibility::NAMES);

pub(crate) static TASK_DEFINITION_FIELDS: &[Field] = &[
    opt("family", Shape::Str),
    opt("containerDefinitions", Shape::List(&CONTAINER_DEFINITION)),
    opt("taskRoleArn", Shape::Str),
    opt("executionRoleArn", Shape::Str),
    opt("networkMode", Shape::Enum(NetworkMode::NAMES)),
    opt("volumes", Shape::List(&VOLUME)),
    opt(
        "placementConstraints",
        Shape::List(&TASK_PLACEMENT_CONSTRAINT),
    ),
    opt("requiresCompatibilities", Shape::List(&COMPATIBILITY)),
    opt("cpu", Shape::NumericStr),
    opt("memory", Shape::NumericStr),
    opt("pidMode", Shape::Enum(PidMode::NAMES)),
    opt("ipcMode", Shape::Enum(IpcMode::NAMES)),
    opt(
        "proxyConfiguration",
        Shape::Struct(&[opt("type", Shape::Str), req("containerName", Shape::Str)]),
    ),
    opt(
        "ephemeralStorage",
        Shape::Struct(&[req("sizeInGiB", Shape::Int)]),
    ),
    opt(
        "runtimePlatform",
        Shape::Struct(&[
            opt("cpuArchitecture", Shape::Enum(CpuArchitecture::NAMES)),
            opt("operatingSystemFamily", Shape::Enum(OsFamily::NAMES)),
        ]),
    ),
];
