//! What the fuzz targets share: splitting one input into several, and the properties every
//! return read from any input must have.

use iacmh_review::{Code, Return, ReturnStatus, completeness, has_errors, outstanding, score, validate};

/// The byte that separates the texts of one input for the targets that take several: 0xFF never
/// occurs in UTF-8, so it cannot be part of a return (the dictionary lists it).
pub const SEPARATOR: u8 = 0xFF;

/// At most this many texts are taken from one input, to keep each run quick.
pub const MAX_PIECES: usize = 8;

/// The texts of one input: the bytes between separators, at most [`MAX_PIECES`].
pub fn pieces(data: &[u8]) -> Vec<&[u8]> {
    data.split(|&b| b == SEPARATOR).take(MAX_PIECES).collect()
}

/// Validates, scores and measures the completeness of a return, and checks what holds of every
/// return: diagnostics point into it and say something; scores are percentages; counts add up;
/// a final return is refused exactly when something is outstanding; nothing outstanding means no
/// errors.
pub fn check_review(ret: &Return) {
    let diagnostics = validate(ret);
    for d in &diagnostics {
        assert!(d.path.is_empty() || d.path.starts_with('/'), "{d:?}");
        assert!(!d.message.is_empty(), "{d:?}");
        assert_eq!(d.severity, d.code.severity(), "{d:?}");
    }

    if let Some(card) = score(ret) {
        for s in card.domains.iter().map(|d| &d.score).chain([&card.overall]) {
            assert!(s.rated <= s.answered && s.answered <= s.total, "{s:?}");
            if let Some(v) = s.score {
                assert!((0.0..=100.0).contains(&v), "{s:?}");
            }
            assert_eq!(s.score.is_some(), s.rated > 0, "{s:?}");
        }
    }

    let c = completeness(ret);
    for p in [c.maturity, c.template, c.findings] {
        assert!(p.done <= p.total, "{p:?}");
    }

    let left = outstanding(ret, &diagnostics);
    for o in &left {
        assert!(!o.message().is_empty(), "{o:?}");
    }
    if left.is_empty() {
        assert!(!has_errors(&diagnostics), "nothing outstanding, yet errors: {diagnostics:?}");
    }
    // `final_incomplete` is given exactly when a final return has something else outstanding.
    let refused = diagnostics.iter().any(|d| d.code == Code::FinalIncomplete);
    let others: Vec<_> = diagnostics.iter().filter(|d| d.code != Code::FinalIncomplete).cloned().collect();
    let incomplete = !outstanding(ret, &others).is_empty();
    assert_eq!(refused, ret.status == ReturnStatus::Final && incomplete, "{diagnostics:?}");
}
