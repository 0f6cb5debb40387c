//! RegisterTaskDefinition rules (reference §8). Every rule runs; problems accumulate.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, index, join};
use crate::enums::{
    Compatibility, ContainerCondition, LogDriver, NetworkMode, PidMode, ResourceType,
    TransportProtocol,
};
use crate::size::{
    fargate_memory_options, is_valid_fargate_size, parse_task_cpu, parse_task_memory,
};
use crate::task_definition::{ContainerDefinition, HealthCheck, PortMapping, TaskDefinition};

/// `^[A-Za-z0-9_-]{1,255}$` without a regex engine.
pub(crate) fn is_ecs_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 255
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Template placeholders left in published samples: `${X}`, `{{ x }}`, `$$$X$$$`, `{your-x}`,
/// CloudFormation-export style `stack:OutputName`, and capitalised prose like `SET TASK DEFINITION`.
pub(crate) fn looks_like_placeholder(s: &str) -> bool {
    if s.contains("${")
        || s.contains("{{")
        || s.contains("$$")
        || s.contains("{your-")
        || s.contains("<your")
    {
        return true;
    }
    if let Some((stack, output)) = s.split_once(':') {
        let stack_ok = !stack.is_empty()
            && stack
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let output_ok = output
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
            && output.bytes().all(|b| b.is_ascii_alphanumeric());
        if stack_ok && output_ok && !stack.starts_with("arn") {
            return true;
        }
    }
    s.contains(' ') && s.chars().all(|c| c.is_ascii_uppercase() || c == ' ')
}

pub(crate) fn placeholder_warning(path: &str, value: &str, diagnostics: &mut Vec<Diagnostic>) {
    if looks_like_placeholder(value) {
        diagnostics.push(Diagnostic::warning(
            path,
            format!("'{value}' looks like a template placeholder"),
            "A tool is expected to replace this value before the request reaches AWS; AWS would reject it as written.",
        ));
    }
}

fn fargate_unsupported(path: &str, parameter: &str, diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.push(Diagnostic::error(
        path,
        format!("Tasks using the Fargate launch type do not support {parameter}."),
        format!("Fargate manages the host, so `{parameter}` cannot be set when FARGATE is in requiresCompatibilities."),
    ));
}

pub(crate) fn task_definition_rules(td: &TaskDefinition, diagnostics: &mut Vec<Diagnostic>) {
    family_rules(td, diagnostics);
    let fargate = td.requires(Compatibility::Fargate);
    let network_mode = td.effective_network_mode();

    let task_cpu = size_rule(td.cpu.as_deref(), "cpu", parse_task_cpu, diagnostics);
    let task_memory = size_rule(
        td.memory.as_deref(),
        "memory",
        parse_task_memory,
        diagnostics,
    );
    if let Some(cpu) = task_cpu {
        if !fargate && !(128..=196_608).contains(&cpu) && !td.os_family().is_windows() {
            diagnostics.push(Diagnostic::error(
                "cpu",
                "Invalid 'cpu' setting for task.",
                "Task-level cpu on EC2 must be between 128 (0.125 vCPU) and 196608 (192 vCPU) units.",
            ));
        }
    }

    if td.task_size_ignored() {
        // [MODEL] AWS registers them; the warning says what the scheduler reserves instead,
        // which is the demand summed from the containers.
        let demand = td.resource_demand();
        for (field, size, sum) in [
            ("cpu", task_cpu, demand.cpu),
            ("memory", task_memory, demand.memory),
        ] {
            if size.is_some() {
                let unit = if field == "cpu" { "CPU units" } else { "MiB" };
                diagnostics.push(Diagnostic::warning(
                    field,
                    format!("Task-level '{field}' is ignored for Windows containers."),
                    format!("The API says \"Task-level CPU and memory parameters are ignored for Windows containers.\" On EC2 and EXTERNAL instances the task reserves what its containers ask for ({sum} {unit} of {field}), so set {field} on each container."),
                ));
            }
        }
    }

    if let Some(containers) = &td.container_definitions {
        if containers.is_empty() {
            diagnostics.push(Diagnostic::error(
                "containerDefinitions",
                "Container list cannot be empty.",
                "A task definition needs at least one container definition.",
            ));
        } else if containers.len() > 10 {
            diagnostics.push(Diagnostic::error(
                "containerDefinitions",
                "Too many containers.",
                "A task definition holds at most 10 container definitions.",
            ));
        }
    } else {
        diagnostics.push(Diagnostic::error(
            "",
            "Missing required parameter in input: \"containerDefinitions\"",
            "Every task definition lists its containers in `containerDefinitions`.",
        ));
    }

    let containers = td.containers();
    let mut seen = BTreeSet::new();
    let mut duplicate_reported = false;
    for (i, container) in containers.iter().enumerate() {
        let path = index("containerDefinitions", i);
        container_rules(td, container, &path, task_memory.is_some(), diagnostics);
        if let Some(name) = &container.name {
            if !seen.insert(name.as_str()) && !duplicate_reported {
                duplicate_reported = true;
                diagnostics.push(Diagnostic::error(
                    join(&path, "name"),
                    "Container names must be unique within a Task Definition.",
                    format!("Two containers are named '{name}'; each needs its own name."),
                ));
            }
        }
    }
    if !containers.is_empty() && !containers.iter().any(ContainerDefinition::is_essential) {
        diagnostics.push(Diagnostic::error(
            "containerDefinitions",
            "Task definition doesn't have any essential container.",
            "At least one container must be essential (the default); the task stops when an essential container stops.",
        ));
    }

    sum_rules(containers, task_cpu, task_memory, diagnostics);
    neuron_rules(containers, diagnostics);
    dependency_rules(containers, diagnostics);
    volume_rules(td, diagnostics);
    network_rules(td, network_mode, diagnostics);
    if td.os_family().is_windows() {
        windows_rules(td, fargate, network_mode, diagnostics);
    }
    quota_rules(td, diagnostics);

    if let Some(proxy) = &td.proxy_configuration {
        if let Some(name) = &proxy.container_name {
            if td.container(name).is_none() {
                diagnostics.push(Diagnostic::error(
                    "proxyConfiguration.containerName",
                    format!("Invalid 'proxyConfiguration' setting. Container '{name}' does not exist in the task definition."),
                    "proxyConfiguration.containerName must name one of the task's containers (usually the Envoy sidecar).",
                ));
            }
        }
        if network_mode != NetworkMode::Awsvpc {
            diagnostics.push(Diagnostic::error(
                "proxyConfiguration",
                "Proxy configuration is only supported when networkMode=awsvpc.",
                "App Mesh proxy configuration needs the awsvpc network mode.",
            ));
        }
    }

    let constraints = td.placement_constraints.as_deref().unwrap_or(&[]);
    if constraints.len() > 10 {
        diagnostics.push(Diagnostic::error(
            "placementConstraints",
            "Too many placement constraints. The maximum is 10.",
            "A task can have at most 10 placement constraints, counting task-definition and run-time ones together.",
        ));
    }
    for (i, constraint) in constraints.iter().enumerate() {
        let path = index("placementConstraints", i);
        match constraint.expression.as_deref() {
            None | Some("") => diagnostics.push(Diagnostic::error(
                join(&path, "expression"),
                "A memberOf placement constraint requires an expression.",
                "memberOf constraints select instances with a cluster query expression.",
            )),
            Some(e) if e.chars().count() > 2000 => diagnostics.push(Diagnostic::error(
                join(&path, "expression"),
                "Placement constraint expression is too long. The maximum length is 2000 characters.",
                "Cluster query expressions are limited to 2000 characters.",
            )),
            Some(_) => {}
        }
    }

    if let Some(storage) = &td.ephemeral_storage {
        match storage.size_in_gib {
            Some(size) if !(21..=200).contains(&size) => diagnostics.push(Diagnostic::error(
                "ephemeralStorage.sizeInGiB",
                "The ephemeral storage size must be between 21 and 200 GiB.",
                "Fargate tasks get 20 GiB by default; ephemeralStorage raises it to 21–200 GiB.",
            )),
            _ => {}
        }
        if !fargate {
            diagnostics.push(Diagnostic::warning(
                "ephemeralStorage",
                "ephemeralStorage is only used by tasks on Fargate.",
                "On EC2 the task uses the instance's disk, so this setting has no effect.",
            ));
        }
    }

    for field in ["taskRoleArn", "executionRoleArn"] {
        let value = if field == "taskRoleArn" {
            &td.task_role_arn
        } else {
            &td.execution_role_arn
        };
        if let Some(v) = value {
            placeholder_warning(field, v, diagnostics);
        }
    }

    if fargate {
        fargate_rules(td, task_cpu, task_memory, network_mode, diagnostics);
    }
}

