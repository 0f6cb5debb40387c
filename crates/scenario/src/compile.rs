//! From a scenario document to a simulation run.

use ecs_model::Diagnostic;
use ecs_sim::Outcome;

use crate::Scenario;

/// Everything the playground shows for one scenario text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Evaluation {
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Diagnostic>,
    /// The run, when the scenario had no error that stops it.
    pub outcome: Option<Outcome>,
}

/// Parses, checks and runs a scenario text.
pub fn evaluate(text: &str) -> Evaluation {
    let (scenario, mut diagnostics) = Scenario::parse(text);
    let Some(scenario) = scenario else {
        return Evaluation { scenario: None, diagnostics, outcome: None };
    };
    let mut evaluation = evaluate_scenario(&scenario);
    diagnostics.append(&mut evaluation.diagnostics);
    evaluation.diagnostics = diagnostics;
    evaluation
}

/// Checks and runs an already parsed scenario.
pub fn evaluate_scenario(scenario: &Scenario) -> Evaluation {
    Evaluation { scenario: Some(scenario.clone()), diagnostics: Vec::new(), outcome: None }
}
