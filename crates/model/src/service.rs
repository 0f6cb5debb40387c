//! CreateService, UpdateService, CreateTaskSet and RunTask inputs.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::enums::{
    AssignPublicIp, DeploymentControllerType, LaunchType, PlacementConstraintType,
    PlacementStrategyType, PropagateTags, ScaleUnit, SchedulingStrategy,
};
use crate::schema::{Field, Shape, opt, req};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateServiceRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_definition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancers: Option<Vec<LoadBalancer>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_count: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_type: Option<LaunchType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_provider_strategy: Option<Vec<CapacityProviderStrategyItem>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_configuration: Option<DeploymentConfiguration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement_constraints: Option<Vec<PlacementConstraint>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement_strategy: Option<Vec<PlacementStrategy>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_configuration: Option<NetworkConfiguration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_grace_period_seconds: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheduling_strategy: Option<SchedulingStrategy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_controller: Option<DeploymentController>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub propagate_tags: Option<PropagateTags>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CreateServiceRequest {
    pub fn scheduling_strategy(&self) -> SchedulingStrategy {
        self.scheduling_strategy
            .unwrap_or(SchedulingStrategy::Replica)
    }

    pub fn deployment_controller(&self) -> DeploymentControllerType {
        self.deployment_controller
            .as_ref()
            .and_then(|c| c.type_)
            .unwrap_or(DeploymentControllerType::Ecs)
    }

    pub fn placement_constraints(&self) -> &[PlacementConstraint] {
        self.placement_constraints.as_deref().unwrap_or(&[])
    }

    pub fn placement_strategy(&self) -> &[PlacementStrategy] {
        self.placement_strategy.as_deref().unwrap_or(&[])
    }

    pub fn capacity_provider_strategy(&self) -> &[CapacityProviderStrategyItem] {
        self.capacity_provider_strategy.as_deref().unwrap_or(&[])
    }

    /// `maximumPercent` in effect: 200 for REPLICA, 100 for DAEMON.
    pub fn maximum_percent(&self) -> i32 {
        let default = match self.scheduling_strategy() {
            SchedulingStrategy::Replica => 200,
            SchedulingStrategy::Daemon => 100,
        };
        self.deployment_configuration
            .as_ref()
            .and_then(|d| d.maximum_percent)
            .unwrap_or(default)
    }

    /// `minimumHealthyPercent` in effect: 100 for REPLICA, 0 for DAEMON (API default).
    pub fn minimum_healthy_percent(&self) -> i32 {
        let default = match self.scheduling_strategy() {
            SchedulingStrategy::Replica => 100,
            SchedulingStrategy::Daemon => 0,
        };
        self.deployment_configuration
            .as_ref()
            .and_then(|d| d.minimum_healthy_percent)
            .unwrap_or(default)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateServiceRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_count: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_definition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_provider_strategy: Option<Vec<CapacityProviderStrategyItem>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_configuration: Option<DeploymentConfiguration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_configuration: Option<NetworkConfiguration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement_constraints: Option<Vec<PlacementConstraint>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement_strategy: Option<Vec<PlacementStrategy>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force_new_deployment: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_check_grace_period_seconds: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancers: Option<Vec<LoadBalancer>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateTaskSetRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_definition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_configuration: Option<NetworkConfiguration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancers: Option<Vec<LoadBalancer>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_type: Option<LaunchType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_provider_strategy: Option<Vec<CapacityProviderStrategyItem>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<Scale>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scale {
    /// Kept as written (`100` or `100.0`) so that documents round-trip exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<ScaleUnit>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Scale {
    pub fn percent(&self) -> Option<f64> {
        self.value.as_ref()?.as_f64()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunTaskRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_provider_strategy: Option<Vec<CapacityProviderStrategyItem>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_type: Option<LaunchType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_configuration: Option<NetworkConfiguration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement_constraints: Option<Vec<PlacementConstraint>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement_strategy: Option<Vec<PlacementStrategy>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub propagate_tags: Option<PropagateTags>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_definition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl RunTaskRequest {
    /// `count` defaults to 1.
    pub fn count(&self) -> i32 {
        self.count.unwrap_or(1)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_circuit_breaker: Option<DeploymentCircuitBreaker>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_percent: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_healthy_percent: Option<i32>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentCircuitBreaker {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback: Option<bool>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeploymentController {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<DeploymentControllerType>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityProviderStrategyItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<i32>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CapacityProviderStrategyItem {
    pub fn weight(&self) -> i32 {
        self.weight.unwrap_or(0)
    }

    pub fn base(&self) -> i32 {
        self.base.unwrap_or(0)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacementConstraint {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<PlacementConstraintType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacementStrategy {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<PlacementStrategyType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awsvpc_configuration: Option<AwsVpcConfiguration>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwsVpcConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subnets: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_groups: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_public_ip: Option<AssignPublicIp>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoadBalancer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_group_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container_port: Option<i32>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

static STRING: Shape = Shape::Str;
static LOAD_BALANCER: Shape = Shape::Struct(&[
    opt("targetGroupArn", Shape::Str),
    opt("loadBalancerName", Shape::Str),
    opt("containerName", Shape::Str),
    opt("containerPort", Shape::Int),
]);
pub(crate) static CAPACITY_PROVIDER_STRATEGY_ITEM: Shape = Shape::Struct(&[
    req("capacityProvider", Shape::Str),
    opt("weight", Shape::Int),
    opt("base", Shape::Int),
]);
pub(crate) static PLACEMENT_CONSTRAINT: Shape = Shape::Struct(&[
    opt("type", Shape::Enum(PlacementConstraintType::NAMES)),
    opt("expression", Shape::Str),
]);
pub(crate) static PLACEMENT_STRATEGY: Shape = Shape::Struct(&[
    opt("type", Shape::Enum(PlacementStrategyType::NAMES)),
    opt("field", Shape::Str),
]);
static NETWORK_CONFIGURATION: Shape = Shape::Struct(&[opt(
    "awsvpcConfiguration",
    Shape::Struct(&[
        req("subnets", Shape::List(&STRING)),
        opt("securityGroups", Shape::List(&STRING)),
        opt("assignPublicIp", Shape::Enum(AssignPublicIp::NAMES)),
    ]),
)]);
static DEPLOYMENT_CONFIGURATION: Shape = Shape::Struct(&[
    opt(
        "deploymentCircuitBreaker",
        Shape::Struct(&[req("enable", Shape::Bool), req("rollback", Shape::Bool)]),
    ),
    opt("maximumPercent", Shape::Int),
    opt("minimumHealthyPercent", Shape::Int),
]);

pub(crate) static CREATE_SERVICE_FIELDS: &[Field] = &[
    opt("cluster", Shape::Str),
    opt("serviceName", Shape::Str),
    opt("taskDefinition", Shape::Str),
    opt("loadBalancers", Shape::List(&LOAD_BALANCER)),
    opt("desiredCount", Shape::Int),
    opt("clientToken", Shape::Str),
    opt("launchType", Shape::Enum(LaunchType::NAMES)),
    opt(
        "capacityProviderStrategy",
        Shape::List(&CAPACITY_PROVIDER_STRATEGY_ITEM),
    ),
    opt("platformVersion", Shape::Str),
    opt("role", Shape::Str),
    opt(
        "deploymentConfiguration",
        Shape::Ref(&DEPLOYMENT_CONFIGURATION),
    ),
    opt("placementConstraints", Shape::List(&PLACEMENT_CONSTRAINT)),
    opt("placementStrategy", Shape::List(&PLACEMENT_STRATEGY)),
    opt("networkConfiguration", Shape::Ref(&NETWORK_CONFIGURATION)),
    opt("healthCheckGracePeriodSeconds", Shape::Int),
    opt("schedulingStrategy", Shape::Enum(SchedulingStrategy::NAMES)),
    opt(
        "deploymentController",
        Shape::Struct(&[req("type", Shape::Enum(DeploymentControllerType::NAMES))]),
    ),
    opt("propagateTags", Shape::Enum(PropagateTags::NAMES)),
];

pub(crate) static UPDATE_SERVICE_FIELDS: &[Field] = &[
    opt("cluster", Shape::Str),
    req("service", Shape::Str),
    opt("desiredCount", Shape::Int),
    opt("taskDefinition", Shape::Str),
    opt(
        "capacityProviderStrategy",
        Shape::List(&CAPACITY_PROVIDER_STRATEGY_ITEM),
    ),
    opt(
        "deploymentConfiguration",
        Shape::Ref(&DEPLOYMENT_CONFIGURATION),
    ),
    opt("networkConfiguration", Shape::Ref(&NETWORK_CONFIGURATION)),
    opt("placementConstraints", Shape::List(&PLACEMENT_CONSTRAINT)),
    opt("placementStrategy", Shape::List(&PLACEMENT_STRATEGY)),
    opt("platformVersion", Shape::Str),
    opt("forceNewDeployment", Shape::Bool),
    opt("healthCheckGracePeriodSeconds", Shape::Int),
    opt("loadBalancers", Shape::List(&LOAD_BALANCER)),
];

pub(crate) static CREATE_TASK_SET_FIELDS: &[Field] = &[
    opt("service", Shape::Str),
    opt("cluster", Shape::Str),
    opt("externalId", Shape::Str),
    opt("taskDefinition", Shape::Str),
    opt("networkConfiguration", Shape::Ref(&NETWORK_CONFIGURATION)),
    opt("loadBalancers", Shape::List(&LOAD_BALANCER)),
    opt("launchType", Shape::Enum(LaunchType::NAMES)),
    opt(
        "capacityProviderStrategy",
        Shape::List(&CAPACITY_PROVIDER_STRATEGY_ITEM),
    ),
    opt("platformVersion", Shape::Str),
    opt(
        "scale",
        Shape::Struct(&[
            opt("value", Shape::Double),
            opt("unit", Shape::Enum(ScaleUnit::NAMES)),
        ]),
    ),
];

pub(crate) static RUN_TASK_FIELDS: &[Field] = &[
    opt(
        "capacityProviderStrategy",
        Shape::List(&CAPACITY_PROVIDER_STRATEGY_ITEM),
    ),
    opt("cluster", Shape::Str),
    opt("count", Shape::Int),
    opt("group", Shape::Str),
    opt("launchType", Shape::Enum(LaunchType::NAMES)),
    opt("networkConfiguration", Shape::Ref(&NETWORK_CONFIGURATION)),
    opt("placementConstraints", Shape::List(&PLACEMENT_CONSTRAINT)),
    opt("placementStrategy", Shape::List(&PLACEMENT_STRATEGY)),
    opt("platformVersion", Shape::Str),
    opt("propagateTags", Shape::Enum(PropagateTags::NAMES)),
    opt("startedBy", Shape::Str),
    req("taskDefinition", Shape::Str),
    opt("clientToken", Shape::Str),
];
