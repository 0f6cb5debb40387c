//! The JSON shape of each typed field, used to report type errors at their path and to drop
//! wrongly typed values before serde builds the typed value. Fields not listed here are kept
//! untouched in the `extra` maps.

use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, index, join};

pub(crate) enum Shape {
    Any,
    Str,
    /// A string that people often write as a number (task `cpu`/`memory`); numbers are converted
    /// with a warning.
    NumericStr,
    Bool,
    /// A 32-bit integer (`Integer`/`BoxedInteger` in the API model).
    Int,
    /// A 64-bit integer (`Long`).
    Long,
    Double,
    Enum(&'static [&'static str]),
    List(&'static Shape),
    Struct(&'static [Field]),
    /// A map from strings to strings.
    StrMap,
    /// Another shape defined as a static.
    Ref(&'static Shape),
}

pub(crate) struct Field {
    pub name: &'static str,
    pub shape: Shape,
    pub required: bool,
}

pub(crate) const fn opt(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: false,
    }
}

pub(crate) const fn req(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: true,
    }
}

/// Python type names, because botocore's messages (which students see from the AWS CLI) use them.
fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "<class 'NoneType'>",
        Value::Bool(_) => "<class 'bool'>",
        Value::Number(n) if n.is_f64() => "<class 'float'>",
        Value::Number(_) => "<class 'int'>",
        Value::String(_) => "<class 'str'>",
        Value::Array(_) => "<class 'list'>",
        Value::Object(_) => "<class 'dict'>",
    }
}

fn shown(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

fn type_error(path: &str, value: &Value, valid: &str, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.push(Diagnostic::error(
        path,
        format!(
            "Invalid type for parameter {path}, value: {}, type: {}, valid types: {valid}",
            shown(value),
            python_type(value)
        ),
        format!(
            "`{path}` must be {}, so this value is ignored.",
            plain_type(valid)
        ),
    ));
}

fn plain_type(valid: &str) -> &'static str {
    match valid {
        "<class 'str'>" => "a string",
        "<class 'bool'>" => "true or false",
        "<class 'int'>" => "a whole number",
        "<class 'dict'>" => "an object",
        v if v.starts_with("<class 'list'>") => "a list",
        _ => "a number",
    }
}

/// Checks `value` against `shape`, reporting problems; returns false when the value must be
/// dropped because serde could not build the typed field from it.
pub(crate) fn sanitize(
    value: &mut Value,
    shape: &Shape,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    match shape {
        Shape::Any => true,
        Shape::Ref(inner) => sanitize(value, inner, path, diagnostics),
        Shape::Str => {
            if value.is_string() {
                return true;
            }
            type_error(path, value, "<class 'str'>", diagnostics);
            false
        }
        Shape::NumericStr => match value {
            Value::String(_) => true,
            Value::Number(n) => {
                let text = n.to_string();
                diagnostics.push(Diagnostic::warning(
                    path,
                    format!(
                        "Invalid type for parameter {path}, value: {text}, type: {}, valid types: <class 'str'>",
                        python_type(value)
                    ),
                    format!(
                        "The API types `{path}` as a string (\"{text}\"); CloudFormation accepts a number, the AWS CLI does not."
                    ),
                ));
                *value = Value::String(text);
                true
            }
            other => {
                type_error(path, other, "<class 'str'>", diagnostics);
                false
            }
        },
        Shape::Bool => {
            if value.is_boolean() {
                return true;
            }
            type_error(path, value, "<class 'bool'>", diagnostics);
            false
        }
        Shape::Int | Shape::Long => {
            let Some(n) = value.as_i64().or_else(|| value.as_u64().map(|_| i64::MAX)) else {
                type_error(path, value, "<class 'int'>", diagnostics);
                return false;
            };
            let fits = match shape {
                Shape::Int => i32::try_from(n).is_ok(),
                _ => value.as_i64().is_some(),
            };
            if !fits {
                diagnostics.push(Diagnostic::error(
                    path,
                    format!(
                        "Invalid value for parameter {path}, value: {}, the number is out of range",
                        shown(value)
                    ),
                    format!("`{path}` is far larger than anything ECS accepts."),
                ));
                return false;
            }
            true
        }
        Shape::Double => {
            if value.is_number() {
                return true;
            }
            type_error(
                path,
                value,
                "<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>",
                diagnostics,
            );
            false
        }
        Shape::Enum(names) => {
            let Some(text) = value.as_str() else {
                type_error(path, value, "<class 'str'>", diagnostics);
                return false;
            };
            if names.contains(&text) {
                return true;
            }
            diagnostics.push(Diagnostic::error(
                path,
                format!(
                    "Value '{text}' at '{path}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
                    names.join(", ")
                ),
                format!("`{path}` must be one of {}; \"{text}\" is not.", names.join(", ")),
            ));
            false
        }
        Shape::List(element) => {
            let Value::Array(items) = value else {
                type_error(path, value, "<class 'list'>, <class 'tuple'>", diagnostics);
                return false;
            };
            let mut position = 0;
            // Objects that are not objects become `{}` so that the indices of later elements
            // still match the source; scalars are dropped.
            items.retain_mut(|item| {
                let keep = if item.is_null() {
                    type_error(&index(path, position), item, "<class 'dict'>", diagnostics);
                    false
                } else {
                    sanitize(item, element, &index(path, position), diagnostics)
                };
                position += 1;
                if keep {
                    return true;
                }
                if matches!(element, Shape::Struct(_)) {
                    *item = Value::Object(Map::new());
                    return true;
                }
                false
            });
            true
        }
        Shape::Struct(fields) => {
            let Value::Object(map) = value else {
                type_error(path, value, "<class 'dict'>", diagnostics);
                return false;
            };
            sanitize_object(map, fields, path, diagnostics);
            true
        }
        Shape::StrMap => {
            let Value::Object(map) = value else {
                type_error(path, value, "<class 'dict'>", diagnostics);
                return false;
            };
            map.retain(|key, v| {
                if v.is_string() {
                    return true;
                }
                type_error(&join(path, key), v, "<class 'str'>", diagnostics);
                false
            });
            true
        }
    }
}

/// Checks the typed members of one object; null members count as absent, as in the AWS SDKs.
pub(crate) fn sanitize_object(
    map: &mut Map<String, Value>,
    fields: &[Field],
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for field in fields {
        match map.get_mut(field.name) {
            Some(Value::Null) | None => {
                map.remove(field.name);
                if field.required {
                    let parent = if path.is_empty() { "input" } else { path };
                    diagnostics.push(Diagnostic::error(
                        path,
                        format!("Missing required parameter in {parent}: \"{}\"", field.name),
                        format!("`{}` is required here.", field.name),
                    ));
                }
            }
            Some(v) => {
                if !sanitize(v, &field.shape, &join(path, field.name), diagnostics) {
                    map.remove(field.name);
                }
            }
        }
    }
}
