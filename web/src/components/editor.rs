//! The editors: the scenario JSON (a textarea with line numbers) and four forms that edit the same
//! JSON (task definitions, services and RunTask requests, the cluster, the timeline's actions), with
//! the live diagnostics
//! underneath. Clicking a diagnostic moves the caret to the line it names.

use ecs_model::Diagnostic;
use leptos::html;
use leptos::prelude::*;

use super::boundary::{Panel, PanelBoundary, PanelError};
use super::{cluster_form, service_form, task_form, timeline_form};
use crate::Playground;

/// The editor shown in the left panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorTab {
    Json,
    TaskDefinition,
    Services,
    Cluster,
    Timeline,
}

impl EditorTab {
    /// The tab's test id suffix and CSS modifier.
    pub fn as_str(self) -> &'static str {
        match self {
            EditorTab::Json => "json",
            EditorTab::TaskDefinition => "task-definition",
            EditorTab::Services => "services",
            EditorTab::Cluster => "cluster",
            EditorTab::Timeline => "timeline",
        }
    }

    /// The tab's title.
    pub fn label(self) -> &'static str {
        match self {
            EditorTab::Json => "JSON",
            EditorTab::TaskDefinition => "Task definition",
            EditorTab::Services => "Services",
            EditorTab::Cluster => "Cluster",
            EditorTab::Timeline => "Timeline",
        }
    }
}

/// Lets one editor open another at an item: the timeline form opens a CreateService action in
/// the Services form, say. The form reads `pointer` when it is built and selects that item.
#[derive(Debug, Clone, Copy)]
pub struct EditorNavigation {
    tab: RwSignal<EditorTab>,
    pointer: RwSignal<Option<String>>,
}

impl EditorNavigation {
    pub fn use_context() -> Option<EditorNavigation> {
        use_context::<EditorNavigation>()
    }

    /// Shows `tab` with the item at `pointer` (such as `/actions/2/createService`) selected.
    pub fn open(self, tab: EditorTab, pointer: String) {
        self.pointer.set(Some(pointer));
        self.tab.set(tab);
    }

    /// The index in `items` of the pointer asked for by [`EditorNavigation::open`], if any; the
    /// request is used up, so coming back to the tab later keeps the user's own selection.
    pub fn take_selection<'a>(self, items: impl IntoIterator<Item = &'a str>) -> Option<usize> {
        let wanted = self.pointer.try_update_untracked(Option::take).flatten()?;
        items.into_iter().position(|p| p == wanted)
    }
}

const TABS: [EditorTab; 5] = [
    EditorTab::Json,
    EditorTab::TaskDefinition,
    EditorTab::Services,
    EditorTab::Cluster,
    EditorTab::Timeline,
];

#[component]
pub fn EditorPanel() -> impl IntoView {
    let playground = Playground::use_context();
    let tab = RwSignal::new(EditorTab::Json);
    provide_context(EditorNavigation {
        tab,
        pointer: RwSignal::new(None),
    });
    let textarea = NodeRef::<html::Textarea>::new();
    let jump_to = move |line: u32, column: u32| {
        tab.set(EditorTab::Json);
        // The textarea becomes visible on the next render; focus it once it is.
        request_animation_frame(move || {
            let Some(t) = textarea.get_untracked() else {
                return;
            };
            let offset = playground
                .source
                .with_untracked(|s| char_offset(s, line, column));
            let _ = t.focus();
            let _ = t.set_selection_range(offset, offset);
            // Bring the line into view: the caret alone does not scroll a textarea that lost focus.
            t.set_scroll_top((line.saturating_sub(4) * 18) as i32);
        });
    };
    // A memo, so that the form below is rebuilt only when the text becomes or stops being JSON,
    // not on every edit (which took the focus out of the field being typed in).
    let document_ok = Memo::new(move |_| playground.document.with(Option::is_some));
    // The editors have no failure of their own (a scenario with errors is their normal work), so
    // only an injected fault shows their fallback.
    let body = move || -> Result<_, PanelError> {
        Ok(view! {
            <div class="editor-tabs" role="tablist" aria-label="Editors">
                {TABS.into_iter().map(|t| editor_tab(tab, t)).collect_view()}
            </div>
            <div class="editors__body" class:editors__body--hidden=move || tab.get() != EditorTab::Json>
                <ScenarioEditor textarea=textarea />
            </div>
            {move || {
                let current = tab.get();
                if current == EditorTab::Json {
                    return None;
                }
                if !document_ok.get() {
                    return Some(
                        view! {
                            <p class="form__disabled" data-testid="form-disabled">
                                "The scenario is not valid JSON; fix it in the JSON tab to use the forms."
                            </p>
                        }
                        .into_any(),
                    );
                }
                Some(match current {
                    EditorTab::TaskDefinition => view! { <task_form::TaskDefinitionForm /> }.into_any(),
                    EditorTab::Services => view! { <service_form::ServiceForm /> }.into_any(),
                    EditorTab::Timeline => view! { <timeline_form::TimelineForm /> }.into_any(),
                    _ => view! { <cluster_form::ClusterForm /> }.into_any(),
                })
            }}
            <DiagnosticList on_jump=jump_to />
        })
    };
    view! {
        <section class="panel editors" aria-label="Editors">
            <PanelBoundary panel=Panel::Editors body=body />
        </section>
    }
}

