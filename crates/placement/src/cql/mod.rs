//! The one place the engine touches the cluster query language ([`crate::query`]), so a change in
//! that module's API is absorbed here.

pub use crate::query::{AtomResult, Expression, InstanceFacts, QueryError, parse};

/// Says in one phrase why `expression` rejects the instance described by `facts`, e.g.
/// `attribute:ecs.instance-type is m5.large, not matching t2.*`: the first atom that came out
/// false, or, when only a negation made the expression false, the first atom that came out true.
pub fn mismatch_text(expression: &Expression, facts: &dyn InstanceFacts) -> String {
    let atoms = expression.explain_match(facts);
    let Some(atom) = atoms
        .iter()
        .find(|a| !a.result)
        .or_else(|| atoms.iter().find(|a| a.result))
    else {
        return "the expression is false".to_string();
    };
    if atom.result {
        return format!("{} is true", atom.atom);
    }
    let mut words = atom.atom.splitn(3, ' ');
    let subject = words.next().unwrap_or_default();
    let operator = words.next().unwrap_or_default();
    let argument = words.next().unwrap_or_default();
    match (&atom.actual, operator) {
        (None, "exists" | "==" | "in") if subject == "task:group" => {
            format!("it hosts no task of {argument}")
        }
        (None, "!exists") => format!("{subject} exists"),
        (None, _) => format!("{subject} is missing"),
        (Some(actual), "=~") => format!("{subject} is {actual}, not matching {argument}"),
        (Some(actual), "==") => format!("{subject} is {actual}, not {argument}"),
        (Some(actual), "in") => format!("{subject} is {actual}, not in {argument}"),
        (Some(actual), _) => format!("{subject} is {actual}, so {} is false", atom.atom),
    }
}
