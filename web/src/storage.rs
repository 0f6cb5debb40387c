//! The browser's localStorage, used for the autosaved scenario and the theme. Every access
//! tolerates a missing, full or throwing storage: losing an autosave must never break the page.
//!
//! The scenario is saved inside a small envelope, `{"format": 1, "text": "..."}`, so that a text
//! the user left half-typed (not JSON at all) is restored exactly, while anything else found under
//! the key is recognised as corrupt.

use serde_json::{Value, json};

pub const SCENARIO_KEY: &str = "ecs-playground.scenario.v1";
/// The user's own scenario as it was before a link, an example or an import replaced it.
const PREVIOUS_KEY: &str = "ecs-playground.previous.v1";
const THEME_KEY: &str = "ecs-playground.theme";
const ENVELOPE_FORMAT: u64 = 1;

/// What the autosave held.
pub enum Saved {
    Nothing,
    Text(String),
    Corrupt,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load_scenario() -> Saved {
    let Some(raw) = storage().and_then(|s| s.get_item(SCENARIO_KEY).ok().flatten()) else {
        return Saved::Nothing;
    };
    let Ok(envelope) = serde_json::from_str::<Value>(&raw) else {
        return Saved::Corrupt;
    };
    match (
        envelope.get("format").and_then(Value::as_u64),
        envelope.get("text").and_then(Value::as_str),
    ) {
        (Some(ENVELOPE_FORMAT), Some(text)) => Saved::Text(text.to_owned()),
        _ => Saved::Corrupt,
    }
}

/// Saves the scenario; returns false when the browser refused (quota, privacy mode).
pub fn save_scenario(text: &str) -> bool {
    let envelope = json!({ "format": ENVELOPE_FORMAT, "text": text }).to_string();
    storage().is_some_and(|s| s.set_item(SCENARIO_KEY, &envelope).is_ok())
}

/// The scenario a replacement set aside, with where the replacement came from.
pub fn load_previous() -> Option<(String, String)> {
    let raw = storage()?.get_item(PREVIOUS_KEY).ok().flatten()?;
    let envelope = serde_json::from_str::<Value>(&raw).ok()?;
    match (
        envelope.get("format").and_then(Value::as_u64),
        envelope.get("text").and_then(Value::as_str),
        envelope.get("replacedBy").and_then(Value::as_str),
    ) {
        (Some(ENVELOPE_FORMAT), Some(text), Some(origin)) => {
            Some((text.to_owned(), origin.to_owned()))
        }
        _ => None,
    }
}

/// Keeps `text` aside before it is replaced by `origin`; returns false when the browser refused.
pub fn save_previous(text: &str, origin: &str) -> bool {
    let envelope =
        json!({ "format": ENVELOPE_FORMAT, "text": text, "replacedBy": origin }).to_string();
    storage().is_some_and(|s| s.set_item(PREVIOUS_KEY, &envelope).is_ok())
}

pub fn forget_previous() {
    if let Some(s) = storage() {
        let _ = s.remove_item(PREVIOUS_KEY);
    }
}

pub fn load_theme() -> Option<String> {
    storage()?.get_item(THEME_KEY).ok().flatten()
}

pub fn save_theme(theme: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(THEME_KEY, theme);
    }
}
