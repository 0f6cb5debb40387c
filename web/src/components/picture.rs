//! The cluster picture: a staging area for tasks not (yet) placed, one column per Availability
//! Zone with instance cards and a Fargate lane, and task chips on one layer above them, put by
//! `transform` in the slots `layout` computes and flown there by the flight layer's canvas. A
//! table view says the same in rows for screen readers and for people who prefer text.

use ecs_sim::InstanceRecord;
use leptos::prelude::*;

use super::boundary::{Panel, PanelBoundary, PanelError};
use super::flight::{FlightLayer, FlightState};
use crate::layout::{self, Chip, PictureLayout};
use crate::{Playground, Selection};

/// How the picture is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    Picture,
    Table,
}

#[component]
pub fn ClusterPicture() -> impl IntoView {
    let playground = Playground::use_context();
    let view_mode = RwSignal::new(View::Picture);
    let has_run = Memo::new(move |_| playground.evaluation.with(|e| e.outcome.is_some()));
    let chips = Memo::new(move |_| {
        playground
            .evaluation
            .with(|e| e.outcome.as_ref().map(layout::chips).unwrap_or_default())
    });
    // How much each box must hold at any step, so that nothing changes size while stepping.
    let extent = Memo::new(move |_| {
        playground.evaluation.with(|e| {
            chips.with(|c| {
                e.outcome
                    .as_ref()
                    .map(|full| layout::Extent::of(full, c))
                    .unwrap_or_default()
            })
        })
    });
    // The width the picture may use; measured on mount and on window resizes only.
    let available = RwSignal::new(600);
    let picture = Memo::new(move |_| {
        let step = playground.step_number();
        let available = available.get();
        playground.evaluation.with(|e| {
            let Some(full) = e.outcome.as_ref() else {
                return PictureLayout::default();
            };
            playground.shown.with(|shown| {
                chips.with(|c| {
                    extent.with(|x| {
                        let shown = shown.as_ref().unwrap_or(full);
                        layout::layout_within(x, full, shown, c, step, available)
                    })
                })
            })
        })
    });

    // Checked apart from the layout so that the body runs again only when the verdict changes,
    // not at every step: rebuilding the canvas would stop the chips' animation.
    let misplaced = Memo::new(move |_| {
        picture.with(|p| {
            playground
                .shown
                .with(|s| s.as_ref().and_then(|s| layout::misplaced_task(p, s)))
        })
    });
    let body = move || -> Result<AnyView, PanelError> {
        if !has_run.get() {
            return Ok(view! {
                <p class="picture__empty" data-testid="picture-empty">
                    "Fix the errors in the scenario to see the cluster."
                </p>
            }
            .into_any());
        }
        if view_mode.get() == View::Table {
            return Ok(view! { <ClusterTable /> }.into_any());
        }
        if let Some(problem) = misplaced.get() {
            return Err(PanelError::new(format!(
                "{problem} The Table view still lists every task."
            )));
        }
        Ok(view! { <Canvas chips=chips picture=picture available=available /> }.into_any())
    };

    view! {
        <section class="panel picture" aria-label="Cluster picture" data-testid="cluster-picture">
            <div class="panel__bar">
                <h2 class="panel__title">"Cluster"</h2>
                <span class="picture__legend" aria-hidden="true">
                    <span class="legend legend--waiting">"waiting"</span>
                    <span class="legend legend--running">"running"</span>
                    <span class="legend legend--failed">"not placed"</span>
                </span>
                <div class="segmented" role="group" aria-label="Show the cluster as">
                    <button
                        class="segmented__option"
                        data-testid="view-picture"
                        aria-pressed=move || (view_mode.get() == View::Picture).to_string()
                        on:click=move |_| view_mode.set(View::Picture)
                    >
                        "Picture"
                    </button>
                    <button
                        class="segmented__option"
                        data-testid="view-table"
                        aria-pressed=move || (view_mode.get() == View::Table).to_string()
                        on:click=move |_| view_mode.set(View::Table)
                    >
                        "Table"
                    </button>
                </div>
            </div>
            <PanelBoundary panel=Panel::Picture body=body />
            <Failures />
        </section>
    }
}

