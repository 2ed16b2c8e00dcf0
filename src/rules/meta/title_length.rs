use std::cmp::Ordering;

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::meta::{check_length, page_title};
use crate::rules::{declare_rule, Context};
use crate::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Checks that the page title is 30-60 characters long. The title is the front matter
    /// `title`; a file without one is measured by its H1.
    ///
    /// ## Why is this bad?
    /// Search results show about 60 characters of a title and cut the rest; a title under 30
    /// characters wastes the most visible line of the result and rarely holds the keyword and a
    /// reason to click.
    ///
    /// ## Example
    /// ```markdown fail
    /// ---
    /// title: "Cold Brew"
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    ///
    /// Use instead:
    /// ```markdown pass
    /// ---
    /// title: "Cold brew at home, from grind to glass"
    /// ---
    ///
    /// Cold brew is coffee steeped in cold water.
    /// ```
    ///
    /// ## Options
    /// - `min` (default 30), `max` (default 60): the range, in characters.
    ///
    /// The front matter keys that hold the title are config `fields.title` (default `title`).
    pub static TITLE_LENGTH = {
        name: "title-length",
        severity: Severity::Warning,
        fixable: false,
        options: Options,
        check: check,
    };
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub min: usize,
    pub max: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options { min: 30, max: 60 }
    }
}

fn check(ctx: &mut Context) {
    let opts = ctx.options::<Options>();
    let Some(title) = page_title(ctx.doc, ctx.settings) else {
        return;
    };
    // keyword advice only for an article that declares a keyword
    let help = if ctx.req.keyword.is_some() {
        (
            "say what the reader gets and include the primary keyword",
            "search results cut titles at about 60 characters; put the keyword first and trim the rest",
        )
    } else {
        (
            "say what the reader gets",
            "search results cut titles at about 60 characters; put the main point first and trim the rest",
        )
    };
    check_length(ctx, "title", title, (opts.min, opts.max), help);
}

/// How this rule, as `settings` run it, judges a title of `chars` characters of visible text:
/// `Less` too short, `Greater` too long, `None` when it fits or the rule is off. For
/// `title-width`, which gives way to this rule on the same title.
pub fn verdict(settings: &Settings, chars: usize) -> Option<Ordering> {
    TITLE_LENGTH.setting_in(settings).0?;
    let opts = TITLE_LENGTH.options_in::<Options>(settings);
    if chars == 0 {
        None // an empty title is reported as missing, not as short
    } else if chars < opts.min {
        Some(Ordering::Less)
    } else if chars > opts.max {
        Some(Ordering::Greater)
    } else {
        None
    }
}