fn family_rules(td: &TaskDefinition, diagnostics: &mut Vec<Diagnostic>) {
    match td.family.as_deref() {
        None => diagnostics.push(Diagnostic::error(
            "",
            "Missing required parameter in input: \"family\"",
            "Every task definition needs a family name; revisions are numbered within it.",
        )),
        Some("") => diagnostics.push(Diagnostic::error(
            "family",
            "Family can not be blank.",
            "The family name is empty; use letters, digits, hyphens and underscores.",
        )),
        Some(f) if f.len() > 255 => diagnostics.push(Diagnostic::error(
            "family",
            "Family name must be at most 255 characters.",
            "Family names are 1–255 characters long.",
        )),
        Some(f) if !is_ecs_name(f) => diagnostics.push(Diagnostic::error(
            "family",
            "Family contains invalid characters.",
            "Family names may contain only letters, digits, hyphens (-) and underscores (_); no spaces or dots.",
        )),
        Some(_) => {}
    }
}

/// Reads task-level cpu or memory; reports unreadable values.
fn size_rule(
    text: Option<&str>,
    field: &str,
    parse: fn(&str) -> Result<u32, crate::TaskSizeError>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<u32> {
    let text = text?;
    match parse(text) {
        Ok(0) | Err(_) => {
            let unit = if field == "cpu" {
                "CPU units (\"1024\") or vCPU (\"1 vCPU\")"
            } else {
                "MiB (\"2048\") or GB (\"2 GB\")"
            };
            diagnostics.push(Diagnostic::error(
                field,
                format!("Invalid '{field}' setting for task."),
                format!("Task {field} \"{text}\" is not a positive number of {unit}."),
            ));
            None
        }
        Ok(n) => Some(n),
    }
}

fn container_rules(
    td: &TaskDefinition,
    container: &ContainerDefinition,
    path: &str,
    has_task_memory: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let name = container.display_name();
    match container.name.as_deref() {
        None | Some("") => diagnostics.push(Diagnostic::error(
            join(path, "name"),
            "Container.name should not be null or empty.",
            "Every container needs a name; other containers, load balancers and dependsOn refer to it.",
        )),
        Some(n) if n.len() > 255 => diagnostics.push(Diagnostic::error(
            join(path, "name"),
            "Container.name must be at most 255 characters.",
            "Container names are 1–255 characters long.",
        )),
        Some(n) if !is_ecs_name(n) => diagnostics.push(Diagnostic::error(
            join(path, "name"),
            "Container.name contains invalid characters.",
            "Container names may contain only letters, digits, hyphens (-) and underscores (_).",
        )),
        Some(_) => {}
    }
    match container.image.as_deref() {
        None | Some("") => diagnostics.push(Diagnostic::error(
            join(path, "image"),
            "Container.image should not be null or empty.",
            "Every container needs an image to run, such as public.ecr.aws/nginx/nginx:latest.",
        )),
        Some(image) => {
            // The 255-character limit covers repository and tag; a digest after @ is not counted.
            let reference = image
                .split_once('@')
                .map_or(image, |(reference, _)| reference);
            if reference.chars().count() > 255 {
                diagnostics.push(Diagnostic::error(
                    join(path, "image"),
                    format!("Invalid 'image' setting for container '{name}'."),
                    "An image reference is at most 255 characters long, not counting an @sha256 digest.",
                ));
            }
            placeholder_warning(&join(path, "image"), image, diagnostics);
        }
    }

    for (field, value) in [
        ("cpu", container.cpu),
        ("memory", container.memory),
        ("memoryReservation", container.memory_reservation),
    ] {
        let minimum = if field == "cpu" { 0 } else { 1 };
        if value.is_some_and(|v| v < minimum) {
            diagnostics.push(Diagnostic::error(
                join(path, field),
                format!("Invalid '{field}' setting for container '{name}'."),
                format!(
                    "Container {field} cannot be {}.",
                    if minimum == 0 {
                        "negative"
                    } else {
                        "zero or negative"
                    }
                ),
            ));
        }
    }
    for (field, value) in [
        ("memory", container.memory),
        ("memoryReservation", container.memory_reservation),
    ] {
        if let Some(v) = value.filter(|v| (1..6).contains(v)) {
            // [MODEL] The API says "don't", not "must", and AWS registers such values (the ECS
            // agent raises anything below its own 4 MiB floor to 4 MiB, but Docker 20.10.0 and
            // later refuse limits under 6 MiB), so this is a warning.
            diagnostics.push(Diagnostic::warning(
                join(path, field),
                format!("The '{field}' setting for container '{name}' is {v} MiB; Docker needs at least 6 MiB."),
                "The API says \"The Docker 20.10.0 or later daemon reserves a minimum of 6 MiB of memory for a container. So, don't specify less than 6 MiB of memory for your containers.\" (4 MiB for Docker 19.03.13-ce or earlier), so the container would fail to start.",
            ));
        }
    }
    let needs_memory = td
        .compatibilities()
        .iter()
        .any(|c| *c != Compatibility::Fargate)
        && !has_task_memory;
    if needs_memory && container.memory.is_none() && container.memory_reservation.is_none() {
        diagnostics.push(Diagnostic::error(
            path,
            format!("Invalid setting for container '{name}'. At least one of 'memory' or 'memoryReservation' must be specified."),
            "On EC2 without a task-level memory size, each container must say how much memory it needs.",
        ));
    }
    if let (Some(memory), Some(reservation)) = (container.memory, container.memory_reservation) {
        if reservation >= memory && memory > 0 {
            diagnostics.push(Diagnostic::error(
                join(path, "memoryReservation"),
                format!("Invalid setting for container '{name}'. 'memory' must be greater than 'memoryReservation'."),
                "memoryReservation is the soft limit and memory the hard limit, so the hard limit must be larger.",
            ));
        }
    }

    for (i, mapping) in container.port_mappings().iter().enumerate() {
        let mpath = index(&join(path, "portMappings"), i);
        match (mapping.container_port, &mapping.container_port_range) {
            (None, None) => diagnostics.push(Diagnostic::error(
                &mpath,
                format!("Invalid 'containerPort' setting for container '{name}'."),
                "Each port mapping needs the containerPort the application listens on.",
            )),
            (Some(p), _) if !(1..=65535).contains(&p) => diagnostics.push(Diagnostic::error(
                join(&mpath, "containerPort"),
                format!("Invalid 'containerPort' setting for container '{name}'."),
                "Ports are numbers from 1 to 65535.",
            )),
            _ => {}
        }
        if mapping.host_port.is_some_and(|p| !(0..=65535).contains(&p)) {
            diagnostics.push(Diagnostic::error(
                join(&mpath, "hostPort"),
                format!("Invalid 'hostPort' setting for container '{name}'."),
                "Host ports are numbers from 0 (dynamic) to 65535.",
            ));
        }
    }
    port_range_rules(container, path, td.effective_network_mode(), diagnostics);

    if let Some(health) = &container.health_check {
        let hpath = join(path, "healthCheck");
        match health.command.as_deref() {
            Some([first, ..]) if first == "CMD" || first == "CMD-SHELL" || first == "NONE" => {}
            // AWS registers other commands (published samples use them) but Docker expects the
            // CMD/CMD-SHELL form, so this is only a warning.
            Some(_) => diagnostics.push(Diagnostic::warning(
                join(&hpath, "command"),
                format!("healthCheck.command for container '{name}' does not start with CMD or CMD-SHELL."),
                "A health check command starts with \"CMD\" (run directly) or \"CMD-SHELL\" (run in a shell).",
            )),
            None => {}
        }
        for (field, value, low, high, unit) in [
            ("interval", health.interval, 5, 300, " seconds"),
            ("timeout", health.timeout, 2, 60, " seconds"),
            ("retries", health.retries, 1, 10, ""),
            ("startPeriod", health.start_period, 0, 300, " seconds"),
        ] {
            if value.is_some_and(|v| !(low..=high).contains(&v)) {
                diagnostics.push(Diagnostic::error(
                    join(&hpath, field),
                    format!("Invalid 'healthCheck.{field}' setting for container '{name}'."),
                    format!("healthCheck.{field} must be between {low} and {high}{unit}."),
                ));
            }
        }
    }

    for (i, requirement) in container.resource_requirements().iter().enumerate() {
        if requirement.type_ == Some(ResourceType::NeuronDevice)
            && requirement.value.as_deref().map(str::trim) != Some("ALL")
        {
            // The API: "When the type is NeuronDevice, the value must be ALL."
            diagnostics.push(Diagnostic::error(
                join(&index(&join(path, "resourceRequirements"), i), "value"),
                format!("Invalid 'resourceRequirements' setting for container '{name}'. The NeuronDevice value must be ALL."),
                "A NeuronDevice requirement always takes every Neuron device of the instance, so its value is ALL.",
            ));
        }
        if requirement.type_ == Some(ResourceType::Gpu) {
            // The API also accepts ALL, which gives the container every GPU of the instance.
            let ok = requirement
                .value
                .as_deref()
                .map(str::trim)
                .is_some_and(|v| v == "ALL" || v.parse::<u32>().is_ok_and(|n| n > 0));
            if !ok {
                diagnostics.push(Diagnostic::error(
                    join(&index(&join(path, "resourceRequirements"), i), "value"),
                    format!("Invalid 'resourceRequirements' setting for container '{name}'. The GPU value must be a positive whole number or ALL."),
                    "A GPU requirement says how many whole GPUs the container reserves, or ALL for every GPU of the instance.",
                ));
            }
        }
    }

    if let Some(log) = &container.log_configuration {
        if log.log_driver == Some(LogDriver::Awslogs) {
            let options = log.options.as_ref();
            let missing: Vec<&str> = ["awslogs-region", "awslogs-group"]
                .into_iter()
                .filter(|k| !options.is_some_and(|o| o.contains_key(*k)))
                .collect();
            if !missing.is_empty() {
                diagnostics.push(Diagnostic::error(
                    join(path, "logConfiguration.options"),
                    format!("Log driver awslogs requires options: {}", missing.join(", ")),
                    "The awslogs driver must know which CloudWatch Logs group and Region to write to.",
                ));
            }
        }
    }
}

/// Why a `containerPortRange` string is not a range.
pub(crate) enum PortRangeError {
    Format,
    OutOfRange,
    Order,
}

/// Parses `first-last` with 1 ≤ first < last ≤ 65535; no signs or spaces, as in the API examples.
pub(crate) fn parse_port_range(text: &str) -> Result<(u16, u16), PortRangeError> {
    let (first, last) = text.split_once('-').ok_or(PortRangeError::Format)?;
    let port = |s: &str| {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PortRangeError::Format);
        }
        match s.parse::<u16>() {
            Ok(p) if p >= 1 => Ok(p),
            _ => Err(PortRangeError::OutOfRange),
        }
    };
    let (first, last) = (port(first)?, port(last)?);
    if first >= last {
        return Err(PortRangeError::Order);
    }
    Ok((first, last))
}

