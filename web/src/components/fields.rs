//! Form fields bound to one place in the scenario JSON (a JSON Pointer). They are plain functions
//! returning `AnyView`, not generic components, so every form shares one copy of their code.

use leptos::prelude::*;
use serde_json::Value;

use crate::Playground;
use crate::edit;

/// How an input's text becomes JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A whole number when the text is one (else the text, so validation reports it).
    Number,
    /// A string.
    Text,
}

impl FieldKind {
    fn input_mode(self) -> &'static str {
        match self {
            FieldKind::Number => "numeric",
            FieldKind::Text => "text",
        }
    }
}

/// A labelled input editing the value at `pointer`; empty text removes the member.
pub fn json_input(label: String, pointer: String, kind: FieldKind, test_id: String) -> AnyView {
    json_input_each(label, vec![pointer], kind, test_id)
}

/// A labelled input for one value kept alike at every pointer of `pointers` (the service's
/// capacity bounds, written to each of its scaling policies). It shows the first one's value.
pub fn json_input_each(
    label: String,
    pointers: Vec<String>,
    kind: FieldKind,
    test_id: String,
) -> AnyView {
    let playground = Playground::use_context();
    let read = pointers.first().cloned().unwrap_or_default();
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <input
                class="field__input"
                type="text"
                inputmode=kind.input_mode()
                spellcheck="false"
                data-testid=test_id
                prop:value=move || playground.document.with(|d| edit::text_at(d.as_ref(), &read))
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    let value = match kind {
                        FieldKind::Number => edit::number_or_text(&text),
                        FieldKind::Text => edit::text_value(&text),
                    };
                    playground.edit(&mut |doc| {
                        for pointer in &pointers {
                            edit::set(doc, pointer, value.clone());
                        }
                    });
                }
            />
        </label>
    }
    .into_any()
}

