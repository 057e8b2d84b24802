//! Kaixin account service: sign-up and profile endpoints for the Kaixin fitness app.

mod api;
mod audit;
mod device;
mod model;
mod notify;
mod store;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;
use sqlx::postgres::PgPoolOptions;
use tracing::info;

pub struct AppState {
    pub db: sqlx::PgPool,
    pub http: reqwest::Client,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt::init();
    let _guard = sentry::init(std::env::var("SENTRY_DSN").unwrap_or_default());
    let database_url = std::env::var("DATABASE_URL")?;
    let db = PgPoolOptions::new()
        .max_connections(5)
        .connect(&database_url)
        .await?;
    let state = Arc::new(AppState {
        db,
        http: reqwest::Client::new(),
    });
    device::report_install(&state.http).await;
    // Opt-in usage statistics: only when the operator agreed.
    let telemetry_consent = std::env::var("KAIXIN_TELEMETRY_CONSENT").is_ok_and(|v| v == "yes");
    device::report_heartbeat(&state.http, telemetry_consent).await;
    if telemetry_consent {
        device::report_host_name(&state.http).await;
    }

    let app = Router::new()
        .route("/signup", post(api::signup)) // expect: PI105
        .route("/users/:id", get(api::profile).put(api::update_profile))
        .with_state(state);
    let addr = SocketAddr::from(([0, 0, 0, 0], 8080));
    info!("listening on {addr}"); // no finding: the listen address is not personal data
    axum::Server::bind(&addr)
        .serve(app.into_make_service())
        .await?;
    Ok(())
}
