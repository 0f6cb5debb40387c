//! The services and RunTask form: counts, launch type, and the placement strategy and constraint
//! builders. The constraint expression is parsed as it is typed, with the error position and how
//! many instances of the cluster match.

use std::collections::BTreeSet;

use ecs_placement::query;
use leptos::prelude::*;
use serde_json::{Value, json};

use super::editor::EditorNavigation;
use super::fields::{
    FieldKind, add_button, item_picker, json_input, json_select, plain_options,
    provider_strategy_item, row_buttons,
};
use super::scaling_form;
use crate::Playground;
use crate::{actions, edit};

/// The attributes offered when the cluster cannot be read.
const STANDARD_ATTRIBUTES: [&str; 4] = [
    "ecs.availability-zone",
    "ecs.instance-type",
    "ecs.os-type",
    "ecs.cpu-architecture",
];

#[component]
pub fn ServiceForm() -> impl IntoView {
    let playground = Playground::use_context();
    let selected = RwSignal::new(0usize);
    // Services first, then RunTask requests, as the scheduler handles them; then the requests the
    // timeline makes later.
    let requests = Memo::new(move |_| {
        playground.document.with(|d| {
            let mut out: Vec<(String, String)> = Vec::new();
            for (list, label, name_key) in [
                ("services", "Service", "serviceName"),
                ("runTasks", "RunTask", "taskDefinition"),
            ] {
                let items = d
                    .as_ref()
                    .and_then(|d| d.get(list))
                    .and_then(Value::as_array);
                for (i, item) in items.into_iter().flatten().enumerate() {
                    let name = item.get(name_key).and_then(Value::as_str).unwrap_or("?");
                    out.push((format!("/{list}/{i}"), format!("{label} {name}")));
                }
            }
            if let Some(d) = d.as_ref() {
                out.extend(actions::bodies_of(d, "createService"));
                out.extend(actions::bodies_of(d, "runTask"));
            }
            out
        })
    });
    if let Some(index) = EditorNavigation::use_context().and_then(|n| {
        requests.with_untracked(|items| n.take_selection(items.iter().map(|(p, _)| p.as_str())))
    }) {
        selected.set(index);
    }
    let attributes = Memo::new(move |_| cluster_attributes(playground));
    let shape = Memo::new(move |_| {
        let pointer = requests.with(|r| r.get(selected.get()).map(|(p, _)| p.clone()));
        pointer.map(|pointer| {
            playground.document.with(|d| {
                let kinds = |list: &str| -> Vec<String> {
                    d.as_ref()
                        .and_then(|d| d.pointer(&format!("{pointer}/{list}")))
                        .and_then(Value::as_array)
                        .map(|items| {
                            items
                                .iter()
                                .map(|i| {
                                    i.get("type")
                                        .and_then(Value::as_str)
                                        .unwrap_or("")
                                        .to_owned()
                                })
                                .collect()
                        })
                        .unwrap_or_default()
                };
                let providers =
                    edit::len_at(d.as_ref(), &format!("{pointer}/capacityProviderStrategy"));
                (
                    pointer.clone(),
                    kinds("placementStrategy"),
                    kinds("placementConstraints"),
                    providers,
                )
            })
        })
    });
    view! {
        <div class="form" data-testid="service-form">
            <div class="form__row">
                {move || item_picker("Request", requests.get().into_iter().map(|(_, l)| l).collect(), selected, "pick-request")}
                {add_button(
                    "+ Service",
                    "/services".to_owned(),
                    json!({"serviceName": "api", "taskDefinition": "web", "desiredCount": 2, "launchType": "EC2"}),
                    "add-service",
                )}
            </div>
            {move || match shape.get() {
                None => view! { <p class="muted">"The scenario has no services or RunTask requests yet."</p> }.into_any(),
                Some((pointer, strategies, constraints, providers)) => request_fields(pointer, strategies, constraints, providers, attributes),
            }}
        </div>
    }
}

