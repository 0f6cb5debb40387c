//! Small edits of the scenario JSON by JSON Pointer (`/services/0/desiredCount`), used by the
//! forms. They are plain functions over `serde_json::Value` so that every form writes back into the
//! one scenario text, and they never panic whatever shape the user's JSON has.

use serde_json::{Map, Value};

/// Reads the string or number at `pointer` as text for an input field.
pub fn text_at(document: Option<&Value>, pointer: &str) -> String {
    match document.and_then(|d| d.pointer(pointer)) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The value an input's text stands for: nothing when empty, a number when it is one (whole when
/// it can be), the text otherwise (so a typo reaches validation and is reported, rather than being
/// dropped).
pub fn number_or_text(text: &str) -> Option<Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(n) = text.parse::<i64>() {
        return Some(Value::from(n));
    }
    // Plain decimals only: Rust also reads "inf" and "NaN", which JSON has no number for.
    let decimal = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    match text.parse::<f64>() {
        Ok(x) if decimal && x.is_finite() => Some(Value::from(x)),
        _ => Some(Value::String(text.to_owned())),
    }
}

/// The value of a text field: nothing when empty.
pub fn text_value(text: &str) -> Option<Value> {
    (!text.is_empty()).then(|| Value::String(text.to_owned()))
}

/// Sets (or, with `None`, removes) the member at `pointer`, creating missing parent objects.
pub fn set(document: &mut Value, pointer: &str, new: Option<Value>) {
    let Some((parent_pointer, key)) = pointer.rsplit_once('/') else {
        return;
    };
    let key = key.replace("~1", "/").replace("~0", "~");
    let Some(parent) = parent_or_create(document, parent_pointer, new.is_some()) else {
        return;
    };
    match (parent, new) {
        (Value::Object(map), Some(v)) => {
            map.insert(key, v);
        }
        (Value::Object(map), None) => {
            map.shift_remove(&key);
        }
        (Value::Array(items), Some(v)) => {
            if let Some(slot) = key.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                *slot = v;
            }
        }
        (Value::Array(items), None) => {
            if let Some(i) = key.parse::<usize>().ok().filter(|i| *i < items.len()) {
                items.remove(i);
            }
        }
        _ => {}
    }
}

/// Removes the object at `pointer` when it has no members left (`"accountSettings": {}` after
/// its last setting is turned off); the document itself is never removed.
pub fn remove_if_empty(document: &mut Value, pointer: &str) {
    if !pointer.is_empty()
        && document
            .pointer(pointer)
            .and_then(Value::as_object)
            .is_some_and(|m| m.is_empty())
    {
        set(document, pointer, None);
    }
}

fn parent_or_create<'a>(
    document: &'a mut Value,
    pointer: &str,
    create: bool,
) -> Option<&'a mut Value> {
    if pointer.is_empty() {
        return Some(document);
    }
    if document.pointer(pointer).is_none() {
        if !create {
            return None;
        }
        let (grand, key) = pointer.rsplit_once('/')?;
        match parent_or_create(document, grand, true)? {
            Value::Object(map) => {
                map.insert(key.to_owned(), Value::Object(Map::new()));
            }
            _ => return None,
        }
    }
    document.pointer_mut(pointer)
}

/// The list at `pointer`, created empty when missing (and when something else is there).
pub fn list_at<'a>(document: &'a mut Value, pointer: &str) -> Option<&'a mut Vec<Value>> {
    if !document.pointer(pointer).is_some_and(Value::is_array) {
        set(document, pointer, Some(Value::Array(Vec::new())));
    }
    document.pointer_mut(pointer)?.as_array_mut()
}

/// Moves item `index` of the list at `pointer` one place up (`-1`) or down (`1`).
pub fn move_item(document: &mut Value, pointer: &str, index: usize, up: bool) {
    let Some(items) = document.pointer_mut(pointer).and_then(Value::as_array_mut) else {
        return;
    };
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    if let Some(other) = other.filter(|o| *o < items.len() && index < items.len()) {
        items.swap(index, other);
    }
}

/// The number of items of the list at `pointer`.
pub fn len_at(document: Option<&Value>, pointer: &str) -> usize {
    document
        .and_then(|d| d.pointer(pointer))
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// Escapes a member name for use in a JSON Pointer.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The names of the scenario's Auto Scaling group capacity providers, in order.
pub fn provider_names(document: Option<&Value>) -> Vec<String> {
    document
        .and_then(|d| d.get("capacityProviders"))
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|p| p.get("name").and_then(Value::as_str))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn input_text_becomes_a_number_when_it_is_one() {
        let cases = [
            ("", None),
            ("  ", None),
            ("512", Some(json!(512))),
            (" -3 ", Some(json!(-3))),
            ("75.5", Some(json!(75.5))),
            ("1e3", Some(json!(1000.0))),
            ("inf", Some(json!("inf"))),
            ("NaN", Some(json!("NaN"))),
            ("512 MiB", Some(json!("512 MiB"))),
            ("0.5 vCPU", Some(json!("0.5 vCPU"))),
        ];
        for (text, expected) in cases {
            assert_eq!(number_or_text(text), expected, "{text:?}");
        }
    }

    #[test]
    fn an_emptied_object_is_removed_and_a_kept_one_is_not() {
        let mut document = json!({"accountSettings": {"awsvpcTrunking": "enabled"}, "seed": 1});
        set(&mut document, "/accountSettings/awsvpcTrunking", None);
        remove_if_empty(&mut document, "/accountSettings");
        assert_eq!(document, json!({"seed": 1}));

        let mut document = json!({"accountSettings": {"awsvpcTrunking": "enabled", "x": 1}});
        set(&mut document, "/accountSettings/awsvpcTrunking", None);
        remove_if_empty(&mut document, "/accountSettings");
        assert_eq!(document, json!({"accountSettings": {"x": 1}}));

        // The document itself stays, even when empty.
        let mut document = json!({});
        remove_if_empty(&mut document, "");
        assert_eq!(document, json!({}));
    }
}
