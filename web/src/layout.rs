//! Where everything in the cluster picture goes, in whole pixels, computed from a run: the staging
//! area, one column per Availability Zone with its instance cards and Fargate lane, and a slot for
//! every task chip. Chips are then put in place with a CSS `transform` only and flown there by the
//! flight layer's canvas, neither of which measures the page (no layout reads, no FLIP).

use std::collections::BTreeMap;

use ecs_sim::Outcome;

/// Side of a task chip.
pub const CHIP: i32 = 14;
/// Distance between neighbouring chip slots.
pub const PITCH: i32 = 18;
/// Widest and narrowest Availability Zone column; the picture fits its zones into the width it has
/// between the two, and scrolls sideways below that.
pub const MAX_COLUMN: i32 = 260;
const MIN_COLUMN: i32 = 172;
const GAP: i32 = 12;
const PAD: i32 = 12;
const ZONE_HEADER: i32 = 34;
const ZONE_PAD: i32 = 8;
const CARD_PAD: i32 = 8;
const CARD_HEADER: i32 = 24;
const BAR: i32 = 16;
const CARD_GAP: i32 = 8;
const STAGING_HEADER: i32 = 28;
const LANE_HEADER: i32 = 24;
const BADGE: i32 = 18;
/// Past this many tasks on one instance (or lane) the rest are summarised in a count badge.
pub const MAX_CHIPS_PER_BOX: usize = 40;
/// How many distinct group colours the stylesheet defines (`--group-0` … `--group-7`).
pub const GROUP_COLOURS: usize = 8;

/// What a chip shows about its task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChipState {
    /// Not yet placed at this step of the run.
    Waiting,
    Pending,
    Running,
    Stopping,
    Stopped,
    /// The scheduler could not place it.
    Failed,
}

impl ChipState {
    /// The CSS modifier and the word shown to screen readers.
    pub fn as_str(self) -> &'static str {
        match self {
            ChipState::Waiting => "waiting",
            ChipState::Pending => "pending",
            ChipState::Running => "running",
            ChipState::Stopping => "stopping",
            ChipState::Stopped => "stopped",
            ChipState::Failed => "failed",
        }
    }

    fn from_status(status: &str) -> ChipState {
        match status {
            "PROVISIONING" | "PENDING" | "ACTIVATING" => ChipState::Pending,
            "DEACTIVATING" | "STOPPING" | "DEPROVISIONING" => ChipState::Stopping,
            "STOPPED" => ChipState::Stopped,
            _ => ChipState::Running,
        }
    }
}

/// A task chip, the same at every step of a run so that `<For>` keeps its element and the browser
/// can animate it from one place to the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    /// The task id, or `unplaced-N` (N the timeline entry) for a task that found no instance.
    pub key: String,
    pub group: String,
    /// Index into the stylesheet's group colours.
    pub colour: usize,
    /// For unplaced tasks: the reason, as RunTask reports it.
    pub failure: Option<String>,
    /// The timeline entry that places (or fails to place) it.
    pub entry: usize,
}

/// Every chip of a run, in timeline order.
pub fn chips(full: &Outcome) -> Vec<Chip> {
    let mut groups: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (entry, item) in full.timeline.iter().enumerate() {
        // A task appears in many entries (placed, running, stopped); its chip is made at the first.
        if item
            .task_id
            .as_ref()
            .is_some_and(|id| !seen.insert(id.as_str()))
        {
            continue;
        }
        let task = item
            .task_id
            .as_deref()
            .and_then(|id| full.tasks.iter().find(|t| t.task_id == id));
        let group = match task {
            Some(t) => t.group.as_str(),
            None => full
                .tasks
                .iter()
                .find(|t| t.request == item.request)
                .map_or(item.request.as_str(), |t| t.group.as_str()),
        };
        let colour = match groups.iter().position(|g| *g == group) {
            Some(i) => i,
            None => {
                groups.push(group);
                groups.len() - 1
            }
        } % GROUP_COLOURS;
        let (key, failure) = match (&item.task_id, item.kind.as_str()) {
            (Some(id), _) => (id.clone(), None),
            (None, "TaskNotPlaced") => (format!("unplaced-{entry}"), Some(item.message.clone())),
            _ => continue,
        };
        out.push(Chip {
            key,
            group: group.to_owned(),
            colour,
            failure,
            entry,
        });
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

/// An Availability Zone column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneBox {
    pub name: String,
    pub rect: Rect,
    /// The lane of Fargate tasks at the bottom of the column, when the run has any in this zone.
    pub lane: Option<Rect>,
    pub lane_hidden: usize,
}

/// An instance card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardBox {
    pub id: String,
    pub rect: Rect,
    /// Tasks on the instance beyond [`MAX_CHIPS_PER_BOX`], shown as a count.
    pub hidden: usize,
    /// Tasks on the instance at this step.
    pub tasks: usize,
}

