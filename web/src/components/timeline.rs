//! The run controls along the bottom: Place, Play/Pause, Step back/forward, Reset, speed, and a
//! scrubber over the run's timeline. The same moves are bound to keys in `App`.

use std::time::Duration;

use ecs_sim::TimelineEntry;
use leptos::prelude::*;

use super::boundary::{Panel, PanelBoundary, PanelError};
use crate::Playground;

/// Stops playing and shows `step`: what every control that moves the run by hand does.
pub fn jump_to(playground: Playground, step: usize) {
    playground.playing.set(false);
    playground.go_to(step);
}

/// Goes one timeline step forward or back.
pub fn step_by(playground: Playground, forward: bool) {
    let now = playground.step_number();
    let next = if forward {
        now + 1
    } else {
        now.saturating_sub(1)
    };
    jump_to(playground, next);
}

/// The entries of the scenario's own actions, each with the step just after it.
fn action_entries(timeline: &[TimelineEntry]) -> impl Iterator<Item = (usize, &TimelineEntry)> {
    timeline
        .iter()
        .enumerate()
        .filter(|(_, entry)| ecs_sim::ACTION_NAMES.contains(&entry.kind.as_str()))
        .map(|(i, entry)| (i + 1, entry))
}

/// The steps just after each action of the scenario's timeline, in order.
fn action_steps(playground: Playground) -> Vec<usize> {
    playground.evaluation.with_untracked(|e| {
        e.outcome.as_ref().map_or_else(Vec::new, |o| {
            action_entries(&o.timeline).map(|(step, _)| step).collect()
        })
    })
}

/// The step just after action `index` of the scenario (`actions[index]`), when the run got there.
pub fn step_after_action(playground: Playground, index: usize) -> Option<usize> {
    let request = format!("actions[{index}]");
    playground.evaluation.with(|e| {
        e.outcome.as_ref().and_then(|o| {
            action_entries(&o.timeline)
                .find(|(_, entry)| entry.request == request)
                .map(|(step, _)| step)
        })
    })
}

/// Goes to just after the next action of the timeline, or the previous one; stays put when there
/// is none that way.
pub fn step_to_action(playground: Playground, forward: bool) {
    let now = playground.step_number();
    let steps = action_steps(playground);
    let target = if forward {
        steps.into_iter().find(|&s| s > now)
    } else {
        steps.into_iter().rev().find(|&s| s < now)
    };
    if let Some(step) = target {
        jump_to(playground, step);
    }
}

/// Back to the cluster before any task is placed.
pub fn reset(playground: Playground) {
    playground.playing.set(false);
    playground.go_to(0);
}

/// Shows every task placed. From the end of the run it first goes back to the start, so the chips
/// visibly fly from the staging area to their instances.
pub fn place(playground: Playground) {
    playground.playing.set(false);
    if playground.step.get_untracked().is_none() {
        playground.go_to(0);
        set_timeout(move || playground.step.set(None), Duration::from_millis(60));
    } else {
        playground.step.set(None);
    }
}

pub fn toggle_play(playground: Playground) {
    if playground.playing.get_untracked() {
        playground.playing.set(false);
    } else {
        if playground.step.get_untracked().is_none() {
            playground.go_to(0);
        }
        playground.playing.set(true);
    }
}

