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

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn escapes_tilde_and_slash() {
        assert_eq!(join(["maturity", "answers", "1.01"]), "/maturity/answers/1.01");
        assert_eq!(join(["a/b", "m~n"]), "/a~1b/m~0n");
        assert_eq!(join(Vec::<String>::new()), "");
    }
}
