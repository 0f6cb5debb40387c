//! The inspector: why the selected task is where it is (every candidate instance's verdict from the
//! placement engine), or what the selected instance holds; the services at the shown step; and
//! the service events of the run.

use ecs_placement::Explanation;
use ecs_sim::{InstanceRecord, TaskRecord};
use leptos::prelude::*;

use super::boundary::{Panel, PanelBoundary, PanelError};
use crate::{Playground, Selection};

#[component]
pub fn Inspector() -> impl IntoView {
    let playground = Playground::use_context();
    let events = move || {
        playground
            .shown
            .with(|s| s.as_ref().map(|o| o.events.clone()).unwrap_or_default())
    };
    let details = move || -> Result<AnyView, PanelError> {
        Ok(match playground.selection.get() {
            Selection::Nothing => view! {
                <p class="muted inspector__hint">
                    "Click a task chip to see why it landed where it did, or an instance to see what it holds."
                </p>
            }
            .into_any(),
            Selection::Task(key) => {
                // An edit changes the run, and with it where the task is and why.
                playground.evaluation.track();
                task_details(playground, &key)?
            }
            Selection::Instance(id) => view! { <InstanceDetails id=id /> }.into_any(),
        })
    };
    view! {
        <aside class="panel inspector" aria-label="Inspector">
            <h2 class="panel__title">"Inspector"</h2>
            <div class="inspector__body" data-testid="inspector">
                <PanelBoundary panel=Panel::Inspector body=details />
            </div>
            <super::services::ServicesSummary />
            <h3 class="panel__subtitle">"Service events"</h3>
            <ol class="events" data-testid="events" aria-live="polite">
                {move || {
                    let events = events();
                    if events.is_empty() {
                        return view! { <li class="muted">"No events at this step."</li> }.into_any();
                    }
                    events
                        .into_iter()
                        .map(|e| {
                            view! {
                                <li class="event">
                                    <span class="event__at">{format!("{}s", e.at)}</span>
                                    <span>{e.message}</span>
                                </li>
                            }
                        })
                        .collect_view()
                        .into_any()
                }}
            </ol>
        </aside>
    }
}

/// The selected task's facts and the placement engine's explanation; `key` is a task id, or
/// `unplaced-N` for a task that found no instance. A task that left the run is normal after an
/// edit, but a task on an instance that the engine cannot explain means the run and its replay
/// disagree, and that is an error.
fn task_details(playground: Playground, key: &str) -> Result<AnyView, PanelError> {
    let task: Option<TaskRecord> = playground.evaluation.with_untracked(|e| {
        e.outcome
            .as_ref()?
            .tasks
            .iter()
            .find(|t| t.task_id == key)
            .cloned()
    });
    let Some(task) = task else {
        let failure = playground.evaluation.with_untracked(|e| {
            let entry: usize = key.strip_prefix("unplaced-")?.parse().ok()?;
            Some(e.outcome.as_ref()?.timeline.get(entry)?.message.clone())
        });
        return Ok(view! {
            <h3 class="inspector__heading">"A task that was not placed"</h3>
            <p data-testid="explanation-summary">
                {failure.unwrap_or_else(|| "This task is not in the current run.".to_owned())}
            </p>
        }
        .into_any());
    };
    let explanation = playground
        .evaluation
        .with_untracked(|e| ecs_scenario::explain(e, task.placement_index));
    if let (None, Some(instance)) = (&explanation, &task.container_instance) {
        return Err(PanelError::new(format!(
            "The placement engine could not explain why task {} went to {instance}: replaying the run did not reach its placement.",
            task.task_id
        )));
    }
    let zone_of = move |id: &str| -> String {
        playground.evaluation.with_untracked(|e| {
            e.outcome
                .as_ref()
                .and_then(|o| o.container_instances.iter().find(|i| i.id == id))
                .map(|i| i.availability_zone.clone())
                .unwrap_or_default()
        })
    };
    Ok(view! {
        <h3 class="inspector__heading">{format!("Task {}", task.task_id)}</h3>
        <dl class="facts">
            <dt>"Group"</dt>
            <dd>{task.group.clone()}</dd>
            <dt>"Task definition"</dt>
            <dd>{task.task_definition.clone()}</dd>
            <dt>"Container instance"</dt>
            <dd data-testid="inspector-instance">
                {task.container_instance.clone().unwrap_or_else(|| "Fargate".to_owned())}
            </dd>
            <dt>"Availability Zone"</dt>
            <dd>{task.availability_zone.clone().unwrap_or_default()}</dd>
            <dt>{if task.capacity_provider_name.is_some() { "Capacity provider" } else { "Launch type" }}</dt>
            <dd data-testid="inspector-capacity">
                {task.capacity_provider_name.clone().unwrap_or_else(|| task.launch_type.clone())}
            </dd>
            <dt>"Reserves"</dt>
            <dd>{format!("{} CPU units, {} MiB", task.cpu, task.memory)}</dd>
        </dl>
        {match explanation {
            Some(explanation) => explanation_view(explanation, &zone_of).into_any(),
            None => view! {
                <p class="muted" data-testid="explanation-summary">
                    "Fargate places this task in an Availability Zone of its subnets; there are no instances to compare."
                </p>
            }
            .into_any(),
        }}
    }
    .into_any())
}

