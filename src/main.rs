//! The `seolint` command line: parse flags, call the library, print, set the exit code.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use seolint::config::Resolver;
use seolint::engine::{self, FileError, FileReport, Input, Settings};
use seolint::output::{self, Format};
use seolint::requirements::TemplateReqs;
use seolint::rules::{self, RULES};
use std::collections::HashMap;
use std::sync::Arc;

/// Lint Markdown articles and validate their SEO checklist.
#[derive(Parser, Debug)]
#[command(name = "seolint", version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List every rule with its default severity and whether it can fix
    Rules,
    /// Print a rule's documentation
    Explain {
        /// Rule name, e.g. `placeholder`
        rule: String,
    },
    /// Print the resolved configuration for a file, with where each value came from
    Config {
        /// The file (it need not exist)
        path: PathBuf,
        /// Use this config file instead of discovering one
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Ignore config files
        #[arg(long)]
        no_config: bool,
    },
    /// Write a commented .seolint.yaml in the current folder
    Init {
        /// Start from a preset: pillar, cluster or blog
        #[arg(long, value_name = "P")]
        preset: Option<String>,
        /// Derive the rules from this template
        #[arg(long, value_name = "FILE")]
        from_template: Option<PathBuf>,
        /// Overwrite an existing .seolint.yaml
        #[arg(long)]
        force: bool,
    },
    /// Print the figures the rules measure, per article: words, keyword density, words per
    /// section, links, images, reading time, whether it is a pillar, and which thresholds apply
    /// from where. Takes a lint run's options and resolves settings as a lint run does (config,
    /// overrides, --template, --keyword); --format is human or json; --fix and --diff do not apply
    Stats {
        #[command(flatten)]
        args: Box<CheckArgs>,
    },
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files or directories to lint (default `.`); `-` reads standard input. Directories are
    /// walked for *.md, *.markdown, *.mdx, honouring .gitignore; named files are linted whatever
    /// their extension.
    paths: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to FILE instead of standard output
    #[arg(short = 'o', long = "output-file", value_name = "FILE")]
    output_file: Option<PathBuf>,
    /// The path standard input stands for (messages, config discovery, relative links)
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<String>,
    /// The primary keyword, over what the articles declare (front matter, TARGET_KEYWORD, checklist)
    #[arg(long, value_name = "K")]
    keyword: Option<String>,
    /// Derive required sections, section word ranges and section keywords from this template
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// Use this config file for every file instead of discovering .seolint.yaml
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    config: Option<PathBuf>,
    /// Ignore .seolint.yaml files: built-in defaults only
    #[arg(long)]
    no_config: bool,
    /// Apply config `exclude` to files named on the command line too (pre-commit passes names)
    #[arg(long)]
    force_exclude: bool,
    /// Apply safe fixes in place (atomically), then report what remains
    #[arg(long)]
    fix: bool,
    /// Print the fixes as a unified diff and change nothing (exit 1 when there is a change)
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// With --fix or --diff: apply unsafe fixes too (those that rewrite prose)
    #[arg(long)]
    unsafe_fixes: bool,
    /// Lowest severity that fails the run (exit 1)
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Fail the run when there are more than N warnings
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    /// Print findings only: no summary line
    #[arg(short, long)]
    quiet: bool,
    /// Never colour the output (also: the NO_COLOR environment variable)
    #[arg(long)]
    no_color: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Never,
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Rules) => list_rules(),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Stats { args }) => stats(*args),
        Some(Command::Config {
            path,
            config,
            no_config,
        }) => show_config(&path, config.as_deref(), no_config),
        Some(Command::Init {
            preset,
            from_template,
            force,
        }) => init(preset.as_deref(), from_template.as_deref(), force),
        None => check(cli.check),
    };
    ExitCode::from(code)
}

/// glibc's malloc raises its mmap threshold to the largest block freed so far, up to 32 MB: after
/// one long article, every later file text and parse arena comes from the heap arenas, where the
/// summaries kept for site checks pin the freed space between them and the process keeps growing
/// over a large site. A fixed threshold keeps large buffers in mmap, returned to the system when
/// freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: mallopt only sets an allocator parameter; it runs before any other thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

