//! Exam mode: questions a scenario carries, and grading against the scenario's own run.
//!
//! A scenario may hold `"questions": [...]`. Three kinds are answered by the simulation itself, so
//! the answer can never drift from what the playground shows:
//!
//! - `nextTask` (`"task": "task-4"`): where does that task go? The student sees the cluster just
//!   before it is placed ([`Question::step`]) and picks an instance;
//! - `scaleIn` (`"service": "web"`): which task does ECS stop when the service loses one task?
//! - `tasksInZone` (`"availabilityZone"`, optional `"service"`): how many tasks run there at the end?
//! - `peakTasks` (`"service"`): the most tasks of the service at once during the run (placed and
//!   not yet told to stop), the number maximumPercent bounds during a deployment.
//!
//! `multipleChoice` questions carry their answer and explanation, for the facts a run cannot show.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use ecs_model::Diagnostic;
use ecs_placement::{
    DesiredStatus, PlacementRng, PlacementStrategy, TaskState, choose_eligible_tasks_to_stop,
};
use serde_json::Value;

use crate::{Evaluation, Scenario};

/// A question of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub kind: QuestionKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionKind {
    /// Where will this task be placed? Answered with a container instance id.
    NextTask { task: String },
    /// Which task of the service is stopped first on scale-in? Answered with a task id.
    ScaleIn { service: String },
    /// How many tasks (of the service, if given) run in the zone at the end? Answered with a count.
    TasksInZone {
        availability_zone: String,
        service: Option<String>,
    },
    /// The most tasks of the service at once during the run. Answered with a count.
    PeakTasks { service: String },
    /// Answered with the index of a choice.
    MultipleChoice {
        choices: Vec<String>,
        answer: usize,
        explanation: String,
    },
}

/// A student's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A container instance id (`ci-3`).
    Instance(String),
    /// A task id (`task-5`).
    Task(String),
    Count(u32),
    /// The index of a choice.
    Choice(usize),
}

/// The verdict on an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grade {
    pub correct: bool,
    /// The right answer in words (`ci-3`, `task-5`, `2`, or the choice's text).
    pub expected: String,
    /// Why, from the run where the run can say.
    pub explanation: String,
}

impl Question {
    /// The timeline step to show while the question is open: for `nextTask`, the cluster just
    /// before the task is placed; otherwise `None` (the end of the run).
    pub fn step(&self, evaluation: &Evaluation) -> Option<usize> {
        let QuestionKind::NextTask { task } = &self.kind else {
            return None;
        };
        let outcome = evaluation.outcome.as_ref()?;
        outcome
            .timeline
            .iter()
            .position(|e| e.kind == "TaskPlaced" && e.task_id.as_deref() == Some(task))
    }

    /// The choices to offer, for multiple choice questions.
    pub fn choices(&self) -> &[String] {
        match &self.kind {
            QuestionKind::MultipleChoice { choices, .. } => choices,
            _ => &[],
        }
    }
}

/// The members a question may have, whatever its kind.
pub const QUESTION_MEMBERS: [&str; 9] = [
    "id",
    "kind",
    "prompt",
    "task",
    "service",
    "availabilityZone",
    "choices",
    "answer",
    "explanation",
];

/// Reads the scenario's questions. A malformed question is left out with a warning; questions
/// never stop a scenario from running.
pub fn questions(scenario: &Scenario) -> (Vec<Question>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    let items = match scenario.extra.get("questions") {
        None | Some(Value::Null) => return (found, diagnostics),
        Some(Value::Array(items)) => items,
        Some(_) => {
            diagnostics.push(Diagnostic::warning(
                "questions",
                "questions must be a list.",
                "Write \"questions\": [{\"kind\": \"multipleChoice\", ...}].",
            ));
            return (found, diagnostics);
        }
    };
    for (i, item) in items.iter().enumerate() {
        if item.is_object() {
            ecs_model::unknown_members(
                item,
                &QUESTION_MEMBERS,
                &format!("questions[{i}]"),
                "question",
                &mut diagnostics,
            );
        }
        match question(item) {
            Ok(mut q) => {
                if q.id.is_empty() {
                    q.id = format!("q{}", i + 1);
                }
                found.push(q);
            }
            Err((member, message)) => diagnostics.push(Diagnostic::warning(
                if member.is_empty() {
                    format!("questions[{i}]")
                } else {
                    format!("questions[{i}].{member}")
                },
                message,
                "Question kinds are nextTask (task), scaleIn (service), tasksInZone (availabilityZone, service), peakTasks (service) and multipleChoice (choices, answer, explanation).",
            )),
        }
    }
    (found, diagnostics)
}

