//! Sharing and replacing: the Share dialog, opening a `#s=…` link, the question asked before a
//! scenario replaces the user's own work, and the warning when another tab saved over this one.

use ecs_scenario::ShareView;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Region;
use crate::share::{self, is_own_work, same_document};
use crate::{Playground, Selection, storage};

/// A scenario waiting for the user's consent before it replaces the editor's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub text: String,
    pub view: ShareView,
    /// Where it comes from, in words: "a shared link", "the example …", "the imported file".
    pub origin: String,
}

/// State shared by the header's buttons and the layer that asks the questions.
#[derive(Clone, Copy)]
pub struct Sharing {
    /// The narrow-screen panel; it is part of a shared view.
    pub region: RwSignal<Region>,
    pub pending: RwSignal<Option<Pending>>,
    /// Another tab's newer text while we have not decided what to do with it; autosave waits.
    pub conflict: RwSignal<Option<String>>,
    /// The user's own scenario that the last replacement set aside, and what replaced it; kept in
    /// localStorage too, so that it survives a reload until restored or dismissed.
    pub previous: RwSignal<Option<(String, String)>>,
}

impl Sharing {
    pub fn use_context() -> Sharing {
        expect_context::<Sharing>()
    }

    /// Replaces the scenario with `pending` now when nothing of the user's would be lost, and asks
    /// first otherwise.
    pub fn offer(self, playground: Playground, pending: Pending) {
        if own_work_replaced_by(playground, &pending.text).is_some() {
            self.pending.set(Some(pending));
        } else {
            self.apply(playground, pending);
        }
    }

    pub fn apply(self, playground: Playground, pending: Pending) {
        self.pending.set(None);
        playground.playing.set(false);
        if let Some(own) = own_work_replaced_by(playground, &pending.text) {
            storage::save_previous(&own, &pending.origin);
            self.previous.set(Some((own, pending.origin.clone())));
        }
        playground.source.set(pending.text);
        match pending.view.step {
            Some(step) => playground.go_to(usize::try_from(step).unwrap_or(usize::MAX)),
            None => playground.step.set(None),
        }
        playground.selection.set(
            pending
                .view
                .task
                .map_or(Selection::Nothing, Selection::Task),
        );
        if let Some(region) = pending.view.panel.as_deref().and_then(region_named) {
            self.region.set(region);
        }
    }

    /// The view a link made now would carry.
    pub fn current_view(self, playground: Playground) -> ShareView {
        ShareView {
            step: playground
                .step
                .get_untracked()
                .and_then(|s| u32::try_from(s).ok()),
            task: match playground.selection.get_untracked() {
                Selection::Task(id) => Some(id),
                _ => None,
            },
            panel: Some(self.region.get_untracked().as_str().to_owned()),
        }
    }
}

/// The editor's text, when it is the user's own work and `text` would replace it with something
/// else.
fn own_work_replaced_by(playground: Playground, text: &str) -> Option<String> {
    playground.source.with_untracked(|current| {
        (is_own_work(current) && !same_document(current, text)).then(|| current.clone())
    })
}

fn region_named(name: &str) -> Option<Region> {
    [Region::Editors, Region::Picture, Region::Inspector]
        .into_iter()
        .find(|r| r.as_str() == name)
}

/// Provides [`Sharing`]; called by `App` right after the playground itself.
pub fn provide(region: RwSignal<Region>) -> Sharing {
    let sharing = Sharing {
        region,
        pending: RwSignal::new(None),
        conflict: RwSignal::new(None),
        previous: RwSignal::new(storage::load_previous()),
    };
    provide_context(sharing);
    sharing
}

/// Opens a link's scenario, or says why it cannot; the user's work stays unless they agree.
fn open_fragment(playground: Playground, sharing: Sharing, fragment: &str) {
    if !share::fragment_has_scenario(fragment) {
        return;
    }
    match ecs_scenario::decode_share(fragment) {
        Ok((text, view)) => {
            share::clear_fragment();
            sharing.offer(
                playground,
                Pending {
                    text,
                    view,
                    origin: "the shared link".to_owned(),
                },
            );
        }
        Err(error) => {
            // A reload would only report the same damage again.
            share::clear_fragment();
            playground
                .notice
                .set(Some(format!("{error} Your current scenario was kept.")));
        }
    }
}

