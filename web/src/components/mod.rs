//! One component per concern: header, editors and forms, cluster picture, inspector, run controls.

mod boundary;
mod cluster_form;
mod editor;
mod embed;
mod exam;
mod examples;
mod fields;
mod flight;
mod header;
mod import_export;
mod inspector;
mod picture;
mod scaling_form;
mod service_form;
mod services;
mod share;
mod task_form;
mod timeline;
mod timeline_form;

use leptos::ev;
use leptos::prelude::*;

use crate::{Playground, crash, initial_source, storage};

pub use embed::Root;

/// The region shown on a narrow screen, where the three panels are stacked behind tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Editors,
    Picture,
    Inspector,
}

impl Region {
    /// The CSS modifier of the workspace and the tab's test id.
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Editors => "editors",
            Region::Picture => "picture",
            Region::Inspector => "inspector",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Region::Editors => "Edit",
            Region::Picture => "Cluster",
            Region::Inspector => "Inspect",
        }
    }
}

/// The whole playground page.
#[component]
pub fn App() -> impl IntoView {
    let (text, notice) = initial_source();
    let playground = Playground::new(text);
    playground.notice.set(notice);
    provide_context(playground);
    let region = RwSignal::new(Region::Picture);
    let sharing = share::provide(region);

    // Autosave mirrors the editor into localStorage so a reload restores the work exactly. The
    // crash overlay gets its own copy, since after a panic no signal may be read.
    Effect::new(move |_| {
        // While another tab's newer save waits for the user's choice, saving here would erase it.
        let conflict = sharing.conflict.get().is_some();
        let saved = playground.source.with(|text| {
            let saved = !conflict && storage::save_scenario(text);
            crash::remember_scenario(text, saved);
            saved
        });
        if !conflict && !saved {
            playground.notice.set(Some(
                "This browser refused to autosave the scenario; copy it before leaving.".to_owned(),
            ));
        }
    });
    if boundary::fault_requested("panic") {
        // A timer runs after the first autosave, so the overlay has a scenario to offer.
        set_timeout(
            || panic!("fault injected for testing"),
            std::time::Duration::from_millis(100),
        );
    }
    let _ = window_event_listener(ev::keydown, move |ev| shortcut(playground, &ev));

    view! {
        <div class="app" data-testid="app">
            <header::Header />
            <Notice />
            <share::ShareLayer />
            <nav class="tabs" role="tablist" aria-label="Panels">
                {[Region::Editors, Region::Picture, Region::Inspector]
                    .into_iter()
                    .map(|r| region_tab(region, r))
                    .collect_view()}
            </nav>
            <main class=move || format!("workspace workspace--{}", region.get().as_str())>
                <editor::EditorPanel />
                <picture::ClusterPicture />
                <inspector::Inspector />
            </main>
            <timeline::RunControls />
            <exam::ExamPanel />
            <HelpDialog />
        </div>
    }
}

fn region_tab(region: RwSignal<Region>, r: Region) -> impl IntoView {
    view! {
        <button
            class="tabs__tab"
            role="tab"
            data-testid=format!("tab-{}", r.as_str())
            aria-selected=move || (region.get() == r).to_string()
            on:click=move |_| region.set(r)
        >
            {r.label()}
        </button>
    }
}

/// Space plays or pauses, the arrow keys step, `[` and `]` go to the previous and next action of
/// the timeline, `?` opens the help. Keys typed into a field are the
/// field's own.
fn shortcut(playground: Playground, ev: &web_sys::KeyboardEvent) {
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
        return;
    }
    let in_field = ev
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    let key = ev.key();
    if key == "Escape" {
        playground.help_open.set(false);
        return;
    }
    if in_field {
        return;
    }
    let handled = match key.as_str() {
        " " => {
            timeline::toggle_play(playground);
            true
        }
        "ArrowRight" => {
            timeline::step_by(playground, true);
            true
        }
        "ArrowLeft" => {
            timeline::step_by(playground, false);
            true
        }
        "Home" => {
            timeline::reset(playground);
            true
        }
        "]" => {
            timeline::step_to_action(playground, true);
            true
        }
        "[" => {
            timeline::step_to_action(playground, false);
            true
        }
        "End" => {
            timeline::place(playground);
            true
        }
        "?" => {
            playground.help_open.update(|open| *open = !*open);
            true
        }
        _ => false,
    };
    if handled {
        ev.prevent_default();
    }
}

/// A notice that is not about the scenario's content, such as a lost autosave.
#[component]
fn Notice() -> impl IntoView {
    let playground = Playground::use_context();
    move || {
        playground.notice.get().map(|message| {
            view! {
                <div class="notice" role="status" data-testid="notice">
                    <span>{message}</span>
                    <button
                        class="button button--quiet"
                        aria-label="Dismiss notice"
                        on:click=move |_| playground.notice.set(None)
                    >
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}

/// The keyboard shortcuts, opened with `?` or the header's help button.
#[component]
fn HelpDialog() -> impl IntoView {
    let playground = Playground::use_context();
    let rows: [(&str, &str); 8] = [
        ("Space", "Play or pause the run"),
        ("→", "Step forward"),
        ("←", "Step back"),
        ("]", "Go to the next action of the timeline"),
        ("[", "Go to the previous action"),
        ("Home", "Reset to the start"),
        ("End", "Place every task"),
        ("?", "Show or hide this help"),
    ];
    move || {
        playground.help_open.get().then(|| {
            view! {
                <div class="help" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help">
                    <div class="help__card">
                        <h2 id="help-title" class="help__title">"Keyboard shortcuts"</h2>
                        <dl class="help__keys">
                            {rows
                                .iter()
                                .map(|(k, what)| view! { <dt><kbd>{*k}</kbd></dt><dd>{*what}</dd> })
                                .collect_view()}
                        </dl>
                        <p class="muted">"Shortcuts do not fire while you type in an editor field."</p>
                        <button class="button" on:click=move |_| playground.help_open.set(false)>
                            "Close"
                        </button>
                    </div>
                </div>
            }
        })
    }
}
