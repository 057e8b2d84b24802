use sqlx::PgPool;

use crate::model::{SignupRequest, UserRecord};

const HEALTH_NOTES_DIR: &str = "/var/lib/kaixin/health-notes";

pub async fn insert_user(
    db: &PgPool,
    id: i64,
    req: &SignupRequest,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO users (id, full_name, phone, email, id_number, password_hash) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(&req.full_name)
    .bind(&req.phone)
    .bind(&req.email)
    .bind(&req.id_number)
    .bind(password_hash)
    .execute(db) // expect: PI001 PI001 PI001 PI001 PI303
    .await?;
    Ok(())
}

/// Keeps the user's acceptance of the terms and privacy policy (a required checkbox
/// of the sign-up form). No route ever clears it.
pub async fn record_consent(db: &PgPool, id: i64, accepted: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET terms_accepted = $2 WHERE id = $1")
        .bind(id)
        .bind(accepted)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn find_user(db: &PgPool, id: i64) -> Result<UserRecord, sqlx::Error> {
    sqlx::query_as::<_, UserRecord>("SELECT id, full_name, phone, email FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
}

/// Free-text notes the user writes about their health, kept for the coach.
pub fn save_health_note(user_id: i64, condition: &str) -> std::io::Result<()> {
    let path = format!("{HEALTH_NOTES_DIR}/{user_id}.txt");
    std::fs::write(path, condition) // expect: PI001 PI303
}
