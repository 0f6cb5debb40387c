//! The crash overlay. A Rust panic cannot be caught in wasm32 (and the release build aborts on
//! panic), so after one neither the wasm instance nor Leptos' reactive graph, which may hold locks,
//! can be trusted. The panic hook therefore builds the overlay with plain DOM calls, reads only a
//! copy of the scenario kept outside Leptos, and sets every text as text, never as markup.

use std::cell::RefCell;
use std::panic::PanicHookInfo;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The latest scenario text and whether the autosave kept it.
#[derive(Default)]
struct LastScenario {
    text: String,
    autosaved: bool,
}

thread_local! {
    static LAST_SCENARIO: RefCell<LastScenario> = RefCell::new(LastScenario::default());
}

/// Remembers the editor's text for the overlay; called by the autosave after each edit.
pub fn remember_scenario(text: &str, autosaved: bool) {
    LAST_SCENARIO.with(|last| {
        if let Ok(mut last) = last.try_borrow_mut() {
            last.text.clear();
            last.text.push_str(text);
            last.autosaved = autosaved;
        }
    });
}

/// Logs panics to the console as before and then shows the overlay.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_overlay(info);
    }));
}

fn panic_message(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "The panic carried no message.".to_owned());
    match info.location() {
        Some(at) => format!("{message} ({}:{})", at.file(), at.line()),
        None => message,
    }
}

fn show_overlay(info: &PanicHookInfo<'_>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // A second panic (code still runs after the first, from timers) keeps the first report, which
    // names the cause.
    if document.get_element_by_id("crash").is_some() {
        return;
    }
    let Some(body) = document.body() else {
        return;
    };
    let last = LAST_SCENARIO
        .try_with(|last| {
            last.try_borrow()
                .ok()
                .map(|l| (l.text.clone(), l.autosaved))
        })
        .ok()
        .flatten();
    let element = |tag: &str, class: &str, text: &str| {
        let el = document.create_element(tag).ok()?;
        el.set_class_name(class);
        el.set_text_content((!text.is_empty()).then_some(text));
        Some(el)
    };
    let Some(overlay) = element("div", "crash", "") else {
        return;
    };
    let _ = overlay.set_attribute("id", "crash");
    let _ = overlay.set_attribute("data-testid", "crash");
    let _ = overlay.set_attribute("role", "alertdialog");
    let _ = overlay.set_attribute("aria-modal", "true");
    let _ = overlay.set_attribute("aria-labelledby", "crash-title");
    let _ = overlay.set_attribute("aria-describedby", "crash-message");
    let Some(card) = element("div", "crash__card", "") else {
        return;
    };
    let mut parts = Vec::new();
    if let Some(title) = element(
        "h2",
        "crash__title",
        "The playground hit a bug and stopped.",
    ) {
        let _ = title.set_attribute("id", "crash-title");
        parts.push(title);
    }
    if let Some(message) = element("p", "crash__message", &panic_message(info)) {
        let _ = message.set_attribute("id", "crash-message");
        let _ = message.set_attribute("data-testid", "crash-message");
        parts.push(message);
    }
    match &last {
        Some((text, autosaved)) if !text.is_empty() => {
            let advice = if *autosaved {
                "Your scenario was autosaved: Reload brings it back. Here is its text as well, to copy."
            } else {
                "The autosave did not keep your latest edits, so copy the scenario below before you reload."
            };
            parts.extend(element("p", "crash__advice", advice));
            if let Some(area) = element("textarea", "crash__scenario", "") {
                let _ = area.set_attribute("readonly", "");
                let _ = area.set_attribute("spellcheck", "false");
                let _ = area.set_attribute("aria-label", "Your scenario, to copy");
                let _ = area.set_attribute("data-testid", "crash-scenario");
                if let Some(area) = area.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                    area.set_value(text);
                }
                parts.push(area);
            }
        }
        _ => parts.extend(element(
            "p",
            "crash__advice",
            "Reload the page to start again.",
        )),
    }
    let reload = element("button", "button button--primary", "Reload");
    if let Some(button) = &reload {
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("data-testid", "crash-reload");
        // The handler touches no Rust state the panic may have left half-changed: it only asks the
        // browser to reload.
        let on_click = Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
        parts.push(button.clone());
    }
    for part in &parts {
        let _ = card.append_child(part);
    }
    let _ = overlay.append_child(&card);
    let _ = body.append_child(&overlay);
    if let Some(button) = reload.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = button.focus();
    }
}
