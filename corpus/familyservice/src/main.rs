//! The server of 宝宝成长记: parents register, choose whether the growth diary may be
//! shared with the paediatrician, can change their mind, and can delete the account.

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, post};
use axum::{Json, Router};
use serde::Deserialize;

#[derive(Default)]
struct Sharing {
    growth_sharing_consent: bool,
}

#[derive(Default)]
struct AppState {
    sharing: Mutex<Sharing>,
}

#[derive(Deserialize)]
struct RegisterRequest {
    invite_code: String,
}

#[tokio::main]
async fn main() {
    let state = Arc::new(AppState::default());
    let app = Router::new()
        .route("/register", post(register)) // no finding: DELETE /account deletes it
        .route("/consent", post(give_consent).delete(withdraw_consent))
        .route("/account", delete(delete_account))
        .with_state(state);
    if let Ok(listener) = tokio::net::TcpListener::bind("0.0.0.0:8080").await {
        let _ = axum::serve(listener, app).await;
    }
}

async fn register(Json(req): Json<RegisterRequest>) -> StatusCode {
    if req.invite_code.is_empty() {
        return StatusCode::BAD_REQUEST;
    }
    StatusCode::CREATED
}

async fn give_consent(State(state): State<Arc<AppState>>) -> StatusCode {
    if let Ok(mut sharing) = state.sharing.lock() {
        sharing.growth_sharing_consent = true; // no finding: DELETE /consent withdraws it
    }
    StatusCode::NO_CONTENT
}

async fn withdraw_consent(State(state): State<Arc<AppState>>) -> StatusCode {
    if let Ok(mut sharing) = state.sharing.lock() {
        sharing.growth_sharing_consent = false;
    }
    StatusCode::NO_CONTENT
}

async fn delete_account(State(state): State<Arc<AppState>>) -> StatusCode {
    if let Ok(mut sharing) = state.sharing.lock() {
        *sharing = Sharing::default();
    }
    StatusCode::NO_CONTENT
}
