//! Import (paste or drop a scenario, an API document or CloudFormation) and Export (the scenario
//! file, AWS CLI commands, a CloudFormation snippet) dialogs, opened from the header.

use ecs_model::Diagnostic;
use ecs_scenario::{ImportResult, Merge, Scenario, ShareView};
use leptos::ev;
use leptos::prelude::*;

use super::share::{Pending, Sharing, copy_text, select_all};
use crate::Playground;

#[component]
pub fn ImportButton() -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <button class="button button--quiet" data-testid="import" on:click=move |_| open.set(true)>
            "Import"
        </button>
        {move || open.get().then(|| view! { <ImportDialog open=open /> })}
    }
}

#[component]
fn ImportDialog(
    /// Cleared to close the dialog.
    open: RwSignal<bool>,
) -> impl IntoView {
    let playground = Playground::use_context();
    let sharing = Sharing::use_context();
    let text = RwSignal::new(String::new());
    let result = RwSignal::new(None::<Result<ImportResult, Vec<Diagnostic>>>);
    let problem = RwSignal::new(None::<String>);

    let read = move |_| {
        problem.set(None);
        result.set(Some(
            text.with_untracked(|t| ecs_scenario::import_document(t)),
        ));
    };
    let drop_file = move |ev: ev::DragEvent| {
        ev.prevent_default();
        let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        let promise = file.text();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(value) => {
                    text.set(value.as_string().unwrap_or_default());
                    result.set(Some(
                        text.with_untracked(|t| ecs_scenario::import_document(t)),
                    ));
                }
                Err(_) => problem.set(Some("The dropped file could not be read.".to_owned())),
            }
        });
    };
    let apply = move |_| {
        let Some(Ok(found)) = result.get_untracked() else {
            return;
        };
        if let Some(Merge::ReplaceScenario(new)) = found.merges.first() {
            open.set(false);
            sharing.offer(
                playground,
                Pending {
                    text: new.clone(),
                    view: ShareView::default(),
                    origin: "the imported scenario".to_owned(),
                },
            );
            return;
        }
        let current = playground.source.with_untracked(|t| Scenario::parse(t).0);
        let Some(mut scenario) = current else {
            problem.set(Some(
                "The current scenario has errors that stop it from being read, so nothing can be added to it. Fix them first.".to_owned(),
            ));
            return;
        };
        for merge in &found.merges {
            merge.apply(&mut scenario);
        }
        playground.source.set(scenario.to_json_pretty());
        open.set(false);
    };

    view! {
        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" data-testid="import-dialog">
            <div class="dialog__card dialog__card--wide">
                <h2 id="import-title" class="dialog__title">"Import"</h2>
                <p class="muted">
                    "Paste or drop a scenario, a RegisterTaskDefinition input, DescribeTaskDefinition output, a CreateService input, or a CloudFormation template or resource (JSON or YAML)."
                </p>
                <textarea
                    class="dialog__field dialog__field--code"
                    data-testid="import-text"
                    rows=10
                    spellcheck="false"
                    prop:value=move || text.get()
                    on:input:target=move |ev| {
                        text.set(ev.target().value());
                        result.set(None);
                    }
                    on:dragover=|ev: ev::DragEvent| ev.prevent_default()
                    on:drop=drop_file
                ></textarea>
                {move || problem.get().map(|p| view! { <p class="dialog__error" role="alert">{p}</p> })}
                {move || result.get().map(import_summary)}
                <div class="dialog__actions">
                    <button class="button" data-testid="import-read" on:click=read>
                        "Read"
                    </button>
                    <button
                        class="button button--primary"
                        data-testid="import-apply"
                        disabled=move || !matches!(result.get(), Some(Ok(_)))
                        on:click=apply
                    >
                        "Add to scenario"
                    </button>
                    <button class="button" on:click=move |_| open.set(false)>
                        "Cancel"
                    </button>
                </div>
            </div>
        </div>
    }
}

fn import_summary(result: Result<ImportResult, Vec<Diagnostic>>) -> AnyView {
    match result {
        Ok(found) => view! {
            <div data-testid="import-summary">
                <p>{format!("Recognised: {}.", found.kind.as_str())}</p>
                <ul>{found.merges.iter().map(|m| view! { <li>{m.summary()}</li> }).collect_view()}</ul>
                {diagnostic_list(found.diagnostics)}
            </div>
        }
        .into_any(),
        Err(diagnostics) => view! {
            <div data-testid="import-summary">
                <p class="dialog__error">"Nothing could be imported:"</p>
                {diagnostic_list(diagnostics)}
            </div>
        }
        .into_any(),
    }
}

fn diagnostic_list(diagnostics: Vec<Diagnostic>) -> impl IntoView {
    view! {
        <ul class="dialog__diagnostics">
            {diagnostics
                .into_iter()
                .map(|d| {
                    let at = if d.path.is_empty() { String::new() } else { format!("{}: ", d.path) };
                    view! { <li>{at}{d.message}</li> }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn ExportButton() -> impl IntoView {
    let playground = Playground::use_context();
    // Made when the dialog opens; `None` inside means the scenario cannot be read.
    let export = RwSignal::new(None::<Option<ecs_scenario::Export>>);
    let open = move |_| {
        let made = playground
            .source
            .with_untracked(|t| Scenario::parse(t).0.map(|s| ecs_scenario::export(&s)));
        export.set(Some(made));
    };
    view! {
        <button class="button button--quiet" data-testid="export" on:click=open>
            "Export"
        </button>
        {move || {
            export.get().map(|made| {
                let body = match made {
                    None => view! {
                        <p>"The scenario has errors that stop it from being read; fix them to export it."</p>
                    }
                    .into_any(),
                    Some(made) => view! {
                        {export_section("Scenario file", "scenario.json", "application/json", made.scenario_json)}
                        {export_section("AWS CLI commands", "create-cluster.sh", "text/x-shellscript", made.cli)}
                        {export_section("CloudFormation snippet", "template.yaml", "application/yaml", made.cloudformation)}
                    }
                    .into_any(),
                };
                view! {
                    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="export-title" data-testid="export-dialog">
                        <div class="dialog__card dialog__card--wide">
                            <h2 id="export-title" class="dialog__title">"Export"</h2>
                            {body}
                            <div class="dialog__actions">
                                <button class="button" on:click=move |_| export.set(None)>
                                    "Close"
                                </button>
                            </div>
                        </div>
                    </div>
                }
            })
        }}
    }
}

fn export_section(
    title: &'static str,
    file_name: &'static str,
    mime: &'static str,
    content: String,
) -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let href = format!(
        "data:{mime};charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&content))
    );
    let copy = content.clone();
    view! {
        <section class="dialog__section">
            <div class="dialog__row">
                <h3 class="dialog__subtitle">{title}</h3>
                <a class="button" href=href download=file_name data-testid=format!("export-{file_name}")>
                    "Download"
                </a>
                <button class="button" on:click=move |_| copy_text(copy.clone(), copied)>
                    "Copy"
                </button>
                <span class="muted" role="status">{move || copied.get()}</span>
            </div>
            <textarea
                class="dialog__field dialog__field--code"
                readonly=true
                rows=6
                prop:value=content
                on:focus=select_all
            ></textarea>
        </section>
    }
}
