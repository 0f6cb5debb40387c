//! Scenarios in a URL fragment, so a link carries a whole playground session without a server.
//!
//! A fragment is a list of `key=value` pairs joined by `&`:
//!
//! ```text
//! s=1.<base64url(zlib(deflate(compact scenario JSON)))>&step=3&task=task-4&panel=explain
//! ```
//!
//! `s` holds a format version, a dot and the payload. Version 1 is the only one written today; a
//! later format gets a new number and version 1 keeps its decoder forever, because links live in
//! slides, chat logs and bookmarks. The view (`step`, `task`, `panel`) sits beside it as plain
//! parameters so that people can read and edit it by hand; keys this build does not know (such as
//! `embed`) are ignored, which lets later versions add keys without breaking older readers.
//!
//! Decoding is bounded: a payload may inflate to at most [`MAX_SCENARIO_BYTES`]; anything else that
//! is wrong yields a [`ShareError`] and no scenario at all.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use miniz_oxide::inflate::TINFLStatus;
use serde_json::Value;

use crate::{MAX_SCENARIO_BYTES, Scenario};

/// The share format this build writes.
pub const SHARE_VERSION: u32 = 1;

/// The most characters of fragment [`decode_share`] looks at; a longer one is refused before any
/// work, since no real scenario needs it (the limit leaves room for highly incompressible text).
pub const MAX_FRAGMENT_CHARS: usize = 2 << 20;

/// What the reader was looking at when the link was made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShareView {
    /// The selected timeline step.
    pub step: Option<u32>,
    /// The selected task's id (`task-4`).
    pub task: Option<String>,
    /// The open side panel (`explain`, `events`, …); the web app decides the names.
    pub panel: Option<String>,
}

/// Why a link could not be opened. Nothing is loaded when there is an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment has no `s=` parameter.
    NoScenario,
    /// `s=` does not start with a version number and a dot.
    MissingVersion,
    /// A version this build cannot read (made by a newer playground, or mistyped).
    UnknownVersion(String),
    /// The fragment is far longer than any scenario link.
    TooLong(usize),
    /// The payload is not base64url; the position is the first bad character.
    BadBase64(String),
    /// The payload ended early (the link was cut off when it was copied).
    Truncated,
    /// The payload is not a compressed scenario, or its checksum does not match.
    Corrupted,
    /// The payload would inflate beyond [`MAX_SCENARIO_BYTES`].
    TooLarge,
    /// The inflated payload is not UTF-8 text.
    NotText,
    /// The text is not a scenario document; the message says why.
    NotAScenario(String),
    /// A view parameter has a value that cannot be right.
    BadView(String),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NoScenario => f.write_str(
                "This link holds no scenario: its fragment has no `s=` part.",
            ),
            ShareError::MissingVersion => f.write_str(
                "This link is damaged: the scenario part should start with a version number and a dot, like `s=1.`.",
            ),
            ShareError::UnknownVersion(v) => write!(
                f,
                "This link uses share format version {v}, which this playground cannot read (it reads version {SHARE_VERSION}). Open it in the latest playground."
            ),
            ShareError::TooLong(n) => write!(
                f,
                "This link is too long to be a scenario link ({n} characters; the limit is {MAX_FRAGMENT_CHARS})."
            ),
            ShareError::BadBase64(detail) => write!(
                f,
                "This link is damaged: the scenario part is not valid base64url ({detail}). It may have been changed when it was copied."
            ),
            ShareError::Truncated => f.write_str(
                "This link is incomplete: the scenario data ends early. It was probably cut off when it was copied; copy the whole link again.",
            ),
            ShareError::Corrupted => f.write_str(
                "This link is damaged: the scenario data does not decompress (or its checksum does not match). It may have been changed when it was copied.",
            ),
            ShareError::TooLarge => write!(
                f,
                "This link's scenario would be larger than {} MiB once decompressed, so it is not opened.",
                MAX_SCENARIO_BYTES >> 20
            ),
            ShareError::NotText => f.write_str(
                "This link is damaged: the scenario data is not text.",
            ),
            ShareError::NotAScenario(why) => write!(f, "This link does not hold a scenario: {why}"),
            ShareError::BadView(why) => write!(f, "This link's view part is damaged: {why}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// Builds the URL fragment (without `#`) for a scenario text and a view.
///
/// Valid JSON is stored compactly, which changes whitespace but nothing else (member order is
/// kept); text that is not JSON is stored as it is, and [`decode_share`] will refuse it, so the
/// caller should only offer sharing for a parseable scenario.
pub fn encode_share(scenario_json: &str, view: &ShareView) -> String {
    let compact = serde_json::from_str::<Value>(scenario_json)
        .ok()
        .map(|v| v.to_string());
    let bytes = compact.as_deref().unwrap_or(scenario_json).as_bytes();
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(bytes, 9);
    let mut out = format!("s={SHARE_VERSION}.{}", URL_SAFE_NO_PAD.encode(compressed));
    if let Some(step) = view.step {
        out.push_str(&format!("&step={step}"));
    }
    if let Some(task) = &view.task {
        out.push_str("&task=");
        percent_encode(task, &mut out);
    }
    if let Some(panel) = &view.panel {
        out.push_str("&panel=");
        percent_encode(panel, &mut out);
    }
    out
}

/// Reads a fragment made by [`encode_share`] (with or without the leading `#`) back into the
/// scenario text, pretty-printed, and the view.
pub fn decode_share(fragment: &str) -> Result<(String, ShareView), ShareError> {
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLong(fragment.len()));
    }
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut scenario = None;
    let mut view = ShareView::default();
    for pair in fragment.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            // The first `s` wins, so a hand-appended second one cannot replace it.
            "s" if scenario.is_none() => scenario = Some(value),
            "step" => {
                view.step = Some(value.parse().map_err(|_| {
                    ShareError::BadView(format!(
                        "step must be a whole number, not '{}'.",
                        shorten(value)
                    ))
                })?)
            }
            "task" => view.task = Some(percent_decode(value, "task")?),
            "panel" => view.panel = Some(percent_decode(value, "panel")?),
            _ => {}
        }
    }
    let s = scenario.ok_or(ShareError::NoScenario)?;
    let (version, payload) = s.split_once('.').ok_or(ShareError::MissingVersion)?;
    let text = match version {
        "1" => decode_v1(payload)?,
        "" => return Err(ShareError::MissingVersion),
        other => return Err(ShareError::UnknownVersion(shorten(other))),
    };
    Ok((text, view))
}

