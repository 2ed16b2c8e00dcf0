//! The one table of rules. A rule is a file with its documentation in its doc comment (what
//! `seolint explain` prints) and a `check` that reads the Document and reports through a Context.

pub mod content;
pub mod front_matter;
pub mod images;
pub mod keyword;
pub mod length;
pub mod links;
pub mod meta;
pub mod readability;
pub mod site;
pub mod structure;

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::document::Document;
use crate::requirements::{RangeThreshold, Requirements, Source, Threshold};
use crate::settings::{RuleSetting, Settings};

/// A rule checks one Document, or the summaries of every file of a site.
pub enum Check {
    File(fn(&mut Context)),
    Site(fn(&mut SiteContext)),
}

pub struct Rule {
    /// Stable kebab-case name, used in config and suppressions.
    pub name: &'static str,
    pub default_severity: Severity,
    pub fixable: bool,
    /// The rule's doc comment.
    pub docs: &'static str,
    pub check: Check,
    /// Checks options from config against the rule's options type (unknown keys, wrong types).
    pub validate: fn(&serde_json::Value) -> Result<(), String>,
}

impl Rule {
    /// The first sentence of the docs' "What it does" section.
    pub fn summary(&self) -> String {
        let mut lines = self.docs.lines().map(str::trim);
        for line in lines.by_ref() {
            if line.starts_with("## What it does") {
                break;
            }
        }
        let paragraph: Vec<&str> = lines
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty())
            .collect();
        let text = paragraph.join(" ");
        match sentence_end(&text) {
            Some(i) => text[..i].to_string(),
            None => text.trim_end_matches('.').to_string(),
        }
    }

    /// The severity this rule runs at under `settings` (`None` when it is off) and its setting in
    /// config, if any.
    pub fn setting_in<'s>(&self, settings: &'s Settings) -> (Option<Severity>, Option<&'s RuleSetting>) {
        settings.rule_setting(self.name, self.default_severity)
    }

    /// This rule's options under `settings`, from config or its defaults, parsed on the first file
    /// of the run that asks (see [`OptionsCache`](crate::settings::OptionsCache)). Options are
    /// validated when the config is loaded, so a failure here falls back to the defaults.
    pub fn options_in<'s, T: DeserializeOwned + Default + Clone + Send + Sync + 'static>(
        &'static self,
        settings: &'s Settings,
    ) -> Cow<'s, T> {
        let parse = || {
            self.setting_in(settings)
                .1
                .and_then(|s| s.options.as_ref())
                .and_then(|v| serde_json::from_value(v.clone()).ok())
                .unwrap_or_default()
        };
        let slot = RULES.iter().position(|r| std::ptr::eq(*r, self));
        match slot.and_then(|slot| settings.options_cache.get(slot, RULES.len(), parse)) {
            Some(options) => Cow::Borrowed(options),
            None => Cow::Owned(parse()),
        }
    }

    /// The documentation with the one leading space of each `///` line removed.
    pub fn documentation(&self) -> String {
        self.docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }
}

/// Where the first sentence of `text` ends: at the first `. ` or `: ` outside quotes, code spans
/// and parentheses (a quoted checklist line has its own colon).
fn sentence_end(text: &str) -> Option<usize> {
    let (mut quoted, mut code, mut depth) = (false, false, 0usize);
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'`' => code = !code,
            b'"' if !code => quoted = !quoted,
            b'(' if !code && !quoted => depth += 1,
            b')' if !code && !quoted => depth = depth.saturating_sub(1),
            b'.' | b':' if !code && !quoted && depth == 0 && bytes.get(i + 1) == Some(&b' ') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Declare a rule: its doc comment becomes `Rule::docs`, so `seolint explain` and the README
/// read the same text as rustdoc.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        pub static $ident:ident = {
            name: $name:literal,
            severity: $sev:expr,
            fixable: $fix:literal,
            options: $opts:ty,
            $kind:ident: $check:path $(,)?
        };
    ) => {
        $(#[doc = $doc])+
        pub static $ident: $crate::rules::Rule = $crate::rules::Rule {
            name: $name,
            default_severity: $sev,
            fixable: $fix,
            docs: concat!($($doc, "\n"),+),
            check: $crate::rules::declare_rule!(@kind $kind $check),
            validate: $crate::rules::validate_options::<$opts>,
        };
    };
    (@kind check $check:path) => { $crate::rules::Check::File($check) };
    (@kind site_check $check:path) => { $crate::rules::Check::Site($check) };
}
pub(crate) use declare_rule;