fn editor_tab(tab: RwSignal<EditorTab>, t: EditorTab) -> impl IntoView {
    view! {
        <button
            class="editor-tabs__tab"
            role="tab"
            data-testid=format!("editor-tab-{}", t.as_str())
            aria-selected=move || (tab.get() == t).to_string()
            on:click=move |_| tab.set(t)
        >
            {t.label()}
        </button>
    }
}

#[component]
fn ScenarioEditor(
    /// The textarea, so diagnostics can move its caret.
    textarea: NodeRef<html::Textarea>,
) -> impl IntoView {
    let playground = Playground::use_context();
    let gutter = NodeRef::<html::Pre>::new();
    // The numbers are one text node that changes only when the line count does.
    let line_count = Memo::new(move |_| playground.source.with(|s| s.lines().count().max(1)));
    let line_numbers = move || {
        (1..=line_count.get())
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let markers = move || {
        playground.evaluation.with(|e| {
            e.diagnostics
                .iter()
                .filter_map(|d| Some((d.line?, d.severity.as_str())))
                .map(|(line, severity)| {
                    view! {
                        <span
                            class=format!("editor__marker editor__marker--{severity}")
                            data-testid="line-marker"
                            data-line=line.to_string()
                            style:top=format!("{}px", 8 + (line.saturating_sub(1)) * 18)
                        ></span>
                    }
                })
                .collect_view()
        })
    };
    let sync_scroll = move |_| {
        if let (Some(t), Some(g)) = (textarea.get(), gutter.get()) {
            g.set_scroll_top(t.scroll_top());
        }
    };

    view! {
        <div class="editor">
            <div class="editor__body">
                <pre class="editor__gutter" aria-hidden="true" node_ref=gutter>
                    {line_numbers}
                    {markers}
                </pre>
                <textarea
                    class="editor__text"
                    data-testid="scenario-editor"
                    spellcheck="false"
                    aria-label="Scenario as JSON"
                    node_ref=textarea
                    prop:value=move || playground.source.get()
                    on:input:target=move |ev| playground.source.set(ev.target().value())
                    on:scroll=sync_scroll
                ></textarea>
            </div>
        </div>
    }
}

/// The diagnostics of the current scenario, each a button that moves the caret to its place.
#[component]
fn DiagnosticList(
    /// Called with the 1-based line and column of a clicked diagnostic.
    on_jump: impl Fn(u32, u32) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let playground = Playground::use_context();
    let diagnostics = move || playground.evaluation.with(|e| e.diagnostics.clone());
    view! {
        <ul class="diagnostics" data-testid="diagnostics" aria-live="polite">
            {move || {
                diagnostics()
                    .into_iter()
                    .map(|d| view! { <DiagnosticItem diagnostic=d on_jump=on_jump /> })
                    .collect_view()
            }}
        </ul>
    }
}

#[component]
fn DiagnosticItem(
    /// The problem to show.
    diagnostic: Diagnostic,
    /// Called with the 1-based line and column when the item is clicked.
    on_jump: impl Fn(u32, u32) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let line = diagnostic.line;
    let column = diagnostic.column.unwrap_or(1);
    let place = match (line, diagnostic.path.is_empty()) {
        (Some(l), _) => format!("line {l}"),
        (None, false) => diagnostic.path.clone(),
        (None, true) => String::new(),
    };
    view! {
        <li class=format!("diagnostic diagnostic--{}", diagnostic.severity.as_str())>
            <button
                class="diagnostic__button"
                data-testid="diagnostic"
                title=diagnostic.explanation.clone()
                on:click=move |_| {
                    if let Some(l) = line {
                        on_jump(l, column)
                    }
                }
            >
                <span class="diagnostic__place">{place}</span>
                <span class="diagnostic__path">{diagnostic.path.clone()}</span>
                <span class="diagnostic__message">{diagnostic.message.clone()}</span>
            </button>
        </li>
    }
}

/// The UTF-16 offset of a 1-based line and column, as `setSelectionRange` counts.
fn char_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line as usize {
            let col: u32 = l
                .chars()
                .take(column.saturating_sub(1) as usize)
                .map(|c| c.len_utf16() as u32)
                .sum();
            return offset + col;
        }
        offset += l.encode_utf16().count() as u32 + 1;
    }
    offset
}
