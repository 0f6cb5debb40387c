//! Why the next task of a request would go where it goes, computed on demand from the state
//! before the task (no trace is kept while placing).

use serde::Serialize;

use crate::checks::{CheckFailure, Demand, PlacementFailure};
use crate::model::ClusterState;
use crate::place::{RankKey, best_and_tied, draw_tie, ranking_steps, scan_keys};
use crate::request::{
    BinpackField, PlacementRequest, PlacementStrategy, RequestError, SpreadField,
};
use crate::rng::PlacementRng;

/// The explanation of one placement decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    pub group: String,
    /// The strategies in force (the defaults when the request gives none).
    pub strategies: Vec<String>,
    pub instance_count: usize,
    /// Instances that fit and satisfy every constraint.
    pub candidate_count: usize,
    /// One verdict per instance, in index order.
    pub instances: Vec<InstanceVerdict>,
    pub tie_break: Option<TieBreak>,
    pub chosen: Option<ChosenInstance>,
    pub failure: Option<PlacementFailure>,
    pub request_error: Option<RequestError>,
    /// One plain-English sentence.
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceVerdict {
    pub index: usize,
    pub container_instance_id: String,
    /// The first check the instance failed; `None` for candidates.
    pub rejection: Option<CheckFailure>,
    /// For candidates, what each ranking strategy made of them.
    pub steps: Vec<StepValue>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepValue {
    pub strategy: String,
    /// The value the strategy minimizes (tasks counted, or resource remaining).
    pub value: i64,
    pub description: String,
    /// Whether the instance was still among the best after this step.
    pub tied_after: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TieBreak {
    /// How many candidates were still tied after the last strategy.
    pub tied: usize,
    /// The position (in instance order) the seeded draw picked.
    pub drawn: usize,
    /// True when a `random` strategy, not a leftover tie, called for the draw.
    pub random_strategy: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChosenInstance {
    pub index: usize,
    pub container_instance_id: String,
    pub availability_zone: Option<String>,
}

fn describe_step(
    step: &PlacementStrategy,
    value: i64,
    group: &str,
    bucket: Option<&str>,
) -> String {
    match step {
        PlacementStrategy::Spread(SpreadField::Attribute(name)) => match bucket {
            Some(v) => format!("{name} {v} has {} of {group}", tasks(value)),
            None => format!("instances without {name} have {} of {group}", tasks(value)),
        },
        PlacementStrategy::Spread(SpreadField::InstanceId) => {
            format!("runs {} of {group}", tasks(value))
        }
        PlacementStrategy::Binpack(BinpackField::Memory) => {
            format!("{value} MiB memory remaining")
        }
        PlacementStrategy::Binpack(BinpackField::Cpu) => format!("{value} CPU units remaining"),
        PlacementStrategy::Random => String::new(),
    }
}

fn tasks(n: i64) -> String {
    if n == 1 {
        "1 task".to_string()
    } else {
        format!("{n} tasks")
    }
}

/// What one ranking step did, seen from the chosen instance.
struct StepOutcome<'a> {
    step: &'a PlacementStrategy,
    /// The best value of the step.
    value: i64,
    /// The chosen instance's bucket for attribute spreads.
    bucket: Option<&'a str>,
    /// Candidates still tied before and after the step.
    before: usize,
    after: usize,
    /// For attribute spreads, how many distinct values the survivors have.
    values_after: usize,
}

/// One clause of the summary sentence for a step.
fn summary_phrase(outcome: &StepOutcome<'_>, group: &str, instance_id: &str) -> String {
    let StepOutcome {
        step,
        value,
        bucket,
        before,
        after,
        values_after,
    } = *outcome;
    if after == before {
        return match step {
            PlacementStrategy::Spread(_) => {
                format!("{step} left them tied ({} of {group})", tasks(value))
            }
            _ => format!("{step} left them tied ({value})"),
        };
    }
    let (subject, peers) = match step {
        PlacementStrategy::Spread(SpreadField::Attribute(name)) => (
            bucket.map_or_else(|| format!("the instances without {name}"), str::to_string),
            (values_after > 1).then(|| format!("one of {values_after} values of {name}")),
        ),
        _ => (
            instance_id.to_string(),
            (after > 1).then(|| format!("one of {after} instances")),
        ),
    };
    let claim = match step {
        PlacementStrategy::Binpack(field) => {
            let (what, unit, name) = match field {
                BinpackField::Memory => ("memory", "MiB", "memory"),
                BinpackField::Cpu => ("CPU", "units", "cpu"),
            };
            format!("the least {what} remaining ({value} {unit}), as binpack on {name} prefers")
        }
        _ => format!("the fewest tasks of {group} ({value})"),
    };
    match peers {
        Some(peers) => format!("{subject} was {peers} with {claim}"),
        None => format!("{subject} had {claim}"),
    }
}

/// Explains where the next task of `request` would go from `state`, drawing from a copy of
/// `rng`: the choice is the one [`crate::place`] makes from the same state and generator.
pub fn explain_next(
    state: &ClusterState,
    request: &PlacementRequest,
    rng: &PlacementRng,
) -> Explanation {
    let strategies: Vec<String> = request
        .effective_strategies()
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut explanation = Explanation {
        group: request.group.clone(),
        strategies,
        instance_count: state.instances.len(),
        candidate_count: 0,
        instances: Vec::new(),
        tie_break: None,
        chosen: None,
        failure: None,
        request_error: None,
        summary: String::new(),
    };
    if let Err(error) = request.validate() {
        explanation.summary = format!("Not placed: the request is invalid: {error}");
        explanation.request_error = Some(error);
        return explanation;
    }
    let demand = Demand::new(request);
    let steps = ranking_steps(request);
    let keys = scan_keys(state, &demand, &steps);
    let best = best_and_tied(&keys);
    explanation.candidate_count = keys.iter().flatten().count();
    let bucket = |index: usize, step: &PlacementStrategy| match step {
        PlacementStrategy::Spread(SpreadField::Attribute(name)) => {
            state.instances[index].attribute_value(name)
        }
        _ => None,
    };
    let tied_through = |key: &RankKey, best: &RankKey, j: usize| key[..=j] == best[..=j];
    for (index, instance) in state.instances.iter().enumerate() {
        let mut verdict = InstanceVerdict {
            index,
            container_instance_id: instance.id.clone(),
            rejection: None,
            steps: Vec::new(),
        };
        match (&keys[index], &best) {
            (Some(key), Some((best_key, _))) => {
                verdict.steps = steps
                    .iter()
                    .enumerate()
                    .map(|(j, step)| StepValue {
                        strategy: step.to_string(),
                        value: key[j],
                        description: describe_step(
                            step,
                            key[j],
                            &request.group,
                            bucket(index, step),
                        ),
                        tied_after: tied_through(key, best_key, j),
                    })
                    .collect();
            }
            _ => verdict.rejection = demand.first_failure(instance),
        }
        explanation.instances.push(verdict);
    }
    let Some((best_key, tied)) = best else {
        let failure = demand.closest_failure(&state.instances);
        explanation.summary = match &failure.closest_instance {
            Some(id) => format!(
                "Not placed: of {} instances, none fits and satisfies the constraints; the closest, {id}, failed {}: {}.",
                state.instances.len(),
                failure.reason.as_str(),
                failure.detail
            ),
            None => format!("Not placed: {}", failure.reason.as_str()),
        };
        explanation.failure = Some(failure);
        return explanation;
    };
    let drawn = draw_tie(&mut rng.clone(), tied.len());
    let chosen = tied[drawn];
    let instance = &state.instances[chosen];
    let random_strategy = steps.len() < request.effective_strategies().len();
    if tied.len() > 1 {
        explanation.tie_break = Some(TieBreak {
            tied: tied.len(),
            drawn,
            random_strategy,
        });
    }
    let zone = instance.availability_zone().map(str::to_string);
    let mut phrases = Vec::new();
    let mut before = explanation.candidate_count;
    for (j, step) in steps.iter().enumerate() {
        let survivors: Vec<usize> = (0..keys.len())
            .filter(|&i| keys[i].is_some_and(|k| tied_through(&k, &best_key, j)))
            .collect();
        let values: std::collections::BTreeSet<Option<&str>> =
            survivors.iter().map(|&i| bucket(i, step)).collect();
        let outcome = StepOutcome {
            step,
            value: best_key[j],
            bucket: bucket(chosen, step),
            before,
            after: survivors.len(),
            values_after: values.len(),
        };
        // "Within it" reads right only after a step that chose a group of instances.
        let joint = match steps.get(j.wrapping_sub(1)) {
            None => "; ",
            Some(PlacementStrategy::Spread(SpreadField::Attribute(_))) => "; within it, ",
            Some(_) => "; then ",
        };
        phrases.push(format!(
            "{joint}{}",
            summary_phrase(&outcome, &request.group, &instance.id)
        ));
        before = survivors.len();
    }
    let mut summary = format!(
        "Placed on {}{}: of {} instances, {} fit and satisfy the constraints",
        instance.id,
        zone.as_deref()
            .map(|z| format!(" in {z}"))
            .unwrap_or_default(),
        state.instances.len(),
        explanation.candidate_count
    );
    summary.push_str(&phrases.concat());
    if tied.len() > 1 {
        if random_strategy {
            summary.push_str(&format!(
                "; the random strategy picked it among {} candidates with a seeded draw",
                tied.len()
            ));
        } else {
            summary.push_str(&format!(
                "; a seeded random draw picked it among {} tied instances",
                tied.len()
            ));
        }
    }
    summary.push('.');
    explanation.summary = summary;
    explanation.chosen = Some(ChosenInstance {
        index: chosen,
        container_instance_id: instance.id.clone(),
        availability_zone: zone,
    });
    explanation
}