#[component]
fn Canvas(
    /// Every chip of the run.
    chips: Memo<Vec<Chip>>,
    /// Where everything goes at the current step.
    picture: Memo<PictureLayout>,
    /// Set to the width the picture may use.
    available: RwSignal<i32>,
) -> impl IntoView {
    let playground = Playground::use_context();
    let scroll = NodeRef::<leptos::html::Div>::new();
    let measure = move || {
        if let Some(el) = scroll.get_untracked() {
            let width = el.client_width();
            if width > 0 {
                available.set(width);
            }
        }
    };
    Effect::new(move |_| {
        if scroll.get().is_some() {
            measure();
        }
    });
    let flying = RwSignal::new(FlightState::Landed);
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    let zone_names = Memo::new(move |_| {
        picture.with(|p| p.zones.iter().map(|z| z.name.clone()).collect::<Vec<_>>())
    });
    let card_ids = Memo::new(move |_| {
        picture.with(|p| p.cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>())
    });
    let staged = move || {
        picture.with(|p| {
            p.places
                .values()
                .filter(|pl| pl.instance.is_none() && pl.zone.is_none())
                .count()
        })
    };
    view! {
        <div class="picture__scroll" node_ref=scroll>
            <div
                class="canvas"
                data-testid="canvas"
                data-flying=move || flying.get().is_flying().to_string()
                style:width=move || px(picture.with(|p| p.width))
                style:height=move || px(picture.with(|p| p.height))
            >
                <div
                    class="staging"
                    data-testid="staging"
                    style:transform=move || picture.with(|p| translate(p.staging.x, p.staging.y))
                    style:width=move || px(picture.with(|p| p.staging.w))
                    style:height=move || px(picture.with(|p| p.staging.h))
                >
                    <h3 class="staging__title">
                        {move || match staged() {
                            0 => "Staging: every task found a place".to_owned(),
                            n => format!("Staging: {n} waiting or not placed"),
                        }}
                    </h3>
                </div>
                <For each=move || zone_names.get() key=|name| name.clone() let:name>
                    <Zone name=name picture=picture />
                </For>
                <For each=move || card_ids.get() key=|id| id.clone() let:id>
                    <InstanceCard id=id picture=picture />
                </For>
                // One layer for every chip button, so a flight hides them all with one opacity
                // the browser then need not paint, instead of restyling each chip.
                <div
                    class="chips"
                    class:chips--flying=move || flying.get().is_flying()
                    class:chips--unrendered=move || flying.get() == FlightState::FlyingUnrendered
                    data-testid="chip-layer"
                >
                    <For each=move || chips.get() key=|chip| chip.key.clone() let:chip>
                        <TaskChip chip=chip picture=picture />
                    </For>
                </div>
                <FlightLayer picture=picture chips=chips flying=flying />
            </div>
        </div>
        <p class="sr-only">{move || playground.evaluation.with(|e| e.outcome.as_ref().map(|o| format!("{} tasks on {} instances.", o.tasks.len(), o.container_instances.len())))}</p>
    }
}

fn px(n: i32) -> String {
    format!("{n}px")
}

fn translate(x: i32, y: i32) -> String {
    format!("translate({x}px,{y}px)")
}

#[component]
fn Zone(
    /// The Availability Zone's name.
    name: String,
    /// Where everything goes at the current step.
    picture: Memo<PictureLayout>,
) -> impl IntoView {
    let zone = {
        let name = name.clone();
        Memo::new(move |_| picture.with(|p| p.zones.iter().find(|z| z.name == name).cloned()))
    };
    let rect = move || zone.with(|z| z.as_ref().map(|z| z.rect).unwrap_or_default());
    let lane = move || {
        zone.with(|z| {
            z.as_ref()
                .and_then(|z| z.lane.map(|l| (l, z.rect, z.lane_hidden)))
        })
    };
    view! {
        <div
            class="zone"
            data-testid="az"
            data-az=name.clone()
            style:transform=move || translate(rect().x, rect().y)
            style:width=move || px(rect().w)
            style:height=move || px(rect().h)
        >
            <h3 class="zone__name">{name.clone()}</h3>
            {move || {
                lane()
                    .map(|(lane, zone, hidden)| {
                        view! {
                            <div
                                class="lane"
                                data-testid="fargate-lane"
                                style:top=px(lane.y - zone.y)
                                style:left=px(lane.x - zone.x)
                                style:width=px(lane.w)
                                style:height=px(lane.h)
                            >
                                <span class="lane__title">"Fargate"</span>
                                {(hidden > 0).then(|| view! { <span class="badge">{format!("+{hidden}")}</span> })}
                            </div>
                        }
                    })
            }}
        </div>
    }
}

