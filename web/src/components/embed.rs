//! The compact read-only view for iframes in docs and slides (`?embed` or `#…&embed=1`): the
//! picture, the run controls and the explanation, with a link to the full playground.

use leptos::prelude::*;

use super::{App, inspector, picture, timeline};
use crate::share;
use crate::{Playground, Selection};

/// The page: the playground, or its embed when the address asks for one.
#[component]
pub fn Root() -> impl IntoView {
    if share::is_embed() {
        view! { <Embed /> }.into_any()
    } else {
        view! { <App /> }.into_any()
    }
}

/// The embed never reads or writes the autosave: it shows the link's scenario and nothing else.
#[component]
fn Embed() -> impl IntoView {
    let fragment = share::current_fragment();
    let decoded = ecs_scenario::decode_share(&fragment);
    let (text, problem) = match decoded {
        Ok((text, view)) => (Some((text, view)), None),
        Err(error) => (None, Some(error.to_string())),
    };
    let playground = Playground::new(text.as_ref().map_or_else(
        || ecs_scenario::DEFAULT_SCENARIO.to_owned(),
        |(t, _)| t.clone(),
    ));
    provide_context(playground);
    if let Some((_, view)) = &text {
        if let Some(step) = view.step {
            playground.go_to(usize::try_from(step).unwrap_or(usize::MAX));
        }
        if let Some(task) = &view.task {
            playground.selection.set(Selection::Task(task.clone()));
        }
    }
    let open_link = format!("{}#{}", share::page_base(), share::without_embed(&fragment));
    let name = move || {
        playground.evaluation.with(|e| {
            e.scenario
                .as_ref()
                .map(|s| s.name.clone())
                .unwrap_or_default()
        })
    };

    view! {
        <div class="embed" data-testid="embed">
            <header class="embed__header">
                <span class="embed__name" data-testid="scenario-name">{name}</span>
                <a
                    class="button button--quiet"
                    data-testid="open-in-playground"
                    href=open_link
                    target="_blank"
                    rel="noopener"
                >
                    "Open in playground ↗"
                </a>
            </header>
            {problem.map(|message| view! { <p class="notice" role="status" data-testid="notice">{message}</p> })}
            <div class="embed__body">
                <picture::ClusterPicture />
                <inspector::Inspector />
            </div>
            <timeline::RunControls />
        </div>
    }
}
