//! The built-in example library: one scenario per exam topic, each with what to watch.
//!
//! The scenarios live in `examples/*.json` so they can be opened, shared and diffed like any user
//! file; the title and description here repeat the file's `name` and `description` (a test keeps
//! them equal) so that the library can be listed without parsing every document.

/// A built-in scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// A stable id for links and tests (`binpack-memory`).
    pub id: &'static str,
    pub title: &'static str,
    /// Two lines: what the scenario shows, then what to watch.
    pub description: &'static str,
    /// The certification topic it teaches.
    pub topic: &'static str,
    /// The scenario document.
    pub json: &'static str,
}

/// Every built-in example, the default scenario first.
pub fn examples() -> &'static [Example] {
    EXAMPLES
}

/// The example with this id.
pub fn example(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

static EXAMPLES: &[Example] = &[
    Example {
        id: "default",
        title: "AZ Balanced Spread (the console default)",
        description: "Six tasks spread over three Availability Zones, then over the instances inside each zone.\nWatch each AZ get two tasks before any instance gets a second one.",
        topic: "Placement strategies: the console default (spread AZ, then instanceId)",
        json: include_str!("../examples/default.json"),
    },
    Example {
        id: "binpack-memory",
        title: "Binpack on memory",
        description: "Five tasks land on the instance with the least free memory that still fits them.\nWatch the small t3.medium fill up before the m5.large gets anything.",
        topic: "Placement strategies: binpack for the fewest instances",
        json: include_str!("../examples/binpack-memory.json"),
    },
    Example {
        id: "spread-az-binpack",
        title: "Spread across AZs, then binpack",
        description: "Each task goes to the AZ with the fewest tasks of the service, then to the fullest instance in it.\nWatch each AZ fill one instance while its second one stays empty.",
        topic: "Placement strategies: chaining spread and binpack",
        json: include_str!("../examples/spread-az-binpack.json"),
    },
    Example {
        id: "distinct-instance",
        title: "distinctInstance with more tasks than instances",
        description: "One task per instance: the fourth task has nowhere to go, although memory is plentiful.\nWatch the failure reason name the constraint, not a resource.",
        topic: "Placement constraints: distinctInstance",
        json: include_str!("../examples/distinct-instance.json"),
    },
    Example {
        id: "member-of-regex",
        title: "memberOf on instance type with a regex",
        description: "Only instances whose type matches t3.* are candidates; the m5 instances stay empty.\nWatch the explanation reject each m5 with the constraint.",
        topic: "Placement constraints: memberOf and the cluster query language",
        json: include_str!("../examples/member-of-regex.json"),
    },
    Example {
        id: "task-group-affinity",
        title: "task:group affinity and anti-affinity",
        description: "The cache tasks must sit next to a database task; the web tasks must avoid them.\nWatch memberOf(task:group == ...) follow the first task wherever it went.",
        topic: "Task groups: affinity and anti-affinity",
        json: include_str!("../examples/task-group-affinity.json"),
    },
    Example {
        id: "daemon-service",
        title: "A daemon service",
        description: "A DAEMON service runs exactly one task on every instance, with no desired count.\nWatch the log agent appear once per instance, next to the replica service.",
        topic: "Services: DAEMON scheduling",
        json: include_str!("../examples/daemon-service.json"),
    },
    Example {
        id: "custom-attributes",
        title: "Custom attributes",
        description: "Instances carry a custom attribute stack=prod or stack=dev; the service runs on prod only.\nWatch the dev instances stay empty although they have room.",
        topic: "Placement constraints: custom attributes",
        json: include_str!("../examples/custom-attributes.json"),
    },
    Example {
        id: "bridge-dynamic-ports",
        title: "Bridge mode with dynamic host ports behind an ALB",
        description: "hostPort 0 lets Docker pick a free port, so many copies share an instance behind the ALB.\nWatch 6 tasks fit on 2 instances; the static-port service stops at one per instance.",
        topic: "Networking: bridge mode and dynamic port mapping",
        json: include_str!("../examples/bridge-dynamic-ports.json"),
    },
    Example {
        id: "awsvpc-eni-exhaustion",
        title: "awsvpc ENI exhaustion on small instances",
        description: "Each awsvpc task needs its own ENI; a c5.large has 3, one taken by the instance itself.\nWatch the fifth task fail with RESOURCE:ENI while CPU and memory are still free, then turn on ENI trunking in the Cluster tab: a trunked c5.large takes 10.",
        topic: "Networking: awsvpc and ENI limits",
        json: include_str!("../examples/awsvpc-eni-exhaustion.json"),
    },
    Example {
        id: "fargate-sizes",
        title: "Fargate CPU and memory choices",
        description: "Fargate needs task-level cpu and memory from a fixed table, and spreads tasks over the subnets' AZs.\nWatch three tasks land in three AZs with no instances at all.",
        topic: "Fargate: task sizes and AZ spreading",
        json: include_str!("../examples/fargate-sizes.json"),
    },
    Example {
        id: "capacity-provider-split",
        title: "Capacity provider base and weight",
        description: "FARGATE has base 1 and weight 1, FARGATE_SPOT weight 3: the first task goes on demand, the rest 1:3.\nWatch 9 tasks end 3 on FARGATE and 6 on FARGATE_SPOT.",
        topic: "Capacity providers: base and weight",
        json: include_str!("../examples/capacity-provider-split.json"),
    },
    Example {
        id: "rolling-update",
        title: "Rolling update: 50/200 against 100/200",
        description: "Both services move 4 tasks to revision 2 at t=60 s; fast may drop to 2 running, safe never below 4.\nWatch fast stop old tasks at once while safe starts new ones first.",
        topic: "Deployments: minimumHealthyPercent and maximumPercent",
        json: include_str!("../examples/rolling-update.json"),
    },
    Example {
        id: "circuit-breaker",
        title: "Deployment circuit breaker with rollback",
        description: "Revision 2 fails its container health check; after 3 failed tasks the deployment is FAILED.\nWatch the circuit breaker roll the service back to revision 1.",
        topic: "Deployments: the circuit breaker and rollback",
        json: include_str!("../examples/circuit-breaker.json"),
    },
    Example {
        id: "drain-instance",
        title: "Draining an instance",
        description: "ci-1 is set to DRAINING at t=60 s: its service tasks are replaced elsewhere, within maximumPercent.\nWatch new tasks start on other instances before the old ones stop.",
        topic: "Operations: draining a container instance",
        json: include_str!("../examples/drain-instance.json"),
    },
    Example {
        id: "az-outage",
        title: "An Availability Zone outage",
        description: "us-east-1b fails at t=60 s and its tasks stop; the service replaces them in the other two AZs.\nWatch the spread: after recovery at t=600 s, does us-east-1b get its tasks back?",
        topic: "Resilience: losing an Availability Zone",
        json: include_str!("../examples/az-outage.json"),
    },
    Example {
        id: "managed-scaling",
        title: "Managed scaling from zero instances",
        description: "The Auto Scaling group starts empty; tasks wait in PROVISIONING and CapacityProviderReservation reads 200.\nWatch instances launch, join the cluster and take the waiting tasks.",
        topic: "Cluster auto scaling: managed scaling from zero",
        json: include_str!("../examples/managed-scaling.json"),
    },
    Example {
        id: "task-protection",
        title: "Task scale-in protection",
        description: "task-1 to task-3 are protected when the service drops from 4 tasks to 1 at t=120 s; only task-4 stops.\nWatch task-3 stop when it is unprotected at 300 s and task-2 when its protection expires at 420 s.",
        topic: "Services: task scale-in protection",
        json: include_str!("../examples/task-protection.json"),
    },
    Example {
        id: "step-scaling",
        title: "Step scaling on CPU alarms",
        description: "A high-CPU alarm (>= 70 %) adds 3 tasks when the CPU is 20 points or more over it and 1 below that; a low-CPU alarm (< 30 % for 2 minutes) removes 1.\nWatch +3 at 300 s, nothing more during the 120 s cooldown, +1 at 420 s, then one task removed per cooldown from 1560 s.",
        topic: "Service Auto Scaling: step scaling and cooldowns",
        json: include_str!("../examples/step-scaling.json"),
    },
];
