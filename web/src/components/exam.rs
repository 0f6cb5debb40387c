//! Exam mode: the scenario's questions one at a time, graded against the scenario's own run.
//!
//! The panel stays a one-line bar until the student starts; starting moves the timeline to the
//! moment each question is about, and checking an answer runs that step and shows the explanation.

use ecs_scenario::{Answer, Grade, Question, QuestionKind};
use leptos::prelude::*;

use crate::{Playground, Selection};

#[component]
pub fn ExamPanel() -> impl IntoView {
    let playground = Playground::use_context();
    let questions = Memo::new(move |_| {
        playground.evaluation.with(|e| {
            e.scenario
                .as_ref()
                .map(|s| ecs_scenario::questions(s).0)
                .unwrap_or_default()
        })
    });
    // A new set of questions (another scenario) starts a new exam with a fresh score.
    move || {
        let questions = questions.get();
        (!questions.is_empty()).then(|| view! { <Quiz questions=questions /> })
    }
}

/// The score so far: right answers over answered questions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Score {
    right: u32,
    answered: u32,
}

#[component]
fn Quiz(
    /// The scenario's questions, in order; never empty.
    questions: Vec<Question>,
) -> impl IntoView {
    let playground = Playground::use_context();
    let count = questions.len();
    let questions = StoredValue::new(questions);
    let started = RwSignal::new(false);
    let index = RwSignal::new(0usize);
    let score = RwSignal::new(Score::default());
    let answer = RwSignal::new(String::new());
    let graded = RwSignal::new(None::<Grade>);

    let show_question = move |i: usize| {
        index.set(i);
        answer.set(String::new());
        graded.set(None);
        playground.playing.set(false);
        playground.selection.set(Selection::Nothing);
        let step = questions.with_value(|qs| {
            playground
                .evaluation
                .with_untracked(|e| qs.get(i).and_then(|q| q.step(e)))
        });
        match step {
            Some(step) => playground.go_to(step),
            None => playground.step.set(None),
        }
    };
    // Clicking an instance or a task in the picture answers the questions that ask for one.
    Effect::new(move |_| {
        let picked = match playground.selection.get() {
            Selection::Instance(id) | Selection::Task(id) => id,
            Selection::Nothing => return,
        };
        if started.get_untracked() && graded.get_untracked().is_none() {
            answer.set(picked);
        }
    });
    let check = move |_| {
        let Some(question) = questions.with_value(|qs| qs.get(index.get_untracked()).cloned())
        else {
            return;
        };
        let Some(given) = parse_answer(&question.kind, &answer.get_untracked()) else {
            return;
        };
        let grade = playground
            .evaluation
            .with_untracked(|e| ecs_scenario::grade(e, &question, &given));
        score.update(|s| {
            s.answered += 1;
            s.right += u32::from(grade.correct);
        });
        graded.set(Some(grade));
        // Now run what the question was about, and point the inspector at it.
        if let QuestionKind::NextTask { task } = &question.kind {
            playground.go_to(playground.step_number() + 1);
            playground.selection.set(Selection::Task(task.clone()));
        }
    };

    view! {
        <section class="exam" aria-label="Exam" data-testid="exam">
            <div class="exam__bar">
                <strong>"Exam"</strong>
                <span class="muted">{format!("{count} question{}", if count == 1 { "" } else { "s" })}</span>
                <span class="exam__score" data-testid="exam-score">
                    {move || {
                        let s = score.get();
                        format!("Score {} / {}", s.right, s.answered)
                    }}
                </span>
                <span class="header__spacer"></span>
                {move || {
                    (!started.get()).then(|| {
                        view! {
                            <button
                                class="button button--primary"
                                data-testid="exam-start"
                                on:click=move |_| {
                                    started.set(true);
                                    score.set(Score::default());
                                    show_question(0);
                                }
                            >
                                "Start"
                            </button>
                        }
                    })
                }}
            </div>
            {move || {
                if !started.get() {
                    return None;
                }
                let i = index.get();
                let question = questions.with_value(|qs| qs.get(i).cloned())?;
                Some(view! {
                    <div class="exam__question">
                        <p class="exam__count muted">{format!("Question {} of {count}", i + 1)}</p>
                        <p class="exam__prompt" data-testid="exam-prompt">{question.prompt.clone()}</p>
                        <AnswerInput kind=question.kind.clone() answer=answer locked=Signal::derive(move || graded.get().is_some()) />
                        <div class="dialog__actions">
                            {move || match graded.get() {
                                None => view! {
                                    <button
                                        class="button button--primary"
                                        data-testid="exam-check"
                                        disabled=move || answer.get().trim().is_empty()
                                        on:click=check
                                    >
                                        "Check answer"
                                    </button>
                                }
                                .into_any(),
                                Some(_) if i + 1 < count => view! {
                                    <button class="button" data-testid="exam-next" on:click=move |_| show_question(i + 1)>
                                        "Next question"
                                    </button>
                                }
                                .into_any(),
                                Some(_) => view! {
                                    <button class="button" data-testid="exam-restart" on:click=move |_| {
                                        score.set(Score::default());
                                        show_question(0);
                                    }>
                                        "Start again"
                                    </button>
                                }
                                .into_any(),
                            }}
                        </div>
                        {move || graded.get().map(grade_view)}
                    </div>
                })
            }}
        </section>
    }
}