/// Version 1: base64url without padding of a zlib stream of the scenario JSON.
fn decode_v1(payload: &str) -> Result<String, ShareError> {
    let compressed = URL_SAFE_NO_PAD.decode(payload).map_err(|e| match e {
        // No base64 text has such a length, so the most likely cause is a link cut off early.
        base64::DecodeError::InvalidLength(_) => ShareError::Truncated,
        other => ShareError::BadBase64(base64_problem(&other)),
    })?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&compressed, MAX_SCENARIO_BYTES)
            .map_err(|e| match e.status {
                TINFLStatus::HasMoreOutput => ShareError::TooLarge,
                TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                    ShareError::Truncated
                }
                _ => ShareError::Corrupted,
            })?;
    let text = String::from_utf8(bytes).map_err(|_| ShareError::NotText)?;
    scenario_text(&text)
}

/// Accepts the text only when it is a scenario, and returns it pretty-printed for the editor.
fn scenario_text(text: &str) -> Result<String, ShareError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| ShareError::NotAScenario(format!("it is not valid JSON ({e}).")))?;
    let (scenario, diagnostics) = Scenario::from_value(value.clone());
    if scenario.is_none() {
        let why = diagnostics.first().map_or_else(
            || "it is not a scenario document.".to_owned(),
            |d| d.message.clone(),
        );
        return Err(ShareError::NotAScenario(why));
    }
    Ok(serde_json::to_string_pretty(&value).unwrap_or_default())
}

fn base64_problem(error: &base64::DecodeError) -> String {
    match error {
        base64::DecodeError::InvalidByte(at, byte) => {
            format!(
                "character {} is '{}'",
                at + 1,
                char::from(*byte).escape_default()
            )
        }
        base64::DecodeError::InvalidLength(_) => "its length is impossible".to_owned(),
        base64::DecodeError::InvalidLastSymbol { offset, .. } => {
            format!("the last character, at {}, is impossible", offset + 1)
        }
        base64::DecodeError::InvalidPadding => "it has padding".to_owned(),
    }
}

/// Keeps RFC 3986 unreserved characters and escapes the rest, so a view value never breaks the
/// fragment's `&`/`=` structure.
fn percent_encode(value: &str, out: &mut String) {
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
}

fn percent_decode(value: &str, key: &str) -> Result<String, ShareError> {
    let bad = || {
        ShareError::BadView(format!(
            "the {key} value '{}' is not properly escaped.",
            shorten(value)
        ))
    };
    let mut bytes = Vec::with_capacity(value.len());
    let mut rest = value.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = tail.get(..2).ok_or_else(bad)?;
            let hex = std::str::from_utf8(hex).map_err(|_| bad())?;
            bytes.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).map_err(|_| bad())
}

/// At most 20 characters of a user-supplied value, for messages.
fn shorten(value: &str) -> String {
    let mut short: String = value.chars().take(20).collect();
    if short.len() < value.len() {
        short.push('…');
    }
    short
}
