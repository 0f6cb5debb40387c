//! Scenarios: the versioned document a playground session is made of, the built-in examples, and
//! the step from a document to a simulation run.
//!
//! Invariant: every input text gives an [`Evaluation`]; problems become diagnostics with a JSON path
//! (and a line and column when they came from text), never a panic and never a lost document.

mod codec;
mod compile;
mod examples;
mod explain;
mod export;
mod format;
mod import;
mod questions;
pub mod samples;
mod yaml;

pub use codec::{
    MAX_FRAGMENT_CHARS, SHARE_VERSION, ShareError, ShareView, decode_share, encode_share,
};
pub use compile::{
    Evaluation, MAX_CONTAINER_INSTANCES, compile, evaluate, evaluate_scenario, explain,
};
pub use examples::{Example, example, examples};
pub use explain::explanation_text;
pub use export::{
    Export, create_service_inputs, export, export_cli, export_cloudformation,
    register_task_definition_inputs,
};
pub use format::{
    CURRENT_VERSION, MAX_LIST_ENTRIES, MAX_SCENARIO_BYTES, SCENARIO_MEMBERS, Scenario,
};
pub use import::{ImportKind, ImportResult, Merge, import_document};
pub use questions::{Answer, Grade, Question, QuestionKind, grade, questions};

/// The scenario the playground opens with.
pub const DEFAULT_SCENARIO: &str = include_str!("../examples/default.json");
