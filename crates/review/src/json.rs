//! A strict JSON reader and a pretty writer for returns, so that the browser form carries no
//! general-purpose JSON library (the commit that replaced serde_json took the form's wasm from
//! 221.1 to 195.8 KB gzip).
//!
//! This module is public API. Most users want only [`crate::parse_return`] and
//! [`crate::Return::to_json`], which go through it. It is public for what is built beside the
//! return format: the widget keeps its own small records (the list of drafts) with
//! [`Reader`], [`Writer`], [`FromJson`] and [`ToJson`], and the macros
//! [`json_struct!`](crate::json_struct) and [`keyword_enum!`](crate::keyword_enum) declare a
//! struct or a keyword enum once for serde, the JSON Schema and this reader and writer (the
//! crate's own types are declared with them).
//!
//! Reading is two passes over the text. [`scan`] checks the whole document is well-formed JSON
//! without recursion (any depth) and picks out the top-level `format` and `format_version`;
//! then a [`Reader`] walks it into typed values, following only the return's own shape, and
//! names the field (a JSON Pointer) of any error.
//!
//! The writer's output is byte-for-byte what `serde_json::to_string_pretty` makes of the same
//! types (a test holds it to that), so files do not change with the writer.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// Why text could not be read, and where: a byte offset into the text, and for a
/// well-formed document the pointer of the value that is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Where in the text, in bytes from its start ([`crate::ParseError`] turns it into a line
    /// and column).
    pub offset: usize,
    /// `None` when the text is not well-formed JSON; otherwise the pointer of the value.
    pub pointer: Option<String>,
    /// What is wrong, for a person.
    pub detail: String,
}

/// A top-level value, kept only as far as the format checks need.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scalar {
    /// Not given, or `null`.
    #[default]
    Missing,
    /// Text (its first 60 characters).
    Text(String),
    /// A whole number.
    Whole(u64),
    /// Anything else, described for a message.
    Other(String),
}

/// What [`scan`] found at the top of a well-formed document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Top {
    /// The document is not an object.
    NotObject,
    /// An object, with its top-level `format` and `format_version`.
    Object {
        /// The top-level `format`, which names the kind of document (`"iacmh-return"` for a
        /// return).
        format: Scalar,
        /// The top-level `format_version`, the version of that format (a whole number).
        format_version: Scalar,
    },
}

/// Byte-level reading shared by both passes.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    /// Whether a lone surrogate escape (`\ud800`) becomes U+FFFD rather than an error. JSON's
    /// grammar allows one, but a Rust string cannot hold it: the scan accepts it, as
    /// serde_json does, and reading it as text is an error about that field.
    lenient: bool,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    fn syntax(&self, detail: impl Into<String>) -> JsonError {
        JsonError { offset: self.pos, pointer: None, detail: detail.into() }
    }

    fn unexpected(&self, wanted: &str) -> JsonError {
        match self.peek() {
            None => self.syntax("unexpected end of the file"),
            Some(_) => {
                let c = self.text[self.pos..].chars().next().unwrap_or('?');
                self.syntax(format!("expected {wanted}, found `{c}`"))
            }
        }
    }

    fn eat(&mut self, byte: u8, wanted: &str) -> Result<(), JsonError> {
        self.ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(wanted))
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), JsonError> {
        if self.text[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.syntax("expected a value: text in quotes, a number, true, false, null, a list or an object"))
        }
    }

    /// A number's text, checked against JSON's grammar.
    fn number(&mut self) -> Result<&'a str, JsonError> {
        let start = self.pos;
        let digits = |c: &mut Self| {
            let from = c.pos;
            while let Some(b'0'..=b'9') = c.peek() {
                c.pos += 1;
            }
            c.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else if !digits(self) {
            return Err(self.syntax("invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.syntax("invalid number: expected a digit after the decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.syntax("invalid number: expected a digit in the exponent"));
            }
        }
        Ok(&self.text[start..self.pos])
    }

    /// A string at the cursor (which is on its opening quote), unescaped.
    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.pos += 1;
        let start = self.pos;
        let bytes = self.text.as_bytes();
        // The common case, no escapes, borrows.
        while let Some(&b) = bytes.get(self.pos) {
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(Cow::Borrowed(&self.text[start..self.pos - 1]));
                }
                b'\\' => break,
                0x00..=0x1F => {
                    return Err(self.syntax(
                        "a control character (such as a line break) inside text; write it as an escape like \\n",
                    ));
                }
                _ => self.pos += 1,
            }
        }
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            match self.peek() {
                None => return Err(self.syntax("unexpected end of the file inside text")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.syntax("invalid escape in text")),
                    };
                    self.pos += 1;
                    out.push(escaped);
                }
                Some(0x00..=0x1F) => {
                    return Err(self.syntax(
                        "a control character (such as a line break) inside text; write it as an escape like \\n",
                    ));
                }
                Some(_) => {
                    // Copy the whole UTF-8 character.
                    let c = self.text[self.pos..].chars().next().unwrap_or('\u{FFFD}');
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    /// The character of a `\u` escape (the cursor is after the `u`), pairing surrogates.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                let pair = self.text[self.pos..].starts_with("\\u")
                    && self
                        .text
                        .get(self.pos + 2..self.pos + 6)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .is_some_and(|c| (0xDC00..=0xDFFF).contains(&c));
                if !pair {
                    return self.lone_surrogate();
                }
                self.pos += 2;
                let second = self.hex4()?;
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            0xDC00..=0xDFFF => return self.lone_surrogate(),
            c => c,
        };
        char::from_u32(code).ok_or_else(|| self.syntax("invalid \\u escape"))
    }

    fn lone_surrogate(&self) -> Result<char, JsonError> {
        if self.lenient { Ok('\u{FFFD}') } else { Err(self.syntax("invalid \\u escape: a lone surrogate")) }
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let hex = self.text.get(self.pos..self.pos + 4).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(hex) = hex else {
            return Err(self.syntax("invalid \\u escape: expected four hexadecimal digits"));
        };
        self.pos += 4;
        u32::from_str_radix(hex, 16).map_err(|_| self.syntax("invalid \\u escape"))
    }
}

