//! The cluster picture: one column per Availability Zone, instance cards inside, task chips inside
//! the instances, and a staging area for tasks that could not be placed.

use ecs_sim::{InstanceRecord, Outcome, TaskRecord};
use leptos::prelude::*;

use crate::Playground;

/// Past this many tasks on one instance the rest are summarised in a count badge.
const MAX_CHIPS_PER_INSTANCE: usize = 40;
/// How many distinct group colours the stylesheet defines (`--group-0` … `--group-7`).
const GROUP_COLOURS: usize = 8;

/// One Availability Zone column and the instances in it.
#[derive(Debug, Clone, PartialEq)]
struct ZoneColumn {
    name: String,
    instances: Vec<InstanceRecord>,
}

fn zone_columns(outcome: &Outcome) -> Vec<ZoneColumn> {
    let mut zones: Vec<ZoneColumn> = outcome
        .availability_zones
        .iter()
        .map(|name| ZoneColumn {
            name: name.clone(),
            instances: Vec::new(),
        })
        .collect();
    for instance in &outcome.container_instances {
        match zones
            .iter_mut()
            .find(|z| z.name == instance.availability_zone)
        {
            Some(zone) => zone.instances.push(instance.clone()),
            None => zones.push(ZoneColumn {
                name: instance.availability_zone.clone(),
                instances: vec![instance.clone()],
            }),
        }
    }
    zones
}

/// A stable colour per task group, in order of first appearance.
fn group_colour(outcome: &Outcome, group: &str) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for task in &outcome.tasks {
        if !seen.contains(&task.group.as_str()) {
            seen.push(&task.group);
        }
    }
    seen.iter().position(|g| *g == group).unwrap_or(0) % GROUP_COLOURS
}