/// The ports one mapping claims inside its container, for the overlap rule.
#[derive(Clone, Copy)]
enum Claim {
    Port(i32),
    Range(u16, u16),
}

impl Claim {
    fn bounds(self) -> (i32, i32) {
        match self {
            Claim::Port(p) => (p, p),
            Claim::Range(first, last) => (i32::from(first), i32::from(last)),
        }
    }

    fn describe(self) -> String {
        match self {
            Claim::Port(p) => format!("containerPort {p}"),
            Claim::Range(first, last) => format!("range {first}-{last}"),
        }
    }
}

fn port_range_rules(
    container: &ContainerDefinition,
    path: &str,
    mode: NetworkMode,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let name = container.display_name();
    let mut claims: Vec<(usize, TransportProtocol, Claim)> = Vec::new();
    let mut ranges = 0;
    for (i, mapping) in container.port_mappings().iter().enumerate() {
        let mpath = index(&join(path, "portMappings"), i);
        let (field, claim) = match mapping.container_port_range.as_deref() {
            None => (
                "containerPort",
                mapping
                    .container_port
                    .filter(|p| (1..=65535).contains(p))
                    .map(Claim::Port),
            ),
            Some(text) => {
                ranges += 1;
                (
                    "containerPortRange",
                    range_mapping_rules(mapping, text, &mpath, name, mode, diagnostics),
                )
            }
        };
        let Some(claim) = claim else { continue };
        let protocol = mapping.protocol();
        let (low, high) = claim.bounds();
        // Overlaps that involve a range; two single ports are compared below.
        let clash = claims.iter().find(|(_, p, old)| {
            let (old_low, old_high) = old.bounds();
            *p == protocol
                && low <= old_high
                && old_low <= high
                && (matches!(claim, Claim::Range(..)) || matches!(old, Claim::Range(..)))
        });
        if let Some((j, _, old)) = clash {
            diagnostics.push(Diagnostic::error(
                join(&mpath, field),
                format!(
                    "Invalid '{field}' setting for container '{name}'. The {} ({protocol}) overlaps the {} of portMappings[{j}].",
                    claim.describe(),
                    old.describe()
                ),
                "A container port can be in only one port mapping, so ranges must not overlap each other or a containerPort of the same protocol.",
            ));
        } else if let Claim::Port(port) = claim {
            // Two single ports: the same containerPort may appear in only one mapping, whatever
            // the protocols.
            let earlier = claims
                .iter()
                .find(|(_, _, old)| matches!(old, Claim::Port(q) if *q == port));
            if let Some((j, old_protocol, _)) = earlier {
                let (message, explanation) = if *old_protocol == protocol {
                    (
                        format!(
                            "Invalid 'containerPort' setting for container '{name}'. The containerPort {port} ({protocol}) is already mapped by portMappings[{j}]."
                        ),
                        "A containerPort can appear in only one port mapping per container, so the repeated mapping must go.",
                    )
                } else {
                    (
                        format!(
                            "Invalid 'containerPort' setting for container '{name}'. The containerPort {port} ({protocol}) is already mapped for {old_protocol} by portMappings[{j}]; one containerPort cannot be exposed for two protocols."
                        ),
                        "A containerPort can appear in only one port mapping per container, so it cannot be exposed for both tcp and udp.",
                    )
                };
                diagnostics.push(Diagnostic::error(
                    join(&mpath, "containerPort"),
                    message,
                    explanation,
                ));
            }
        }
        claims.push((i, protocol, claim));
    }
    if ranges > 100 {
        diagnostics.push(Diagnostic::error(
            join(path, "portMappings"),
            format!("Invalid 'portMappings' setting for container '{name}'. A container can have at most 100 port ranges, not {ranges}."),
            "ECS allows at most 100 containerPortRange entries per container.",
        ));
    }
}