#[component]
fn InstanceCard(
    /// The container instance id.
    id: String,
    /// Where everything goes at the current step.
    picture: Memo<PictureLayout>,
) -> impl IntoView {
    let playground = Playground::use_context();
    let card = {
        let id = id.clone();
        Memo::new(move |_| picture.with(|p| p.cards.iter().find(|c| c.id == id).cloned()))
    };
    let record = {
        let id = id.clone();
        Memo::new(move |_| {
            playground.shown.with(|s| {
                s.as_ref()
                    .and_then(|o| o.container_instances.iter().find(|i| i.id == id).cloned())
            })
        })
    };
    let selected = {
        let id = id.clone();
        move || {
            playground
                .selection
                .with(|s| matches!(s, Selection::Instance(i) if *i == id))
        }
    };
    let rect = move || card.with(|c| c.as_ref().map(|c| c.rect).unwrap_or_default());
    let select = {
        let id = id.clone();
        move |_| playground.selection.set(Selection::Instance(id.clone()))
    };
    view! {
        <article
            class=move || record.with(|r| format!("instance instance--{}", r.as_ref().map_or("active".to_owned(), |r| r.status.to_ascii_lowercase())))
            class:instance--selected=selected
            data-testid="instance"
            data-instance-id=id.clone()
            style:transform=move || translate(rect().x, rect().y)
            style:width=move || px(rect().w)
            style:height=move || px(rect().h)
        >
            <button
                class="instance__header"
                aria-label=move || record.with(|r| r.as_ref().map(instance_label).unwrap_or_default())
                on:click=select
            >
                <span class="instance__type">{move || record.with(|r| r.as_ref().map(|r| r.instance_type.clone()).unwrap_or_default())}</span>
                <span class="instance__id">{id.clone()}</span>
            </button>
            {move || record.get().map(|r| resource_bars(&r))}
            {move || {
                Some(card.with(|c| c.as_ref().map_or(0, |c| c.hidden)))
                    .filter(|hidden| *hidden > 0)
                    .map(|hidden| view! { <span class="badge instance__more" data-testid="more-tasks">{format!("+{hidden} more")}</span> })
            }}
        </article>
    }
}

fn instance_label(r: &InstanceRecord) -> String {
    format!(
        "{} {} in {}, {}; {} of {} CPU units and {} of {} MiB free",
        r.instance_type,
        r.id,
        r.availability_zone,
        r.status,
        r.remaining_cpu,
        r.registered_cpu,
        r.remaining_memory,
        r.registered_memory
    )
}

fn resource_bars(r: &InstanceRecord) -> impl IntoView + use<> {
    let used_cpu = r.registered_cpu.saturating_sub(r.remaining_cpu);
    let used_memory = r.registered_memory.saturating_sub(r.remaining_memory);
    let eni = (r.eni_limit > 0 && r.enis_in_use > 0)
        .then(|| resource_bar("ENI", r.enis_in_use, r.eni_limit, "task ENIs"));
    view! {
        {resource_bar("CPU", used_cpu, r.registered_cpu, "CPU units")}
        {resource_bar("Mem", used_memory, r.registered_memory, "MiB")}
        {eni}
    }
}

/// One bar of registered against reserved; the width is set in whole per-mille so no float is
/// formatted.
fn resource_bar(
    label: &'static str,
    used: u32,
    total: u32,
    unit: &'static str,
) -> impl IntoView + use<> {
    let permille = if total == 0 {
        0
    } else {
        (u64::from(used.min(total)) * 1000 / u64::from(total)) as u32
    };
    let full = permille >= 900;
    view! {
        <div class="bar" title=format!("{label}: {used} of {total} {unit} reserved")>
            <span class="bar__label">{label}</span>
            <span class="bar__track">
                <span
                    class="bar__fill"
                    class:bar__fill--full=full
                    style:transform=format!("scaleX({}.{:03})", permille / 1000, permille % 1000)
                ></span>
            </span>
            <span class="bar__value">{format!("{used}/{total}")}</span>
        </div>
    }
}

