//! `piitrace inventory`: every category an app collects and every third party its
//! data reaches, and nothing else, in each format; the HTML checked in a real
//! headless browser.

use std::path::{Path, PathBuf};

mod common;

fn corpus(app: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(app)
}

fn inventory(app: &str, format: &str) -> String {
    let out = common::piitrace(&["inventory", "--format", format], &corpus(app));
    assert!(
        out.status.success(),
        "piitrace inventory failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (categories collected, third parties) of an app's JSON inventory.
fn rows(app: &str) -> (Vec<String>, Vec<String>) {
    let v: serde_json::Value =
        serde_json::from_str(&inventory(app, "json")).expect("inventory JSON");
    let inv = &v["inventory"];
    let list = |key: &str, field: &str| -> Vec<String> {
        inv[key]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| r[field].as_str().unwrap_or_default().to_string())
            .collect()
    };
    (list("collected", "category"), list("shared", "recipient"))
}

#[test]
fn lists_what_each_corpus_app_collects_and_shares() {
    // From the apps' marked flows and collection points (corpus/*/README.md).
    let expected: &[(&str, &[&str], &[&str])] = &[
        (
            "fooddelivery",
            &["location.precise", "phone_number"],
            &["Umeng+ U-App analytics / U-Push / U-Share"],
        ),
        (
            "fitnesstracker",
            &["birth_date", "health", "name"],
            &["Google Analytics for Firebase"],
        ),
        (
            "phonecleaner",
            &[
                "call_log",
                "contacts",
                "device.id",
                "device.network_id",
                "installed_apps",
                "phone_number",
                "sms",
            ],
            &["Umeng+ U-App analytics / U-Push / U-Share"],
        ),
        (
            "idverify",
            &[
                "biometric.face",
                "financial.account",
                "name",
                "national_id",
                "phone_number",
            ],
            // The KYC backend is the app's own host; the risk-control partner is not.
            &[
                "Google Analytics for Firebase",
                "JPush",
                "api.fengkong-partner.example",
            ],
        ),
        (
            "ridehailing",
            &["contacts", "device.id", "location.precise", "phone_number"],
            &["Umeng+ U-App analytics / U-Push / U-Share"],
        ),
        (
            "signupservice",
            &[
                "account",
                "credentials",
                "device.id",
                "email",
                "health",
                "name",
                "national_id",
                "phone_number",
            ],
            &["Sentry (Rust SDK)"],
        ),
    ];
    for (app, collected, shared) in expected {
        let (c, s) = rows(app);
        assert_eq!(&c, collected, "{app}: categories collected");
        assert_eq!(&s, shared, "{app}: third parties");
    }
}

#[test]
fn markdown_and_csv_carry_purposes_and_prompts() {
    let md = inventory("fooddelivery", "md");
    assert!(md.contains("## Personal information collected"), "{md}");
    // Declared for coarse location only: precise location is undeclared.
    assert!(
        md.lines()
            .any(|l| l.contains("`location.precise`") && l.contains("| undeclared |")),
        "{md}"
    );
    assert!(
        md.lines()
            .any(|l| l.contains("`phone_number`") && l.contains("| ordering |")),
        "{md}"
    );
    // The declared purpose of the SDK, and the share without consent.
    assert!(
        md.lines().any(|l| l.starts_with("| Umeng+")
            && l.contains("order and crash statistics")
            && l.contains("no (1 without)")),
        "{md}"
    );
    let csv = inventory("fooddelivery", "csv");
    let header = csv.lines().next().unwrap_or_default();
    assert!(header.starts_with("table,category_or_party,"), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("collected,location.precise,true,undeclared,")),
        "{csv}"
    );
    assert!(csv.lines().any(|l| l.starts_with("shared,")), "{csv}");
}

#[test]
fn html_renders_in_a_headless_browser_with_the_expected_rows() {
    let html = inventory("idverify", "html");
    // Self-contained: nothing fetched from elsewhere.
    assert!(!html.contains("<script"), "no scripts");
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no external resources"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("inventory.html");
    std::fs::write(&page, &html).expect("write page");
    let Some(dom) = common::rendered_dom(&page) else {
        return;
    };
    assert!(
        dom.contains("<table id=\"collected\">"),
        "the page rendered: {dom}"
    );
    for category in [
        "biometric.face",
        "financial.account",
        "name",
        "national_id",
        "phone_number",
    ] {
        assert!(
            dom.contains(&format!("<tr data-category=\"{category}\">")),
            "row for {category}"
        );
    }
    for party in [
        "JPush",
        "api.fengkong-partner.example",
        "Google Analytics for Firebase",
    ] {
        assert!(
            dom.contains(&format!("<tr data-recipient=\"{party}\">")),
            "row for {party}"
        );
    }
}
