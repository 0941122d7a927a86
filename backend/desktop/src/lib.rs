//! `sent-app`, SENT's desktop app: the web UI (`frontend/app`, the same
//! build) in a native window, its calls over Tauri IPC into the same
//! dispatcher as `POST /api/rpc`, over an embedded PostgreSQL in the user's
//! data directory (or a remote one), signing in through the system browser.
//!
//! # Layout
//!
//! - [`config`]: flags and environment, read before anything else, so
//!   `--mode=worker` never touches a GUI library.
//! - [`worker`]: `--mode=worker --service=NAME`, headless.
//! - [`gui`]: Tauri, its plugins (single instance, window state), the
//!   window.
//! - [`desktop`]: the app's state without a window: its services, the
//!   signed-in person, the IPC call path and its counters.
//! - [`backend`]: the database and the shared dispatcher over it.
//! - [`provider`]: the identity provider and its access-token verifier.
//! - [`sign_in`]: RFC 8252 sign-in: system browser, loopback redirect, PKCE.
//! - [`session`]: the signed-in person's tokens, renewed before they lapse.
//! - [`commands`]: the IPC commands (`rpc`, `ipc_stats`, `sign_in`, ...).
//! - [`events`]: the typed events pushed to the page.
//! - [`bindings`]: the tauri-specta builder of both, and the TypeScript
//!   bindings (`bindings.ts`) generated from it.
//! - [`navigation`]: the window's navigation and request handlers: the
//!   page's sign-in link and sign-out request, answered without HTTP.
//! - [`menu`]: the native menu bar.
//! - [`signals`]: the stop signals (SIGTERM, SIGINT; Ctrl-C elsewhere).
//!
//! The app serves no HTTP: the only listener it opens is the loopback
//! sign-in callback, for the length of a sign-in.

pub mod backend;
pub mod bindings;
pub mod commands;
pub mod config;
pub mod desktop;
pub mod events;
pub mod gui;
pub mod menu;
pub mod navigation;
pub mod provider;
pub mod session;
pub mod sign_in;
pub mod signals;
pub mod worker;
