use serde::{Deserialize, Serialize};

/// The sign-up form the app posts as JSON.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignupRequest {
    pub full_name: String,
    pub phone: String,
    pub email: String,
    pub password: String,
    pub id_number: String,
    pub marketing_opt_in: bool,
}

#[derive(Debug, Deserialize)]
pub struct ProfileUpdate {
    pub nickname: Option<String>,
    pub resting_heart_rate: Option<u32>,
    pub health_condition: Option<String>,
}

#[derive(Debug, Serialize, sqlx::FromRow)]
pub struct UserRecord {
    pub id: i64,
    pub full_name: String,
    pub phone: String,
    pub email: String,
}

pub enum Plan {
    Free,
    Premium { since: String },
}

impl Plan {
    pub fn label(&self) -> &'static str {
        match self {
            Plan::Free => "free",
            Plan::Premium { .. } => "premium",
        }
    }
}
