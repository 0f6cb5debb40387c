//! Placing the tasks of one request: the indexed fast path ([`place`]) and the full-scan
//! reference ([`place_naive`]) that defines what the fast path must produce.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::checks::{Demand, PlacementFailure, service_event};
use crate::model::{ClusterState, ContainerInstanceState, DesiredStatus, TaskState};
use crate::request::{
    BinpackField, MAX_STRATEGIES, PlacementRequest, PlacementStrategy, RequestError, RequestKind,
    SpreadField,
};
use crate::rng::PlacementRng;

/// A task the engine placed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacedTask {
    pub task_id: String,
    /// Index into [`ClusterState::instances`].
    pub instance: usize,
    pub container_instance_id: String,
}

/// What happened to a request: the tasks placed, one failure per task that could not be, the
/// service event for a service, or the request error that stopped everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacementOutcome {
    pub placed: Vec<PlacedTask>,
    pub failures: Vec<PlacementFailure>,
    pub service_event: Option<String>,
    pub request_error: Option<RequestError>,
}

/// A lexicographic ranking key; lower is better in every component.
pub(crate) type RankKey = [i64; MAX_STRATEGIES];

/// The strategies that order candidates. [MODEL] A `random` step picks uniformly among the
/// candidates still tied, so it ends the list: steps after it can never matter.
pub(crate) fn ranking_steps(request: &PlacementRequest) -> Vec<PlacementStrategy> {
    request
        .effective_strategies()
        .into_iter()
        .take_while(|s| *s != PlacementStrategy::Random)
        .take(MAX_STRATEGIES)
        .collect()
}

/// The key component of a step that depends on the instance alone (0 for attribute spreads,
/// whose component depends on the whole bucket).
fn instance_component(
    instance: &ContainerInstanceState,
    step: &PlacementStrategy,
    group: &str,
) -> i64 {
    match step {
        PlacementStrategy::Binpack(BinpackField::Cpu) => instance.remaining_cpu,
        PlacementStrategy::Binpack(BinpackField::Memory) => instance.remaining_memory,
        PlacementStrategy::Spread(SpreadField::InstanceId) => {
            i64::from(instance.group_count(group))
        }
        PlacementStrategy::Spread(SpreadField::Attribute(_)) | PlacementStrategy::Random => 0,
    }
}

/// Counts of the group's tasks per value of an attribute, over every instance (whatever its
/// status); instances lacking the attribute share the `None` bucket.
pub(crate) fn bucket_counts<'s>(
    instances: &'s [ContainerInstanceState],
    attribute: &str,
    group: &str,
) -> BTreeMap<Option<&'s str>, i64> {
    let mut counts = BTreeMap::new();
    for instance in instances {
        *counts
            .entry(instance.attribute_value(attribute))
            .or_insert(0) += i64::from(instance.group_count(group));
    }
    counts
}

/// Every instance's full key by scanning everything: `None` for instances that cannot take the
/// task. This is the reference the fast index must agree with.
pub(crate) fn scan_keys(
    state: &ClusterState,
    demand: &Demand<'_>,
    steps: &[PlacementStrategy],
) -> Vec<Option<RankKey>> {
    let counts: Vec<Option<BTreeMap<Option<&str>, i64>>> = steps
        .iter()
        .map(|step| match step {
            PlacementStrategy::Spread(SpreadField::Attribute(name)) => {
                Some(bucket_counts(&state.instances, name, demand.group))
            }
            _ => None,
        })
        .collect();
    state
        .instances
        .iter()
        .map(|instance| {
            if !demand.passes(instance) {
                return None;
            }
            let mut key = [0; MAX_STRATEGIES];
            for (j, step) in steps.iter().enumerate() {
                key[j] = match (step, &counts[j]) {
                    (PlacementStrategy::Spread(SpreadField::Attribute(name)), Some(counts)) => {
                        counts
                            .get(&instance.attribute_value(name))
                            .copied()
                            .unwrap_or(0)
                    }
                    _ => instance_component(instance, step, demand.group),
                };
            }
            Some(key)
        })
        .collect()
}

/// The best key and the instances holding it, in index order.
pub(crate) fn best_and_tied(keys: &[Option<RankKey>]) -> Option<(RankKey, Vec<usize>)> {
    let best = keys.iter().flatten().min().copied()?;
    let tied = keys
        .iter()
        .enumerate()
        .filter(|(_, key)| **key == Some(best))
        .map(|(index, _)| index)
        .collect();
    Some((best, tied))
}

/// The final tie break: uniform among `count` tied candidates. No number is drawn when there is
/// nothing to break, so the stream only advances on real ties.
pub(crate) fn draw_tie(rng: &mut PlacementRng, count: usize) -> usize {
    if count > 1 { rng.below(count) } else { 0 }
}

