//! The header: the scenario's name, the examples menu and Share (both to come), help and theme.

use leptos::prelude::*;

use crate::{Playground, storage};

/// Light or dark; `as_str` is the value of `data-theme` on the root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    fn toggled(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    /// The saved choice, else the system preference.
    fn initial() -> Theme {
        match storage::load_theme().as_deref() {
            Some("dark") => Theme::Dark,
            Some("light") => Theme::Light,
            _ => {
                let prefers_dark = window()
                    .match_media("(prefers-color-scheme: dark)")
                    .ok()
                    .flatten()
                    .is_some_and(|query| query.matches());
                if prefers_dark {
                    Theme::Dark
                } else {
                    Theme::Light
                }
            }
        }
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let playground = Playground::use_context();
    let theme = RwSignal::new(Theme::initial());
    Effect::new(move |_| {
        let theme = theme.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", theme.as_str());
        }
        storage::save_theme(theme.as_str());
    });
    let scenario_name = move || {
        playground.evaluation.with(|e| {
            e.scenario
                .as_ref()
                .map(|s| s.name.clone())
                .filter(|name| !name.is_empty())
                .unwrap_or_else(|| "Untitled scenario".to_owned())
        })
    };

    view! {
        <header class="header">
            <h1 class="header__title">
                <span class="header__logo" aria-hidden="true"></span>
                "ECS Placement Playground"
            </h1>
            <span class="header__scenario" data-testid="scenario-name">{scenario_name}</span>
            <span class="header__spacer"></span>
            <super::examples::ExamplesMenu />
            <super::import_export::ImportButton />
            <super::import_export::ExportButton />
            <super::share::ShareButton />
            <button
                class="button button--quiet"
                data-testid="help-button"
                aria-label="Keyboard shortcuts"
                on:click=move |_| playground.help_open.update(|open| *open = !*open)
            >
                "?"
            </button>
            <button
                class="button"
                data-testid="theme-toggle"
                aria-label="Switch between light and dark theme"
                on:click=move |_| theme.update(|t| *t = t.toggled())
            >
                {move || if theme.get() == Theme::Dark { "☀ Light" } else { "☾ Dark" }}
            </button>
        </header>
    }
}
