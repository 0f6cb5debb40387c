//! EC2 instance types embedded at compile time, and building container instances from a short
//! declaration.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::enums::{ContainerInstanceStatus, CpuArchitecture};
use crate::instance::{Attribute, ContainerInstance, Resource, VersionInfo};

/// One EC2 instance type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceType {
    pub instance_type: String,
    pub v_cpu: u32,
    #[serde(rename = "memoryMiB")]
    pub memory_mib: u32,
    pub max_eni: u32,
    pub ipv4_per_eni: u32,
    /// `x86_64` or `arm64`, as the `ecs.cpu-architecture` attribute spells it.
    pub arch: String,
    /// NVIDIA GPUs.
    pub gpus: u32,
}

/// Host ports an ECS-optimised instance reserves: SSH, Docker, and the agent. [DOC]
pub const DEFAULT_RESERVED_PORTS: &[u16] = &[22, 2375, 2376, 51678, 51679, 51680];

/// The VPC every built instance is in unless its attributes say otherwise. [MODEL]
pub const DEFAULT_VPC_ID: &str = "vpc-0a1b2c3d";

/// The subnet a built instance in `zone` is launched in, unless its attributes say otherwise:
/// one per Availability Zone, named from the zone so that the same zone always gives the same id
/// (FNV-1a of the zone's name). [MODEL]
pub fn default_subnet_id(zone: &str) -> String {
    let hash = zone.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("subnet-{hash:08x}")
}

impl InstanceType {
    /// CPU units the agent registers: one vCPU is 1024 units.
    pub fn registered_cpu(&self) -> u32 {
        self.v_cpu.saturating_mul(1024)
    }

    /// Memory the agent registers. [MODEL] The kernel and OS keep 3% of the nominal memory
    /// (rounded up) and `ECS_RESERVED_MEMORY` is 0, which matches AWS's examples: t2.micro
    /// 1024 → 993 (doc: 995), t2.medium 4096 → 3973 (doc: 3955), m4.large 8192 → 7946 (doc: ≈7985).
    pub fn registered_memory(&self) -> u32 {
        self.memory_mib - self.memory_mib.saturating_mul(3).div_ceil(100)
    }

    /// awsvpc tasks the instance can host without ENI trunking (the primary ENI is taken).
    pub fn eni_task_limit(&self) -> u32 {
        self.max_eni.saturating_sub(1)
    }

    /// awsvpc tasks the instance can host with ENI trunking, or `None` when the type does not
    /// support trunking (or the reference's table does not list it). [DOC] §1.3
    pub fn trunked_eni_task_limit(&self) -> Option<u32> {
        trunked_eni_tasks(&self.instance_type)
    }

    /// awsvpc tasks an instance of this type can host, trunked (it has an `ecs.awsvpc-trunk-id`)
    /// or not. A trunked instance of a type without a trunked limit keeps the untrunked one.
    pub fn awsvpc_task_limit(&self, trunked: bool) -> u32 {
        match self.trunked_eni_task_limit() {
            Some(limit) if trunked => limit,
            _ => self.eni_task_limit(),
        }
    }

    pub fn cpu_architecture(&self) -> CpuArchitecture {
        if self.arch == "arm64" {
            CpuArchitecture::Arm64
        } else {
            CpuArchitecture::X86_64
        }
    }
}

/// The attribute a container instance launched with ENI trunking carries: the id of its trunk
/// network interface. [DOC] §1.3, §1.5
pub const AWSVPC_TRUNK_ID_ATTRIBUTE: &str = "ecs.awsvpc-trunk-id";

/// The oldest container agent that supports ENI trunking. [DOC]
pub const TRUNKING_MIN_AGENT_VERSION: [u32; 3] = [1, 28, 1];