fn commit(state: &mut ClusterState, request: &PlacementRequest, instance: usize) -> PlacedTask {
    let task_id = state.next_task_id();
    let r = &request.requirements;
    // A task asking for ALL GPUs takes every GPU still free where it lands.
    let gpu = if r.all_gpus {
        u32::try_from(state.instances[instance].remaining_gpu)
            .unwrap_or(0)
            .max(r.gpu)
    } else {
        r.gpu
    };
    state.add_task(TaskState {
        id: task_id.clone(),
        group: request.group.clone(),
        instance,
        cpu: r.cpu,
        memory: r.memory,
        gpu,
        tcp_host_ports: r.tcp_host_ports.clone(),
        udp_host_ports: r.udp_host_ports.clone(),
        uses_eni: r.uses_eni,
        desired_status: DesiredStatus::Running,
    });
    PlacedTask {
        task_id,
        instance,
        container_instance_id: state.instances[instance].id.clone(),
    }
}

/// Records that no instance can take the remaining tasks of the request.
fn fail_rest(
    outcome: &mut PlacementOutcome,
    request: &PlacementRequest,
    failure: PlacementFailure,
    remaining: u32,
) {
    if let RequestKind::Service { name } = &request.kind {
        outcome.service_event = Some(service_event(name, &failure));
    }
    outcome.failures = vec![failure; remaining as usize];
}

fn rejected(error: RequestError) -> PlacementOutcome {
    PlacementOutcome {
        request_error: Some(error),
        ..PlacementOutcome::default()
    }
}

/// Places the request's tasks one after another, updating `state` between them.
///
/// Candidates are indexed once per request: every instance is checked once, survivors are
/// grouped into partitions of equal attribute-spread buckets, each ordered by the rest of the
/// key. After a placement only the chosen instance and its buckets' counts change, so only it is
/// re-checked. Produces exactly what [`place_naive`] produces.
pub fn place(
    state: &mut ClusterState,
    request: &PlacementRequest,
    rng: &mut PlacementRng,
) -> PlacementOutcome {
    if let Err(error) = request.validate() {
        return rejected(error);
    }
    let demand = Demand::new(request);
    let steps = ranking_steps(request);
    let mut index = CandidateIndex::build(state, &demand, &steps);
    let mut outcome = PlacementOutcome::default();
    for placed in 0..request.count {
        let Some(chosen) = index.choose(rng) else {
            let failure = demand.closest_failure(&state.instances);
            fail_rest(&mut outcome, request, failure, request.count - placed);
            break;
        };
        outcome.placed.push(commit(state, request, chosen));
        index.placed_on(chosen, state, &demand);
    }
    outcome
}

/// The reference implementation: for every task, checks every instance and recomputes every
/// strategy's value from scratch. Kept for tests and as the benchmark's baseline.
pub fn place_naive(
    state: &mut ClusterState,
    request: &PlacementRequest,
    rng: &mut PlacementRng,
) -> PlacementOutcome {
    if let Err(error) = request.validate() {
        return rejected(error);
    }
    let demand = Demand::new(request);
    let steps = ranking_steps(request);
    let mut outcome = PlacementOutcome::default();
    for placed in 0..request.count {
        let keys = scan_keys(state, &demand, &steps);
        let Some((_, tied)) = best_and_tied(&keys) else {
            let failure = demand.closest_failure(&state.instances);
            fail_rest(&mut outcome, request, failure, request.count - placed);
            break;
        };
        let chosen = tied[draw_tie(rng, tied.len())];
        outcome.placed.push(commit(state, request, chosen));
    }
    outcome
}

/// Candidates sharing one bucket of every attribute spread, ordered by the instance-level
/// components of the key and then by index.
struct Partition {
    buckets: Vec<u32>,
    members: BTreeMap<RankKey, Vec<u32>>,
}

struct CandidateIndex<'q> {
    steps: &'q [PlacementStrategy],
    /// For each step, the attribute-spread slot it reads, if any.
    step_slot: Vec<Option<usize>>,
    /// `[slot][instance]` bucket id.
    bucket_of: Vec<Vec<u32>>,
    /// `[slot][bucket]` tasks of the group.
    bucket_tasks: Vec<Vec<i64>>,
    partition_of: Vec<u32>,
    partitions: Vec<Partition>,
    /// The key each candidate is filed under.
    filed_as: Vec<Option<RankKey>>,
}

