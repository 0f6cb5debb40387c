//! The inspector: the selected task, and the service events of the run.

use leptos::prelude::*;

use crate::Playground;

#[component]
pub fn Inspector() -> impl IntoView {
    let playground = Playground::use_context();
    let selected = move || {
        let id = playground.selected_task.get()?;
        playground.evaluation.with(|e| {
            e.outcome
                .as_ref()?
                .tasks
                .iter()
                .find(|t| t.task_id == id)
                .cloned()
        })
    };
    let events = move || {
        playground.evaluation.with(|e| {
            e.outcome
                .as_ref()
                .map(|o| o.events.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <aside class="panel inspector" aria-label="Inspector">
            <h2 class="panel__title">"Inspector"</h2>
            <div class="inspector__task" data-testid="inspector-task">
                {move || match selected() {
                    None => view! { <p class="muted">"Click a task to see where it is and why."</p> }.into_any(),
                    Some(task) => {
                        view! {
                            <dl class="facts">
                                <dt>"Task"</dt>
                                <dd>{task.task_id.clone()}</dd>
                                <dt>"Group"</dt>
                                <dd>{task.group.clone()}</dd>
                                <dt>"Task definition"</dt>
                                <dd>{task.task_definition.clone()}</dd>
                                <dt>"Container instance"</dt>
                                <dd data-testid="inspector-instance">
                                    {task.container_instance.clone().unwrap_or_else(|| "not placed".to_owned())}
                                </dd>
                                <dt>"Availability Zone"</dt>
                                <dd>{task.availability_zone.clone().unwrap_or_default()}</dd>
                                <dt>"Status"</dt>
                                <dd>{task.last_status.clone()}</dd>
                            </dl>
                        }
                            .into_any()
                    }
                }}
            </div>
            <h3 class="panel__subtitle">"Service events"</h3>
            <ol class="events" data-testid="events">
                {move || {
                    events()
                        .into_iter()
                        .map(|e| view! { <li class="event"><span class="event__at">{format!("{}s", e.at)}</span>" "{e.message}</li> })
                        .collect_view()
                }}
            </ol>
        </aside>
    }
}
