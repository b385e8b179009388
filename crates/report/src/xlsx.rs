//! The collation as an Excel workbook (Office Open XML): sheets for returns, questions (long
//! format), flags and actions, each with a bold frozen header row and filters.
//!
//! Written directly rather than through a spreadsheet library: a workbook is a zip of a few
//! XML parts, and this small writer (stored entries, inline strings) runs the same natively and
//! in the browser without adding a compression stack to the widget.

use std::fmt::Write as _;

use iacmh_review::collate::Collation;

use crate::tables::{Cell, Table, actions, flags, questions, returns};

/// Data rows a sheet can hold under its header row (Excel's limit is 1,048,576 rows).
pub const MAX_SHEET_ROWS: usize = 1_048_575;

/// Why a workbook could not be written.
#[derive(Debug, PartialEq, Eq)]
pub enum XlsxError {
    /// A part would exceed the 4 GiB a zip without extensions can hold.
    TooLarge,
}

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the workbook would be larger than 4 GB; collate fewer returns")
    }
}

impl std::error::Error for XlsxError {}

/// The workbook's bytes.
pub fn to_xlsx(c: &Collation) -> Result<Vec<u8>, XlsxError> {
    let mut sheets: Vec<(String, String)> = Vec::new();
    for table in [returns(c), questions(c), flags(c), actions(c)] {
        let parts: Vec<&[Vec<Cell>]> =
            if table.rows.is_empty() { vec![&[]] } else { table.rows.chunks(MAX_SHEET_ROWS).collect() };
        for (i, rows) in parts.into_iter().enumerate() {
            let name = if i == 0 { table.name.to_owned() } else { format!("{} ({})", table.name, i + 1) };
            sheets.push((name, sheet_xml(&table, rows)));
        }
    }
    let mut zip = Zip::default();
    zip.add("[Content_Types].xml", &content_types(sheets.len()))?;
    zip.add("_rels/.rels", RELS)?;
    zip.add("xl/workbook.xml", &workbook(&sheets))?;
    zip.add("xl/_rels/workbook.xml.rels", &workbook_rels(sheets.len()))?;
    zip.add("xl/styles.xml", STYLES)?;
    for (i, (_, xml)) in sheets.iter().enumerate() {
        zip.add(&format!("xl/worksheets/sheet{}.xml", i + 1), xml)?;
    }
    zip.finish()
}

const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";

/// Style 0 is plain, style 1 bold (the header row).
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>";

