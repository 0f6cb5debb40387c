//! Service Auto Scaling for the service shown in the services form: its scalable target (minimum
//! and maximum capacity), every scaling policy on it (target tracking, or step scaling on a
//! CloudWatch alarm), and the load curve that drives the metric during the run.
//!
//! The scenario gives each policy its own bounds and load curve, but in ECS both belong to the
//! service: one scalable target, one workload. So the form shows them once and writes them to
//! every policy of the service alike.

use ecs_sim::{AdjustmentType, Comparison};
use leptos::prelude::*;
use serde_json::{Value, json};

use super::fields::{FieldKind, json_flag, json_input, json_input_each, json_select, row_buttons};
use crate::Playground;
use crate::edit;

/// The predefined metrics of a target-tracking policy on an ECS service, with a short label (the
/// API names do not fit a narrow select).
const METRICS: [(&str, &str); 3] = [
    ("ECSServiceAverageCPUUtilization", "Average CPU %"),
    ("ECSServiceAverageMemoryUtilization", "Average memory %"),
    ("ALBRequestCountPerTarget", "ALB requests per target"),
];

/// The CloudWatch metrics a step scaling policy's alarm watches, with a short label.
const ALARM_METRICS: [(&str, &str); 3] = [
    ("CPUUtilization", "CPU %"),
    ("MemoryUtilization", "Memory %"),
    ("RequestCountPerTarget", "Requests per target"),
];

/// The `until` a policy added to a scenario without one sets: the template's load curve, then time
/// for scale-in (15 minutes below 90 % of the target, then the cooldown).
const RUN_SECONDS: u64 = 3600;

fn options(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, label)| ((*name).to_owned(), (*label).to_owned()))
        .collect()
}

/// One scaling policy of the service, as the form lays it out.
#[derive(Debug, Clone, PartialEq)]
struct PolicyShape {
    /// Its index in `serviceAutoScaling`.
    index: usize,
    /// For a step scaling policy, how many step adjustments it has.
    steps: Option<usize>,
    /// A step scaling policy that adjusts by a percentage (only it has a minimum magnitude).
    percent: bool,
    /// The first policy of its kind on the service, which explains the kind.
    explained: bool,
}

/// What the form shows for one service.
#[derive(Debug, Clone, PartialEq)]
struct Scaling {
    service: String,
    desired: u64,
    policies: Vec<PolicyShape>,
    /// The load points of the first policy, which the form shows for the service.
    load_points: usize,
    /// The policies' load curves are not all the same.
    loads_differ: bool,
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
            let mine: Vec<(usize, &Value)> = items
                .into_iter()
                .flatten()
                .enumerate()
                .filter(|(_, item)| item.get("service").and_then(Value::as_str) == Some(&service))
                .collect();
            let load = |item: &Value| item.get("load").cloned();
            Some(Scaling {
                desired: d
                    .pointer(&format!("{pointer}/desiredCount"))
                    .and_then(Value::as_u64)
                    .unwrap_or(1),
                policies: mine
                    .iter()
                    .enumerate()
                    .map(|(k, (index, item))| {
                        let step = item.get("stepScaling");
                        PolicyShape {
                            index: *index,
                            steps: step.map(|s| edit::len_at(Some(s), "/stepAdjustments")),
                            percent: step
                                .and_then(|s| s.get("adjustmentType"))
                                .and_then(Value::as_str)
                                == Some("PercentChangeInCapacity"),
                            explained: !mine[..k].iter().any(|(_, other)| {
                                other.get("stepScaling").is_some() == step.is_some()
                            }),
                        }
                    })
                    .collect(),
                load_points: mine
                    .first()
                    .map_or(0, |(_, item)| edit::len_at(Some(item), "/load")),
                loads_differ: mine.windows(2).any(|w| load(w[0].1) != load(w[1].1)),
                service,
            })
        })
    });
    view! {
        <fieldset class="form__group" data-testid="auto-scaling">
            <legend>"Service Auto Scaling"</legend>
            {move || scaling.get().map(|s| scaling_fields(playground, s))}
        </fieldset>
    }
    .into_any()
}

