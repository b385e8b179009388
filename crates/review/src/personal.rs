//! What looks like patient-identifiable data in free text: NHS numbers (with a valid check
//! digit), dates of birth (a date near "DOB", "born", "date of birth"), full UK postcodes, UK
//! phone numbers and email addresses. A return is about services, never about a patient; board
//! papers say "Contains patient identifiable data: No", so anything like this is worth a look
//! before a return is sent or published.
//!
//! Written by hand rather than with a regular-expression library, which would add more to the
//! form's wasm than these few scanners; each is tested on the texts of the seed returns and
//! fixtures for false positives.

use crate::date::Date;

/// A letter or digit: ASCII ones, and any character beyond ASCII that is not a space. Close
/// enough for finding word boundaries, and it keeps Unicode's letter and number tables (some
/// KB) out of the browser form.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_whitespace())
}

crate::keyword_enum! {
    /// A kind of personal data found in text.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
    #[non_exhaustive]
    pub enum PersonalKind {
        /// Ten digits (3-3-4 or run together) with a valid NHS modulus-11 check digit.
        NhsNumber = "nhs_number", "an NHS number",
        /// A date just after "DOB", "d.o.b.", "born" or "date of birth".
        DateOfBirth = "date_of_birth", "a date of birth",
        /// A full UK postcode, such as BS1 4DJ.
        Postcode = "postcode", "a postcode",
        /// A UK phone number, such as 0117 496 0000 or +44 7700 900000.
        Phone = "phone", "a phone number",
        /// An email address.
        Email = "email", "an email address",
    }
}

/// One thing found: what kind, and the text masked so that the message does not repeat it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonalData {
    /// What it looks like.
    pub kind: PersonalKind,
    /// The text found with most of it hidden: "943 *** ****", "BS1 ***", "p***@nhs.net".
    pub masked: String,
}

/// Everything in `text` that looks like patient-identifiable data, in order of kind. `emails`
/// is false for a field meant to hold an email address.
pub fn scan(text: &str, emails: bool) -> Vec<PersonalData> {
    let mut found = Vec::new();
    let mut push = |kind, masked| found.push(PersonalData { kind, masked });
    // Every kind but an email address holds an ASCII digit (a date of birth its day and year),
    // and an email address an `@`: a text with neither is passed over in one look. Measured by
    // CPU profiles: in the browser's collation of 500 returns the scan went from about 500 to
    // 95 ms; natively, of 10,000 returns to a workbook, from 1.7 to 0.8 s.
    let (digits, at) = text.bytes().fold((false, false), |(d, a), b| (d || b.is_ascii_digit(), a || b == b'@'));
    if digits {
        let chars: Vec<char> = text.chars().collect();
        for run in digit_runs(&chars) {
            if run.digits.len() == 10 && is_nhs_number(&run.digits) && run.grouping_is(&[3, 3, 4]) {
                push(PersonalKind::NhsNumber, mask_digits(&run.text, 3));
            } else if is_phone(&run) {
                push(PersonalKind::Phone, mask_digits(&run.text, 4));
            }
        }
        for date in dates_of_birth(text) {
            push(PersonalKind::DateOfBirth, mask_digits(&date, 0));
        }
        for outward in postcodes(&chars) {
            push(PersonalKind::Postcode, format!("{outward} ***"));
        }
    }
    if emails && at {
        for email in email_addresses(text) {
            push(PersonalKind::Email, mask_email(email));
        }
    }
    found
}

/// Digits with the separators between them (single spaces or hyphens), not touching letters or
/// other digits.
struct DigitRun {
    /// The run as written.
    text: String,
    /// Its digits.
    digits: Vec<u8>,
    /// How many digits each group has, between separators.
    groups: Vec<usize>,
    /// Whether it is written "+44 ...".
    plus: bool,
}

impl DigitRun {
    /// Whether the digits are grouped as `groups`, or run together.
    fn grouping_is(&self, groups: &[usize]) -> bool {
        self.groups.len() == 1 || self.groups == groups
    }
}