/// Options of a rule that has none.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoOptions {}

/// Options of a rule with a range.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinMax {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// Options of a rule with a minimum.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinOnly {
    pub min: Option<f64>,
}

/// Deserialize `value` as a rule's options type; the error names the offending key.
pub fn validate_options<T: DeserializeOwned>(value: &serde_json::Value) -> Result<(), String> {
    serde_json::from_value::<T>(value.clone())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Every rule, in the order `seolint rules` lists them.
pub static RULES: &[&Rule] = &[
    &content::placeholder::PLACEHOLDER,
    &front_matter::syntax::FRONT_MATTER_SYNTAX,
    &front_matter::required::FRONT_MATTER_REQUIRED,
    &front_matter::types::FRONT_MATTER_TYPE,
    &meta::title_length::TITLE_LENGTH,
    &meta::title_width::TITLE_WIDTH,
    &meta::description_length::DESCRIPTION_LENGTH,
    &keyword::density::KEYWORD_DENSITY,
    &keyword::placement::KEYWORD_PLACEMENT,
    &keyword::secondary::SECONDARY_KEYWORD,
    &keyword::in_subheadings::KEYWORD_IN_SUBHEADINGS,
    &keyword::length::KEYWORD_LENGTH,
    &keyword::competing_links::COMPETING_LINKS,
    &length::word_count::WORD_COUNT,
    &length::section_word_count::SECTION_WORD_COUNT,
    &length::reading_time::READING_TIME,
    &structure::heading_h1::HEADING_H1,
    &structure::heading_increment::HEADING_INCREMENT,
    &structure::toc_link::TOC_LINK,
    &structure::toc_coverage::TOC_COVERAGE,
    &structure::faq::FAQ,
    &structure::faq_schema::FAQ_SCHEMA,
    &structure::key_takeaways::KEY_TAKEAWAYS,
    &links::internal_links::INTERNAL_LINKS,
    &links::external_links::EXTERNAL_LINKS,
    &links::cluster_links::CLUSTER_LINKS,
    &links::link_text::LINK_TEXT,
    &images::image_alt::IMAGE_ALT,
    &images::image_alt_keyword::IMAGE_ALT_KEYWORD,
    &images::image_missing::IMAGE_MISSING,
    &structure::required_section::REQUIRED_SECTION,
    &readability::sentence_length::SENTENCE_LENGTH,
    &readability::paragraph_length::PARAGRAPH_LENGTH,
    &readability::flesch_reading_ease::FLESCH_READING_EASE,
    &readability::subheading_distribution::SUBHEADING_DISTRIBUTION,
    &readability::sentence_beginnings::SENTENCE_BEGINNINGS,
    &readability::passive_voice::PASSIVE_VOICE,
    &readability::transition_words::TRANSITION_WORDS,
    &content::checklist::CHECKLIST,
    &site::broken_link::BROKEN_LINK,
    &site::backlinks::BACKLINKS,
    &site::duplicate_keyword::DUPLICATE_KEYWORD,
    &site::duplicate_title::DUPLICATE_TITLE,
    &site::duplicate_description::DUPLICATE_DESCRIPTION,
    &site::duplicate_slug::DUPLICATE_SLUG,
];

/// Findings about a file that could not be linted at all (not UTF-8, binary, too large). Not a
/// rule of the table: it cannot be turned off or suppressed.
pub const INVALID_FILE: &str = "invalid-file";

pub fn find(name: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.name == name)
}

