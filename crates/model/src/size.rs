//! Task size strings (`"1 vCPU"`, `"2 GB"`) and the Fargate size table.

use std::fmt;

use crate::enums::OsFamily;

/// Why a task size string could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskSizeError {
    Empty,
    /// Not a number of units/MiB nor a `vCPU`/`GB` string.
    Malformed(String),
    /// A unit string whose value is not a whole number of CPU units or MiB.
    NotWhole(String),
    TooLarge(String),
}

impl fmt::Display for TaskSizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TaskSizeError::Empty => f.write_str("the value is empty"),
            TaskSizeError::Malformed(s) => write!(f, "\"{s}\" is not a number or a unit string"),
            TaskSizeError::NotWhole(s) => write!(f, "\"{s}\" is not a whole number of units"),
            TaskSizeError::TooLarge(s) => write!(f, "\"{s}\" is too large"),
        }
    }
}

impl std::error::Error for TaskSizeError {}

/// Reads task-level `cpu` as AWS does: CPU units (`"1024"`) or vCPU (`"1 vCPU"`, `"1 vcpu"`,
/// `"1vcpu"`), converted ×1024. Fractional vCPU strings (`"0.25 vCPU"`, `".25 vcpu"`) are
/// accepted when they give whole units ([MODEL]).
pub fn parse_task_cpu(text: &str) -> Result<u32, TaskSizeError> {
    parse_size(text, "vcpu")
}

/// Reads task-level `memory` as AWS does: MiB (`"2048"`) or GB (`"2 GB"`, `"2GB"`, `"2 gb"`),
/// converted ×1024; fractional GB (`".5 GB"`) when it gives whole MiB ([MODEL]).
pub fn parse_task_memory(text: &str) -> Result<u32, TaskSizeError> {
    parse_size(text, "gb")
}

fn parse_size(text: &str, unit: &str) -> Result<u32, TaskSizeError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(TaskSizeError::Empty);
    }
    let lower = trimmed.to_ascii_lowercase();
    let (number, scaled) = match lower.strip_suffix(unit) {
        Some(rest) => (rest.trim_end(), true),
        None => (lower.as_str(), false),
    };
    let malformed = || TaskSizeError::Malformed(trimmed.to_owned());
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() {
        return Err(malformed());
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed());
    }
    if !scaled && number.contains('.') {
        return Err(TaskSizeError::NotWhole(trimmed.to_owned()));
    }
    let too_large = || TaskSizeError::TooLarge(trimmed.to_owned());
    if whole.len() > 12 || fraction.len() > 12 {
        return Err(too_large());
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| malformed())?
    };
    let factor = if scaled { 1024 } else { 1 };
    let mut total = whole * factor;
    if !fraction.is_empty() {
        let digits: u64 = fraction.parse().map_err(|_| malformed())?;
        let denominator = 10u64.pow(u32::try_from(fraction.len()).unwrap_or(12));
        let numerator = digits * factor;
        if !numerator.is_multiple_of(denominator) {
            return Err(TaskSizeError::NotWhole(trimmed.to_owned()));
        }
        total += numerator / denominator;
    }
    u32::try_from(total).map_err(|_| too_large())
}

/// The memory sizes (MiB) Fargate offers for a task cpu (units); empty when the cpu is not a
/// Fargate size.
pub fn fargate_memory_options(cpu: u32) -> Vec<u32> {
    let (from, to, step) = match cpu {
        256 => return vec![512, 1024, 2048],
        512 => (1024, 4096, 1024),
        1024 => (2048, 8192, 1024),
        2048 => (4096, 16384, 1024),
        4096 => (8192, 30720, 1024),
        8192 => (16384, 61440, 4096),
        16384 => (32768, 122880, 8192),
        _ => return Vec::new(),
    };
    (from..=to).step_by(step).collect()
}

/// Whether Fargate runs a task of this size on this OS: the cpu/memory table, Windows needs at
/// least 1 vCPU, and 8 and 16 vCPU are Linux only.
pub fn is_valid_fargate_size(cpu: u32, memory: u32, os: OsFamily) -> bool {
    if os.is_windows() && !(1024..=4096).contains(&cpu) {
        return false;
    }
    fargate_memory_options(cpu).contains(&memory)
}
