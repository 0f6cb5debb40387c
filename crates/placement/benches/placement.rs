//! Placing 5,000 tasks of one service with `[spread AZ, binpack memory]` and
//! `memberOf(attribute:ecs.instance-type =~ m5.*)` onto 1,250, 2,500 and 5,000 instances in three
//! zones, with the indexed engine and with the naive full scan it must agree with.

#[path = "../tests/common/scale.rs"]
mod scale;

use divan::Bencher;
use ecs_placement::{ClusterState, PlacementRng, place, place_naive};

const TASKS: u32 = 5000;
const SIZES: [usize; 3] = [1250, 2500, 5000];

fn main() {
    // The baseline is only meaningful if it makes the same choices.
    for instances in SIZES {
        let request = scale::quota_request(TASKS);
        let mut fast = scale::quota_cluster(instances);
        let mut naive = fast.clone();
        let a = place(&mut fast, &request, &mut PlacementRng::seed_from_u64(1));
        let b = place_naive(&mut naive, &request, &mut PlacementRng::seed_from_u64(1));
        assert_eq!(a.placed.len(), TASKS as usize);
        assert_eq!(
            a, b,
            "fast and naive placements differ at {instances} instances"
        );
    }
    divan::main();
}

fn run(bencher: Bencher, instances: usize, engine: fn(&mut ClusterState) -> usize) {
    let cluster = scale::quota_cluster(instances);
    bencher
        .with_inputs(|| cluster.clone())
        .bench_local_values(|mut state| engine(&mut state));
}

#[divan::bench(args = SIZES)]
fn indexed(bencher: Bencher, instances: usize) {
    run(bencher, instances, |state| {
        let request = scale::quota_request(TASKS);
        place(state, &request, &mut PlacementRng::seed_from_u64(1))
            .placed
            .len()
    });
}

/// One task: the per-request cost of indexing the candidates, to separate it from per-task cost.
#[divan::bench(args = SIZES)]
fn indexed_one_task(bencher: Bencher, instances: usize) {
    run(bencher, instances, |state| {
        let request = scale::quota_request(1);
        place(state, &request, &mut PlacementRng::seed_from_u64(1))
            .placed
            .len()
    });
}

/// The service default `[spread AZ, spread instanceId]`, where thousands of empty instances tie
/// and the seeded draw must pick among them without scanning.
#[divan::bench(args = SIZES)]
fn indexed_default_strategies(bencher: Bencher, instances: usize) {
    run(bencher, instances, |state| {
        let mut request = scale::quota_request(TASKS);
        request.strategies.clear();
        place(state, &request, &mut PlacementRng::seed_from_u64(1))
            .placed
            .len()
    });
}

#[divan::bench(args = SIZES, sample_count = 3, sample_size = 1)]
fn naive(bencher: Bencher, instances: usize) {
    run(bencher, instances, |state| {
        let request = scale::quota_request(TASKS);
        place_naive(state, &request, &mut PlacementRng::seed_from_u64(1))
            .placed
            .len()
    });
}
