//! The native menu bar: File, Edit, View, Help (About shows the version).
//! Items the platform menus do not offer everywhere (quit and close window
//! on Linux, full screen on Windows and Linux) are the app's own.

use tauri::menu::{AboutMetadata, Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Manager, Runtime};

use crate::commands::{announce_session, desktop};
use crate::navigation::MAIN_WINDOW;

/// The menus of the bar, in order.
pub const MENUS: [&str; 4] = ["File", "Edit", "View", "Help"];

const SIGN_OUT: &str = "sign-out";
const CLOSE_WINDOW: &str = "close-window";
const QUIT: &str = "quit";
const RELOAD: &str = "reload";
const FULL_SCREEN: &str = "full-screen";

/// What Help › About shows.
pub fn about() -> AboutMetadata<'static> {
    AboutMetadata {
        name: Some("SENT".into()),
        version: Some(env!("CARGO_PKG_VERSION").into()),
        comments: Some("Ledger, members and more for your organizations.".into()),
        license: Some(env!("CARGO_PKG_LICENSE").into()),
        ..AboutMetadata::default()
    }
}

/// Build the bar.
///
/// # Errors
/// When the platform refuses a menu item.
pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let [file, edit, view, help] = MENUS;
    let file = SubmenuBuilder::new(app, file)
        .text(SIGN_OUT, "Sign Out")
        .separator()
        .item(&MenuItemBuilder::with_id(CLOSE_WINDOW, "Close Window").accelerator("CmdOrCtrl+W").build(app)?)
        .item(&MenuItemBuilder::with_id(QUIT, "Quit SENT").accelerator("CmdOrCtrl+Q").build(app)?)
        .build()?;
    let edit = SubmenuBuilder::new(app, edit).undo().redo().separator().cut().copy().paste().select_all().build()?;
    let view = SubmenuBuilder::new(app, view)
        .item(&MenuItemBuilder::with_id(RELOAD, "Reload").accelerator("CmdOrCtrl+R").build(app)?)
        .item(&MenuItemBuilder::with_id(FULL_SCREEN, "Toggle Full Screen").accelerator("F11").build(app)?)
        .build()?;
    let mut about = about();
    about.icon = app.default_window_icon().cloned();
    let help = SubmenuBuilder::new(app, help).about_with_text("About SENT", Some(about)).build()?;
    MenuBuilder::new(app).items(&[&file, &edit, &view, &help]).build()
}

/// What a click on one of the app's own items does.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: &MenuEvent) {
    let window = app.get_webview_window(MAIN_WINDOW);
    let done = match event.id().as_ref() {
        SIGN_OUT => {
            let desktop = desktop(app);
            desktop.sign_out();
            announce_session(app, desktop.session_info());
            window.map_or(Ok(()), |window| window.eval("window.location.assign('/')"))
        }
        CLOSE_WINDOW => window.map_or(Ok(()), |window| window.close()),
        QUIT => {
            app.exit(0);
            Ok(())
        }
        RELOAD => window.map_or(Ok(()), |window| window.reload()),
        FULL_SCREEN => window.map_or(Ok(()), |window| {
            let full = window.is_fullscreen()?;
            window.set_fullscreen(!full)
        }),
        _ => Ok(()),
    };
    if let Err(error) = done {
        tracing::warn!(item = event.id().as_ref(), %error, "menu item failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_has_file_edit_view_help_and_about_names_the_version() {
        assert_eq!(MENUS, ["File", "Edit", "View", "Help"]);
        let about = about();
        assert_eq!(about.name.as_deref(), Some("SENT"));
        assert_eq!(about.version.as_deref(), Some(env!("CARGO_PKG_VERSION")));
        assert!(about.version.as_deref().is_some_and(|v| !v.is_empty()));
    }
}