fn scaling_fields(playground: Playground, scaling: Scaling) -> AnyView {
    let Scaling {
        service,
        desired,
        policies,
        load_points,
        loads_differ,
    } = scaling;
    let indices: Vec<usize> = policies.iter().map(|p| p.index).collect();
    let target = if indices.is_empty() {
        view! { <p class="muted">"No scaling policy: the desired count stays as set."</p> }
            .into_any()
    } else {
        let each = |member: &str| -> Vec<String> {
            indices
                .iter()
                .map(|i| format!("/serviceAutoScaling/{i}/{member}"))
                .collect()
        };
        view! {
            <div class="form__grid">
                {json_input_each("Min capacity".into(), each("minCapacity"), FieldKind::Number, "scaling-min".into())}
                {json_input_each("Max capacity".into(), each("maxCapacity"), FieldKind::Number, "scaling-max".into())}
                {json_input("Run until (s)".into(), "/until".to_owned(), FieldKind::Number, "scaling-until".into())}
            </div>
        }
        .into_any()
    };
    let count = policies.len();
    let policy_views = policies
        .into_iter()
        .enumerate()
        .map(|(k, policy)| policy_fields(playground, k, count, policy))
        .collect_view();
    let load = (!indices.is_empty())
        .then(|| load_fields(playground, indices.clone(), load_points, loads_differ));
    let step_out = playground.document.with_untracked(|d| {
        // A second step policy is usually the scale-in half of the pair.
        let comparisons: Vec<&str> = indices
            .iter()
            .filter_map(|i| {
                d.as_ref()?
                    .pointer(&format!(
                        "/serviceAutoScaling/{i}/stepScaling/comparisonOperator"
                    ))?
                    .as_str()
            })
            .collect();
        let scales_out = comparisons.iter().any(|c| c.starts_with("Greater"));
        let scales_in = comparisons.iter().any(|c| c.starts_with("Less"));
        !scales_out || scales_in
    });
    let add = move |step: bool| {
        let service = service.clone();
        let indices = indices.clone();
        move |_| {
            playground.edit(&mut |doc| {
                let first = indices
                    .first()
                    .and_then(|i| doc.pointer(&format!("/serviceAutoScaling/{i}")))
                    .cloned();
                let item = new_policy(&service, desired, first.as_ref(), step, step_out);
                if let Some(items) = edit::list_at(doc, "/serviceAutoScaling") {
                    items.push(item);
                }
                // The run's length is then in the form, where the load curve is.
                if doc.get("until").is_none() {
                    edit::set(doc, "/until", Some(json!(RUN_SECONDS)));
                }
            });
        }
    };
    view! {
        {target}
        {policy_views}
        {load}
        <div class="form__row">
            <button class="button button--add" data-testid="add-target-tracking" on:click=add(false)>
                "+ Target tracking policy"
            </button>
            <button class="button button--add" data-testid="add-step-scaling" on:click=add(true)>
                {if step_out { "+ Step scaling policy" } else { "+ Step scaling policy (scale-in)" }}
            </button>
        </div>
    }
    .into_any()
}

