//! The public entry points: a whole run, the state at any step or time, and the explanation of
//! any placement, each by replaying the run from the start.

use ecs_model::Diagnostic;
use ecs_placement::{ClusterState, Explanation};

use crate::engine::{Probe, Sim};
use crate::outcome::Outcome;
use crate::world::World;

/// Runs the scenario to its end (`until`, or until it settles) and reports the final state with
/// the whole timeline.
pub fn run(world: &World) -> (Outcome, Vec<Diagnostic>) {
    let mut sim = Sim::new(world, Probe::default());
    sim.run();
    (sim.outcome(), sim.diagnostics)
}

/// The cluster as declared, before any task is placed, in the placement engine's terms; the
/// playground evaluates query-language expressions against it ("how many instances match").
pub fn initial_cluster_state(world: &World) -> ClusterState {
    Sim::new(world, Probe::default()).cluster().clone()
}

/// The state after the first `step` entries of the run's timeline, for stepping through a run;
/// `step` past the end gives the final state.
pub fn state_at_step(world: &World, step: usize) -> Outcome {
    let mut sim = Sim::new(
        world,
        Probe {
            step: Some(step),
            ..Probe::default()
        },
    );
    sim.run();
    sim.snapshot.take().unwrap_or_else(|| sim.outcome())
}

/// The state at virtual time `at` (every event up to and including that second).
pub fn state_at_time(world: &World, at: u64) -> Outcome {
    let mut sim = Sim::new(
        world,
        Probe {
            at: Some(at),
            ..Probe::default()
        },
    );
    sim.run();
    sim.outcome()
}

/// Explains the placement of the task with the given `placement_index` (see
/// [`crate::TaskRecord::placement_index`]) by replaying the run up to the moment before it, at
/// whatever time of the timeline it happened. Fargate tasks have no instance to explain.
pub fn explain(world: &World, placement_index: usize) -> Option<Explanation> {
    let mut sim = Sim::new(
        world,
        Probe {
            explain: Some(placement_index),
            ..Probe::default()
        },
    );
    sim.run();
    sim.explanation.take()
}