/// Everything that listens to the outside world: the link the page was opened with (and later
/// ones pasted into the address bar), other tabs' saves, and the dialogs these lead to.
#[component]
pub fn ShareLayer() -> impl IntoView {
    let playground = Playground::use_context();
    let sharing = Sharing::use_context();
    open_fragment(playground, sharing, &share::current_fragment());
    let _ = window_event_listener(ev::hashchange, move |_| {
        open_fragment(playground, sharing, &share::current_fragment());
    });
    // `storage` fires only for writes made by other tabs, never for our own.
    let _ = window_event_listener(ev::storage, move |ev| {
        if ev.key().as_deref() != Some(storage::SCENARIO_KEY) {
            return;
        }
        if let storage::Saved::Text(theirs) = storage::load_scenario() {
            let differs = playground
                .source
                .with_untracked(|ours| !same_document(ours, &theirs));
            sharing.conflict.set(differs.then_some(theirs));
        }
    });
    view! {
        <ReplaceDialog />
        <TabConflict />
        <RestorePrevious />
    }
}

/// Asks before a scenario from elsewhere replaces the user's own work.
#[component]
fn ReplaceDialog() -> impl IntoView {
    let playground = Playground::use_context();
    let sharing = Sharing::use_context();
    move || {
        sharing.pending.get().map(|pending| {
            let origin = pending.origin.clone();
            view! {
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="replace-title" data-testid="replace-dialog">
                    <div class="dialog__card">
                        <h2 id="replace-title" class="dialog__title">"Replace your scenario?"</h2>
                        <p>
                            {format!("You are about to open {origin}. The editor holds your own work, which it would replace.")}
                        </p>
                        <div class="dialog__actions">
                            <button
                                class="button button--primary"
                                data-testid="replace-open"
                                on:click=move |_| sharing.apply(playground, pending.clone())
                            >
                                {format!("Open {origin}")}
                            </button>
                            <button
                                class="button"
                                data-testid="replace-keep"
                                on:click=move |_| sharing.pending.set(None)
                            >
                                "Keep mine"
                            </button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}

/// Offers the user's own scenario back after a link, an example or an import replaced it.
#[component]
fn RestorePrevious() -> impl IntoView {
    let playground = Playground::use_context();
    let sharing = Sharing::use_context();
    let restore = move |_| {
        if let Some((text, _)) = sharing.previous.get_untracked() {
            playground.playing.set(false);
            playground.step.set(None);
            playground.selection.set(Selection::Nothing);
            playground.source.set(text);
        }
        storage::forget_previous();
        sharing.previous.set(None);
    };
    let dismiss = move |_| {
        storage::forget_previous();
        sharing.previous.set(None);
    };
    move || {
        sharing.previous.get().map(|(_, origin)| {
            view! {
                <div class="notice" role="status" data-testid="restore-previous">
                    <span>{format!("Your own scenario was set aside when you opened {origin}.")}</span>
                    <span class="dialog__actions">
                        <button class="button" data-testid="restore-previous-button" on:click=restore>
                            "Restore it"
                        </button>
                        <button class="button" data-testid="restore-previous-dismiss" on:click=dismiss>
                            "Discard it"
                        </button>
                    </span>
                </div>
            }
        })
    }
}

/// The last-writer warning: another tab saved a different scenario, and saving here waits until
/// the user picks one.
#[component]
fn TabConflict() -> impl IntoView {
    let playground = Playground::use_context();
    let sharing = Sharing::use_context();
    let load_theirs = move |_| {
        if let Some(theirs) = sharing.conflict.get_untracked() {
            playground.source.set(theirs);
        }
        sharing.conflict.set(None);
    };
    move || {
        sharing.conflict.get().is_some().then(|| {
            view! {
                <div class="notice notice--conflict" role="alert" data-testid="tab-conflict">
                    <span>
                        "Another tab saved a different version of this scenario. Autosave is paused here so that neither copy is overwritten."
                    </span>
                    <span class="dialog__actions">
                        <button class="button" data-testid="conflict-theirs" on:click=load_theirs>
                            "Load the other tab's"
                        </button>
                        <button
                            class="button"
                            data-testid="conflict-mine"
                            on:click=move |_| sharing.conflict.set(None)
                        >
                            "Keep mine and save it"
                        </button>
                    </span>
                </div>
            }
        })
    }
}

/// The header's Share button and its dialog: the link, a copy button and an iframe snippet.
#[component]
pub fn ShareButton() -> impl IntoView {
    let playground = Playground::use_context();
    let sharing = Sharing::use_context();
    // The link is made when the dialog opens, so it is the session as it was then.
    let link = RwSignal::new(None::<String>);
    let copied = RwSignal::new(None::<&'static str>);
    let open = move |_| {
        copied.set(None);
        let view = sharing.current_view(playground);
        let made = playground.source.with_untracked(|text| {
            serde_json::from_str::<serde_json::Value>(text)
                .is_ok()
                .then(|| share::share_link(text, &view))
        });
        link.set(Some(made.unwrap_or_default()));
    };
    view! {
        <button class="button button--quiet" data-testid="share" on:click=open>
            "Share"
        </button>
        {move || {
            link.get().map(|link_text| {
                let body = if link_text.is_empty() {
                    view! {
                        <p data-testid="share-unavailable">
                            "The scenario is not valid JSON yet, so it cannot be shared. Fix the errors the editor shows first."
                        </p>
                    }
                    .into_any()
                } else {
                    let snippet = share::iframe_snippet(&link_text);
                    let chars = link_text.chars().count();
                    let copy_link = link_text.clone();
                    view! {
                        <label class="dialog__label" for="share-link">
                            {format!("Link ({chars} characters): the scenario and what you are looking at")}
                        </label>
                        <div class="dialog__row">
                            <input
                                id="share-link"
                                class="dialog__field"
                                data-testid="share-link"
                                readonly=true
                                prop:value=link_text.clone()
                                on:focus=select_all
                            />
                            <button
                                class="button"
                                data-testid="share-copy"
                                on:click=move |_| copy_text(copy_link.clone(), copied)
                            >
                                "Copy"
                            </button>
                        </div>
                        <label class="dialog__label" for="share-embed">
                            "Embed in docs or slides (a read-only view)"
                        </label>
                        <textarea
                            id="share-embed"
                            class="dialog__field dialog__field--code"
                            data-testid="share-embed"
                            readonly=true
                            rows=4
                            prop:value=snippet
                            on:focus=select_all
                        ></textarea>
                        <p class="muted" role="status">{move || copied.get()}</p>
                    }
                    .into_any()
                };
                view! {
                    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="share-title" data-testid="share-dialog">
                        <div class="dialog__card">
                            <h2 id="share-title" class="dialog__title">"Share this scenario"</h2>
                            {body}
                            <div class="dialog__actions">
                                <button class="button" data-testid="share-close" on:click=move |_| link.set(None)>
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

/// Selects a field's text when it gets focus, so a manual copy takes all of it.
pub fn select_all(ev: ev::FocusEvent) {
    let target = ev.target();
    if let Some(input) = target
        .as_ref()
        .and_then(|t| t.dyn_ref::<web_sys::HtmlInputElement>())
    {
        input.select();
    } else if let Some(area) = target
        .as_ref()
        .and_then(|t| t.dyn_ref::<web_sys::HtmlTextAreaElement>())
    {
        area.select();
    }
}

/// Copies `text` to the clipboard and reports the result in `status`; a refusal (no permission,
/// an insecure page) is expected and only changes the message.
pub fn copy_text(text: String, status: RwSignal<Option<&'static str>>) {
    let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        status.set(Some(
            "Copying is not available here; select the text and copy it.",
        ));
        return;
    };
    let promise = clipboard.write_text(&text);
    leptos::task::spawn_local(async move {
        let result = wasm_bindgen_futures::JsFuture::from(promise).await;
        status.set(Some(if result.is_ok() {
            "Copied."
        } else {
            "The browser did not allow copying; select the text and copy it."
        }));
    });
}