/// Checks that `text` is one well-formed JSON value, at any depth, without recursion, and
/// reads the top-level `format` and `format_version` if it is an object.
pub fn scan(text: &str) -> Result<Top, JsonError> {
    let mut c = Cursor { text, pos: 0, lenient: true };
    c.ws();
    let is_object = c.peek() == Some(b'{');
    // The open containers: `{` or `[`.
    let mut open: Vec<u8> = Vec::new();
    let mut header = [Scalar::Missing, Scalar::Missing];
    // Which header field the next value is, when it is one.
    let mut capture: Option<usize> = None;
    loop {
        // A value is expected.
        c.ws();
        let slot = capture.take();
        let scalar = match c.peek() {
            Some(b'{') => {
                c.pos += 1;
                c.ws();
                if c.peek() == Some(b'}') {
                    c.pos += 1;
                    slot.map(|_| Scalar::Other("an object".to_owned()))
                } else {
                    open.push(b'{');
                    if let Some(i) = slot {
                        header[i] = Scalar::Other("an object".to_owned());
                    }
                    capture = key(&mut c, open.len())?;
                    continue;
                }
            }
            Some(b'[') => {
                c.pos += 1;
                c.ws();
                if c.peek() == Some(b']') {
                    c.pos += 1;
                    slot.map(|_| Scalar::Other("a list".to_owned()))
                } else {
                    open.push(b'[');
                    if let Some(i) = slot {
                        header[i] = Scalar::Other("a list".to_owned());
                    }
                    continue;
                }
            }
            // Every value is checked; only the two header values are kept.
            Some(b'"') => {
                let text = c.string()?;
                slot.map(|_| Scalar::Text(text.chars().take(60).collect()))
            }
            Some(b'-' | b'0'..=b'9') => {
                let n = c.number()?;
                slot.map(|_| n.parse().map_or_else(|_| Scalar::Other(n.chars().take(60).collect()), Scalar::Whole))
            }
            Some(b't') => {
                c.literal("true")?;
                slot.map(|_| Scalar::Other("true".to_owned()))
            }
            Some(b'f') => {
                c.literal("false")?;
                slot.map(|_| Scalar::Other("false".to_owned()))
            }
            Some(b'n') => {
                c.literal("null")?;
                slot.map(|_| Scalar::Missing)
            }
            _ => return Err(c.unexpected("a value")),
        };
        if let (Some(i), Some(scalar)) = (slot, scalar) {
            header[i] = scalar;
        }
        // After a value: close containers, or move to the next element.
        loop {
            c.ws();
            match open.last() {
                None => {
                    if c.pos < text.len() {
                        return Err(c.syntax("unexpected text after the end of the JSON value"));
                    }
                    if !is_object {
                        return Ok(Top::NotObject);
                    }
                    let [format, format_version] = header;
                    return Ok(Top::Object { format, format_version });
                }
                Some(&b'{') => match c.peek() {
                    Some(b',') => {
                        c.pos += 1;
                        capture = key(&mut c, open.len())?;
                        break;
                    }
                    Some(b'}') => {
                        c.pos += 1;
                        open.pop();
                    }
                    _ => return Err(c.unexpected("`,` or `}`")),
                },
                Some(_) => match c.peek() {
                    Some(b',') => {
                        c.pos += 1;
                        break;
                    }
                    Some(b']') => {
                        c.pos += 1;
                        open.pop();
                    }
                    _ => return Err(c.unexpected("`,` or `]`")),
                },
            }
        }
    }

    /// Reads `"key":` and says whether the value is a top-level header field.
    fn key(c: &mut Cursor, depth: usize) -> Result<Option<usize>, JsonError> {
        c.ws();
        if c.peek() != Some(b'"') {
            return Err(c.unexpected("a field name in double quotes"));
        }
        let name = c.string()?;
        c.eat(b':', "`:` after the field name")?;
        Ok(match (depth, &*name) {
            (1, "format") => Some(0),
            (1, "format_version") => Some(1),
            _ => None,
        })
    }
}

/// One step of the path to the value being read.
enum Step<'a> {
    /// Borrowed from the text unless the key has escapes.
    Key(Cow<'a, str>),
    Index(usize),
}