/// A new policy for `service`: its bounds and load curve are those of the service's `first`
/// policy when it has one. A target-tracking policy keeps CPU at 50 %; a step scaling policy adds
/// tasks when CPU reaches 70 % (more past 90 %), or, when `step_out` is false, removes one below
/// 30 %.
fn new_policy(
    service: &str,
    desired: u64,
    first: Option<&Value>,
    step: bool,
    step_out: bool,
) -> Value {
    let shared =
        |key: &str, default: Value| first.and_then(|f| f.get(key)).cloned().unwrap_or(default);
    let mut item = json!({
        "service": service,
        "minCapacity": shared("minCapacity", json!(desired.max(1))),
        "maxCapacity": shared("maxCapacity", json!((desired * 2).max(desired + 2))),
    });
    if !step {
        item["targetTracking"] = json!({"predefinedMetricType": METRICS[0].0, "targetValue": 50});
    } else {
        item["stepScaling"] = if step_out {
            json!({
                "metricName": "CPUUtilization",
                "comparisonOperator": "GreaterThanOrEqualToThreshold",
                "threshold": 70,
                "evaluationPeriods": 1,
                "adjustmentType": "ChangeInCapacity",
                "stepAdjustments": [
                    {"metricIntervalLowerBound": 0, "metricIntervalUpperBound": 20, "scalingAdjustment": 1},
                    {"metricIntervalLowerBound": 20, "scalingAdjustment": 3}
                ],
                "cooldown": 120
            })
        } else {
            json!({
                "metricName": "CPUUtilization",
                "comparisonOperator": "LessThanThreshold",
                "threshold": 30,
                "evaluationPeriods": 2,
                "adjustmentType": "ChangeInCapacity",
                "stepAdjustments": [{"metricIntervalUpperBound": 0, "scalingAdjustment": -1}],
                "cooldown": 120
            })
        };
    }
    // Quarter load, then a peak that needs more tasks, then quiet again.
    item["load"] = shared(
        "load",
        json!([
            {"at": 0, "value": desired * 25},
            {"at": 300, "value": desired * 90},
            {"at": 1800, "value": desired * 10}
        ]),
    );
    item
}

/// The fields of the `k`-th of the service's `count` policies.
fn policy_fields(playground: Playground, k: usize, count: usize, policy: PolicyShape) -> AnyView {
    let base = format!("/serviceAutoScaling/{}", policy.index);
    let remove = {
        let base = base.clone();
        move |_| playground.edit(&mut |doc| edit::set(doc, &base, None))
    };
    let (title, fields) = match policy.steps {
        None => (
            "target tracking",
            target_tracking_fields(&base, k, policy.explained),
        ),
        Some(steps) => (
            "step scaling",
            step_scaling_fields(playground, &base, k, steps, &policy),
        ),
    };
    view! {
        <div class="scaling-policy" data-testid="scaling-policy">
            <p class="form__subtitle">
                {if count > 1 { format!("Policy {}: {title}", k + 1) } else { format!("Policy: {title}") }}
            </p>
            {fields}
            <button class="button" data-testid=format!("remove-scaling-{k}") on:click=remove>
                "Remove the policy"
            </button>
        </div>
    }
    .into_any()
}

fn target_tracking_fields(base: &str, k: usize, explained: bool) -> AnyView {
    let tracking = format!("{base}/targetTracking");
    view! {
        {explained.then(|| view! {
            <p class="muted form__help">
                "Target tracking scales out after 3 minutes above the target and in after 15 minutes below 90 % of it, within the capacity bounds. With several policies, the service scales out when any asks and in only when all do."
            </p>
        })}
        <div class="form__grid">
            {json_select("Metric".into(), format!("{tracking}/predefinedMetricType"), options(&METRICS), format!("scaling-{k}-metric"))}
            {json_input("Target value".into(), format!("{tracking}/targetValue"), FieldKind::Number, format!("scaling-{k}-target"))}
            {json_input("Scale-out cooldown (s)".into(), format!("{tracking}/scaleOutCooldown"), FieldKind::Number, format!("scaling-{k}-out-cooldown"))}
            {json_input("Scale-in cooldown (s)".into(), format!("{tracking}/scaleInCooldown"), FieldKind::Number, format!("scaling-{k}-in-cooldown"))}
            {json_flag("Disable scale-in", format!("{tracking}/disableScaleIn"), format!("scaling-{k}-disable-in"))}
        </div>
    }
    .into_any()
}