/// Where a chip is at one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub x: i32,
    pub y: i32,
    pub state: ChipState,
    /// True past the count badge of a full instance.
    pub hidden: bool,
    pub instance: Option<String>,
    pub zone: Option<String>,
}

/// The whole picture at one step.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PictureLayout {
    pub width: i32,
    pub height: i32,
    pub staging: Rect,
    pub zones: Vec<ZoneBox>,
    pub cards: Vec<CardBox>,
    pub places: BTreeMap<String, Place>,
}

fn rows(count: usize, per_row: usize) -> i32 {
    i32::try_from(count.min(MAX_CHIPS_PER_BOX).div_ceil(per_row.max(1)).max(1)).unwrap_or(1)
}

fn slot(origin_x: i32, origin_y: i32, index: usize, per_row: usize) -> (i32, i32) {
    let per_row = per_row.max(1);
    let col = i32::try_from(index % per_row).unwrap_or(0);
    let row = i32::try_from(index / per_row).unwrap_or(0);
    (origin_x + col * PITCH, origin_y + row * PITCH)
}

/// The room each box of the picture needs over a whole run, so that no instance card, Fargate
/// lane or staging area changes size (and pushes the rest about) while the user steps through it.
/// It depends on the run only: compute it once per run, next to [`chips`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Extent {
    /// The most tasks each container instance holds at any step, by instance id.
    pub instance_tasks: BTreeMap<String, usize>,
    /// The most Fargate tasks in each Availability Zone's lane at any step, by zone.
    pub lane_tasks: BTreeMap<String, usize>,
    /// The most chips in the staging area at any step.
    pub staged: usize,
}

impl Extent {
    /// Reads the extent from the run's final outcome, without replaying any step. The outcome
    /// lists every task the run created, stopped ones included, and a task never leaves the
    /// instance (or the zone of the Fargate lane) it was placed in, so what a box holds at any step
    /// is a subset of what it holds at the end. The staging area holds chips only, and at step 0,
    /// before anything is placed, it holds all of them.
    pub fn of(full: &Outcome, chips: &[Chip]) -> Extent {
        let mut extent = Extent {
            staged: chips.len(),
            ..Extent::default()
        };
        for task in &full.tasks {
            let slot = match (&task.container_instance, &task.availability_zone) {
                (Some(instance), _) => extent.instance_tasks.entry(instance.clone()),
                (None, Some(zone)) => extent.lane_tasks.entry(zone.clone()),
                (None, None) => continue,
            };
            *slot.or_default() += 1;
        }
        extent
    }
}