/// Reads typed values from a document [`scan`] has found well-formed, keeping the path to
/// the current value so that errors can name it.
pub struct Reader<'a> {
    cursor: Cursor<'a>,
    path: Vec<Step<'a>>,
    /// Where the key of the object entry being read starts.
    key_at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        Reader { cursor: Cursor { text, pos: 0, lenient: false }, path: Vec::new(), key_at: 0 }
    }

    /// Reads the whole document as a `T`; nothing but whitespace may follow it.
    pub fn read_document<T: FromJson>(text: &'a str) -> Result<T, JsonError> {
        let mut r = Reader::new(text);
        let value = T::read(&mut r)?;
        r.cursor.ws();
        if r.cursor.pos < text.len() {
            return Err(r.cursor.syntax("unexpected text after the end of the JSON value"));
        }
        Ok(value)
    }

    /// Reads the value at the cursor as a `T`.
    pub fn read<T: FromJson>(&mut self) -> Result<T, JsonError> {
        T::read(self)
    }

    /// The JSON Pointer of the value being read.
    pub fn pointer(&self) -> String {
        crate::pointer::join(self.path.iter().map(|s| match s {
            Step::Key(k) => Cow::Borrowed(&**k),
            Step::Index(i) => Cow::Owned(i.to_string()),
        }))
    }

    /// An error about the value at the cursor.
    pub fn error(&self, detail: impl Into<String>) -> JsonError {
        JsonError { offset: self.cursor.pos, pointer: Some(self.pointer()), detail: detail.into() }
    }

    fn peek_value(&mut self) -> Option<u8> {
        self.cursor.ws();
        self.cursor.peek()
    }

    /// "expected `wanted`, found ..." about the value at the cursor.
    pub fn expected(&mut self, wanted: &str) -> JsonError {
        self.cursor.ws();
        let rest = &self.cursor.text[self.cursor.pos..];
        let found = match self.cursor.peek() {
            Some(b'{') => "an object".to_owned(),
            Some(b'[') => "a list".to_owned(),
            Some(b'"') => {
                let mut c = Cursor { text: self.cursor.text, pos: self.cursor.pos, lenient: true };
                match c.string() {
                    Ok(s) if s.chars().count() > 40 => {
                        format!("the text \"{}…\"", s.chars().take(40).collect::<String>())
                    }
                    Ok(s) => format!("the text \"{s}\""),
                    Err(_) => "text".to_owned(),
                }
            }
            Some(b'-' | b'0'..=b'9') => {
                let mut c = Cursor { text: self.cursor.text, pos: self.cursor.pos, lenient: true };
                let n = c.number().unwrap_or("?");
                format!("the number {}", n.chars().take(40).collect::<String>())
            }
            Some(b't') if rest.starts_with("true") => "true".to_owned(),
            Some(b'f') if rest.starts_with("false") => "false".to_owned(),
            Some(b'n') if rest.starts_with("null") => "null".to_owned(),
            None => return self.cursor.syntax("unexpected end of the file"),
            Some(_) => return self.cursor.unexpected("a value"),
        };
        self.error(format!("expected {wanted}, found {found}"))
    }

    /// Whether the value at the cursor is `null`, consuming it if so.
    pub fn null(&mut self) -> bool {
        if self.peek_value() == Some(b'n') && self.cursor.text[self.cursor.pos..].starts_with("null") {
            self.cursor.pos += 4;
            true
        } else {
            false
        }
    }

    /// Text in double quotes, unescaped (borrowed when it has no escapes).
    pub fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        if self.peek_value() != Some(b'"') {
            return Err(self.expected("text in double quotes"));
        }
        self.cursor.string().map_err(|e| JsonError { pointer: Some(self.pointer()), ..e })
    }

    /// Text turned into a `T` by `parse`, whose error becomes the message.
    pub fn parsed<T, E: std::fmt::Display>(
        &mut self,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<T, JsonError> {
        self.cursor.ws();
        let start = self.cursor.pos;
        let s = self.string()?;
        // The error points at the start of the text, not past it.
        parse(&s).map_err(|e| JsonError { offset: start, ..self.error(e.to_string()) })
    }

    /// `true` or `false`.
    pub fn bool(&mut self) -> Result<bool, JsonError> {
        let next = self.peek_value();
        let rest = &self.cursor.text[self.cursor.pos..];
        match next {
            Some(b't') if rest.starts_with("true") => {
                self.cursor.pos += 4;
                Ok(true)
            }
            Some(b'f') if rest.starts_with("false") => {
                self.cursor.pos += 5;
                Ok(false)
            }
            _ => Err(self.expected("true or false")),
        }
    }

    /// A whole number no greater than `max`.
    pub fn whole(&mut self, max: u64) -> Result<u64, JsonError> {
        let wanted = || format!("a whole number from 0 to {max}");
        if !matches!(self.peek_value(), Some(b'-' | b'0'..=b'9')) {
            return Err(self.expected(&wanted()));
        }
        let start = self.cursor.pos;
        let n = self.cursor.number()?;
        match n.parse::<u64>() {
            Ok(v) if v <= max => Ok(v),
            _ => {
                self.cursor.pos = start;
                Err(self.expected(&wanted()))
            }
        }
    }

    /// Text that must be one of `keys`; returns its position in `keys`.
    pub fn one_of(&mut self, keys: &[&str]) -> Result<usize, JsonError> {
        let wanted = || {
            let list: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
            format!("one of {}", list.join(", "))
        };
        if self.peek_value() != Some(b'"') {
            return Err(self.expected(&wanted()));
        }
        let start = self.cursor.pos;
        let s = self.string()?;
        match keys.iter().position(|k| *k == s) {
            Some(i) => Ok(i),
            None => {
                self.cursor.pos = start;
                Err(self.expected(&wanted()))
            }
        }
    }

    /// Reads an object, calling `entry` with the reader on each value and its key.
    ///
    /// The callbacks of `object`, `fields` and `list` are trait objects, not generics: one copy
    /// of each loop serves every type, which keeps the form's WebAssembly small.
    pub fn object(&mut self, entry: &mut dyn FnMut(&mut Self, &str) -> Result<(), JsonError>) -> Result<(), JsonError> {
        if self.peek_value() != Some(b'{') {
            return Err(self.expected("an object (fields in curly brackets)"));
        }
        self.cursor.pos += 1;
        self.cursor.ws();
        if self.cursor.peek() == Some(b'}') {
            self.cursor.pos += 1;
            return Ok(());
        }
        loop {
            self.cursor.ws();
            if self.cursor.peek() != Some(b'"') {
                return Err(self.cursor.unexpected("a field name in double quotes"));
            }
            let key_at = self.cursor.pos;
            // The scan has proved the text is JSON, so a key fails only as text (a lone
            // surrogate): an error about this object, since the key has no pointer of its own.
            let key = self.cursor.string().map_err(|e| JsonError { pointer: Some(self.pointer()), ..e })?;
            self.cursor.eat(b':', "`:` after the field name")?;
            self.path.push(Step::Key(key.clone()));
            self.key_at = key_at;
            entry(self, &key)?;
            self.path.pop();
            self.cursor.ws();
            match self.cursor.peek() {
                Some(b',') => self.cursor.pos += 1,
                Some(b'}') => {
                    self.cursor.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.cursor.unexpected("`,` or `}`")),
            }
        }
    }

    /// An error about the key of the entry being read (inside [`Reader::object`]'s callback,
    /// before its value is read).
    pub fn key_error(&self, detail: impl Into<String>) -> JsonError {
        JsonError { offset: self.key_at, pointer: Some(self.pointer()), detail: detail.into() }
    }

    /// Reads an object with a fixed set of fields: `field` gets the index into `names` of
    /// each one present. An unknown field or one given twice is an error. Returns where the
    /// object starts, for [`Reader::missing`].
    pub fn fields(
        &mut self,
        names: &[&str],
        field: &mut dyn FnMut(&mut Self, usize) -> Result<(), JsonError>,
    ) -> Result<usize, JsonError> {
        // Which fields have been read; on the stack for the usual few fields, so that reading
        // the 161 answers of a return allocates nothing for it.
        let mut small = [false; 16];
        let mut large = Vec::new();
        let seen: &mut [bool] = if names.len() <= small.len() {
            &mut small[..names.len()]
        } else {
            large.resize(names.len(), false);
            &mut large
        };
        self.cursor.ws();
        let start = self.cursor.pos;
        self.object(&mut |r, key| {
            let Some(i) = names.iter().position(|n| *n == key) else {
                let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                return Err(r.key_error(format!("unknown field `{key}`; expected one of {}", list.join(", "))));
            };
            if std::mem::replace(&mut seen[i], true) {
                return Err(r.key_error(format!("the field `{key}` appears twice; keep one")));
            }
            r.cursor.ws();
            field(r, i)
        })?;
        Ok(start)
    }

    /// The error for a required field left out of the object that starts at `start` (as
    /// [`Reader::fields`] returned it).
    pub fn missing(&self, start: usize, name: &str) -> JsonError {
        JsonError { offset: start, pointer: Some(self.pointer()), detail: format!("missing field `{name}`") }
    }

    /// Reads a list, calling `element` on each item.
    pub fn list(&mut self, element: &mut dyn FnMut(&mut Self) -> Result<(), JsonError>) -> Result<(), JsonError> {
        if self.peek_value() != Some(b'[') {
            return Err(self.expected("a list (items in square brackets)"));
        }
        self.cursor.pos += 1;
        self.cursor.ws();
        if self.cursor.peek() == Some(b']') {
            self.cursor.pos += 1;
            return Ok(());
        }
        let mut index = 0;
        loop {
            self.path.push(Step::Index(index));
            self.cursor.ws();
            element(self)?;
            self.path.pop();
            index += 1;
            self.cursor.ws();
            match self.cursor.peek() {
                Some(b',') => self.cursor.pos += 1,
                Some(b']') => {
                    self.cursor.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.cursor.unexpected("`,` or `]`")),
            }
        }
    }

    /// Reads past the value at the cursor, whatever it holds, checking that it is well-formed
    /// JSON: for readers that accept what they do not know, such as the widget's draft index
    /// written by a newer version. Values nested more than 64 deep are refused rather than
    /// followed (the typed reading around it is bounded by its types; this is not).
    pub fn skip(&mut self) -> Result<(), JsonError> {
        self.skip_within(64)
    }

    fn skip_within(&mut self, depth: u32) -> Result<(), JsonError> {
        match self.peek_value() {
            Some(b'{' | b'[') if depth == 0 => Err(self.error("values nested too deeply")),
            Some(b'{') => self.object(&mut |r, _| r.skip_within(depth - 1)),
            Some(b'[') => self.list(&mut |r| r.skip_within(depth - 1)),
            Some(b'"') => self.string().map(|_| ()),
            Some(b'-' | b'0'..=b'9') => self.cursor.number().map(|_| ()),
            Some(b't' | b'f') => self.bool().map(|_| ()),
            _ if self.null() => Ok(()),
            _ => Err(self.expected("a value")),
        }
    }
}

