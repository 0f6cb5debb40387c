//! What a placement asks for: the task's demand, its placement strategies and constraints.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::cql::{self, Expression, QueryError};
use crate::model::AVAILABILITY_ZONE_ATTRIBUTE;

/// At most this many placement strategies per request. [API]
pub const MAX_STRATEGIES: usize = 5;
/// At most this many constraints, task-definition and request ones together. [API]
pub const MAX_CONSTRAINTS: usize = 10;
/// A memberOf expression may be at most this long. [API]
pub const MAX_EXPRESSION_LENGTH: usize = 2000;
/// RunTask starts at most this many tasks per call. [DOC]
pub const MAX_RUN_TASK_COUNT: u32 = 10;
/// [MODEL] A service places at most its task quota (5,000) in one request.
pub const MAX_SERVICE_COUNT: u32 = 5000;

/// The demand vector of one task (§1.2) plus what it needs from the instance.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TaskRequirements {
    /// CPU units.
    pub cpu: u32,
    /// MiB.
    pub memory: u32,
    pub gpu: u32,
    /// A container asks for `ALL` GPUs: at least one (or `gpu`) must be free, and every free GPU
    /// of the instance is reserved.
    pub all_gpus: bool,
    /// Static host ports (bridge `hostPort` ≠ 0, or host-mode container ports).
    pub tcp_host_ports: Vec<u16>,
    pub udp_host_ports: Vec<u16>,
    /// Dynamically assigned host ports; they never block placement and are not counted. [DOC]
    pub dynamic_port_count: u32,
    /// `networkMode == awsvpc`: needs an ENI slot, `ecs.capability.task-eni` and a subnet AZ.
    pub uses_eni: bool,
    /// `runtimePlatform.operatingSystemFamily`, e.g. `LINUX` or `WINDOWS_SERVER_2022_FULL`.
    pub os_family: Option<String>,
    /// `runtimePlatform.cpuArchitecture`: `X86_64` or `ARM64`.
    pub cpu_architecture: Option<String>,
    /// Attribute names the instance must carry (capabilities such as
    /// `com.amazonaws.ecs.capability.docker-remote-api.1.17`).
    pub required_attributes: Vec<String>,
    /// For awsvpc tasks: the Availability Zones of the task's subnets.
    pub subnet_availability_zones: Option<Vec<String>>,
}

