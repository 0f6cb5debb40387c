//! The WebAssembly half of the cross-platform determinism check (see
//! crates/scenario/tests/determinism.rs): fifty generated scenarios evaluated in headless Chromium
//! must give byte for byte the fingerprints the native build pinned.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn wasm_fingerprints_equal_the_native_ones() {
    let native = include_str!("../../tests/scenarios/determinism.txt");
    let wasm = ecs_scenario::samples::determinism_fingerprints();
    for (n, w) in native.lines().zip(wasm.lines()) {
        assert_eq!(n, w, "scenario {}", &n[..2]);
    }
    assert_eq!(native.lines().count(), wasm.lines().count());
}