fn step_scaling_fields(
    playground: Playground,
    base: &str,
    k: usize,
    steps: usize,
    policy: &PolicyShape,
) -> AnyView {
    let step = format!("{base}/stepScaling");
    let comparisons: Vec<(String, String)> = Comparison::ALL
        .iter()
        .map(|c| {
            let symbol = c.symbol().replace(">=", "≥").replace("<=", "≤");
            (c.as_str().to_owned(), format!("{symbol} threshold"))
        })
        .collect();
    let adjustment_types: Vec<(String, String)> = AdjustmentType::ALL
        .iter()
        .map(|t| {
            let label = match t {
                AdjustmentType::ChangeInCapacity => "Change in capacity",
                AdjustmentType::PercentChangeInCapacity => "Percent change",
                AdjustmentType::ExactCapacity => "Exact capacity",
            };
            (t.as_str().to_owned(), label.to_owned())
        })
        .collect();
    let list = format!("{step}/stepAdjustments");
    let rows = (0..steps)
        .map(|i| {
            let item = format!("{list}/{i}");
            view! {
                <div class="list-row" data-testid="step-adjustment">
                    <span class="list-row__index">{i + 1}</span>
                    {json_input("From".into(), format!("{item}/metricIntervalLowerBound"), FieldKind::Number, format!("scaling-{k}-step-{i}-lower"))}
                    {json_input("To".into(), format!("{item}/metricIntervalUpperBound"), FieldKind::Number, format!("scaling-{k}-step-{i}-upper"))}
                    {json_input("Adjustment".into(), format!("{item}/scalingAdjustment"), FieldKind::Number, format!("scaling-{k}-step-{i}-adjustment"))}
                    {row_buttons(list.clone(), i, steps, "step adjustment")}
                </div>
            }
        })
        .collect_view();
    let add_step = move |_| {
        let list = list.clone();
        playground.edit(&mut |doc| {
            if let Some(items) = edit::list_at(doc, &list) {
                add_step_adjustment(items);
            }
        });
    };
    view! {
        {policy.explained.then(|| view! {
            <p class="muted form__help">
                "The alarm fires after its evaluation periods (one minute each) past the threshold, and the policy then acts once a minute. A step's bounds are relative to the threshold: with threshold 70, from 0 to 20 covers 70 to 90; an empty bound is open. The steps must meet with no gap or overlap."
            </p>
        })}
        <div class="form__grid">
            {json_select("Alarm metric".into(), format!("{step}/metricName"), options(&ALARM_METRICS), format!("scaling-{k}-alarm-metric"))}
            {json_select("Comparison".into(), format!("{step}/comparisonOperator"), comparisons, format!("scaling-{k}-comparison"))}
            {json_input("Threshold".into(), format!("{step}/threshold"), FieldKind::Number, format!("scaling-{k}-threshold"))}
            {json_input("Evaluation periods".into(), format!("{step}/evaluationPeriods"), FieldKind::Number, format!("scaling-{k}-periods"))}
            {json_select("Adjustment type".into(), format!("{step}/adjustmentType"), adjustment_types, format!("scaling-{k}-adjustment-type"))}
            {json_input("Cooldown (s)".into(), format!("{step}/cooldown"), FieldKind::Number, format!("scaling-{k}-cooldown"))}
            {policy.percent.then(|| json_input("Min adjustment magnitude".into(), format!("{step}/minAdjustmentMagnitude"), FieldKind::Number, format!("scaling-{k}-min-magnitude")))}
        </div>
        {rows}
        <button class="button button--add" data-testid=format!("add-step-{k}") on:click=add_step>
            "+ Step"
        </button>
    }
    .into_any()
}