/// What a rule sees: the document, what it asks of itself, the rule's options and severity, and
/// where to report.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub req: &'a Requirements,
    /// Run-wide settings: fields, template.
    pub settings: &'a Settings,
    pub rule: &'static Rule,
    pub severity: Severity,
    setting: Option<&'a RuleSetting>,
    /// The file's findings so far (the rules before this one share one list: no list per rule
    /// to copy into the file's), this rule's pushed after them.
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub fn new(
        doc: &'a Document,
        req: &'a Requirements,
        settings: &'a Settings,
        rule: &'static Rule,
        severity: Severity,
        setting: Option<&'a RuleSetting>,
        found: Vec<Diagnostic>,
    ) -> Self {
        Context {
            doc,
            req,
            settings,
            rule,
            severity,
            setting,
            diagnostics: found,
        }
    }

    fn option_value(&self, key: &str) -> Option<&'a serde_json::Value> {
        self.setting?.options.as_ref()?.get(key)
    }

    fn option_origin(&self, key: &str) -> Source {
        let origin = self.setting.and_then(|s| s.origins.get(key)).cloned();
        Source::Config(origin.unwrap_or_else(|| "config".to_string()))
    }

    /// This rule's number `key`, most specific first: the document (directives, SEO CHECKLIST),
    /// then the rule's options from config. `None` when neither sets it.
    pub fn threshold(&self, key: &str) -> Option<Threshold> {
        if let Some(n) = self.req.number(self.rule.name, key) {
            return Some(Threshold {
                value: n.value,
                source: n.source.clone(),
                span: n.span,
            });
        }
        let v = self.option_value(key)?.as_f64()?;
        Some(Threshold {
            value: v,
            source: self.option_origin(key),
            span: None,
        })
    }

    /// [`Context::threshold`], or `default` with its source `Source::Default` when neither the
    /// document nor config sets `key`.
    pub fn threshold_or(&self, key: &str, default: f64) -> Threshold {
        self.threshold(key).unwrap_or(Threshold {
            value: default,
            source: Source::Default,
            span: None,
        })
    }

    /// A range from the `min`/`max` thresholds, with the source of the more specific end; `None`
    /// when neither is set.
    pub fn range(&self) -> Option<RangeThreshold> {
        let (min, max) = (self.threshold("min"), self.threshold("max"));
        let setting = min.as_ref().or(max.as_ref())?.clone();
        Some(RangeThreshold {
            min: min.map(|t| t.value),
            max: max.map(|t| t.value),
            source: setting.source,
            span: setting.span,
        })
    }

    /// The rule's options from config, or its defaults (see [`Rule::options_in`]).
    pub fn options<T: DeserializeOwned + Default + Clone + Send + Sync + 'static>(&self) -> Cow<'a, T> {
        self.rule.options_in(self.settings)
    }

    /// Where options came from: config when any of `keys` is set there, else the default.
    pub fn option_source(&self, keys: &[&str]) -> Source {
        match keys.iter().find(|k| self.option_value(k).is_some()) {
            Some(k) => self.option_origin(k),
            None => Source::Default,
        }
    }

    /// A diagnostic of this rule at `span`, to be completed and pushed.
    pub fn diagnostic(&self, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.rule.name, self.severity, span, message)
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The findings the context was given, then this rule's.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// What a site rule sees: every file's summary, and each linted file's settings (for severity).
///
/// Findings are handed on file by file: when the rule reports on another file, the findings of
/// the one before go to the sink, so a run never holds a rule's findings for the whole site. A
/// rule reports in the order of the site's files (each file's findings together); a file it comes
/// back to gets its later findings as a second batch.
pub struct SiteContext<'a> {
    pub site: &'a crate::site::Site,
    pub rule: &'static Rule,
    /// Severity for the file with this report index, `None` when the rule is off there.
    pub severity_of: &'a dyn Fn(usize) -> Option<Severity>,
    /// By report index: why the file is a pillar page, when it is one.
    pillars: &'a [Option<String>],
    /// The findings of the file reported on last: its report index and them.
    pending: Option<(usize, Vec<Diagnostic>)>,
    sink: &'a mut dyn FnMut(usize, Vec<Diagnostic>),
}

