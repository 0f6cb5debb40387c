//! Exam questions over the examples, graded from the runs.

use ecs_scenario::{Answer, QuestionKind, evaluate, example, examples, grade, questions};
use expect_test::expect;

#[test]
fn the_examples_carry_at_least_ten_well_formed_questions() {
    let mut count = 0;
    for e in examples() {
        let evaluation = evaluate(e.json);
        let scenario = evaluation.scenario.as_ref().expect("a scenario");
        let (found, diagnostics) = questions(scenario);
        assert!(diagnostics.is_empty(), "{}: {diagnostics:?}", e.id);
        for q in &found {
            // Every question must be answerable: the expected answer, graded, is right.
            let right = match &q.kind {
                QuestionKind::MultipleChoice { answer, .. } => Answer::Choice(*answer),
                QuestionKind::NextTask { .. } => {
                    Answer::Instance(grade(&evaluation, q, &Answer::Count(0)).expected)
                }
                QuestionKind::ScaleIn { .. } => {
                    Answer::Task(grade(&evaluation, q, &Answer::Count(0)).expected)
                }
                QuestionKind::TasksInZone { .. } | QuestionKind::PeakTasks { .. } => Answer::Count(
                    grade(&evaluation, q, &Answer::Choice(0))
                        .expected
                        .parse()
                        .expect("a count"),
                ),
            };
            let g = grade(&evaluation, q, &right);
            assert!(g.correct, "{} {}: {g:?}", e.id, q.id);
            assert!(!g.explanation.is_empty(), "{} {}", e.id, q.id);
        }
        count += found.len();
    }
    assert!(count >= 10, "{count} questions");
}

