//! The cluster form: Availability Zones (add, rename, remove), the container instances declared
//! in each (type from the catalogue, count, status, custom attributes), and the cluster's capacity
//! providers (FARGATE and FARGATE_SPOT, Auto Scaling group providers with managed scaling) with
//! its default capacity provider strategy.

use ecs_model::InstanceCatalog;
use leptos::prelude::*;
use serde_json::{Map, Value, json};

use super::fields::{
    FieldKind, add_button, item_buttons, json_input, json_list_flag_with, json_select,
    json_setting, plain_options, provider_strategy_item, row_buttons,
};
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
    let types = StoredValue::new(instance_type_options());
    // Whether each entry of `capacityProviders` is an object the form can edit.
    let provider_shapes = Memo::new(move |_| {
        playground.document.with(|d| {
            d.as_ref()
                .and_then(|d| d.get("capacityProviders"))
                .and_then(Value::as_array)
                .map(|items| items.iter().map(Value::is_object).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let provider_names = Memo::new(move |_| {
        playground
            .document
            .with(|d| edit::provider_names(d.as_ref()))
    });
    let strategy_count = Memo::new(move |_| {
        playground
            .document
            .with(|d| edit::len_at(d.as_ref(), DEFAULT_STRATEGY))
    });
    let add_provider = move |_| {
        let zones = zones.get_untracked();
        let name = next_provider_name(&provider_names.get_untracked());
        let item = new_provider(&name, &zones);
        playground.edit(&mut |doc| {
            let Some(cluster) = cluster_object(doc) else {
                return;
            };
            if !cluster
                .get("capacityProviders")
                .is_some_and(Value::is_array)
            {
                cluster.insert("capacityProviders".into(), Value::Array(Vec::new()));
            }
            if let Some(list) = cluster
                .get_mut("capacityProviders")
                .and_then(Value::as_array_mut)
            {
                list.push(Value::String(name.clone()));
            }
            if let Some(list) = edit::list_at(doc, "/capacityProviders") {
                list.push(item.clone());
            }
        });
    };
    let add_strategy_item = move |_| {
        let provider = provider_names
            .with_untracked(|n| n.first().cloned())
            .unwrap_or_else(|| "FARGATE".to_owned());
        playground.edit(&mut |doc| {
            if cluster_object(doc).is_none() {
                return;
            }
            if let Some(list) = edit::list_at(doc, DEFAULT_STRATEGY) {
                list.push(json!({"capacityProvider": provider, "weight": 1}));
            }
        });
    };
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
                {json_setting(
                    "ENI trunking (account setting awsvpcTrunking)",
                    "/accountSettings/awsvpcTrunking".to_owned(),
                    "enabled",
                    "eni-trunking".into(),
                )}
                <p class="muted form__help">
                    "With trunking, supported Linux instances (c5, m5, r5, a1, m6g, c6g, r6g, m6i, c6i; agent 1.28.1 or later) host many more awsvpc tasks: a c5.large 10 instead of 2."
                </p>
            </fieldset>
            <fieldset class="form__group" data-testid="capacity-providers">
                <legend>"Capacity providers"</legend>
                <p class="form__subtitle">"Fargate capacity providers of the cluster"</p>
                <div class="form__checks">
                    {cluster_provider_flag("FARGATE")}
                    {cluster_provider_flag("FARGATE_SPOT")}
                </div>
                <p class="form__subtitle">"Auto Scaling group capacity providers"</p>
                {move || {
                    let shapes = provider_shapes.get();
                    let count = shapes.len();
                    shapes
                        .into_iter()
                        .enumerate()
                        .map(|(i, editable)| provider_row(i, count, editable, zones, types))
                        .collect_view()
                }}
                <button class="button button--add" data-testid="add-capacity-provider" on:click=add_provider>
                    "+ Auto Scaling group provider"
                </button>
            </fieldset>
            <fieldset class="form__group" data-testid="default-strategy">
                <legend>"Default capacity provider strategy"</legend>
                <p class="muted">
                    "Used by services and RunTask requests that name neither a launch type nor a capacity provider strategy."
                </p>
                {move || {
                    let names = provider_names.get();
                    let count = strategy_count.get();
                    (0..count)
                        .map(|i| provider_strategy_item(DEFAULT_STRATEGY, i, count, &names, "strategy item", "default-strategy"))
                        .collect_view()
                }}
                <button class="button button--add" data-testid="add-default-strategy" on:click=add_strategy_item>
                    "+ Capacity provider"
                </button>
            </fieldset>
        </div>
    }
}

/// Where the cluster's default capacity provider strategy lives in the scenario.
const DEFAULT_STRATEGY: &str = "/cluster/defaultCapacityProviderStrategy";

/// The cluster as a `Cluster` object, made from its name when the scenario gives only the name
/// (`"cluster": "default"`), so that capacity providers can be added to it. `None` when the
/// scenario or its cluster is something else, which validation reports.
fn cluster_object(doc: &mut Value) -> Option<&mut Map<String, Value>> {
    let scenario = doc.as_object_mut()?;
    let name = match scenario.get("cluster") {
        None => Some("default".to_owned()),
        Some(Value::String(name)) => Some(name.clone()),
        Some(_) => None,
    };
    if let Some(name) = name {
        scenario.insert("cluster".into(), json!({ "clusterName": name }));
    }
    scenario.get_mut("cluster")?.as_object_mut()
}

/// `asg-N` for the first N not taken.
fn next_provider_name(taken: &[String]) -> String {
    (taken.len() + 1..)
        .map(|n| format!("asg-{n}"))
        .find(|name| !taken.contains(name))
        .unwrap_or_default()
}

/// A new Auto Scaling group provider over every zone of the scenario, with managed scaling on at
/// the API's defaults and a group that starts empty.
fn new_provider(name: &str, zones: &[String]) -> Value {
    // The region is the zone name without its letter: us-east-1a → us-east-1.
    let region = zones
        .first()
        .map(|z| z.trim_end_matches(|c: char| c.is_ascii_lowercase()))
        .filter(|r| !r.is_empty())
        .unwrap_or("us-east-1");
    json!({
        "name": name,
        "autoScalingGroupProvider": {
            "autoScalingGroupArn": format!(
                "arn:aws:autoscaling:{region}:123456789012:autoScalingGroup:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0:autoScalingGroupName/{name}"
            ),
            "managedScaling": {
                "status": "ENABLED",
                "targetCapacity": 100,
                "minimumScalingStepSize": 1,
                "maximumScalingStepSize": 10000,
                "instanceWarmupPeriod": 300
            },
            "managedTerminationProtection": "DISABLED"
        },
        "instanceType": "m5.large",
        "availabilityZones": zones,
        "minSize": 0,
        "maxSize": 4
    })
}

/// Every capacity provider strategy item of the scenario: the cluster's default strategy, each
/// service's and RunTask request's, and those of the timeline's actions.
fn strategy_items_mut(doc: &mut Value) -> Vec<&mut Value> {
    let mut lists: Vec<&mut Value> = Vec::new();
    let Some(scenario) = doc.as_object_mut() else {
        return Vec::new();
    };
    for (key, value) in scenario.iter_mut() {
        match key.as_str() {
            "cluster" => lists.extend(value.get_mut("defaultCapacityProviderStrategy")),
            "services" | "runTasks" => {
                for request in value.as_array_mut().into_iter().flatten() {
                    lists.extend(request.get_mut("capacityProviderStrategy"));
                }
            }
            "actions" => {
                for action in value.as_array_mut().into_iter().flatten() {
                    let Some(action) = action.as_object_mut() else {
                        continue;
                    };
                    for (kind, body) in action.iter_mut() {
                        if matches!(kind.as_str(), "createService" | "updateService" | "runTask") {
                            lists.extend(body.get_mut("capacityProviderStrategy"));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    lists
        .into_iter()
        .filter_map(Value::as_array_mut)
        .flatten()
        .collect()
}

/// Renames a capacity provider everywhere the scenario names it: its declaration, the cluster's
/// list and every strategy.
fn rename_provider(doc: &mut Value, i: usize, old: &str, new: &str) {
    edit::set(
        doc,
        &format!("/capacityProviders/{i}/name"),
        Some(Value::String(new.to_owned())),
    );
    if let Some(list) = doc
        .pointer_mut("/cluster/capacityProviders")
        .and_then(Value::as_array_mut)
    {
        for name in list.iter_mut().filter(|n| n.as_str() == Some(old)) {
            *name = Value::String(new.to_owned());
        }
    }
    for item in strategy_items_mut(doc) {
        if let Some(name) = item
            .get_mut("capacityProvider")
            .filter(|n| n.as_str() == Some(old))
        {
            *name = Value::String(new.to_owned());
        }
    }
}

/// After a provider's declaration is removed, the cluster no longer lists it. Strategies that
/// still name it are left for validation to report, as ECS refuses to delete a provider in use.
fn forget_provider(doc: &mut Value, removed: &Value) {
    let Some(name) = removed.get("name").and_then(Value::as_str) else {
        return;
    };
    if let Some(list) = doc
        .pointer_mut("/cluster/capacityProviders")
        .and_then(Value::as_array_mut)
    {
        list.retain(|n| n.as_str() != Some(name));
    }
}

/// A checkbox saying whether the cluster's `capacityProviders` holds the predefined `provider`.
/// A cluster given by name alone becomes an object first.
fn cluster_provider_flag(provider: &'static str) -> AnyView {
    json_list_flag_with(
        provider,
        "/cluster/capacityProviders".to_owned(),
        provider,
        format!("cluster-provider-{provider}"),
        |doc| cluster_object(doc).is_some(),
    )
}

fn provider_row(
    i: usize,
    count: usize,
    editable: bool,
    zones: Memo<Vec<String>>,
    types: StoredValue<Vec<(String, String)>>,
) -> AnyView {
    let base = format!("/capacityProviders/{i}");
    let buttons = item_buttons(
        "/capacityProviders".to_owned(),
        i,
        count,
        "capacity provider",
        "provider",
        Some(forget_provider),
    );
    if !editable {
        return view! {
            <div class="list-row" data-testid="provider-row">
                <span class="muted">{format!("Capacity provider {} is not an object; edit it in the JSON tab.", i + 1)}</span>
                {buttons}
            </div>
        }
        .into_any();
    }
    let playground = Playground::use_context();
    let name_pointer = format!("{base}/name");
    let current = Memo::new(move |_| {
        playground
            .document
            .with(|d| edit::text_at(d.as_ref(), &name_pointer))
    });
    // Renaming happens on change (not per keystroke) and carries every reference along.
    let rename = move |ev: leptos::ev::Event| {
        let new = event_target_value(&ev);
        let old = current.get_untracked();
        if new.is_empty() || new == old {
            return;
        }
        playground.edit(&mut |doc| rename_provider(doc, i, &old, &new));
    };
    let asg = format!("{base}/autoScalingGroupProvider");
    let scaling = format!("{asg}/managedScaling");
    let status_options = || {
        let mut o = vec![(String::new(), "not set (DISABLED)".to_owned())];
        o.extend(plain_options(&["ENABLED", "DISABLED"]));
        o
    };
    view! {
        <div class="card-row" data-testid="provider-row">
            <div class="list-row">
                <label class="field">
                    <span class="field__label">"Capacity provider name"</span>
                    <input
                        class="field__input"
                        spellcheck="false"
                        data-testid=format!("provider-{i}-name")
                        prop:value=current
                        on:change=rename
                    />
                </label>
                {buttons}
            </div>
            <div class="list-row">
                {json_input("Auto Scaling group ARN".into(), format!("{asg}/autoScalingGroupArn"), FieldKind::Text, format!("provider-{i}-asg-arn"))}
            </div>
            <div class="form__grid form__grid--provider">
                {json_select("Instance type".into(), format!("{base}/instanceType"), types.get_value(), format!("provider-{i}-type"))}
                {json_input("Min size".into(), format!("{base}/minSize"), FieldKind::Number, format!("provider-{i}-min-size"))}
                {json_input("Max size".into(), format!("{base}/maxSize"), FieldKind::Number, format!("provider-{i}-max-size"))}
            </div>
            {provider_zones(i, zones)}
            <p class="form__subtitle">"Managed scaling"</p>
            <div class="form__grid form__grid--provider">
                {json_select("Status".into(), format!("{scaling}/status"), status_options(), format!("provider-{i}-managed-scaling"))}
                {json_input("Target capacity %".into(), format!("{scaling}/targetCapacity"), FieldKind::Number, format!("provider-{i}-target-capacity"))}
                {json_input("Minimum scaling step size".into(), format!("{scaling}/minimumScalingStepSize"), FieldKind::Number, format!("provider-{i}-min-step"))}
                {json_input("Maximum scaling step size".into(), format!("{scaling}/maximumScalingStepSize"), FieldKind::Number, format!("provider-{i}-max-step"))}
                {json_input("Instance warm-up period (s)".into(), format!("{scaling}/instanceWarmupPeriod"), FieldKind::Number, format!("provider-{i}-warmup"))}
                {json_select("Managed termination protection".into(), format!("{asg}/managedTerminationProtection"), status_options(), format!("provider-{i}-termination-protection"))}
            </div>
        </div>
    }
    .into_any()
}

/// One checkbox per zone of the scenario: the zones the provider's group launches instances in.
/// Without a list the group uses every zone, so every box is ticked then.
fn provider_zones(i: usize, zones: Memo<Vec<String>>) -> AnyView {
    let playground = Playground::use_context();
    let pointer = format!("/capacityProviders/{i}/availabilityZones");
    let chosen = Memo::new({
        let pointer = pointer.clone();
        move |_| {
            playground.document.with(|d| {
                d.as_ref()
                    .and_then(|d| d.pointer(&pointer))
                    .and_then(Value::as_array)
                    .map(|z| {
                        z.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect::<Vec<_>>()
                    })
            })
        }
    });
    let pointer = StoredValue::new(pointer);
    let boxes = move || {
        zones
            .get()
            .into_iter()
            .map(|zone| {
                let z = zone.clone();
                let checked = move || chosen.with(|c| c.as_ref().is_none_or(|c| c.contains(&z)));
                let toggled = zone.clone();
                let toggle = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    let all = zones.get_untracked();
                    let now = chosen.get_untracked().unwrap_or_else(|| all.clone());
                    // Kept in the scenario's zone order; names the scenario lacks stay at the end.
                    let mut list: Vec<String> = all
                        .iter()
                        .filter(|z| if **z == toggled { on } else { now.contains(z) })
                        .cloned()
                        .collect();
                    list.extend(now.iter().filter(|z| !all.contains(z)).cloned());
                    let value = Value::from(list);
                    pointer.with_value(|p| {
                        playground.edit(&mut |doc| edit::set(doc, p, Some(value.clone())))
                    });
                };
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid=format!("provider-{i}-zone-{zone}")
                            prop:checked=checked
                            on:change=toggle
                        />
                        <span>{zone.clone()}</span>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <div class="form__checks" role="group" aria-label="Availability Zones of the group">
            <span class="field__label">"Availability Zones"</span>
            {boxes}
        </div>
    }
    .into_any()
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
            if let Some(providers) = doc
                .get_mut("capacityProviders")
                .and_then(Value::as_array_mut)
            {
                for zone in providers
                    .iter_mut()
                    .filter_map(|p| p.get_mut("availabilityZones"))
                    .filter_map(Value::as_array_mut)
                    .flatten()
                    .filter(|z| z.as_str() == Some(old.as_str()))
                {
                    *zone = Value::String(new.clone());
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

/// The catalogue's instance types as (value, label) pairs: `m5.large · 2 vCPU · 8 GiB`.
pub(crate) fn instance_type_options() -> Vec<(String, String)> {
    InstanceCatalog::builtin()
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
        .collect()
}