fn content_types(sheets: usize) -> String {
    let mut x = format!(
        "{HEADER}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
    );
    for i in 1..=sheets {
        let _ = write!(
            x,
            "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    x.push_str("</Types>");
    x
}

fn workbook(sheets: &[(String, String)]) -> String {
    let mut x = format!("{HEADER}<workbook xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheets>");
    for (i, (name, _)) in sheets.iter().enumerate() {
        let _ = write!(x, "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", escape(name), i + 1, i + 1);
    }
    x.push_str("</sheets></workbook>");
    x
}

fn workbook_rels(sheets: usize) -> String {
    let mut x =
        format!("{HEADER}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for i in 1..=sheets {
        let _ =
            write!(x, "<Relationship Id=\"rId{i}\" Type=\"{REL_NS}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>");
    }
    let _ = write!(
        x,
        "<Relationship Id=\"rId{}\" Type=\"{REL_NS}/styles\" Target=\"styles.xml\"/></Relationships>",
        sheets + 1
    );
    x
}

/// `A`, `B`, ... `Z`, `AA`, ... for a zero-based column.
fn column(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Escapes text for XML, dropping the control characters XML 1.0 cannot hold.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn sheet_xml(table: &Table, rows: &[Vec<Cell>]) -> String {
    let mut x = format!(
        "{HEADER}<worksheet xmlns=\"{MAIN_NS}\" xmlns:r=\"{REL_NS}\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetData>"
    );
    let cols: Vec<String> = (0..table.headers.len().max(1)).map(column).collect();
    x.push_str("<row r=\"1\">");
    for (c, h) in table.headers.iter().enumerate() {
        let _ = write!(x, "<c r=\"{}1\" t=\"inlineStr\" s=\"1\"><is><t>{}</t></is></c>", cols[c], escape(h));
    }
    x.push_str("</row>");
    for (r, row) in rows.iter().enumerate() {
        let r = r + 2;
        let _ = write!(x, "<row r=\"{r}\">");
        for (c, cell) in row.iter().enumerate() {
            let Some(col) = cols.get(c) else { continue };
            match cell {
                // Inline strings are never evaluated as formulas, so the text is written as the
                // return has it: no apostrophe in front of a "- bullet" or "= sign".
                Cell::Text(t) => {
                    let _ = write!(
                        x,
                        "<c r=\"{col}{r}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                        escape(t)
                    );
                }
                Cell::Number(n) if n.is_finite() => {
                    let _ = write!(x, "<c r=\"{col}{r}\"><v>{n}</v></c>");
                }
                Cell::Number(_) | Cell::Empty => {}
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData>");
    if !table.headers.is_empty() {
        let _ = write!(x, "<autoFilter ref=\"A1:{}{}\"/>", cols[table.headers.len() - 1], rows.len() + 1);
    }
    x.push_str("</worksheet>");
    x
}

/// A zip archive of stored (uncompressed) entries: all a workbook needs.
#[derive(Default)]
struct Zip {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: u16,
}

impl Zip {
    fn add(&mut self, name: &str, data: &str) -> Result<(), XlsxError> {
        let data = data.as_bytes();
        let (size, offset) = (u32::try_from(data.len()), u32::try_from(self.out.len()));
        let (Ok(size), Ok(offset)) = (size, offset) else {
            return Err(XlsxError::TooLarge);
        };
        let crc = crc32(data);
        let name_len = name.len() as u16;
        // 1980-01-01 00:00, the earliest date a zip can hold: the file has no meaningful time.
        let (time, date) = (0u16, 0x21u16);
        let local = [
            &0x0403_4b50u32.to_le_bytes()[..],
            &20u16.to_le_bytes(),
            &0x0800u16.to_le_bytes(), // names are UTF-8
            &0u16.to_le_bytes(),      // stored
            &time.to_le_bytes(),
            &date.to_le_bytes(),
            &crc.to_le_bytes(),
            &size.to_le_bytes(),
            &size.to_le_bytes(),
            &name_len.to_le_bytes(),
            &0u16.to_le_bytes(),
        ]
        .concat();
        self.out.extend_from_slice(&local);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);
        let central = [
            &0x0201_4b50u32.to_le_bytes()[..],
            &20u16.to_le_bytes(),
            &20u16.to_le_bytes(),
            &0x0800u16.to_le_bytes(),
            &0u16.to_le_bytes(),
            &time.to_le_bytes(),
            &date.to_le_bytes(),
            &crc.to_le_bytes(),
            &size.to_le_bytes(),
            &size.to_le_bytes(),
            &name_len.to_le_bytes(),
            &0u16.to_le_bytes(),
            &0u16.to_le_bytes(),
            &0u16.to_le_bytes(),
            &0u16.to_le_bytes(),
            &0u32.to_le_bytes(),
            &offset.to_le_bytes(),
        ]
        .concat();
        self.central.extend_from_slice(&central);
        self.central.extend_from_slice(name.as_bytes());
        self.entries += 1;
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        let (Ok(offset), Ok(size)) = (u32::try_from(self.out.len()), u32::try_from(self.central.len())) else {
            return Err(XlsxError::TooLarge);
        };
        self.out.extend_from_slice(&self.central);
        let end = [
            &0x0605_4b50u32.to_le_bytes()[..],
            &0u16.to_le_bytes(),
            &0u16.to_le_bytes(),
            &self.entries.to_le_bytes(),
            &self.entries.to_le_bytes(),
            &size.to_le_bytes(),
            &offset.to_le_bytes(),
            &0u16.to_le_bytes(),
        ]
        .concat();
        self.out.extend_from_slice(&end);
        Ok(self.out)
    }
}

/// CRC-32 (IEEE), as zip requires.
fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, slot) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            }
            *slot = c;
        }
        t
    });
    !data.iter().fold(!0u32, |c, &b| table[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_letters_and_crc() {
        let names: Vec<String> = [0, 25, 26, 27, 51, 52, 701, 702].into_iter().map(column).collect();
        assert_eq!(names, ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn text_is_escaped_and_control_characters_replaced() {
        assert_eq!(escape("a<b>&\"c\"\u{1}\td"), "a&lt;b&gt;&amp;&quot;c&quot;\u{FFFD}\td");
    }
}
