//! The flight layer: one `<canvas>` over the cluster picture that draws the task chips while they
//! move from one step's places to the next.
//!
//! Moving a thousand chip elements with CSS transitions makes the browser restyle, repaint and
//! composite every one of them on every frame; on a machine without GPU raster that ran at about
//! five frames per second. Drawing them on one canvas costs one `drawImage` a chip. The chip
//! buttons stay in the DOM at their new places, for clicks, focus and screen readers, and are only
//! made transparent while a flight lasts.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::layout::{CHIP, Chip, ChipState, GROUP_COLOURS, PictureLayout, Place};

/// How long a flight lasts; the same as the stylesheet's `--move` for cards.
const DURATION_MS: f64 = 480.0;
/// Room around a chip in its sprite for the dashed outline of a waiting task.
const MARGIN: f64 = 3.0;
/// Past this many device pixels the canvas would cost more memory than the animation is worth,
/// and chips jump to their places instead.
const MAX_CANVAS_PIXELS: f64 = 24_000_000.0;

/// Whether chips are flying, and how their buttons wait meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FlightState {
    #[default]
    Landed,
    /// The buttons are transparent: one of them has the keyboard focus, which must stay there.
    Flying,
    /// The buttons are not rendered until the chips land, so the browser does not restyle and lay
    /// out the thousand buttons a step has just moved while the flight needs every frame.
    FlyingUnrendered,
}

impl FlightState {
    pub fn is_flying(self) -> bool {
        self != FlightState::Landed
    }
}

/// How a chip is drawn, besides its colour and opacity (see `.chip--*` in app.css).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Look {
    Filled,
    /// Filled, with a dashed outline.
    Waiting,
    /// An empty ring in the error colour.
    Failed,
}

impl ChipState {
    /// The opacity `.chip--*` gives a chip in this state.
    fn opacity(self) -> f64 {
        match self {
            ChipState::Waiting => 0.45,
            ChipState::Pending => 0.6,
            ChipState::Stopping => 0.5,
            ChipState::Stopped => 0.2,
            ChipState::Running | ChipState::Failed => 1.0,
        }
    }

    fn look(self) -> Look {
        match self {
            ChipState::Waiting => Look::Waiting,
            ChipState::Failed => Look::Failed,
            _ => Look::Filled,
        }
    }
}

fn opacity(place: &Place) -> f64 {
    if place.hidden {
        0.0
    } else {
        place.state.opacity()
    }
}

/// One chip's journey, in CSS pixels of the picture.
struct Journey {
    from: (f64, f64, f64),
    to: (f64, f64, f64),
    sprite: usize,
}

/// A flight in progress.
struct Flight {
    context: CanvasRenderingContext2d,
    sprites: Vec<HtmlCanvasElement>,
    journeys: Vec<Journey>,
    device_width: f64,
    device_height: f64,
    ratio: f64,
    /// When the first frame was drawn. The flight is timed from there, not from the step that
    /// started it, so a step that takes long to apply does not eat into the movement.
    start: Cell<Option<f64>>,
}

impl Flight {
    /// Draws every chip at `progress` (0 to 1) of the flight.
    fn draw(&self, progress: f64) {
        let eased = 1.0 - (1.0 - progress).powi(3);
        let c = &self.context;
        c.clear_rect(0.0, 0.0, self.device_width, self.device_height);
        let mut alpha = -1.0;
        for j in &self.journeys {
            let a = j.from.2 + (j.to.2 - j.from.2) * eased;
            if a < 0.01 {
                continue;
            }
            if (a - alpha).abs() > 0.005 {
                c.set_global_alpha(a);
                alpha = a;
            }
            let x = j.from.0 + (j.to.0 - j.from.0) * eased;
            let y = j.from.1 + (j.to.1 - j.from.1) * eased;
            // Whole device pixels keep the sprites sharp.
            let _ = c.draw_image_with_html_canvas_element(
                &self.sprites[j.sprite],
                ((x - MARGIN) * self.ratio).round(),
                ((y - MARGIN) * self.ratio).round(),
            );
        }
        c.set_global_alpha(1.0);
    }

    fn clear(&self) {
        self.context
            .clear_rect(0.0, 0.0, self.device_width, self.device_height);
    }
}

