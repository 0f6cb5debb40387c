//! Per-panel error boundaries: a panel whose body cannot be drawn shows why, in place, while the
//! other panels and the scenario carry on. Only `Err` values are caught here; a Rust panic stops
//! the whole wasm instance and is reported by the crash overlay instead (see `crate::crash`).
//!
//! For the end-to-end tests, `?fault=<panel>` in the address (`editor`, `picture`, `inspector` or
//! `timeline`) makes that panel's body fail on purpose; `?fault=<panel>-once` fails only its first
//! attempt, so "Try again" recovers; and `?fault=panic` makes the page panic once it has autosaved. Share links are built without the query, so a fault never travels.

use std::fmt;

use leptos::prelude::*;

use crate::share;

/// A main panel of the page, as named to the user and in `?fault=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Editors,
    Picture,
    Inspector,
    Timeline,
}

impl Panel {
    /// The value of `?fault=` that makes this panel fail, also its `data-panel` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Panel::Editors => "editor",
            Panel::Picture => "picture",
            Panel::Inspector => "inspector",
            Panel::Timeline => "timeline",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Panel::Editors => "The editors",
            Panel::Picture => "The cluster picture",
            Panel::Inspector => "The inspector",
            Panel::Timeline => "The run controls",
        }
    }
}

/// Why a panel's body could not be drawn, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelError(String);

impl PanelError {
    pub fn new(message: impl Into<String>) -> PanelError {
        PanelError(message.into())
    }
}

impl fmt::Display for PanelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PanelError {}

/// Whether the address asks for the fault `name` (`?fault=name`), a hook for tests only.
pub fn fault_requested(name: &str) -> bool {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .any(|pair| pair.strip_prefix("fault=") == Some(name))
}

/// One panel's body behind an error boundary. The body is a closure returning a `Result`; it should
/// track only what decides between `Ok` and `Err`, because everything it returns is rebuilt when
/// it runs again.
///
/// Leptos gives every error the same id in a client-side app, so the body must be the boundary's
/// only `Result`: two would clear each other's errors.
#[component]
pub fn PanelBoundary<F, V>(
    /// Which panel this is, named in the fallback and matched against `?fault=`.
    panel: Panel,
    /// Draws the panel's body, or says why it cannot.
    body: F,
) -> impl IntoView
where
    F: Fn() -> Result<V, PanelError> + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // Counts the user's "Try again" clicks; the body reads it so that a click runs it again.
    let attempts = RwSignal::new(0u32);
    let faulty = fault_requested(panel.as_str());
    let faulty_once = fault_requested(&format!("{}-once", panel.as_str()));
    let guarded = move || {
        let attempt = attempts.get();
        if faulty || (faulty_once && attempt == 0) {
            return Err(PanelError::new("fault injected for testing"));
        }
        body()
    };
    view! {
        <ErrorBoundary fallback=move |errors| view! { <PanelFailure panel=panel errors=errors attempts=attempts /> }>
            {guarded}
        </ErrorBoundary>
    }
}

/// What a failed panel shows instead of its body.
#[component]
fn PanelFailure(
    /// The panel that failed.
    panel: Panel,
    /// The errors its body returned, from the boundary.
    errors: ArcRwSignal<Errors>,
    /// The "Try again" clicks so far.
    attempts: RwSignal<u32>,
) -> impl IntoView {
    let reason = {
        let errors = errors.clone();
        move || {
            errors.with(|errors| {
                errors
                    .iter()
                    .map(|(_, error)| error.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            })
        }
    };
    let unaffected = if share::is_embed() {
        "The other panels keep working."
    } else {
        "The other panels keep working, and your scenario is unaffected: autosave keeps it."
    };
    // Clearing the errors shows the body again, and the new attempt runs it again: a lasting
    // failure comes straight back to this fallback, once per click, never in a loop.
    let try_again = move |_| {
        errors.update(|errors| *errors = Errors::default());
        attempts.update(|n| *n += 1);
    };
    view! {
        <div class="panel-error" role="alert" data-testid="panel-error" data-panel=panel.as_str()>
            <p class="panel-error__title">{format!("{} could not be shown.", panel.title())}</p>
            <p class="panel-error__reason" data-testid="panel-error-reason">{reason}</p>
            <p class="muted">{unaffected}</p>
            {move || {
                let n = attempts.get();
                (n > 0).then(|| {
                    view! {
                        <p class="muted" data-testid="panel-error-retries">
                            {format!("It failed again after {n} {}.", if n == 1 { "retry" } else { "retries" })}
                        </p>
                    }
                })
            }}
            <button class="button" data-testid="panel-retry" on:click=try_again>
                "Try again"
            </button>
        </div>
    }
}
