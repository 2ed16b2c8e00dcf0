//! How the result cache sits on disk: one file per project and working directory, its entries'
//! payloads first and their index at the end, so that a run reads the index at its start and
//! each payload only when it uses it, and writes entries as files are linted, not all at its end.
//! A run over a site of 100,000 articles then holds the index in memory, not the whole cache.
//!
//! ```text
//! header   MAGIC, format (u32), version length (u32), version
//! payloads one after the other, each as the index says
//! index    per entry: name length (u32), name, content hash (u128), settings key (u64),
//!          checksum of the payload (xxh3-64), payload offset (u64), payload length (u32)
//! footer   index offset (u64), END
//! ```
//! All numbers little-endian. A file that does not read this way (another version's, cut short,
//! or anything else) is empty; a payload that does not match its checksum is not used.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use xxhash_rust::xxh3::xxh3_64;

/// The layout of a cache file and of its entries; a change makes every older cache a miss.
pub const CACHE_FORMAT: u32 = 3;

/// What a cache file starts with.
const MAGIC: &[u8; 8] = b"SEOLINTC";

/// What a cache file ends with, after the index's offset.
const END: &[u8; 8] = b"SEOLINTE";

/// An entry's key and where its payload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub content: u128,
    pub settings: u64,
    pub checksum: u64,
    offset: u64,
    len: u32,
}

/// A cache file opened for reading: its index, and the file to read payloads from. A run that
/// replaces the file (renames another over it) leaves this one readable to the end.
pub struct CacheReader {
    file: Option<File>,
    pub index: HashMap<Box<str>, Slot>,
}

impl CacheReader {
    /// No cache.
    pub fn empty() -> CacheReader {
        CacheReader {
            file: None,
            index: HashMap::new(),
        }
    }

    /// The cache file at `path` written by seolint `version`: `None` when there is a file but it
    /// is not one (it is rewritten); an empty cache when there is none.
    pub fn open(path: &Path, version: &str) -> Option<CacheReader> {
        let Ok(file) = File::open(path) else {
            return Some(CacheReader::empty());
        };
        let index = read_index(&file, version)?;
        Some(CacheReader {
            file: Some(file),
            index,
        })
    }

    /// Each of `slots` (with its name) whose payload matches its checksum, and the payload, read
    /// in file order a stretch of neighbouring payloads at a time (a run that keeps most of an
    /// old cache copies it with a few reads, not one a file).
    pub fn payloads<'n>(&self, mut slots: Vec<(&'n str, Slot)>, mut each: impl FnMut(&'n str, &Slot, &[u8])) {
        const STRETCH: u64 = 1 << 20;
        let Some(file) = self.file.as_ref() else { return };
        slots.sort_unstable_by_key(|(_, s)| s.offset);
        let mut rest = slots.as_slice();
        let mut buf = Vec::new();
        while let Some((_, first)) = rest.first() {
            // the slots whose payloads follow each other, up to a stretch (or the one payload)
            let mut end = first.offset + u64::from(first.len);
            let mut n = 1;
            while let Some((_, next)) = rest.get(n) {
                let next_end = next.offset + u64::from(next.len);
                if next.offset != end || next_end - first.offset > STRETCH {
                    break;
                }
                end = next_end;
                n += 1;
            }
            buf.resize((end - first.offset) as usize, 0);
            if read_at(file, &mut buf, first.offset).is_ok() {
                for (name, slot) in &rest[..n] {
                    let at = (slot.offset - first.offset) as usize;
                    let bytes = &buf[at..at + slot.len as usize];
                    if xxh3_64(bytes) == slot.checksum {
                        each(name, slot, bytes);
                    }
                }
            }
            rest = &rest[n..];
        }
    }

    /// The payload of `slot` if it matches its checksum.
    pub fn payload(&self, slot: &Slot) -> Option<Vec<u8>> {
        let mut bytes = vec![0; slot.len as usize];
        read_at(self.file.as_ref()?, &mut bytes, slot.offset).ok()?;
        (xxh3_64(&bytes) == slot.checksum).then_some(bytes)
    }
}

fn read_index(file: &File, version: &str) -> Option<HashMap<Box<str>, Slot>> {
    let len = file.metadata().ok()?.len();
    let header_len = (MAGIC.len() + 8 + version.len()) as u64;
    let mut header = vec![0; usize::try_from(header_len).ok()?];
    read_at(file, &mut header, 0).ok()?;
    let mut r = Reader { bytes: &header, at: 0 };
    if r.take(MAGIC.len())? != MAGIC || r.u32()? != CACHE_FORMAT || r.u32()? as usize != version.len() {
        return None;
    }
    if r.take(version.len())? != version.as_bytes() {
        return None;
    }
    let mut footer = [0; 16];
    read_at(file, &mut footer, len.checked_sub(16)?).ok()?;
    let index_at = u64::from_le_bytes(footer[..8].try_into().ok()?);
    if &footer[8..] != END || index_at < header_len || index_at > len - 16 {
        return None;
    }
    let mut bytes = vec![0; usize::try_from(len - 16 - index_at).ok()?];
    read_at(file, &mut bytes, index_at).ok()?;
    let mut r = Reader { bytes: &bytes, at: 0 };
    let mut index = HashMap::new();
    while r.at < bytes.len() {
        let n = r.u32()? as usize;
        let name = std::str::from_utf8(r.take(n)?).ok()?;
        let slot = Slot {
            content: u128::from_le_bytes(r.take(16)?.try_into().ok()?),
            settings: r.u64()?,
            checksum: r.u64()?,
            offset: r.u64()?,
            len: r.u32()?,
        };
        // a payload is between the header and the index
        if slot.offset < header_len || slot.offset.checked_add(u64::from(slot.len))? > index_at {
            return None;
        }
        index.insert(name.into(), slot);
    }
    Some(index)
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let out = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(out)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}