/// A type read from JSON by a [`Reader`].
pub trait FromJson: Sized {
    /// Reads a value, keeping the reader's path for errors.
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError>;
}

/// A type written as JSON by a [`Writer`].
pub trait ToJson {
    /// Writes the value.
    fn write(&self, w: &mut Writer);
}

impl FromJson for String {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        Ok(r.string()?.into_owned())
    }
}

impl FromJson for bool {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        r.bool()
    }
}

impl FromJson for u8 {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        Ok(r.whole(u8::MAX.into())? as u8)
    }
}

impl FromJson for u32 {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        Ok(r.whole(u32::MAX.into())? as u32)
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        if r.null() { Ok(None) } else { T::read(r).map(Some) }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
        let mut out = Vec::new();
        r.list(&mut |r| {
            out.push(T::read(r)?);
            Ok(())
        })?;
        Ok(out)
    }
}

/// Writes JSON laid out as `serde_json::to_string_pretty` lays it out: two-space indents,
/// `"key": value`, and `{}` or `[]` when empty.
#[derive(Default)]
pub struct Writer {
    out: String,
    depth: usize,
    /// Whether the container being written has no entries yet.
    empty: bool,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Writer::default()
    }

    /// The JSON written.
    pub fn finish(self) -> String {
        self.out
    }

    /// Writes a value.
    pub fn value<T: ToJson + ?Sized>(&mut self, value: &T) {
        value.write(self);
    }

    fn line(&mut self) {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        self.out.push('\n');
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn container(&mut self, open: char, close: char, body: impl FnOnce(&mut Self)) {
        self.out.push(open);
        let outer = std::mem::replace(&mut self.empty, true);
        self.depth += 1;
        body(self);
        self.depth -= 1;
        if !self.empty {
            self.empty = true;
            self.line();
        }
        self.empty = outer;
        self.out.push(close);
    }

    /// Writes an object whose fields `body` writes with [`Writer::field`].
    pub fn object(&mut self, body: impl FnOnce(&mut Self)) {
        self.container('{', '}', body);
    }

    /// Writes a list whose items `body` writes with [`Writer::item`].
    pub fn list(&mut self, body: impl FnOnce(&mut Self)) {
        self.container('[', ']', body);
    }

    /// Writes one field of an object.
    pub fn field<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) {
        self.line();
        self.string(key);
        self.out.push_str(": ");
        value.write(self);
    }

    /// A field left out when it has no value.
    pub fn field_if_some<T: ToJson>(&mut self, key: &str, value: &Option<T>) {
        if value.is_some() {
            self.field(key, value);
        }
    }

    /// Writes one item of a list.
    pub fn item<T: ToJson + ?Sized>(&mut self, value: &T) {
        self.line();
        value.write(self);
    }

    /// Text, escaped as serde_json escapes it: quotes, backslashes and control characters.
    pub fn string(&mut self, s: &str) {
        self.out.push('"');
        let mut from = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0C => "\\f",
                0x00..=0x1F => "",
                _ => continue,
            };
            self.out.push_str(&s[from..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(char::from(HEX[usize::from(b >> 4)]));
                self.out.push(char::from(HEX[usize::from(b & 0xF)]));
            } else {
                self.out.push_str(escape);
            }
            from = i + 1;
        }
        self.out.push_str(&s[from..]);
        self.out.push('"');
    }

    /// Writes a whole number.
    pub fn whole(&mut self, n: u64) {
        use std::fmt::Write;
        let _ = write!(self.out, "{n}");
    }

    /// Writes `null`.
    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    /// Writes `true` or `false`.
    pub fn bool(&mut self, b: bool) {
        self.out.push_str(if b { "true" } else { "false" });
    }
}

