//! The playground's browser shell: Leptos components over the pure core crates.
//!
//! Invariant: this crate holds no scheduling logic. It turns the user's edits into a scenario text,
//! asks `ecs-scenario` to evaluate it, and draws the result; everything it shows can be reproduced
//! natively with `ecs-sim`.

mod components;
mod storage;

use ecs_scenario::{DEFAULT_SCENARIO, Evaluation};
use leptos::prelude::*;

pub use components::App;

/// App-wide state, provided as context by [`App`].
#[derive(Clone, Copy)]
pub struct Playground {
    /// The scenario text in the editor; the single source of truth for what is shown.
    pub source: RwSignal<String>,
    /// The evaluation of `source`: diagnostics and the run.
    pub evaluation: Memo<Evaluation>,
    /// The task whose placement the inspector explains.
    pub selected_task: RwSignal<Option<String>>,
}

impl Playground {
    pub fn new(initial_source: String) -> Playground {
        let source = RwSignal::new(initial_source);
        let evaluation = Memo::new(move |_| source.with(|text| ecs_scenario::evaluate(text)));
        Playground {
            source,
            evaluation,
            selected_task: RwSignal::new(None),
        }
    }

    pub fn use_context() -> Playground {
        expect_context::<Playground>()
    }
}

/// The text the playground opens: the autosaved scenario if there is one, else the default.
pub fn initial_source() -> String {
    storage::load_scenario().unwrap_or_else(|| DEFAULT_SCENARIO.to_owned())
}