/// Return the free pages of the main thread's heap to the system. Reading the command line
/// costs clap about 500 bytes an argument, and a pre-commit hook can name thousands of files;
/// all of it is freed before linting starts, but into the main thread's heap, which the lint
/// workers (each with its own glibc arena) do not reuse, so it stayed in the process's resident
/// size for the whole run.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_freed_memory() {
    // SAFETY: malloc_trim only releases free memory of the allocator's own heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_memory() {}

/// Standard input's bytes (no more than an article may hold, and one more to tell), and the name
/// it is reported under.
fn read_stdin(stdin_filename: Option<&str>) -> Result<(String, Vec<u8>), u8> {
    let mut text = Vec::new();
    if let Err(e) = io::stdin()
        .lock()
        .take(engine::MAX_FILE_SIZE + 1)
        .read_to_end(&mut text)
    {
        return Err(fail(format!("reading standard input: {e}")));
    }
    let name = stdin_filename.map_or_else(|| engine::STDIN_NAME.to_string(), str::to_string);
    Ok((name, text))
}

fn fail(message: impl std::fmt::Display) -> u8 {
    say(message);
    2
}

/// A line on standard error. `2>&1 | head` closes it too: nothing more can be said then, and
/// that is no reason to crash.
/// Control and bidi characters in it (a file name's, say) are shown as escapes.
fn say(message: impl std::fmt::Display) {
    let message = message.to_string();
    let _ = writeln!(io::stderr().lock(), "seolint: {}", seolint::output::sanitize(&message));
}

/// Write to standard output. A reader that has gone (`| head`, `| true`) ends the output
/// quietly and the run keeps the exit code it would have had; any other write error is exit 2.
fn emit(text: &str) -> Result<(), u8> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(fail(format!("writing to standard output: {e}"))),
        _ => Ok(()),
    }
}

fn list_rules() -> u8 {
    let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut text = String::new();
    for r in RULES {
        let fix = if r.fixable { "fix" } else { "   " };
        text.push_str(&format!(
            "{:width$}  {:7}  {fix}  {}\n",
            r.name,
            r.default_severity.as_str(),
            r.summary()
        ));
    }
    emit(&text).err().unwrap_or(0)
}

fn explain(name: &str) -> u8 {
    let Some(rule) = rules::find(name) else {
        let hint = seolint::suggest::did_you_mean(name, RULES.iter().map(|r| r.name))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return fail(format!("unknown rule `{name}`{hint} (`seolint rules` lists them)"));
    };
    let fix = if rule.fixable { ", fixable" } else { "" };
    emit(&format!(
        "# {} ({} by default{fix})\n\n{}\n",
        rule.name,
        rule.default_severity,
        rule.documentation()
    ))
    .err()
    .unwrap_or(0)
}

