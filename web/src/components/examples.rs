//! The header's Examples menu: the built-in library with what each example teaches.

use ecs_scenario::{Example, ShareView};
use leptos::prelude::*;

use super::share::{Pending, Sharing};
use crate::Playground;

#[component]
pub fn ExamplesMenu() -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <div class="menu">
            <button
                class="button button--quiet"
                data-testid="examples-menu"
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Examples ▾"
            </button>
            {move || {
                open.get().then(|| {
                    view! {
                        <ul class="menu__list" role="menu" data-testid="examples-list">
                            {ecs_scenario::examples()
                                .iter()
                                .map(|example| example_item(example, open))
                                .collect_view()}
                        </ul>
                    }
                })
            }}
        </div>
    }
}

fn example_item(example: &'static Example, open: RwSignal<bool>) -> impl IntoView {
    let playground = Playground::use_context();
    let sharing = Sharing::use_context();
    let pick = move |_| {
        open.set(false);
        sharing.offer(
            playground,
            Pending {
                text: example.json.to_owned(),
                view: ShareView::default(),
                origin: format!("the example “{}”", example.title),
            },
        );
    };
    view! {
        <li role="none">
            <button class="menu__item" role="menuitem" data-testid="example-item" data-id=example.id on:click=pick>
                <span class="menu__title">{example.title}</span>
                <span class="menu__topic">{example.topic}</span>
                <span class="menu__description">{example.description}</span>
            </button>
        </li>
    }
}
