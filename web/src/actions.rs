//! The scenario's timeline (`actions`) as the timeline form sees it: what kind each action is, a
//! one-line label, what it does in ECS terms, and a starting body for a new action drawn from the
//! scenario itself (its first service, instance, zone and task definition). Plain functions over
//! `serde_json::Value`, tested natively.

use ecs_sim::ACTION_NAMES;
use serde_json::{Map, Value, json};

/// Seconds after the last action that a new one is placed at; a first action comes at 60 s.
const NEXT_ACTION_GAP: u64 = 30;
const FIRST_ACTION_AT: u64 = 60;

/// The action's kind: its one member besides `at` that names an action.
pub fn kind(action: &Value) -> Option<&'static str> {
    let map = action.as_object()?;
    ACTION_NAMES
        .iter()
        .copied()
        .find(|name| map.contains_key(*name))
}

/// "60 s · updateService web": when, what, and the first thing it names.
pub fn label(action: &Value) -> String {
    let at = at_label(action);
    let Some(kind) = kind(action) else {
        return format!("{at} · (no known action)");
    };
    let body = &action[kind];
    let target = [
        "service",
        "serviceName",
        "containerInstance",
        "availabilityZone",
        "task",
        "taskDefinition",
        "family",
        "instanceType",
    ]
    .iter()
    .find_map(|key| body.get(*key).and_then(Value::as_str))
    .or_else(|| {
        ["tasks", "containerInstances"]
            .iter()
            .find_map(|key| body.get(*key)?.get(0)?.as_str())
    });
    match target {
        Some(target) => format!("{at} · {kind} {target}"),
        None => format!("{at} · {kind}"),
    }
}

/// When the action happens, "60 s", or "? s" when `at` is not a number.
fn at_label(action: &Value) -> String {
    match action.get("at") {
        Some(Value::Number(n)) => format!("{n} s"),
        _ => "? s".to_owned(),
    }
}

/// What an action does, in a sentence for the form.
pub fn describe(kind: &str) -> &'static str {
    match kind {
        "runTask" => {
            "RunTask: the scheduler places standalone tasks with the request's strategies and constraints."
        }
        "startTask" => {
            "StartTask: tasks start on the instances named; no strategy or constraint applies."
        }
        "stopTask" => "StopTask: the task stops (UserInitiated); a service starts a replacement.",
        "createService" => "CreateService: a new service starts its tasks.",
        "updateService" => {
            "UpdateService: a new desired count scales the service; a new task definition revision starts a rolling update within minimumHealthyPercent and maximumPercent."
        }
        "deleteService" => {
            "DeleteService: the service drains and stops its tasks. A REPLICA service above 0 tasks needs force."
        }
        "registerTaskDefinition" => {
            "RegisterTaskDefinition: the family gets its next revision, ready for UpdateService."
        }
        "deregisterTaskDefinition" => {
            "DeregisterTaskDefinition: the revision becomes INACTIVE; running tasks go on, new requests for it fail."
        }
        "registerContainerInstance" => {
            "A new container instance joins the cluster and waiting tasks can be placed on it."
        }
        "drainContainerInstance" => {
            "The instance becomes DRAINING: no new tasks, and service tasks are replaced elsewhere within minimumHealthyPercent."
        }
        "activateContainerInstance" => "A DRAINING instance becomes ACTIVE again and takes tasks.",
        "terminateContainerInstance" => {
            "The EC2 instance is terminated: its tasks stop at once and it leaves the cluster."
        }
        "disconnectAgent" => {
            "The ECS agent loses its connection: tasks keep running, but nothing new is placed there."
        }
        "reconnectAgent" => "The ECS agent connects again and the instance takes tasks.",
        "failAvailabilityZone" => {
            "The zone fails: its instances disconnect and every task in it stops; services replace them in the other zones."
        }
        "recoverAvailabilityZone" => "The zone comes back and its instances reconnect.",
        "spotInterruption" => {
            "A Spot interruption: an EC2 Spot instance drains and is terminated two minutes later; Fargate Spot tasks get a two-minute warning."
        }
        "updateTaskProtection" => {
            "UpdateTaskProtection: protected tasks are kept through scale-in and deployments until the protection expires."
        }
        _ => "An action the form does not know; edit it in the JSON tab.",
    }
}

