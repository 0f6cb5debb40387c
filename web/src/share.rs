//! Links that carry a scenario: reading the page's own address, building a share link from the
//! current session, and deciding whether replacing the editor's text would lose the user's work.
//!
//! The codec itself lives in `ecs-scenario`; this module only talks to `window.location`.

use ecs_scenario::ShareView;
use serde_json::Value;

/// The page address without its query and fragment, the base of every link we hand out.
pub fn page_base() -> String {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return String::new();
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}")
}

/// The fragment without its `#`.
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Whether the fragment holds a scenario (`s=` as one of its parameters).
pub fn fragment_has_scenario(fragment: &str) -> bool {
    fragment.split('&').any(|pair| pair.starts_with("s="))
}

/// Whether the page was opened as an embed: `?embed` in the query or `embed=1` in the fragment.
pub fn is_embed() -> bool {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return false;
    };
    let search = location.search().unwrap_or_default();
    let in_query = search
        .trim_start_matches('?')
        .split('&')
        .any(|p| p == "embed" || p.starts_with("embed="));
    in_query || current_fragment().split('&').any(|p| p == "embed=1")
}

/// The fragment without `embed=1`, for the embed's "Open in playground" link.
pub fn without_embed(fragment: &str) -> String {
    fragment
        .split('&')
        .filter(|p| !p.starts_with("embed="))
        .collect::<Vec<_>>()
        .join("&")
}

/// The full link for a scenario text and view.
pub fn share_link(text: &str, view: &ShareView) -> String {
    format!("{}#{}", page_base(), ecs_scenario::encode_share(text, view))
}

/// An iframe snippet for docs and slides. The link is built by us from base64url and
/// percent-encoded parts, so it holds no quote that could end the attribute.
pub fn iframe_snippet(link: &str) -> String {
    let embed = match link.split_once('#') {
        Some((base, fragment)) => format!("{base}?embed#{fragment}"),
        None => format!("{link}?embed"),
    };
    format!(
        "<iframe src=\"{}\" width=\"900\" height=\"560\" style=\"border:1px solid #ccc;border-radius:8px\" title=\"ECS placement\" loading=\"lazy\"></iframe>",
        embed.replace('"', "%22")
    )
}

/// Removes the fragment from the address bar without a new history entry, so a reload does not
/// offer the same link again.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let url = format!(
        "{}{}",
        page_base(),
        window.location().search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Whether two scenario texts hold the same document, whatever their whitespace.
pub fn same_document(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    match (
        serde_json::from_str::<Value>(a),
        serde_json::from_str::<Value>(b),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Whether the editor holds something the user would miss: anything but an unedited built-in
/// example (the default scenario is one) or an empty editor.
pub fn is_own_work(text: &str) -> bool {
    if text.trim().is_empty() {
        return false;
    }
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return true;
    };
    !ecs_scenario::examples()
        .iter()
        .any(|e| serde_json::from_str::<Value>(e.json).is_ok_and(|v| v == value))
}