impl<'a> SiteContext<'a> {
    pub fn new(
        site: &'a crate::site::Site,
        rule: &'static Rule,
        severity_of: &'a dyn Fn(usize) -> Option<Severity>,
        pillars: &'a [Option<String>],
        sink: &'a mut dyn FnMut(usize, Vec<Diagnostic>),
    ) -> Self {
        SiteContext {
            site,
            rule,
            severity_of,
            pillars,
            pending: None,
            sink,
        }
    }

    /// Why site file `file` is a pillar page (`None`: it is not one, or was not linted in this
    /// run).
    pub fn pillar(&self, file: usize) -> Option<&'a str> {
        let report = self.site.files.get(file)?.report?;
        self.pillars.get(report)?.as_deref()
    }

    /// Report at `span` of site file `file`; only linted files get findings, and only where the
    /// rule is on.
    pub fn report(
        &mut self,
        file: usize,
        span: Span,
        message: String,
        help: impl Into<std::borrow::Cow<'static, str>>,
    ) {
        self.report_elsewhere(file, span, message, help, Vec::new());
    }

    /// [`SiteContext::report`], naming places in other files the finding refers to.
    pub fn report_elsewhere(
        &mut self,
        file: usize,
        span: Span,
        message: String,
        help: impl Into<std::borrow::Cow<'static, str>>,
        elsewhere: Vec<crate::diagnostic::Elsewhere>,
    ) {
        let Some(report) = self.site.files.get(file).and_then(|f| f.report) else {
            return;
        };
        let Some(severity) = (self.severity_of)(report) else {
            return;
        };
        let mut d = Diagnostic::new(self.rule.name, severity, span, message).with_help(help);
        d.elsewhere = elsewhere;
        match &mut self.pending {
            Some((r, found)) if *r == report => found.push(d),
            _ => {
                self.flush();
                self.pending = Some((report, vec![d]));
            }
        }
    }

    fn flush(&mut self) {
        if let Some((report, found)) = self.pending.take() {
            (self.sink)(report, found);
        }
    }

    /// Hand on the last file's findings.
    pub fn finish(mut self) {
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Options are made once per settings; a copy of the settings, changed, makes its own.
    #[test]
    fn options_are_made_once_per_settings_and_afresh_in_a_copy() {
        use crate::engine::check_document;
        use crate::settings::RuleSetting;
        let cache = crate::settings::OptionsCache::default();
        let made = std::cell::Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            7u32
        };
        assert_eq!(cache.get(0, RULES.len(), make), Some(&7));
        assert_eq!(cache.get(0, RULES.len(), make), Some(&7));
        assert_eq!(made.get(), 1);
        assert_eq!(cache.get(0, RULES.len(), || "other type"), None);

        let doc = Document::parse("# Title\n\nIt takes [X] minutes.\n".to_string(), &Default::default());
        let found = |s: &Settings| {
            let (diagnostics, _) = check_document(&doc, s, None);
            diagnostics.iter().filter(|d| d.rule == "placeholder").count()
        };
        let mut ignoring = Settings::default();
        ignoring.rules.insert(
            "placeholder".to_string(),
            RuleSetting {
                severity: Some(Severity::Error),
                options: Some(serde_json::json!({"ignore": ["[X]"]})),
                origins: Default::default(),
            },
        );
        assert_eq!((found(&ignoring), found(&ignoring)), (0, 0));
        let mut plain = ignoring.clone();
        plain.rules.clear();
        assert_eq!(found(&plain), 1, "the copy parses its own (default) options");
        assert_eq!(found(&ignoring), 0);
    }

    #[test]
    fn a_summary_ends_at_the_first_sentence_outside_quotes_code_and_parentheses() {
        assert_eq!(sentence_end("Checks a thing. Then more."), Some(14));
        assert_eq!(
            sentence_end("Checks the places it names (\"Primary keyword in: title\"): more"),
            Some(56)
        );
        assert_eq!(sentence_end("Checks `A: b` words: more"), Some(19));
        assert_eq!(sentence_end("Checks e.g.this"), None);
        assert_eq!(sentence_end("Checks (a. b"), None);
    }

    #[test]
    fn names_are_unique_kebab_case() {
        let mut names: Vec<_> = RULES.iter().map(|r| r.name).collect();
        for n in &names {
            assert!(
                n.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{n}"
            );
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }
}