/// Adds a step beyond the policy's steps so the intervals still meet, asking for one task more
/// than the furthest step. A scale-out policy (positive adjustments) grows upward: an open-ended
/// last step is closed 20 above its start and the new one takes the rest. A scale-in policy
/// (negative adjustments) grows downward the same way.
fn add_step_adjustment(items: &mut Vec<Value>) {
    const WIDTH: f64 = 20.0;
    let bound = |item: &Value, key: &str| item.get(key).and_then(Value::as_f64);
    let number = |x: f64| {
        if x.fract() == 0.0 && x.abs() < 1e15 {
            json!(x as i64)
        } else {
            json!(x)
        }
    };
    let (Some(first), Some(last)) = (items.first().cloned(), items.last().cloned()) else {
        items.push(json!({"metricIntervalLowerBound": 0, "scalingAdjustment": 1}));
        return;
    };
    let adjustment = |item: &Value| item.get("scalingAdjustment").and_then(Value::as_i64);
    if adjustment(&last).unwrap_or(1) >= 0 {
        let next = adjustment(&last).unwrap_or(0) + 1;
        let start = match bound(&last, "metricIntervalUpperBound") {
            Some(upper) => upper,
            None => {
                let start = bound(&last, "metricIntervalLowerBound").unwrap_or(0.0) + WIDTH;
                if let Some(last) = items.last_mut() {
                    last["metricIntervalUpperBound"] = number(start);
                }
                start
            }
        };
        items.push(json!({"metricIntervalLowerBound": number(start), "scalingAdjustment": next}));
    } else {
        let next = adjustment(&first).unwrap_or(0).min(0) - 1;
        let end = match bound(&first, "metricIntervalLowerBound") {
            Some(lower) => lower,
            None => {
                let end = bound(&first, "metricIntervalUpperBound").unwrap_or(0.0) - WIDTH;
                items[0]["metricIntervalLowerBound"] = number(end);
                end
            }
        };
        items.insert(
            0,
            json!({"metricIntervalUpperBound": number(end), "scalingAdjustment": next}),
        );
    }
}