/// The names of the scenario's services, and of the services its actions create.
pub fn service_names(document: &Value) -> Vec<String> {
    let mut names: Vec<String> = list(document, "services")
        .filter_map(|s| s.get("serviceName").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    for action in list(document, "actions") {
        if let Some(name) = action
            .get("createService")
            .and_then(|c| c.get("serviceName"))
            .and_then(Value::as_str)
            && !names.iter().any(|n| n == name)
        {
            names.push(name.to_owned());
        }
    }
    names
}

/// Every task definition revision the scenario registers, as `family:revision`, in order: those
/// of `taskDefinitions`, then those its actions register.
pub fn task_definition_revisions(document: &Value) -> Vec<String> {
    let mut revisions: Vec<String> = Vec::new();
    for definition in registered_definitions(document) {
        let Some(family) = definition.get("family").and_then(Value::as_str) else {
            continue;
        };
        let prefix = format!("{family}:");
        let revision = revisions.iter().filter(|r| r.starts_with(&prefix)).count() + 1;
        revisions.push(format!("{family}:{revision}"));
    }
    revisions
}

/// What a request may name as its task definition: each family (its latest revision), then every
/// `family:revision`.
pub fn task_definition_choices(document: &Value) -> Vec<String> {
    let revisions = task_definition_revisions(document);
    let mut families: Vec<String> = Vec::new();
    for revision in &revisions {
        let family = revision
            .rsplit_once(':')
            .map_or(revision.as_str(), |(f, _)| f);
        if !families.iter().any(|f| f == family) {
            families.push(family.to_owned());
        }
    }
    families.extend(revisions);
    families
}

/// The bodies of the timeline's `kind` actions (`createService`, `runTask` or
/// `registerTaskDefinition`), as (JSON pointer, label) pairs for the forms that edit the same
/// request or task definition as the scenario's own: "CreateService api · at 300 s".
pub fn bodies_of(document: &Value, kind: &str) -> Vec<(String, String)> {
    let (verb, name_key) = match kind {
        "createService" => ("CreateService", "serviceName"),
        "runTask" => ("RunTask", "taskDefinition"),
        _ => ("RegisterTaskDefinition", "family"),
    };
    list(document, "actions")
        .enumerate()
        .filter_map(|(i, action)| {
            let body = action.get(kind)?;
            let name = body.get(name_key).and_then(Value::as_str).unwrap_or("?");
            let at = at_label(action);
            Some((
                format!("/actions/{i}/{kind}"),
                format!("{verb} {name} · at {at}"),
            ))
        })
        .collect()
}

/// The scenario's Availability Zones.
pub fn zones(document: &Value) -> Vec<String> {
    list(document, "availabilityZones")
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// The task definitions the scenario registers, in order: `taskDefinitions`, then the bodies of
/// its `registerTaskDefinition` actions.
fn registered_definitions(document: &Value) -> impl Iterator<Item = &Value> {
    list(document, "taskDefinitions")
        .chain(list(document, "actions").filter_map(|a| a.get("registerTaskDefinition")))
}

fn list<'a>(document: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    document
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// A starting body for a new action of `kind`, naming the scenario's first service, zone and task
/// definition and the first of `instances` (the run's container instance ids), so that it runs as
/// it is.
pub fn template(kind: &str, document: &Value, instances: &[String]) -> Value {
    let services = service_names(document);
    let service = services
        .first()
        .cloned()
        .unwrap_or_else(|| "web".to_owned());
    let desired = list(document, "services")
        .find(|s| s.get("serviceName").and_then(Value::as_str) == Some(service.as_str()))
        .and_then(|s| s.get("desiredCount"))
        .and_then(Value::as_u64)
        .unwrap_or(1);
    let instance = instances
        .first()
        .cloned()
        .unwrap_or_else(|| "ci-1".to_owned());
    let zone = zones(document)
        .into_iter()
        .next()
        .unwrap_or_else(|| "us-east-1a".to_owned());
    let definitions: Vec<&Value> = registered_definitions(document).collect();
    let family = definitions
        .first()
        .and_then(|d| d.get("family"))
        .and_then(Value::as_str)
        .unwrap_or("web")
        .to_owned();
    let launch_type = definitions
        .first()
        .and_then(|d| d.get("requiresCompatibilities"))
        .and_then(Value::as_array)
        .filter(|c| c.iter().any(|v| v.as_str() == Some("FARGATE")))
        .map_or("EC2", |_| "FARGATE");
    // An awsvpc task needs the subnets of a request that already runs one.
    let awsvpc = definitions
        .first()
        .and_then(|d| d.get("networkMode"))
        .and_then(Value::as_str)
        == Some("awsvpc");
    let network = awsvpc.then(|| {
        list(document, "services")
            .chain(list(document, "runTasks"))
            .chain(
                list(document, "actions")
                    .filter_map(|a| a.get("createService").or(a.get("runTask"))),
            )
            .find_map(|r| r.get("networkConfiguration"))
            .cloned()
            .unwrap_or_else(|| json!({"awsvpcConfiguration": {"subnets": ["subnet-1"]}}))
    });
    let with_network = |mut request: Value| {
        if let (Some(network), Some(map)) = (&network, request.as_object_mut()) {
            map.insert("networkConfiguration".to_owned(), network.clone());
        }
        request
    };
    match kind {
        "runTask" => {
            with_network(json!({"taskDefinition": family, "count": 1, "launchType": launch_type}))
        }
        "startTask" => json!({"taskDefinition": family, "containerInstances": [instance]}),
        "stopTask" => json!({"task": "task-1", "reason": "Stopped by the playground"}),
        "createService" => with_network(json!({
            "serviceName": unused_name(&services, "api"),
            "taskDefinition": family,
            "desiredCount": 2,
            "launchType": launch_type,
        })),
        "updateService" => json!({"service": service, "desiredCount": desired + 1}),
        "deleteService" => json!({"service": service, "force": true}),
        "registerTaskDefinition" => {
            // The latest revision of the first family, registered again: the next revision,
            // ready for an UpdateService to roll out.
            definitions
                .iter()
                .rev()
                .find(|d| d.get("family").and_then(Value::as_str) == Some(family.as_str()))
                .map_or_else(|| json!({"family": family}), |d| (*d).clone())
        }
        "deregisterTaskDefinition" => json!({"taskDefinition": format!("{family}:1")}),
        "registerContainerInstance" => {
            json!({"instanceType": "m5.large", "availabilityZone": zone})
        }
        "failAvailabilityZone" | "recoverAvailabilityZone" => {
            json!({"availabilityZone": zone})
        }
        "updateTaskProtection" => {
            json!({"tasks": ["task-1"], "protectionEnabled": true, "expiresInMinutes": 60})
        }
        // The instance actions, and spotInterruption of an EC2 Spot instance.
        _ => json!({"containerInstance": instance}),
    }
}

fn unused_name(names: &[String], base: &str) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_owned()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|candidate| !names.contains(candidate))
        .unwrap_or_else(|| base.to_owned())
}

