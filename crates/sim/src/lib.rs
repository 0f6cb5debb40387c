//! The ECS schedulers over virtual time: the service scheduler and RunTask, on top of the
//! placement engine.
//!
//! Invariant: time is virtual and the only randomness is the scenario's seed, handed to the
//! placement engine's generator; the same [`World`] always gives the same [`Outcome`], natively
//! and in WebAssembly. A run can be replayed to any task, which is how [`explain`] recomputes an
//! explanation instead of storing one per task.

mod adapt;
mod outcome;
mod run;
mod world;

pub use adapt::arn_tail;
pub use ecs_placement::Explanation;
pub use outcome::{
    FailureRecord, InstanceRecord, Outcome, ServiceEvent, TaskRecord, TimelineEntry,
};
pub use run::{explain, initial_cluster_state, run, state_at_step};
pub use world::World;