impl TaskRequirements {
    /// The GPUs that must be free on an instance for the task to fit there.
    pub fn gpus_needed(&self) -> u32 {
        if self.all_gpus {
            self.gpu.max(1)
        } else {
            self.gpu
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinpackField {
    Cpu,
    Memory,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SpreadField {
    /// `instanceId` (alias `host`).
    InstanceId,
    /// `attribute:<name>`.
    Attribute(String),
}

/// One placement strategy. Serializes in the API's shape `{"type": "spread", "field": "..."}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ApiPlacementStrategy", into = "ApiPlacementStrategy")]
pub enum PlacementStrategy {
    Binpack(BinpackField),
    Spread(SpreadField),
    Random,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ApiPlacementStrategy {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl TryFrom<ApiPlacementStrategy> for PlacementStrategy {
    type Error = String;
    fn try_from(api: ApiPlacementStrategy) -> Result<Self, String> {
        PlacementStrategy::from_api(&api.kind, api.field.as_deref())
    }
}

impl From<PlacementStrategy> for ApiPlacementStrategy {
    fn from(strategy: PlacementStrategy) -> Self {
        ApiPlacementStrategy {
            kind: strategy.api_type().to_string(),
            field: strategy.api_field(),
        }
    }
}

impl PlacementStrategy {
    /// `spread` on `attribute:ecs.availability-zone`.
    pub fn spread_availability_zone() -> Self {
        PlacementStrategy::Spread(SpreadField::Attribute(
            AVAILABILITY_ZONE_ATTRIBUTE.to_string(),
        ))
    }

    /// Parses the API form. `host` is an alias of `instanceId`; [MODEL] binpack fields are
    /// accepted in any case, as the console offers `CPU`/`MEMORY`.
    pub fn from_api(kind: &str, field: Option<&str>) -> Result<Self, String> {
        match kind {
            "random" => Ok(PlacementStrategy::Random),
            "binpack" => match field.map(str::to_ascii_lowercase).as_deref() {
                Some("cpu") => Ok(PlacementStrategy::Binpack(BinpackField::Cpu)),
                Some("memory") => Ok(PlacementStrategy::Binpack(BinpackField::Memory)),
                _ => Err(format!(
                    "Invalid field {} for binpack placement strategy; expected cpu or memory.",
                    quoted(field)
                )),
            },
            "spread" => match field {
                Some("instanceId" | "host") => Ok(PlacementStrategy::Spread(SpreadField::InstanceId)),
                Some(f) => match f.strip_prefix("attribute:") {
                    Some(name) if !name.is_empty() => Ok(PlacementStrategy::Spread(
                        SpreadField::Attribute(name.to_string()),
                    )),
                    _ => Err(format!(
                        "Invalid field {} for spread placement strategy; expected instanceId, host or attribute:<name>.",
                        quoted(field)
                    )),
                },
                None => Err(
                    "The spread placement strategy needs a field: instanceId, host or attribute:<name>."
                        .to_string(),
                ),
            },
            other => Err(format!(
                "Invalid placement strategy type '{other}'; expected binpack, spread or random."
            )),
        }
    }

    pub fn api_type(&self) -> &'static str {
        match self {
            PlacementStrategy::Binpack(_) => "binpack",
            PlacementStrategy::Spread(_) => "spread",
            PlacementStrategy::Random => "random",
        }
    }

    pub fn api_field(&self) -> Option<String> {
        match self {
            PlacementStrategy::Binpack(BinpackField::Cpu) => Some("cpu".to_string()),
            PlacementStrategy::Binpack(BinpackField::Memory) => Some("memory".to_string()),
            PlacementStrategy::Spread(SpreadField::InstanceId) => Some("instanceId".to_string()),
            PlacementStrategy::Spread(SpreadField::Attribute(name)) => {
                Some(format!("attribute:{name}"))
            }
            PlacementStrategy::Random => None,
        }
    }
}

impl fmt::Display for PlacementStrategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.api_field() {
            Some(field) => write!(f, "{}({field})", self.api_type()),
            None => f.write_str(self.api_type()),
        }
    }
}

fn quoted(field: Option<&str>) -> String {
    field.map_or_else(|| "(none)".to_string(), |f| format!("'{f}'"))
}

/// A parsed `memberOf` expression with its source text.
#[derive(Clone)]
pub struct MemberOf {
    pub source: String,
    pub expression: Arc<Expression>,
}

impl fmt::Debug for MemberOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "memberOf({})", self.source)
    }
}

impl PartialEq for MemberOf {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

/// One placement constraint. Serializes in the API's shape `{"type": ..., "expression": ...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ApiPlacementConstraint", into = "ApiPlacementConstraint")]
pub enum PlacementConstraint {
    DistinctInstance,
    MemberOf(MemberOf),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ApiPlacementConstraint {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
}

/// Why a constraint object was rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConstraintError {
    /// The memberOf expression does not parse.
    Query(QueryError),
    /// The object itself is malformed.
    Invalid(String),
}

impl fmt::Display for ConstraintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConstraintError::Query(error) => write!(f, "Invalid memberOf expression {error}"),
            ConstraintError::Invalid(message) => f.write_str(message),
        }
    }
}

impl TryFrom<ApiPlacementConstraint> for PlacementConstraint {
    type Error = ConstraintError;
    fn try_from(api: ApiPlacementConstraint) -> Result<Self, ConstraintError> {
        PlacementConstraint::from_api(&api.kind, api.expression.as_deref())
    }
}

impl From<PlacementConstraint> for ApiPlacementConstraint {
    fn from(constraint: PlacementConstraint) -> Self {
        match constraint {
            PlacementConstraint::DistinctInstance => ApiPlacementConstraint {
                kind: "distinctInstance".to_string(),
                expression: None,
            },
            PlacementConstraint::MemberOf(member_of) => ApiPlacementConstraint {
                kind: "memberOf".to_string(),
                expression: Some(member_of.source),
            },
        }
    }
}

impl PlacementConstraint {
    /// Parses the API form; a bad expression returns the query language's error.
    pub fn from_api(kind: &str, expression: Option<&str>) -> Result<Self, ConstraintError> {
        match (kind, expression) {
            ("distinctInstance", None) => Ok(PlacementConstraint::DistinctInstance),
            ("distinctInstance", Some(_)) => Err(ConstraintError::Invalid(
                "The distinctInstance placement constraint does not take an expression."
                    .to_string(),
            )),
            ("memberOf", Some(source)) => PlacementConstraint::member_of(source),
            ("memberOf", None) => Err(ConstraintError::Invalid(
                "The memberOf placement constraint needs an expression.".to_string(),
            )),
            (other, _) => Err(ConstraintError::Invalid(format!(
                "Invalid placement constraint type '{other}'; expected distinctInstance or memberOf."
            ))),
        }
    }