fn now() -> f64 {
    window().performance().map_or(0.0, |p| p.now())
}

fn reduced_motion() -> bool {
    window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Draws one chip look in one colour on a small canvas of its own, once, so each frame only copies
/// pixels.
fn sprite(
    look: Look,
    fill: &str,
    muted: &str,
    error: &str,
    ratio: f64,
) -> Option<HtmlCanvasElement> {
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    let side = f64::from(CHIP) + 2.0 * MARGIN;
    let device = (side * ratio).ceil() as u32;
    canvas.set_width(device);
    canvas.set_height(device);
    let c: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    c.scale(ratio, ratio).ok()?;
    let chip = f64::from(CHIP);
    match look {
        Look::Filled | Look::Waiting => {
            c.set_fill_style_str(fill);
            c.begin_path();
            c.round_rect_with_f64(MARGIN, MARGIN, chip, chip, 4.0)
                .ok()?;
            c.fill();
            if look == Look::Waiting {
                c.set_stroke_style_str(muted);
                c.set_line_width(1.5);
                let dash = js_sys::Array::of2(&JsValue::from(3.0), &JsValue::from(2.0));
                c.set_line_dash(&dash).ok()?;
                c.begin_path();
                c.round_rect_with_f64(MARGIN - 1.75, MARGIN - 1.75, chip + 3.5, chip + 3.5, 5.5)
                    .ok()?;
                c.stroke();
            }
        }
        Look::Failed => {
            c.set_stroke_style_str(error);
            c.set_line_width(2.0);
            c.begin_path();
            c.round_rect_with_f64(MARGIN + 1.0, MARGIN + 1.0, chip - 2.0, chip - 2.0, 3.0)
                .ok()?;
            c.stroke();
        }
    }
    Some(canvas)
}

/// Every sprite drawn so far, for the theme and pixel ratio in `signature`, with the stylesheet's
/// colours of that theme.
#[derive(Default)]
struct Sprites {
    signature: String,
    fills: Vec<String>,
    muted: String,
    error: String,
    ratio: f64,
    index: HashMap<(Look, usize), usize>,
    canvases: Vec<HtmlCanvasElement>,
}

impl Sprites {
    fn get(&mut self, look: Look, colour: usize) -> Option<usize> {
        if let Some(slot) = self.index.get(&(look, colour)) {
            return Some(*slot);
        }
        let drawn = sprite(
            look,
            &self.fills[colour],
            &self.muted,
            &self.error,
            self.ratio,
        )?;
        self.canvases.push(drawn);
        self.index.insert((look, colour), self.canvases.len() - 1);
        Some(self.canvases.len() - 1)
    }
}

/// The canvas that animates chips between steps.
#[component]
pub fn FlightLayer(
    /// Where everything goes at the current step; each change starts a flight from the last one.
    picture: Memo<PictureLayout>,
    /// Every chip of the run, for its colour.
    chips: Memo<Vec<Chip>>,
    /// Whether a flight lasts; the picture hides its chip buttons then.
    flying: RwSignal<FlightState>,
) -> impl IntoView {
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    // Plain Rust state, not signals: an animation frame may still run after the component is
    // gone, and must not read a disposed signal then.
    let previous: Rc<RefCell<Option<BTreeMap<String, Place>>>> = Rc::new(RefCell::new(None));
    let generation = Rc::new(Cell::new(0u64));
    let size = Rc::new(Cell::new((0u32, 0u32)));
    let sprites: Rc<RefCell<Sprites>> = Rc::default();

    Effect::new(move |_| {
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let places = picture.with(|p| p.places.clone());
        let (width, height) = picture.with(|p| (p.width, p.height));
        let previous_places = previous.replace(Some(places.clone()));
        let id = generation.get() + 1;
        generation.set(id);

        let ratio = window().device_pixel_ratio().clamp(1.0, 2.0);
        let area = f64::from(width) * f64::from(height);
        let ratio = if area * ratio * ratio > MAX_CANVAS_PIXELS {
            1.0
        } else {
            ratio
        };
        let Some(previous_places) = previous_places else {
            flying.set(FlightState::Landed);
            return;
        };
        let moved = places.iter().any(|(key, place)| {
            previous_places.get(key).is_none_or(|before| {
                (before.x, before.y, opacity(before)) != (place.x, place.y, opacity(place))
            })
        });
        if !moved || reduced_motion() || area > MAX_CANVAS_PIXELS {
            flying.set(FlightState::Landed);
            return;
        }

        let device = (
            (f64::from(width) * ratio).ceil() as u32,
            (f64::from(height) * ratio).ceil() as u32,
        );
        if size.get() != device {
            canvas.set_width(device.0);
            canvas.set_height(device.1);
            size.set(device);
        }
        let Some(context) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        else {
            flying.set(FlightState::Landed);
            return;
        };

        // The colours come from the stylesheet, so the theme in force is the one drawn. Reading
        // them makes the browser restyle the thousand chips a step has just moved, so they are
        // read again only when the theme or the pixel ratio changes.
        let theme = document()
            .document_element()
            .and_then(|root| root.get_attribute("data-theme"))
            .unwrap_or_default();
        let signature = format!("{ratio} {theme}");
        let mut cache = sprites.borrow_mut();
        if cache.signature != signature || cache.fills.len() != GROUP_COLOURS {
            let style = window().get_computed_style(&canvas).ok().flatten();
            let var = |name: &str| {
                style
                    .as_ref()
                    .and_then(|s| s.get_property_value(name).ok())
                    .map(|v| v.trim().to_owned())
                    .unwrap_or_default()
            };
            *cache = Sprites {
                signature,
                fills: (0..GROUP_COLOURS)
                    .map(|i| var(&format!("--group-{i}")))
                    .collect(),
                muted: var("--muted"),
                error: var("--error"),
                ratio,
                ..Sprites::default()
            };
        }
        let journeys = chips.with_untracked(|chip_list| {
            let colour_of: HashMap<&str, usize> = chip_list
                .iter()
                .map(|chip| (chip.key.as_str(), chip.colour))
                .collect();
            let mut journeys = Vec::with_capacity(places.len());
            for (key, place) in &places {
                let colour = colour_of.get(key.as_str()).copied().unwrap_or(0) % GROUP_COLOURS;
                let look = place.state.look();
                let Some(sprite) = cache.get(look, colour) else {
                    continue;
                };
                let to = (f64::from(place.x), f64::from(place.y), opacity(place));
                let from = previous_places.get(key).map_or((to.0, to.1, 0.0), |p| {
                    (f64::from(p.x), f64::from(p.y), opacity(p))
                });
                journeys.push(Journey { from, to, sprite });
            }
            journeys
        });
        let flight = Rc::new(Flight {
            context,
            sprites: cache.canvases.clone(),
            journeys,
            device_width: f64::from(device.0),
            device_height: f64::from(device.1),
            ratio,
            start: Cell::new(None),
        });
        flight.draw(0.0);
        let focus_on_a_chip = document()
            .active_element()
            .and_then(|e| e.closest(".chips").ok().flatten())
            .is_some();
        flying.set(if focus_on_a_chip {
            FlightState::Flying
        } else {
            FlightState::FlyingUnrendered
        });
        frame(flight, id, generation.clone(), flying);
    });

    view! {
        <canvas
            class="flight"
            aria-hidden="true"
            node_ref=canvas_ref
            style:width=move || format!("{}px", picture.with(|p| p.width))
            style:height=move || format!("{}px", picture.with(|p| p.height))
        ></canvas>
    }
}

/// Draws the next frame of flight `id` unless a newer flight has started.
fn frame(flight: Rc<Flight>, id: u64, generation: Rc<Cell<u64>>, flying: RwSignal<FlightState>) {
    request_animation_frame(move || {
        if generation.get() != id {
            return;
        }
        let time = now();
        let start = flight.start.get().unwrap_or(time);
        flight.start.set(Some(start));
        let progress = ((time - start) / DURATION_MS).clamp(0.0, 1.0);
        if progress >= 1.0 {
            flight.clear();
            let _ = flying.try_set(FlightState::Landed);
            return;
        }
        flight.draw(progress);
        frame(flight, id, generation, flying);
    });
}
