//! The IR cache: each source file's lowered IR on disk, so that a scan of files
//! that did not change since the last scan does not parse them again.
//!
//! An entry is found by a key that covers everything lowering depends on: this
//! build of piitrace (its version, the IR format, the embedded query files and the
//! executable itself), the file's language, its path relative to the scan root
//! (Rust module paths come from it) and its text. File ids are not stored: they are
//! assigned per scan, and a loaded module takes the id of the scan reading it
//! ([`crate::ir::with_file_id`]).
//!
//! Anything missing, unreadable, truncated or corrupt is a miss: the file is
//! lowered again and the entry rewritten. Entries are written to a temporary file
//! renamed into place, so scans sharing the directory see whole entries or none.
//! Deleting the directory at any time is safe.
//!
//! Beside it, the results cache ([`ResultCache`]) keeps the last result of a scan
//! of each root, so that a scan of nothing changed (a CI re-run, a batch resumed)
//! analyses nothing.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use crate::frontend::Lowered;
use crate::ir::{self, FileId, Language, Module};
use crate::workspace::{FileKind, SkipReason};

/// Changes whenever the IR's types or their meaning change.
const IR_FORMAT: u32 = 14;
/// The first bytes of every entry.
const MAGIC: &[u8; 8] = b"PIIRv001";
const CHECKSUM_LEN: usize = 32;

/// What identifies a file's lowering in the cache.
pub type CacheKey = [u8; 32];

/// A directory of lowered files.
pub struct IrCache {
    entries: PathBuf,
    build: [u8; 32],
    hits: AtomicUsize,
    misses: AtomicUsize,
    failed_writes: AtomicUsize,
}

/// How a scan used the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheStats {
    pub hits: usize,
    pub misses: usize,
    pub failed_writes: usize,
}

impl IrCache {
    /// A cache in `dir` (created when the first entry is written).
    pub fn new(dir: &Path) -> IrCache {
        IrCache {
            entries: dir.join("ir"),
            build: build_identity(),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            failed_writes: AtomicUsize::new(0),
        }
    }

    /// `$PIITRACE_CACHE_DIR`, else the platform's cache directory
    /// (`$XDG_CACHE_HOME/piitrace`, `~/.cache/piitrace`, `~/Library/Caches/piitrace`).
    pub fn default_dir() -> Option<PathBuf> {
        match std::env::var_os("PIITRACE_CACHE_DIR") {
            Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
            _ => dirs::cache_dir().map(|d| d.join("piitrace")),
        }
    }

    pub fn key(&self, language: Language, rel: &str, text: &str) -> CacheKey {
        self.key_of(&file_digest(rel, FileKind::Source(language), Ok(text)))
    }

    /// The key of a source file whose [`file_digest`] is `digest`.
    pub fn key_of(&self, digest: &CacheKey) -> CacheKey {
        let mut h = Sha256::new();
        h.update(self.build);
        h.update(digest);
        h.finalize().into()
    }

