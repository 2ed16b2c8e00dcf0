//! Percent-decoding for URLs and fragments.

/// Decode `%XX` escapes (invalid sequences are kept as written); a result that is not UTF-8 is
/// `s` as written.
pub fn percent_decode(s: &str) -> String {
    String::from_utf8(percent_decode_bytes(s)).unwrap_or_else(|_| s.to_string())
}

/// The bytes `%XX` escapes stand for (invalid sequences are kept as written), for a caller that
/// takes bytes (a file URI's path).
pub fn percent_decode_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}
