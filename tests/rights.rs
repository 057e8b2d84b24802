//! PI104 (consent without withdrawal), PI105 (account without deletion) and a child's
//! data, in Java, Kotlin and Rust.

mod common;

fn lines(files: &[(&str, &str)], rule: &str) -> Vec<u64> {
    common::of_rule(&common::scan_files(files), rule)
        .map(|f| f["line"].as_u64().unwrap_or_default())
        .collect()
}

const JAVA_CONSENT: &str = r#"package app;

import android.app.Activity;
import android.content.SharedPreferences;
import android.view.View;
import com.umeng.commonsdk.UMConfigure;

public class Privacy extends Activity {
    private SharedPreferences prefs;

    public void onAgreeClicked(View v) {
        prefs.edit().putBoolean("privacy_agreed", true).apply();
        UMConfigure.submitPolicyGrantResult(this, true);
        prefs.edit().putBoolean("dark_mode", true).apply();
    }

    WITHDRAWAL
}
"#;

#[test]
fn java_consent_needs_a_reachable_withdrawal_of_the_same_consent() {
    let none = JAVA_CONSENT.replace("WITHDRAWAL", "");
    assert_eq!(lines(&[("app/Privacy.java", &none)], "PI104"), vec![12, 13]);
    // Withdrawn from a click handler: the flag only, not Umeng's switch.
    let flag = JAVA_CONSENT.replace(
        "WITHDRAWAL",
        "public void onWithdrawClicked(View v) { prefs.edit().remove(\"privacy_agreed\").apply(); }",
    );
    assert_eq!(lines(&[("app/Privacy.java", &flag)], "PI104"), vec![13]);
    // Both, from a listener written in onCreate.
    let both = JAVA_CONSENT.replace(
        "WITHDRAWAL",
        "@Override protected void onCreate(android.os.Bundle b) {\n\
         findViewById(1).setOnClickListener(x -> { prefs.edit().clear().apply(); \
         UMConfigure.submitPolicyGrantResult(this, false); }); }",
    );
    assert!(lines(&[("app/Privacy.java", &both)], "PI104").is_empty());
    // A withdrawal nothing calls does not count.
    let dead = JAVA_CONSENT.replace(
        "WITHDRAWAL",
        "private void revoke() { prefs.edit().putBoolean(\"privacy_agreed\", false).apply(); }",
    );
    assert_eq!(lines(&[("app/Privacy.java", &dead)], "PI104"), vec![12, 13]);
}

const KOTLIN_ACCOUNT: &str = r#"package app

import android.content.Context
import androidx.appcompat.app.AppCompatActivity
import org.greenrobot.eventbus.EventBus
import retrofit2.http.POST

interface UserApi {
    @POST("v1/user/register")
    suspend fun register(): Unit
    DELETION
}

class SignUpActivity : AppCompatActivity() {
    lateinit var api: UserApi
    suspend fun onSignUp() {
        api.register()
        EventBus.getDefault().register(this)
        registerReceiver(null, null)
    }
}
"#;

#[test]
fn kotlin_sign_up_without_deletion_is_pi105_at_the_call() {
    let without = KOTLIN_ACCOUNT.replace("DELETION", "");
    assert_eq!(lines(&[("app/SignUp.kt", &without)], "PI105"), vec![17]);
    for deletion in [
        "@POST(\"v1/user/zhuxiao\") suspend fun cancel(): Unit",
        "@retrofit2.http.DELETE(\"v1/account\") suspend fun remove(): Unit",
        "@POST(\"v1/profile\") suspend fun deleteAccount(): Unit",
    ] {
        let with = KOTLIN_ACCOUNT.replace("DELETION", deletion);
        assert!(
            lines(&[("app/SignUp.kt", &with)], "PI105").is_empty(),
            "{deletion}"
        );
    }
    // Registering a receiver or an event subscriber creates no account.
    let no_sign_up = without.replace("api.register()", "");
    assert!(lines(&[("app/SignUp.kt", &no_sign_up)], "PI105").is_empty());
}

const KOTLIN_CONSENT: &str = r#"package app

import androidx.appcompat.app.AppCompatActivity

object Settings { var consentGiven = false }

class Screen : AppCompatActivity() {
    override fun onStart() {
        Settings.consentGiven = true
        WITHDRAWAL
    }
}
"#;

#[test]
fn kotlin_property_consent_and_its_withdrawal() {
    let none = KOTLIN_CONSENT.replace("WITHDRAWAL", "");
    assert_eq!(lines(&[("app/Screen.kt", &none)], "PI104"), vec![9]);
    let with = KOTLIN_CONSENT.replace(
        "WITHDRAWAL",
        "findViewById<android.view.View>(1).setOnClickListener { Settings.consentGiven = false }",
    );
    assert!(lines(&[("app/Screen.kt", &with)], "PI104").is_empty());
}

const RUST_SERVICE: &str = r#"use axum::routing::{delete, post};
use axum::Router;

struct Flags { marketing_consent: bool }

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/signup", post(signup))
        ROUTES;
}

async fn signup() {
    let mut f = Flags { marketing_consent: false };
    f.marketing_consent = true;
}

async fn withdraw(mut f: Flags) {
    f.marketing_consent = false;
}

async fn delete_account() {}
"#;

#[test]
fn rust_routes_decide_pi104_and_pi105() {
    // A function named like account deletion counts wherever it is (lenient: PI105
    // reports only when nothing deletes), so the bare service has none.
    let bare = RUST_SERVICE
        .replace("ROUTES", "")
        .replace("async fn delete_account() {}", "");
    assert_eq!(lines(&[("src/main.rs", &bare)], "PI105"), vec![9]);
    assert_eq!(lines(&[("src/main.rs", &bare)], "PI104"), vec![15]);
    let full = RUST_SERVICE.replace(
        "ROUTES",
        ".route(\"/consent\", delete(withdraw)).route(\"/account\", delete(delete_account))",
    );
    assert!(lines(&[("src/main.rs", &full)], "PI105").is_empty());
    assert!(lines(&[("src/main.rs", &full)], "PI104").is_empty());
}

#[test]
fn java_spring_backend_routes() {
    let controller = r#"package app;

import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/account")
public class AccountController {
    @PostMapping("/register")
    public String register() { return "ok"; }

    DELETION
}
"#;
    let without = controller.replace("DELETION", "");
    assert_eq!(
        lines(&[("app/AccountController.java", &without)], "PI105"),
        vec![9]
    );
    let with = controller.replace("DELETION", "@DeleteMapping public void close() {}");
    assert!(lines(&[("app/AccountController.java", &with)], "PI105").is_empty());
}

#[test]
fn a_childs_data_is_sensitive_in_rust_too() {
    let found = common::scan_files(&[(
        "src/main.rs",
        r#"#[derive(serde::Deserialize)]
struct Growth { child_name: String, baby_weight: u32 }

async fn add(axum::Json(g): axum::Json<Growth>) {
    std::fs::write("/tmp/last", g.child_name).ok();
    tracing::info!("weight {}", g.baby_weight);
}
"#,
    )]);
    let stored: Vec<_> = common::of_rule(&found, "PI303").collect();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["level"], "error");
    assert_eq!(stored[0]["minor"], true);
    assert!(stored[0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("a child's")));
    assert_eq!(common::of_rule(&found, "PI301").count(), 1);
}