    /// The lowering stored under `key`, its spans in file `file`; `None` when there
    /// is no usable entry.
    pub fn get(&self, key: &CacheKey, file: FileId) -> Option<Lowered> {
        let found = std::fs::read(self.path(key))
            .ok()
            .and_then(|bytes| decode(&bytes, file));
        let counter = match found {
            Some(_) => &self.hits,
            None => &self.misses,
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Stores `lowered` under `key`. A cache that cannot be written only costs the
    /// next scan time: failures are counted, not reported.
    pub fn put(&self, key: &CacheKey, lowered: &Lowered) {
        if self.write(key, lowered).is_err() {
            self.failed_writes.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub fn stats(&self) -> CacheStats {
        CacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            failed_writes: self.failed_writes.load(Ordering::Relaxed),
        }
    }

    fn path(&self, key: &CacheKey) -> PathBuf {
        let hex = hex(key);
        self.entries.join(&hex[..2]).join(&hex[2..])
    }

    fn write(&self, key: &CacheKey, lowered: &Lowered) -> std::io::Result<()> {
        let bytes = encode(lowered).ok_or(std::io::ErrorKind::InvalidData)?;
        write_entry(&self.path(key), &bytes)
    }
}

/// The last result of a scan of each root, with the key of its inputs: this build,
/// the configuration's text, and every file the scan read (its path, kind and text,
/// or why it could not be read). A scan whose key matches returns the stored result;
/// any other scan of the root replaces it, so the cache holds one result per root
/// and configuration, however many times it is scanned.
///
/// A result is a function of those inputs alone: discovery, reading and analysis
/// are deterministic (the same SARIF at any `--jobs`), and files skipped for taking
/// too long, the one thing that is not, keep a result out of the cache.
pub struct ResultCache {
    entries: PathBuf,
    build: [u8; 32],
}

impl ResultCache {
    pub fn new(dir: &Path) -> ResultCache {
        ResultCache {
            entries: dir.join("results"),
            build: build_identity(),
        }
    }

    /// The key of a scan with configuration `config` that read `inputs`; the files
    /// are hashed in parallel (on the current rayon pool).
    pub fn key(&self, config: &str, inputs: &crate::scan::Inputs) -> CacheKey {
        use rayon::prelude::*;
        let root = inputs.root.as_path();
        let digests: Vec<CacheKey> = inputs
            .files
            .par_iter()
            .map(|f| {
                let digest = f
                    .digest
                    .unwrap_or_else(|| file_digest(&f.found.rel, f.found.kind, f.text.as_deref()));
                if f.found.kind != FileKind::Manifest {
                    return digest;
                }
                // A manifest's Gradle project (where a `settings.gradle` is) says which
                // build files' permissions it merges with.
                let mut h = Sha256::new();
                h.update(digest);
                h.update(crate::scan::gradle_project(&f.found.path, root).as_bytes());
                h.finalize().into()
            })
            .collect();
        let mut h = Sha256::new();
        h.update(self.build);
        h.update(RESULT_FORMAT.to_le_bytes());
        h.update(root.as_os_str().as_encoded_bytes());
        h.update([0]);
        h.update(config.as_bytes());
        h.update([0]);
        for d in &digests {
            h.update(d);
        }
        h.finalize().into()
    }

    /// The result stored for `root` if its key is `key`.
    pub fn get<T: serde::de::DeserializeOwned>(&self, root: &Path, key: &CacheKey) -> Option<T> {
        let bytes = std::fs::read(self.slot(root)).ok()?;
        let payload = unframe(&bytes)?;
        let stored = payload.strip_prefix(key.as_slice())?;
        postcard::from_bytes(stored).ok()
    }

    /// Stores `result` as the last of `root`, under `key`. A result that cannot be
    /// written only costs the next scan time.
    pub fn put<T: serde::Serialize>(&self, root: &Path, key: &CacheKey, result: &T) {
        let Ok(encoded) = postcard::to_allocvec(result) else {
            return;
        };
        let mut payload = Vec::with_capacity(key.len() + encoded.len());
        payload.extend_from_slice(key);
        payload.extend_from_slice(&encoded);
        if write_entry(&self.slot(root), &frame(&payload)).is_ok() {
            self.prune();
        }
    }

    /// Keeps the [`MAX_RESULTS`] most recently written results, deleting the rest
    /// (a batch over many repositories, scans of temporary checkouts).
    fn prune(&self) {
        let Ok(dir) = std::fs::read_dir(&self.entries) else {
            return;
        };
        let mut slots: Vec<(std::time::SystemTime, PathBuf)> = dir
            .flatten()
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        if slots.len() <= MAX_RESULTS {
            return;
        }
        slots.sort();
        for (_, path) in &slots[..slots.len() - MAX_RESULTS] {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Where the result of a scan of `root` is kept: one file per root.
    fn slot(&self, root: &Path) -> PathBuf {
        let id = Sha256::digest(root.as_os_str().as_encoded_bytes());
        self.entries.join(hex(&id))
    }
}

/// What identifies a file a scan read: its path relative to the scan root, its kind
/// (a source's language) and its text, or why it could not be read. The IR cache's
/// and the results cache's keys are both made of it, so a scan hashes each text once.
pub fn file_digest(rel: &str, kind: FileKind, text: Result<&str, &SkipReason>) -> CacheKey {
    let mut h = Sha256::new();
    h.update(rel.as_bytes());
    h.update([0]);
    h.update(format!("{kind:?}").as_bytes());
    h.update([0]);
    match text {
        Ok(text) => {
            h.update([1]);
            h.update(text.as_bytes());
        }
        Err(reason) => {
            h.update([2]);
            h.update(reason.to_string().as_bytes());
        }
    }
    h.finalize().into()
}

/// Changes whenever what the results cache stores changes.
const RESULT_FORMAT: u32 = 1;
/// How many roots' results the cache keeps.
const MAX_RESULTS: usize = 64;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `bytes` to `path` through a temporary file renamed into place.
fn write_entry(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().ok_or(std::io::ErrorKind::NotFound)?;
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `MAGIC | sha256(payload) | payload`.
fn frame(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(MAGIC.len() + CHECKSUM_LEN + payload.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&Sha256::digest(payload));
    out.extend_from_slice(payload);
    out
}

/// The payload of a [`frame`]d entry, if it is whole.
fn unframe(bytes: &[u8]) -> Option<&[u8]> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    if rest.len() < CHECKSUM_LEN {
        return None;
    }
    let (checksum, payload) = rest.split_at(CHECKSUM_LEN);
    (Sha256::digest(payload).as_slice() == checksum).then_some(payload)
}

/// What changes the lowering of a text other than the text: this build.
fn build_identity() -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(IR_FORMAT.to_le_bytes());
    h.update(crate::frontend::java::DECLARATIONS_QUERY.as_bytes());
    h.update(crate::frontend::kotlin::DECLARATIONS_QUERY.as_bytes());
    // Every rebuild is a new identity: a development build never reads IR lowered
    // by another one whose front-ends differ under the same version number.
    if let Some(meta) = std::env::current_exe()
        .ok()
        .and_then(|exe| std::fs::metadata(exe).ok())
    {
        h.update(meta.len().to_le_bytes());
        if let Ok(since) = meta
            .modified()
            .map(|m| m.duration_since(std::time::UNIX_EPOCH))
        {
            h.update(since.unwrap_or_default().as_nanos().to_le_bytes());
        }
    }
    h.finalize().into()
}

/// A [`frame`] of the postcard of (error share, module).
fn encode(lowered: &Lowered) -> Option<Vec<u8>> {
    let payload = postcard::to_allocvec(&(lowered.error_share, &lowered.module)).ok()?;
    Some(frame(&payload))
}

/// Whether `lowered` comes back from the cache's encoding as it went in (for the
/// fuzz targets and tests: any difference would change results on a warm scan).
pub fn round_trips(lowered: &Lowered) -> bool {
    let file = lowered.module.file;
    encode(lowered)
        .and_then(|bytes| decode(&bytes, file))
        .is_some_and(|back| {
            back.error_share == lowered.error_share
                && format!("{:?}", back.module) == format!("{:?}", lowered.module)
        })
}

fn decode(bytes: &[u8], file: FileId) -> Option<Lowered> {
    let payload = unframe(bytes)?;
    let (error_share, module): (u32, Module) =
        ir::with_file_id(file, || postcard::from_bytes(payload)).ok()?;
    Some(Lowered {
        module,
        error_share,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowered(file: FileId) -> Lowered {
        let text = "class A { void f(String phone) { android.util.Log.d(\"t\", phone); } }";
        crate::frontend::lower(file, Language::Java, "A.java", text).expect("lowers")
    }

    #[test]
    fn an_entry_comes_back_in_the_reading_scans_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = IrCache::new(dir.path());
        let key = cache.key(Language::Java, "A.java", "text");
        assert!(cache.get(&key, 0).is_none());
        cache.put(&key, &lowered(3));
        let back = cache.get(&key, 7).expect("a hit");
        assert_eq!(
            format!("{:?}", back.module),
            format!("{:?}", lowered(7).module)
        );
        assert_eq!(
            cache.stats(),
            CacheStats {
                hits: 1,
                misses: 1,
                failed_writes: 0
            }
        );
    }

    #[test]
    fn corrupt_and_truncated_entries_are_misses() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = IrCache::new(dir.path());
        let key = cache.key(Language::Java, "A.java", "text");
        cache.put(&key, &lowered(0));
        let path = cache.path(&key);
        let bytes = std::fs::read(&path).expect("entry");
        for cut in [0, 3, MAGIC.len() + 5, bytes.len() / 2, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).expect("write");
            assert!(cache.get(&key, 0).is_none(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        std::fs::write(&path, &flipped).expect("write");
        assert!(cache.get(&key, 0).is_none());
        std::fs::write(&path, &bytes).expect("write");
        assert!(cache.get(&key, 0).is_some());
    }

    #[test]
    fn keys_differ_by_language_path_and_text() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = IrCache::new(dir.path());
        let base = cache.key(Language::Java, "a/A.java", "x");
        assert_ne!(base, cache.key(Language::Kotlin, "a/A.java", "x"));
        assert_ne!(base, cache.key(Language::Java, "b/A.java", "x"));
        assert_ne!(base, cache.key(Language::Java, "a/A.java", "y"));
        assert_eq!(base, cache.key(Language::Java, "a/A.java", "x"));
    }
}
