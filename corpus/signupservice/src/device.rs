use reqwest::Client;
use serde_json::json;

const TELEMETRY_URL: &str = "https://telemetry.kaixin.cn/v1/install";

/// Reports which machine the service was installed on, and by whom.
pub async fn report_install(http: &Client) {
    let machine = machine_uid::get().unwrap_or_default(); // expect: PI101 PI102
    let operator = whoami::username(); // expect: PI101 PI102 PI202
    let _host = whoami::devicename(); // expect: PI101 PI102 PI201
    let payload = json!({
        "machine": machine,
        "operator": operator,
        "version": env!("CARGO_PKG_VERSION"),
    });
    if let Err(e) = http.post(TELEMETRY_URL).json(&payload).send().await { // expect: PI001 PI001
        eprintln!("install telemetry failed: {e}"); // no finding: the error is not personal data
    }
}

/// Counts active installs, only for operators who opted in.
pub async fn report_heartbeat(http: &Client, telemetry_consent: bool) {
    if !telemetry_consent {
        return;
    }
    let machine = machine_uid::get().unwrap_or_default(); // no PI101 or PI102: the operator opted in above
    let payload = json!({ "machine": machine, "kind": "heartbeat" });
    if let Err(e) = http.post(TELEMETRY_URL).json(&payload).send().await { // expect: PI001
        eprintln!("heartbeat failed: {e}");
    }
}

/// Names the host in the install list (opt-in: called only after consent).
pub async fn report_host_name(http: &Client) {
    let host = whoami::devicename(); // no finding: its only caller asked first
    let payload = json!({ "host": host });
    let _ = http.post(TELEMETRY_URL).json(&payload).send().await; // expect: PI001
}