/// Lays out `shown` (the cluster at `step`) with every chip of the `full` run, in `available`
/// pixels of width, every box sized by the run's `extent` so that it is the same at every step.
pub fn layout_within(
    extent: &Extent,
    full: &Outcome,
    shown: &Outcome,
    chips: &[Chip],
    step: usize,
    available: i32,
) -> PictureLayout {
    let mut zone_names: Vec<String> = full.availability_zones.clone();
    for instance in &full.container_instances {
        if !zone_names.contains(&instance.availability_zone) {
            zone_names.push(instance.availability_zone.clone());
        }
    }
    // A subnet may lie in a zone the cluster does not list (only a warning), and Fargate tasks go
    // there all the same; they need a column for their lane.
    for task in full.tasks.iter().chain(&shown.tasks) {
        if let (None, Some(zone)) = (&task.container_instance, &task.availability_zone)
            && !zone_names.contains(zone)
        {
            zone_names.push(zone.clone());
        }
    }
    let zone_count = i32::try_from(zone_names.len().max(1)).unwrap_or(1);
    let column =
        ((available - 2 * PAD - (zone_count - 1) * GAP) / zone_count).clamp(MIN_COLUMN, MAX_COLUMN);
    let width = PAD * 2 + zone_count * column + (zone_count - 1) * GAP;

    // Where each task is at this step.
    let mut on_instance: BTreeMap<&str, Vec<(&str, ChipState)>> = BTreeMap::new();
    let mut in_lane: BTreeMap<&str, Vec<(&str, ChipState)>> = BTreeMap::new();
    let mut placed: BTreeMap<&str, ()> = BTreeMap::new();
    for task in &shown.tasks {
        let state = ChipState::from_status(&task.last_status);
        match (&task.container_instance, &task.availability_zone) {
            (Some(ci), _) => on_instance
                .entry(ci.as_str())
                .or_default()
                .push((&task.task_id, state)),
            (None, Some(zone)) => in_lane
                .entry(zone.as_str())
                .or_default()
                .push((&task.task_id, state)),
            (None, None) => continue,
        }
        placed.insert(&task.task_id, ());
    }
    // Chips off the cluster: waiting for their first entry, not placed, or gone after stopping.
    let (staged, gone): (Vec<&Chip>, Vec<&Chip>) = chips
        .iter()
        .filter(|c| !placed.contains_key(c.key.as_str()))
        .partition(|c| c.failure.is_some() || c.entry >= step);

    // The staging area spans the top, as tall as the most it holds at any step of the run.
    let staging_inner = width - 2 * PAD - 2 * ZONE_PAD;
    let staging_per_row = usize::try_from((staging_inner + PITCH - CHIP) / PITCH).unwrap_or(1);
    let staging_rows = i32::try_from(
        extent
            .staged
            .max(staged.len())
            .div_ceil(staging_per_row.max(1))
            .max(1),
    )
    .unwrap_or(1);
    let staging = Rect {
        x: PAD,
        y: PAD,
        w: width - 2 * PAD,
        h: STAGING_HEADER + staging_rows * PITCH + ZONE_PAD,
    };
    let mut places = BTreeMap::new();
    for (i, chip) in staged.iter().enumerate() {
        let (x, y) = slot(
            staging.x + ZONE_PAD,
            staging.y + STAGING_HEADER,
            i,
            staging_per_row,
        );
        let state = if chip.failure.is_some() && chip.entry < step {
            ChipState::Failed
        } else {
            ChipState::Waiting
        };
        places.insert(
            chip.key.clone(),
            Place {
                x,
                y,
                state,
                hidden: false,
                instance: None,
                zone: None,
            },
        );
    }

    // A task that has come and gone (stopped and no longer listed) fades out where the staging starts.
    for chip in gone {
        places.insert(
            chip.key.clone(),
            Place {
                x: staging.x + ZONE_PAD,
                y: staging.y + STAGING_HEADER,
                state: ChipState::Stopped,
                hidden: true,
                instance: None,
                zone: None,
            },
        );
    }

    let inner = column - 2 * ZONE_PAD - 2 * CARD_PAD;
    let per_row = usize::try_from((inner + PITCH - CHIP) / PITCH).unwrap_or(1);
    let top = staging.y + staging.h + GAP;
    let mut zones = Vec::new();
    let mut cards = Vec::new();
    let mut tallest = 0;
    for (z, name) in zone_names.iter().enumerate() {
        let x = PAD + i32::try_from(z).unwrap_or(0) * (column + GAP);
        let mut y = top + ZONE_HEADER;
        for instance in full
            .container_instances
            .iter()
            .filter(|i| &i.availability_zone == name)
        {
            let here = on_instance.get(instance.id.as_str());
            let count = here.map_or(0, Vec::len);
            // The step's own count only matters if `extent` came from another run; it keeps the
            // chips inside the card then.
            let most = extent
                .instance_tasks
                .get(instance.id.as_str())
                .copied()
                .unwrap_or(0)
                .max(count);
            let hidden = count.saturating_sub(MAX_CHIPS_PER_BOX);
            let bars = if instance.eni_limit > 0 && instance.enis_in_use > 0 {
                3
            } else {
                2
            };
            let badge = if most > MAX_CHIPS_PER_BOX { BADGE } else { 0 };
            let h =
                CARD_PAD * 2 + CARD_HEADER + bars * BAR + 6 + rows(most, per_row) * PITCH + badge;
            let rect = Rect {
                x: x + ZONE_PAD,
                y,
                w: column - 2 * ZONE_PAD,
                h,
            };
            let chips_y = rect.y + CARD_PAD + CARD_HEADER + bars * BAR + 6;
            for (i, (id, state)) in here.into_iter().flatten().enumerate() {
                let visible = i < MAX_CHIPS_PER_BOX;
                let (cx, cy) = slot(
                    rect.x + CARD_PAD,
                    chips_y,
                    i.min(MAX_CHIPS_PER_BOX - 1),
                    per_row,
                );
                places.insert(
                    (*id).to_owned(),
                    Place {
                        x: cx,
                        y: cy,
                        state: *state,
                        hidden: !visible,
                        instance: Some(instance.id.clone()),
                        zone: Some(name.clone()),
                    },
                );
            }
            cards.push(CardBox {
                id: instance.id.clone(),
                rect,
                hidden,
                tasks: count,
            });
            y += h + CARD_GAP;
        }
        let here = in_lane.get(name.as_str());
        let count = here.map_or(0, Vec::len);
        let most = extent
            .lane_tasks
            .get(name.as_str())
            .copied()
            .unwrap_or(0)
            .max(count);
        let lane = (most > 0).then(|| {
            let lane = Rect {
                x: x + ZONE_PAD,
                y,
                w: column - 2 * ZONE_PAD,
                h: LANE_HEADER + rows(most, per_row) * PITCH + CARD_PAD,
            };
            for (i, (id, state)) in here.into_iter().flatten().enumerate() {
                let (cx, cy) = slot(
                    lane.x + CARD_PAD,
                    lane.y + LANE_HEADER,
                    i.min(MAX_CHIPS_PER_BOX - 1),
                    per_row,
                );
                places.insert(
                    (*id).to_owned(),
                    Place {
                        x: cx,
                        y: cy,
                        state: *state,
                        hidden: i >= MAX_CHIPS_PER_BOX,
                        instance: None,
                        zone: Some(name.clone()),
                    },
                );
            }
            lane
        });
        if let Some(lane) = lane {
            y += lane.h + CARD_GAP;
        }
        tallest = tallest.max(y - top);
        zones.push(ZoneBox {
            name: name.clone(),
            rect: Rect {
                x,
                y: top,
                w: column,
                h: 0,
            },
            lane,
            lane_hidden: count.saturating_sub(MAX_CHIPS_PER_BOX),
        });
    }
    let zone_height = tallest.max(ZONE_HEADER + 40);
    for zone in &mut zones {
        zone.rect.h = zone_height;
    }
    PictureLayout {
        width,
        height: top + zone_height + PAD,
        staging,
        zones,
        cards,
        places,
    }
}

