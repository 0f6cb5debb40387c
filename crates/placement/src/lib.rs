//! The ECS placement engine: eligibility and hard fit, placement constraints (with the cluster
//! query language in [`query`]), placement strategies, explanations and scale-in choice.
//!
//! Invariant: the engine is pure and deterministic. The same [`ClusterState`], request and
//! [`PlacementRng`] seed give the same placements on every platform (native and WebAssembly):
//! there is no I/O, no clock, no OS randomness and no hash-order dependence. No input makes it
//! panic; a request the API would reject comes back as a [`RequestError`] in the outcome, and a
//! task that cannot be placed comes back as a [`PlacementFailure`].
//!
//! The pipeline per task (§2.1 of the behaviour digest): eligibility (ACTIVE, agent connected,
//! OS/architecture, attributes, awsvpc subnets), hard fit (CPU, memory, GPU, ports, ENIs),
//! constraints (distinctInstance, memberOf), then strategies as a lexicographic key with a
//! seeded uniform tie break. [`place`] keeps an index of candidates so a request of thousands of
//! tasks costs little more per task than a small one; [`place_naive`] is the plain full scan it
//! must agree with. [`explain_next`] recomputes one decision with every instance's verdict.

pub mod query;

mod checks;
mod cql;
mod explain;
mod fargate;
mod model;
mod place;
mod request;
mod rng;
mod scale_in;

pub use checks::{CheckFailure, Demand, FailureReason, PlacementFailure, service_event};
pub use cql::{AtomResult, Expression, InstanceFacts, QueryError};
pub use explain::{
    ChosenInstance, Explanation, InstanceVerdict, StepValue, TieBreak, explain_next,
};
pub use fargate::{
    CapacityProviderStrategyError, CapacityProviderStrategyItem, place_fargate,
    split_capacity_providers, validate_capacity_provider_strategy,
};
pub use model::{
    AVAILABILITY_ZONE_ATTRIBUTE, CPU_ARCHITECTURE_ATTRIBUTE, ClusterState, ContainerInstanceState,
    ContainerInstanceStatus, DEFAULT_RESERVED_TCP_PORTS, DesiredStatus, INSTANCE_TYPE_ATTRIBUTE,
    MAX_RESERVED_PORTS, OS_FAMILY_ATTRIBUTE, OS_TYPE_ATTRIBUTE, TASK_ENI_CAPABILITY, TaskState,
};
pub use place::{PlacedTask, PlacementOutcome, place, place_naive};
pub use request::{
    ApiPlacementConstraint, ApiPlacementStrategy, BinpackField, ConstraintError, MAX_CONSTRAINTS,
    MAX_EXPRESSION_LENGTH, MAX_RUN_TASK_COUNT, MAX_SERVICE_COUNT, MAX_STRATEGIES, MemberOf,
    PlacementConstraint, PlacementRequest, PlacementStrategy, RequestError, RequestKind,
    SpreadField, TaskRequirements, combine_constraints, default_strategies,
};
pub use rng::PlacementRng;
pub use scale_in::{choose_eligible_tasks_to_stop, choose_tasks_to_stop};
