//! The `seolint` command line: parse flags, call the library, print, set the exit code.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use seolint::diagnostic::Severity;
use seolint::engine::{self, FileError, FileReport, Input, Settings};
use seolint::output::{self, Format};
use seolint::rules::{self, RULES};

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
    /// Print the figures the rules measure, per article: words, keyword density, words per
    /// section, links, images, reading time, and which thresholds apply from where
    Stats {
        /// Articles (files or directories)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// `human` (a table per article) or `json`
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// The primary keyword, over what the articles declare
        #[arg(long, value_name = "K")]
        keyword: Option<String>,
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
    let cli = Cli::parse();
    let code = match cli.command {
        Some(Command::Rules) => list_rules(),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Stats { paths, format, keyword }) => stats(&paths, format, keyword),
        None => check(cli.check),
    };
    ExitCode::from(code)
}

fn fail(message: impl std::fmt::Display) -> u8 {
    eprintln!("seolint: {message}");
    2
}

fn list_rules() -> u8 {
    let mut out = io::stdout().lock();
    let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for r in RULES {
        let fix = if r.fixable { "fix" } else { "   " };
        let _ = writeln!(
            out,
            "{:width$}  {:7}  {fix}  {}",
            r.name,
            r.default_severity.as_str(),
            r.summary()
        );
    }
    0
}

fn explain(name: &str) -> u8 {
    let Some(rule) = rules::find(name) else {
        let hint = seolint::suggest::did_you_mean(name, RULES.iter().map(|r| r.name))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return fail(format!("unknown rule `{name}`{hint} (`seolint rules` lists them)"));
    };
    let fix = if rule.fixable { ", fixable" } else { "" };
    println!(
        "# {} ({} by default{fix})\n\n{}",
        rule.name,
        rule.default_severity,
        rule.documentation()
    );
    0
}

fn stats(paths: &[PathBuf], format: Format, keyword: Option<String>) -> u8 {
    let settings = Settings {
        keyword,
        ..Settings::default()
    };
    let (files, errors) = seolint::discover::discover(paths);
    let mut all = Vec::new();
    let mut failed = !errors.is_empty();
    for e in &errors {
        eprintln!("seolint: {}: {}", e.path, e.message);
    }
    for file in files {
        let name = engine::display_path(&file);
        match std::fs::read(&file).map(String::from_utf8) {
            Ok(Ok(text)) => all.push(seolint::stats::compute(&name, text, &settings)),
            Ok(Err(_)) => {
                eprintln!("seolint: {name}: not valid UTF-8");
                failed = true;
            }
            Err(e) => {
                eprintln!("seolint: {name}: {e}");
                failed = true;
            }
        }
    }
    let mut out = io::stdout().lock();
    let written = match format {
        Format::Json => serde_json::to_writer_pretty(&mut out, &all)
            .map_err(io::Error::other)
            .and_then(|_| writeln!(out)),
        _ => all
            .iter()
            .try_for_each(|s| writeln!(out, "{}", seolint::stats::render(s))),
    };
    if written.is_err() {
        return 2;
    }
    if failed {
        2
    } else {
        0
    }
}

fn check(args: CheckArgs) -> u8 {
    let settings = Settings {
        keyword: args.keyword.clone(),
        ..Settings::default()
    };
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
    let mut inputs = Vec::new();
    if stdin_count == 1 {
        let mut text = Vec::new();
        if let Err(e) = io::stdin()
            .lock()
            .take(engine::MAX_FILE_SIZE + 1)
            .read_to_end(&mut text)
        {
            return fail(format!("reading standard input: {e}"));
        }
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| engine::STDIN_NAME.to_string());
        inputs.push(Input::Stdin { name, text });
    }
    let disk: Vec<PathBuf> = paths.into_iter().filter(|p| p.as_os_str() != "-").collect();
    let (files, mut errors) = seolint::discover::discover(&disk);
    inputs.extend(files.into_iter().map(Input::File));

    let mut reports: Vec<FileReport> = Vec::new();
    for result in engine::lint_inputs(&inputs, &settings) {
        match result {
            Ok(r) => reports.push(r),
            Err(e) => errors.push(e),
        }
    }
    for e in &errors {
        eprintln!("seolint: {}: {}", e.path, e.message);
    }

    let to_terminal = args.output_file.is_none() && io::stdout().is_terminal();
    let color = to_terminal && !args.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let options = output::Options {
        color,
        quiet: args.quiet,
    };
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
    exit_code(&reports, &errors, args.fail_on, args.max_warnings)
}

fn exit_code(reports: &[FileReport], errors: &[FileError], fail_on: FailOn, max_warnings: Option<usize>) -> u8 {
    if !errors.is_empty() || reports.iter().any(|r| r.failed) {
        return 2;
    }
    let count = |s: Severity| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.severity == s)
            .count()
    };
    let (errs, warns) = (count(Severity::Error), count(Severity::Warning));
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
