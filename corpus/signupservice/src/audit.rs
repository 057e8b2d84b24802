use std::fs::OpenOptions;
use std::io::Write;

const AUDIT_LOG: &str = "/var/log/kaixin/audit.log";

/// Appends one line per account event to the audit file.
pub fn record(event: &str, email: &str) {
    let Ok(mut file) = OpenOptions::new().create(true).append(true).open(AUDIT_LOG) else {
        return;
    };
    let _ = writeln!(file, "{} {}", event, email); // expect: PI001
}