/// `seolint stats`: the lint run's inputs and settings, figures instead of findings.
fn stats(args: CheckArgs) -> u8 {
    for (given, flag) in [
        (args.fix, "--fix"),
        (args.diff, "--diff"),
        (args.unsafe_fixes, "--unsafe-fixes"),
    ] {
        if given {
            return fail(format!("`stats` changes nothing: {flag} does not apply"));
        }
    }
    if !matches!(args.format, Format::Human | Format::Json) {
        return fail(format!(
            "`stats` prints `human` or `json`, not `{}`",
            format!("{:?}", args.format).to_lowercase()
        ));
    }
    let resolver = match Resolver::new(args.config.as_deref(), args.no_config) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let template = match load_template(args.template.as_deref()) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let settings_for =
        |file: &std::path::Path| file_settings(&resolver, file, args.keyword.as_ref(), template.as_ref());
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    let stdin_count = paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return fail("`-` (standard input) can be given once");
    }
    if args.stdin_filename.is_some() && stdin_count == 0 {
        return fail("--stdin-filename needs `-` among the paths");
    }
    let mut all = Vec::new();
    let mut failed = false;
    if stdin_count == 1 {
        let (name, text) = match read_stdin(args.stdin_filename.as_deref()) {
            Ok(read) => read,
            Err(code) => return code,
        };
        let (settings, excluded) = match settings_for(std::path::Path::new(&name)) {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        if !(excluded && args.force_exclude) {
            match String::from_utf8(text) {
                Ok(text) => all.push(seolint::stats::compute(&name, text, &settings)),
                Err(_) => {
                    say(format_args!("{}: not valid UTF-8", seolint::output::escape_path(&name)));
                    failed = true;
                }
            }
        }
    }
    let disk: Vec<PathBuf> = paths.into_iter().filter(|p| p.as_os_str() != "-").collect();
    let (files, errors) = seolint::discover::discover_marked(&disk);
    failed |= !errors.is_empty();
    for e in &errors {
        say(format_args!("{}: {}", seolint::output::escape_path(&e.path), e.message));
    }
    for found in files {
        let (settings, excluded) = match settings_for(&found.path) {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        if excluded && (!found.explicit || args.force_exclude) {
            continue;
        }
        let name = engine::display_path(&found.path);
        match engine::read_input(&Input::File(found.path)).map(String::from_utf8) {
            Ok(Ok(text)) => all.push(seolint::stats::compute(&name, text, &settings)),
            Ok(Err(_)) => {
                say(format_args!("{}: not valid UTF-8", seolint::output::escape_path(&name)));
                failed = true;
            }
            Err(e) => {
                say(format_args!("{}: {}", seolint::output::escape_path(&name), e.message));
                failed = true;
            }
        }
    }
    let write = |out: &mut dyn Write| -> io::Result<()> {
        match args.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &all).map_err(seolint::output::json_io)?;
                writeln!(out)
            }
            _ => all
                .iter()
                .try_for_each(|s| writeln!(out, "{}", seolint::stats::render(s))),
        }
    };
    let written = match &args.output_file {
        Some(path) => std::fs::File::create(path).and_then(|f| {
            let mut w = io::BufWriter::new(f);
            write(&mut w)?;
            w.flush()
        }),
        None => {
            let mut w = io::BufWriter::new(io::stdout().lock());
            write(&mut w).and_then(|_| w.flush())
        }
    };
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return fail(format!("writing the figures: {e}"));
        }
    }
    if failed {
        2
    } else {
        0
    }
}

/// The settings for one file, as a lint run makes them: its config (and the overrides that
/// match it), then `--keyword` and `--template` on top; and whether its config excludes it.
fn file_settings(
    resolver: &Resolver,
    file: &std::path::Path,
    keyword: Option<&String>,
    template: Option<&Arc<TemplateReqs>>,
) -> Result<(Settings, bool), seolint::config::ConfigError> {
    let config = resolver.config_for(file)?;
    let excluded = config.as_ref().is_some_and(|c| c.excludes(file));
    let mut settings = config.as_ref().map_or_else(Settings::default, |c| c.settings_for(file));
    if let Some(k) = keyword {
        settings.keyword = Some(k.clone());
    }
    if let Some(t) = template {
        settings.template = Some(t.clone());
    }
    Ok((settings, excluded))
}

fn load_template(path: Option<&std::path::Path>) -> Result<Option<Arc<TemplateReqs>>, u8> {
    let Some(path) = path else { return Ok(None) };
    match TemplateReqs::load(path) {
        Ok(t) => Ok(Some(Arc::new(t))),
        Err(e) => Err(fail(e)),
    }
}