#[component]
pub fn RunControls() -> impl IntoView {
    let playground = Playground::use_context();
    let len = move || playground.timeline_len();
    let at = move || playground.step_number();

    // While playing, one interval advances the run; it is replaced when the speed changes.
    let interval = StoredValue::new(None::<IntervalHandle>);
    Effect::new(move |_| {
        if let Some(handle) = interval.get_value() {
            handle.clear();
            interval.set_value(None);
        }
        if !playground.playing.get() {
            return;
        }
        let period = 1000 / u64::from(playground.speed.get().max(1));
        let handle = set_interval_with_handle(
            move || {
                let now = playground.step_number();
                if now >= playground.timeline_len() {
                    playground.playing.set(false);
                } else {
                    playground.go_to(now + 1);
                }
            },
            Duration::from_millis(period),
        );
        interval.set_value(handle.ok());
    });

    let current = move || {
        let step = at();
        playground.evaluation.with(|e| {
            let timeline = e.outcome.as_ref().map(|o| &o.timeline[..]).unwrap_or(&[]);
            match step.checked_sub(1).and_then(|i| timeline.get(i)) {
                Some(entry) => entry.message.clone(),
                None if timeline.is_empty() => "Nothing to place.".to_owned(),
                None => "Before the first placement.".to_owned(),
            }
        })
    };

    // The engine promises that the cluster at step k has exactly k timeline entries; when the
    // replay breaks that promise, the position and message here would describe another cluster
    // than the picture shows.
    let replay_problem = Memo::new(move |_| {
        let step = playground.step.get();
        let len = playground.timeline_len();
        let step = step.filter(|s| *s < len)?;
        let replayed = playground
            .shown
            .with(|s| s.as_ref().map(|o| o.timeline.len()))?;
        (replayed != step).then(|| {
            format!(
                "Replaying the run to step {step} of {len} produced {replayed} timeline entries, so this step cannot be shown. The keyboard shortcuts still move through the run."
            )
        })
    });
    // The moments the scenario's own actions happen, as marks over the scrubber: (step, where
    // along the track in percent, what happens).
    let marks = Memo::new(move |_| {
        playground.evaluation.with(|e| {
            let Some(outcome) = e.outcome.as_ref() else {
                return Vec::new();
            };
            let len = outcome.timeline.len().max(1) as f64;
            action_entries(&outcome.timeline)
                .map(|(step, entry)| {
                    let percent = step as f64 * 100.0 / len;
                    (step, percent, format!("{} s: {}", entry.at, entry.message))
                })
                .collect::<Vec<_>>()
        })
    });
    let body = move || -> Result<_, PanelError> {
        if let Some(problem) = replay_problem.get() {
            return Err(PanelError::new(problem));
        }
        Ok(view! {
            <div class="run__buttons" role="group" aria-label="Run">
                {control_button("Place", "End", "place", Box::new(move || place(playground)))}
                <button
                    class="button button--primary run__play"
                    data-testid="play"
                    aria-keyshortcuts="Space"
                    on:click=move |_| toggle_play(playground)
                >
                    {move || if playground.playing.get() { "❚❚ Pause" } else { "▶ Play" }}
                </button>
                {control_button("◀ Step", "ArrowLeft", "step-back", Box::new(move || step_by(playground, false)))}
                {control_button("Step ▶", "ArrowRight", "step-forward", Box::new(move || step_by(playground, true)))}
                {control_button("Reset", "Home", "reset", Box::new(move || reset(playground)))}
            </div>
            <label class="run__speed">
                <span>"Speed"</span>
                <select
                    data-testid="speed"
                    on:change:target=move |ev| {
                        playground.speed.set(ev.target().value().parse().unwrap_or(4))
                    }
                >
                    {[1u32, 2, 4, 8, 16]
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.to_string() selected=move || playground.speed.get() == s>
                                    {format!("{s}×")}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <div class="run__track">
                <input
                    class="run__scrubber"
                    type="range"
                    min="0"
                    data-testid="scrubber"
                    aria-label="Timeline step"
                    prop:max=move || len().to_string()
                    prop:value=move || at().to_string()
                    on:input:target=move |ev| {
                        jump_to(playground, ev.target().value().parse().unwrap_or(0));
                    }
                />
                <div class="run__marks" role="group" aria-label="The scenario's actions">
                    <For
                        each=move || marks.get()
                        key=|(step, _, label)| (*step, label.clone())
                        let((step, percent, label))
                    >
                        <button
                            class="run__mark"
                            data-testid="timeline-mark"
                            data-step=step
                            style:left=format!("{percent:.2}%")
                            title=label.clone()
                            aria-label=format!("Go to {label}")
                            on:click=move |_| jump_to(playground, step)
                        ></button>
                    </For>
                </div>
            </div>
            <span class="run__position" data-testid="step-position" aria-live="polite">
                {move || format!("{} / {}", at(), len())}
            </span>
            <span class="run__message" data-testid="step-message">{current}</span>
        })
    };

    view! {
        <footer class="run" aria-label="Run controls">
            <PanelBoundary panel=Panel::Timeline body=body />
        </footer>
    }
}

/// A run-control button whose action is also bound to `key`.
fn control_button(
    label: &'static str,
    key: &'static str,
    test_id: &'static str,
    action: Box<dyn Fn()>,
) -> impl IntoView {
    view! {
        <button
            class="button"
            data-testid=test_id
            aria-keyshortcuts=key
            title=format!("{label} ({key})")
            on:click=move |_| action()
        >
            {label}
        </button>
    }
}
