//! Finding where a JSON path sits in the source text, so an editor can mark the line.
//!
//! This is a small scanner, not a parser: it walks only the members named by the path and skips
//! everything else by bracket counting, so deeply nested input cannot exhaust the stack.

/// One step of a diagnostic path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    Index(usize),
}

fn parse_path(path: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    let mut key = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                if !key.is_empty() {
                    segments.push(Segment::Key(std::mem::take(&mut key)));
                }
            }
            '[' => {
                if !key.is_empty() {
                    segments.push(Segment::Key(std::mem::take(&mut key)));
                }
                let mut digits = String::new();
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                    digits.push(d);
                }
                if let Ok(i) = digits.parse() {
                    segments.push(Segment::Index(i));
                }
            }
            _ => key.push(c),
        }
    }
    if !key.is_empty() {
        segments.push(Segment::Key(key));
    }
    segments
}

struct Scanner<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn skip_ws(&mut self) {
        while let Some(b) = self.bytes.get(self.pos) {
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Reads a string starting at `"`, returning its (unescaped enough for member names) text.
    fn string(&mut self) -> Option<String> {
        if self.peek()? != b'"' {
            return None;
        }
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let e = *self.bytes.get(self.pos)?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'u' => {
                            let hex = self.bytes.get(self.pos..self.pos + 4)?;
                            self.pos += 4;
                            let code =
                                u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                            let c = char::from_u32(code).unwrap_or('\u{fffd}');
                            let mut buf = [0; 4];
                            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                        }
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
        Some(String::from_utf8_lossy(&out).into_owned())
    }

    /// Skips one value of any kind.
    fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b'"' => {
                self.string()?;
            }
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.checked_sub(1)?;
                            if depth == 0 {
                                self.pos += 1;
                                return Some(());
                            }
                        }
                        _ => {}
                    }
                    self.pos += 1;
                }
            }
            _ => {
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace() {
                        break;
                    }
                    self.pos += 1;
                }
            }
        }
        Some(())
    }

    /// Moves to the member `key` of the object at the cursor; returns the offset of its key.
    fn member(&mut self, key: &str) -> Option<usize> {
        self.skip_ws();
        if self.peek()? != b'{' {
            return None;
        }
        self.pos += 1;
        loop {
            self.skip_ws();
            match self.peek()? {
                b'}' => return None,
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let start = self.pos;
            let name = self.string()?;
            self.skip_ws();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            if name == key {
                self.skip_ws();
                return Some(start);
            }
            self.skip_value()?;
        }
    }

    /// Moves to element `i` of the array at the cursor; returns its offset.
    fn element(&mut self, i: usize) -> Option<usize> {
        self.skip_ws();
        if self.peek()? != b'[' {
            return None;
        }
        self.pos += 1;
        let mut n = 0;
        loop {
            self.skip_ws();
            match self.peek()? {
                b']' => return None,
                b',' => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            if n == i {
                return Some(self.pos);
            }
            self.skip_value()?;
            n += 1;
        }
    }
}

/// Byte offset of the deepest part of `path` present in `text`, and whether all of it was found.
fn offset_of(text: &str, path: &str) -> (usize, bool) {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
    };
    scanner.skip_ws();
    let mut found = scanner.pos;
    for segment in parse_path(path) {
        let next = match &segment {
            Segment::Key(k) => scanner.member(k),
            Segment::Index(i) => scanner.element(*i),
        };
        match next {
            Some(offset) => found = offset,
            None => return (found, false),
        }
    }
    (found, true)
}

fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (saturate(line), saturate(column))
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The 1-based line and column where `path` (e.g. `containerDefinitions[0].name`) starts in
/// `text`: the member's key for object members, the element itself for list items. `None` when
/// the path is not in the text.
pub fn locate(text: &str, path: &str) -> Option<(u32, u32)> {
    let (offset, complete) = offset_of(text, path);
    complete.then(|| line_column(text, offset))
}

/// Like [`locate`], but falls back to the nearest enclosing member that exists, so a diagnostic
/// about a missing field points at its parent.
pub(crate) fn locate_nearest(text: &str, path: &str) -> (u32, u32) {
    let (offset, _) = offset_of(text, path);
    line_column(text, offset)
}

/// Fills `line` and `column` of each diagnostic from the source text.
pub(crate) fn fill_positions(text: &str, diagnostics: &mut [crate::Diagnostic]) {
    for d in diagnostics {
        if d.line.is_none() {
            let (line, column) = locate_nearest(text, &d.path);
            d.line = Some(line);
            d.column = Some(column);
        }
    }
}
