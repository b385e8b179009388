//! Who a return speaks for, as an identity: [`Scope::key`] decides when two returns are the
//! same ICB and scope (one replaces the other in a collation, two rounds can be compared, a
//! roll-up gathers an ICB's teams), and [`Scope::label`] names it for people. Every part of the
//! crate asks these, so they cannot disagree.

use crate::model::{Scope, ScopeLevel};
use crate::register::Register;

/// The identity of a scope: the ICB (its ODS code when the register knows it), the level, and
/// the organisation and team with case and runs of spaces ignored.
///
/// Folding is ASCII only: ICB names are ASCII, and Unicode case tables would add kilobytes to
/// the browser form, which also checks scopes. "Siân" and "SIÂN" are therefore different
/// teams, while "North  team" and "north team" are one.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeKey {
    /// [`icb_identity`] of the ICB.
    pub icb: String,
    /// ICB, provider or team.
    pub level: ScopeLevel,
    /// The organisation, folded; empty for an ICB return.
    pub organisation: String,
    /// The team, folded; empty unless a team return.
    pub team: String,
}

/// How a name is compared: words separated by single spaces, ASCII letters in lower case.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.make_ascii_lowercase();
    out
}

/// The ICB a name means: its ODS code when the register finds it (however it is written),
/// otherwise the name folded as [`ScopeKey`] folds.
pub fn icb_identity(name: &str) -> String {
    Register::get().find_icb(name).map_or_else(|| fold(name), |icb| icb.code.to_owned())
}

/// Whether two names mean the same ICB.
pub fn same_icb(a: &str, b: &str) -> bool {
    icb_identity(a) == icb_identity(b)
}

impl Scope {
    /// The identity that decides whether two returns are for the same ICB and scope. Only the
    /// parts the level uses count: a team name left in an ICB return does not split it.
    pub fn key(&self) -> ScopeKey {
        let level = self.level;
        ScopeKey {
            icb: icb_identity(&self.icb),
            level,
            organisation: if level == ScopeLevel::Icb { String::new() } else { fold(&self.organisation) },
            team: if level == ScopeLevel::Team { fold(&self.team) } else { String::new() },
        }
    }

    /// A short label for the scope: "Devon", "Devon: Riverside NHS Trust", ...
    pub fn label(&self) -> String {
        let icb = match Register::get().find_icb(&self.icb) {
            Some(icb) => icb.short_name().to_owned(),
            None if self.icb.trim().is_empty() => "New return".to_owned(),
            None => self.icb.trim().to_owned(),
        };
        let mut parts = vec![icb];
        if self.level != ScopeLevel::Icb && !self.organisation.trim().is_empty() {
            parts.push(self.organisation.trim().to_owned());
        }
        if self.level == ScopeLevel::Team && !self.team.trim().is_empty() {
            parts.push(self.team.trim().to_owned());
        }
        parts.join(": ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(level: ScopeLevel, icb: &str, organisation: &str, team: &str) -> Scope {
        Scope { level, icb: icb.into(), region: String::new(), organisation: organisation.into(), team: team.into() }
    }

    #[test]
    fn one_scope_however_it_is_written() {
        let a = scope(ScopeLevel::Team, "Devon", "Riverside  Trust", "North  team");
        let b = scope(ScopeLevel::Team, "NHS Devon Integrated Care Board", " riverside trust", "north team ");
        assert_eq!(a.key(), b.key());
        assert_eq!(a.key().icb, "QJK");
        // Parts the level does not use do not count.
        let icb = scope(ScopeLevel::Icb, "Devon", "", "");
        let stray = scope(ScopeLevel::Icb, "devon icb", "Old org", "Old team");
        assert_eq!(icb.key(), stray.key());
    }

    #[test]
    fn different_scopes_differ() {
        let base = scope(ScopeLevel::Team, "Devon", "Riverside Trust", "North team");
        for other in [
            scope(ScopeLevel::Team, "Cornwall and the Isles of Scilly", "Riverside Trust", "North team"),
            scope(ScopeLevel::Team, "Devon", "Riverside Trust", "South team"),
            scope(ScopeLevel::Team, "Devon", "Hillside Trust", "North team"),
            scope(ScopeLevel::Provider, "Devon", "Riverside Trust", "North team"),
        ] {
            assert_ne!(base.key(), other.key(), "{other:?}");
        }
        // Names the register does not know are compared as written, folded.
        assert!(same_icb("Somewhere  Else", "somewhere else"));
        assert!(!same_icb("Somewhere", "Elsewhere"));
    }
}