/// Why the picture cannot show the cluster at this step: a task of `shown` that runs on an
/// instance or in a zone yet got no place in `picture`, which happens only when the run and its
/// picture disagree (an instance the run never registered, for instance).
pub fn misplaced_task(picture: &PictureLayout, shown: &Outcome) -> Option<String> {
    shown.tasks.iter().find_map(|task| {
        let place = picture.places.get(&task.task_id);
        match (&task.container_instance, &task.availability_zone) {
            (Some(ci), _) if place.and_then(|p| p.instance.as_ref()) != Some(ci) => Some(format!(
                "Task {} runs on container instance {ci}, which has no card in the picture.",
                task.task_id
            )),
            (None, Some(zone)) if place.and_then(|p| p.zone.as_ref()) != Some(zone) => {
                Some(format!(
                    "Task {} runs on Fargate in {zone}, which has no lane in the picture.",
                    task.task_id
                ))
            }
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The narrowest picture of two zones, so that a few dozen chips fill several staging rows.
    const NARROW: i32 = 380;

    /// Evaluates a scenario text and lays out every step of its run, the end included, with one
    /// extent for the whole run as the picture does.
    fn every_step(text: &str) -> Vec<(Outcome, PictureLayout)> {
        let evaluation = ecs_scenario::evaluate(text);
        let (Some(full), Some(world)) = (evaluation.outcome.as_ref(), evaluation.world.as_ref())
        else {
            panic!("the scenario runs: {:?}", evaluation.diagnostics);
        };
        let chips = chips(full);
        let extent = Extent::of(full, &chips);
        (0..=full.timeline.len())
            .map(|step| {
                let shown = if step < full.timeline.len() {
                    ecs_sim::state_at_step(world, step)
                } else {
                    full.clone()
                };
                let picture = layout_within(&extent, full, &shown, &chips, step, NARROW);
                (shown, picture)
            })
            .collect()
    }

    /// The rolling-update example with more tasks, so that the staging area needs several rows.
    fn larger_rolling_update() -> String {
        let example = ecs_scenario::example("rolling-update").expect("the example exists");
        let mut document: serde_json::Value =
            serde_json::from_str(example.json).expect("the example is JSON");
        for service in document["services"].as_array_mut().expect("services") {
            service["desiredCount"] = 6.into();
        }
        for action in document["actions"].as_array_mut().expect("actions") {
            if let Some(update) = action.get_mut("updateService") {
                update["desiredCount"] = 6.into();
            }
        }
        document.to_string()
    }

    /// Tasks on the instance that are not stopped.
    fn active_on(shown: &Outcome, instance: &str) -> usize {
        shown
            .tasks
            .iter()
            .filter(|t| {
                t.container_instance.as_deref() == Some(instance) && t.last_status != "STOPPED"
            })
            .count()
    }

    #[test]
    fn cards_keep_their_rects_while_an_instance_fills_and_empties() {
        let example = ecs_scenario::example("rolling-update").expect("the example exists");
        let steps = every_step(example.json);
        let (end_outcome, end) = steps.last().expect("the run has an end");

        // The run is one that would make cards jump: some instance holds more live tasks during
        // the deployment than at its end.
        let rises_and_falls = end.cards.iter().any(|card| {
            let at_end = active_on(end_outcome, &card.id);
            steps
                .iter()
                .any(|(shown, _)| active_on(shown, &card.id) > at_end)
        });
        assert!(
            rises_and_falls,
            "an instance's task count rises, then falls"
        );

        for (step, (_, picture)) in steps.iter().enumerate() {
            let rects: Vec<(&str, Rect)> = picture
                .cards
                .iter()
                .map(|c| (c.id.as_str(), c.rect))
                .collect();
            let end_rects: Vec<(&str, Rect)> =
                end.cards.iter().map(|c| (c.id.as_str(), c.rect)).collect();
            assert_eq!(rects, end_rects, "card rects at step {step}");
            assert_eq!(picture.zones, end.zones, "zones and lanes at step {step}");
            assert_eq!(picture.height, end.height, "picture height at step {step}");
        }
    }

    #[test]
    fn staging_keeps_its_height_while_its_chips_leave() {
        let steps = every_step(&larger_rolling_update());
        let (_, end) = steps.last().expect("the run has an end");

        // What waits in the staging area spans several rows at the start and none at the end.
        let staged_rows = |picture: &PictureLayout| {
            picture
                .places
                .values()
                .filter(|p| p.instance.is_none() && p.zone.is_none() && !p.hidden)
                .map(|p| p.y)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        let first = &steps[0].1;
        assert!(
            staged_rows(first) > 1,
            "the chips fill several staging rows"
        );
        assert_eq!(staged_rows(end), 0, "nothing waits at the end");

        for (step, (_, picture)) in steps.iter().enumerate() {
            assert_eq!(picture.staging, end.staging, "staging rect at step {step}");
            let cards: Vec<Rect> = picture.cards.iter().map(|c| c.rect).collect();
            let end_cards: Vec<Rect> = end.cards.iter().map(|c| c.rect).collect();
            assert_eq!(cards, end_cards, "card rects at step {step}");
        }
    }

    #[test]
    fn every_visible_chip_lies_inside_its_box_at_every_step() {
        let steps = every_step(&larger_rolling_update());
        let inside = |r: &Rect, p: &Place| {
            p.x >= r.x && p.y >= r.y && p.x + CHIP <= r.x + r.w && p.y + CHIP <= r.y + r.h
        };
        for (step, (_, picture)) in steps.iter().enumerate() {
            for (key, place) in picture.places.iter().filter(|(_, p)| !p.hidden) {
                let container = match (&place.instance, &place.zone) {
                    (Some(id), _) => picture.cards.iter().find(|c| &c.id == id).map(|c| c.rect),
                    (None, Some(zone)) => picture
                        .zones
                        .iter()
                        .find(|z| &z.name == zone)
                        .and_then(|z| z.lane),
                    (None, None) => Some(picture.staging),
                };
                let container = container.expect("the chip's box exists");
                assert!(inside(&container, place), "{key} at step {step}");
            }
        }
    }

    #[test]
    fn the_extent_counts_each_instance_and_lane_at_the_end_of_the_run() {
        let example = ecs_scenario::example("capacity-provider-split").expect("the example exists");
        let evaluation = ecs_scenario::evaluate(example.json);
        let full = evaluation.outcome.expect("the scenario runs");
        let chips = chips(&full);
        let extent = Extent::of(&full, &chips);
        assert!(extent.instance_tasks.is_empty(), "a Fargate-only run");
        assert_eq!(extent.lane_tasks.values().sum::<usize>(), full.tasks.len());
        assert_eq!(extent.staged, chips.len());
    }
}
