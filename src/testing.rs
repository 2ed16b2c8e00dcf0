//! Helpers shared by the crate's unit tests.

/// A small seeded generator of random test text (xorshift64).
pub(crate) struct Xorshift(pub u64);

impl Xorshift {
    /// A number below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// `len` characters drawn from `alphabet`.
    pub(crate) fn text(&mut self, alphabet: &str, len: usize) -> String {
        let chars: Vec<char> = alphabet.chars().collect();
        (0..len).map(|_| chars[self.below(chars.len())]).collect()
    }
}