/// Checks one mapping that has a `containerPortRange` and returns the range when it is readable.
fn range_mapping_rules(
    mapping: &PortMapping,
    text: &str,
    mpath: &str,
    name: &str,
    mode: NetworkMode,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Claim> {
    for (field, set) in [
        ("containerPort", mapping.container_port.is_some()),
        ("hostPort", mapping.host_port.is_some()),
    ] {
        if set {
            diagnostics.push(Diagnostic::error(
                join(mpath, field),
                format!("Invalid '{field}' setting for container '{name}'. A port mapping with 'containerPortRange' cannot also set '{field}'."),
                "A port mapping gives either one containerPort or a containerPortRange; with a range, ECS assigns the host ports itself.",
            ));
        }
    }
    let rpath = join(mpath, "containerPortRange");
    // networkMode none already rejects every port mapping.
    if mode == NetworkMode::Host {
        diagnostics.push(Diagnostic::error(
            &rpath,
            "containerPortRange is not supported when networkMode=host.",
            "Port ranges are only available with the bridge and awsvpc network modes.",
        ));
    }
    let (detail, explanation) = match parse_port_range(text) {
        Ok((first, last)) => return Some(Claim::Range(first, last)),
        Err(PortRangeError::Format) => (
            format!("'{text}' is not a port range of the form first-last."),
            "A port range is two port numbers joined by a hyphen, such as \"8000-8099\".",
        ),
        Err(PortRangeError::OutOfRange) => (
            format!("'{text}' has a port outside 1-65535."),
            "Both ends of a port range must be ports from 1 to 65535.",
        ),
        Err(PortRangeError::Order) => (
            format!("In '{text}' the first port must be less than the last port."),
            "A range runs from a lower port to a higher one; a single port belongs in containerPort.",
        ),
    };
    diagnostics.push(Diagnostic::error(
        rpath,
        format!("Invalid 'containerPortRange' setting for container '{name}'. {detail}"),
        explanation,
    ));
    None
}

fn sum_rules(
    containers: &[ContainerDefinition],
    task_cpu: Option<u32>,
    task_memory: Option<u32>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let sum = |f: fn(&ContainerDefinition) -> Option<i32>| -> i64 {
        containers.iter().filter_map(f).map(i64::from).sum()
    };
    if let Some(cpu) = task_cpu {
        if sum(|c| c.cpu) > i64::from(cpu) {
            diagnostics.push(Diagnostic::error(
                "containerDefinitions",
                "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
                "Containers share the task's CPU, so their cpu values together must fit in the task size.",
            ));
        }
    }
    if let Some(memory) = task_memory {
        let memory_i64 = i64::from(memory);
        // What each container reserves from the host: memoryReservation, else memory.
        let reserved = |c: &ContainerDefinition| c.memory_reservation.or(c.memory).map(i64::from);
        if sum(|c| c.memory_reservation) > memory_i64 {
            diagnostics.push(Diagnostic::error(
                "containerDefinitions",
                "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.",
                "Containers share the task's memory, so their soft limits together must fit in the task size.",
            ));
        } else if !containers
            .iter()
            .any(|c| reserved(c).is_some_and(|r| r > memory_i64))
        {
            // [MODEL] The API: "The total amount of memory reserved for all containers within a
            // task must be lower than the task memory value". A container alone over the task is
            // reported below with AWS's own text instead.
            let total: i64 = containers.iter().filter_map(reserved).sum();
            if total > memory_i64 {
                diagnostics.push(Diagnostic::error(
                    "memory",
                    format!("The sum of all container memory reservations ('memoryReservation', else 'memory') is {total} MiB, greater than the task 'memory' of {memory} MiB."),
                    "The API says \"The total amount of memory reserved for all containers within a task must be lower than the task memory value\"; a container reserves its memoryReservation, or its memory when it has none.",
                ));
            }
        }
        for (i, container) in containers.iter().enumerate() {
            if container
                .memory
                .is_some_and(|m| i64::from(m) > i64::from(memory))
            {
                // AWS's own text, as reported in pulumi/pulumi-awsx#188 and #1220.
                diagnostics.push(Diagnostic::error(
                    join(&index("containerDefinitions", i), "memory"),
                    format!(
                        "The 'memory' setting for container '{}' is greater than for the task.",
                        container.display_name()
                    ),
                    "A container's hard memory limit cannot exceed the memory of the whole task.",
                ));
            }
        }
    }
}

/// The API: "Only one container in a task can specify NeuronDevice resources." Each later
/// container that does is reported at its first NeuronDevice requirement.
fn neuron_rules(containers: &[ContainerDefinition], diagnostics: &mut Vec<Diagnostic>) {
    let mut first: Option<&str> = None;
    for (i, container) in containers.iter().enumerate() {
        let Some(j) = container
            .resource_requirements()
            .iter()
            .position(|r| r.type_ == Some(ResourceType::NeuronDevice))
        else {
            continue;
        };
        let name = container.display_name();
        match first {
            None => first = Some(name),
            Some(owner) => diagnostics.push(Diagnostic::error(
                join(&index(&join(&index("containerDefinitions", i), "resourceRequirements"), j), "type"),
                format!("Invalid 'resourceRequirements' setting for container '{name}'. Only one container in a task can specify NeuronDevice resources; container '{owner}' already does."),
                "A NeuronDevice requirement gives its container every Neuron device of the instance, so no other container of the task can have one.",
            )),
        }
    }
}

fn dependency_rules(containers: &[ContainerDefinition], diagnostics: &mut Vec<Diagnostic>) {
    let by_name: BTreeMap<&str, &ContainerDefinition> = containers
        .iter()
        .filter_map(|c| Some((c.name.as_deref()?, c)))
        .collect();
    for (i, container) in containers.iter().enumerate() {
        for (j, dependency) in container.depends_on().iter().enumerate() {
            let path = index(&join(&index("containerDefinitions", i), "dependsOn"), j);
            let Some(target_name) = dependency.container_name.as_deref() else {
                continue;
            };
            let Some(target) = by_name.get(target_name) else {
                diagnostics.push(Diagnostic::error(
                    join(&path, "containerName"),
                    format!("Cannot depend on container + '{target_name}' because it does not exist"),
                    format!("dependsOn names '{target_name}', but no container in this task definition has that name."),
                ));
                continue;
            };
            if target_name == container.display_name() {
                diagnostics.push(Diagnostic::error(
                    join(&path, "containerName"),
                    format!("Container '{target_name}' cannot depend on itself."),
                    "A container cannot wait for its own start.",
                ));
                continue;
            }
            match dependency.condition {
                Some(ContainerCondition::Complete | ContainerCondition::Success)
                    if target.is_essential() =>
                {
                    diagnostics.push(Diagnostic::error(
                        join(&path, "condition"),
                        "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container",
                        format!("'{target_name}' is essential (the default), so it never finishes without stopping the task; mark it \"essential\": false."),
                    ));
                }
                Some(ContainerCondition::Healthy) if target.health_check.is_none() => {
                    diagnostics.push(Diagnostic::error(
                        join(&path, "condition"),
                        format!("Dependency container '{target_name}' with HEALTHY condition must have a health check."),
                        format!("HEALTHY waits for '{target_name}' to pass its health check, but it has none."),
                    ));
                }
                // [MODEL] AWS registers it, but Docker's NONE turns the check off, so the target
                // never reports HEALTHY and this container would never start.
                Some(ContainerCondition::Healthy)
                    if target
                        .health_check
                        .as_ref()
                        .is_some_and(HealthCheck::is_disabled) =>
                {
                    diagnostics.push(Diagnostic::warning(
                        join(&path, "condition"),
                        format!("Dependency container '{target_name}' with HEALTHY condition has its health check turned off (NONE)."),
                        format!("'{target_name}' never reports HEALTHY with the command [\"NONE\"], so '{}' would never start.", container.display_name()),
                    ));
                }
                // [MODEL] Likewise for an empty command: Docker then falls back to the image's own
                // HEALTHCHECK, which the task definition cannot see.
                Some(ContainerCondition::Healthy)
                    if target
                        .health_check
                        .as_ref()
                        .and_then(|h| h.command.as_deref())
                        .is_some_and(<[String]>::is_empty) =>
                {
                    diagnostics.push(Diagnostic::warning(
                        join(&path, "condition"),
                        format!("Dependency container '{target_name}' with HEALTHY condition has an empty health check command."),
                        format!("With the command [] Docker uses the image's own HEALTHCHECK, if it has one; without one '{target_name}' never reports HEALTHY, so '{}' would never start.", container.display_name()),
                    ));
                }
                _ => {}
            }
        }
    }
    dependency_cycles(containers, diagnostics);
}

#[derive(Clone, Copy, PartialEq)]
enum Visit {
    New,
    OnPath,
    Done,
}

/// Reports each dependsOn entry that closes a cycle in a depth-first walk over the containers in
/// definition order. Each names a real cycle, and removing all of them leaves none.
/// Self-dependencies and unknown names are reported elsewhere and are not edges here.
fn dependency_cycles(containers: &[ContainerDefinition], diagnostics: &mut Vec<Diagnostic>) {
    let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, container) in containers.iter().enumerate() {
        if let Some(name) = container.name.as_deref() {
            by_name.entry(name).or_insert(i);
        }
    }
    let edges: Vec<Vec<(usize, usize)>> = containers
        .iter()
        .enumerate()
        .map(|(i, container)| {
            container
                .depends_on()
                .iter()
                .enumerate()
                .filter_map(|(j, d)| {
                    let target = *by_name.get(d.container_name.as_deref()?)?;
                    (target != i).then_some((j, target))
                })
                .collect()
        })
        .collect();

    let mut state = vec![Visit::New; containers.len()];
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    for root in 0..containers.len() {
        if state[root] != Visit::New {
            continue;
        }
        state[root] = Visit::OnPath;
        // An explicit stack of (container, next edge) keeps deep chains from overflowing.
        let mut path: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(top) = path.last_mut() {
            let node = top.0;
            let Some(&(entry, target)) = edges[node].get(top.1) else {
                state[node] = Visit::Done;
                path.pop();
                continue;
            };
            top.1 += 1;
            match state[target] {
                Visit::New => {
                    state[target] = Visit::OnPath;
                    path.push((target, 0));
                }
                Visit::OnPath => {
                    let start = path.iter().position(|(n, _)| *n == target).unwrap_or(0);
                    let names: Vec<&str> = path[start..]
                        .iter()
                        .map(|(n, _)| containers[*n].display_name())
                        .chain([containers[target].display_name()])
                        .collect();
                    found.push((node, entry, names.join(" → ")));
                }
                Visit::Done => {}
            }
        }
    }
    found.sort();
    for (i, j, cycle) in found {
        diagnostics.push(Diagnostic::error(
            join(&index(&join(&index("containerDefinitions", i), "dependsOn"), j), "containerName"),
            format!("dependsOn forms a cycle: {cycle}"),
            "Each container starts only after the containers it depends on, so containers that wait for each other in a circle can never start.",
        ));
    }
}