    pub fn member_of(source: &str) -> Result<Self, ConstraintError> {
        if source.chars().count() > MAX_EXPRESSION_LENGTH {
            return Err(ConstraintError::Invalid(format!(
                "The memberOf expression is longer than {MAX_EXPRESSION_LENGTH} characters."
            )));
        }
        let expression = cql::parse(source).map_err(ConstraintError::Query)?;
        Ok(PlacementConstraint::MemberOf(MemberOf {
            source: source.to_string(),
            expression: Arc::new(expression),
        }))
    }
}

impl fmt::Display for PlacementConstraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlacementConstraint::DistinctInstance => f.write_str("distinctInstance"),
            PlacementConstraint::MemberOf(m) => write!(f, "memberOf({})", m.source),
        }
    }
}

/// Who asks for the placement; it decides the defaults and the failure wording.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum RequestKind {
    Service { name: String },
    RunTask,
}

/// Place `count` tasks of one task group, all with the same requirements.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlacementRequest {
    /// The task group: `service:<name>`, the RunTask `group`, or `family:<family>`.
    pub group: String,
    pub count: u32,
    pub requirements: TaskRequirements,
    /// Task-definition and request constraints together (see [`combine_constraints`]).
    #[serde(default)]
    pub constraints: Vec<PlacementConstraint>,
    /// Empty means the defaults of [`default_strategies`].
    #[serde(default)]
    pub strategies: Vec<PlacementStrategy>,
    pub kind: RequestKind,
}

/// A request the API would reject before placing anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestError {
    pub message: String,
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn request_error(message: String) -> RequestError {
    RequestError { message }
}

/// Joins task-definition constraints and request constraints, checking the limits of §4.1:
/// `distinctInstance` is not allowed in a task definition and there are at most 10 in all.
pub fn combine_constraints(
    task_definition: &[PlacementConstraint],
    request: &[PlacementConstraint],
) -> Result<Vec<PlacementConstraint>, RequestError> {
    if task_definition.contains(&PlacementConstraint::DistinctInstance) {
        return Err(request_error(
            "The distinctInstance placement constraint is not allowed in a task definition."
                .to_string(),
        ));
    }
    let combined: Vec<PlacementConstraint> =
        task_definition.iter().chain(request).cloned().collect();
    check_constraint_count(combined.len())?;
    Ok(combined)
}

fn check_constraint_count(count: usize) -> Result<(), RequestError> {
    if count > MAX_CONSTRAINTS {
        return Err(request_error(format!(
            "Too many placement constraints: {count} given (task definition and request together), at most {MAX_CONSTRAINTS} allowed."
        )));
    }
    Ok(())
}

/// The strategies used when a request gives none (§2.3): a service spreads over Availability
/// Zones and then over instances (fewest tasks of the service); RunTask places at random.
pub fn default_strategies(kind: &RequestKind) -> Vec<PlacementStrategy> {
    match kind {
        RequestKind::Service { .. } => vec![
            PlacementStrategy::spread_availability_zone(),
            PlacementStrategy::Spread(SpreadField::InstanceId),
        ],
        RequestKind::RunTask => vec![PlacementStrategy::Random],
    }
}

impl PlacementRequest {
    /// Checks the API limits; every problem found is reported, not just the first.
    pub fn validate(&self) -> Result<(), RequestError> {
        let mut problems = Vec::new();
        if self.strategies.len() > MAX_STRATEGIES {
            problems.push(format!(
                "Too many placement strategies: {} given, at most {MAX_STRATEGIES} allowed.",
                self.strategies.len()
            ));
        }
        if let Err(error) = check_constraint_count(self.constraints.len()) {
            problems.push(error.message);
        }
        let limit = match self.kind {
            RequestKind::RunTask => MAX_RUN_TASK_COUNT,
            RequestKind::Service { .. } => MAX_SERVICE_COUNT,
        };
        if self.count > limit {
            problems.push(format!(
                "count {} is more than the {limit} tasks one request may place.",
                self.count
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(request_error(problems.join(" ")))
        }
    }

    /// The strategies in force: the request's own, or the defaults for its kind.
    pub fn effective_strategies(&self) -> Vec<PlacementStrategy> {
        if self.strategies.is_empty() {
            default_strategies(&self.kind)
        } else {
            self.strategies.clone()
        }
    }
}
