//! Service Auto Scaling for the service shown in the services form: a target-tracking policy with
//! its capacity bounds, and the load curve that drives the metric during the run. Step scaling
//! policies and further policies of the same service are edited in the JSON tab.

use leptos::prelude::*;
use serde_json::{Value, json};

use super::fields::{FieldKind, add_button, json_flag, json_input, json_select, row_buttons};
use crate::Playground;
use crate::edit;

/// The predefined metrics of a target-tracking policy on an ECS service, with a short label (the
/// API names do not fit a narrow select).
const METRICS: [(&str, &str); 3] = [
    ("ECSServiceAverageCPUUtilization", "Average CPU %"),
    ("ECSServiceAverageMemoryUtilization", "Average memory %"),
    ("ALBRequestCountPerTarget", "ALB requests per target"),
];

fn metric_options() -> Vec<(String, String)> {
    METRICS
        .iter()
        .map(|(name, label)| ((*name).to_owned(), (*label).to_owned()))
        .collect()
}

/// The `until` a policy added to a scenario without one sets: the template's load curve, then time
/// for scale-in (15 minutes below 90 % of the target, then the cooldown).
const RUN_SECONDS: u64 = 3600;

/// What the form shows for one service.
#[derive(Debug, Clone, PartialEq)]
enum Scaling {
    /// The service has no scaling policy.
    None { service: String, desired: u64 },
    /// Item `index` of `serviceAutoScaling` scales the service.
    Policy {
        index: usize,
        step_scaling: bool,
        load_points: usize,
        others: usize,
    },
}

/// The auto scaling of the service at `pointer` (`/services/0`).
pub fn service_auto_scaling(pointer: String) -> AnyView {
    let playground = Playground::use_context();
    let scaling = Memo::new(move |_| {
        playground.document.with(|d| {
            let d = d.as_ref()?;
            let service = d
                .pointer(&format!("{pointer}/serviceName"))?
                .as_str()?
                .to_owned();
            let items = d.get("serviceAutoScaling").and_then(Value::as_array);
            let mine: Vec<usize> = items
                .into_iter()
                .flatten()
                .enumerate()
                .filter(|(_, item)| item.get("service").and_then(Value::as_str) == Some(&service))
                .map(|(i, _)| i)
                .collect();
            Some(match mine.first() {
                None => Scaling::None {
                    desired: d
                        .pointer(&format!("{pointer}/desiredCount"))
                        .and_then(Value::as_u64)
                        .unwrap_or(1),
                    service,
                },
                Some(&index) => {
                    let item = &d["serviceAutoScaling"][index];
                    Scaling::Policy {
                        index,
                        step_scaling: item.get("stepScaling").is_some(),
                        load_points: edit::len_at(Some(item), "/load"),
                        others: mine.len() - 1,
                    }
                }
            })
        })
    });
    view! {
        <fieldset class="form__group" data-testid="auto-scaling">
            <legend>"Service Auto Scaling"</legend>
            {move || scaling.get().map(|s| match s {
                Scaling::None { service, desired } => no_policy(playground, service, desired),
                Scaling::Policy { index, step_scaling, load_points, others } => {
                    policy_fields(playground, index, step_scaling, load_points, others)
                }
            })}
        </fieldset>
    }
    .into_any()
}

fn no_policy(playground: Playground, service: String, desired: u64) -> AnyView {
    let add = move |_| {
        let item = json!({
            "service": service,
            "minCapacity": desired.max(1),
            "maxCapacity": (desired * 2).max(desired + 2),
            "targetTracking": {"predefinedMetricType": METRICS[0].0, "targetValue": 50},
            // Half the target, then a peak that needs more tasks, then quiet again.
            "load": [
                {"at": 0, "value": desired * 25},
                {"at": 300, "value": desired * 90},
                {"at": 1800, "value": desired * 10}
            ]
        });
        playground.edit(&mut |doc| {
            if let Some(items) = edit::list_at(doc, "/serviceAutoScaling") {
                items.push(item.clone());
            }
            // The run's length is then in the form, where the load curve is.
            if doc.get("until").is_none() {
                edit::set(doc, "/until", Some(json!(RUN_SECONDS)));
            }
        });
    };
    view! {
        <p class="muted">"No scaling policy: the desired count stays as set."</p>
        <button class="button button--add" data-testid="add-target-tracking" on:click=add>
            "+ Target tracking policy"
        </button>
    }
    .into_any()
}

