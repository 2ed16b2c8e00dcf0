//! The fix loop of a run: every file fixed to a fixed point in parallel, then written back
//! (`--fix`) or shown as a diff (`--diff`); then the report of what remains.

use std::io;

use super::check::{Outcome, ReportWriter};
use super::{error_line, open_output, Failure, FixMode, Plan, RunOptions};
use crate::engine::{self, Report};
use crate::fix::FixOutcome;
use crate::input::{FileError, Input};
use crate::settings::Settings;

/// One input fixed: what it held before, and the outcome.
struct Fixed {
    input: Input,
    before: String,
    outcome: FixOutcome,
}

pub(super) fn fix(mut plan: Plan, options: &RunOptions, say: &mut dyn FnMut(String)) -> Result<Outcome, Failure> {
    let diff = options.fix == FixMode::Diff;
    let mut errors = std::mem::take(&mut plan.errors);
    let mut reports: Vec<Report> = Vec::new();
    let mut fixed = 0;
    let mut changed = false;
    let mut diffs = String::new();
    let mut stdin_fixed = None;
    for (result, (_, settings)) in fix_inputs(&plan.inputs, options.unsafe_fixes)
        .into_iter()
        .zip(&plan.inputs)
    {
        let Fixed {
            input,
            before,
            mut outcome,
        } = match result {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if let Some(reason) = &outcome.refused {
            errors.push(FileError::of(&input, reason.clone()));
        }
        let differs = outcome.source != before;
        changed |= differs;
        fixed += outcome.fixed;
        match (&input, diff) {
            (_, true) if differs => {
                diffs.push_str(&crate::fix::unified_diff(&input.display(), &before, &outcome.source))
            }
            (Input::Stdin(_), false) => stdin_fixed = Some(outcome.source.clone()),
            (Input::File(path), false) if differs => {
                if let Err(message) = crate::fix::write_atomic(path, &outcome.source) {
                    // not written: the file's findings are those of what it still holds
                    fixed -= outcome.fixed;
                    outcome.report = engine::lint_source(input.display(), before.clone(), settings);
                    errors.push(FileError::of(&input, message));
                }
            }
            _ => {}
        }
        reports.push(outcome.report);
    }
    if options.fix == FixMode::Fix {
        let files = plan.inputs.iter().filter_map(|(input, _)| match input {
            Input::File(path) => Some(path.as_path()),
            Input::Stdin(_) => None,
        });
        let removed = crate::fix::remove_stale_temporaries(files);
        if removed > 0 {
            say(format!(
                "removed {removed} temporary file(s) that an interrupted --fix left beside the articles"
            ));
        }
    }
    for e in &errors {
        say(error_line(e));
    }
    if diff {
        super::print(&diffs)?;
        return Ok(Outcome::Diff {
            changed,
            failed: !errors.is_empty(),
        });
    }
    if let Some(text) = stdin_fixed {
        // an editor's format-on-save reads the fixed text back
        super::print(&text)?;
        return Ok(Outcome::FixedText {
            failed: !errors.is_empty(),
        });
    }
    let mut out =
        open_output(options.output_file.as_deref()).map_err(|e| Failure::new(format!("writing the report: {e}")))?;
    let mut written = ReportWriter::begin(options.format, &options.output_options(), &mut *out);
    for r in &reports {
        written.file(r, None);
    }
    if options.fix == FixMode::Fix {
        written.fixed(fixed);
    }
    let (summary, result) = written.finish(&errors);
    drop(out);
    if let Err(e) = result {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(Failure::new(format!("writing the report: {e}")));
        }
    }
    Ok(Outcome::Report(summary))
}

/// Fix every input in parallel (files that are not text are reported as they are).
fn fix_inputs(inputs: &[(Input, std::sync::Arc<Settings>)], unsafe_fixes: bool) -> Vec<Result<Fixed, FileError>> {
    use rayon::prelude::*;
    inputs
        .par_iter()
        .map(|(input, settings)| {
            let bytes = engine::read_input(input)?;
            let (path, source) = match engine::decode(input.display(), bytes) {
                Ok(x) => x,
                Err(report) => {
                    let outcome = FixOutcome {
                        source: report.source().to_string(),
                        fixed: 0,
                        refused: None,
                        report: *report,
                    };
                    return Ok(Fixed {
                        input: input.clone(),
                        before: outcome.source.clone(),
                        outcome,
                    });
                }
            };
            let outcome = crate::fix::fix_source(&path, source.clone(), settings, unsafe_fixes);
            Ok(Fixed {
                input: input.clone(),
                before: source,
                outcome,
            })
        })
        .collect()
}