/// The attribute names present on the cluster's instances.
fn cluster_attributes(playground: Playground) -> Vec<String> {
    let mut names: BTreeSet<String> = playground.evaluation.with(|e| {
        e.world
            .as_ref()
            .map(|w| {
                ecs_sim::initial_cluster_state(w)
                    .instances
                    .iter()
                    .flat_map(|i| i.attributes.keys().cloned())
                    .collect()
            })
            .unwrap_or_default()
    });
    names.extend(STANDARD_ATTRIBUTES.iter().map(|s| (*s).to_owned()));
    names.into_iter().collect()
}

fn request_fields(
    pointer: String,
    strategies: Vec<String>,
    constraints: Vec<String>,
    providers: usize,
    attributes: Memo<Vec<String>>,
) -> AnyView {
    let is_service = pointer.starts_with("/services/") || pointer.ends_with("/createService");
    let count_field = if is_service {
        json_input(
            "Desired count".into(),
            format!("{pointer}/desiredCount"),
            FieldKind::Number,
            "desired-count".into(),
        )
    } else {
        json_input(
            "Count".into(),
            format!("{pointer}/count"),
            FieldKind::Number,
            "desired-count".into(),
        )
    };
    let name_field = if is_service {
        json_input(
            "Service name".into(),
            format!("{pointer}/serviceName"),
            FieldKind::Text,
            "service-name".into(),
        )
    } else {
        json_input(
            "Group".into(),
            format!("{pointer}/group"),
            FieldKind::Text,
            "run-task-group".into(),
        )
    };
    // DAEMON runs one task per instance and takes no desired count or placement strategy; the
    // validator says so when the form's other fields disagree.
    let scheduling_field = is_service.then(|| {
        json_select(
            "Scheduling".into(),
            format!("{pointer}/schedulingStrategy"),
            vec![
                (String::new(), "REPLICA (default)".into()),
                ("REPLICA".into(), "REPLICA".into()),
                ("DAEMON".into(), "DAEMON".into()),
            ],
            "scheduling-strategy".into(),
        )
    });
    let strategy_list = format!("{pointer}/placementStrategy");
    let constraint_list = format!("{pointer}/placementConstraints");
    let strategy_count = strategies.len();
    let constraint_count = constraints.len();
    let strategy_rows = strategies
        .into_iter()
        .enumerate()
        .map(|(i, kind)| strategy_row(&strategy_list, i, strategy_count, &kind, attributes))
        .collect_view();
    let constraint_rows = constraints
        .into_iter()
        .enumerate()
        .map(|(i, kind)| constraint_row(&constraint_list, i, constraint_count, &kind, attributes))
        .collect_view();
    view! {
        <fieldset class="form__group">
            <legend>{if is_service { "Service" } else { "RunTask" }}</legend>
            <div class="form__grid">
                {name_field}
                {json_input("Task definition".into(), format!("{pointer}/taskDefinition"), FieldKind::Text, "request-task-definition".into())}
                {count_field}
                {json_select(
                    "Launch type".into(),
                    format!("{pointer}/launchType"),
                    vec![
                        (String::new(), "default (cluster strategy)".into()),
                        ("EC2".into(), "EC2".into()),
                        ("FARGATE".into(), "FARGATE".into()),
                        ("EXTERNAL".into(), "EXTERNAL".into()),
                    ],
                    "launch-type".into(),
                )}
                {scheduling_field}
            </div>
        </fieldset>
        {capacity_provider_strategy(&pointer, providers)}
        <fieldset class="form__group" data-testid="strategies">
            <legend>"Placement strategies, applied in order"</legend>
            {(strategy_count == 0).then(|| view! { <p class="muted">"None: ECS uses its default for this request."</p> })}
            {strategy_rows}
            {add_button(
                "+ Strategy",
                strategy_list.clone(),
                json!({"type": "spread", "field": "attribute:ecs.availability-zone"}),
                "add-strategy",
            )}
        </fieldset>
        <fieldset class="form__group" data-testid="constraints">
            <legend>"Placement constraints"</legend>
            {constraint_rows}
            {add_button(
                "+ Constraint",
                constraint_list.clone(),
                json!({"type": "memberOf", "expression": "attribute:ecs.availability-zone exists"}),
                "add-constraint",
            )}
        </fieldset>
        {is_service.then(|| scaling_form::service_auto_scaling(pointer.clone()))}
    }
    .into_any()
}