/// Every run-graded question: the answer the run gives and why.
#[test]
fn run_graded_answers() {
    let mut out = Vec::new();
    for e in examples() {
        let evaluation = evaluate(e.json);
        let (found, _) = questions(evaluation.scenario.as_ref().expect("a scenario"));
        for q in found {
            if matches!(q.kind, QuestionKind::MultipleChoice { .. }) {
                continue;
            }
            let g = grade(&evaluation, &q, &Answer::Count(u32::MAX));
            out.push(format!(
                "{} {} step={:?} → {}\n  {}",
                e.id,
                q.id,
                q.step(&evaluation),
                g.expected,
                g.explanation
            ));
        }
    }
    expect![[r#"
        default q1 step=Some(7) → ci-3
          Placed on ci-3 in us-east-1b: of 5 instances, 5 fit and satisfy the constraints; spread(attribute:ecs.availability-zone) left them tied (1 task of service:web); within it, ci-3 was one of 2 instances with the fewest tasks of service:web (0); a seeded random draw picked it among 2 tied instances. ci-2, ci-3 were equally good after every strategy, so any of them counts as right.
        default q2 step=None → task-6
          Scale-in reads the placement strategies in reverse: spread on attribute:ecs.availability-zone takes from the value with the most tasks; then spread on instanceId takes from the value with the most tasks. Tasks per AZ: us-east-1a 2, us-east-1b 2, us-east-1c 2. So ECS stops task-6 on ci-5; another unprotected task of the service on ci-5 would be just as right.
        binpack-memory q1 step=Some(0) → ci-2
          Placed on ci-2 in us-east-1b: of 2 instances, 2 fit and satisfy the constraints; ci-2 had the least memory remaining (3973 MiB), as binpack on memory prefers.
        spread-az-binpack q1 step=None → 3
          3 tasks of api run in us-east-1b: task-2, task-4, task-5.
        spread-az-binpack q2 step=None → task-4
          Scale-in reads the placement strategies in reverse: spread on attribute:ecs.availability-zone takes from the value with the most tasks; then binpack on memory stops the task whose instance will have the most memory left. Tasks per AZ: us-east-1a 2, us-east-1b 3. So ECS stops task-4 on ci-3; another unprotected task of the service on ci-3 would be just as right.
        task-group-affinity q1 step=Some(2) → ci-1
          Placed on ci-1 in us-east-1a: of 3 instances, 1 fit and satisfy the constraints.
        custom-attributes q1 step=None → 2
          2 tasks of payments run in us-east-1b: task-1, task-4.
        fargate-sizes q2 step=None → 1
          1 task of report runs in us-east-1c: task-3.
        rolling-update q2 step=None → 8
          At most 8 tasks of safe ran at once, first at 60 s. During a deployment maximumPercent caps the RUNNING and PENDING tasks at floor(desired count × maximumPercent / 100): with 4 and 200 %, that is 8; the new tasks start before the old ones stop only as far as that cap allows.
        az-outage q1 step=None → 2
          2 tasks of web run in us-east-1b: task-9, task-10."#]].assert_eq(&out.join("\n"));
}

#[test]
fn right_and_wrong_answers() {
    let evaluation = evaluate(example("spread-az-binpack").unwrap().json);
    let (found, _) = questions(evaluation.scenario.as_ref().unwrap());
    let in_zone = &found[0];
    let check = |q, a| {
        let g = grade(&evaluation, q, &a);
        format!("{a:?}: {}", g.correct)
    };
    let lines = [
        check(in_zone, Answer::Count(3)),
        check(in_zone, Answer::Count(2)),
        check(in_zone, Answer::Choice(3)),
    ];
    expect![[r#"
        Count(3): true
        Count(2): false
        Choice(3): false"#]]
    .assert_eq(&lines.join("\n"));
}

#[test]
fn malformed_questions_are_warnings_not_errors() {
    let text = r#"{"scenarioVersion": 1, "name": "q", "questions": [
        {"kind": "multipleChoice", "prompt": "?", "choices": ["a"], "answer": 0},
        {"kind": "guess", "prompt": "?"},
        {"kind": "nextTask"},
        7,
        {"kind": "peakTasks", "prompt": "?"}
    ]}"#;
    let evaluation = evaluate(text);
    let (found, diagnostics) = questions(evaluation.scenario.as_ref().unwrap());
    assert!(found.is_empty());
    let lines: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{} {}: {}", d.severity.as_str(), d.path, d.message))
        .collect();
    expect![[r#"
        warning questions[0].choices: choices must list at least two strings.
        warning questions[1].kind: Unknown question kind 'guess'.
        warning questions[2].task: task must be a string.
        warning questions[3]: A question must be an object.
        warning questions[4].service: service must be a string."#]]
    .assert_eq(&lines.join("\n"));
}

/// The task-protection example cut short while task-1 to task-3 are protected, with a scaleIn
/// question; `protect` lists the tasks protected at 60 s.
fn protected_scale_in(protect: &[&str]) -> String {
    let mut v: serde_json::Value =
        serde_json::from_str(example("task-protection").unwrap().json).unwrap();
    v["actions"] = if protect.is_empty() {
        serde_json::json!([])
    } else {
        serde_json::json!([
            {"at": 60, "updateTaskProtection": {"tasks": protect, "protectionEnabled": true}}
        ])
    };
    v["until"] = 120.into();
    v["questions"] = serde_json::json!([
        {"id": "q", "kind": "scaleIn", "prompt": "Which task stops?", "service": "worker"}
    ]);
    v.to_string()
}

#[test]
fn scale_in_answers_never_name_a_protected_task() {
    let check = |protect: &[&str]| {
        let evaluation = evaluate(&protected_scale_in(protect));
        let (found, _) = questions(evaluation.scenario.as_ref().unwrap());
        let g = grade(&evaluation, &found[0], &Answer::Task("task-1".into()));
        format!(
            "{protect:?} → {:?} correct={}\n  {}",
            g.expected, g.correct, g.explanation
        )
    };
    let lines = [
        check(&[]),
        check(&["task-1", "task-2", "task-3"]),
        check(&["task-1", "task-2", "task-3", "task-4"]),
    ];
    expect![[r#"
        [] → "task-3" correct=false
          Scale-in reads the placement strategies in reverse: with no strategy, ECS takes from the Availability Zone with the most of the service's tasks, then from the instance with the most. Tasks per AZ: us-east-1a 2, us-east-1b 2. So ECS stops task-3 on ci-4; another unprotected task of the service on ci-4 would be just as right.
        ["task-1", "task-2", "task-3"] → "task-4" correct=false
          Scale-in reads the placement strategies in reverse: with no strategy, ECS takes from the Availability Zone with the most of the service's tasks, then from the instance with the most. Tasks per AZ: us-east-1a 2, us-east-1b 2. task-1, task-2, task-3 are protected from scale-in, so they are not candidates. So ECS stops task-4 on ci-2; another unprotected task of the service on ci-2 would be just as right.
        ["task-1", "task-2", "task-3", "task-4"] → "" correct=false
          Every task of worker on an instance is protected from scale-in (task-1, task-2, task-3, task-4), so ECS stops none of them."#]].assert_eq(&lines.join("\n"));
}
