//! title-width: the title's width in pixels as search results draw it, which is where they cut it.

use std::cmp::Ordering;

use crate::diagnostic::{excerpt, Severity};
use crate::requirements::Threshold;
use crate::rules::meta::{page_title, title_length, visible};
use crate::rules::{declare_rule, Context};
use crate::text::number;

declare_rule! {
    /// ## What it does
    /// Estimates the title's width in pixels as search results render it and checks it against
    /// about 600 px, where results cut a title (Google's desktop results draw titles in a font
    /// like Arial at 20 px in a column about 600 px wide). The title is the front matter `title`;
    /// a file without one is measured by its H1.
    ///
    /// The width is an estimate: each character's advance width in Arial at 20 px, from
    /// Helvetica's published font metrics (Adobe's Core 14 AFM files, which Arial matches width
    /// for width); accented Latin letters take their base letter's width, wide East Asian
    /// characters 20 px, and any other character the width of an average letter (11 px). No
    /// kerning. The exact cut depends on the device and changes over time.
    ///
    /// One problem, one finding: a title that `title-length` already reports as too long is not
    /// reported again as too wide (nor a too short one as too narrow). This rule speaks for
    /// titles that fit in characters but not in pixels (wide capitals, wide letters), and for
    /// every title when `title-length` is off in config. An inline suppression of
    /// `title-length` at the title silences the problem, so this rule stays silent too.
    ///
    /// ## Why is this bad?
    /// Search results cut titles by width, not by character count: a title of wide capitals
    /// ("WWW MMM") is cut sooner than one of narrow letters, and a cut title loses its ending.
    ///
    /// ## Example
    /// ```markdown fail
    /// ---
    /// title: "COLD BREW COFFEE AT HOME: RATIOS, STEEPING TIMES, FILTERS"
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
    /// - `max` (default 600, also under `pillar`): the widest title, in pixels.
    /// - `min` (default none, `pillar` 400): the narrowest title, in pixels (Yoast asks for 400;
    ///   a pillar page uses the whole line of its result).
    ///
    /// The front matter keys that hold the title are config `fields.title` (default `title`).
    pub static TITLE_WIDTH = {
        name: "title-width",
        severity: Severity::Warning,
        fixable: false,
        options: crate::rules::MinMax,
        check: check,
    };
}

/// Advance widths of the printable ASCII characters (space to `~`) in thousandths of an em:
/// Helvetica's AFM metrics, which Arial's match.
const ASCII_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
    278, 278, 584, 584, 584, 556, 1015, // : to @
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A-M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N-Z
    278, 278, 278, 469, 556, 333, // [ to `
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a-m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n-z
    334, 260, 334, 584, // { to ~
];

/// The width of a letter seolint has no metrics for: about an average lowercase letter.
const AVERAGE: u16 = 556;

/// The font size search results use for titles, in pixels.
const FONT_PX: f64 = 20.0;

/// One character's advance width in thousandths of an em.
fn char_width(c: char) -> u16 {
    let code = c as u32;
    if (0x20..0x7f).contains(&code) {
        return ASCII_WIDTHS[(code - 0x20) as usize];
    }
    match c {
        '\u{a0}' => 278,
        'À'..='Å' | 'Ā' | 'Ă' | 'Ą' => 667,
        'Æ' | 'Œ' => 1000,
        'Ç' | 'Ć' | 'Č' | 'Ð' | 'Đ' | 'Ď' => 722,
        'È'..='Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 667,
        'Ì'..='Ï' | 'İ' => 278,
        'Ñ' | 'Ń' | 'Ň' | 'Ù'..='Ü' | 'Ū' | 'Ů' | 'Ű' => 722,
        'Ò'..='Ö' | 'Ø' | 'Ő' => 778,
        'Ý' | 'Ÿ' | 'Ś' | 'Š' | 'Ş' | 'Ř' => 667,
        'Ž' | 'Ź' | 'Ż' | 'Ť' => 611,
        'Ł' | 'Ľ' => 556,
        'ß' => 611,
        'à'..='å' | 'ā' | 'ă' | 'ą' => 556,
        'æ' | 'œ' => 889,
        'ç' | 'ć' | 'č' => 500,
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'ð' | 'đ' | 'ď' => 556,
        'ì'..='ï' | 'ı' => 278,
        'ñ' | 'ń' | 'ň' | 'ò'..='ö' | 'ő' | 'ù'..='ü' | 'ū' | 'ů' | 'ű' => 556,
        'ø' => 611,
        'ý' | 'ÿ' | 'ś' | 'š' | 'ş' | 'ž' | 'ź' | 'ż' => 500,
        'ł' | 'ľ' => 222,
        'ř' => 333,
        'ť' => 278,
        '×' | '÷' | '±' => 584,
        '‘' | '’' | '‚' => 222,
        '“' | '”' | '„' => 333,
        '–' => 556,
        '—' | '…' | '‰' => 1000,
        '•' => 350,
        '·' => 278,
        '©' | '®' => 737,
        '™' => 1000,
        '€' | '£' | '¥' => 556,
        '«' | '»' => 556,
        '°' => 400,
        _ if is_wide(code) => 1000,
        _ => AVERAGE,
    }
}