/// A labelled select editing the string at `pointer`. `options` are (value, label) pairs; an empty
/// value removes the member (the API default).
pub fn json_select(
    label: String,
    pointer: String,
    options: Vec<(String, String)>,
    test_id: String,
) -> AnyView {
    let playground = Playground::use_context();
    let read = pointer.clone();
    let current = Memo::new(move |_| {
        playground
            .document
            .with(|d| edit::text_at(d.as_ref(), &read))
    });
    let known = {
        let values: Vec<String> = options.iter().map(|(v, _)| v.clone()).collect();
        move || {
            let now = current.get();
            // A value typed in the JSON that the list does not offer is still shown, not lost.
            (!values.contains(&now))
                .then(|| view! { <option value=now.clone() selected=true>{now.clone()}</option> })
        }
    };
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <select
                class="field__input"
                data-testid=test_id
                on:change:target=move |ev| {
                    let value = edit::text_value(&ev.target().value());
                    playground.edit(&mut |doc| edit::set(doc, &pointer, value.clone()));
                }
            >
                {known}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let v = value.clone();
                        view! {
                            <option value=value selected=move || current.with(|c| *c == v)>{text}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
    .into_any()
}

/// A checkbox saying whether the list at `pointer` holds the string `item`.
pub fn json_list_flag(label: &'static str, pointer: String, item: &'static str) -> AnyView {
    json_list_flag_with(label, pointer, item, format!("flag-{item}"), |_| true)
}

/// [`json_list_flag`] with its own test id, and `prepare`, which readies the document before a
/// change and may refuse it by returning `false`.
pub fn json_list_flag_with(
    label: &'static str,
    pointer: String,
    item: &'static str,
    test_id: String,
    prepare: fn(&mut Value) -> bool,
) -> AnyView {
    let playground = Playground::use_context();
    let read = pointer.clone();
    let checked = move || {
        playground.document.with(|d| {
            d.as_ref()
                .and_then(|d| d.pointer(&read))
                .and_then(Value::as_array)
                .is_some_and(|items| items.iter().any(|v| v.as_str() == Some(item)))
        })
    };
    view! {
        <label class="check">
            <input
                type="checkbox"
                data-testid=test_id
                prop:checked=checked
                on:change:target=move |ev| {
                    let on = ev.target().checked();
                    playground.edit(&mut |doc| {
                        if !prepare(doc) {
                            return;
                        }
                        if let Some(items) = edit::list_at(doc, &pointer) {
                            items.retain(|v| v.as_str() != Some(item));
                            if on {
                                items.push(Value::String(item.to_owned()));
                            }
                        }
                    });
                }
            />
            <span>{label}</span>
        </label>
    }
    .into_any()
}

/// The ↑ ↓ ✕ buttons of one item of the list at `list`.
pub fn row_buttons(list: String, index: usize, count: usize, what: &'static str) -> AnyView {
    item_buttons(list, index, count, what, what, None)
}

/// The ↑ ↓ ✕ buttons of item `index` of the list at `list`: `what` names the item for screen
/// readers, `test_what` in the remove button's test id (`remove-{test_what}-{index}`), and
/// `after_remove`, when given, is called with the removed item to tidy what refers to it.
pub fn item_buttons(
    list: String,
    index: usize,
    count: usize,
    what: &'static str,
    test_what: &'static str,
    after_remove: Option<fn(&mut Value, &Value)>,
) -> AnyView {
    let playground = Playground::use_context();
    let (up, down, remove) = (list.clone(), list.clone(), list);
    view! {
        <span class="row-buttons">
            <button
                class="icon-button"
                aria-label=format!("Move {what} {} up", index + 1)
                disabled=index == 0
                on:click=move |_| playground.edit(&mut |doc| edit::move_item(doc, &up, index, true))
            >
                "↑"
            </button>
            <button
                class="icon-button"
                aria-label=format!("Move {what} {} down", index + 1)
                disabled={index + 1 >= count}
                on:click=move |_| playground.edit(&mut |doc| edit::move_item(doc, &down, index, false))
            >
                "↓"
            </button>
            <button
                class="icon-button icon-button--danger"
                aria-label=format!("Remove {what} {}", index + 1)
                data-testid=format!("remove-{test_what}-{index}")
                on:click=move |_| {
                    let pointer = format!("{remove}/{index}");
                    playground.edit(&mut |doc| {
                        let removed = doc.pointer(&pointer).cloned();
                        edit::set(doc, &pointer, None);
                        if let (Some(tidy), Some(removed)) = (after_remove, removed) {
                            tidy(doc, &removed);
                        }
                    });
                }
            >
                "✕"
            </button>
        </span>
    }
    .into_any()
}

/// A button that appends `item` to the list at `pointer`.
pub fn add_button(
    label: &'static str,
    pointer: String,
    item: Value,
    test_id: &'static str,
) -> AnyView {
    let playground = Playground::use_context();
    view! {
        <button
            class="button button--add"
            data-testid=test_id
            on:click=move |_| {
                playground.edit(&mut |doc| {
                    if let Some(items) = edit::list_at(doc, &pointer) {
                        items.push(item.clone());
                    }
                })
            }
        >
            {label}
        </button>
    }
    .into_any()
}

/// A select of the items of a list, by index, for the forms that edit one item at a time.
pub fn item_picker(
    label: &'static str,
    items: Vec<String>,
    selected: RwSignal<usize>,
    test_id: &'static str,
) -> AnyView {
    view! {
        <label class="field field--picker">
            <span class="field__label">{label}</span>
            <select
                class="field__input"
                data-testid=test_id
                on:change:target=move |ev| selected.set(ev.target().value().parse().unwrap_or(0))
            >
                {items
                    .into_iter()
                    .enumerate()
                    .map(|(i, text)| {
                        view! { <option value=i.to_string() selected=move || selected.get() == i>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
    .into_any()
}

/// (value, label) pairs where the label is the value.
pub fn plain_options(values: &[&str]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|v| ((*v).to_owned(), (*v).to_owned()))
        .collect()
}

/// Item `index` of the capacity provider strategy at `list` (a request's, or the cluster's
/// default): the provider, picked from the Fargate providers and `providers`, its base and weight.
/// `test_prefix` starts every test id of the row; `what` names the item for screen readers.
pub fn provider_strategy_item(
    list: &str,
    index: usize,
    count: usize,
    providers: &[String],
    what: &'static str,
    test_prefix: &'static str,
) -> AnyView {
    let base = format!("{list}/{index}");
    let mut options = plain_options(&["FARGATE", "FARGATE_SPOT"]);
    options.extend(providers.iter().map(|n| (n.clone(), n.clone())));
    view! {
        <div class="list-row list-row--provider" data-testid=format!("{test_prefix}-item")>
            <span class="list-row__index">{index + 1}</span>
            {json_select("Capacity provider".into(), format!("{base}/capacityProvider"), options, format!("{test_prefix}-{index}-provider"))}
            {json_input("Base".into(), format!("{base}/base"), FieldKind::Number, format!("{test_prefix}-{index}-base"))}
            {json_input("Weight".into(), format!("{base}/weight"), FieldKind::Number, format!("{test_prefix}-{index}-weight"))}
            {item_buttons(list.to_owned(), index, count, what, test_prefix, None)}
        </div>
    }
    .into_any()
}

/// A checkbox for the boolean at `pointer`: checking writes `true`, unchecking removes the member
/// (the API default, false).
pub fn json_flag(label: &'static str, pointer: String, test_id: String) -> AnyView {
    checkbox(label, pointer, test_id, Value::Bool(true), None, false)
}

/// A checkbox for a boolean that must be written either way (`protectionEnabled`).
pub fn json_bool(label: &'static str, pointer: String, test_id: String) -> AnyView {
    checkbox(
        label,
        pointer,
        test_id,
        Value::Bool(true),
        Some(Value::Bool(false)),
        false,
    )
}

/// A checkbox for a setting spelt as a string (`"awsvpcTrunking": "enabled"`): checking writes
/// `on`, unchecking removes the member and, when it was the last, its object.
pub fn json_setting(
    label: &'static str,
    pointer: String,
    on: &'static str,
    test_id: String,
) -> AnyView {
    checkbox(
        label,
        pointer,
        test_id,
        Value::String(on.to_owned()),
        None,
        true,
    )
}

/// A checkbox over the value at `pointer`: checked when it is `checked` and writes it, unchecked
/// writes `unchecked` (`None` removes the member, and with `prune` an object it leaves empty).
fn checkbox(
    label: &'static str,
    pointer: String,
    test_id: String,
    checked: Value,
    unchecked: Option<Value>,
    prune: bool,
) -> AnyView {
    let playground = Playground::use_context();
    let read = pointer.clone();
    view! {
        <label class="check">
            <input
                type="checkbox"
                data-testid=test_id
                prop:checked={
                    let checked = checked.clone();
                    move || {
                        playground
                            .document
                            .with(|d| d.as_ref().and_then(|d| d.pointer(&read)) == Some(&checked))
                    }
                }
                on:change:target=move |ev| {
                    let value = if ev.target().checked() {
                        Some(checked.clone())
                    } else {
                        unchecked.clone()
                    };
                    playground.edit(&mut |doc| {
                        edit::set(doc, &pointer, value.clone());
                        if prune && value.is_none() {
                            edit::remove_if_empty(doc, pointer.rsplit_once('/').map_or("", |(p, _)| p));
                        }
                    });
                }
            />
            <span>{label}</span>
        </label>
    }
    .into_any()
}

/// A text input for the list of strings at `pointer`, written separated by commas or spaces;
/// empty text removes the member. It writes when the text is committed (Enter or leaving the
/// field), as writing on every key would take the separator just typed away.
pub fn json_string_list(label: String, pointer: String, test_id: String) -> AnyView {
    let playground = Playground::use_context();
    let read = pointer.clone();
    view! {
        <label class="field">
            <span class="field__label">{label}</span>
            <input
                class="field__input"
                type="text"
                spellcheck="false"
                data-testid=test_id
                prop:value=move || {
                    playground.document.with(|d| match d.as_ref().and_then(|d| d.pointer(&read)) {
                        Some(Value::Array(items)) => items
                            .iter()
                            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                            .collect::<Vec<_>>()
                            .join(", "),
                        _ => edit::text_at(d.as_ref(), &read),
                    })
                }
                on:change:target=move |ev| {
                    let items: Vec<Value> = ev
                        .target()
                        .value()
                        .split([',', ' '])
                        .filter(|s| !s.is_empty())
                        .map(|s| Value::String(s.to_owned()))
                        .collect();
                    let value = (!items.is_empty()).then_some(Value::Array(items));
                    playground.edit(&mut |doc| edit::set(doc, &pointer, value.clone()));
                }
            />
        </label>
    }
    .into_any()
}
