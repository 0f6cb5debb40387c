//! The playground's browser shell: Leptos components over the pure core crates.
//!
//! Invariant: this crate holds no scheduling logic. It turns the user's edits into a scenario text,
//! asks `ecs-scenario` to evaluate it, and draws the result; everything it shows can be reproduced
//! natively with `ecs-sim`.

pub mod actions;
mod components;
mod crash;
pub mod edit;
pub mod layout;
mod share;
mod storage;

use ecs_scenario::{DEFAULT_SCENARIO, Evaluation};
use ecs_sim::Outcome;
use leptos::prelude::*;
use serde_json::Value;

pub use components::{App, Root};

/// Reports panics in the console and in an overlay that offers a reload and the scenario text.
pub fn install_crash_overlay() {
    crash::install();
}

/// What the inspector shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    Nothing,
    /// A task chip, by its key (a task id, or `unplaced-N` for a task that found no instance).
    Task(String),
    /// A container instance, by its id.
    Instance(String),
}

/// App-wide state, provided as context by [`App`].
#[derive(Clone, Copy)]
pub struct Playground {
    /// The scenario text in the editor; the single source of truth for what is shown.
    pub source: RwSignal<String>,
    /// The scenario text parsed as JSON, for the forms; `None` while the text is not JSON.
    pub document: Memo<Option<Value>>,
    /// The evaluation of `source`: diagnostics and the run.
    pub evaluation: Memo<Evaluation>,
    /// What the inspector explains.
    pub selection: RwSignal<Selection>,
    /// How many timeline entries have happened; `None` is the end of the run.
    pub step: RwSignal<Option<usize>>,
    /// Whether the run advances by itself.
    pub playing: RwSignal<bool>,
    /// Timeline steps per second while playing.
    pub speed: RwSignal<u32>,
    /// The cluster at `step`.
    pub shown: Memo<Option<Outcome>>,
    /// A message for the user that is not a diagnostic (a lost autosave, a refused save).
    pub notice: RwSignal<Option<String>>,
    /// Whether the keyboard-shortcut help is open.
    pub help_open: RwSignal<bool>,
}

impl Playground {
    pub fn new(initial_source: String) -> Playground {
        let source = RwSignal::new(initial_source);
        let document =
            Memo::new(move |_| source.with(|text| serde_json::from_str::<Value>(text).ok()));
        // Every edit changes the run, so comparing whole evaluations would only cost time and size.
        let evaluation = Memo::new_with_compare(
            move |_| source.with(|text| ecs_scenario::evaluate(text)),
            |_, _| true,
        );
        let step = RwSignal::new(None);
        let shown = Memo::new_with_compare(
            move |_| {
                let step = step.get();
                evaluation.with(|e| outcome_at(e, step))
            },
            |_, _| true,
        );
        Playground {
            source,
            document,
            evaluation,
            selection: RwSignal::new(Selection::Nothing),
            step,
            playing: RwSignal::new(false),
            speed: RwSignal::new(4),
            shown,
            notice: RwSignal::new(None),
            help_open: RwSignal::new(false),
        }
    }

    pub fn use_context() -> Playground {
        expect_context::<Playground>()
    }

    /// The number of steps in the run's timeline.
    pub fn timeline_len(self) -> usize {
        self.evaluation
            .with(|e| e.outcome.as_ref().map_or(0, |o| o.timeline.len()))
    }

    /// The current step as a number, the end of the run counting as the timeline's length.
    pub fn step_number(self) -> usize {
        let len = self.timeline_len();
        self.step.get().map_or(len, |s| s.min(len))
    }

    /// Moves to `step`; the end of the timeline becomes `None` so later edits keep showing the end.
    pub fn go_to(self, step: usize) {
        let len = self.timeline_len();
        self.step.set(if step >= len { None } else { Some(step) });
    }

    /// Rewrites the scenario JSON with `change` and pretty-prints it back into the editor. Does
    /// nothing while the text is not JSON: the forms are disabled then.
    pub fn edit(self, change: &mut dyn FnMut(&mut Value)) {
        let Some(mut value) = self.document.get_untracked() else {
            return;
        };
        change(&mut value);
        if let Ok(text) = serde_json::to_string_pretty(&value) {
            self.source.set(text);
        }
    }
}

/// The cluster after `step` timeline entries (the whole run for `None`).
fn outcome_at(evaluation: &Evaluation, step: Option<usize>) -> Option<Outcome> {
    let full = evaluation.outcome.as_ref()?;
    match (step, evaluation.world.as_ref()) {
        (Some(step), Some(world)) if step < full.timeline.len() => {
            Some(ecs_sim::state_at_step(world, step))
        }
        _ => Some(full.clone()),
    }
}

/// The text the playground opens with and, when the autosave could not be read, why not.
pub fn initial_source() -> (String, Option<String>) {
    match storage::load_scenario() {
        storage::Saved::Text(text) => (text, None),
        storage::Saved::Nothing => (DEFAULT_SCENARIO.to_owned(), None),
        storage::Saved::Corrupt => (
            DEFAULT_SCENARIO.to_owned(),
            Some(
                "The autosaved scenario could not be read, so the default scenario was loaded."
                    .to_owned(),
            ),
        ),
    }
}