impl<'q> CandidateIndex<'q> {
    fn build(state: &ClusterState, demand: &Demand<'_>, steps: &'q [PlacementStrategy]) -> Self {
        let mut step_slot = Vec::with_capacity(steps.len());
        let mut bucket_of = Vec::new();
        let mut bucket_tasks = Vec::new();
        for step in steps {
            let PlacementStrategy::Spread(SpreadField::Attribute(name)) = step else {
                step_slot.push(None);
                continue;
            };
            step_slot.push(Some(bucket_of.len()));
            let mut ids: BTreeMap<Option<&str>, u32> = BTreeMap::new();
            let mut tasks = Vec::new();
            let of: Vec<u32> = state
                .instances
                .iter()
                .map(|instance| {
                    let next = ids.len() as u32;
                    let id = *ids.entry(instance.attribute_value(name)).or_insert(next);
                    if id as usize == tasks.len() {
                        tasks.push(0);
                    }
                    tasks[id as usize] += i64::from(instance.group_count(demand.group));
                    id
                })
                .collect();
            bucket_of.push(of);
            bucket_tasks.push(tasks);
        }
        let mut partition_ids: BTreeMap<Vec<u32>, u32> = BTreeMap::new();
        let mut partitions = Vec::new();
        let partition_of = (0..state.instances.len())
            .map(|i| {
                let buckets: Vec<u32> = bucket_of.iter().map(|of| of[i]).collect();
                let next = partition_ids.len() as u32;
                *partition_ids.entry(buckets.clone()).or_insert_with(|| {
                    partitions.push(Partition {
                        buckets,
                        members: BTreeMap::new(),
                    });
                    next
                })
            })
            .collect();
        let mut index = CandidateIndex {
            steps,
            step_slot,
            bucket_of,
            bucket_tasks,
            partition_of,
            partitions,
            filed_as: vec![None; state.instances.len()],
        };
        for (i, instance) in state.instances.iter().enumerate() {
            index.file(i, instance, demand);
        }
        index
    }

    fn instance_key(&self, instance: &ContainerInstanceState, group: &str) -> RankKey {
        let mut key = [0; MAX_STRATEGIES];
        for (j, step) in self.steps.iter().enumerate() {
            key[j] = instance_component(instance, step, group);
        }
        key
    }

    /// Files the instance under its current key if it can take the task.
    fn file(&mut self, i: usize, instance: &ContainerInstanceState, demand: &Demand<'_>) {
        if !demand.passes(instance) {
            return;
        }
        let key = self.instance_key(instance, demand.group);
        let members = self.partitions[self.partition_of[i] as usize]
            .members
            .entry(key)
            .or_default();
        let at = members.partition_point(|&m| (m as usize) < i);
        members.insert(at, i as u32);
        self.filed_as[i] = Some(key);
    }

    fn unfile(&mut self, i: usize) {
        let Some(key) = self.filed_as[i].take() else {
            return;
        };
        let members = &mut self.partitions[self.partition_of[i] as usize].members;
        if let Some(list) = members.get_mut(&key) {
            if let Ok(at) = list.binary_search(&(i as u32)) {
                list.remove(at);
            }
            if list.is_empty() {
                members.remove(&key);
            }
        }
    }

    /// The full key of a partition's best member, with the bucket counts filled in.
    fn full_key(&self, partition: &Partition, instance_key: &RankKey) -> RankKey {
        let mut key = *instance_key;
        for (j, slot) in self.step_slot.iter().enumerate() {
            if let Some(slot) = *slot {
                key[j] = self.bucket_tasks[slot][partition.buckets[slot] as usize];
            }
        }
        key
    }

    fn choose(&self, rng: &mut PlacementRng) -> Option<usize> {
        let mut best: Option<RankKey> = None;
        let mut tied: Vec<&[u32]> = Vec::new();
        for partition in &self.partitions {
            let Some((instance_key, members)) = partition.members.first_key_value() else {
                continue;
            };
            let key = self.full_key(partition, instance_key);
            match best.map(|b| key.cmp(&b)) {
                Some(Ordering::Greater) => {}
                Some(Ordering::Equal) => tied.push(members),
                _ => {
                    best = Some(key);
                    tied.clear();
                    tied.push(members);
                }
            }
        }
        let count: usize = tied.iter().map(|m| m.len()).sum();
        if count == 0 {
            return None;
        }
        Some(nth_smallest(&tied, draw_tie(rng, count)) as usize)
    }

    /// Brings the index up to date after a task landed on instance `i`.
    fn placed_on(&mut self, i: usize, state: &ClusterState, demand: &Demand<'_>) {
        for slot in 0..self.bucket_of.len() {
            let bucket = self.bucket_of[slot][i] as usize;
            self.bucket_tasks[slot][bucket] += 1;
        }
        self.unfile(i);
        self.file(i, &state.instances[i], demand);
    }
}

/// The `n`-th smallest (0-based) value in the union of disjoint sorted lists.
fn nth_smallest(lists: &[&[u32]], n: usize) -> u32 {
    if let [only] = lists {
        return only[n.min(only.len() - 1)];
    }
    // Binary search on the value: the answer is the least v with more than n values ≤ v.
    let (mut low, mut high) = (
        0u32,
        lists
            .iter()
            .filter_map(|l| l.last())
            .copied()
            .max()
            .unwrap_or(0),
    );
    while low < high {
        let middle = low + (high - low) / 2;
        let at_most: usize = lists
            .iter()
            .map(|l| l.partition_point(|&x| x <= middle))
            .sum();
        if at_most > n {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    low
}