/// awsvpc tasks per instance with ENI trunking, by family and size, as the reference's table
/// gives them (§1.3); `None` for a type it does not list. [DOC] Families: a1, c5, m5, r5, m6g,
/// c6g, r6g, m6i, c6i.
pub fn trunked_eni_tasks(instance_type: &str) -> Option<u32> {
    let (family, size) = instance_type.split_once('.')?;
    let graviton = matches!(family, "m6g" | "c6g" | "r6g");
    let sixth_intel = matches!(family, "m6i" | "c6i");
    let fifth = matches!(family, "c5" | "m5" | "r5");
    if !(family == "a1" || graviton || sixth_intel || fifth) {
        return None;
    }
    Some(match (family, size) {
        ("a1", "medium") => 10,
        (_, "medium") if graviton => 4,
        (_, "large") => 10,
        (_, "xlarge") => 20,
        (_, "2xlarge") => 40,
        (_, "4xlarge") => 60,
        ("c5", "9xlarge" | "12xlarge") | ("m5", "8xlarge" | "12xlarge") | ("r5", "12xlarge") => 60,
        (_, "8xlarge" | "12xlarge") if graviton => 60,
        (_, "8xlarge") if sixth_intel => 90,
        (_, "12xlarge") if sixth_intel => 120,
        ("c5", "18xlarge" | "24xlarge") | ("m5" | "r5", "16xlarge" | "24xlarge") => 120,
        (_, "16xlarge" | "metal") if graviton => 120,
        (_, "16xlarge" | "24xlarge" | "32xlarge" | "metal") if sixth_intel => 120,
        _ => return None,
    })
}

/// The ECS account settings in force when a container instance is launched. Only
/// `awsvpcTrunking` changes how the simulator builds instances.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountSettings {
    /// `awsvpcTrunking` is `enabled`: instances launched now get a trunk ENI when their type,
    /// operating system and agent support it.
    pub awsvpc_trunking: bool,
}

/// The id of the trunk ENI of the instance `ec2_instance_id`: `eni-0` and 16 hex digits of the
/// FNV-1a hash of the instance id, so the same instance always gets the same id. [MODEL]
pub fn trunk_eni_id(ec2_instance_id: &str) -> String {
    let hash = ec2_instance_id
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    format!("eni-0{hash:016x}")
}

/// Whether an agent version (`1.89.2`, `v1.28.1`) supports ENI trunking; a version that cannot
/// be read is taken to. [MODEL]
fn agent_supports_trunking(version: &str) -> bool {
    let parts: Option<Vec<u32>> = version
        .trim_start_matches('v')
        .split('.')
        .map(|p| p.parse().ok())
        .collect();
    match parts {
        Some(parts) if !parts.is_empty() => {
            parts.as_slice() >= TRUNKING_MIN_AGENT_VERSION.as_slice()
        }
        _ => true,
    }
}

/// The instance types the simulator knows.
#[derive(Debug, Clone, Default)]
pub struct InstanceCatalog {
    types: BTreeMap<String, InstanceType>,
}

impl InstanceCatalog {
    /// The catalogue shipped in `data/ec2-instance-types.json`, parsed once.
    pub fn builtin() -> &'static InstanceCatalog {
        static CATALOG: OnceLock<InstanceCatalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            InstanceCatalog::from_json(include_str!("../data/ec2-instance-types.json"))
                .unwrap_or_default()
        })
    }

    pub fn from_json(text: &str) -> Result<InstanceCatalog, serde_json::Error> {
        let list: Vec<InstanceType> = serde_json::from_str(text)?;
        Ok(InstanceCatalog {
            types: list
                .into_iter()
                .map(|t| (t.instance_type.clone(), t))
                .collect(),
        })
    }

    pub fn get(&self, name: &str) -> Option<&InstanceType> {
        self.types.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = &InstanceType> {
        self.types.values()
    }

    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }
}

/// A container instance as a scenario declares it; the rest is derived from the instance type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerInstanceSpec {
    pub instance_type: String,
    pub availability_zone: String,
    /// Custom attributes; `null` for a name-only attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, Option<String>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_at: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ContainerInstanceStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_connected: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ami_id: Option<String>,
}

