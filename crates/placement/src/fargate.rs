//! Fargate placement (Availability Zones only) and the capacity-provider base/weight split.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::place::draw_tie;
use crate::rng::PlacementRng;

/// Picks an Availability Zone for each of `count` Fargate tasks: the zone of the task's subnets
/// with the fewest tasks of the group (counting `existing_tasks_per_zone` and the tasks placed so
/// far), ties broken uniformly with `rng` over the zones in name order. Fargate takes no
/// strategies or constraints (§2.3). Returns an empty list when there are no subnets.
pub fn place_fargate(
    subnet_availability_zones: &[String],
    existing_tasks_per_zone: &BTreeMap<String, u32>,
    count: u32,
    rng: &mut PlacementRng,
) -> Vec<String> {
    let zones: Vec<&String> = subnet_availability_zones
        .iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if zones.is_empty() {
        return Vec::new();
    }
    let mut tasks: Vec<u64> = zones
        .iter()
        .map(|z| u64::from(existing_tasks_per_zone.get(*z).copied().unwrap_or(0)))
        .collect();
    (0..count)
        .map(|_| {
            let fewest = tasks.iter().min().copied().unwrap_or(0);
            let tied: Vec<usize> = (0..zones.len()).filter(|&z| tasks[z] == fewest).collect();
            let zone = tied[draw_tie(rng, tied.len())];
            tasks[zone] += 1;
            zones[zone].clone()
        })
        .collect()
}

/// One item of a capacity provider strategy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CapacityProviderStrategyItem {
    pub capacity_provider: String,
    #[serde(default)]
    pub base: u32,
    #[serde(default)]
    pub weight: u32,
}

impl CapacityProviderStrategyItem {
    pub fn new(capacity_provider: &str, base: u32, weight: u32) -> Self {
        CapacityProviderStrategyItem {
            capacity_provider: capacity_provider.to_string(),
            base,
            weight,
        }
    }
}

/// Why a capacity provider strategy is rejected (§9.2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapacityProviderStrategyError {
    pub messages: Vec<String>,
}

impl fmt::Display for CapacityProviderStrategyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.messages.join(" "))
    }
}

/// The limits of §9.2 and §10. Every violation is reported.
pub fn validate_capacity_provider_strategy(
    items: &[CapacityProviderStrategyItem],
) -> Result<(), CapacityProviderStrategyError> {
    let mut messages = Vec::new();
    if items.is_empty() {
        messages.push("The capacity provider strategy is empty.".to_string());
    }
    if items.len() > 20 {
        messages.push(format!(
            "The capacity provider strategy has {} items; at most 20 are allowed.",
            items.len()
        ));
    }
    if items.iter().filter(|i| i.base > 0).count() > 1 {
        messages.push(
            "Only one capacity provider in a capacity provider strategy can have a base defined."
                .to_string(),
        );
    }
    if !items.is_empty() && items.iter().all(|i| i.weight == 0) {
        messages.push(
            "At least one capacity provider in a capacity provider strategy must have a weight greater than zero."
                .to_string(),
        );
    }
    for item in items {
        if item.base > 100_000 {
            messages.push(format!(
                "The base of {} is {}; it must be between 0 and 100000.",
                item.capacity_provider, item.base
            ));
        }
        if item.weight > 1000 {
            messages.push(format!(
                "The weight of {} is {}; it must be between 0 and 1000.",
                item.capacity_provider, item.weight
            ));
        }
    }
    let mut seen = BTreeSet::new();
    for item in items {
        if !seen.insert(&item.capacity_provider) {
            messages.push(format!(
                "The capacity provider {} appears twice in the strategy.",
                item.capacity_provider
            ));
        }
    }
    if messages.is_empty() {
        Ok(())
    } else {
        Err(CapacityProviderStrategyError { messages })
    }
}

/// Assigns each of `n` new tasks to a strategy item (returned as indices into `items`).
///
/// `already` holds the tasks each item's provider already runs for this service (missing entries
/// count as 0). The base provider first gets tasks until it holds `base`; after that,
/// [MODEL] each task goes to the item minimizing `(tasks after base + 1) / weight`, ties to the
/// earlier item, which reproduces the weight ratio exactly whenever it divides evenly.
pub fn split_capacity_providers(
    items: &[CapacityProviderStrategyItem],
    already: &[u32],
    n: u32,
) -> Result<Vec<usize>, CapacityProviderStrategyError> {
    validate_capacity_provider_strategy(items)?;
    let held = |i: usize| u64::from(already.get(i).copied().unwrap_or(0));
    let mut after_base: Vec<u64> = (0..items.len())
        .map(|i| held(i).saturating_sub(u64::from(items[i].base)))
        .collect();
    let mut base_left: Vec<u64> = (0..items.len())
        .map(|i| u64::from(items[i].base).saturating_sub(held(i)))
        .collect();
    let mut assigned = Vec::new();
    for _ in 0..n {
        if let Some(i) = base_left.iter().position(|&left| left > 0) {
            base_left[i] -= 1;
            assigned.push(i);
            continue;
        }
        // Compare (a + 1) / w across items by cross-multiplying, so no rounding decides a tie.
        let mut best: Option<usize> = None;
        for (i, item) in items.iter().enumerate() {
            if item.weight == 0 {
                continue;
            }
            let better = best.is_none_or(|b| {
                (after_base[i] + 1) * u64::from(items[b].weight)
                    < (after_base[b] + 1) * u64::from(item.weight)
            });
            if better {
                best = Some(i);
            }
        }
        // Validation guarantees a weighted item; the guard keeps a bad call from panicking.
        let Some(i) = best else { break };
        after_base[i] += 1;
        assigned.push(i);
    }
    Ok(assigned)
}
