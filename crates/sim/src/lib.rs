//! The ECS schedulers over virtual time: a deterministic discrete-event simulation of the
//! service scheduler (REPLICA and DAEMON services, rolling deployments, the circuit breaker, the
//! throttle, AZ rebalancing), RunTask, the task lifecycle, capacity providers (Fargate, Fargate
//! Spot, Auto Scaling groups with managed scaling), Service Auto Scaling and the actions of a
//! timeline, on top of the placement engine.
//!
//! Invariant: time is virtual and advances only by events, ordered by (time, sequence); the only
//! randomness is the scenario's seed, handed to the placement engine's generator. The same
//! [`World`] always gives the same [`Outcome`], natively and in WebAssembly, and no input makes
//! a run panic or go on forever (simulated time and event counts are bounded). A run can be
//! replayed to any step, time or placement, which is how [`state_at_step`] and [`explain`]
//! work instead of storing states or explanations.
//!
//! Behaviour the AWS documentation leaves open is decided as AWS would and marked `[MODEL]`; the
//! list is in `RULES.md`.

mod adapt;
mod engine;
mod input;
mod load_balancing;
mod outcome;
mod plan;
mod run;
mod world;

pub use adapt::arn_tail;
pub use ecs_placement::Explanation;
pub use engine::{CAPACITY_PROVIDER_ATTRIBUTE, MAX_EVENTS, NOT_PLACED, circuit_breaker_threshold};
pub use input::{
    ACTION_NAMES, INSTANCE_DECLARATION_MEMBERS, MAX_ACTIONS, MAX_SECONDS, TIMELINE_MEMBERS,
    TIMING_MEMBERS, declared_instances, read_account_settings, read_instance_declaration,
    read_timeline,
};
pub use load_balancing::EPHEMERAL_PORTS;
pub use outcome::{
    CapacityProviderRecord, DeploymentRecord, FailureRecord, InstanceRecord, NetworkBinding,
    Outcome, ServiceEvent, ServiceRecord, TargetGroupRecord, TargetRecord, TaskRecord,
    TimelineEntry,
};
pub use run::{explain, initial_cluster_state, run, state_at_step, state_at_time};
pub use world::{
    Action, AdjustmentType, AutoScalingGroupProvider, Comparison, ManagedScaling,
    ServiceAutoScaling, StepAdjustment, StepScaling, TaskBehaviour, TimedAction, Timings, World,
};