/// Why a container instance could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InstanceSpecError {
    UnknownInstanceType(String),
}

impl std::fmt::Display for InstanceSpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InstanceSpecError::UnknownInstanceType(t) => {
                write!(f, "instance type '{t}' is not in the catalogue")
            }
        }
    }
}

impl std::error::Error for InstanceSpecError {}

/// Agent version used when a declaration names none ([MODEL]).
pub const DEFAULT_AGENT_VERSION: &str = "1.89.2";

/// Capability attributes every simulated Linux instance advertises. They cover every name
/// [`crate::TaskDemand::required_attributes`] can ask for, so only custom attributes and
/// instance facts decide placement.
pub fn default_capabilities() -> Vec<String> {
    let mut names = vec![
        "com.amazonaws.ecs.capability.privileged-container".to_owned(),
        "com.amazonaws.ecs.capability.ecr-auth".to_owned(),
        "com.amazonaws.ecs.capability.task-iam-role".to_owned(),
        "com.amazonaws.ecs.capability.task-iam-role-network-host".to_owned(),
    ];
    for minor in 17..=44 {
        names.push(format!(
            "com.amazonaws.ecs.capability.docker-remote-api.1.{minor}"
        ));
    }
    for driver in [
        "json-file",
        "syslog",
        "journald",
        "gelf",
        "fluentd",
        "awslogs",
        "splunk",
        "awsfirelens",
    ] {
        names.push(format!(
            "com.amazonaws.ecs.capability.logging-driver.{driver}"
        ));
    }
    for capability in [
        "ecs.capability.execution-role-awslogs",
        "ecs.capability.execution-role-ecr-pull",
        "ecs.capability.secrets.asm.environment-variables",
        "ecs.capability.secrets.ssm.environment-variables",
        "ecs.capability.private-registry-authentication.secretsmanager",
        "ecs.capability.container-health-check",
        "ecs.capability.container-ordering",
        "ecs.capability.efs",
        "ecs.capability.efsAuth",
        "ecs.capability.firelens.fluentbit",
        "ecs.capability.firelens.fluentd",
        "ecs.capability.pid-ipc-namespace-sharing",
        "ecs.capability.docker-plugin.local",
        "ecs.capability.aws-appmesh",
        "ecs.capability.task-eni",
    ] {
        names.push(capability.to_owned());
    }
    names
}

/// Builds the full DescribeContainerInstances entry for a declared instance, launched with the
/// default account settings (no ENI trunking).
pub fn container_instance_from_spec(
    spec: &ContainerInstanceSpec,
    container_instance_arn: &str,
    ec2_instance_id: &str,
) -> Result<ContainerInstance, InstanceSpecError> {
    container_instance_from_spec_with(
        spec,
        container_instance_arn,
        ec2_instance_id,
        &AccountSettings::default(),
    )
}