fn digit_runs(chars: &[char]) -> Vec<DigitRun> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts =
            chars[i].is_ascii_digit() || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        if !starts || (i > 0 && (is_word_char(chars[i - 1]) || chars[i - 1] == '.' || chars[i - 1] == '/')) {
            i += 1;
            continue;
        }
        let plus = chars[i] == '+';
        let start = i;
        if plus {
            i += 1;
        }
        let (mut digits, mut groups, mut group) = (Vec::new(), Vec::new(), 0);
        while i < chars.len() {
            let c = chars[i];
            if let Some(d) = c.to_digit(10) {
                digits.push(d as u8);
                group += 1;
                i += 1;
            } else if matches!(c, ' ' | '-') && group > 0 && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                groups.push(group);
                group = 0;
                i += 1;
            } else {
                break;
            }
        }
        groups.push(group);
        // Digits run into letters or a decimal point ("10.5", "123abc"): not a number of ours.
        let touches = chars
            .get(i)
            .is_some_and(|c| is_word_char(*c) || (*c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit)));
        if !touches {
            runs.push(DigitRun { text: chars[start..i].iter().collect(), digits, groups, plus });
        }
    }
    runs
}

/// The NHS number check: weights 10 down to 2 on the first nine digits; 11 less the sum
/// modulo 11 is the tenth (11 counts as 0; 10 is never valid).
fn is_nhs_number(digits: &[u8]) -> bool {
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9].iter().zip((2..=10).rev()).map(|(&d, w)| u32::from(d) * w).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == u32::from(digits[9])
}

/// A UK phone number: 0 and ten more digits (or nine: some areas), or +44 and ten digits.
fn is_phone(run: &DigitRun) -> bool {
    let d = &run.digits;
    if run.plus {
        return d.starts_with(&[4, 4]) && (11..=12).contains(&d.len()) && d[2] != 0;
    }
    d.first() == Some(&0) && d.get(1).is_some_and(|&x| x != 0) && (10..=11).contains(&d.len())
}

/// The digits of `s` after the first `keep` replaced by `*`.
fn mask_digits(s: &str, keep: usize) -> String {
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen > keep { '*' } else { c }
            } else {
                c
            }
        })
        .collect()
}

/// Dates written just after a word that introduces a date of birth.
fn dates_of_birth(text: &str) -> Vec<String> {
    const CUES: [&str; 5] = ["date of birth", "d.o.b", "dob", "born on", "born"];
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while from < lower.len() {
        // The nearest cue from here; longer cues first at one position.
        let Some((at, cue)) = CUES
            .iter()
            .filter_map(|c| lower[from..].find(c).map(|i| (from + i, *c)))
            .min_by_key(|(i, c)| (*i, usize::MAX - c.len()))
        else {
            break;
        };
        let before_ok = lower[..at].chars().next_back().is_none_or(|c| !is_word_char(c));
        let after = at + cue.len();
        let after_ok = lower[after..].chars().next().is_none_or(|c| !is_word_char(c));
        if before_ok
            && after_ok
            && let Some(date) = date_after(&text[after..])
        {
            out.push(date);
        }
        from = after;
    }
    out
}

/// A date within the few words after a cue: "(DOB 12/03/1986", "born 12 March 1986".
fn date_after(rest: &str) -> Option<String> {
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '(' | ')' | ','))
        .filter(|w| !w.is_empty())
        .take(5)
        .collect();
    for start in 0..words.len().min(3) {
        for len in (1..=3).rev() {
            let Some(candidate) = words.get(start..start + len) else { continue };
            let candidate = candidate.join(" ");
            if Date::parse_uk(&candidate).is_some() {
                return Some(candidate);
            }
        }
    }
    None
}

