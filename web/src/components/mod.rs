//! One component per concern: header, scenario editor, cluster picture, inspector.

mod editor;
mod header;
mod inspector;
mod picture;

use leptos::prelude::*;

use crate::{Playground, initial_source, storage};

/// The whole playground page.
#[component]
pub fn App() -> impl IntoView {
    let playground = Playground::new(initial_source());
    provide_context(playground);

    // Autosave is the only effect that writes outside the reactive graph: it mirrors the editor
    // into localStorage so a reload restores the work exactly.
    Effect::new(move |_| {
        playground.source.with(|text| storage::save_scenario(text));
    });

    view! {
        <div class="app" data-testid="app">
            <header::Header />
            <main class="workspace">
                <editor::ScenarioEditor />
                <picture::ClusterPicture />
                <inspector::Inspector />
            </main>
        </div>
    }
}