/// The request's capacity provider strategy: which providers its tasks go to, with base and weight.
/// AWS takes either this or a launch type, so adding the first provider clears the launch type.
fn capacity_provider_strategy(pointer: &str, count: usize) -> AnyView {
    let playground = Playground::use_context();
    let list = format!("{pointer}/capacityProviderStrategy");
    let names = playground
        .document
        .with_untracked(|d| edit::provider_names(d.as_ref()));
    let rows = (0..count)
        .map(|i| {
            provider_strategy_item(
                &list,
                i,
                count,
                &names,
                "capacity provider",
                "provider-strategy",
            )
        })
        .collect_view();
    let add = {
        let pointer = pointer.to_owned();
        let first = names
            .first()
            .cloned()
            .unwrap_or_else(|| "FARGATE".to_owned());
        move |_| {
            playground.edit(&mut |doc| {
                let Some(request) = doc.pointer_mut(&pointer).and_then(Value::as_object_mut) else {
                    return;
                };
                request.remove("launchType");
                let items = request
                    .entry("capacityProviderStrategy")
                    .or_insert_with(|| json!([]));
                if let Some(items) = items.as_array_mut() {
                    items.push(json!({"capacityProvider": first, "weight": 1}));
                }
            });
        }
    };
    view! {
        <fieldset class="form__group" data-testid="provider-strategy">
            <legend>"Capacity provider strategy"</legend>
            {(count == 0).then(|| view! {
                <p class="muted">"None: the launch type above decides, or the cluster's default strategy when there is none."</p>
            })}
            {rows}
            <button class="button button--add" data-testid="add-provider-strategy" on:click=add>
                "+ Capacity provider"
            </button>
        </fieldset>
    }
    .into_any()
}

fn strategy_row(
    list: &str,
    i: usize,
    count: usize,
    kind: &str,
    attributes: Memo<Vec<String>>,
) -> AnyView {
    let base = format!("{list}/{i}");
    let fields: Vec<(String, String)> = match kind {
        "spread" => {
            let mut f = plain_options(&["instanceId", "host"]);
            f.extend(attributes.get_untracked().into_iter().map(|a| {
                let v = format!("attribute:{a}");
                (v.clone(), v)
            }));
            f
        }
        "binpack" => plain_options(&["memory", "cpu"]),
        _ => Vec::new(),
    };
    view! {
        <div class="list-row" data-testid="strategy">
            <span class="list-row__index">{i + 1}</span>
            {strategy_type_select(base.clone(), i, kind.to_owned())}
            {(!fields.is_empty()).then(|| json_select("Field".into(), format!("{base}/field"), fields, format!("strategy-{i}-field")))}
            {row_buttons(list.to_owned(), i, count, "strategy")}
        </div>
    }
    .into_any()
}

