//! The native half of the cross-platform determinism check: the fingerprints of fifty generated
//! scenarios are pinned in `tests/scenarios/determinism.txt`, and `web/tests/determinism.rs`
//! checks that WebAssembly in headless Chromium produces the very same file. After an intended
//! change of behaviour, refresh it with `UPDATE_EXPECT=1 cargo test -p ecs-scenario --test determinism`.

use ecs_scenario::samples::determinism_fingerprints;
use expect_test::expect_file;

#[test]
fn fingerprints_match_the_pinned_file() {
    expect_file!["../../../tests/scenarios/determinism.txt"].assert_eq(&determinism_fingerprints());
}

#[test]
fn fingerprints_differ_between_scenarios() {
    let fingerprints = determinism_fingerprints();
    let mut hashes: Vec<&str> = fingerprints
        .lines()
        .map(|l| l.rsplit(' ').next().unwrap_or(""))
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    assert_eq!(
        hashes.len(),
        50,
        "every scenario evaluates to something different"
    );
}