/// The explanation as a sentence and a table: one row per instance, one column per strategy.
fn explanation_view(
    explanation: Explanation,
    zone_of: &dyn Fn(&str) -> String,
) -> impl IntoView + use<> {
    let chosen = explanation.chosen.as_ref().map(|c| c.index);
    let header = explanation
        .strategies
        .iter()
        .map(|s| view! { <th scope="col">{s.clone()}</th> })
        .collect_view();
    let strategy_count = explanation.strategies.len();
    let rows = explanation
        .instances
        .iter()
        .map(|v| {
            let is_chosen = chosen == Some(v.index);
            let (verdict, class) = match (&v.rejection, is_chosen) {
                (Some(r), _) => (format!("✗ {}", r.reason.as_str()), "verdict--rejected"),
                (None, true) => ("→ chosen".to_owned(), "verdict--chosen"),
                (None, false) => ("✓ candidate".to_owned(), "verdict--candidate"),
            };
            let cells = match &v.rejection {
                Some(r) => view! { <td colspan=strategy_count.max(1).to_string() class="verdict__detail">{r.detail.clone()}</td> }.into_any(),
                None => v
                    .steps
                    .iter()
                    .map(|s| {
                        view! {
                            <td class:step--out=!s.tied_after title=s.description.clone()>
                                <span class="step__value">{s.value.to_string()}</span>
                                <span class="step__tie">{if s.tied_after { " tied" } else { " out" }}</span>
                                <span class="sr-only">{format!(": {}", s.description)}</span>
                            </td>
                        }
                    })
                    .collect_view()
                    .into_any(),
            };
            view! {
                <tr
                    class=format!("verdict {class}")
                    data-testid="verdict"
                    data-instance=v.container_instance_id.clone()
                    data-chosen=is_chosen.to_string()
                >
                    <th scope="row">{v.container_instance_id.clone()}</th>
                    <td>{zone_of(&v.container_instance_id)}</td>
                    <td class="verdict__result">{verdict}</td>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let tie = explanation.tie_break.as_ref().map(|t| {
        let why = if t.random_strategy {
            "the random strategy"
        } else {
            "a leftover tie"
        };
        format!(
            "{} instances were still tied; a draw seeded by the scenario picked position {} ({why}).",
            t.tied, t.drawn
        )
    });
    let plain = ecs_scenario::explanation_text(&explanation);
    view! {
        <p class="summary" data-testid="explanation-summary">{explanation.summary.clone()}</p>
        <p class="muted">
            {format!(
                "{} of {} instances fit and satisfy the constraints. Group {}.",
                explanation.candidate_count, explanation.instance_count, explanation.group
            )}
        </p>
        <p class="muted explanation__key">
            "Each strategy column shows the value the strategy minimises (tasks of the group, or resource left); "
            "candidates still tied go on to the next strategy, the others are out."
        </p>
        <div class="table-scroll">
            <table class="table explanation" data-testid="explanation">
                <caption class="sr-only">"Every instance the scheduler considered"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Instance"</th>
                        <th scope="col">"AZ"</th>
                        <th scope="col">"Verdict"</th>
                        {header}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {tie.map(|t| view! { <p class="muted">{t}</p> })}
        <details class="plain">
            <summary>"As text"</summary>
            <pre>{plain}</pre>
        </details>
    }
}

#[component]
fn InstanceDetails(
    /// The container instance id.
    id: String,
) -> impl IntoView {
    let playground = Playground::use_context();
    let found = move || -> Option<(InstanceRecord, Vec<String>)> {
        playground.shown.with(|s| {
            let o = s.as_ref()?;
            let record = o.container_instances.iter().find(|i| i.id == id)?.clone();
            let tasks = o
                .tasks
                .iter()
                .filter(|t| t.container_instance.as_deref() == Some(id.as_str()))
                .map(|t| t.task_id.clone())
                .collect();
            Some((record, tasks))
        })
    };
    move || {
        let Some((r, tasks)) = found() else {
            return view! { <p class="muted">"This instance is not in the current run."</p> }
                .into_any();
        };
        let ports = if r.task_ports.is_empty() {
            "none".to_owned()
        } else {
            r.task_ports
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        view! {
            <h3 class="inspector__heading" data-testid="inspector-instance-id">{format!("{} · {}", r.id, r.instance_type)}</h3>
            <dl class="facts">
                <dt>"EC2 instance"</dt>
                <dd>{r.ec2_instance_id.clone()}</dd>
                <dt>"Availability Zone"</dt>
                <dd>{r.availability_zone.clone()}</dd>
                <dt>"Status"</dt>
                <dd>{format!("{}{}", r.status, if r.agent_connected { "" } else { ", agent disconnected" })}</dd>
                <dt>"CPU"</dt>
                <dd>{format!("{} of {} units free", r.remaining_cpu, r.registered_cpu)}</dd>
                <dt>"Memory"</dt>
                <dd>{format!("{} of {} MiB free", r.remaining_memory, r.registered_memory)}</dd>
                <dt>"Task ENIs"</dt>
                <dd>{format!("{} of {}", r.enis_in_use, r.eni_limit)}</dd>
                <dt>"Host ports"</dt>
                <dd>{ports}</dd>
            </dl>
            <h4 class="panel__subtitle">{format!("Tasks ({})", tasks.len())}</h4>
            <div class="task-links">
                {tasks
                    .into_iter()
                    .map(|t| {
                        let key = t.clone();
                        view! {
                            <button class="link" on:click=move |_| playground.selection.set(Selection::Task(key.clone()))>
                                {t}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <h4 class="panel__subtitle">"Attributes"</h4>
            <table class="table table--compact" data-testid="instance-attributes">
                <tbody>
                    {r.attributes
                        .into_iter()
                        .map(|(k, v)| view! { <tr><th scope="row">{k}</th><td>{v}</td></tr> })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    }
}