/// Appends an action of `kind` after the last one and returns its index; `None` when `actions`
/// cannot be made a list (the document is not an object).
pub fn add(document: &mut Value, kind: &str, instances: &[String]) -> Option<usize> {
    let body = template(kind, document, instances);
    let at = list(document, "actions")
        .filter_map(|a| a.get("at").and_then(Value::as_u64))
        .max()
        .map_or(FIRST_ACTION_AT, |last| last + NEXT_ACTION_GAP);
    let mut action = Map::new();
    action.insert("at".to_owned(), Value::from(at));
    action.insert(kind.to_owned(), body);
    let actions = crate::edit::list_at(document, "/actions")?;
    actions.push(Value::Object(action));
    Some(actions.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn default_document() -> Value {
        serde_json::from_str(ecs_scenario::DEFAULT_SCENARIO).unwrap()
    }

    fn instances(document: &Value) -> Vec<String> {
        ecs_scenario::evaluate(&document.to_string())
            .outcome
            .map(|o| o.container_instances.into_iter().map(|i| i.id).collect())
            .unwrap_or_default()
    }

    #[test]
    fn every_new_action_runs_without_an_error_in_every_example() {
        for example in ecs_scenario::examples() {
            let start: Value = serde_json::from_str(example.json).unwrap();
            let ids = instances(&start);
            for kind in ACTION_NAMES {
                let mut document = start.clone();
                let index = add(&mut document, kind, &ids).unwrap();
                let evaluation = ecs_scenario::evaluate(&document.to_string());
                let errors: Vec<_> = evaluation
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| format!("{}: {}", d.path, d.message))
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{kind} added to {}: {errors:?}",
                    example.id
                );
                assert!(evaluation.outcome.is_some(), "{kind} in {}", example.id);
                let prefix = format!("actions[{index}].");
                let unknown: Vec<_> = evaluation
                    .diagnostics
                    .iter()
                    .filter(|d| d.path.starts_with(&prefix) && d.message.starts_with("Unknown"))
                    .map(|d| d.message.clone())
                    .collect();
                assert!(unknown.is_empty(), "{kind} in {}: {unknown:?}", example.id);
                let added = &document["actions"][index];
                assert_eq!(super::kind(added), Some(kind));
            }
        }
    }

    #[test]
    fn a_new_action_comes_after_the_last() {
        let mut document = default_document();
        assert_eq!(add(&mut document, "updateService", &[]), Some(0));
        assert_eq!(document["actions"][0]["at"], 60);
        assert_eq!(
            document["actions"][0]["updateService"],
            json!({"service": "web", "desiredCount": 7})
        );
        assert_eq!(add(&mut document, "drainContainerInstance", &[]), Some(1));
        assert_eq!(document["actions"][1]["at"], 90);
        assert_eq!(
            label(&document["actions"][1]),
            "90 s · drainContainerInstance ci-1"
        );
    }

    #[test]
    fn a_new_revision_copies_the_latest_and_is_numbered_after_it() {
        let mut document = default_document();
        add(&mut document, "registerTaskDefinition", &[]);
        add(&mut document, "registerTaskDefinition", &[]);
        assert_eq!(
            task_definition_revisions(&document),
            ["web:1", "web:2", "web:3"]
        );
        assert_eq!(
            document["actions"][1]["registerTaskDefinition"],
            document["taskDefinitions"][0]
        );
    }

    #[test]
    fn task_definition_choices_are_families_then_revisions() {
        let mut document = default_document();
        add(&mut document, "registerTaskDefinition", &[]);
        assert_eq!(
            task_definition_choices(&document),
            ["web", "web:1", "web:2"]
        );
    }

    #[test]
    fn labels_say_when_what_and_whom() {
        let cases = [
            (
                json!({"at": 30, "stopTask": {"task": "task-3"}}),
                "30 s · stopTask task-3",
            ),
            (
                json!({"at": 5, "updateTaskProtection": {"tasks": ["task-2"], "protectionEnabled": true}}),
                "5 s · updateTaskProtection task-2",
            ),
            (
                json!({"at": "soon", "reconnectAgent": {}}),
                "? s · reconnectAgent",
            ),
            (
                json!({"at": 1, "launchRocket": {}}),
                "1 s · (no known action)",
            ),
            (json!([1, 2]), "? s · (no known action)"),
        ];
        for (action, expected) in cases {
            assert_eq!(label(&action), expected);
        }
    }

    #[test]
    fn bodies_of_actions_are_pointed_at_and_labelled() {
        let document = json!({
            "actions": [
                {"at": 60, "createService": {"serviceName": "api"}},
                {"at": 90, "updateService": {"service": "api"}},
                {"at": 120, "registerTaskDefinition": {"family": "web"}},
                {"at": "later", "createService": {}},
            ],
        });
        assert_eq!(
            bodies_of(&document, "createService"),
            [
                (
                    "/actions/0/createService".to_owned(),
                    "CreateService api · at 60 s".to_owned()
                ),
                (
                    "/actions/3/createService".to_owned(),
                    "CreateService ? · at ? s".to_owned()
                ),
            ]
        );
        assert_eq!(
            bodies_of(&document, "registerTaskDefinition"),
            [(
                "/actions/2/registerTaskDefinition".to_owned(),
                "RegisterTaskDefinition web · at 120 s".to_owned()
            )]
        );
        assert!(bodies_of(&document, "runTask").is_empty());
    }

    #[test]
    fn service_names_include_those_created_later() {
        let document = json!({
            "services": [{"serviceName": "web"}, {"serviceName": 7}],
            "actions": [{"at": 1, "createService": {"serviceName": "api"}}, {"at": 2, "createService": {"serviceName": "web"}}],
        });
        assert_eq!(service_names(&document), ["web", "api"]);
        assert_eq!(unused_name(&service_names(&document), "api"), "api-2");
    }
}
