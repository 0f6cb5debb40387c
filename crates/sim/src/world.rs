//! The typed input of a run: a cluster and the requests made of it.

use ecs_model::{ContainerInstance, CreateServiceRequest, RunTaskRequest, TaskDefinition};

/// Everything a run needs, already checked and typed. The scenario crate builds it from a
/// scenario document; tests build it directly.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct World {
    /// Seeds every random choice of the run.
    pub seed: u64,
    pub cluster: String,
    /// The cluster's Availability Zones, in the order the picture shows them; Fargate tasks are
    /// spread over them.
    pub availability_zones: Vec<String>,
    pub container_instances: Vec<ContainerInstance>,
    /// Registrations in order; the n-th registration of a family is its revision n.
    pub task_definitions: Vec<TaskDefinition>,
    pub services: Vec<CreateServiceRequest>,
    pub run_tasks: Vec<RunTaskRequest>,
}

impl World {
    /// The revisions of a family, oldest first, as `(revision, definition)`.
    pub fn registered_revisions(&self, family: &str) -> Vec<(u32, &TaskDefinition)> {
        self.task_definitions
            .iter()
            .filter(|td| td.family.as_deref() == Some(family))
            .zip(1..)
            .map(|(td, revision)| (revision, td))
            .collect()
    }
}
