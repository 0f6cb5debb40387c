//! `ecs-sim run` and `ecs-sim explain`.

use std::fmt::Write as _;

use ecs_model::Diagnostic;
use ecs_scenario::Evaluation;
use serde_json::json;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Human,
    Json,
}

struct Args {
    file: String,
    format: Format,
    task: Option<usize>,
    at: Option<u64>,
}

fn parse_args(args: &[String], wants_task: bool) -> Result<Args, String> {
    let mut file = None;
    let mut format = Format::Human;
    let mut task = None;
    let mut at = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--format" => match rest.next().map(String::as_str) {
                Some("json") => format = Format::Json,
                Some("text" | "human") => format = Format::Human,
                other => return Err(format!("--format takes `json` or `text`, not {other:?}")),
            },
            "--task" if wants_task => {
                let value = rest.next().ok_or("--task needs a task number")?;
                task = Some(
                    value
                        .parse()
                        .map_err(|_| format!("--task takes a number, not {value:?}"))?,
                );
            }
            "--at" if !wants_task => {
                let value = rest.next().ok_or("--at needs a time in seconds")?;
                at = Some(
                    value
                        .parse()
                        .map_err(|_| format!("--at takes whole seconds, not {value:?}"))?,
                );
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path if file.is_none() => file = Some(path.to_owned()),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    let file = file.ok_or("a scenario file is required")?;
    if wants_task && task.is_none() {
        return Err("--task N is required".to_owned());
    }
    Ok(Args {
        file,
        format,
        task,
        at,
    })
}

fn load(args: &Args) -> Result<Evaluation, i32> {
    match std::fs::read_to_string(&args.file) {
        Ok(text) => Ok(ecs_scenario::evaluate(&text)),
        Err(err) => {
            eprintln!("{}: cannot read: {err}", args.file);
            Err(2)
        }
    }
}

fn print_diagnostics(file: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let place = match (d.line, d.column) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            _ => file.to_owned(),
        };
        eprintln!("{place}:{}: {}: {}", d.path, d.severity.as_str(), d.message);
    }
}

/// `ecs-sim run SCENARIO.json [--at SECONDS] [--format json]`: the final state (or the state at
/// a time) and the timeline.
pub fn run(args: &[String]) -> i32 {
    let args = match parse_args(args, false) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("ecs-sim run: {message}");
            return 2;
        }
    };
    let evaluation = match load(&args) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let mut evaluation = evaluation;
    if let (Some(at), Some(world)) = (args.at, &evaluation.world)
        && evaluation.outcome.is_some()
    {
        evaluation.outcome = Some(ecs_sim::state_at_time(world, at));
    }
    let has_errors = evaluation.diagnostics.iter().any(Diagnostic::is_error);
    match args.format {
        Format::Json => {
            let outcome = evaluation.outcome.as_ref();
            let timeline: Option<Vec<serde_json::Value>> = outcome.map(|o| {
                o.timeline
                    .iter()
                    .map(|e| {
                        json!({
                            "at": e.at,
                            "kind": e.kind,
                            "request": e.request,
                            "taskId": e.task_id,
                            "containerInstance": e.container_instance,
                            "service": e.service,
                            "message": e.message,
                        })
                    })
                    .collect()
            });
            let document = json!({
                "diagnostics": evaluation.diagnostics,
                "at": outcome.map(|o| o.at),
                "tasks": outcome.map(|o| &o.tasks),
                "failures": outcome.map(|o| &o.failures),
                "events": outcome.map(|o| &o.events),
                "containerInstances": outcome.map(|o| &o.container_instances),
                "services": outcome.map(|o| &o.services),
                "capacityProviders": outcome.map(|o| &o.capacity_providers),
                "targetGroups": outcome.map(|o| &o.target_groups),
                "timeline": timeline,
            });
            outln!(
                "{}",
                serde_json::to_string_pretty(&document).unwrap_or_default()
            );
        }
        Format::Human => {
            print_diagnostics(&args.file, &evaluation.diagnostics);
            if let Some(outcome) = &evaluation.outcome {
                out!("{}", human_outcome(outcome));
            }
        }
    }
    i32::from(has_errors)
}

fn human_outcome(outcome: &ecs_sim::Outcome) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<4} {:<14} {:<20} {:<12} {:<12} {:<12} STATUS",
        "#", "TASK", "GROUP", "DEFINITION", "INSTANCE", "AZ"
    );
    for task in &outcome.tasks {
        let _ = writeln!(
            out,
            "{:<4} {:<14} {:<20} {:<12} {:<12} {:<12} {}",
            task.placement_index,
            task.task_id,
            task.group,
            task.task_definition,
            task.container_instance.as_deref().unwrap_or("-"),
            task.availability_zone.as_deref().unwrap_or("-"),
            task.last_status
        );
    }
    if !outcome.failures.is_empty() {
        let _ = writeln!(out, "\nFAILURES");
        for f in &outcome.failures {
            let _ = writeln!(
                out,
                "  {} {} {} ({})",
                f.request,
                f.reason,
                f.arn.as_deref().unwrap_or("-"),
                f.detail
            );
        }
    }
    if !outcome.services.is_empty() {
        let _ = writeln!(out, "\nSERVICES at {} s", outcome.at);
        for s in &outcome.services {
            let _ = writeln!(
                out,
                "  {} desired {} running {} pending {} ({})",
                s.service_name,
                s.desired_count,
                s.running_count,
                s.pending_count,
                s.task_definition
            );
            for d in &s.deployments {
                let _ = writeln!(
                    out,
                    "    {} {} {} {} running {} failed {}",
                    d.id,
                    d.status,
                    d.task_definition,
                    d.rollout_state,
                    d.running_count,
                    d.failed_tasks
                );
            }
        }
    }
    if !outcome.events.is_empty() {
        let _ = writeln!(out, "\nEVENTS");
        for e in &outcome.events {
            let _ = writeln!(out, "  {:>5}s {}", e.at, e.message);
        }
    }
    out
}

/// `ecs-sim explain SCENARIO.json --task N [--format json]`.
pub fn explain(args: &[String]) -> i32 {
    let args = match parse_args(args, true) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("ecs-sim explain: {message}");
            return 2;
        }
    };
    let evaluation = match load(&args) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let task = args.task.unwrap_or_default();
    let Some(explanation) = ecs_scenario::explain(&evaluation, task) else {
        print_diagnostics(&args.file, &evaluation.diagnostics);
        eprintln!("{}: there is no task {task} to explain", args.file);
        return 1;
    };
    match args.format {
        Format::Json => {
            outln!(
                "{}",
                serde_json::to_string_pretty(&explanation).unwrap_or_default()
            )
        }
        Format::Human => out!("{}", ecs_scenario::explanation_text(&explanation)),
    }
    0
}
