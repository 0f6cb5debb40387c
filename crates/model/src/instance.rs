//! Container instances, capacity providers and clusters as DescribeX returns them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::enums::{CapacityProviderStatus, ContainerInstanceStatus, EnabledDisabled};
use crate::schema::{Field, Shape, opt, req};
use crate::service::CapacityProviderStrategyItem;

/// One entry of DescribeContainerInstances.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerInstance {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_instance_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ec2_instance_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_provider_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_info: Option<VersionInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_resources: Option<Vec<Resource>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_resources: Option<Vec<Resource>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ContainerInstanceStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_connected: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub running_tasks_count: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_tasks_count: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<Vec<Attribute>>,
    /// Epoch seconds (API JSON) or an ISO-8601 string (CLI output); kept as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registered_at: Option<Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ContainerInstance {
    pub fn attributes(&self) -> &[Attribute] {
        self.attributes.as_deref().unwrap_or(&[])
    }

    /// The value of attribute `name`; `Some(None)` when present without a value.
    pub fn attribute(&self, name: &str) -> Option<Option<&str>> {
        self.attributes()
            .iter()
            .find(|a| a.name.as_deref() == Some(name))
            .map(|a| a.value.as_deref())
    }

    pub fn registered(&self, name: &str) -> Option<&Resource> {
        find_resource(self.registered_resources.as_deref(), name)
    }

    pub fn remaining(&self, name: &str) -> Option<&Resource> {
        find_resource(self.remaining_resources.as_deref(), name)
    }

    pub fn agent_version(&self) -> Option<&str> {
        self.version_info.as_ref()?.agent_version.as_deref()
    }

    /// Whether the instance was launched with ENI trunking: it has an `ecs.awsvpc-trunk-id`.
    pub fn is_trunked(&self) -> bool {
        self.attribute(crate::catalog::AWSVPC_TRUNK_ID_ATTRIBUTE)
            .is_some()
    }

    /// How many awsvpc tasks the instance can host: the catalogue's maximum ENIs of its
    /// `ecs.instance-type` minus the primary ENI, or the type's trunked limit when the instance
    /// is trunked (§1.3); `None` for a type the catalogue does not know.
    pub fn eni_task_limit(&self) -> Option<u32> {
        let instance_type = self.attribute("ecs.instance-type")??;
        Some(
            crate::catalog::InstanceCatalog::builtin()
                .get(instance_type)?
                .awsvpc_task_limit(self.is_trunked()),
        )
    }
}

fn find_resource<'a>(resources: Option<&'a [Resource]>, name: &str) -> Option<&'a Resource> {
    resources?.iter().find(|r| r.name.as_deref() == Some(name))
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docker_version: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A registered or remaining resource: `CPU`, `MEMORY`, `PORTS`, `PORTS_UDP`, `GPU`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `INTEGER`, `LONG`, `DOUBLE` or `STRINGSET` (a plain string in the API model).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integer_value: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub double_value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string_set_value: Option<Vec<String>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Resource {
    pub fn integer(name: &str, value: i32) -> Resource {
        Resource {
            name: Some(name.to_owned()),
            type_: Some("INTEGER".to_owned()),
            integer_value: Some(value),
            long_value: Some(0),
            double_value: Some(0.0),
            ..Resource::default()
        }
    }

    pub fn string_set(name: &str, values: Vec<String>) -> Resource {
        Resource {
            name: Some(name.to_owned()),
            type_: Some("STRINGSET".to_owned()),
            integer_value: Some(0),
            long_value: Some(0),
            double_value: Some(0.0),
            string_set_value: Some(values),
            ..Resource::default()
        }
    }

    pub fn string_set_value(&self) -> &[String] {
        self.string_set_value.as_deref().unwrap_or(&[])
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attribute {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_id: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Attribute {
    pub fn new(name: &str, value: Option<&str>) -> Attribute {
        Attribute {
            name: Some(name.to_owned()),
            value: value.map(str::to_owned),
            ..Attribute::default()
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityProvider {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_provider_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CapacityProviderStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_scaling_group_provider: Option<AutoScalingGroupProvider>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoScalingGroupProvider {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_scaling_group_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_scaling: Option<ManagedScaling>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_termination_protection: Option<EnabledDisabled>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_draining: Option<EnabledDisabled>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManagedScaling {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EnabledDisabled>,
    /// 1–100, default 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_capacity: Option<i32>,
    /// 1–10000, default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_scaling_step_size: Option<i32>,
    /// 1–10000, default 10000.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_scaling_step_size: Option<i32>,
    /// 0–10000 seconds, default 300.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_warmup_period: Option<i32>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cluster {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_providers: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_capacity_provider_strategy: Option<Vec<CapacityProviderStrategyItem>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

static STRING: Shape = Shape::Str;
static RESOURCE: Shape = Shape::Struct(&[
    opt("name", Shape::Str),
    opt("type", Shape::Str),
    opt("integerValue", Shape::Int),
    opt("longValue", Shape::Long),
    opt("doubleValue", Shape::Double),
    opt("stringSetValue", Shape::List(&STRING)),
]);
static ATTRIBUTE: Shape = Shape::Struct(&[
    req("name", Shape::Str),
    opt("value", Shape::Str),
    opt("targetType", Shape::Str),
    opt("targetId", Shape::Str),
]);

pub(crate) static CONTAINER_INSTANCE_FIELDS: &[Field] = &[
    opt("containerInstanceArn", Shape::Str),
    opt("ec2InstanceId", Shape::Str),
    opt("capacityProviderName", Shape::Str),
    opt(
        "versionInfo",
        Shape::Struct(&[
            opt("agentVersion", Shape::Str),
            opt("agentHash", Shape::Str),
            opt("dockerVersion", Shape::Str),
        ]),
    ),
    opt("remainingResources", Shape::List(&RESOURCE)),
    opt("registeredResources", Shape::List(&RESOURCE)),
    opt("status", Shape::Enum(ContainerInstanceStatus::NAMES)),
    opt("agentConnected", Shape::Bool),
    opt("runningTasksCount", Shape::Int),
    opt("pendingTasksCount", Shape::Int),
    opt("attributes", Shape::List(&ATTRIBUTE)),
    opt("registeredAt", Shape::Any),
];
