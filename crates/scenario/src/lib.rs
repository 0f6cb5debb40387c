//! Scenarios: the versioned document a playground session is made of, the built-in examples, and
//! the step from a document to a simulation run.
//!
//! Invariant: every input text gives an [`Evaluation`]; problems become diagnostics with a JSON path
//! (and a line and column when they came from text), never a panic and never a lost document.

mod compile;
mod explain;
mod format;

pub use compile::{
    Evaluation, MAX_CONTAINER_INSTANCES, compile, evaluate, evaluate_scenario, explain,
};
pub use explain::explanation_text;
pub use format::{CURRENT_VERSION, Scenario};

/// The scenario the playground opens with.
pub const DEFAULT_SCENARIO: &str = include_str!("../examples/default.json");