/// The service's load curve, shown from its first policy and written to every policy.
fn load_fields(
    playground: Playground,
    indices: Vec<usize>,
    load_points: usize,
    loads_differ: bool,
) -> AnyView {
    let lists: Vec<String> = indices
        .iter()
        .map(|i| format!("/serviceAutoScaling/{i}/load"))
        .collect();
    let rows = (0..load_points)
        .map(|j| {
            let each = |member: &str| -> Vec<String> {
                lists.iter().map(|l| format!("{l}/{j}/{member}")).collect()
            };
            let remove_from = lists.clone();
            let remove = move |_| {
                playground.edit(&mut |doc| {
                    for list in &remove_from {
                        edit::set(doc, &format!("{list}/{j}"), None);
                    }
                })
            };
            view! {
                <div class="list-row" data-testid="load-point">
                    <span class="list-row__index">{j + 1}</span>
                    {json_input_each("At (s)".into(), each("at"), FieldKind::Number, format!("load-{j}-at"))}
                    {json_input_each("Load".into(), each("value"), FieldKind::Number, format!("load-{j}-value"))}
                    <span class="row-buttons">
                        <button
                            class="icon-button icon-button--danger"
                            aria-label=format!("Remove load point {}", j + 1)
                            data-testid=format!("remove-load-point-{j}")
                            on:click=remove
                        >
                            "✕"
                        </button>
                    </span>
                </div>
            }
        })
        .collect_view();
    let add = move |_| {
        playground.edit(&mut |doc| {
            let next_at = lists
                .first()
                .and_then(|l| doc.pointer(l))
                .and_then(Value::as_array)
                .and_then(|points| {
                    points
                        .iter()
                        .filter_map(|p| p.get("at").and_then(Value::as_u64))
                        .max()
                })
                .map_or(0, |at| at + 300);
            for list in &lists {
                if let Some(points) = edit::list_at(doc, list) {
                    points.push(json!({"at": next_at, "value": 100}));
                }
            }
        })
    };
    view! {
        <p class="form__subtitle">
            "Load: the metric's total over the running tasks from each time on (CPU 300 on 6 tasks is 50 % each)"
        </p>
        {loads_differ.then(|| view! {
            <p class="muted">"This service's policies have different load curves: the form shows the first policy's, and a change here is made in every policy."</p>
        })}
        {rows}
        <button class="button button--add" data-testid="add-load-point" on:click=add>"+ Load point"</button>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default scenario with `policies` of the form's templates added to its service `web`,
    /// in order (`true` for step scaling), and the run's desired-count changes.
    fn scaled(policies: &[bool]) -> Vec<String> {
        let mut document: Value = serde_json::from_str(ecs_scenario::DEFAULT_SCENARIO).unwrap();
        for &step in policies {
            let items: Vec<Value> = document
                .get("serviceAutoScaling")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let step_out = !items.iter().any(|i| i.get("stepScaling").is_some());
            let item = new_policy("web", 6, items.first(), step, step_out);
            edit::list_at(&mut document, "/serviceAutoScaling")
                .unwrap()
                .push(item);
        }
        document["until"] = json!(RUN_SECONDS);
        let evaluation = ecs_scenario::evaluate(&document.to_string());
        let problems: Vec<_> = evaluation
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect();
        assert!(problems.is_empty(), "{problems:?}");
        evaluation
            .outcome
            .unwrap()
            .timeline
            .into_iter()
            .filter(|e| e.kind == "DesiredCountChanged")
            .map(|e| {
                let counts = e.message.rsplit(": ").next().unwrap_or_default().to_owned();
                format!("{} {counts}", e.at)
            })
            .collect()
    }

    #[test]
    fn the_step_scaling_pair_scales_out_by_the_far_step_and_back_in_one_task_at_a_time() {
        // 540 on 6 tasks is 90 %, 20 past the 70 % threshold: the second step, +3.
        assert_eq!(scaled(&[true]), ["300 desired count 6 → 9"]);
        // The second template is the scale-in half, and shares the first's bounds and load.
        assert_eq!(
            scaled(&[true, true]),
            [
                "300 desired count 6 → 9",
                "1860 desired count 9 → 8",
                "1980 desired count 8 → 7",
                "2100 desired count 7 → 6",
            ]
        );
    }

    #[test]
    fn a_target_tracking_template_runs_without_a_diagnostic() {
        assert_eq!(
            scaled(&[false]).first().map(String::as_str),
            Some("420 desired count 6 → 11")
        );
    }

    fn steps(items: Value) -> Value {
        let mut items = items.as_array().unwrap().clone();
        add_step_adjustment(&mut items);
        Value::Array(items)
    }

    #[test]
    fn a_new_step_meets_the_last_one() {
        assert_eq!(
            steps(json!([])),
            json!([{"metricIntervalLowerBound": 0, "scalingAdjustment": 1}])
        );
        assert_eq!(
            steps(
                json!([{"metricIntervalLowerBound": 0, "metricIntervalUpperBound": 20, "scalingAdjustment": 1}])
            ),
            json!([
                {"metricIntervalLowerBound": 0, "metricIntervalUpperBound": 20, "scalingAdjustment": 1},
                {"metricIntervalLowerBound": 20, "scalingAdjustment": 2}
            ])
        );
        // An open-ended last step is closed 20 above its start.
        assert_eq!(
            steps(json!([{"metricIntervalLowerBound": 0, "scalingAdjustment": 1}])),
            json!([
                {"metricIntervalLowerBound": 0, "scalingAdjustment": 1, "metricIntervalUpperBound": 20},
                {"metricIntervalLowerBound": 20, "scalingAdjustment": 2}
            ])
        );
        // A scale-in step open below gets a larger scale-in step before it.
        assert_eq!(
            steps(json!([{"metricIntervalUpperBound": 0, "scalingAdjustment": -1}])),
            json!([
                {"metricIntervalUpperBound": -20, "scalingAdjustment": -2},
                {"metricIntervalUpperBound": 0, "scalingAdjustment": -1, "metricIntervalLowerBound": -20}
            ])
        );
        // Growing further down starts below the first step's start.
        assert_eq!(
            steps(json!([
                {"metricIntervalUpperBound": -10, "scalingAdjustment": -2},
                {"metricIntervalLowerBound": -10, "metricIntervalUpperBound": 0, "scalingAdjustment": -1}
            ])),
            json!([
                {"metricIntervalUpperBound": -30, "scalingAdjustment": -3},
                {"metricIntervalUpperBound": -10, "scalingAdjustment": -2, "metricIntervalLowerBound": -30},
                {"metricIntervalLowerBound": -10, "metricIntervalUpperBound": 0, "scalingAdjustment": -1}
            ])
        );
    }
}
