//! Every core function the playground calls, exported through wasm-bindgen, each returning a
//! string built from its results so that nothing is optimised away. Only for measuring size.

use ecs_model::{Diagnostic, InstanceCatalog};
use ecs_placement::query;
use ecs_scenario::{Answer, QuestionKind, Scenario, ShareView};
use serde_json::json;
use wasm_bindgen::prelude::*;

fn diags(ds: &[Diagnostic]) -> String {
    ds.iter()
        .map(|d| {
            format!(
                "{}|{}|{}|{}|{:?}:{:?}",
                d.severity.as_str(),
                d.path,
                d.message,
                d.explanation,
                d.line,
                d.column
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Run a scenario; summary of the outcome plus diagnostics (messages and paths).
#[wasm_bindgen]
pub fn evaluate(text: &str) -> String {
    let e = ecs_scenario::evaluate(text);
    let summary = e.outcome.as_ref().map(|o| {
        json!({
            "cluster": o.cluster,
            "at": o.at,
            "instances": o.container_instances.len(),
            "tasks": o.tasks.iter().map(|t| format!("{} {} {:?}", t.task_id, t.group, t.container_instance)).collect::<Vec<_>>(),
            "failures": o.failures.len(),
            "events": o.events.len(),
            "timeline": o.timeline.iter().map(|t| format!("{} {} {} {}", t.at, t.kind, t.request, t.message)).collect::<Vec<_>>(),
            "actions": o.timeline.iter().filter(|t| ecs_sim::ACTION_NAMES.contains(&t.kind.as_str())).count(),
            "services": o.services.len(),
            "providers": o.capacity_providers.len(),
            "targetGroups": o.target_groups.len(),
        })
    });
    serde_json::to_string(&json!({
        "summary": summary,
        "diagnostics": diags(&e.diagnostics),
    }))
    .unwrap_or_default()
}

/// Diagnostics only.
#[wasm_bindgen]
pub fn diagnostics(text: &str) -> String {
    diags(&ecs_scenario::evaluate(text).diagnostics)
}

#[wasm_bindgen]
pub fn state_at_step(text: &str, step: usize) -> String {
    let e = ecs_scenario::evaluate(text);
    match e.world.as_ref() {
        Some(w) => {
            let o = ecs_sim::state_at_step(w, step);
            format!(
                "{} at {}: {} tasks, {} instances, {} events, {} timeline",
                o.cluster,
                o.at,
                o.tasks.len(),
                o.container_instances.len(),
                o.events.len(),
                o.timeline.len()
            )
        }
        None => String::new(),
    }
}

#[wasm_bindgen]
pub fn initial_cluster_state(text: &str) -> String {
    let e = ecs_scenario::evaluate(text);
    match e.world.as_ref() {
        Some(w) => {
            let s = ecs_sim::initial_cluster_state(w);
            let attrs: Vec<String> = s
                .instances
                .iter()
                .flat_map(|i| i.attributes.keys().cloned())
                .collect();
            format!("{} instances; {}", s.instances.len(), attrs.join(","))
        }
        None => String::new(),
    }
}

#[wasm_bindgen]
pub fn explain(text: &str, placement_index: usize) -> String {
    let e = ecs_scenario::evaluate(text);
    match ecs_scenario::explain(&e, placement_index) {
        Some(x) => format!(
            "{}\n{}\n{} of {}",
            x.summary,
            ecs_scenario::explanation_text(&x),
            x.candidate_count,
            x.instance_count
        ),
        None => String::new(),
    }
}

#[wasm_bindgen]
pub fn questions(text: &str) -> String {
    let e = ecs_scenario::evaluate(text);
    let Some(s) = e.scenario.as_ref() else {
        return String::new();
    };
    let (qs, ds) = ecs_scenario::questions(s);
    let mut out = Vec::new();
    for q in &qs {
        out.push(format!(
            "{} {} {:?} {}",
            q.id,
            q.prompt,
            q.step(&e),
            q.choices().join("/")
        ));
    }
    format!("{}\n{}", out.join("\n"), diags(&ds))
}

#[wasm_bindgen]
pub fn grade(text: &str, question_index: usize, answer: &str) -> String {
    let e = ecs_scenario::evaluate(text);
    let Some(s) = e.scenario.as_ref() else {
        return String::new();
    };
    let (qs, _) = ecs_scenario::questions(s);
    let Some(q) = qs.get(question_index) else {
        return String::new();
    };
    let given = match &q.kind {
        QuestionKind::NextTask { .. } => Some(Answer::Instance(answer.to_owned())),
        QuestionKind::ScaleIn { .. } => Some(Answer::Task(answer.to_owned())),
        QuestionKind::TasksInZone { .. } | QuestionKind::PeakTasks { .. } => {
            answer.parse().ok().map(Answer::Count)
        }
        QuestionKind::MultipleChoice { .. } => answer.parse().ok().map(Answer::Choice),
    };
    match given {
        Some(a) => {
            let g = ecs_scenario::grade(&e, q, &a);
            format!("{} {} {}", g.correct, g.expected, g.explanation)
        }
        None => String::new(),
    }
}

/// Import a document and merge it into the current scenario text.
#[wasm_bindgen]
pub fn import_document(current: &str, text: &str) -> String {
    match ecs_scenario::import_document(text) {
        Ok(found) => {
            let summaries: Vec<String> = found.merges.iter().map(|m| m.summary()).collect();
            let merged = match Scenario::parse(current).0 {
                Some(mut s) => {
                    for m in &found.merges {
                        m.apply(&mut s);
                    }
                    s.to_json_pretty()
                }
                None => String::new(),
            };
            format!(
                "{}\n{}\n{}\n{}",
                found.kind.as_str(),
                summaries.join("\n"),
                diags(&found.diagnostics),
                merged
            )
        }
        Err(ds) => diags(&ds),
    }
}

#[wasm_bindgen]
pub fn export(text: &str) -> String {
    match Scenario::parse(text).0 {
        Some(s) => {
            let x = ecs_scenario::export(&s);
            format!("{}\n{}\n{}", x.scenario_json, x.cli, x.cloudformation)
        }
        None => String::new(),
    }
}

#[wasm_bindgen]
pub fn encode_share(text: &str, step: Option<u32>, task: Option<String>, panel: Option<String>) -> String {
    ecs_scenario::encode_share(text, &ShareView { step, task, panel })
}

#[wasm_bindgen]
pub fn decode_share(fragment: &str) -> String {
    match ecs_scenario::decode_share(fragment) {
        Ok((text, view)) => format!("{:?} {:?} {:?}\n{}", view.step, view.task, view.panel, text),
        Err(err) => format!("error: {err}"),
    }
}

#[wasm_bindgen]
pub fn examples() -> String {
    ecs_scenario::examples()
        .iter()
        .map(|e| format!("{}|{}|{}|{}", e.id, e.title, e.description, e.topic))
        .collect::<Vec<_>>()
        .join("\n")
}

#[wasm_bindgen]
pub fn example(id: &str) -> String {
    ecs_scenario::example(id).map(|e| e.json.to_owned()).unwrap_or_default()
}

#[wasm_bindgen]
pub fn default_scenario() -> String {
    ecs_scenario::DEFAULT_SCENARIO.to_owned()
}

/// Parse a cluster query; on success count matching instances of the scenario's initial cluster.
#[wasm_bindgen]
pub fn query(text: &str, scenario: &str) -> String {
    match query::parse(text) {
        Err(err) => format!("Column {}: {}\n{}^", err.position + 1, err.message, " ".repeat(err.position)),
        Ok(expression) => {
            let e = ecs_scenario::evaluate(scenario);
            let (matched, total) = e.world.as_ref().map_or((0, 0), |w| {
                let state = ecs_sim::initial_cluster_state(w);
                let matched = state.instances.iter().filter(|i| expression.matches(*i)).count();
                (matched, state.instances.len())
            });
            format!("{matched} of {total} instances match")
        }
    }
}

#[wasm_bindgen]
pub fn instance_types() -> String {
    InstanceCatalog::builtin()
        .iter()
        .map(|t| format!("{}|{} · {} vCPU · {} GiB", t.instance_type, t.instance_type, t.v_cpu, t.memory_mib / 1024))
        .collect::<Vec<_>>()
        .join("\n")
}