#[component]
fn TaskChip(
    /// The chip: its task and colour.
    chip: Chip,
    /// Where everything goes at the current step.
    picture: Memo<PictureLayout>,
) -> impl IntoView {
    let playground = Playground::use_context();
    let key = chip.key.clone();
    let place = {
        let key = key.clone();
        Memo::new(move |_| picture.with(|p| p.places.get(&key).cloned()))
    };
    let selected = {
        let key = key.clone();
        move || {
            playground
                .selection
                .with(|s| matches!(s, Selection::Task(k) if *k == key))
        }
    };
    let state = move || place.with(|p| p.as_ref().map_or("waiting", |p| p.state.as_str()));
    let label = {
        let chip = chip.clone();
        move || {
            place.with(|p| {
                let where_ = match p.as_ref().map(|p| (&p.instance, &p.zone)) {
                    Some((Some(ci), Some(zone))) => format!("on {ci} in {zone}"),
                    Some((None, Some(zone))) => format!("on Fargate in {zone}"),
                    _ => chip
                        .failure
                        .clone()
                        .unwrap_or_else(|| "waiting to be placed".to_owned()),
                };
                format!("Task {} of {}, {}", chip.key, chip.group, where_)
            })
        }
    };
    let select = {
        let key = key.clone();
        move |_| playground.selection.set(Selection::Task(key.clone()))
    };
    view! {
        <button
            class=move || format!("chip chip--group-{} chip--{}", chip.colour, state())
            class:chip--selected=selected
            class:chip--hidden=move || place.with(|p| p.as_ref().is_some_and(|p| p.hidden))
            data-testid="task-chip"
            data-task-id=key
            data-state=state
            data-instance=move || place.with(|p| p.as_ref().and_then(|p| p.instance.clone()))
            data-zone=move || place.with(|p| p.as_ref().and_then(|p| p.zone.clone()))
            // Offsets rather than a transform each: a thousand transforms make a thousand paint
            // chunks for the compositor to sort out on every repaint.
            style:left=move || place.with(|p| p.as_ref().map(|p| px(p.x)))
            style:top=move || place.with(|p| p.as_ref().map(|p| px(p.y)))
            title=label.clone()
            aria-label=label
            on:click=select
        ></button>
    }
}

/// Why tasks were not placed, as RunTask's `failures[]` says, at the current step.
#[component]
fn Failures() -> impl IntoView {
    let playground = Playground::use_context();
    let failures = move || {
        playground
            .shown
            .with(|s| s.as_ref().map(|o| o.failures.clone()).unwrap_or_default())
    };
    move || {
        let failures = failures();
        (!failures.is_empty()).then(|| {
            view! {
                <ul class="failures" aria-label="Tasks not placed">
                    {failures
                        .into_iter()
                        .map(|f| {
                            view! {
                                <li class="failure" data-testid="failure">
                                    <code>{f.request}</code>
                                    <strong>{f.reason}</strong>
                                    <span>{f.detail}</span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}

/// The picture as a table: one row per task at the current step.
#[component]
fn ClusterTable() -> impl IntoView {
    let playground = Playground::use_context();
    let rows = move || {
        playground.shown.with(|s| {
            s.as_ref()
                .map(|o| {
                    o.tasks
                        .iter()
                        .map(|t| {
                            [
                                t.task_id.clone(),
                                t.group.clone(),
                                t.container_instance
                                    .clone()
                                    .unwrap_or_else(|| "Fargate".to_owned()),
                                t.availability_zone.clone().unwrap_or_default(),
                                t.capacity_provider_name
                                    .clone()
                                    .unwrap_or_else(|| t.launch_type.clone()),
                                t.last_status.clone(),
                            ]
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <table class="table" data-testid="cluster-table">
            <caption class="sr-only">"Tasks and where they run"</caption>
            <thead>
                <tr>
                    <th scope="col">"Task"</th>
                    <th scope="col">"Group"</th>
                    <th scope="col">"Instance"</th>
                    <th scope="col">"AZ"</th>
                    <th scope="col">"Capacity"</th>
                    <th scope="col">"Status"</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    rows()
                        .into_iter()
                        .map(|[a, b, c, d, e, f]| {
                            view! {
                                <tr data-testid="task-row">
                                    <th scope="row">{a}</th>
                                    <td>{b}</td>
                                    <td>{c}</td>
                                    <td>{d}</td>
                                    <td data-testid="task-row-capacity">{e}</td>
                                    <td>{f}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}
