//! `file://` URIs ↔ paths. lsp-types' `Uri` only parses; editors percent-encode
//! (VS Code writes `%3A` for a Windows drive colon, `%20` for a space).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

/// The local path a `file://` URI names; `None` for other schemes (`untitled:`, `git:`).
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path`: only the local host is ours.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if &rest[..i] == "localhost" => &rest[i..],
        _ => return None,
    };
    let decoded = percent_decode(path)?;
    // `/c:/Users/..` on Windows.
    let bytes = decoded.as_bytes();
    let windows_drive = bytes.len() > 2 && bytes[0] == b'/' && bytes[2] == b':';
    if cfg!(windows) && windows_drive {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

/// The `file://` URI of an absolute path.
pub fn from_path(path: &Path) -> Option<Uri> {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/');
    }
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    Uri::from_str(&out).ok()
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_paths_with_spaces_and_unicode() {
        let path = Path::new("/tmp/my app/Ünïcode#1.java");
        let uri = from_path(path).expect("uri");
        assert_eq!(
            uri.as_str(),
            "file:///tmp/my%20app/%C3%9Cn%C3%AFcode%231.java"
        );
        assert_eq!(to_path(&uri).as_deref(), Some(path));
    }

    #[test]
    fn other_schemes_and_hosts_are_not_paths() {
        let untitled = Uri::from_str("untitled:Untitled-1").expect("uri");
        assert_eq!(to_path(&untitled), None);
        let remote = Uri::from_str("file://server/share/a.java").expect("uri");
        assert_eq!(to_path(&remote), None);
        // Percent-encoded bytes that are not UTF-8 name no path we could read.
        let bad = Uri::from_str("file:///a%FF").expect("uri");
        assert_eq!(to_path(&bad), None);
    }
}
