//! Which tasks to stop when a service scales in (§3): each strategy read in reverse.

use std::collections::BTreeMap;

use crate::model::{ClusterState, DesiredStatus};
use crate::place::draw_tie;
use crate::request::{
    BinpackField, MAX_STRATEGIES, PlacementStrategy, RequestKind, SpreadField, default_strategies,
};
use crate::rng::PlacementRng;

/// Chooses `n` tasks of `group` to stop, one after another, as if each were already gone when the
/// next is chosen. Strategies are read as a lexicographic key, mirrored:
/// - binpack: stop the task whose instance will have the most of the resource left after it;
/// - spread: stop from the field value with the most tasks of the group;
/// - random: [MODEL] uniform among the tasks still tied;
/// - none given: the service default mirrored, i.e. the Availability Zone with the most tasks of
///   the group, then the instance with the most.
///
/// Remaining ties are broken uniformly with `rng` [MODEL], over the tasks in state order. Returns
/// fewer than `n` ids when the group has fewer tasks.
pub fn choose_tasks_to_stop(
    state: &ClusterState,
    group: &str,
    strategies: &[PlacementStrategy],
    n: usize,
    rng: &mut PlacementRng,
) -> Vec<String> {
    choose_eligible_tasks_to_stop(state, group, strategies, n, |_| true, rng)
}

/// [`choose_tasks_to_stop`] where only the tasks whose id `eligible` accepts may be chosen. The
/// others still count where they run, so that a task protected from scale-in (§6.11) keeps its
/// zone and instance as full as they are. With every task eligible it makes the same choices,
/// with the same draws, as [`choose_tasks_to_stop`].
pub fn choose_eligible_tasks_to_stop(
    state: &ClusterState,
    group: &str,
    strategies: &[PlacementStrategy],
    n: usize,
    eligible: impl Fn(&str) -> bool,
    rng: &mut PlacementRng,
) -> Vec<String> {
    let steps: Vec<PlacementStrategy> = if strategies.is_empty() {
        default_strategies(&RequestKind::Service {
            name: String::new(),
        })
    } else {
        strategies.to_vec()
    }
    .into_iter()
    .take_while(|s| *s != PlacementStrategy::Random)
    .take(MAX_STRATEGIES)
    .collect();

    let mut remaining_cpu: Vec<i64> = state.instances.iter().map(|i| i.remaining_cpu).collect();
    let mut remaining_memory: Vec<i64> =
        state.instances.iter().map(|i| i.remaining_memory).collect();
    let mut on_instance: Vec<i64> = state
        .instances
        .iter()
        .map(|i| i64::from(i.group_count(group)))
        .collect();
    let mut per_value: Vec<BTreeMap<Option<&str>, i64>> = steps
        .iter()
        .map(|step| match step {
            PlacementStrategy::Spread(SpreadField::Attribute(name)) => {
                crate::place::bucket_counts(&state.instances, name, group)
            }
            _ => BTreeMap::new(),
        })
        .collect();
    let mut candidates: Vec<usize> = state
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| {
            t.group == group
                && t.desired_status != DesiredStatus::Stopped
                && t.instance < state.instances.len()
                && eligible(&t.id)
        })
        .map(|(k, _)| k)
        .collect();

    let mut stopped = Vec::new();
    while stopped.len() < n && !candidates.is_empty() {
        let key = |k: usize| {
            let task = &state.tasks[k];
            let i = task.instance;
            let mut key = [0i64; MAX_STRATEGIES];
            for (j, step) in steps.iter().enumerate() {
                // Every component is negated so that, as in placement, lower is better.
                key[j] = -match step {
                    PlacementStrategy::Binpack(BinpackField::Cpu) => {
                        remaining_cpu[i] + i64::from(task.cpu)
                    }
                    PlacementStrategy::Binpack(BinpackField::Memory) => {
                        remaining_memory[i] + i64::from(task.memory)
                    }
                    PlacementStrategy::Spread(SpreadField::InstanceId) => on_instance[i],
                    PlacementStrategy::Spread(SpreadField::Attribute(name)) => per_value[j]
                        .get(&state.instances[i].attribute_value(name))
                        .copied()
                        .unwrap_or(0),
                    PlacementStrategy::Random => 0,
                };
            }
            key
        };
        let keys: Vec<_> = candidates.iter().map(|&k| key(k)).collect();
        let Some(best) = keys.iter().min().copied() else {
            break;
        };
        let tied: Vec<usize> = (0..candidates.len()).filter(|&c| keys[c] == best).collect();
        let position = tied[draw_tie(rng, tied.len())];
        let k = candidates.remove(position);
        let task = &state.tasks[k];
        let i = task.instance;
        remaining_cpu[i] += i64::from(task.cpu);
        remaining_memory[i] += i64::from(task.memory);
        on_instance[i] -= 1;
        for (j, step) in steps.iter().enumerate() {
            if let PlacementStrategy::Spread(SpreadField::Attribute(name)) = step
                && let Some(count) = per_value[j].get_mut(&state.instances[i].attribute_value(name))
            {
                *count -= 1;
            }
        }
        stopped.push(task.id.clone());
    }
    stopped
}
