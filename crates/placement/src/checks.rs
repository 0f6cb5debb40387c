//! Per-instance checks: eligibility, hard fit and constraints, in the order the explanation
//! reports them. The fast path, the naive path and the explanation all go through these, so they
//! cannot disagree about whether an instance can take a task.

use serde::{Deserialize, Serialize};

use crate::cql::{self, InstanceFacts};
use crate::model::{
    CPU_ARCHITECTURE_ATTRIBUTE, ContainerInstanceState, ContainerInstanceStatus,
    MAX_RESERVED_PORTS, OS_FAMILY_ATTRIBUTE, OS_TYPE_ATTRIBUTE, TASK_ENI_CAPABILITY,
};
use crate::request::{PlacementConstraint, PlacementRequest, TaskRequirements};

/// Why a task could not go to an instance, as ECS reports it (§2.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FailureReason {
    /// [MODEL] Only in explanations: the instance is not ACTIVE, so placement never sees it.
    #[serde(rename = "STATUS")]
    Status,
    #[serde(rename = "AGENT")]
    Agent,
    #[serde(rename = "ATTRIBUTE")]
    Attribute,
    #[serde(rename = "LOCATION")]
    Location,
    #[serde(rename = "RESOURCE:CPU")]
    Cpu,
    #[serde(rename = "RESOURCE:MEMORY")]
    Memory,
    #[serde(rename = "RESOURCE:GPU")]
    Gpu,
    #[serde(rename = "RESOURCE:PORTS")]
    Ports,
    #[serde(rename = "RESOURCE:ENI")]
    Eni,
    #[serde(rename = "MemberOf placement constraint unsatisfied.")]
    MemberOf,
    #[serde(rename = "DistinctInstance placement constraint unsatisfied.")]
    DistinctInstance,
    /// The cluster has no ACTIVE container instance at all.
    #[serde(rename = "No Container Instances were found in your cluster.")]
    NoContainerInstances,
}

impl FailureReason {
    /// The `reason` string of a RunTask failure.
    pub fn as_str(self) -> &'static str {
        match self {
            FailureReason::Status => "STATUS",
            FailureReason::Agent => "AGENT",
            FailureReason::Attribute => "ATTRIBUTE",
            FailureReason::Location => "LOCATION",
            FailureReason::Cpu => "RESOURCE:CPU",
            FailureReason::Memory => "RESOURCE:MEMORY",
            FailureReason::Gpu => "RESOURCE:GPU",
            FailureReason::Ports => "RESOURCE:PORTS",
            FailureReason::Eni => "RESOURCE:ENI",
            FailureReason::MemberOf => "MemberOf placement constraint unsatisfied.",
            FailureReason::DistinctInstance => "DistinctInstance placement constraint unsatisfied.",
            FailureReason::NoContainerInstances => {
                "No Container Instances were found in your cluster."
            }
        }
    }

    /// How a service event ends after "The closest matching container-instance <id> ". The
    /// documented tails are used where AWS has one; [MODEL] the others use the
    /// `encountered error "<reason>".` form.
    fn event_tail(self) -> String {
        match self {
            FailureReason::Cpu => "has insufficient CPU units available.".to_string(),
            FailureReason::Memory => "has insufficient memory available.".to_string(),
            FailureReason::Ports => "is already using a port required by your task.".to_string(),
            FailureReason::Attribute => {
                "is missing an attribute required by your task.".to_string()
            }
            other => format!("encountered error \"{}\".", other.as_str()),
        }
    }
}

/// The first check an instance failed, with the numbers behind it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckFailure {
    pub reason: FailureReason,
    pub detail: String,
}

/// One unplaced task, as RunTask's `failures[]` reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacementFailure {
    pub reason: FailureReason,
    pub detail: String,
    /// [MODEL] The ACTIVE instance that failed the fewest checks; ties go to the earliest
    /// `registeredAt`, then the lowest index.
    pub closest_instance: Option<String>,
}

const TROUBLESHOOTING: &str =
    "For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";