/// A cache file being written: a temporary file in the cache folder, payloads appended as they
/// come, and the index kept until [`CacheWriter::finish`] writes it and renames the file over
/// the old cache (a concurrent run sees the old file or the new one, never half of one).
pub struct CacheWriter {
    out: BufWriter<tempfile::NamedTempFile>,
    at: u64,
    index: HashMap<Box<str>, Slot>,
}

impl CacheWriter {
    /// A new cache file in `dir` for seolint `version`.
    pub fn create(dir: &Path, version: &str) -> std::io::Result<CacheWriter> {
        let mut out = BufWriter::new(tempfile::NamedTempFile::new_in(dir)?);
        out.write_all(MAGIC)?;
        out.write_all(&CACHE_FORMAT.to_le_bytes())?;
        out.write_all(&(version.len() as u32).to_le_bytes())?;
        out.write_all(version.as_bytes())?;
        Ok(CacheWriter {
            out,
            at: (MAGIC.len() + 8 + version.len()) as u64,
            index: HashMap::new(),
        })
    }

    /// Append an entry.
    pub fn add(&mut self, name: &str, content: u128, settings: u64, payload: &[u8]) -> std::io::Result<()> {
        let len = u32::try_from(payload.len()).map_err(|_| std::io::Error::other("cache entry too large"))?;
        self.out.write_all(payload)?;
        let slot = Slot {
            content,
            settings,
            checksum: xxh3_64(payload),
            offset: self.at,
            len,
        };
        self.at += u64::from(len);
        self.index.insert(name.into(), slot);
        Ok(())
    }

    /// Whether an entry for `name` was added.
    pub fn has(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// Write the index and the footer, and put the file at `path`.
    pub fn finish(mut self, path: &Path) -> std::io::Result<()> {
        let index_at = self.at;
        for (name, slot) in &self.index {
            self.out.write_all(&(name.len() as u32).to_le_bytes())?;
            self.out.write_all(name.as_bytes())?;
            self.out.write_all(&slot.content.to_le_bytes())?;
            self.out.write_all(&slot.settings.to_le_bytes())?;
            self.out.write_all(&slot.checksum.to_le_bytes())?;
            self.out.write_all(&slot.offset.to_le_bytes())?;
            self.out.write_all(&slot.len.to_le_bytes())?;
        }
        self.out.write_all(&index_at.to_le_bytes())?;
        self.out.write_all(END)?;
        let temp = self.out.into_inner().map_err(|e| e.into_error())?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_written_are_read_back_and_a_bad_payload_is_not() {
        let d = tempfile::tempdir().expect("tmp");
        let path = d.path().join("c.bin");
        let mut w = CacheWriter::create(d.path(), "1.2.3").expect("create");
        w.add("a.md", 1, 2, b"first").expect("add");
        w.add("b.md", 3, 4, b"second").expect("add");
        assert!(w.has("a.md") && !w.has("c.md"));
        w.finish(&path).expect("finish");
        let r = CacheReader::open(&path, "1.2.3").expect("a cache");
        assert_eq!(r.index.len(), 2);
        let a = r.index["a.md"];
        assert_eq!((a.content, a.settings), (1, 2));
        assert_eq!(r.payload(&a).as_deref(), Some(&b"first"[..]));
        // a payload changed after it was written: never used
        let mut bytes = std::fs::read(&path).expect("read");
        let at = bytes.windows(6).position(|w| w == b"second").expect("payload");
        bytes[at] = b'S';
        std::fs::write(&path, &bytes).expect("write");
        let r = CacheReader::open(&path, "1.2.3").expect("a cache");
        assert_eq!(r.payload(&r.index["b.md"]), None);
        assert!(r.payload(&r.index["a.md"]).is_some());
        // read together (neighbours in the file): the good one comes, the bad one does not
        let mut got = Vec::new();
        let slots = vec![("b.md", r.index["b.md"]), ("a.md", r.index["a.md"])];
        r.payloads(slots, |name, _, bytes| got.push((name, bytes.to_vec())));
        assert_eq!(got, [("a.md", b"first".to_vec())]);
        // another version's file, or one cut short, is not a cache
        assert!(CacheReader::open(&path, "1.2.4").is_none());
        let bytes = std::fs::read(&path).expect("read");
        for cut in [1, 8, 20, bytes.len() - 30] {
            std::fs::write(&path, &bytes[..bytes.len() - cut]).expect("write");
            assert!(CacheReader::open(&path, "1.2.3").is_none(), "cut {cut}");
        }
        // no file: an empty cache
        let none = CacheReader::open(&d.path().join("none.bin"), "1.2.3").expect("empty");
        assert!(none.index.is_empty());
    }
}