#[component]
pub fn ClusterPicture() -> impl IntoView {
    let playground = Playground::use_context();
    let outcome = Memo::new(move |_| playground.evaluation.with(|e| e.outcome.clone()));

    view! {
        <section class="panel picture" aria-label="Cluster picture" data-testid="cluster-picture">
            {move || match outcome.get() {
                None => {
                    view! {
                        <p class="picture__empty" data-testid="picture-empty">
                            "Fix the errors in the scenario to see the cluster."
                        </p>
                    }
                        .into_any()
                }
                Some(outcome) => view! { <Cluster outcome=outcome /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Cluster(
    /// The run to draw.
    outcome: Outcome,
) -> impl IntoView {
    let waiting: Vec<TaskRecord> = outcome
        .tasks
        .iter()
        .filter(|t| t.container_instance.is_none())
        .cloned()
        .collect();
    let zones = zone_columns(&outcome);
    let failures = outcome.failures.clone();
    let outcome = StoredValue::new(outcome);
    view! {
        <div class="zones">
            {zones
                .into_iter()
                .map(|zone| {
                    view! {
                        <div class="zone" data-testid="az" data-az=zone.name.clone()>
                            <h3 class="zone__name">{zone.name.clone()}</h3>
                            {zone
                                .instances
                                .into_iter()
                                .map(|instance| view! { <InstanceCard instance=instance outcome=outcome /> })
                                .collect_view()}
                        </div>
                    }
                })
                .collect_view()}
        </div>
        <div class="staging" data-testid="staging">
            <h3 class="staging__title">"Waiting to be placed"</h3>
            {if waiting.is_empty() && failures.is_empty() {
                view! { <p class="staging__empty">"Every task found an instance."</p> }.into_any()
            } else {
                view! {
                    <div class="staging__chips">
                        {waiting
                            .into_iter()
                            .map(|task| view! { <TaskChip task=task outcome=outcome /> })
                            .collect_view()}
                    </div>
                    <ul class="staging__failures">
                        {failures
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <li data-testid="failure">
                                        <code>{f.request}</code>
                                        " "
                                        <strong>{f.reason}</strong>
                                        " "
                                        {f.detail}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </div>
    }
}

#[component]
fn InstanceCard(
    /// The instance to draw.
    instance: InstanceRecord,
    /// The whole run, for the tasks on this instance and their colours.
    outcome: StoredValue<Outcome>,
) -> impl IntoView {
    let tasks: Vec<TaskRecord> = outcome.with_value(|o| {
        o.tasks
            .iter()
            .filter(|t| t.container_instance.as_deref() == Some(instance.id.as_str()))
            .cloned()
            .collect()
    });
    let hidden = tasks.len().saturating_sub(MAX_CHIPS_PER_INSTANCE);
    let used_cpu = instance
        .registered_cpu
        .saturating_sub(instance.remaining_cpu);
    let used_memory = instance
        .registered_memory
        .saturating_sub(instance.remaining_memory);
    let status_class = format!(
        "instance instance--{}",
        instance.status.to_ascii_lowercase()
    );
    let label = format!(
        "{} {} in {}, {} tasks",
        instance.instance_type,
        instance.id,
        instance.availability_zone,
        tasks.len(),
    );
    view! {
        <article
            class=status_class
            data-testid="instance"
            data-instance-id=instance.id.clone()
            aria-label=label
        >
            <header class="instance__header">
                <span class="instance__type">{instance.instance_type.clone()}</span>
                <span class="instance__id">{instance.id.clone()}</span>
            </header>
            <ResourceBar label="CPU" used=used_cpu total=instance.registered_cpu unit="units" />
            <ResourceBar label="Memory" used=used_memory total=instance.registered_memory unit="MiB" />
            {(instance.enis_in_use > 0)
                .then(|| {
                    view! {
                        <ResourceBar
                            label="ENIs"
                            used=instance.enis_in_use
                            total=instance.eni_limit
                            unit="task ENIs"
                        />
                    }
                })}
            <div class="instance__tasks">
                {tasks
                    .into_iter()
                    .take(MAX_CHIPS_PER_INSTANCE)
                    .map(|task| view! { <TaskChip task=task outcome=outcome /> })
                    .collect_view()}
                {(hidden > 0)
                    .then(|| view! { <span class="instance__more" data-testid="more-tasks">{format!("+{hidden}")}</span> })}
            </div>
        </article>
    }
}

#[component]
fn ResourceBar(
    /// What is measured, e.g. "Memory".
    label: &'static str,
    /// How much tasks have reserved.
    used: u32,
    /// How much the instance registered.
    total: u32,
    /// The unit shown in the tooltip.
    unit: &'static str,
) -> impl IntoView {
    let percent = if total == 0 {
        0.0
    } else {
        f64::from(used) * 100.0 / f64::from(total)
    };
    view! {
        <div class="bar" title=format!("{label}: {used} of {total} {unit} reserved")>
            <span class="bar__label">{label}</span>
            <span class="bar__track">
                <span class="bar__fill" style:width=format!("{percent:.1}%")></span>
            </span>
            <span class="bar__value">{format!("{used}/{total}")}</span>
        </div>
    }
}

#[component]
fn TaskChip(
    /// The task to draw.
    task: TaskRecord,
    /// The whole run, for the task's group colour.
    outcome: StoredValue<Outcome>,
) -> impl IntoView {
    let playground = Playground::use_context();
    let colour = outcome.with_value(|o| group_colour(o, &task.group));
    let id = task.task_id.clone();
    let selected = {
        let id = id.clone();
        move || {
            playground
                .selected_task
                .with(|s| s.as_deref() == Some(id.as_str()))
        }
    };
    let state = task.last_status.to_ascii_lowercase();
    view! {
        <button
            class=format!("task-chip task-chip--group-{colour} task-chip--{state}")
            class:task-chip--selected=selected
            data-testid="task-chip"
            data-task-id=id.clone()
            data-group=task.group.clone()
            title=format!("{} ({}) {}", task.task_id, task.group, task.last_status)
            aria-label=format!("Task {} of {}, {}", task.task_id, task.group, task.last_status)
            on:click=move |_| playground.selected_task.set(Some(id.clone()))
        ></button>
    }
}