/// The service event ECS emits when a service task cannot be placed (§2.4).
pub fn service_event(service: &str, failure: &PlacementFailure) -> String {
    let prefix = format!(
        "service {service} was unable to place a task because no container instance met all of its requirements."
    );
    match &failure.closest_instance {
        Some(id) if failure.reason != FailureReason::NoContainerInstances => format!(
            "{prefix} The closest matching container-instance {id} {} {TROUBLESHOOTING}",
            failure.reason.event_tail()
        ),
        // [MODEL] Real events put the cluster-level reason after "Reason:".
        _ => format!(
            "{prefix} Reason: {} {TROUBLESHOOTING}",
            FailureReason::NoContainerInstances.as_str()
        ),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Check {
    Agent,
    Attributes,
    Location,
    Cpu,
    Memory,
    Gpu,
    Ports,
    Eni,
    Constraint(usize),
}

const RESOURCE_CHECKS: [Check; 8] = [
    Check::Agent,
    Check::Attributes,
    Check::Location,
    Check::Cpu,
    Check::Memory,
    Check::Gpu,
    Check::Ports,
    Check::Eni,
];

/// A request's demand, prepared once and checked against many instances.
pub struct Demand<'r> {
    pub group: &'r str,
    requirements: &'r TaskRequirements,
    constraints: &'r [PlacementConstraint],
    tcp_ports: Vec<u16>,
    udp_ports: Vec<u16>,
}

fn sorted_unique(ports: &[u16]) -> Vec<u16> {
    let mut ports = ports.to_vec();
    ports.sort_unstable();
    ports.dedup();
    ports
}

/// [MODEL] An instance without `ecs.os-family` is LINUX unless `ecs.os-type` says windows.
fn os_family(instance: &ContainerInstanceState) -> &str {
    match instance.attribute_value(OS_FAMILY_ATTRIBUTE) {
        Some(family) => family,
        None if instance.attribute_value(OS_TYPE_ATTRIBUTE) == Some("windows") => "WINDOWS",
        None => "LINUX",
    }
}

/// [MODEL] An instance without `ecs.cpu-architecture` is x86_64.
fn cpu_architecture(instance: &ContainerInstanceState) -> &str {
    instance
        .attribute_value(CPU_ARCHITECTURE_ATTRIBUTE)
        .unwrap_or("x86_64")
}

impl<'r> Demand<'r> {
    pub fn new(request: &'r PlacementRequest) -> Self {
        Demand {
            group: &request.group,
            requirements: &request.requirements,
            constraints: &request.constraints,
            tcp_ports: sorted_unique(&request.requirements.tcp_host_ports),
            udp_ports: sorted_unique(&request.requirements.udp_host_ports),
        }
    }

    fn checks(&self) -> impl Iterator<Item = Check> + '_ {
        RESOURCE_CHECKS
            .into_iter()
            .chain((0..self.constraints.len()).map(Check::Constraint))
    }

    fn missing_attribute(&self, instance: &ContainerInstanceState) -> Option<String> {
        let r = self.requirements;
        if r.uses_eni && instance.attribute_value(TASK_ENI_CAPABILITY).is_none() {
            return Some(format!(
                "is missing attribute {TASK_ENI_CAPABILITY}, which awsvpc tasks need"
            ));
        }
        if let Some(name) = r
            .required_attributes
            .iter()
            .find(|name| instance.attribute_value(name).is_none())
        {
            return Some(format!("is missing required attribute {name}"));
        }
        if let Some(family) = &r.os_family {
            let have = os_family(instance);
            if !family.eq_ignore_ascii_case(have) {
                return Some(format!("runs OS family {have}, the task needs {family}"));
            }
        }
        if let Some(arch) = &r.cpu_architecture {
            let have = cpu_architecture(instance);
            if !arch.eq_ignore_ascii_case(have) {
                return Some(format!(
                    "has CPU architecture {have}, the task needs {arch}"
                ));
            }
        }
        None
    }

    fn port_problem(&self, instance: &ContainerInstanceState) -> Option<String> {
        for (label, ports, reserved, used) in [
            (
                "host port",
                &self.tcp_ports,
                &instance.reserved_tcp_ports,
                &instance.used_tcp_ports,
            ),
            (
                "UDP host port",
                &self.udp_ports,
                &instance.reserved_udp_ports,
                &instance.used_udp_ports,
            ),
        ] {
            for port in ports {
                if reserved.contains(port) {
                    return Some(format!("{label} {port} is reserved on the instance"));
                }
                if used.contains(port) {
                    return Some(format!("{label} {port} is already in use"));
                }
            }
        }
        let new_ports = self.tcp_ports.len() + self.udp_ports.len();
        if new_ports > 0 {
            let held = instance.reserved_tcp_ports.len()
                + instance.reserved_udp_ports.len()
                + instance.used_tcp_ports.len()
                + instance.used_udp_ports.len();
            // The documented failure for going over the cap starts "Too many ports registered".
            if held + new_ports > MAX_RESERVED_PORTS {
                return Some(format!(
                    "Too many ports registered: would hold {} reserved host ports, more than the {MAX_RESERVED_PORTS} allowed",
                    held + new_ports
                ));
            }
        }
        None
    }

    fn fails(&self, instance: &ContainerInstanceState, check: Check) -> bool {
        let r = self.requirements;
        match check {
            Check::Agent => !instance.agent_connected,
            Check::Attributes => self.missing_attribute(instance).is_some(),
            Check::Location => self.location_problem(instance).is_some(),
            Check::Cpu => instance.remaining_cpu < i64::from(r.cpu),
            Check::Memory => instance.remaining_memory < i64::from(r.memory),
            Check::Gpu => instance.remaining_gpu < i64::from(r.gpus_needed()),
            Check::Ports => {
                (!self.tcp_ports.is_empty() || !self.udp_ports.is_empty())
                    && self.port_problem(instance).is_some()
            }
            Check::Eni => r.uses_eni && instance.enis_in_use >= instance.eni_task_limit,
            Check::Constraint(k) => match &self.constraints[k] {
                PlacementConstraint::DistinctInstance => instance.group_count(self.group) > 0,
                PlacementConstraint::MemberOf(m) => !m.expression.matches(instance),
            },
        }
    }

    fn location_problem(&self, instance: &ContainerInstanceState) -> Option<String> {
        let zones = self.requirements.subnet_availability_zones.as_ref()?;
        if !self.requirements.uses_eni {
            return None;
        }
        let zone = instance.availability_zone();
        if zone.is_some_and(|z| zones.iter().any(|s| s == z)) {
            return None;
        }
        Some(format!(
            "is in {}, not in an Availability Zone of the task's subnets ({})",
            zone.unwrap_or("no Availability Zone"),
            zones.join(", ")
        ))
    }

    fn describe(&self, instance: &ContainerInstanceState, check: Check) -> CheckFailure {
        let r = self.requirements;
        let (reason, detail) = match check {
            Check::Agent => (
                FailureReason::Agent,
                "the container agent is disconnected".to_string(),
            ),
            Check::Attributes => (
                FailureReason::Attribute,
                self.missing_attribute(instance).unwrap_or_default(),
            ),
            Check::Location => (
                FailureReason::Location,
                self.location_problem(instance).unwrap_or_default(),
            ),
            Check::Cpu => (
                FailureReason::Cpu,
                format!(
                    "needs {} CPU units, has {} remaining",
                    r.cpu, instance.remaining_cpu
                ),
            ),
            Check::Memory => (
                FailureReason::Memory,
                format!(
                    "needs {} MiB memory, has {} MiB remaining",
                    r.memory, instance.remaining_memory
                ),
            ),
            Check::Gpu => (
                FailureReason::Gpu,
                if r.all_gpus {
                    format!(
                        "needs all GPUs (at least {}), has {} remaining",
                        r.gpus_needed(),
                        instance.remaining_gpu
                    )
                } else {
                    format!(
                        "needs {} GPUs, has {} remaining",
                        r.gpu, instance.remaining_gpu
                    )
                },
            ),
            Check::Ports => (
                FailureReason::Ports,
                self.port_problem(instance).unwrap_or_default(),
            ),
            Check::Eni => (
                FailureReason::Eni,
                format!("all {} ENI task slots are in use", instance.eni_task_limit),
            ),
            Check::Constraint(k) => match &self.constraints[k] {
                PlacementConstraint::DistinctInstance => (
                    FailureReason::DistinctInstance,
                    format!(
                        "DistinctInstance placement constraint unsatisfied: already runs {} task(s) of {}",
                        instance.group_count(self.group),
                        self.group
                    ),
                ),
                PlacementConstraint::MemberOf(m) => (
                    FailureReason::MemberOf,
                    format!(
                        "MemberOf placement constraint unsatisfied: {}",
                        cql::mismatch_text(&m.expression, instance as &dyn InstanceFacts)
                    ),
                ),
            },
        };
        CheckFailure { reason, detail }
    }

    /// Whether the instance can take the task right now.
    pub fn passes(&self, instance: &ContainerInstanceState) -> bool {
        instance.status == ContainerInstanceStatus::Active
            && self.checks().all(|check| !self.fails(instance, check))
    }

    /// The first check the instance fails, or `None` if it can take the task.
    pub fn first_failure(&self, instance: &ContainerInstanceState) -> Option<CheckFailure> {
        if instance.status != ContainerInstanceStatus::Active {
            return Some(CheckFailure {
                reason: FailureReason::Status,
                detail: format!(
                    "status is {}; only ACTIVE instances receive tasks",
                    instance.status.as_str()
                ),
            });
        }
        self.checks()
            .find(|&check| self.fails(instance, check))
            .map(|check| self.describe(instance, check))
    }

    fn failed_count(&self, instance: &ContainerInstanceState) -> usize {
        self.checks()
            .filter(|&check| self.fails(instance, check))
            .count()
    }

    /// The failure to report when no instance can take the task.
    pub fn closest_failure(&self, instances: &[ContainerInstanceState]) -> PlacementFailure {
        let closest = instances
            .iter()
            .enumerate()
            .filter(|(_, i)| i.status == ContainerInstanceStatus::Active)
            .min_by_key(|(index, i)| (self.failed_count(i), i.registered_at, *index));
        let Some((_, instance)) = closest else {
            return PlacementFailure {
                reason: FailureReason::NoContainerInstances,
                detail: FailureReason::NoContainerInstances.as_str().to_string(),
                closest_instance: None,
            };
        };
        // Every ACTIVE instance fails some check here; the fallback only guards inconsistent use.
        let failure = self.first_failure(instance).unwrap_or(CheckFailure {
            reason: FailureReason::Status,
            detail: String::new(),
        });
        PlacementFailure {
            reason: failure.reason,
            detail: failure.detail,
            closest_instance: Some(instance.id.clone()),
        }
    }
}
