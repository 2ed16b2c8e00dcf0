//! The report's table alone, one row per article worst first, for spreadsheets and scripts:
//! CSV (RFC 4180, a header line) and JSON (an array of objects), the same columns as the HTML.

use std::io::{self, Write};

use super::SiteReport;

/// The table as CSV with a header line; an empty cell for a value that is not there. The text
/// cells an author wrote (file, title, keyword) are [`spreadsheet_safe`].
pub fn csv(report: &SiteReport, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new().has_headers(true).from_writer(out);
    if report.articles.is_empty() {
        // serialize writes the header with the first row: a table without rows still has one
        w.write_record(COLUMNS)?;
    }
    for row in report.rows() {
        let mut row = row.clone();
        row.file = spreadsheet_safe(row.file);
        row.title = row.title.map(spreadsheet_safe);
        row.keyword = row.keyword.map(spreadsheet_safe);
        w.serialize(row).map_err(csv_io)?;
    }
    w.flush()
}

/// A text cell a spreadsheet will not run: one that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return (what Excel, LibreOffice and Google Sheets read as the start of a formula, as
/// OWASP's "CSV injection" lists them) gets a `'` in front, which spreadsheets show as text. A
/// title such as `=HYPERLINK("https://evil.example", "Click")` would otherwise be a live link,
/// or worse, in the sheet of whoever opens the report.
fn spreadsheet_safe(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The column names, in order (the fields of [`super::Row`]).
pub const COLUMNS: [&str; 10] = [
    "file",
    "title",
    "words",
    "keyword",
    "density",
    "reading_minutes",
    "errors",
    "warnings",
    "info",
    "score",
];

/// The table as a JSON array of row objects.
pub fn json(report: &SiteReport, out: &mut dyn Write) -> io::Result<()> {
    let rows: Vec<&super::Row> = report.rows().collect();
    serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::other)?;
    writeln!(out)
}

fn csv_io(e: ::csv::Error) -> io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_become_text() {
        for (cell, safe) in [
            ("=1+2", "'=1+2"),
            ("+1", "'+1"),
            ("-2 tips", "'-2 tips"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("Cold brew = patience", "Cold brew = patience"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_safe(cell.to_string()), safe);
        }
    }
}
