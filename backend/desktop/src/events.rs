//! Typed events the app pushes to the page (tauri-specta): the page listens
//! with the generated `events.<name>.listen(...)`.

use serde::{Deserialize, Serialize};

use crate::desktop::SessionInfo;

/// Data changed through this app: a mutation method succeeded. Views that
/// show the organization's data refresh on it.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct DataChanged {
    /// The organization the calls acted in (an id), when they named one.
    pub organization: Option<String>,
    /// Wire names of the mutation methods that succeeded.
    pub methods: Vec<String>,
}

/// Someone signed in or out.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct SessionChanged {
    pub session: SessionInfo,
}

/// A sign-in ended without anyone signed in.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct SignInFailed {
    /// Why, for the person.
    pub message: String,
}