fn question(item: &Value) -> Result<Question, (&'static str, String)> {
    let text = |key: &'static str| -> Result<String, (&'static str, String)> {
        item.get(key)
            .and_then(Value::as_str)
            .map(str::to_owned)
            .ok_or((key, format!("{key} must be a string.")))
    };
    if !item.is_object() {
        return Err(("", "A question must be an object.".to_owned()));
    }
    let kind = match text("kind")?.as_str() {
        "nextTask" => QuestionKind::NextTask {
            task: text("task")?,
        },
        "scaleIn" => QuestionKind::ScaleIn {
            service: text("service")?,
        },
        "tasksInZone" => QuestionKind::TasksInZone {
            availability_zone: text("availabilityZone")?,
            service: item
                .get("service")
                .and_then(Value::as_str)
                .map(str::to_owned),
        },
        "peakTasks" => QuestionKind::PeakTasks {
            service: text("service")?,
        },
        "multipleChoice" => {
            let choices: Vec<String> = item
                .get("choices")
                .and_then(Value::as_array)
                .map(|c| {
                    c.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default();
            if choices.len() < 2 {
                return Err((
                    "choices",
                    "choices must list at least two strings.".to_owned(),
                ));
            }
            let answer = item
                .get("answer")
                .and_then(Value::as_u64)
                .and_then(|a| usize::try_from(a).ok())
                .filter(|a| *a < choices.len())
                .ok_or((
                    "answer",
                    format!(
                        "answer must be the index of a choice, from 0 to {}.",
                        choices.len() - 1
                    ),
                ))?;
            QuestionKind::MultipleChoice {
                choices,
                answer,
                explanation: text("explanation").unwrap_or_default(),
            }
        }
        other => return Err(("kind", format!("Unknown question kind '{other}'."))),
    };
    Ok(Question {
        id: item
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        prompt: text("prompt")?,
        kind,
    })
}

/// Grades an answer. Run-based kinds are computed from `evaluation`; when the run cannot answer
/// (it has errors, or the question names something the run lacks) the grade says so and is
/// never correct.
pub fn grade(evaluation: &Evaluation, question: &Question, answer: &Answer) -> Grade {
    match &question.kind {
        QuestionKind::MultipleChoice {
            choices,
            answer: right,
            explanation,
        } => Grade {
            correct: *answer == Answer::Choice(*right),
            expected: choices.get(*right).cloned().unwrap_or_default(),
            explanation: explanation.clone(),
        },
        QuestionKind::NextTask { task } => grade_next_task(evaluation, task, answer),
        QuestionKind::ScaleIn { service } => grade_scale_in(evaluation, service, answer),
        QuestionKind::TasksInZone {
            availability_zone,
            service,
        } => grade_tasks_in_zone(evaluation, availability_zone, service.as_deref(), answer),
        QuestionKind::PeakTasks { service } => grade_peak_tasks(evaluation, service, answer),
    }
}

fn unanswerable(why: String) -> Grade {
    Grade {
        correct: false,
        expected: String::new(),
        explanation: why,
    }
}

/// The grade of any question about the run when the scenario has errors and there is no run.
fn no_run() -> Grade {
    unanswerable("The scenario has errors, so there is no run to check against.".into())
}

fn grade_next_task(evaluation: &Evaluation, task_id: &str, answer: &Answer) -> Grade {
    let Some(outcome) = &evaluation.outcome else {
        return no_run();
    };
    let Some(task) = outcome.tasks.iter().find(|t| t.task_id == task_id) else {
        return unanswerable(format!("The run has no task {task_id}."));
    };
    let Some(instance) = task.container_instance.clone() else {
        return unanswerable(format!("{task_id} runs on Fargate, not on an instance."));
    };
    let explanation = crate::explain(evaluation, task.placement_index);
    // When strategies leave a tie, ECS draws among the tied instances; any of them is a right
    // answer, because no student can predict the draw.
    let mut acceptable = vec![instance.clone()];
    let mut text = String::new();
    if let Some(explanation) = &explanation {
        text.push_str(&explanation.summary);
        if explanation.tie_break.is_some() {
            let tied: Vec<&str> = explanation
                .instances
                .iter()
                .filter(|v| v.rejection.is_none() && v.steps.last().is_none_or(|s| s.tied_after))
                .map(|v| v.container_instance_id.as_str())
                .collect();
            if tied.len() > 1 {
                let _ = write!(
                    text,
                    " {} were equally good after every strategy, so any of them counts as right.",
                    tied.join(", ")
                );
            }
            acceptable.extend(tied.into_iter().map(str::to_owned));
        }
    }
    let correct = matches!(answer, Answer::Instance(a) if acceptable.contains(a));
    Grade {
        correct,
        expected: instance,
        explanation: text,
    }
}

fn grade_scale_in(evaluation: &Evaluation, service: &str, answer: &Answer) -> Grade {
    let (Some(outcome), Some(world)) = (&evaluation.outcome, &evaluation.world) else {
        return no_run();
    };
    let Some(definition) = world
        .services
        .iter()
        .find(|s| s.service_name.as_deref() == Some(service))
    else {
        return unanswerable(format!("The scenario has no service {service}."));
    };
    let strategies: Vec<PlacementStrategy> = definition
        .placement_strategy()
        .iter()
        .filter_map(|s| {
            PlacementStrategy::from_api(
                s.type_.map(|t| t.as_str()).unwrap_or_default(),
                s.field.as_deref(),
            )
            .ok()
        })
        .collect();
    let group = format!("service:{service}");
    let mut state = ecs_sim::initial_cluster_state(world);
    for task in outcome
        .tasks
        .iter()
        .filter(|t| t.desired_status == "RUNNING")
    {
        let Some(instance) = task
            .container_instance
            .as_deref()
            .and_then(|id| state.instance_index(id))
        else {
            continue;
        };
        state.add_task(TaskState {
            id: task.task_id.clone(),
            group: task.group.clone(),
            instance,
            cpu: task.cpu,
            memory: task.memory,
            gpu: 0,
            tcp_host_ports: Vec::new(),
            udp_host_ports: Vec::new(),
            uses_eni: false,
            desired_status: DesiredStatus::Running,
        });
    }
    // Scale-in never stops a task protected from it (§6.11), so neither may the answer.
    let protected: Vec<&str> = outcome
        .tasks
        .iter()
        .filter(|t| {
            t.group == group && t.desired_status == "RUNNING" && t.protection_expires_at.is_some()
        })
        .map(|t| t.task_id.as_str())
        .collect();
    let unprotected = |id: &str| !protected.contains(&id);
    let mut rng = PlacementRng::seed_from_u64(world.seed);
    let Some(stopped) =
        choose_eligible_tasks_to_stop(&state, &group, &strategies, 1, unprotected, &mut rng)
            .into_iter()
            .next()
    else {
        return unanswerable(if protected.is_empty() {
            format!("The service {service} has no task on an instance to stop.")
        } else {
            format!(
                "Every task of {service} on an instance is protected from scale-in ({}), so ECS stops none of them.",
                protected.join(", ")
            )
        });
    };
    let on = |id: &str| {
        outcome
            .tasks
            .iter()
            .find(|t| t.task_id == id)
            .and_then(|t| t.container_instance.clone())
    };
    let stopped_on = on(&stopped);
    // Two tasks of one service on one instance are interchangeable; either is right.
    let correct = matches!(answer, Answer::Task(a) if *a == stopped || (stopped_on.is_some() && on(a) == stopped_on && unprotected(a) && outcome.tasks.iter().any(|t| t.task_id == *a && t.group == group)));

    let rules: Vec<String> = if strategies.is_empty() {
        vec![
            "with no strategy, ECS takes from the Availability Zone with the most of the service's tasks, then from the instance with the most".to_owned(),
        ]
    } else {
        strategies.iter().map(scale_in_rule).collect()
    };
    let mut per_zone: BTreeMap<&str, u32> = BTreeMap::new();
    for t in outcome
        .tasks
        .iter()
        .filter(|t| t.group == group && t.desired_status == "RUNNING")
    {
        *per_zone
            .entry(t.availability_zone.as_deref().unwrap_or("-"))
            .or_default() += 1;
    }
    let zones: Vec<String> = per_zone.iter().map(|(z, n)| format!("{z} {n}")).collect();
    let instance = stopped_on.unwrap_or_default();
    let skipped = match protected.as_slice() {
        [] => String::new(),
        [one] => format!(" {one} is protected from scale-in, so it is not a candidate."),
        many => format!(
            " {} are protected from scale-in, so they are not candidates.",
            many.join(", ")
        ),
    };
    Grade {
        correct,
        expected: stopped.clone(),
        explanation: format!(
            "Scale-in reads the placement strategies in reverse: {}. Tasks per AZ: {}.{skipped} So ECS stops {stopped} on {instance}; another unprotected task of the service on {instance} would be just as right.",
            rules.join("; then "),
            zones.join(", "),
        ),
    }
}

fn scale_in_rule(strategy: &PlacementStrategy) -> String {
    match strategy {
        PlacementStrategy::Binpack(field) => format!(
            "binpack on {} stops the task whose instance will have the most {} left",
            strategy.api_field().unwrap_or_default(),
            match field {
                ecs_placement::BinpackField::Cpu => "CPU",
                ecs_placement::BinpackField::Memory => "memory",
            }
        ),
        PlacementStrategy::Spread(_) => format!(
            "spread on {} takes from the value with the most tasks",
            strategy.api_field().unwrap_or_default()
        ),
        PlacementStrategy::Random => "random picks any task".to_owned(),
    }
}

fn grade_tasks_in_zone(
    evaluation: &Evaluation,
    zone: &str,
    service: Option<&str>,
    answer: &Answer,
) -> Grade {
    let Some(outcome) = &evaluation.outcome else {
        return no_run();
    };
    let group = service.map(|s| format!("service:{s}"));
    let counted: Vec<&str> = outcome
        .tasks
        .iter()
        .filter(|t| t.desired_status == "RUNNING")
        .filter(|t| group.as_ref().is_none_or(|g| t.group == *g))
        .filter(|t| t.availability_zone.as_deref() == Some(zone))
        .map(|t| t.task_id.as_str())
        .collect();
    let n = u32::try_from(counted.len()).unwrap_or(u32::MAX);
    let whose = service.map_or_else(String::new, |s| format!(" of {s}"));
    let explanation = if counted.is_empty() {
        format!("No task{whose} runs in {zone}.")
    } else {
        format!(
            "{n} task{}{whose} run{} in {zone}: {}.",
            if n == 1 { "" } else { "s" },
            if n == 1 { "s" } else { "" },
            counted.join(", ")
        )
    };
    Grade {
        correct: *answer == Answer::Count(n),
        expected: n.to_string(),
        explanation,
    }
}

fn grade_peak_tasks(evaluation: &Evaluation, service: &str, answer: &Answer) -> Grade {
    let Some(outcome) = &evaluation.outcome else {
        return no_run();
    };
    let Some(record) = outcome.services.iter().find(|s| s.service_name == service) else {
        return unanswerable(format!("The run has no service {service}."));
    };
    // Tasks count from their placement until the scheduler tells them to stop.
    let mut live: Vec<&str> = Vec::new();
    let (mut peak, mut peak_at) = (0usize, 0u64);
    for entry in &outcome.timeline {
        let (Some(task), Some(true)) = (
            entry.task_id.as_deref(),
            entry.service.as_deref().map(|s| s == service),
        ) else {
            continue;
        };
        match entry.kind.as_str() {
            "TaskPlaced" if !live.contains(&task) => live.push(task),
            "TaskStopRequested" | "TaskStopped" => live.retain(|t| *t != task),
            _ => continue,
        }
        if live.len() > peak {
            (peak, peak_at) = (live.len(), entry.at);
        }
    }
    let n = u32::try_from(peak).unwrap_or(u32::MAX);
    let bound = u64::from(record.desired_count) * u64::from(record.maximum_percent) / 100;
    Grade {
        correct: *answer == Answer::Count(n),
        expected: n.to_string(),
        explanation: format!(
            "At most {n} task{} of {service} ran at once, first at {peak_at} s. During a deployment maximumPercent caps the RUNNING and PENDING tasks at floor(desired count × maximumPercent / 100): with {} and {} %, that is {bound}; the new tasks start before the old ones stop only as far as that cap allows.",
            if n == 1 { "" } else { "s" },
            record.desired_count,
            record.maximum_percent,
        ),
    }
}
