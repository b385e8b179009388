//! Calendar dates (`YYYY-MM-DD`) and timestamps (RFC 3339) as the return writes them: checked
//! by hand so that the crate needs no date library in the browser.

/// A calendar date, ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// The year.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, from 1.
    pub day: u8,
}

impl Date {
    /// The review round (an NHS financial year, April to March, as "2024-25") the date falls
    /// in.
    pub fn financial_year(self) -> String {
        let start = if self.month >= 4 { self.year } else { self.year - 1 };
        format!("{start}-{:02}", (start + 1) % 100)
    }

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
        Date::new(year, month, day)
    }

    /// The date if it exists (year from 1900).
    fn new(year: u16, month: u16, day: u16) -> Option<Date> {
        if year < 1900 || !(1..=12).contains(&month) {
            return None;
        }
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
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

    /// Reads a date as people in the UK write it: "30/09/2024", "30-9-2024", "30.09.24",
    /// "30 Sept 2024", "30 September 2024", "Monday 30 September 2024", or `YYYY-MM-DD`. Day
    /// first always; a two-digit year is in this century. The form stores the result as
    /// `YYYY-MM-DD` (see [`Date`]'s `Display`).
    pub fn parse_uk(s: &str) -> Option<Date> {
        let s = s.trim();
        if let Some(d) = Date::parse(s) {
            return Some(d);
        }
        let year = |t: &str| -> Option<u16> {
            let y: u16 = t.parse().ok()?;
            match t.len() {
                2 => Some(2000 + y),
                4 => Some(y),
                _ => None,
            }
        };
        let number = |t: &str| -> Option<u16> {
            (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse().ok())?
        };
        let parts: Vec<&str> = s.split(['/', '-', '.', ' ', ',']).filter(|p| !p.is_empty()).collect();
        // A weekday in front ("Monday 30 September 2024") says nothing the date does not.
        let parts = match parts.first() {
            Some(first) if first.len() >= 3 && WEEKDAYS.iter().any(|w| starts_word(w, first)) => &parts[1..],
            _ => &parts[..],
        };
        let [day, month, y] = parts else { return None };
        let (day, y) = (number(day.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']))?, year(y)?);
        let month = match number(month) {
            Some(m) => m,
            None => 1 + MONTHS.iter().position(|m| starts_word(m, month))? as u16,
        };
        Date::new(y, month, day)
    }

    /// The date as UK public documents write it: "30 September 2024".
    pub fn long(self) -> String {
        let month = MONTHS.get(usize::from(self.month).wrapping_sub(1)).copied().unwrap_or("");
        format!("{} {month} {}", self.day, self.year)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Whether `word` is `name` or an abbreviation of it of three letters or more, in any case
/// ("Sept", "sep", "SEPTEMBER").
fn starts_word(name: &str, word: &str) -> bool {
    word.len() >= 3 && word.len() <= name.len() && name[..word.len()].eq_ignore_ascii_case(word)
}

impl std::fmt::Display for Date {
    /// `YYYY-MM-DD`, as returns store dates.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whether `s` is an RFC 3339 timestamp such as `2024-09-30T14:05:00Z` or
/// `2024-09-30T14:05:00.123+01:00`.
pub fn is_timestamp(s: &str) -> bool {
    Timestamp::parse(s).is_some()
}

/// An RFC 3339 timestamp as the instant it names, so that timestamps compare by time whatever
/// their offsets and fractions: `2024-09-30T14:05:00+01:00` equals `2024-09-30T13:05:00Z`, and
/// `…00.123Z` is after `…00Z` (as text it sorts before).
///
/// Fractions are kept to the nanosecond (further digits are dropped). A leap second (`:60`)
/// counts as the last second of its minute running long: after `:59.999…`, before the next
/// minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z, leap seconds not counted.
    seconds: i64,
    /// Nanoseconds after `seconds`; 1,000,000,000 or more only within a leap second.
    nanos: u32,
}

impl Timestamp {
    /// Parses `YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)` (`T` and `Z` in either case),
    /// refusing impossible dates and times.
    pub fn parse(s: &str) -> Option<Timestamp> {
        let b = s.as_bytes();
        if b.len() < 20 || !matches!(b[10], b'T' | b't') || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let date = Date::parse(s.get(..10)?)?;
        let (hour, minute, second) = (two(&b[11..13], 23)?, two(&b[14..16], 59)?, two(&b[17..19], 60)?);
        let mut zone = &b[19..];
        let mut nanos = 0;
        if let [b'.', fraction @ ..] = zone {
            let digits = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            // To the nanosecond: the first nine digits, padded with zeros.
            let mut next = fraction[..digits].iter();
            for _ in 0..9 {
                nanos = nanos * 10 + next.next().map_or(0, |c| u32::from(c - b'0'));
            }
            zone = &fraction[digits..];
        }
        let offset_minutes = match *zone {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let minutes = two(&[h1, h2], 23)? * 60 + two(&[m1, m2], 59)?;
                if sign == b'-' { -minutes } else { minutes }
            }
            _ => return None,
        };
        let leap = second == 60;
        if leap {
            nanos += 1_000_000_000;
        }
        let seconds = days_since_epoch(date) * 86_400 + hour * 3_600 + minute * 60 + second
            - i64::from(leap)
            - offset_minutes * 60;
        Some(Timestamp { seconds, nanos })
    }

    /// Whole seconds since 1970-01-01T00:00:00Z.
    pub fn unix_seconds(self) -> i64 {
        self.seconds
    }

    /// Milliseconds since 1970-01-01T00:00:00Z, as JavaScript's `Date` counts them.
    pub fn unix_millis(self) -> i64 {
        self.seconds * 1_000 + i64::from(self.nanos / 1_000_000)
    }
}

/// Days from 1970-01-01 to `d` (Howard Hinnant's `days_from_civil`).
fn days_since_epoch(d: Date) -> i64 {
    let year = i64::from(d.year) - i64::from(d.month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (i64::from(d.month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(d.day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Two digits, at most `max`.
fn two(b: &[u8], max: i64) -> Option<i64> {
    match *b {
        [t @ b'0'..=b'9', u @ b'0'..=b'9'] => {
            Some(i64::from(t - b'0') * 10 + i64::from(u - b'0')).filter(|v| *v <= max)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_dates_are_read_day_first_and_written_long() {
        let sept = Some(Date { year: 2024, month: 9, day: 30 });
        for s in [
            "30/09/2024",
            "30/9/2024",
            "30-09-2024",
            "30.09.24",
            " 30 Sept 2024 ",
            "30 sep 2024",
            "30 September 2024",
            "30th September 2024",
            "Monday 30 September 2024",
            "Mon, 30 Sept 2024",
            "2024-09-30",
        ] {
            assert_eq!(Date::parse_uk(s), sept, "{s}");
        }
        for s in ["09/30/2024", "31/09/2024", "30 Se 2024", "30 Septembers 2024", "30/09", "", "30/09/202", "2024"] {
            assert_eq!(Date::parse_uk(s), None, "{s}");
        }
        assert_eq!(Date::parse_uk("29/02/2024").map(Date::long).as_deref(), Some("29 February 2024"));
        assert_eq!(Date::parse_uk("1 Mar 2025").map(|d| d.to_string()).as_deref(), Some("2025-03-01"));
        assert_eq!(Date::parse("2025-03-31").map(Date::long).as_deref(), Some("31 March 2025"));
    }

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
            "2024-09-30T14:05:00Z12:34",
            "2024-09-30T14:05:00+01:60",
            "2024-09-30T14:05:00.1x2Z",
            "2024-09-30T14:05:00Z ",
            // Text that is not ASCII is refused, never sliced inside a character.
            "2024-09-30T\u{e9}:05:00Z",
            "2024-09-30T14:05:00+\u{e9}:00",
            "2024-09-30T14:05:00.\u{e9}Z",
            "2024-09-3\u{e9}T14:05:00Z",
            "\u{ff12}\u{ff10}\u{ff12}\u{ff14}-09-30T14:05:00Z",
        ] {
            assert!(!is_timestamp(bad), "{bad}");
        }
    }

    fn t(s: &str) -> Timestamp {
        Timestamp::parse(s).unwrap_or_else(|| panic!("{s} is a timestamp"))
    }

    #[test]
    fn timestamps_are_instants() {
        assert_eq!(t("1970-01-01T00:00:00Z").unix_seconds(), 0);
        assert_eq!(t("2024-09-30T14:05:00Z").unix_seconds(), 1_727_705_100);
        assert_eq!(t("2000-02-29T23:59:59.999Z").unix_millis(), 951_868_799_999);
        // A fraction is later than none, though as text `.` sorts before `Z`.
        assert!(t("2024-09-30T14:05:00.123Z") > t("2024-09-30T14:05:00Z"));
        assert!("2024-09-30T14:05:00.123Z" < "2024-09-30T14:05:00Z");
        assert!(t("2024-09-30T14:05:00.1Z") == t("2024-09-30T14:05:00.100000000Z"));
        assert!(t("2024-09-30T14:05:00.0000000019Z") == t("2024-09-30T14:05:00.000000001Z"));
        // Offsets: the same instant written in British Summer Time and in UTC.
        assert_eq!(t("2024-09-30T15:05:00+01:00"), t("2024-09-30T14:05:00Z"));
        assert_eq!(t("2024-09-30T08:35:00-05:30"), t("2024-09-30T14:05:00z"));
        assert_eq!(t("2024-09-30T14:05:00-00:00"), t("2024-09-30T14:05:00Z"));
        // 14:30 in BST is 13:30 UTC: earlier than 13:45 UTC, though later as text.
        assert!(t("2024-07-15T14:30:00+01:00") < t("2024-07-15T13:45:00Z"));
        // Across midnight and a year's end.
        assert_eq!(t("2025-01-01T00:30:00+01:00"), t("2024-12-31T23:30:00Z"));
        // A leap second runs after :59 and before the next minute.
        assert!(t("2016-12-31T23:59:60Z") > t("2016-12-31T23:59:59.999Z"));
        assert!(t("2016-12-31T23:59:60.5Z") < t("2017-01-01T00:00:00Z"));
        assert_eq!(t("2016-12-31T23:59:60.5Z").unix_millis(), t("2017-01-01T00:00:00.5Z").unix_millis());
    }
}
