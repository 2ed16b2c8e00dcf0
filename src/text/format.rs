//! Numbers as messages write them: thousands separators, thresholds, ranges, plurals.

use std::fmt;

/// 4012 -> "4,012": written where it is formatted (a message's pieces make no strings of their
/// own; thousands of findings a run).
pub fn thousands(n: usize) -> Thousands {
    Thousands(n)
}

/// See [`thousands`].
pub struct Thousands(usize);

impl MessagePiece for Thousands {
    fn write_to(&self, out: &mut impl fmt::Write) -> fmt::Result {
        write_thousands(out, self.0)
    }
}

impl fmt::Display for Thousands {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_piece(self, f)
    }
}

/// The digits of `n`, a comma between groups of three.
fn write_thousands(out: &mut impl fmt::Write, n: usize) -> fmt::Result {
    // usize::MAX has 20 digits: with its 6 commas, 26 bytes
    let mut digits = [0u8; 26];
    let (mut i, mut n, mut k) = (digits.len(), n, 0);
    loop {
        if k > 0 && k % 3 == 0 {
            i -= 1;
            digits[i] = b',';
        }
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        k += 1;
        if n == 0 {
            break;
        }
    }
    out.write_str(std::str::from_utf8(&digits[i..]).map_err(|_| fmt::Error)?)
}

/// A message piece ([`thousands`], [`number`], [`range`]), written where it is formatted.
trait MessagePiece {
    fn write_to(&self, out: &mut impl fmt::Write) -> fmt::Result;
}

/// A piece's `Display`: written straight through, or, when a width is asked (`{:>6}` in
/// `stats`), rendered first (on the stack, in a string when longer than the buffer) and padded.
fn write_piece(piece: &impl MessagePiece, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if f.width().is_none() && f.precision().is_none() {
        return piece.write_to(f);
    }
    let mut buf = StackBuffer::new();
    match piece.write_to(&mut buf) {
        Ok(()) => f.pad(buf.as_str()),
        // longer than the buffer (1e300 has 301 digits)
        Err(_) => {
            let mut s = String::new();
            piece.write_to(&mut s)?;
            f.pad(&s)
        }
    }
}

/// A piece rendered on the stack before it is padded; a piece longer than the buffer fails to
/// write.
struct StackBuffer {
    bytes: [u8; 48],
    len: usize,
}

impl StackBuffer {
    fn new() -> StackBuffer {
        StackBuffer { bytes: [0; 48], len: 0 }
    }

    fn as_str(&self) -> &str {
        // only whole `str`s are written in
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for StackBuffer {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// "1 question", "2 questions", "1,200 words".
pub fn plural(n: f64, word: &str) -> String {
    let s = if n == 1.0 { "" } else { "s" };
    format!("{} {word}{s}", number(n))
}

/// A threshold number as written: 4000 -> "4,000", 1.5 -> "1.5", 1 -> "1" (written where it is
/// formatted, as [`thousands`]).
pub fn number(n: f64) -> Number {
    Number(n)
}

/// See [`number`].
pub struct Number(f64);

impl MessagePiece for Number {
    fn write_to(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let n = self.0;
        if n.fract() == 0.0 && n.abs() < 1e15 {
            write_thousands(out, n.abs() as usize)
        } else if (n * 100.0).fract() == 0.0 && n.abs() < 1e13 {
            // whole hundredths (0.5, 2.25: most thresholds), without float formatting: `n` is then
            // within rounding error of k/100, far from any x.xx5 that `{:.2}` would round
            let cents = (n * 100.0).abs() as u64;
            let (whole, frac) = (cents / 100, cents % 100);
            let sign = if n < 0.0 { "-" } else { "" };
            if frac % 10 == 0 {
                write!(out, "{sign}{whole}.{}", frac / 10)
            } else {
                write!(out, "{sign}{whole}.{frac:02}")
            }
        } else {
            let s = format!("{n:.2}");
            out.write_str(s.trim_end_matches('0').trim_end_matches('.'))
        }
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_piece(self, f)
    }
}

/// "1.0-1.5", "at least 4,000", "at most 3" (written where it is formatted, as [`thousands`]).
pub fn range(min: Option<f64>, max: Option<f64>) -> Range {
    Range(min, max)
}

/// See [`range`].
pub struct Range(Option<f64>, Option<f64>);

impl MessagePiece for Range {
    fn write_to(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match (self.0, self.1) {
            (Some(a), Some(b)) => write!(out, "{}-{}", number(a), number(b)),
            (Some(a), None) => write!(out, "at least {}", number(a)),
            (None, Some(b)) => write!(out, "at most {}", number(b)),
            (None, None) => out.write_str("any"),
        }
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_piece(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Xorshift;

    #[test]
    fn numbers_in_hundredths_read_as_float_formatting_gives_them() {
        let slow = |n: f64| {
            let s = format!("{n:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        let mut rng = Xorshift(0x3c6e_f372_fe94_f82b);
        for _ in 0..20_000 {
            let k = rng.below(2_000_000) as f64;
            for n in [k / 100.0, -k / 100.0, k / 1000.0, k / 7.0, k / 100.0 + 0.001] {
                if n.fract() != 0.0 {
                    assert_eq!(number(n).to_string(), slow(n), "{n:?}");
                }
            }
        }
        assert_eq!(number(0.5).to_string(), "0.5");
        assert_eq!(number(2.25).to_string(), "2.25");
        assert_eq!(number(1.05).to_string(), "1.05");
        assert_eq!(number(1234.5).to_string(), "1234.5");
        assert_eq!(thousands(999).to_string(), "999");
        assert_eq!(thousands(1000).to_string(), "1,000");
    }

    #[test]
    fn numbers() {
        assert_eq!(thousands(4012).to_string(), "4,012");
        assert_eq!(thousands(12).to_string(), "12");
        assert_eq!(thousands(0).to_string(), "0");
        assert_eq!(thousands(1_000_000).to_string(), "1,000,000");
        assert_eq!(thousands(usize::MAX).to_string(), "18,446,744,073,709,551,615");
        assert_eq!(format!("[{:>6}]", thousands(4012)), "[ 4,012]");
        assert_eq!(number(1.5).to_string(), "1.5");
        assert_eq!(number(4000.0).to_string(), "4,000");
        assert_eq!(number(-2.25).to_string(), "-2.25");
        assert_eq!(
            number(1e300).to_string(),
            format!("{:.2}", 1e300).trim_end_matches('0').trim_end_matches('.')
        );
        // padded, longer than the stack buffer: the string fallback
        assert_eq!(format!("{:>3}", number(1e300)), number(1e300).to_string());
        assert_eq!(format!("{:>303}", number(-1e300)), format!(" {}", number(-1e300)));
        assert_eq!(range(Some(1.0), Some(1.5)).to_string(), "1-1.5");
        assert_eq!(range(None, Some(3.0)).to_string(), "at most 3");
        assert_eq!(range(None, None).to_string(), "any");
        assert_eq!(format!("[{:<12}]", range(Some(1.0), Some(1.5))), "[1-1.5       ]");
    }
}
