//! The `seolint` command line: parse flags, call the library, print, set the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use seolint::output::{Format, Summary};
use seolint::run::{self, Failure, FixMode, LintOptions, Outcome, Plan, ReportFormat, RunOptions};

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
    /// Write a report on the site: one HTML page, or its articles table as CSV or JSON
    ///
    /// The articles worst first (title, words, keyword, density, reading time, findings by
    /// severity, score), sortable and filterable, each with its findings; the findings per rule;
    /// the topic clusters; the keywords articles share. Takes a lint run's options and resolves
    /// settings as a lint run does. Exits 0 when written, whatever it found; 2 when a path names
    /// nothing (nothing is written) or a file could not be linted.
    Report {
        #[command(flatten)]
        lint: Box<LintArgs>,
        /// What to write
        #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
        format: ReportFormat,
        /// Where to write it; `-` is standard output. Default: report.html for HTML, standard
        /// output for CSV and JSON
        #[arg(short = 'o', long = "output-file", value_name = "FILE")]
        output_file: Option<PathBuf>,
    },
    /// Run the language server (LSP) on standard input and output, for editors: findings as you
    /// type, quick fixes, rule docs on hover, the article's figures in a code lens
    Server,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    #[command(flatten)]
    lint: LintArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to FILE instead of standard output
    #[arg(short = 'o', long = "output-file", value_name = "FILE")]
    output_file: Option<PathBuf>,
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

/// What decides which files a run takes and their settings: the options `check`, `stats` and
/// `report` share.
#[derive(clap::Args, Debug)]
struct LintArgs {
    /// Files or directories to lint (default `.`); `-` reads standard input. Directories are
    /// walked for *.md, *.markdown, *.mdx, honouring .gitignore; named files are linted whatever
    /// their extension.
    paths: Vec<PathBuf>,
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
    let done = match cli.command {
        Some(Command::Rules) => run::print(&run::rules_table()).map(|_| 0),
        Some(Command::Explain { rule }) => run::explain(&rule).and_then(|text| run::print(&text)).map(|_| 0),
        Some(Command::Stats { args }) => stats(*args),
        Some(Command::Report {
            mut lint,
            format,
            output_file,
        }) => report(&mut lint, format, output_file),
        Some(Command::Server) => seolint::server::serve().map_err(|e| Failure(format!("server: {e}"))),
        Some(Command::Config {
            path,
            config,
            no_config,
        }) => run::show_config(&path, config.as_deref(), no_config)
            .and_then(|text| run::print(&text))
            .map(|_| 0),
        Some(Command::Init {
            preset,
            from_template,
            force,
        }) => run::init(preset.as_deref(), from_template.as_deref(), force, &mut say)
            .and_then(|text| run::print(&text))
            .map(|_| 0),
        None => check(cli.check),
    };
    ExitCode::from(done.unwrap_or_else(|failure| {
        say(failure.0);
        2
    }))
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

/// Return the free pages of the main thread's heap to the system: what clap took to read a long
/// command line (a pre-commit hook can name thousands of files) is freed into the main thread's
/// heap, which the lint workers (each with its own glibc arena) do not reuse.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn release_freed_memory() {
    // SAFETY: malloc_trim only releases free memory of the allocator's own heaps.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn release_freed_memory() {}

/// A line on standard error. `2>&1 | head` closes it too: nothing more can be said then, and
/// that is no reason to crash. Control and bidi characters in it (a file name's, say) are shown
/// as escapes.
fn say(message: String) {
    let _ = writeln!(io::stderr().lock(), "seolint: {}", seolint::output::sanitize(&message));
}

impl LintArgs {
    /// The paths (taken, not copied: a run may name thousands) and what decides their settings.
    fn lint_options(&mut self) -> (Vec<PathBuf>, LintOptions) {
        let options = LintOptions {
            stdin_filename: self.stdin_filename.take(),
            keyword: self.keyword.take(),
            template: self.template.take(),
            config: self.config.take(),
            no_config: self.no_config,
            force_exclude: self.force_exclude,
        };
        (std::mem::take(&mut self.paths), options)
    }
}

/// `seolint stats`: the lint run's inputs and settings, figures instead of findings.
fn stats(mut args: CheckArgs) -> Result<u8, Failure> {
    for (given, flag) in [
        (args.fix, "--fix"),
        (args.diff, "--diff"),
        (args.unsafe_fixes, "--unsafe-fixes"),
    ] {
        if given {
            return Err(Failure(format!("`stats` changes nothing: {flag} does not apply")));
        }
    }
    if !matches!(args.format, Format::Human | Format::Json) {
        let name = format!("{:?}", args.format).to_lowercase();
        return Err(Failure(format!("`stats` prints `human` or `json`, not `{name}`")));
    }
    let (paths, options) = args.lint.lint_options();
    let plan = Plan::for_stats(paths, &options)?;
    let failed = run::stats(plan, args.format, args.output_file.as_deref(), &mut say)?;
    Ok(if failed { 2 } else { 0 })
}

/// `seolint report`: the lint run's files and settings, a report on the site; 2 when a file
/// could not be linted, else 0 (a report is not a gate: `check` is).
fn report(lint: &mut LintArgs, format: ReportFormat, output_file: Option<PathBuf>) -> Result<u8, Failure> {
    let output = match output_file {
        Some(path) if path.as_os_str() == "-" => None,
        Some(path) => Some(path),
        None if format == ReportFormat::Html => Some(PathBuf::from("report.html")),
        None => None,
    };
    let (paths, options) = lint.lint_options();
    let plan = Plan::for_lint(paths, &options)?;
    let failed = run::report(plan, format, output.as_deref(), &mut say)?;
    if let Some(path) = output.filter(|_| format == ReportFormat::Html) {
        say(format!("wrote {}", path.display()));
    }
    Ok(if failed { 2 } else { 0 })
}

fn check(mut args: CheckArgs) -> Result<u8, Failure> {
    let (paths, options) = args.lint.lint_options();
    let plan = Plan::for_lint(paths, &options)?;
    // what reading the command line and finding the files left freed goes back to the system
    // before the workers start
    release_freed_memory();
    // colour only for a terminal, and not with --no-color or NO_COLOR
    let to_terminal = args.output_file.is_none() && io::stdout().is_terminal();
    let run_options = RunOptions {
        fix: match (args.fix, args.diff) {
            (true, _) => FixMode::Fix,
            (_, true) => FixMode::Diff,
            _ => FixMode::Off,
        },
        unsafe_fixes: args.unsafe_fixes,
        format: args.format,
        output_file: args.output_file.take(),
        color: to_terminal && !args.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        quiet: args.quiet,
    };
    Ok(match run::check(plan, &run_options, &mut say)? {
        Outcome::Report(summary) => exit_code(&summary, args.fail_on, args.max_warnings),
        Outcome::Diff { failed: true, .. } | Outcome::FixedText { failed: true } => 2,
        Outcome::Diff { changed, .. } => u8::from(changed),
        Outcome::FixedText { failed: false } => 0,
    })
}

/// 2 when a file could not be linted, 1 when findings fail the run, else 0.
fn exit_code(summary: &Summary, fail_on: FailOn, max_warnings: Option<usize>) -> u8 {
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
    u8::from(failing || too_many_warnings)
}
