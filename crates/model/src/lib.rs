//! The ECS data model of the playground: serde types for task definitions, services, tasks and
//! container instances spelled as the ECS API spells them, task sizes, the EC2 instance
//! catalogue, what a task consumes, and validation that reports every problem at its JSON path.
//!
//! Invariant: pure data and validation; no I/O, no clock, no randomness; never panics on user
//! input. Rules AWS does not document are marked `[MODEL]` and listed in `RULES.md`.

// Rules read as "find the member, then test it"; keeping the two steps apart is clearer than
// let-chains here.
#![allow(clippy::collapsible_if, clippy::collapsible_match)]

mod api_members;
mod catalog;
mod check;
mod demand;
mod diagnostic;
mod enums;
mod instance;
mod locate;
mod rules_service;
mod rules_task;
mod schema;
mod service;
mod size;
mod task_definition;

pub use catalog::{
    AWSVPC_TRUNK_ID_ATTRIBUTE, AccountSettings, ContainerInstanceSpec, DEFAULT_AGENT_VERSION,
    DEFAULT_RESERVED_PORTS, InstanceCatalog, InstanceSpecError, InstanceType,
    TRUNKING_MIN_AGENT_VERSION, container_instance_from_spec, container_instance_from_spec_with,
    default_capabilities, trunk_eni_id, trunked_eni_tasks,
};
pub use check::{
    DocumentKind, check_capacity_provider_strategy, check_container_instance,
    check_container_instance_value, check_container_instances_value, check_create_service,
    check_create_service_value, check_create_task_set, check_create_task_set_value, check_document,
    check_run_task, check_run_task_value, check_task_definition, check_task_definition_value,
    check_update_service, check_update_service_value, document_kind,
};
pub use demand::TaskDemand;
pub use diagnostic::{Diagnostic, Severity, closest, has_errors, unknown_members};
pub use enums::*;
pub use instance::{
    Attribute, AutoScalingGroupProvider, CapacityProvider, Cluster, ContainerInstance,
    ManagedScaling, Resource, VersionInfo,
};
pub use locate::locate;
pub use service::{
    AwsVpcConfiguration, CapacityProviderStrategyItem, CreateServiceRequest, CreateTaskSetRequest,
    DeploymentCircuitBreaker, DeploymentConfiguration, DeploymentController, LoadBalancer,
    NetworkConfiguration, PlacementConstraint, PlacementStrategy, RunTaskRequest, Scale,
    UpdateServiceRequest,
};
pub use size::{
    TaskSizeError, fargate_memory_options, is_valid_fargate_size, parse_task_cpu, parse_task_memory,
};
pub use task_definition::{
    ContainerDefinition, ContainerDependency, DescribeTaskDefinitionOutput, EphemeralStorage,
    HealthCheck, LogConfiguration, MountPoint, PortMapping, ProxyConfiguration,
    READ_ONLY_TASK_DEFINITION_FIELDS, ResourceRequirement, RuntimePlatform, TaskDefinition,
    TaskDefinitionPlacementConstraint, Volume,
};