fn volume_rules(td: &TaskDefinition, diagnostics: &mut Vec<Diagnostic>) {
    // The API: "Each task definition revision may only have one volume configured at launch".
    let mut at_launch: Option<(usize, Option<&str>)> = None;
    for (i, volume) in td.volumes.iter().flatten().enumerate() {
        if volume.extra.get("configuredAtLaunch") != Some(&serde_json::Value::Bool(true)) {
            continue;
        }
        let Some((j, first)) = at_launch else {
            at_launch = Some((i, volume.name.as_deref()));
            continue;
        };
        let first = first.map_or_else(
            || format!("volumes[{j}]"),
            |n| format!("volumes[{j}] ('{n}')"),
        );
        diagnostics.push(Diagnostic::error(
            join(&index("volumes", i), "configuredAtLaunch"),
            format!("Invalid 'volumes' setting. Only one volume in a task definition can be configured at launch; {first} already is."),
            "A volume configured at launch gets its Amazon EBS volume from the volumeConfigurations of CreateService, UpdateService, RunTask or StartTask, and a task definition revision may have only one.",
        ));
    }
    let volumes: BTreeSet<&str> = td
        .volumes
        .iter()
        .flatten()
        .filter_map(|v| v.name.as_deref())
        .collect();
    for (i, container) in td.containers().iter().enumerate() {
        for (j, mount) in container.mount_points().iter().enumerate() {
            if let Some(source) = mount.source_volume.as_deref() {
                if !volumes.contains(source) {
                    diagnostics.push(Diagnostic::error(
                        join(&index(&join(&index("containerDefinitions", i), "mountPoints"), j), "sourceVolume"),
                        format!("Invalid 'mountPoints' setting for container '{}'. sourceVolume '{source}' does not match any volume name.", container.display_name()),
                        format!("mountPoints.sourceVolume must be the name of a volume in `volumes`; there is no volume '{source}'."),
                    ));
                }
            }
        }
    }
}

