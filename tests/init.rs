//! `piitrace init`: a starting declaration from what the code collects today.

use std::path::Path;

mod common;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

#[test]
fn writes_a_declaration_that_covers_today_and_guesses_own_hosts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = dir.path().join("waimai");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/fooddelivery"),
        &app,
    );
    std::fs::remove_file(app.join("piitrace.toml")).expect("remove the corpus declaration");
    let out = common::piitrace(&["init"], &app);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(app.join("piitrace.toml")).expect("written");
    for expected in [
        "\"location.precise\",",
        "\"phone_number\",",
        "\"api.dianfan-waimai.cn\",",
        "umeng = \"TODO\"",
    ] {
        assert!(text.contains(expected), "{expected} in:\n{text}");
    }
    // A valid declaration under which nothing collected today is undeclared.
    let report = common::scan_json(&app);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"PI202"), "{rules:?}");
    assert!(!rules.is_empty(), "the other rules still run");
    // Never overwrites without --force.
    let again = common::piitrace(&["init"], &app);
    assert_eq!(again.status.code(), Some(2));
    let forced = common::piitrace(&["init", "--force"], &app);
    assert!(forced.status.success());
}

#[test]
fn unknown_categories_in_a_declaration_stop_the_scan_with_the_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("piitrace.toml"),
        "[purposes]\nsignup = [\"phone_number\",\n  \"phone_nubmer\"]\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("A.java"), "class A {}\n").expect("write");
    let out = common::piitrace(&["scan", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("line 3") && err.contains("phone_nubmer"),
        "{err}"
    );
}
