//! `seolint stats`: the lint run's files and settings, figures instead of findings.

use std::io::{self, Write};

use super::{error_line, open_output, Failure, Plan};
use crate::engine::{self};
use crate::input::{FileError, Input};
use crate::output::Format;
use crate::settings::Settings;

/// Measure the plan's files and write the figures in `format` (human or JSON). `say` gets the
/// files that could not be measured; the result tells whether there were any.
pub fn stats(
    plan: Plan,
    format: Format,
    output_file: Option<&std::path::Path>,
    say: &mut dyn FnMut(String),
) -> Result<bool, Failure> {
    use rayon::prelude::*;
    let mut all = Vec::new();
    let mut failed = false;
    // each file measured on a worker (the score lints it too), the results taken in input order
    let measure = |input: &Input, settings: &Settings| match engine::read_input(input).map(String::from_utf8) {
        Ok(Ok(text)) => Ok(crate::stats::compute(&input.display(), text, settings)),
        Ok(Err(_)) => Err(error_line(&FileError::of(input, "not valid UTF-8"))),
        Err(e) => Err(error_line(&e)),
    };
    // standard input first, then the paths that could not be used, then the files
    let (piped, files): (Vec<_>, Vec<_>) = plan.inputs.iter().partition(|(i, _)| matches!(i, Input::Stdin(_)));
    let piped: Vec<_> = piped.into_iter().map(|(i, s)| measure(i, s)).collect();
    let files: Vec<_> = files.into_par_iter().map(|(i, s)| measure(i, s)).collect();
    let errors = plan.errors.iter().map(|e| Err(error_line(e)));
    for result in piped.into_iter().chain(errors).chain(files) {
        match result {
            Ok(stats) => all.push(stats),
            Err(line) => {
                failed = true;
                say(line)
            }
        }
    }
    let write = |out: &mut dyn Write| -> io::Result<()> {
        match format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &all).map_err(crate::output::json_io)?;
                writeln!(out)
            }
            _ => all
                .iter()
                .try_for_each(|s| writeln!(out, "{}", crate::stats::render(s))),
        }
    };
    let failed = failed;
    let written = open_output(output_file).and_then(|mut out| {
        write(&mut *out)?;
        out.flush()
    });
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return Err(Failure::new(format!("writing the figures: {e}")));
        }
    }
    Ok(failed)
}