/// The lowest port of the ephemeral range: the API says "In general, ports below 32768 are outside
/// of the ephemeral port range".
const EPHEMERAL_PORTS_START: i32 = 32768;

fn network_rules(td: &TaskDefinition, mode: NetworkMode, diagnostics: &mut Vec<Diagnostic>) {
    // ECS Anywhere gives a task no network interface of its own, so awsvpc needs EC2 or Fargate.
    if td.requires(Compatibility::External) && mode == NetworkMode::Awsvpc {
        diagnostics.push(Diagnostic::error(
            "networkMode",
            "Tasks using the EXTERNAL launch type do not support network mode 'awsvpc'.",
            "External (ECS Anywhere) instances run tasks with the bridge, host or none network mode.",
        ));
    }
    for (i, container) in td.containers().iter().enumerate() {
        let path = index("containerDefinitions", i);
        if !container.links().is_empty() && mode != NetworkMode::Bridge {
            diagnostics.push(Diagnostic::error(
                join(&path, "links"),
                format!("Links are not supported when networkMode={}.", mode.as_str()),
                "Links connect containers through Docker's bridge network, so they only work with the bridge network mode.",
            ));
        }
        if container.hostname.is_some() && mode == NetworkMode::Awsvpc {
            diagnostics.push(Diagnostic::error(
                join(&path, "hostname"),
                "hostname is not supported on container when networkMode=awsvpc.",
                "With awsvpc the task's ENI determines the hostname, so containers cannot set their own.",
            ));
        }
        if mode == NetworkMode::None && !container.port_mappings().is_empty() {
            diagnostics.push(Diagnostic::error(
                join(&path, "portMappings"),
                "Port mappings are not supported when networkMode=none.",
                "A task without networking has no ports to map.",
            ));
        }
        for (j, mapping) in container.port_mappings().iter().enumerate() {
            let mpath = index(&join(&path, "portMappings"), j);
            if let (Some(host), Some(port)) = (mapping.host_port, mapping.container_port) {
                if host != port && matches!(mode, NetworkMode::Awsvpc | NetworkMode::Host) {
                    diagnostics.push(Diagnostic::error(
                        join(&mpath, "hostPort"),
                        format!("When networkMode={}, the host ports and container ports in port mappings must match.", mode.as_str()),
                        format!("In {} mode the container uses the host's (or ENI's) ports directly, so hostPort must be omitted or equal containerPort.", mode.as_str()),
                    ));
                }
            }
            if mode == NetworkMode::Bridge {
                if let Some(host) = mapping.host_port.filter(|p| *p != 0) {
                    if u16::try_from(host)
                        .is_ok_and(|p| crate::catalog::DEFAULT_RESERVED_PORTS.contains(&p))
                    {
                        diagnostics.push(Diagnostic::warning(
                            join(&mpath, "hostPort"),
                            format!("Host port {host} is reserved by the ECS container instance."),
                            "ECS-optimised instances reserve this port for SSH, Docker or the agent, so no instance can place this task.",
                        ));
                    } else if (EPHEMERAL_PORTS_START..=65535).contains(&host) {
                        // [MODEL] The kernel's ip_local_port_range (32768-61000 on the ECS AMI, reference §6.8)
                        // and Docker's fallback (49153-65535 Linux, 49152-65535 Windows) both lie
                        // at or above 32768.
                        diagnostics.push(Diagnostic::warning(
                            join(&mpath, "hostPort"),
                            format!("Host port {host} is in the ephemeral port range, which is reserved for dynamic host ports."),
                            "The API says \"Do not attempt to specify a host port in the ephemeral port range as these are reserved for automatic assignment. In general, ports below 32768 are outside of the ephemeral port range.\" A dynamic port mapping of another task may already hold this port.",
                        ));
                    }
                }
            }
        }
    }
}