/// East Asian wide characters (CJK, kana, Hangul, full-width forms): a full em each.
fn is_wide(code: u32) -> bool {
    matches!(code,
        0x1100..=0x115f | 0x2e80..=0xa4cf | 0xac00..=0xd7a3 | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f | 0xff00..=0xff60 | 0xffe0..=0xffe6 | 0x20000..=0x3fffd)
}

/// The text's width in pixels at the results' font size.
pub fn width_px(text: &str) -> f64 {
    let ems: u32 = text.chars().map(|c| u32::from(char_width(c))).sum();
    f64::from(ems) * FONT_PX / 1000.0
}

fn check(ctx: &mut Context) {
    let doc = ctx.doc;
    let Some(title) = page_title(doc, ctx.settings) else {
        return;
    };
    let visible = visible(&title);
    let chars = visible.chars().count();
    let visible = visible.split_whitespace().collect::<Vec<_>>().join(" ");
    if visible.is_empty() {
        return;
    }
    // compared as shown: a title of 600.4 px is not "~600 px" over 600
    let width = width_px(&visible).round();
    let Threshold {
        value: max,
        source: max_source,
        ..
    } = ctx.threshold_or("max", 600.0);
    let min = ctx.threshold("min");
    let shown = excerpt(&visible, 70);
    let message = if width > max {
        format!(
            "title is too wide: ~{} px (\"{shown}\" in {}); search results show about {} px ({max_source})",
            number(width),
            title.origin,
            number(max)
        )
    } else if let Some(min) = min.filter(|m| width < m.value) {
        format!(
            "title is too narrow: ~{} px (\"{shown}\" in {}); aim for at least {} px ({})",
            number(width),
            title.origin,
            number(min.value),
            min.source
        )
    } else {
        return;
    };
    // one problem, one finding: a title title-length already reports as too long (too short)
    // is not reported again as too wide (too narrow)
    let direction = if width > max { Ordering::Greater } else { Ordering::Less };
    if title_length::verdict(ctx.settings, chars) == Some(direction) {
        return;
    }
    let d = ctx
        .diagnostic(title.span, message)
        .with_help(if ctx.req.keyword.is_some() {
            "search results cut a wide title with an ellipsis: put the keyword first and trim the end"
        } else {
            "search results cut a wide title with an ellipsis: put the main point first and trim the end"
        });
    ctx.push(d);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_metrics() {
        // 'W' is Helvetica's widest capital, 'i' and 'l' its narrowest letters
        assert_eq!(width_px("W"), 944.0 * 20.0 / 1000.0);
        assert_eq!(width_px("il"), 444.0 * 20.0 / 1000.0);
        assert_eq!(width_px("é"), width_px("e"));
        assert_eq!(width_px("Ö"), width_px("O"));
        assert_eq!(width_px("珈"), 20.0);
        assert_eq!(width_px("ж"), f64::from(AVERAGE) * 20.0 / 1000.0);
        // sixty narrow letters fit, sixty wide capitals do not
        assert!(width_px(&"i".repeat(60)) < 600.0);
        assert!(width_px(&"W".repeat(60)) > 600.0);
    }
}
