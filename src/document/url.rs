//! URLs as the rules see them: a link's host and its kind (internal, external, fragment, ...).

use super::*;

/// The host of an absolute http(s) or protocol-relative URL.
pub fn url_host(url: &str) -> Option<&str> {
    let rest = after_scheme(url)?;
    // one byte pass (ASCII bytes never occur inside a multi-byte character): the authority ends
    // at `/`, `?` or `#`; the host follows its last `@` and ends at the first `:` after that
    let (mut start, mut colon, mut end) = (0, None, rest.len());
    for (i, b) in rest.bytes().enumerate() {
        match b {
            b'/' | b'?' | b'#' => {
                end = i;
                break;
            }
            b'@' => (start, colon) = (i + 1, None),
            b':' if colon.is_none() => colon = Some(i),
            _ => {}
        }
    }
    let host = rest.get(start..colon.unwrap_or(end)).unwrap_or_default();
    (!host.is_empty()).then_some(host)
}

/// What follows `http://`, `https://` (either in lower or upper case) or a scheme-relative `//`.
pub(super) fn after_scheme(url: &str) -> Option<&str> {
    url.strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("HTTPS://"))
        .or_else(|| url.strip_prefix("HTTP://"))
        .or_else(|| url.strip_prefix("//"))
}

/// Internal, external, fragment or other, as DESIGN section 4 defines them. `site_host` is
/// lowercase, without `www.`.
pub fn classify_url(url: &str, site_host: Option<&str>) -> LinkKind {
    let url = url.trim();
    if url.is_empty() {
        return LinkKind::Other;
    }
    // DocFX tab headings, `# [Linux](#tab/linux)`, switch tabs; they name no anchor
    if url.starts_with("#tab/") {
        return LinkKind::Other;
    }
    if url.starts_with('#') {
        return LinkKind::Fragment;
    }
    let scheme = |s: &str| url.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s));
    if scheme("http://") || scheme("https://") || url.starts_with("//") {
        // the site's host is lowercase: compared without making a lowercase copy of this one
        // `strip_prefix` in a loop is `trim_start_matches("www.")` without its substring
        // searcher's set-up, once per link
        let host = url_host(url).map(|mut h| {
            while let Some(rest) = h.strip_prefix("www.") {
                h = rest;
            }
            h
        });
        return match (host, site_host) {
            (Some(h), Some(site)) if h.eq_ignore_ascii_case(site) => LinkKind::Internal,
            _ => LinkKind::External,
        };
    }
    let scheme_end = url.find(':');
    let has_scheme = scheme_end.is_some_and(|i| {
        i > 0
            && url.as_bytes()[..i]
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
    });
    if has_scheme {
        LinkKind::Other
    } else {
        LinkKind::Internal
    }
}