/// Reads the typed answer for a question kind; `None` while it is not an answer yet.
fn parse_answer(kind: &QuestionKind, text: &str) -> Option<Answer> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match kind {
        QuestionKind::NextTask { .. } => Some(Answer::Instance(text.to_owned())),
        QuestionKind::ScaleIn { .. } => Some(Answer::Task(text.to_owned())),
        QuestionKind::TasksInZone { .. } | QuestionKind::PeakTasks { .. } => {
            text.parse().ok().map(Answer::Count)
        }
        QuestionKind::MultipleChoice { .. } => text.parse().ok().map(Answer::Choice),
    }
}

#[component]
fn AnswerInput(
    kind: QuestionKind,
    /// The answer as text: an instance id, a task id, a count or a choice's index.
    answer: RwSignal<String>,
    /// True once the answer is graded.
    locked: Signal<bool>,
) -> impl IntoView {
    let playground = Playground::use_context();
    match kind {
        QuestionKind::NextTask { .. } => {
            let instances = playground.evaluation.with_untracked(|e| {
                e.outcome
                    .as_ref()
                    .map(|o| o.container_instances.iter().map(|i| i.id.clone()).collect())
                    .unwrap_or_default()
            });
            id_picker(
                "Click an instance in the picture, or pick one:",
                instances,
                answer,
                locked,
            )
        }
        QuestionKind::ScaleIn { service } => {
            let group = format!("service:{service}");
            let tasks = playground.evaluation.with_untracked(|e| {
                e.outcome
                    .as_ref()
                    .map(|o| {
                        o.tasks
                            .iter()
                            .filter(|t| t.group == group)
                            .map(|t| t.task_id.clone())
                            .collect()
                    })
                    .unwrap_or_default()
            });
            id_picker(
                "Click a task in the picture, or pick one:",
                tasks,
                answer,
                locked,
            )
        }
        QuestionKind::TasksInZone { .. } | QuestionKind::PeakTasks { .. } => view! {
            <label class="exam__answer">
                "Number of tasks: "
                <input
                    type="number"
                    min="0"
                    class="dialog__field exam__number"
                    data-testid="exam-number"
                    disabled=locked
                    prop:value=move || answer.get()
                    on:input:target=move |ev| answer.set(ev.target().value())
                />
            </label>
        }
        .into_any(),
        QuestionKind::MultipleChoice { choices, .. } => view! {
            <fieldset class="exam__choices" disabled=locked>
                {choices
                    .into_iter()
                    .enumerate()
                    .map(|(i, choice)| {
                        let value = i.to_string();
                        let checked = {
                            let value = value.clone();
                            move || answer.get() == value
                        };
                        view! {
                            <label class="exam__choice">
                                <input
                                    type="radio"
                                    name="exam-choice"
                                    data-testid="exam-choice"
                                    prop:checked=checked
                                    on:change=move |_| answer.set(value.clone())
                                />
                                <span>{choice}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
        .into_any(),
    }
}

fn id_picker(
    hint: &'static str,
    ids: Vec<String>,
    answer: RwSignal<String>,
    locked: Signal<bool>,
) -> AnyView {
    view! {
        <label class="exam__answer">
            {hint}
            " "
            <select
                class="dialog__field"
                data-testid="exam-pick"
                disabled=locked
                prop:value=move || answer.get()
                on:change:target=move |ev| answer.set(ev.target().value())
            >
                <option value="">"—"</option>
                {ids
                    .into_iter()
                    .map(|id| view! { <option value=id.clone()>{id.clone()}</option> })
                    .collect_view()}
            </select>
        </label>
    }
    .into_any()
}

fn grade_view(grade: Grade) -> impl IntoView {
    let verdict = if grade.correct {
        "Right.".to_owned()
    } else if grade.expected.is_empty() {
        "Not quite.".to_owned()
    } else {
        format!("Not quite: the answer is {}.", grade.expected)
    };
    view! {
        <div
            class="exam__result"
            class:exam__result--right=grade.correct
            data-testid="exam-result"
            data-correct=grade.correct.to_string()
            role="status"
        >
            <strong>{verdict}</strong>
            <p>{grade.explanation}</p>
        </div>
    }
}