fn policy_fields(
    playground: Playground,
    index: usize,
    step_scaling: bool,
    load_points: usize,
    others: usize,
) -> AnyView {
    let base = format!("/serviceAutoScaling/{index}");
    let policy = if step_scaling {
        view! { <p class="muted">"A step scaling policy with its CloudWatch alarm: edit it in the JSON tab."</p> }
            .into_any()
    } else {
        let tracking = format!("{base}/targetTracking");
        view! {
            <p class="muted form__help">
                "Target tracking scales out after 3 minutes above the target and in after 15 minutes below 90 % of it, within the capacity bounds."
            </p>
            <div class="form__grid">
                {json_select("Metric".into(), format!("{tracking}/predefinedMetricType"), metric_options(), "scaling-metric".into())}
                {json_input("Target value".into(), format!("{tracking}/targetValue"), FieldKind::Number, "scaling-target".into())}
                {json_input("Scale-out cooldown (s)".into(), format!("{tracking}/scaleOutCooldown"), FieldKind::Number, "scaling-out-cooldown".into())}
                {json_input("Scale-in cooldown (s)".into(), format!("{tracking}/scaleInCooldown"), FieldKind::Number, "scaling-in-cooldown".into())}
                {json_flag("Disable scale-in", format!("{tracking}/disableScaleIn"), "scaling-disable-in".into())}
            </div>
        }
        .into_any()
    };
    let load = format!("{base}/load");
    let rows = (0..load_points)
        .map(|i| {
            let point = format!("{load}/{i}");
            view! {
                <div class="list-row" data-testid="load-point">
                    <span class="list-row__index">{i + 1}</span>
                    {json_input("At (s)".into(), format!("{point}/at"), FieldKind::Number, format!("load-{i}-at"))}
                    {json_input("Load".into(), format!("{point}/value"), FieldKind::Number, format!("load-{i}-value"))}
                    {row_buttons(load.clone(), i, load_points, "load point")}
                </div>
            }
        })
        .collect_view();
    let next_at = playground.document.with_untracked(|d| {
        d.as_ref()
            .and_then(|d| d.pointer(&format!("{load}/{}/at", load_points.saturating_sub(1))))
            .and_then(Value::as_u64)
            .map_or(0, |at| at + 300)
    });
    let remove = move |_| {
        let pointer = format!("/serviceAutoScaling/{index}");
        playground.edit(&mut |doc| edit::set(doc, &pointer, None));
    };
    view! {
        <div class="form__grid">
            {json_input("Min capacity".into(), format!("{base}/minCapacity"), FieldKind::Number, "scaling-min".into())}
            {json_input("Max capacity".into(), format!("{base}/maxCapacity"), FieldKind::Number, "scaling-max".into())}
            {json_input("Run until (s)".into(), "/until".to_owned(), FieldKind::Number, "scaling-until".into())}
        </div>
        {policy}
        <p class="form__subtitle">
            "Load: the metric's total over the running tasks from each time on (CPU 300 on 6 tasks is 50 % each)"
        </p>
        {rows}
        <div class="form__row">
            {add_button("+ Load point", load.clone(), json!({"at": next_at, "value": 100}), "add-load-point")}
            <button class="button" data-testid="remove-scaling" on:click=remove>"Remove the policy"</button>
        </div>
        {(others > 0).then(|| view! {
            <p class="muted">{format!("This service has {others} more scaling {}; edit {} in the JSON tab.", if others == 1 { "policy" } else { "policies" }, if others == 1 { "it" } else { "them" })}</p>
        })}
    }
    .into_any()
}