/// Parameters the API documents as not supported for Windows containers (known from
/// runtimePlatform). What the network-mode and Fargate rules already report is skipped.
fn windows_rules(
    td: &TaskDefinition,
    fargate: bool,
    mode: NetworkMode,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let unsupported = |path: &str, message: &str, diagnostics: &mut Vec<Diagnostic>| {
        diagnostics.push(Diagnostic::error(
            path,
            message,
            format!("runtimePlatform names a Windows operating system family, and Windows containers cannot use `{}`.", path.rsplit('.').next().unwrap_or(path)),
        ));
    };
    if td.pid_mode.is_some() && !(fargate && td.pid_mode == Some(PidMode::Host)) {
        unsupported(
            "pidMode",
            "pidMode is not supported for Windows containers.",
            diagnostics,
        );
    }
    if td.ipc_mode.is_some() && !fargate {
        unsupported(
            "ipcMode",
            "ipcMode is not supported for Windows containers.",
            diagnostics,
        );
    }
    for (i, container) in td.containers().iter().enumerate() {
        if !container.links().is_empty() && mode == NetworkMode::Bridge {
            unsupported(
                &join(&index("containerDefinitions", i), "links"),
                "Links are not supported for Windows containers.",
                diagnostics,
            );
        }
    }
}

/// The task definition quotas of reference §10 not checked elsewhere.
fn quota_rules(td: &TaskDefinition, diagnostics: &mut Vec<Diagnostic>) {
    let tags = td
        .extra
        .get("tags")
        .and_then(serde_json::Value::as_array)
        .map_or(0, Vec::len);
    if tags > 50 {
        diagnostics.push(Diagnostic::error(
            "tags",
            format!("Too many tags: {tags}. A task definition can have at most 50 tags."),
            "ECS allows at most 50 tags per resource.",
        ));
    }
    // Measured on the compact JSON of the definition as read (nulls dropped).
    let size = serde_json::to_string(td).map_or(0, |text| text.len());
    if size > 64 * 1024 {
        diagnostics.push(Diagnostic::error(
            "",
            format!(
                "The task definition is {size} bytes; the maximum size is 64 KiB (65536 bytes)."
            ),
            "A registered task definition is at most 64 KiB of JSON.",
        ));
    }
}

