//! The cluster form: Availability Zones (add, rename, remove) and the container instances declared
//! in each (type from the catalogue, count, status, custom attributes).

use ecs_model::InstanceCatalog;
use leptos::prelude::*;
use serde_json::{Value, json};

use super::fields::{FieldKind, add_button, json_input, json_select, plain_options, row_buttons};
use crate::Playground;
use crate::edit;

/// One instance declaration's shape: short (editable here) and its number of attributes.
type InstanceShape = (bool, usize);

#[component]
pub fn ClusterForm() -> impl IntoView {
    let playground = Playground::use_context();
    let zones = Memo::new(move |_| {
        playground.document.with(|d| {
            d.as_ref()
                .and_then(|d| d.get("availabilityZones"))
                .and_then(Value::as_array)
                .map(|z| {
                    z.iter()
                        .map(|v| v.as_str().unwrap_or("").to_owned())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let zone_count = Memo::new(move |_| zones.with(Vec::len));
    let instance_shapes = Memo::new(move |_| {
        playground.document.with(|d| {
            d.as_ref()
                .and_then(|d| d.get("containerInstances"))
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .map(|i| {
                            let short = i.get("containerArn").is_none()
                                && i.get("containerInstanceArn").is_none()
                                && i.get("registeredResources").is_none();
                            let attributes = i
                                .get("attributes")
                                .and_then(Value::as_array)
                                .map_or(0, Vec::len);
                            (short, attributes)
                        })
                        .collect::<Vec<InstanceShape>>()
                })
                .unwrap_or_default()
        })
    });
    let types: Vec<(String, String)> = InstanceCatalog::builtin()
        .iter()
        .map(|t| {
            (
                t.instance_type.clone(),
                format!(
                    "{} · {} vCPU · {} GiB",
                    t.instance_type,
                    t.v_cpu,
                    t.memory_mib / 1024
                ),
            )
        })
        .collect();
    let types = StoredValue::new(types);
    let add_zone = move |_| {
        let name = next_zone_name(&zones.get_untracked());
        playground.edit(&mut |doc| {
            if let Some(list) = edit::list_at(doc, "/availabilityZones") {
                list.push(Value::String(name.clone()));
            }
        });
    };
    view! {
        <div class="form" data-testid="cluster-form">
            <fieldset class="form__group">
                <legend>"Availability Zones"</legend>
                {move || (0..zone_count.get()).map(|i| zone_row(i, zones)).collect_view()}
                <button class="button button--add" data-testid="add-zone" on:click=add_zone>
                    "+ Availability Zone"
                </button>
            </fieldset>
            <fieldset class="form__group">
                <legend>"Container instances"</legend>
                {move || {
                    let shapes = instance_shapes.get();
                    let count = shapes.len();
                    shapes
                        .into_iter()
                        .enumerate()
                        .map(|(i, shape)| instance_row(i, count, shape, zones, types))
                        .collect_view()
                }}
                {move || {
                    let zone = zones.with(|z| z.first().cloned()).unwrap_or_else(|| "us-east-1a".to_owned());
                    add_button(
                        "+ Instances",
                        "/containerInstances".to_owned(),
                        json!({"instanceType": "m5.large", "availabilityZone": zone, "count": 1}),
                        "add-instance",
                    )
                }}
            </fieldset>
        </div>
    }
}

/// The name after the last zone: `us-east-1c` → `us-east-1d`.
fn next_zone_name(zones: &[String]) -> String {
    let Some(last) = zones.last() else {
        return "us-east-1a".to_owned();
    };
    let mut chars: Vec<char> = last.chars().collect();
    match chars.last_mut() {
        Some(c) if c.is_ascii_lowercase() && *c < 'z' => {
            *c = char::from(*c as u8 + 1);
            let name: String = chars.into_iter().collect();
            if zones.contains(&name) {
                format!("{last}-{}", zones.len() + 1)
            } else {
                name
            }
        }
        _ => format!("{last}-{}", zones.len() + 1),
    }
}

fn zone_row(i: usize, zones: Memo<Vec<String>>) -> AnyView {
    let playground = Playground::use_context();
    let current = move || zones.with(|z| z.get(i).cloned().unwrap_or_default());
    // Renaming happens on change (not per keystroke) and carries the zone's instances along.
    let rename = move |ev: leptos::ev::Event| {
        let new = event_target_value(&ev);
        let old = current();
        if new.is_empty() || new == old {
            return;
        }
        playground.edit(&mut |doc| {
            edit::set(
                doc,
                &format!("/availabilityZones/{i}"),
                Some(Value::String(new.clone())),
            );
            if let Some(items) = doc
                .get_mut("containerInstances")
                .and_then(Value::as_array_mut)
            {
                for item in items {
                    if item.get("availabilityZone").and_then(Value::as_str) == Some(old.as_str()) {
                        item["availabilityZone"] = Value::String(new.clone());
                    }
                }
            }
        });
    };
    let remove = move |_| {
        playground.edit(&mut |doc| edit::set(doc, &format!("/availabilityZones/{i}"), None));
    };
    view! {
        <div class="list-row" data-testid="zone-row">
            <label class="field">
                <span class="field__label">{format!("Zone {}", i + 1)}</span>
                <input
                    class="field__input"
                    data-testid=format!("zone-{i}-name")
                    prop:value=current
                    on:change=rename
                />
            </label>
            <button
                class="icon-button icon-button--danger"
                aria-label=move || format!("Remove Availability Zone {}", current())
                data-testid=format!("remove-zone-{i}")
                on:click=remove
            >
                "✕"
            </button>
        </div>
    }
    .into_any()
}

fn instance_row(
    i: usize,
    count: usize,
    (short, attributes): InstanceShape,
    zones: Memo<Vec<String>>,
    types: StoredValue<Vec<(String, String)>>,
) -> AnyView {
    let base = format!("/containerInstances/{i}");
    if !short {
        return view! {
            <div class="list-row" data-testid="instance-row">
                <span class="muted">{format!("Instance {} is a full DescribeContainerInstances entry; edit it in the JSON tab.", i + 1)}</span>
                {row_buttons("/containerInstances".to_owned(), i, count, "instance")}
            </div>
        }
        .into_any();
    }
    let zone_options: Vec<(String, String)> = zones
        .get_untracked()
        .into_iter()
        .map(|z| (z.clone(), z))
        .collect();
    let attribute_rows = (0..attributes)
        .map(|a| {
            let abase = format!("{base}/attributes/{a}");
            view! {
                <div class="list-row list-row--nested">
                    {json_input("Attribute".into(), format!("{abase}/name"), FieldKind::Text, format!("instance-{i}-attribute-{a}-name"))}
                    {json_input("Value".into(), format!("{abase}/value"), FieldKind::Text, format!("instance-{i}-attribute-{a}-value"))}
                    {row_buttons(format!("{base}/attributes"), a, attributes, "attribute")}
                </div>
            }
        })
        .collect_view();
    view! {
        <div class="card-row" data-testid="instance-row">
            <div class="list-row">
                {json_select("Type".into(), format!("{base}/instanceType"), types.get_value(), format!("instance-{i}-type"))}
                {row_buttons("/containerInstances".to_owned(), i, count, "instance")}
            </div>
            <div class="form__grid">
                {json_select("Availability Zone".into(), format!("{base}/availabilityZone"), zone_options, format!("instance-{i}-zone"))}
                {json_input("Count".into(), format!("{base}/count"), FieldKind::Number, format!("instance-{i}-count"))}
                {json_select(
                    "Status".into(),
                    format!("{base}/status"),
                    {
                        let mut o = vec![(String::new(), "ACTIVE (default)".to_owned())];
                        o.extend(plain_options(&["ACTIVE", "DRAINING"]));
                        o
                    },
                    format!("instance-{i}-status"),
                )}
            </div>
            {attribute_rows}
            {add_button(
                "+ Attribute",
                format!("{base}/attributes"),
                json!({"name": "stack", "value": "prod"}),
                "add-attribute",
            )}
        </div>
    }
    .into_any()
}
