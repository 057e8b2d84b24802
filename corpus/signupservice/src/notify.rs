use reqwest::Client;
use serde_json::json;

/// The SMS gateway inside the data centre: plain HTTP.
const SMS_GATEWAY: &str = "http://sms.kaixin-internal.cn/api/send";

pub async fn send_welcome_sms(http: &Client, phone: &str, full_name: &str) {
    let text = format!("Welcome to Kaixin, {}!", full_name);
    let body = json!({ "to": phone, "text": text, "sender": "KAIXIN" });
    let result = http.post(SMS_GATEWAY).json(&body).send().await; // expect: PI001 PI001 PI302 PI302
    if let Err(err) = result {
        tracing::warn!(error = %err, "welcome SMS failed"); // no finding: the error says nothing personal
    }
}

pub fn report_failure(email: &str, error: &str) {
    let message = format!("sign-up failed for {email}: {error}");
    sentry::capture_message(&message, sentry::Level::Warning); // expect: PI001 PI103
}
