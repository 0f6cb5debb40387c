//! The scenario editor: a textarea with line numbers and live diagnostics. Clicking a diagnostic
//! moves the caret to the line it names.

use ecs_model::Diagnostic;
use leptos::html;
use leptos::prelude::*;

use crate::Playground;

#[component]
pub fn ScenarioEditor() -> impl IntoView {
    let playground = Playground::use_context();
    let textarea = NodeRef::<html::Textarea>::new();
    let gutter = NodeRef::<html::Pre>::new();

    let line_numbers = move || {
        let lines = playground.source.with(|s| s.lines().count().max(1));
        (1..=lines)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let sync_scroll = move |_| {
        if let (Some(t), Some(g)) = (textarea.get(), gutter.get()) {
            g.set_scroll_top(t.scroll_top());
        }
    };
    let jump_to = move |line: u32, column: u32| {
        let Some(t) = textarea.get() else { return };
        let offset = playground
            .source
            .with_untracked(|s| char_offset(s, line, column));
        let _ = t.focus();
        let _ = t.set_selection_range(offset, offset);
    };

    view! {
        <section class="panel editor" aria-label="Scenario editor">
            <h2 class="panel__title">"Scenario JSON"</h2>
            <div class="editor__body">
                <pre class="editor__gutter" aria-hidden="true" node_ref=gutter>
                    {line_numbers}
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
            <DiagnosticList on_jump=jump_to />
        </section>
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
