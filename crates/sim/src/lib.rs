//! The ECS schedulers over virtual time: services, standalone tasks, lifecycles.

mod outcome;

pub use outcome::{FailureRecord, InstanceRecord, Outcome, ServiceEvent, TaskRecord};
