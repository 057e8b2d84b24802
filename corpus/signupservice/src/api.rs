use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};
use tracing::{debug, info, warn};

use crate::model::{Plan, ProfileUpdate, SignupRequest, UserRecord};
use crate::{audit, notify, store, AppState};

pub async fn signup(
    State(state): State<Arc<AppState>>,
    Json(req): Json<SignupRequest>,
) -> Result<Json<Value>, StatusCode> {
    info!(phone = %req.phone, "sign-up request"); // expect: PI001 PI301
    if req.password.len() < 8 {
        warn!("weak password rejected for {}", req.email); // expect: PI001 PI301
        return Err(StatusCode::BAD_REQUEST);
    }
    debug!("sign-up payload {:?}", req); // expect: PI001 PI001 PI001 PI001 PI001 PI301 PI301 PI301 PI301 PI301
    // Only the bcrypt hash is kept.
    let password_hash = bcrypt::hash(&req.password, 12).map_err(|_| StatusCode::BAD_REQUEST)?;
    let user_id = next_id();
    store::insert_user(&state.db, user_id, &req, &password_hash)
        .await
        .map_err(|e| {
            notify::report_failure(&req.email, &e.to_string());
            StatusCode::INTERNAL_SERVER_ERROR
        })?;
    store::record_consent(&state.db, user_id, true) // expect: PI104
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?;
    let masked = mask(&req.phone);
    debug!("created user {user_id} ({masked})"); // expect: PI001 PI301
    info!(user_id, marketing = req.marketing_opt_in, "account created"); // no finding: an id and a flag
    notify::send_welcome_sms(&state.http, &req.phone, &req.full_name).await;
    audit::record("signup", &req.email);
    Ok(Json(json!({ "id": user_id, "phone": masked })))
}

pub async fn profile(
    State(state): State<Arc<AppState>>,
    Path(user_id): Path<i64>,
) -> Result<Json<UserRecord>, StatusCode> {
    let user = store::find_user(&state.db, user_id)
        .await
        .map_err(|_| StatusCode::NOT_FOUND)?;
    let summary = format!("profile of {}", user.full_name);
    tracing::event!(tracing::Level::DEBUG, %summary, "profile read"); // expect: PI001 PI301
    Ok(Json(user))
}

pub async fn update_profile(
    Path(user_id): Path<i64>,
    Json(update): Json<ProfileUpdate>,
) -> StatusCode {
    if let Some(condition) = &update.health_condition {
        if store::save_health_note(user_id, condition).is_err() {
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
    }
    match update.resting_heart_rate {
        Some(bpm) if bpm > 0 => {
            println!("user {} resting heart rate {}", user_id, bpm); // expect: PI001 PI301
        }
        _ => {}
    }
    let plan = Plan::Free;
    let nickname = update.nickname.unwrap_or_default();
    info!(%nickname, plan = plan.label(), "profile updated"); // no finding: a nickname is not personal data
    StatusCode::NO_CONTENT
}

fn mask(phone: &str) -> String {
    let tail: String = phone.chars().rev().take(4).collect();
    format!("***{}", tail.chars().rev().collect::<String>())
}

fn next_id() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}
