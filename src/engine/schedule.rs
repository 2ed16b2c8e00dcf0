//! Many files over the worker threads: results come back in input order, a few at a time, so a
//! caller can write each and let it go.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use rayon::prelude::*;

use super::lint::lint_input;
use super::Report;
use crate::input::{FileError, Input};
use crate::settings::Settings;

/// Lint every input in parallel, each with its own settings; reports come back in input order.
pub fn lint_inputs(inputs: &[(Input, Arc<Settings>)]) -> Vec<Result<Report, FileError>> {
    let mut reports = Vec::with_capacity(inputs.len());
    lint_inputs_each(inputs, |_, report| reports.push(report));
    reports
}

/// How many results a worker hands to the writer at once (see [`lint_inputs_map`]).
const BATCH: usize = 8;

/// Files at least this large are linted first, by one worker (see [`lint_inputs_each`]).
const BIG_FILE: u64 = 128 * 1024;

/// Lint every input and hand each result to `each` in input order once it and those before it
/// have reached the writer (workers hand them on [`BATCH`] at a time), so that a caller can write
/// and drop it: the run holds a few reports per worker at a time, not all of them. Workers take
/// the next input in order (not rayon's split halves), so results arrive nearly in order and the
/// reorder buffer stays small.
///
/// Files of [`BIG_FILE`] or more go first, one at a time on one worker while the others take
/// the rest: parsing takes about 20 times a file's size while it lasts (comrak's tree), so two
/// of them at once, or one late in a run on top of the summaries kept for site checks, would set
/// the peak of the whole run; and a long file started last would leave the other workers idle at
/// the end. Their reports wait in the reorder buffer (findings only, in the streaming formats)
/// until their turn.
pub fn lint_inputs_each(inputs: &[(Input, Arc<Settings>)], each: impl FnMut(usize, Result<Report, FileError>)) {
    lint_inputs_map(inputs, |_, result| result, each);
}

/// Like [`lint_inputs_each`], with `map` applied to each result in the worker that linted it
/// (the human format renders its snippets there): `each` gets what `map` made, in input order.
pub fn lint_inputs_map<T: Send>(
    inputs: &[(Input, Arc<Settings>)],
    map: impl Fn(usize, Result<Report, FileError>) -> T + Sync,
    each: impl FnMut(usize, T),
) {
    lint_inputs_with(inputs, lint_input, map, each);
}

/// [`lint_inputs_map`] with `lint` in place of [`lint_input`]: a run with a result cache looks
/// each file up there first (see [`super::Cache`]).
pub fn lint_inputs_with<T: Send>(
    inputs: &[(Input, Arc<Settings>)],
    lint: impl Fn(&Input, &Settings) -> Result<Report, FileError> + Sync,
    map: impl Fn(usize, Result<Report, FileError>) -> T + Sync,
    mut each: impl FnMut(usize, T),
) {
    let lint_one = &lint;
    // one file (an editor on save, a pre-commit run on one file): no threads to start
    let workers = if inputs.len() <= 1 {
        1
    } else {
        rayon::current_num_threads().clamp(1, inputs.len())
    };
    if workers == 1 {
        for (k, (input, settings)) in inputs.iter().enumerate() {
            each(k, map(k, lint_input_guarded(lint_one, input, settings)));
        }
        return;
    }
    // one look at each file's size, on every core
    let big: Vec<bool> = inputs
        .par_iter()
        .map(|(input, _)| match input {
            Input::File(p) => std::fs::metadata(p).is_ok_and(|m| m.len() >= BIG_FILE),
            Input::Stdin(piped) => piped.text.len() as u64 >= BIG_FILE,
        })
        .collect();
    let big_order: Vec<usize> = (0..inputs.len()).filter(|&k| big[k]).collect();
    let (next, next_big) = (AtomicUsize::new(0), AtomicUsize::new(0));
    // bounded (two batches a worker): when writing is the slower side (the human format renders
    // snippets), workers wait instead of piling up finished reports; the receiving loop never
    // stops draining, so a full channel cannot deadlock
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<(usize, T)>>(workers * 2);
    std::thread::scope(|scope| {
        for worker in 0..workers {
            let send = send.clone();
            let (next, next_big, big, big_order, map) = (&next, &next_big, &big, &big_order, &map);
            scope.spawn(move || {
                // results go to the writer a few at a time: a send wakes the writer thread, and a
                // wake-up per file was most of a run's context switches
                let mut batch = Vec::with_capacity(BATCH);
                let mut lint = |k: usize| {
                    let (input, settings) = &inputs[k];
                    batch.push((k, map(k, lint_input_guarded(lint_one, input, settings))));
                    batch.len() < BATCH
                        || send
                            .send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))
                            .is_ok()
                };
                let take_big = || big_order.get(next_big.fetch_add(1, Ordering::Relaxed)).copied();
                // worker 0 starts with the big files; the others take the rest in order and, when
                // it is done, help with any big file still waiting (a site of long files only)
                if worker == 0 {
                    while let Some(k) = take_big() {
                        if !lint(k) {
                            return;
                        }
                    }
                }
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    if k >= inputs.len() {
                        break;
                    }
                    if !big[k] && !lint(k) {
                        return;
                    }
                }
                while let Some(k) = take_big() {
                    if !lint(k) {
                        return;
                    }
                }
                if !batch.is_empty() {
                    let _ = send.send(batch);
                }
            });
        }
        drop(send);
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for batch in receive {
            for (k, result) in batch {
                waiting.insert(k, result);
            }
            while let Some(result) = waiting.remove(&due) {
                each(due, result);
                due += 1;
            }
        }
    });
}

/// A bug in a rule must not take the other files down: a panic becomes this file's error.
fn lint_input_guarded(
    lint: &(impl Fn(&Input, &Settings) -> Result<Report, FileError> + Sync),
    input: &Input,
    settings: &Settings,
) -> Result<Report, FileError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| lint(input, settings))).unwrap_or_else(|_| {
        Err(FileError::of(
            input,
            "internal error: seolint crashed on this file; please report it with the file",
        ))
    })
}
