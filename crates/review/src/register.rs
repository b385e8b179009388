//! The register of NHS England's seven regions and the 42 integrated care boards in them
//! (`data/icbs.json`, turned into statics by `build.rs`), and forgiving lookup of an ICB by the
//! name a person typed.

use std::sync::OnceLock;

use serde::Serialize;

/// One integrated care board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Icb {
    /// The ODS code, such as `QUY`.
    pub code: &'static str,
    /// The formal name, such as "NHS Bristol, North Somerset and South Gloucestershire
    /// Integrated Care Board".
    pub name: &'static str,
    /// Its NHS England region.
    pub region: &'static str,
}

impl Icb {
    /// The name as people write it: "Bristol, North Somerset and South Gloucestershire".
    pub fn short_name(&self) -> &'static str {
        let name = self.name.strip_prefix("NHS ").unwrap_or(self.name);
        name.strip_suffix(" Integrated Care Board").unwrap_or(name)
    }
}

/// The register of regions and ICBs, as static data generated from `data/icbs.json`.
#[derive(Debug)]
pub struct Register {
    /// NHS England's seven regions.
    pub regions: &'static [&'static str],
    /// The 42 ICBs.
    pub icbs: &'static [Icb],
}

include!(concat!(env!("OUT_DIR"), "/register_data.rs"));

static REGISTER: Register = Register { regions: REGIONS, icbs: ICBS };

impl Register {
    /// The register.
    pub fn get() -> &'static Register {
        &REGISTER
    }

    /// Whether `name` is one of the seven regions (exactly as the register spells it).
    pub fn is_region(&self, name: &str) -> bool {
        self.regions.contains(&name)
    }

    /// Finds an ICB by formal name, short name, ODS code or a near spelling: case, "NHS",
    /// "ICB" / "Integrated Care Board", "&" for "and" and punctuation are ignored.
    pub fn find_icb(&self, name: &str) -> Option<&'static Icb> {
        let trimmed = name.trim();
        if let Some(icb) = self.icbs.iter().find(|i| i.code.eq_ignore_ascii_case(trimmed)) {
            return Some(icb);
        }
        let key = match_key(name);
        if key.is_empty() {
            return None;
        }
        // The ICBs' own keys, worked out once.
        static KEYS: OnceLock<Vec<String>> = OnceLock::new();
        let keys = KEYS.get_or_init(|| self.icbs.iter().map(|i| match_key(i.name)).collect());
        keys.iter().position(|k| *k == key).and_then(|i| self.icbs.get(i))
    }

    /// The ICBs of one region.
    pub fn icbs_in(&self, region: &str) -> impl Iterator<Item = &'static Icb> {
        self.icbs.iter().filter(move |i| i.region == region)
    }
}

/// Reduces a name to lower-case words without the noise people vary.
fn match_key(name: &str) -> String {
    // ICB names are ASCII, so ASCII case folding finds every match (and keeps Unicode tables
    // out of the browser form).
    let lower = name.to_ascii_lowercase().replace('&', " and ");
    // A letter outside ASCII counts as part of a word, without the Unicode tables.
    let words: Vec<&str> = lower.split(|c: char| !crate::personal::is_word_char(c)).filter(|w| !w.is_empty()).collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w == "nhs" || w == "icb" {
            i += 1;
        } else if words[i..].starts_with(&["integrated", "care", "board"]) {
            i += 3;
        } else {
            out.push(w);
            i += 1;
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_has_42_icbs_in_7_regions() {
        let r = Register::get();
        assert_eq!(r.regions.len(), 7);
        assert_eq!(r.icbs.len(), 42);
        for icb in r.icbs {
            assert!(r.is_region(icb.region), "{} has region {}", icb.name, icb.region);
        }
        let per_region: Vec<usize> = r.regions.iter().map(|g| r.icbs_in(g).count()).collect();
        assert!(per_region.iter().all(|n| (3..=11).contains(n)), "{per_region:?}");
    }

    #[test]
    fn finds_an_icb_however_it_is_written() {
        let r = Register::get();
        for name in [
            "NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board",
            "Bristol, North Somerset and South Gloucestershire ICB",
            "bristol north somerset & south gloucestershire",
            "QUY",
            " quy ",
        ] {
            assert_eq!(r.find_icb(name).map(|i| i.code), Some("QUY"), "{name}");
        }
        assert_eq!(r.find_icb("BNSSG"), None);
        assert_eq!(r.find_icb("NHS ICB"), None);
        assert_eq!(r.find_icb(""), None);
        let icb = r.find_icb("Devon").unwrap();
        assert_eq!((icb.short_name(), icb.region), ("Devon", "South West"));
    }
}
