//! The playground mounted in a real browser (headless Chromium through wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn count(selector: &str) -> u32 {
    document()
        .query_selector_all(selector)
        .map(|list| list.length())
        .unwrap_or(0)
}

#[wasm_bindgen_test]
async fn default_scenario_draws_zones_instances_and_placed_tasks() {
    // A previous test run in the same browser profile must not change what opens.
    if let Ok(Some(storage)) = window().local_storage() {
        let _ = storage.clear();
    }
    leptos::mount::mount_to_body(ecs_playground_web::App);
    leptos::task::tick().await;

    assert_eq!(count("[data-testid=az]"), 3, "three Availability Zones");
    assert_eq!(
        count("[data-testid=instance]"),
        5,
        "five container instances"
    );
    assert_eq!(
        count("[data-testid=task-chip][data-instance]"),
        6,
        "six placed tasks"
    );
    assert_eq!(
        count("[data-testid=diagnostic]"),
        0,
        "the default scenario is valid"
    );

    // Every AZ holds two of the six tasks: the default strategy spreads across AZs first.
    for az in ["us-east-1a", "us-east-1b", "us-east-1c"] {
        let selector = format!("[data-testid=task-chip][data-zone={az}]");
        assert_eq!(count(&selector), 2, "tasks in {az}");
    }

    // Breaking the JSON replaces the picture with a diagnostic instead of a blank page.
    let editor = document()
        .query_selector("[data-testid=scenario-editor]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlTextAreaElement>();
    editor.set_value("{ \"scenarioVersion\": 1, ");
    let event = web_sys::Event::new("input").unwrap();
    editor.dispatch_event(&event).unwrap();
    leptos::task::tick().await;
    assert_eq!(count("[data-testid=diagnostic]"), 1);
    assert_eq!(count("[data-testid=picture-empty]"), 1);
}