fn check(mut args: CheckArgs) -> u8 {
    let resolver = match Resolver::new(args.config.as_deref(), args.no_config) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let cli_template = match load_template(args.template.as_deref()) {
        Ok(t) => t,
        Err(code) => return code,
    };
    // taken, not copied: a run may name thousands of files
    let mut paths = std::mem::take(&mut args.paths);
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    let stdin_count = paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return fail("`-` (standard input) can be given once");
    }
    if args.stdin_filename.is_some() && stdin_count == 0 {
        return fail("--stdin-filename needs `-` among the paths");
    }
    // settings per file: its config (cached per folder), then the command line on top; files
    // under the same config and overrides share one copy
    let shared: std::cell::RefCell<HashMap<SettingsKey, Arc<Settings>>> = Default::default();
    let settings_for = |file: &std::path::Path| -> Result<(Arc<Settings>, bool), seolint::config::ConfigError> {
        let config = resolver.config_for(file)?;
        let key = (
            config.as_ref().map_or(0, |c| Arc::as_ptr(c) as usize),
            config.as_ref().map(|c| c.overrides_for(file)).unwrap_or_default(),
        );
        let excluded = config.as_ref().is_some_and(|c| c.excludes(file));
        if let Some(s) = shared.borrow().get(&key) {
            return Ok((s.clone(), excluded));
        }
        let (settings, _) = file_settings(&resolver, file, args.keyword.as_ref(), cli_template.as_ref())?;
        let settings = Arc::new(settings);
        shared.borrow_mut().insert(key, settings.clone());
        Ok((settings, excluded))
    };
    let mut inputs: Vec<(Input, Arc<Settings>)> = Vec::new();
    if stdin_count == 1 {
        let (name, text) = match read_stdin(args.stdin_filename.as_deref()) {
            Ok(read) => read,
            Err(code) => return code,
        };
        let (settings, excluded) = match settings_for(std::path::Path::new(&name)) {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        let partial = is_partial(&resolver, std::path::Path::new(&name));
        if !(partial || (excluded && args.force_exclude)) {
            inputs.push((Input::Stdin(Box::new(engine::Piped { name, text })), settings));
        }
    }
    let disk: Vec<PathBuf> = paths.into_iter().filter(|p| p.as_os_str() != "-").collect();
    let folder_run = disk.iter().any(|p| p.is_dir());
    let (files, mut errors) = seolint::discover::discover_marked(&disk);
    // the walk has the paths now (a run may name thousands)
    drop(disk);
    inputs.reserve_exact(files.len());
    for found in files {
        let (settings, excluded) = match settings_for(&found.path) {
            Ok(s) => s,
            Err(e) => return fail(e),
        };
        // a partial is a fragment of the pages that include it, named or not: no article rules
        if (excluded && (!found.explicit || args.force_exclude)) || is_partial(&resolver, &found.path) {
            continue;
        }
        inputs.push((Input::File(found.path), settings));
    }
    report_template_contradictions(&inputs);
    // site checks run for a folder, or when a content root is configured
    let site_run = folder_run || inputs.iter().any(|(_, s)| s.content_root.is_some());
    // only the human format prints snippets: the others keep positions, not texts, so memory
    // stays flat however many files a run holds
    let drop_sources = args.format != Format::Human && !args.fix && !args.diff;
    if site_run || drop_sources {
        // once per shared copy (the old one kept alive so that its address stays its key)
        let mut updated: HashMap<*const Settings, (Arc<Settings>, Arc<Settings>)> = HashMap::new();
        for (_, s) in &mut inputs {
            let (_, new) = updated.entry(Arc::as_ptr(s)).or_insert_with(|| {
                let mut n = Settings::clone(s);
                n.site_run = site_run;
                n.drop_sources = drop_sources;
                (s.clone(), Arc::new(n))
            });
            *s = new.clone();
        }
    }
    // what reading the command line and finding the files left freed goes back to the system
    // before the workers start
    release_freed_memory();

    if !args.fix && !args.diff && output::streams(args.format) {
        return check_streaming(&args, &inputs, errors, site_run, &resolver);
    }

    let mut reports: Vec<FileReport> = Vec::new();
    let mut fixed = 0;
    if args.fix || args.diff {
        let mut changed = false;
        let mut diffs = String::new();
        let mut stdin_fixed = None;
        for (result, (_, settings)) in fix_inputs(&inputs, args.unsafe_fixes).into_iter().zip(&inputs) {
            match result {
                Ok(FixResult {
                    input,
                    before,
                    mut outcome,
                }) => {
                    if let Some(reason) = &outcome.refused {
                        errors.push(FileError::of(&input, reason.clone()));
                    }
                    let differs = outcome.source != before;
                    changed |= differs;
                    fixed += outcome.fixed;
                    match (&input, args.diff) {
                        (_, true) if differs => {
                            diffs.push_str(&seolint::fix::unified_diff(&input.display(), &before, &outcome.source))
                        }
                        (Input::Stdin(_), false) => stdin_fixed = Some(outcome.source.clone()),
                        (Input::File(path), false) if differs => {
                            if let Err(message) = seolint::fix::write_atomic(path, &outcome.source) {
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
                Err(e) => errors.push(e),
            }
        }
        if args.fix {
            let files = inputs.iter().filter_map(|(input, _)| match input {
                Input::File(path) => Some(path.as_path()),
                Input::Stdin(_) => None,
            });
            let removed = seolint::fix::remove_stale_temporaries(files);
            if removed > 0 {
                say(format_args!(
                    "removed {removed} temporary file(s) that an interrupted --fix left beside the articles"
                ));
            }
        }
        for e in &errors {
            say(format_args!("{}: {}", seolint::output::escape_path(&e.path), e.message));
        }
        if args.diff {
            if let Err(code) = emit(&diffs) {
                return code;
            }
            return if !errors.is_empty() { 2 } else { u8::from(changed) };
        }
        if let Some(text) = stdin_fixed {
            // an editor's format-on-save reads the fixed text back
            if let Err(code) = emit(&text) {
                return code;
            }
            return if errors.is_empty() { 0 } else { 2 };
        }
    } else {
        let mut linted = Vec::new();
        for (k, result) in engine::lint_inputs(&inputs).into_iter().enumerate() {
            match result {
                Ok(r) => {
                    let (input, settings) = &inputs[k];
                    linted.push((reports.len(), input.path(), settings));
                    reports.push(r);
                }
                Err(e) => errors.push(e),
            }
        }
        if site_run {
            engine::run_site_checks(&mut reports, &linted, site_others(&linted, &resolver), |_| {});
        }
        for e in &errors {
            say(format_args!("{}: {}", seolint::output::escape_path(&e.path), e.message));
        }
    }

    let options = output_options(&args);
    let written = match &args.output_file {
        Some(path) => std::fs::File::create(path).and_then(|f| {
            let mut w = io::BufWriter::new(f);
            output::write(args.format, &reports, &errors, &options, &mut w)?;
            w.flush()
        }),
        None => {
            let mut w = io::BufWriter::new(io::stdout().lock());
            output::write(args.format, &reports, &errors, &options, &mut w).and_then(|_| w.flush())
        }
    };
    if let Err(e) = written {
        if e.kind() != io::ErrorKind::BrokenPipe {
            return fail(format!("writing the report: {e}"));
        }
    }
    if args.format == Format::Human && !args.quiet {
        let (now, unsafe_only) = reports
            .iter()
            .map(|r| seolint::fix::fixable(r, args.unsafe_fixes))
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        let closing = if args.fix {
            emit(&format!("{fixed} fixed, {now} remaining fixable\n"))
        } else {
            print_fixable_hint((now, unsafe_only))
        };
        if let Err(code) = closing {
            return code;
        }
    }
    exit_code(&reports, &errors, args.fail_on, args.max_warnings)
}

/// Colour only for a terminal, and not with --no-color or NO_COLOR.
fn output_options(args: &CheckArgs) -> output::Options {
    let to_terminal = args.output_file.is_none() && io::stdout().is_terminal();
    output::Options {
        color: to_terminal && !args.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        quiet: args.quiet,
    }
}

/// "3 fixable with --fix (1 more with --unsafe-fixes)", when there is any.
fn print_fixable_hint((now, unsafe_only): (usize, usize)) -> Result<(), u8> {
    if now + unsafe_only == 0 {
        return Ok(());
    }
    let hint = if unsafe_only > 0 {
        format!(" ({unsafe_only} more with --unsafe-fixes)")
    } else {
        String::new()
    };
    emit(&format!("{now} fixable with --fix{hint}\n"))
}

/// A lint run in a format that streams: each file's findings are written as soon as it is done
/// and then dropped; what site checks need (summaries, suppressions) stays, and site findings
/// follow every file's own. Memory holds a few files at a time, not the run.
fn check_streaming(
    args: &CheckArgs,
    inputs: &[(Input, Arc<Settings>)],
    mut errors: Vec<FileError>,
    site_run: bool,
    resolver: &Resolver,
) -> u8 {
    let mut out: Box<dyn Write> = match &args.output_file {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(io::BufWriter::new(f)),
            Err(e) => return fail(format!("writing the report: {e}")),
        },
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let options = output_options(args);
    let mut stream = match output::Stream::begin(args.format, &options, &mut *out) {
        Ok(Some(stream)) => stream,
        Ok(None) => return fail("internal error: this format does not stream"),
        Err(e) => return fail(format!("writing the report: {e}")),
    };
    // what site checks keep of every file; grown as files finish, not sized up front, so the
    // first files (the long ones, whose parse sets the peak) run beside small vectors (a large
    // vector lives in its own mapping: growing it moves no bytes and leaves no hole)
    let mut kept: Vec<FileReport> = Vec::new();
    let mut linted = Vec::new();
    // what --fix could do, for the human format's closing hint
    let mut fixable = (0, 0);
    let mut count_fixable = |r: &FileReport| {
        let (now, unsafe_only) = seolint::fix::fixable(r, args.unsafe_fixes);
        fixable = (fixable.0 + now, fixable.1 + unsafe_only);
    };
    // the human format's snippets are rendered by the worker that linted the file (rendering
    // is slower than linting), which then lets the text go
    let human = (args.format == Format::Human).then(|| output::human::Writer::new(&options));
    let render = |_: usize, result: Result<FileReport, FileError>| match (&human, result) {
        (Some(human), Ok(mut r)) => {
            let text = human.render(&r);
            r.drop_source();
            (Ok(r), Some(text))
        }
        (_, result) => (result, None),
    };
    engine::lint_inputs_map(inputs, render, |k, (result, rendered)| match result {
        Ok(mut r) => {
            match rendered {
                Some(text) => stream.file_rendered(&r, &text),
                None => stream.file(&r),
            }
            count_fixable(&r);
            if site_run {
                // written: the text goes (the human format's went after rendering)
                r.drop_source();
                let (input, settings) = &inputs[k];
                r.forget_findings();
                linted.push((kept.len(), input.path(), settings));
                kept.push(r);
            }
        }
        Err(e) => errors.push(e),
    });
    if site_run {
        kept.shrink_to_fit();
        linted.shrink_to_fit();
        engine::run_site_checks(&mut kept, &linted, site_others(&linted, resolver), |r| {
            if !r.diagnostics.is_empty() {
                stream.findings(r);
                count_fixable(r);
            }
            r.forget_findings();
        });
    }
    let (summary, written) = stream.finish(&errors);
    for e in &errors {
        say(format_args!("{}: {}", seolint::output::escape_path(&e.path), e.message));
    }
    if args.format == Format::Human && !args.quiet && written.is_ok() {
        if let Err(code) = print_fixable_hint(fixable) {
            return code;
        }
    }
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => fail(format!("writing the report: {e}")),
        _ => exit_code_of(&summary, args.fail_on, args.max_warnings),
    }
}

/// The Markdown files under the configured content roots: the rest of the site, which site
/// checks read on demand (links into it, duplicates with it).
/// Partials are not pages of the site.
fn site_others(linted: &[engine::Linted], resolver: &Resolver) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = linted.iter().filter_map(|(_, _, s)| s.content_root.clone()).collect();
    roots.sort();
    roots.dedup();
    let mut others = seolint::discover::discover(&roots).0;
    others.retain(|p| !is_partial(resolver, p));
    others
}

/// Whether `file` is a partial under its config's `site.partials` (a config that does not load
/// has already failed the run before this is asked).
fn is_partial(resolver: &Resolver, file: &std::path::Path) -> bool {
    let config = resolver.config_for(file).ok().flatten();
    seolint::config::is_partial(config.as_deref(), file)
}

/// A config (by address; 0 for none) and the overrides that apply: files with the same key get
/// the same settings.
type SettingsKey = (usize, Vec<usize>);

struct FixResult {
    input: Input,
    before: String,
    outcome: seolint::fix::FixOutcome,
}

/// Fix every input in parallel (files that are not text are reported as they are).
fn fix_inputs(inputs: &[(Input, Arc<Settings>)], unsafe_fixes: bool) -> Vec<Result<FixResult, FileError>> {
    use rayon::prelude::*;
    inputs
        .par_iter()
        .map(|(input, settings)| {
            let bytes = engine::read_input(input)?;
            let (path, source) = match engine::decode(input.display(), bytes) {
                Ok(x) => x,
                Err(report) => {
                    let outcome = seolint::fix::FixOutcome {
                        source: report.source.clone(),
                        fixed: 0,
                        refused: None,
                        report: *report,
                    };
                    return Ok(FixResult {
                        input: input.clone(),
                        before: outcome.source.clone(),
                        outcome,
                    });
                }
            };
            let outcome = seolint::fix::fix_source(&path, source.clone(), settings, unsafe_fixes);
            Ok(FixResult {
                input: input.clone(),
                before: source,
                outcome,
            })
        })
        .collect()
}

/// A template whose own numbers contradict each other is said once, on standard error.
fn report_template_contradictions(inputs: &[(Input, Arc<Settings>)]) {
    let mut seen: Vec<*const TemplateReqs> = Vec::new();
    for (_, s) in inputs {
        let Some(t) = &s.template else { continue };
        if seen.contains(&Arc::as_ptr(t)) {
            continue;
        }
        seen.push(Arc::as_ptr(t));
        for c in &t.contradictions {
            say(format_args!("warning: {c}"));
        }
    }
}

fn show_config(path: &std::path::Path, config: Option<&std::path::Path>, no_config: bool) -> u8 {
    let resolver = match Resolver::new(config, no_config) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let config = match resolver.config_for(path) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let settings = config.as_ref().map_or_else(Settings::default, |c| c.settings_for(path));
    let mut text = seolint::config::describe(path, config.as_deref(), &settings);
    if let Some(t) = &settings.template {
        for c in &t.contradictions {
            text.push_str(&format!("warning: {c}\n"));
        }
    }
    // paths in it (the config's, a template's) are shown with their control characters escaped
    emit(&seolint::output::sanitize(&text)).err().unwrap_or(0)
}

fn init(preset: Option<&str>, template: Option<&std::path::Path>, force: bool) -> u8 {
    let target = PathBuf::from(".seolint.yaml");
    if target.exists() && !force {
        return fail(".seolint.yaml already exists (use --force to overwrite)");
    }
    if let Some(p) = preset {
        if !seolint::config::PRESETS.iter().any(|(n, _)| *n == p) {
            return fail(format!(
                "unknown preset `{p}` (presets: {})",
                seolint::config::PRESETS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let derived = match template.map(TemplateReqs::load).transpose() {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let text = seolint::config::init_text(preset, template, derived.as_ref());
    if let Err(e) = std::fs::write(&target, text) {
        return fail(format!("writing .seolint.yaml: {e}"));
    }
    if let Some(t) = &derived {
        for c in &t.contradictions {
            say(format_args!("warning: {c}"));
        }
    }
    emit("wrote .seolint.yaml\n").err().unwrap_or(0)
}

fn exit_code(reports: &[FileReport], errors: &[FileError], fail_on: FailOn, max_warnings: Option<usize>) -> u8 {
    exit_code_of(&output::Summary::of(reports, errors), fail_on, max_warnings)
}

/// 2 when a file could not be linted, 1 when findings fail the run, else 0.
fn exit_code_of(summary: &output::Summary, fail_on: FailOn, max_warnings: Option<usize>) -> u8 {
    if summary.failed > 0 {
        return 2;
    }
    let (errs, warns) = (summary.errors, summary.warnings);
    let failing = match fail_on {
        FailOn::Error => errs > 0,
        FailOn::Warning => errs + warns > 0,
        FailOn::Never => false,
    };
    let too_many_warnings = max_warnings.is_some_and(|max| warns > max);
    if failing || too_many_warnings {
        1
    } else {
        0
    }
}