/// Builds the full DescribeContainerInstances entry for a declared instance launched under
/// `settings`. With `awsvpcTrunking` enabled, an instance whose type has a trunked limit, whose
/// `ecs.os-type` is `linux` and whose agent is 1.28.1 or later gets the `ecs.awsvpc-trunk-id`
/// attribute (unless its declared attributes already name one), and with it the trunked awsvpc
/// task limit. [DOC] §1.3
pub fn container_instance_from_spec_with(
    spec: &ContainerInstanceSpec,
    container_instance_arn: &str,
    ec2_instance_id: &str,
    settings: &AccountSettings,
) -> Result<ContainerInstance, InstanceSpecError> {
    let instance_type = InstanceCatalog::builtin()
        .get(&spec.instance_type)
        .ok_or_else(|| InstanceSpecError::UnknownInstanceType(spec.instance_type.clone()))?;

    let to_i32 = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    let mut registered = vec![
        Resource::integer("CPU", to_i32(instance_type.registered_cpu())),
        Resource::integer("MEMORY", to_i32(instance_type.registered_memory())),
        Resource::string_set(
            "PORTS",
            DEFAULT_RESERVED_PORTS.iter().map(u16::to_string).collect(),
        ),
        Resource::string_set("PORTS_UDP", Vec::new()),
    ];
    if instance_type.gpus > 0 {
        let ids = (0..instance_type.gpus)
            .map(|i| format!("GPU-{ec2_instance_id}-{i}"))
            .collect();
        registered.push(Resource::string_set("GPU", ids));
    }

    let default_ami = match instance_type.cpu_architecture() {
        CpuArchitecture::X86_64 => "ami-0a1b2c3d4e5f60001",
        CpuArchitecture::Arm64 => "ami-0a1b2c3d4e5f60002",
    };
    let mut attributes = vec![
        Attribute::new("ecs.availability-zone", Some(&spec.availability_zone)),
        Attribute::new("ecs.instance-type", Some(&instance_type.instance_type)),
        Attribute::new("ecs.os-type", Some("linux")),
        Attribute::new("ecs.os-family", Some("LINUX")),
        Attribute::new("ecs.cpu-architecture", Some(&instance_type.arch)),
        Attribute::new(
            "ecs.ami-id",
            Some(spec.ami_id.as_deref().unwrap_or(default_ami)),
        ),
        Attribute::new("ecs.vpc-id", Some(DEFAULT_VPC_ID)),
        Attribute::new(
            "ecs.subnet-id",
            Some(&default_subnet_id(&spec.availability_zone)),
        ),
    ];
    attributes.extend(
        default_capabilities()
            .iter()
            .map(|name| Attribute::new(name, None)),
    );
    for (name, value) in spec.attributes.iter().flatten() {
        match attributes
            .iter_mut()
            .find(|a| a.name.as_deref() == Some(name))
        {
            Some(existing) => existing.value = value.clone(),
            None => attributes.push(Attribute::new(name, value.as_deref())),
        }
    }
    let agent_version = spec
        .agent_version
        .as_deref()
        .unwrap_or(DEFAULT_AGENT_VERSION);
    let attribute_value = |attributes: &[Attribute], name: &str| {
        attributes
            .iter()
            .find(|a| a.name.as_deref() == Some(name))
            .map(|a| a.value.clone())
    };
    if settings.awsvpc_trunking
        && instance_type.trunked_eni_task_limit().is_some()
        && attribute_value(&attributes, "ecs.os-type") == Some(Some("linux".to_owned()))
        && agent_supports_trunking(agent_version)
        && attribute_value(&attributes, AWSVPC_TRUNK_ID_ATTRIBUTE).is_none()
    {
        // Among the built-in facts, before the capabilities.
        let at = attributes
            .iter()
            .position(|a| a.name.as_deref() == Some("ecs.subnet-id"))
            .map_or(attributes.len(), |i| i + 1);
        attributes.insert(
            at,
            Attribute::new(
                AWSVPC_TRUNK_ID_ATTRIBUTE,
                Some(&trunk_eni_id(ec2_instance_id)),
            ),
        );
    }
    for attribute in &mut attributes {
        attribute.target_type = Some("container-instance".to_owned());
        attribute.target_id = Some(container_instance_arn.to_owned());
    }

    Ok(ContainerInstance {
        container_instance_arn: Some(container_instance_arn.to_owned()),
        ec2_instance_id: Some(ec2_instance_id.to_owned()),
        version_info: Some(VersionInfo {
            agent_version: Some(
                spec.agent_version
                    .clone()
                    .unwrap_or_else(|| DEFAULT_AGENT_VERSION.to_owned()),
            ),
            ..VersionInfo::default()
        }),
        remaining_resources: Some(registered.clone()),
        registered_resources: Some(registered),
        status: Some(spec.status.unwrap_or(ContainerInstanceStatus::Active)),
        agent_connected: Some(spec.agent_connected.unwrap_or(true)),
        running_tasks_count: Some(0),
        pending_tasks_count: Some(0),
        attributes: Some(attributes),
        registered_at: spec.registered_at.clone(),
        ..ContainerInstance::default()
    })
}
