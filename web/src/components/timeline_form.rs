//! The timeline form: the scenario's `actions`, the API calls and failures that happen during the
//! run. Each action has its time and its fields; a CreateService or RunTask request and a
//! registered task definition show their main fields here and open in the Services or Task
//! definition form for the rest. An action the form does not know is shown as JSON.

use ecs_sim::ACTION_NAMES;
use leptos::prelude::*;
use serde_json::Value;

use super::cluster_form::instance_type_options;
use super::editor::{EditorNavigation, EditorTab};
use super::fields::{
    FieldKind, item_picker, json_bool, json_flag, json_input, json_select, json_string_list,
    row_buttons,
};
use super::timeline::{jump_to, step_after_action};
use crate::Playground;
use crate::actions;

#[component]
pub fn TimelineForm() -> impl IntoView {
    let playground = Playground::use_context();
    let selected = RwSignal::new(0usize);
    let labels = Memo::new(move |_| {
        playground.document.with(|d| {
            d.as_ref()
                .and_then(|d| d.get("actions"))
                .and_then(Value::as_array)
                .map(|items| items.iter().map(actions::label).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    // After a removal the picker keeps pointing at an action that exists.
    Effect::new(move |_| {
        let count = labels.with(Vec::len);
        if count > 0 && selected.get_untracked() >= count {
            selected.set(count - 1);
        }
    });
    // The fields are rebuilt only when the shown action or its kind changes, not on every edit
    // (which would take the focus out of the field being typed in).
    let shape = Memo::new(move |_| {
        let index = selected.get();
        let count = labels.with(Vec::len);
        playground.document.with(|d| {
            let action = d.as_ref()?.pointer(&format!("/actions/{index}"))?;
            Some((index, count, actions::kind(action)))
        })
    });
    let new_kind = RwSignal::new("updateService");
    let add = move |_| {
        let instances = instance_ids(playground);
        let kind = new_kind.get_untracked();
        let mut added = None;
        playground.edit(&mut |doc| added = actions::add(doc, kind, &instances));
        if let Some(index) = added {
            selected.set(index);
        }
    };
    view! {
        <div class="form" data-testid="timeline-form">
            <p class="muted form__intro">
                "Actions happen at a time in virtual seconds from the start of the run. The scrubber marks each one; [ and ] jump between them."
            </p>
            <div class="form__row">
                <label class="field field--picker">
                    <span class="field__label">"New action"</span>
                    <select
                        class="field__input"
                        data-testid="new-action-kind"
                        on:change:target=move |ev| {
                            let value = ev.target().value();
                            if let Some(kind) = ACTION_NAMES.iter().find(|k| **k == value) {
                                new_kind.set(kind);
                            }
                        }
                    >
                        {ACTION_NAMES
                            .iter()
                            .map(|kind| view! { <option value=*kind selected=*kind == "updateService">{*kind}</option> })
                            .collect_view()}
                    </select>
                </label>
                <button class="button button--add" data-testid="add-action" on:click=add>"+ Action"</button>
            </div>
            {move || {
                (!labels.with(Vec::is_empty))
                    .then(|| {
                        view! {
                            <div class="form__row">
                                {item_picker("Action", labels.get(), selected, "pick-action")}
                            </div>
                        }
                    })
            }}
            {move || match shape.get() {
                None => view! {
                    <p class="muted">"The run has no actions yet: add one to scale a service, roll out a new revision or fail a zone midway."</p>
                }
                .into_any(),
                Some((index, count, kind)) => action_fields(playground, index, count, kind),
            }}
        </div>
    }
}

/// The ids of the run's container instances, including those registered during it.
fn instance_ids(playground: Playground) -> Vec<String> {
    playground.evaluation.with_untracked(|e| {
        e.outcome
            .as_ref()
            .map(|o| o.container_instances.iter().map(|i| i.id.clone()).collect())
            .unwrap_or_default()
    })
}

fn options(values: Vec<String>, empty: Option<&str>) -> Vec<(String, String)> {
    empty
        .map(|label| (String::new(), label.to_owned()))
        .into_iter()
        .chain(values.into_iter().map(|v| (v.clone(), v)))
        .collect()
}

/// A note saying what else of the action is edited in `tab`, with a button that opens `tab` at the
/// action's body (`pointer`).
fn open_in(tab: EditorTab, pointer: String, note: &'static str) -> AnyView {
    let navigation = EditorNavigation::use_context();
    view! {
        <p class="muted form__help">
            {note}" "
            <button
                class="button button--quiet"
                data-testid="action-open"
                on:click=move |_| {
                    if let Some(navigation) = navigation {
                        navigation.open(tab, pointer.clone());
                    }
                }
            >
                {format!("Open in the {} tab", tab.label())}
            </button>
        </p>
    }
    .into_any()
}

/// The fields of action `index` (of `count`), of `kind` when it is one the form knows.
fn action_fields(
    playground: Playground,
    index: usize,
    count: usize,
    kind: Option<&'static str>,
) -> AnyView {
    let base = format!("/actions/{index}");
    let document = playground.document.get_untracked().unwrap_or(Value::Null);
    let body = kind.map(|k| format!("{base}/{k}")).unwrap_or_default();
    let instance_field = |label: &str| {
        json_select(
            label.into(),
            format!("{body}/containerInstance"),
            options(instance_ids(playground), None),
            "action-instance".into(),
        )
    };
    let fields = match kind {
        Some("updateService") => view! {
            {json_select("Service".into(), format!("{body}/service"), options(actions::service_names(&document), None), "action-service".into())}
            {json_input("Desired count".into(), format!("{body}/desiredCount"), FieldKind::Number, "action-desired-count".into())}
            {json_select(
                "Task definition".into(),
                format!("{body}/taskDefinition"),
                options(actions::task_definition_choices(&document), Some("(unchanged)")),
                "action-task-definition".into(),
            )}
            {json_flag("Force new deployment", format!("{body}/forceNewDeployment"), "action-force-new-deployment".into())}
        }
        .into_any(),
        Some("deleteService") => view! {
            {json_select("Service".into(), format!("{body}/service"), options(actions::service_names(&document), None), "action-service".into())}
            {json_flag("Force (delete without scaling to 0 first)", format!("{body}/force"), "action-force".into())}
        }
        .into_any(),
        Some("stopTask") => view! {
            {json_input("Task (an id such as task-3)".into(), format!("{body}/task"), FieldKind::Text, "action-task".into())}
            {json_input("Reason".into(), format!("{body}/reason"), FieldKind::Text, "action-reason".into())}
        }
        .into_any(),
        Some(
            "drainContainerInstance"
            | "activateContainerInstance"
            | "terminateContainerInstance"
            | "disconnectAgent"
            | "reconnectAgent",
        ) => instance_field("Container instance"),
        Some("spotInterruption")
            if document.pointer(&format!("{body}/tasks")).is_none() =>
        {
            instance_field("EC2 Spot instance")
        }
        Some("spotInterruption") => json_string_list(
            "Fargate Spot tasks (ids such as task-3)".into(),
            format!("{body}/tasks"),
            "action-tasks".into(),
        ),
        Some("updateTaskProtection") => view! {
            {json_string_list("Tasks (up to 10 ids such as task-3)".into(), format!("{body}/tasks"), "action-tasks".into())}
            {json_input("Expires in (minutes)".into(), format!("{body}/expiresInMinutes"), FieldKind::Number, "action-expires".into())}
            {json_bool("Protection enabled", format!("{body}/protectionEnabled"), "action-protection".into())}
        }
        .into_any(),
        Some("startTask") => view! {
            {json_select(
                "Task definition".into(),
                format!("{body}/taskDefinition"),
                options(actions::task_definition_choices(&document), None),
                "action-task-definition".into(),
            )}
            {json_string_list("Container instances (ids such as ci-2)".into(), format!("{body}/containerInstances"), "action-instances".into())}
            {json_input("Group".into(), format!("{body}/group"), FieldKind::Text, "action-group".into())}
            {json_input("Started by".into(), format!("{body}/startedBy"), FieldKind::Text, "action-started-by".into())}
        }
        .into_any(),
        Some("failAvailabilityZone" | "recoverAvailabilityZone") => json_select(
            "Availability Zone".into(),
            format!("{body}/availabilityZone"),
            options(actions::zones(&document), None),
            "action-zone".into(),
        ),
        Some("runTask") => view! {
            {json_select(
                "Task definition".into(),
                format!("{body}/taskDefinition"),
                options(actions::task_definition_choices(&document), None),
                "action-task-definition".into(),
            )}
            {json_input("Count".into(), format!("{body}/count"), FieldKind::Number, "action-count".into())}
            {json_select(
                "Launch type".into(),
                format!("{body}/launchType"),
                options(vec!["EC2".into(), "FARGATE".into(), "EXTERNAL".into()], Some("(default strategy)")),
                "action-launch-type".into(),
            )}
            {open_in(EditorTab::Services, body.clone(), "Placement strategies, constraints and the capacity provider strategy of this request are in the Services tab.")}
        }
        .into_any(),
        Some("createService") => view! {
            {json_input("Service name".into(), format!("{body}/serviceName"), FieldKind::Text, "action-service-name".into())}
            {json_select(
                "Task definition".into(),
                format!("{body}/taskDefinition"),
                options(actions::task_definition_choices(&document), None),
                "action-task-definition".into(),
            )}
            {json_input("Desired count".into(), format!("{body}/desiredCount"), FieldKind::Number, "action-desired-count".into())}
            {open_in(EditorTab::Services, body.clone(), "Launch type, placement strategies and constraints, and scaling of this service are in the Services tab.")}
        }
        .into_any(),
        Some("registerTaskDefinition") => view! {
            {json_input("Family".into(), format!("{body}/family"), FieldKind::Text, "action-family".into())}
            {json_input("Task CPU".into(), format!("{body}/cpu"), FieldKind::Text, "action-td-cpu".into())}
            {json_input("Task memory".into(), format!("{body}/memory"), FieldKind::Text, "action-td-memory".into())}
            {open_in(EditorTab::TaskDefinition, body.clone(), "Containers, port mappings and compatibilities of this revision are in the Task definition tab.")}
        }
        .into_any(),
        Some("registerContainerInstance")
            if document.pointer(&format!("{body}/containerInstanceArn")).is_none() =>
        {
            view! {
                {json_select("Instance type".into(), format!("{body}/instanceType"), instance_type_options(), "action-instance-type".into())}
                {json_select("Availability Zone".into(), format!("{body}/availabilityZone"), options(actions::zones(&document), None), "action-zone".into())}
                {json_input("Count".into(), format!("{body}/count"), FieldKind::Number, "action-count".into())}
            }
            .into_any()
        }
        Some("deregisterTaskDefinition") => json_select(
            "Task definition".into(),
            format!("{body}/taskDefinition"),
            options(actions::task_definition_revisions(&document), None),
            "action-task-definition".into(),
        ),
        _ => {
            let shown = document
                .pointer(&body)
                .and_then(|b| serde_json::to_string_pretty(b).ok())
                .unwrap_or_default();
            view! {
                <p class="muted">"Edit this action's details in the JSON tab."</p>
                <pre class="form__json" data-testid="action-json">{shown}</pre>
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="form__group" data-testid="action">
            <legend>{kind.unwrap_or("Unknown action")}</legend>
            <div class="list-row">
                <span class="list-row__index">{index + 1}</span>
                {json_input("At (seconds)".into(), format!("{base}/at"), FieldKind::Number, "action-at".into())}
                {row_buttons("/actions".to_owned(), index, count, "action")}
            </div>
            <p class="muted form__help">{kind.map_or("", actions::describe)}</p>
            <div class="form__row">
                <button
                    class="button"
                    data-testid="action-show"
                    disabled=move || step_after_action(playground, index).is_none()
                    title="Move the run to just after this action"
                    on:click=move |_| {
                        if let Some(step) = step_after_action(playground, index) {
                            jump_to(playground, step);
                        }
                    }
                >
                    "Show in the run"
                </button>
            </div>
            <div class="form__grid">{fields}</div>
        </fieldset>
    }
    .into_any()
}
