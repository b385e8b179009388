//! Calendar dates (`YYYY-MM-DD`) and timestamps (RFC 3339) as the return writes them: checked
//! by hand so that the crate needs no date library in the browser.

/// A calendar date, ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, refusing impossible dates such as 2024-02-30.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = &s[r];
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if year < 1900 || !(1..=12).contains(&month) {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day == 0 || day > days {
            return None;
        }
        Some(Date { year, month: month as u8, day: day as u8 })
    }
}

/// Whether `s` is an RFC 3339 timestamp such as `2024-09-30T14:05:00Z` or
/// `2024-09-30T14:05:00.123+01:00`.
pub fn is_timestamp(s: &str) -> bool {
    let Some((date, time)) = s.split_once(['T', 't']) else {
        return false;
    };
    if Date::parse(date).is_none() {
        return false;
    }
    let (clock, zone) = match time.find(['Z', 'z', '+', '-']) {
        Some(i) => time.split_at(i),
        None => return false,
    };
    let zone_ok = zone.eq_ignore_ascii_case("z") || {
        let z = zone.as_bytes();
        z.len() == 6 && z[3] == b':' && two(&zone[1..3], 23) && two(&zone[4..6], 59)
    };
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, "1"));
    let t = hms.as_bytes();
    zone_ok
        && t.len() == 8
        && t[2] == b':'
        && t[5] == b':'
        && two(&hms[0..2], 23)
        && two(&hms[3..5], 59)
        && two(&hms[6..8], 60)
        && !frac.is_empty()
        && frac.bytes().all(|c| c.is_ascii_digit())
}

fn two(s: &str, max: u8) -> bool {
    s.len() == 2 && s.bytes().all(|c| c.is_ascii_digit()) && s.parse::<u8>().is_ok_and(|v| v <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2024-09-30"), Some(Date { year: 2024, month: 9, day: 30 }));
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2000-02-29").is_some());
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2024-02-30",
            "2024-13-01",
            "2024-00-10",
            "2024-04-31",
            "2024-9-30",
            "30/09/2024",
            "",
            "2024-09-3x",
            "+024-09-30",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-09-30") < Date::parse("2025-01-01"));
    }

    #[test]
    fn timestamps() {
        for good in ["2024-09-30T14:05:00Z", "2024-09-30T14:05:00.123+01:00", "2024-09-30t14:05:00-05:30"] {
            assert!(is_timestamp(good), "{good}");
        }
        for bad in [
            "2024-09-30",
            "2024-09-30T14:05Z",
            "2024-09-30T25:00:00Z",
            "2024-02-30T10:00:00Z",
            "2024-09-30T14:05:00",
            "2024-09-30T14:05:00.Z",
            "2024-09-30T14:05:00+1:00",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }
}
