//! JSON Pointers (RFC 6901): how findings and parse errors say which field they mean.

/// Joins path segments into a pointer, escaping `~` and `/` as the RFC requires.
pub fn join<I, S>(segments: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for s in segments {
        out.push('/');
        for c in s.as_ref().chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
    }
    out
}

/// The pointer of the value being read at byte `offset` of well-formed JSON `text`: the keys
/// and indices of the objects and arrays open there, and the key just read, if any.
///
/// Used only when parsing has failed, to say where, so the fast path carries no bookkeeping.
pub fn at_offset(text: &str, offset: usize) -> String {
    enum Frame {
        Object { key: Option<String>, expect_key: bool },
        Array { index: usize },
    }
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Frame::Object { key: None, expect_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { key, expect_key }) => {
                    *key = None;
                    *expect_key = true;
                }
                None => {}
            },
            b'"' => {
                // Find the closing quote, skipping escapes.
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, expect_key }) = stack.last_mut()
                    && *expect_key
                {
                    let raw = &text[start..(i + 1).min(text.len())];
                    *key =
                        Some(serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.trim_matches('"').to_owned()));
                    *expect_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    join(stack.iter().filter_map(|f| match f {
        Frame::Object { key, .. } => key.clone(),
        Frame::Array { index } => Some(index.to_string()),
    }))
}

/// The byte offset of a 1-based line and column (as serde_json counts them: bytes).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start =
        if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2).map_or(text.len(), |(i, _)| i + 1) };
    (line_start + column.saturating_sub(1)).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn finds_the_value_at_an_offset() {
        let text = r#"{"a": {"b~c": [1, {"d": true}, 3]}, "e\"f": 2}"#;
        let at = |needle: &str| super::at_offset(text, text.find(needle).unwrap() + needle.len());
        assert_eq!(at("true"), "/a/b~0c/1/d");
        assert_eq!(at("3"), "/a/b~0c/2");
        assert_eq!(at("\"b~c\""), "/a/b~0c");
        assert_eq!(at("2"), "/e\"f");
        assert_eq!(super::at_offset(text, text.len()), "");
        assert_eq!(super::offset_of("ab\ncd\nef", 3, 2), 7);
        assert_eq!(super::offset_of("ab", 9, 9), 2);
    }

    #[test]
    fn escapes_tilde_and_slash() {
        assert_eq!(join(["maturity", "answers", "1.01"]), "/maturity/answers/1.01");
        assert_eq!(join(["a/b", "m~n"]), "/a~1b/m~0n");
        assert_eq!(join(Vec::<String>::new()), "");
    }
}