/// The outward codes of full UK postcodes in capitals: outward code (A9, A99, AA9, AA99, A9A,
/// AA9A), a space or none, inward code (9AA).
fn postcodes(chars: &[char]) -> Vec<String> {
    let up = |c: Option<&char>| c.is_some_and(char::is_ascii_uppercase);
    let digit = |c: Option<&char>| c.is_some_and(char::is_ascii_digit);
    let mut out = Vec::new();
    for start in 0..chars.len() {
        if start > 0 && is_word_char(chars[start - 1]) {
            continue;
        }
        let at = |i: usize| chars.get(start + i);
        // The outward code: one or two letters, a digit, then a letter or digit at most.
        let letters = if up(at(0)) && up(at(1)) {
            2
        } else if up(at(0)) {
            1
        } else {
            continue;
        };
        if !digit(at(letters)) {
            continue;
        }
        for outward in [letters + 2, letters + 1] {
            if outward == letters + 2 && !(up(at(letters + 1)) || digit(at(letters + 1))) {
                continue;
            }
            let space = usize::from(at(outward) == Some(&' '));
            let inward = outward + space;
            if digit(at(inward))
                && up(at(inward + 1))
                && up(at(inward + 2))
                && !at(inward + 3).is_some_and(|c| is_word_char(*c))
            {
                out.push(chars[start..start + outward].iter().collect());
                break;
            }
        }
    }
    out
}

/// Words that look like email addresses: something, `@`, a domain with a dot.
fn email_addresses(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>' | ',' | ';' | '"'))
        .map(|w| w.trim_end_matches(['.', ':']))
        .filter(|w| match w.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && domain.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
            }
            None => false,
        })
        .collect()
}

fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PersonalKind, String)> {
        scan(text, true).into_iter().map(|f| (f.kind, f.masked)).collect()
    }

    #[test]
    fn nhs_numbers_need_a_valid_check_digit() {
        use PersonalKind::*;
        // From the range reserved for testing (999 000 0000 to 999 999 9999).
        assert_eq!(kinds("Patient 999 000 0018 was discharged"), [(NhsNumber, "999 *** ****".into())]);
        assert_eq!(kinds("nhs no 9990000018."), [(NhsNumber, "999*******".into())]);
        assert_eq!(
            kinds("9990000026 and 999-000-0034"),
            [(NhsNumber, "999*******".into()), (NhsNumber, "999-***-****".into())]
        );
        // The same digits with a wrong check digit, in other groupings, or inside longer numbers.
        for text in ["999 000 0019", "99 9000 0018", "99990000018", "ref 9990000018x", "1.9990000018"] {
            assert!(kinds(text).iter().all(|(k, _)| *k != NhsNumber), "{text}");
        }
    }

    #[test]
    fn dates_of_birth_postcodes_phones_and_emails() {
        use PersonalKind::*;
        let text = "Patient 999 000 0018 (DOB 12/03/1986, BS1 4DJ) was discharged after 3 DNAs; call 0117 496 0000 or p.smith@example.com";
        assert_eq!(
            kinds(text),
            [
                (NhsNumber, "999 *** ****".into()),
                (Phone, "0117 *** ****".into()),
                (DateOfBirth, "**/**/****".into()),
                (Postcode, "BS1 ***".into()),
                (Email, "p***@example.com".into()),
            ]
        );
        assert_eq!(kinds("born 12 March 1986 in Leeds")[0].0, DateOfBirth);
        assert_eq!(kinds("date of birth: 1986-03-12")[0].0, DateOfBirth);
        assert_eq!(kinds("M1 1AE and SW1A 1AA")[1].1, "SW1A ***");
        assert_eq!(kinds("+44 7700 900123")[0].0, Phone);
        assert!(scan("lead@example.nhs.uk", false).is_empty(), "a contact field may hold an email");
    }

    #[test]
    fn ordinary_review_text_is_left_alone() {
        for text in [
            "Smaller caseloads. (10-12 cases per staff member).",
            "Review date 2025-09-20; completed on 30 September 2024 by 12 people.",
            "Q3 2024-25: 1,197 actions, 0.3 MB; see Ch3 5th paragraph and NICE CG178.",
            "Born out of the 2019 Long Term Plan, the service launched on 1 April 2021.",
            "The team of 14 covers BNSSG; 2 of 3 posts filled; 24/7 crisis line 111.",
            "Ring 999 in an emergency; 116 123 for Samaritans.",
            "Version 3.2.1 of policy MH-CP-014, 2023-2026.",
        ] {
            assert_eq!(kinds(text), [], "{text}");
        }
    }
}
