//! The report's table alone, one row per article worst first, for spreadsheets and scripts:
//! CSV (RFC 4180, a header line) and JSON (an array of objects), the same columns as the HTML.

use std::io::{self, Write};

use super::SiteReport;

/// The table as CSV with a header line; an empty cell for a value that is not there.
pub fn csv(report: &SiteReport, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::WriterBuilder::new().has_headers(true).from_writer(out);
    if report.articles.is_empty() {
        // serialize writes the header with the first row: a table without rows still has one
        w.write_record(COLUMNS)?;
    }
    for row in report.rows() {
        w.serialize(row).map_err(csv_io)?;
    }
    w.flush()
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