impl ToJson for str {
    fn write(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for String {
    fn write(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for bool {
    fn write(&self, w: &mut Writer) {
        w.bool(*self);
    }
}

impl ToJson for u8 {
    fn write(&self, w: &mut Writer) {
        w.whole(u64::from(*self));
    }
}

impl ToJson for u32 {
    fn write(&self, w: &mut Writer) {
        w.whole(u64::from(*self));
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write(&self, w: &mut Writer) {
        match self {
            Some(v) => v.write(w),
            None => w.null(),
        }
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write(&self, w: &mut Writer) {
        w.list(|w| self.iter().for_each(|v| w.item(v)));
    }
}

impl<K: AsRef<str>, V: ToJson> ToJson for BTreeMap<K, V> {
    fn write(&self, w: &mut Writer) {
        w.object(|w| self.iter().for_each(|(k, v)| w.field(k.as_ref(), v)));
    }
}

/// Declares a struct together with its [`FromJson`] and [`ToJson`], so that each field of the
/// return format is written once: the reader and the writer are generated from the same
/// declaration (and the same serde attributes) that serde and the JSON Schema read.
///
/// - A field is required unless it, or its struct, has `#[serde(default)]`.
/// - `#[serde(skip_serializing_if = "Option::is_none")]` leaves a `None` out of the output.
/// - Names in JSON are the Rust field names; unknown fields are refused (so the struct says
///   `#[serde(deny_unknown_fields)]`, which serde needs to agree).
///
/// Any other serde attribute on a field is a compile error rather than a silent difference
/// between this reader and serde. The struct must derive a serde trait, which owns the
/// `serde` attribute. Fields are matched by name, and there is no limit on their
/// number.
///
/// ```
/// use iacmh_review::json::{Reader, Writer};
///
/// iacmh_review::json_struct! {
///     #[derive(Debug, Default, PartialEq, serde::Serialize)]
///     #[serde(deny_unknown_fields)]
///     pub struct Person {
///         pub name: String,
///         #[serde(default, skip_serializing_if = "Option::is_none")]
///         pub email: Option<String>,
///     }
/// }
///
/// let p: Person = Reader::read_document(r#"{"name": "Jo"}"#).unwrap();
/// assert_eq!(p, Person { name: "Jo".into(), email: None });
/// let mut w = Writer::new();
/// w.value(&p);
/// assert_eq!(w.finish(), "{\n  \"name\": \"Jo\"\n}");
/// let e = Reader::read_document::<Person>(r#"{"email": "jo@nhs.net"}"#).unwrap_err();
/// assert_eq!(e.detail, "missing field `name`");
/// ```
#[macro_export]
macro_rules! json_struct {
    (
        $(#[$($attr:tt)*])*
        $vis:vis struct $name:ident {
            $(
                $(#[$($fattr:tt)*])*
                $fvis:vis $field:ident : $fty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$($attr)*])*
        $vis struct $name {
            $(
                $(#[$($fattr)*])*
                $fvis $field: $fty,
            )*
        }

        $crate::json_struct!(@impl $name [$(#[$($attr)*])*] { $( [$(#[$($fattr)*])*] $field : $fty ),* });
    };

    (@impl $name:ident $cattrs:tt { $( $fattrs:tt $field:ident : $fty:ty ),* }) => {
        impl $crate::json::FromJson for $name {
            fn read(r: &mut $crate::json::Reader<'_>) -> ::core::result::Result<Self, $crate::json::JsonError> {
                $crate::json_struct!(@container_default $cattrs
                    // Every field has a default: fill a default value in place (the smaller
                    // code, which matters in the browser form).
                    {{
                        let mut out = <$name as ::core::default::Default>::default();
                        r.fields(&[$(::core::stringify!($field)),*], &mut |r, i| {
                            let mut n = 0usize;
                            $(
                                if i == n {
                                    out.$field = r.read()?;
                                    return ::core::result::Result::Ok(());
                                }
                                n += 1;
                            )*
                            let _ = n;
                            ::core::result::Result::Ok(())
                        })?;
                        ::core::result::Result::Ok(out)
                    }}
                    // Some field may be required: collect each, then check.
                    {{
                        $( let mut $field: ::core::option::Option<$fty> = ::core::option::Option::None; )*
                        let start = r.fields(&[$(::core::stringify!($field)),*], &mut |r, i| {
                            let mut n = 0usize;
                            $(
                                if i == n {
                                    $field = ::core::option::Option::Some(r.read()?);
                                    return ::core::result::Result::Ok(());
                                }
                                n += 1;
                            )*
                            let _ = n;
                            ::core::result::Result::Ok(())
                        })?;
                        let _ = start;
                        ::core::result::Result::Ok($name {
                            $(
                                $field: match $field {
                                    ::core::option::Option::Some(v) => v,
                                    ::core::option::Option::None => $crate::json_struct!(@absent r start $field $cattrs $fattrs),
                                },
                            )*
                        })
                    }})
            }
        }

        impl $crate::json::ToJson for $name {
            fn write(&self, w: &mut $crate::json::Writer) {
                let this = self;
                w.object(|w| {
                    $( $crate::json_struct!(@write w this $field $fattrs); )*
                });
            }
        }
    };

    // Whether the struct says `#[serde(default)]`.
    (@container_default [#[serde($($inner:tt)*)] $($rest:tt)*] $then:tt $else:tt) => {
        $crate::json_struct!(@if_default [$($inner)*] $then { $crate::json_struct!(@container_default [$($rest)*] $then $else) })
    };
    (@container_default [#[$($other:tt)*] $($rest:tt)*] $then:tt $else:tt) => {
        $crate::json_struct!(@container_default [$($rest)*] $then $else)
    };
    (@container_default [] $then:tt {$($else:tt)*}) => { $($else)* };

    // A field left out: its own `#[serde(default)]`, else its struct's, else an error.
    (@absent $r:ident $start:ident $field:ident $cattrs:tt [#[serde($($inner:tt)*)] $($rest:tt)*]) => {
        $crate::json_struct!(@if_default [$($inner)*]
            { ::core::default::Default::default() }
            { $crate::json_struct!(@absent $r $start $field $cattrs [$($rest)*]) })
    };
    (@absent $r:ident $start:ident $field:ident $cattrs:tt [#[$($other:tt)*] $($rest:tt)*]) => {
        $crate::json_struct!(@absent $r $start $field $cattrs [$($rest)*])
    };
    (@absent $r:ident $start:ident $field:ident [$($cattrs:tt)*] []) => {
        $crate::json_struct!(@absent_in $r $start $field $($cattrs)*)
    };
    (@absent_in $r:ident $start:ident $field:ident #[serde($($inner:tt)*)] $($rest:tt)*) => {
        $crate::json_struct!(@if_default [$($inner)*]
            { ::core::default::Default::default() }
            { $crate::json_struct!(@absent_in $r $start $field $($rest)*) })
    };
    (@absent_in $r:ident $start:ident $field:ident #[$($other:tt)*] $($rest:tt)*) => {
        $crate::json_struct!(@absent_in $r $start $field $($rest)*)
    };
    (@absent_in $r:ident $start:ident $field:ident) => {
        return ::core::result::Result::Err($r.missing($start, ::core::stringify!($field)))
    };

    (@if_default [default = $($t:tt)*] $then:tt $else:tt) => {
        ::core::compile_error!("json_struct! supports `#[serde(default)]`, not a default function")
    };
    (@if_default [default $($t:tt)*] {$($then:tt)*} $else:tt) => { $($then)* };
    (@if_default [$first:tt $($t:tt)*] $then:tt $else:tt) => {
        $crate::json_struct!(@if_default [$($t)*] $then $else)
    };
    (@if_default [] $then:tt {$($else:tt)*}) => { $($else)* };

    // Writing a field: left out when `None` if the field says so.
    (@write $w:ident $this:ident $field:ident [$($fattrs:tt)*]) => {
        $crate::json_struct!(@write_in $w $this $field $($fattrs)*)
    };
    (@write_in $w:ident $this:ident $field:ident #[serde($($inner:tt)*)] $($rest:tt)*) => {
        $crate::json_struct!(@check [$($inner)*]);
        $crate::json_struct!(@if_skip [$($inner)*]
            { $w.field_if_some(::core::stringify!($field), &$this.$field) }
            { $crate::json_struct!(@write_in $w $this $field $($rest)*) })
    };
    (@write_in $w:ident $this:ident $field:ident #[$($other:tt)*] $($rest:tt)*) => {
        $crate::json_struct!(@write_in $w $this $field $($rest)*)
    };
    (@write_in $w:ident $this:ident $field:ident) => {
        $w.field(::core::stringify!($field), &$this.$field)
    };

    (@if_skip [skip_serializing_if $($t:tt)*] {$($then:tt)*} $else:tt) => { $($then)* };
    (@if_skip [$first:tt $($t:tt)*] $then:tt $else:tt) => { $crate::json_struct!(@if_skip [$($t)*] $then $else) };
    (@if_skip [] $then:tt {$($else:tt)*}) => { $($else)* };

    // The serde attributes on a field that the reader and writer follow; any other is refused.
    (@check []) => {};
    (@check [, $($t:tt)*]) => { $crate::json_struct!(@check [$($t)*]) };
    (@check [default $($t:tt)*]) => { $crate::json_struct!(@check [$($t)*]) };
    (@check [skip_serializing_if = "Option::is_none" $($t:tt)*]) => { $crate::json_struct!(@check [$($t)*]) };
    (@check [$($t:tt)*]) => {
        ::core::compile_error!(::core::concat!(
            "json_struct! does not follow #[serde(", ::core::stringify!($($t)*), ")]: its reader and writer would differ from serde"
        ))
    };
}

/// Declares a fieldless enum whose values are written in JSON as keys, with each value's key
/// (and label, when given) written once: `ALL`, `key()`, `from_key()`, `label()`, serde's
/// `rename` of each variant, and [`FromJson`] / [`ToJson`] all come from the declaration.
///
/// ```
/// iacmh_review::keyword_enum! {
///     /// A colour.
///     #[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
///     pub enum Colour {
///         /// Red.
///         Red = "red", "Red",
///         /// Dark blue.
///         DarkBlue = "dark_blue", "Dark blue",
///     }
/// }
/// assert_eq!(Colour::ALL, [Colour::Red, Colour::DarkBlue]);
/// assert_eq!(Colour::DarkBlue.key(), "dark_blue");
/// assert_eq!(Colour::from_key("red"), Some(Colour::Red));
/// assert_eq!(Colour::DarkBlue.label(), "Dark blue");
/// assert_eq!(serde_json::to_string(&Colour::DarkBlue).unwrap(), "\"dark_blue\"");
/// ```
#[macro_export]
macro_rules! keyword_enum {
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vattr:meta])*
                $variant:ident = $key:literal, $label:literal
            ),* $(,)?
        }
    ) => {
        $crate::keyword_enum! { $(#[$attr])* $vis enum $name { $( $(#[$vattr])* $variant = $key ),* } }

        impl $name {
            /// How a person reads the value.
            pub const fn label(self) -> &'static str {
                match self {
                    $( $name::$variant => $label, )*
                }
            }
        }
    };
    (
        $(#[$attr:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vattr:meta])*
                $variant:ident = $key:literal
            ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        $vis enum $name {
            $(
                $(#[$vattr])*
                #[serde(rename = $key)]
                $variant,
            )*
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: [$name; 0 $( + $crate::keyword_enum!(@one $variant) )*] = [$( $name::$variant ),*];

            /// The key used in JSON.
            pub const fn key(self) -> &'static str {
                match self {
                    $( $name::$variant => $key, )*
                }
            }

            /// The value whose key is `key`.
            pub fn from_key(key: &str) -> ::core::option::Option<$name> {
                $name::ALL.into_iter().find(|v| v.key() == key)
            }
        }

        impl $crate::json::FromJson for $name {
            fn read(r: &mut $crate::json::Reader<'_>) -> ::core::result::Result<Self, $crate::json::JsonError> {
                let keys = $name::ALL.map($name::key);
                ::core::result::Result::Ok($name::ALL[r.one_of(&keys)?])
            }
        }

        impl $crate::json::ToJson for $name {
            fn write(&self, w: &mut $crate::json::Writer) {
                w.string(self.key());
            }
        }
    };
    (@one $variant:ident) => { 1 };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_err(text: &str) -> (usize, String) {
        let e = scan(text).unwrap_err();
        assert_eq!(e.pointer, None, "{text}");
        (e.offset, e.detail)
    }

    #[test]
    fn scan_accepts_json_and_reads_the_header() {
        let top = scan(r#" {"a": [1, -2.5e3, {"b": null}, [], {}], "format": "x", "format_version": 2} "#).unwrap();
        assert_eq!(top, Top::Object { format: Scalar::Text("x".into()), format_version: Scalar::Whole(2) });
        // Nested fields of the same name are not the header.
        let top = scan(r#"{"a": {"format": "x"}, "format_version": [1]}"#).unwrap();
        assert_eq!(top, Top::Object { format: Scalar::Missing, format_version: Scalar::Other("a list".into()) });
        for other in ["[1]", "\"x\"", "0", "null", "true", "{}"] {
            let top = scan(other).unwrap();
            assert_eq!(top == Top::NotObject, other != "{}", "{other}");
        }
        let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        assert_eq!(scan(&deep).unwrap(), Top::NotObject);
    }

    /// Any value, read past with [`Reader::skip`].
    struct Skipped;

    impl FromJson for Skipped {
        fn read(r: &mut Reader<'_>) -> Result<Self, JsonError> {
            r.skip().map(|()| Skipped)
        }
    }

    #[test]
    fn skip_reads_past_any_value_and_refuses_what_json_refuses() {
        for good in [
            "null",
            " true ",
            "-2.5e3",
            r#""a \"quoted\" \u00e9""#,
            "[]",
            "{}",
            r#"{"a": [1, {"b": null, "c": [[], {}]}], "d": "x"}"#,
            r#"[{"id": "x", "more": {"nested": [true, false, 0.5]}}, "y", -1]"#,
        ] {
            assert!(Reader::read_document::<Skipped>(good).is_ok(), "{good}");
        }
        let deep = |n| format!("{}0{}", "[{\"a\":".repeat(n), "}]".repeat(n));
        assert!(Reader::read_document::<Skipped>(&deep(32)).is_ok());
        // Deeper than 64 is refused, never followed until the stack runs out.
        let e = Reader::read_document::<Skipped>(&deep(100_000)).err().map(|e| e.detail);
        assert_eq!(e.as_deref(), Some("values nested too deeply"));
        for bad in
            ["", "[1 2]", "{\"a\" 1}", "{\"a\": 1,}", "[1,]", "[tru]", "[01]", "{\"a\": 1]", "[1}", "[", "{\"a\":"]
        {
            assert!(Reader::read_document::<Skipped>(bad).is_err(), "{bad}");
        }
        // The reader goes on after what it skipped.
        let mut known = None;
        let text = r#"{"newer": {"x": [1, 2]}, "id": "d1", "also": null}"#;
        Reader::new(text)
            .object(&mut |r, key| {
                if key == "id" {
                    known = Some(r.read::<String>()?);
                    Ok(())
                } else {
                    r.skip()
                }
            })
            .unwrap();
        assert_eq!(known.as_deref(), Some("d1"));
    }

    #[test]
    fn scan_refuses_what_json_refuses_and_says_where() {
        assert_eq!(scan_err("{\"a\": 1,}").0, 8);
        assert_eq!(scan_err("[1 2]"), (3, "expected `,` or `]`, found `2`".to_owned()));
        assert_eq!(scan_err("{\"a\" 1}").1, "expected `:` after the field name, found `1`");
        assert_eq!(scan_err("{'a': 1}").1, "expected a field name in double quotes, found `'`");
        assert_eq!(scan_err("[1] x").1, "unexpected text after the end of the JSON value");
        assert_eq!(scan_err("[01]").0, 2);
        assert_eq!(scan_err("[1.]").1, "invalid number: expected a digit after the decimal point");
        assert_eq!(scan_err("[tru]").0, 1);
        assert_eq!(scan_err("[\"a\nb\"]").0, 3);
        assert_eq!(scan_err("[\"\\x\"]").0, 3);
        // JSON's grammar allows a lone surrogate; reading it as text is refused.
        assert_eq!(scan("[\"\\ud800\"]"), Ok(Top::NotObject));
        let e = Reader::read_document::<Vec<String>>("[\"a\", \"\\udc00\"]").unwrap_err();
        assert_eq!((e.pointer.as_deref(), e.detail.as_str()), (Some("/1"), "invalid \\u escape: a lone surrogate"));
        assert_eq!(scan_err("{\"a\": [").1, "unexpected end of the file");
        assert_eq!(scan_err("").1, "unexpected end of the file");
    }

    #[test]
    fn strings_unescape() {
        let mut c = Cursor { lenient: false, text: r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00z""#, pos: 0 };
        assert_eq!(c.string().unwrap(), "a\"\\/\u{8}\u{c}\n\r\té😀z");
        let mut c = Cursor { lenient: false, text: "\"plain é\"", pos: 0 };
        assert!(matches!(c.string().unwrap(), Cow::Borrowed("plain é")));
    }

    #[test]
    fn the_writer_escapes_as_serde_json_does() {
        let s = "q\"b\\s\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}é/";
        let mut w = Writer::new();
        w.string(s);
        assert_eq!(w.finish(), serde_json::to_string(s).unwrap());
    }

    crate::json_struct! {
        #[derive(Default, Debug, PartialEq, serde::Serialize)]
        #[serde(deny_unknown_fields, default)]
        struct Sample {
            name: String,
            tags: Vec<String>,
            note: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            hidden: Option<u8>,
            count: u32,
            on: bool,
        }
    }

    #[test]
    fn structs_round_trip_in_serde_json_layout() {
        let samples = [
            Sample::default(),
            Sample {
                name: "x".into(),
                tags: vec!["a".into(), "b".into()],
                note: Some("n".into()),
                hidden: Some(3),
                count: 7,
                on: true,
            },
        ];
        for s in samples {
            let mut w = Writer::new();
            w.value(&s);
            let text = w.finish();
            assert_eq!(text, serde_json::to_string_pretty(&s).unwrap());
            assert_eq!(Reader::read_document::<Sample>(&text).unwrap(), s);
        }
    }

    #[test]
    fn typed_errors_name_the_field() {
        let e = Reader::read_document::<Vec<Sample>>(r#"[{}, {"tags": ["a", 5]}]"#).unwrap_err();
        assert_eq!(e.pointer.as_deref(), Some("/1/tags/1"));
        assert_eq!(e.detail, "expected text in double quotes, found the number 5");
        assert_eq!(e.offset, 20);

        let e = Reader::read_document::<Sample>(r#"{"nmae": "x"}"#).unwrap_err();
        assert_eq!(e.pointer.as_deref(), Some("/nmae"));
        assert!(e.detail.starts_with("unknown field `nmae`; expected one of `name`, `tags`"), "{}", e.detail);
        assert_eq!(e.offset, 1);

        let e = Reader::read_document::<Sample>(r#"{"on": true, "on": false}"#).unwrap_err();
        assert_eq!((e.offset, e.detail.as_str()), (13, "the field `on` appears twice; keep one"));

        let e = Reader::read_document::<Sample>(r#"{"count": 4294967296}"#).unwrap_err();
        assert_eq!(e.detail, "expected a whole number from 0 to 4294967295, found the number 4294967296");
        let e = Reader::read_document::<Sample>(r#"{"hidden": -1}"#).unwrap_err();
        assert_eq!(e.detail, "expected a whole number from 0 to 255, found the number -1");
        let e = Reader::read_document::<Sample>(r#"{"on": "yes"}"#).unwrap_err();
        assert_eq!(e.detail, "expected true or false, found the text \"yes\"");
        let e = Reader::read_document::<Sample>(r#"{"note": {"a": 1}}"#).unwrap_err();
        assert_eq!(e.detail, "expected text in double quotes, found an object");
        let e = Reader::read_document::<Sample>(r#"["x"]"#).unwrap_err();
        assert_eq!(
            (e.pointer.as_deref(), e.detail.as_str()),
            (Some(""), "expected an object (fields in curly brackets), found a list")
        );
    }
}