/// The strategy type; changing it also sets a field that suits the new type, so the strategy stays
/// valid (`binpack` on an attribute would not be).
fn strategy_type_select(base: String, i: usize, kind: String) -> AnyView {
    let playground = Playground::use_context();
    view! {
        <label class="field">
            <span class="field__label">"Type"</span>
            <select
                class="field__input"
                data-testid=format!("strategy-{i}-type")
                on:change:target=move |ev| {
                    let new = ev.target().value();
                    let field = match new.as_str() {
                        "spread" => Some(json!("attribute:ecs.availability-zone")),
                        "binpack" => Some(json!("memory")),
                        _ => None,
                    };
                    playground.edit(&mut |doc| {
                        edit::set(doc, &format!("{base}/type"), Some(Value::String(new.clone())));
                        edit::set(doc, &format!("{base}/field"), field.clone());
                    });
                }
            >
                {["spread", "binpack", "random"]
                    .into_iter()
                    .map(|t| view! { <option value=t selected=kind == t>{t}</option> })
                    .collect_view()}
            </select>
        </label>
    }
    .into_any()
}

fn constraint_row(
    list: &str,
    i: usize,
    count: usize,
    kind: &str,
    attributes: Memo<Vec<String>>,
) -> AnyView {
    let base = format!("{list}/{i}");
    let expression = (kind == "memberOf")
        .then(|| expression_editor(format!("{base}/expression"), i, attributes));
    view! {
        <div class="list-row list-row--wrap" data-testid="constraint">
            <span class="list-row__index">{i + 1}</span>
            {json_select("Type".into(), format!("{base}/type"), plain_options(&["memberOf", "distinctInstance"]), format!("constraint-{i}-type"))}
            {row_buttons(list.to_owned(), i, count, "constraint")}
            {expression}
        </div>
    }
    .into_any()
}

/// The cluster-query-language input: parsed on every keystroke; shows where an error is and how
/// many of the cluster's instances (before any task is placed) match.
fn expression_editor(pointer: String, i: usize, attributes: Memo<Vec<String>>) -> AnyView {
    let playground = Playground::use_context();
    let read = pointer.clone();
    let text = Memo::new(move |_| {
        playground
            .document
            .with(|d| edit::text_at(d.as_ref(), &read))
    });
    let status = move || -> (bool, String, String) {
        let text = text.get();
        match query::parse(&text) {
            Err(err) => {
                let marker: String = " ".repeat(err.position) + "^";
                (
                    false,
                    format!("Column {}: {}", err.position + 1, err.message),
                    marker,
                )
            }
            Ok(expression) => {
                let (matched, total) = playground.evaluation.with(|e| {
                    e.world.as_ref().map_or((0, 0), |w| {
                        let state = ecs_sim::initial_cluster_state(w);
                        let matched = state
                            .instances
                            .iter()
                            .filter(|i| expression.matches(*i))
                            .count();
                        (matched, state.instances.len())
                    })
                });
                (
                    true,
                    format!("{matched} of {total} instances match"),
                    String::new(),
                )
            }
        }
    };
    let insert_pointer = pointer.clone();
    view! {
        <div class="expression">
            {json_input("Expression".into(), pointer, FieldKind::Text, format!("constraint-{i}-expression"))}
            <pre class="expression__marker" aria-hidden="true">{move || status().2}</pre>
            <p
                class=move || if status().0 { "expression__status expression__status--ok" } else { "expression__status expression__status--error" }
                data-testid=format!("constraint-{i}-status")
                aria-live="polite"
            >
                {move || status().1}
            </p>
            <label class="field field--inline">
                <span class="field__label">"Insert attribute"</span>
                <select
                    class="field__input"
                    data-testid=format!("constraint-{i}-attribute")
                    on:change:target=move |ev| {
                        let name = ev.target().value();
                        if name.is_empty() {
                            return;
                        }
                        let addition = format!("attribute:{name} == ");
                        let current = text.get_untracked();
                        let joined = if current.trim().is_empty() { addition } else { format!("{current} and {addition}") };
                        playground.edit(&mut |doc| edit::set(doc, &insert_pointer, Some(Value::String(joined.clone()))));
                        ev.target().set_value("");
                    }
                >
                    <option value="">"choose…"</option>
                    {move || attributes.get().into_iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view()}
                </select>
            </label>
        </div>
    }
    .into_any()
}