fn fargate_rules(
    td: &TaskDefinition,
    task_cpu: Option<u32>,
    task_memory: Option<u32>,
    mode: NetworkMode,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if td.cpu.is_none() {
        diagnostics.push(Diagnostic::error(
            "",
            "Fargate requires that 'cpu' be defined at the task level.",
            "Fargate sizes the task from its task-level cpu and memory, so both are required.",
        ));
    }
    if td.memory.is_none() {
        diagnostics.push(Diagnostic::error(
            "",
            "Fargate requires that 'memory' be defined at the task level.",
            "Fargate sizes the task from its task-level cpu and memory, so both are required.",
        ));
    }
    if let (Some(cpu), Some(memory)) = (task_cpu, task_memory) {
        if !is_valid_fargate_size(cpu, memory, td.os_family()) {
            let options = fargate_memory_options(cpu);
            let hint = if options.is_empty() {
                "Fargate cpu sizes are 256, 512, 1024, 2048, 4096, 8192 and 16384 units".to_owned()
            } else if td.os_family().is_windows() && !(1024..=4096).contains(&cpu) {
                "Windows on Fargate needs 1 to 4 vCPU".to_owned()
            } else {
                format!(
                    "with {cpu} CPU units Fargate offers {} MiB",
                    join_numbers(&options)
                )
            };
            diagnostics.push(Diagnostic::error(
                "memory",
                format!("No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. See the Amazon ECS documentation for the valid values."),
                format!("Fargate only runs fixed cpu/memory pairs; {hint}."),
            ));
        }
    }
    if mode != NetworkMode::Awsvpc {
        diagnostics.push(Diagnostic::error(
            "networkMode",
            "Fargate only supports network mode \u{2018}awsvpc\u{2019}.",
            "Every Fargate task gets its own network interface, so networkMode must be \"awsvpc\".",
        ));
    }
    if td.ipc_mode.is_some() {
        fargate_unsupported("ipcMode", "ipcMode", diagnostics);
    }
    if td.pid_mode == Some(PidMode::Host) {
        fargate_unsupported("pidMode", "pidMode 'host'", diagnostics);
    }
    if td
        .placement_constraints
        .as_deref()
        .is_some_and(|c| !c.is_empty())
    {
        fargate_unsupported("placementConstraints", "placementConstraints", diagnostics);
    }
    for (i, volume) in td.volumes.iter().flatten().enumerate() {
        if volume.extra.contains_key("dockerVolumeConfiguration") {
            fargate_unsupported(
                &join(&index("volumes", i), "dockerVolumeConfiguration"),
                "dockerVolumeConfiguration",
                diagnostics,
            );
        }
    }
    let has_execution_role = td
        .execution_role_arn
        .as_deref()
        .is_some_and(|r| !r.is_empty());
    for (i, container) in td.containers().iter().enumerate() {
        let path = index("containerDefinitions", i);
        if !container.links().is_empty() && mode == NetworkMode::Awsvpc {
            // Already reported by the network-mode rule.
        } else if !container.links().is_empty() {
            fargate_unsupported(&join(&path, "links"), "links", diagnostics);
        }
        if container.privileged == Some(true) {
            fargate_unsupported(&join(&path, "privileged"), "privileged", diagnostics);
        }
        for key in [
            "disableNetworking",
            "dnsSearchDomains",
            "dnsServers",
            "dockerSecurityOptions",
            "extraHosts",
        ] {
            if container.extra.get(key).is_some_and(|v| !v.is_null()) {
                fargate_unsupported(&join(&path, key), key, diagnostics);
            }
        }
        if let Some(linux) = container.extra.get("linuxParameters") {
            for key in ["maxSwap", "swappiness"] {
                if linux.get(key).is_some_and(|v| !v.is_null()) {
                    fargate_unsupported(
                        &join(&path, &format!("linuxParameters.{key}")),
                        key,
                        diagnostics,
                    );
                }
            }
        }
        // Any GPU requirement counts, including ALL, which gpu_count() cannot number.
        if container
            .resource_requirements()
            .iter()
            .any(|r| r.type_ == Some(ResourceType::Gpu))
        {
            fargate_unsupported(
                &join(&path, "resourceRequirements"),
                "GPU resource requirements",
                diagnostics,
            );
        }
        for (field, value) in [
            ("startTimeout", container.start_timeout),
            ("stopTimeout", container.stop_timeout),
        ] {
            if value.is_some_and(|v| !(2..=120).contains(&v)) {
                diagnostics.push(Diagnostic::error(
                    join(&path, field),
                    format!(
                        "Invalid '{field}' setting for container '{}'.",
                        container.display_name()
                    ),
                    format!("On Fargate, {field} must be between 2 and 120 seconds."),
                ));
            }
        }
        if let Some(log) = &container.log_configuration {
            if log.log_driver == Some(LogDriver::Awslogs) && !has_execution_role {
                diagnostics.push(Diagnostic::error(
                    join(&path, "logConfiguration"),
                    "Fargate requires task definition to have execution role ARN to support log driver awslogs.",
                    "On Fargate the agent sends logs with the task execution role, so executionRoleArn is required for awslogs.",
                ));
            }
        }
    }
}

fn join_numbers(numbers: &[u32]) -> String {
    numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
