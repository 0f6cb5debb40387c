//! The task-definition form: the fields students change most, written into the same JSON.

use leptos::prelude::*;
use serde_json::{Value, json};

use super::editor::EditorNavigation;
use super::fields::{
    FieldKind, add_button, item_picker, json_input, json_list_flag, json_select, plain_options,
    row_buttons,
};
use crate::Playground;
use crate::{actions, edit};

#[component]
pub fn TaskDefinitionForm() -> impl IntoView {
    let playground = Playground::use_context();
    let selected = RwSignal::new(0usize);
    let container = RwSignal::new(0usize);
    // The scenario's task definitions, then those its timeline registers later.
    let definitions = Memo::new(move |_| {
        playground.document.with(|d| {
            let Some(d) = d.as_ref() else {
                return Vec::new();
            };
            let own = d.get("taskDefinitions").and_then(Value::as_array);
            let mut out: Vec<(String, String)> = own
                .into_iter()
                .flatten()
                .enumerate()
                .map(|(i, td)| {
                    let label = td
                        .get("family")
                        .and_then(Value::as_str)
                        .map_or_else(|| format!("task definition {}", i + 1), str::to_owned);
                    (format!("/taskDefinitions/{i}"), label)
                })
                .collect();
            out.extend(actions::bodies_of(d, "registerTaskDefinition"));
            out
        })
    });
    if let Some(index) = EditorNavigation::use_context().and_then(|n| {
        definitions.with_untracked(|items| n.take_selection(items.iter().map(|(p, _)| p.as_str())))
    }) {
        selected.set(index);
    }
    // The form is rebuilt only when its shape changes, so typing keeps the focus.
    let shape = Memo::new(move |_| {
        let base = definitions.with(|items| items.get(selected.get()).map(|(p, _)| p.clone()))?;
        let c = container.get();
        playground.document.with(|d| {
            let containers = format!("{base}/containerDefinitions");
            let ports = edit::len_at(d.as_ref(), &format!("{containers}/{c}/portMappings"));
            let count = edit::len_at(d.as_ref(), &containers);
            Some((base, c, count, ports))
        })
    });
    let add_definition = add_button(
        "+ Task definition",
        "/taskDefinitions".to_owned(),
        json!({
            "family": "worker",
            "networkMode": "bridge",
            "requiresCompatibilities": ["EC2"],
            "containerDefinitions": [{"name": "app", "image": "public.ecr.aws/docker/library/busybox:latest", "cpu": 128, "memory": 256, "essential": true}]
        }),
        "add-task-definition",
    );
    view! {
        <div class="form" data-testid="task-definition-form">
            <div class="form__row">
                {move || item_picker("Task definition", definitions.get().into_iter().map(|(_, l)| l).collect(), selected, "pick-task-definition")}
                {add_definition}
            </div>
            {move || match shape.get() {
                None => view! { <p class="muted">"The scenario has no task definitions yet."</p> }.into_any(),
                Some((base, c, containers, ports)) => definition_fields(base, c, containers, ports, container),
            }}
        </div>
    }
}

/// The fields of the task definition at `base` (`/taskDefinitions/0`, or the body of a
/// `registerTaskDefinition` action), showing its container `c` of `containers`.
fn definition_fields(
    base: String,
    c: usize,
    containers: usize,
    ports: usize,
    container: RwSignal<usize>,
) -> AnyView {
    let cbase = format!("{base}/containerDefinitions/{c}");
    let container_names: Vec<String> = (0..containers)
        .map(|i| format!("container {}", i + 1))
        .collect();
    let port_rows = (0..ports)
        .map(|p| {
            let pbase = format!("{cbase}/portMappings/{p}");
            view! {
                <div class="list-row" data-testid="port-mapping">
                    {json_input("Container port".into(), format!("{pbase}/containerPort"), FieldKind::Number, format!("port-{p}-container"))}
                    {json_input("Host port".into(), format!("{pbase}/hostPort"), FieldKind::Number, format!("port-{p}-host"))}
                    {json_select("Protocol".into(), format!("{pbase}/protocol"), plain_options(&["tcp", "udp"]), format!("port-{p}-protocol"))}
                    {row_buttons(format!("{cbase}/portMappings"), p, ports, "port mapping")}
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="form__group">
            <legend>"Task"</legend>
            <div class="form__grid">
                {json_input("Family".into(), format!("{base}/family"), FieldKind::Text, "td-family".into())}
                {json_select(
                    "Network mode".into(),
                    format!("{base}/networkMode"),
                    vec![
                        (String::new(), "default (bridge)".into()),
                        ("bridge".into(), "bridge".into()),
                        ("host".into(), "host".into()),
                        ("awsvpc".into(), "awsvpc".into()),
                        ("none".into(), "none".into()),
                    ],
                    "td-network-mode".into(),
                )}
                {json_input("Task CPU".into(), format!("{base}/cpu"), FieldKind::Text, "td-cpu".into())}
                {json_input("Task memory".into(), format!("{base}/memory"), FieldKind::Text, "td-memory".into())}
            </div>
            <div class="form__checks" role="group" aria-label="Requires compatibilities">
                <span class="field__label">"Requires compatibilities"</span>
                {json_list_flag("EC2", format!("{base}/requiresCompatibilities"), "EC2")}
                {json_list_flag("Fargate", format!("{base}/requiresCompatibilities"), "FARGATE")}
                {json_list_flag("External", format!("{base}/requiresCompatibilities"), "EXTERNAL")}
            </div>
        </fieldset>
        <fieldset class="form__group">
            <legend>"Container"</legend>
            {(containers > 1).then(|| item_picker("Container", container_names, container, "pick-container"))}
            <div class="form__grid">
                {json_input("Name".into(), format!("{cbase}/name"), FieldKind::Text, "container-name".into())}
                {json_input("CPU units".into(), format!("{cbase}/cpu"), FieldKind::Number, "container-cpu".into())}
                {json_input("Memory (MiB, hard)".into(), format!("{cbase}/memory"), FieldKind::Number, "container-memory".into())}
                {json_input("Memory reservation (MiB, soft)".into(), format!("{cbase}/memoryReservation"), FieldKind::Number, "container-memory-reservation".into())}
            </div>
            <h4 class="form__subtitle">"Port mappings"</h4>
            {port_rows}
            {add_button(
                "+ Port mapping",
                format!("{cbase}/portMappings"),
                json!({"containerPort": 8080, "hostPort": 0, "protocol": "tcp"}),
                "add-port-mapping",
            )}
        </fieldset>
    }
    .into_any()
}
