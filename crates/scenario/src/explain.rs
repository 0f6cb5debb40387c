//! Explanations as text, for the command line and for screen readers.

use std::fmt::Write as _;

use ecs_sim::Explanation;

/// A readable table of an explanation: one line per instance, then the decision.
pub fn explanation_text(explanation: &Explanation) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", explanation.summary);
    let _ = writeln!(out, "\nTask group: {}", explanation.group);
    let _ = writeln!(out, "Strategies: {}", explanation.strategies.join(", "));
    let _ = writeln!(
        out,
        "Candidates: {} of {} instances fit and satisfy the constraints\n",
        explanation.candidate_count, explanation.instance_count
    );
    for verdict in &explanation.instances {
        let chosen = explanation
            .chosen
            .as_ref()
            .is_some_and(|c| c.index == verdict.index);
        let mark = if chosen { "→" } else { " " };
        match &verdict.rejection {
            Some(rejection) => {
                let _ = writeln!(
                    out,
                    "{mark} {:<10} rejected  {}: {}",
                    verdict.container_instance_id,
                    rejection.reason.as_str(),
                    rejection.detail
                );
            }
            None => {
                let steps: Vec<String> = verdict
                    .steps
                    .iter()
                    .map(|s| {
                        let tie = if s.tied_after { "tied" } else { "out" };
                        format!("{} ({tie})", s.description)
                    })
                    .collect();
                let _ = writeln!(
                    out,
                    "{mark} {:<10} candidate {}",
                    verdict.container_instance_id,
                    steps.join("; ")
                );
            }
        }
    }
    if let Some(tie) = &explanation.tie_break {
        let _ = writeln!(
            out,
            "\nFinal tie among {} instances broken by the seeded random draw (position {}).",
            tie.tied, tie.drawn
        );
    }
    out
}
