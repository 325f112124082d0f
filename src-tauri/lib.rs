//! Kanak's desktop shell: the Tauri builder, its state, and the commands.
//!
//! The shell holds no rules and no SQL: each command in `commands/<domain>.rs` is a few
//! lines calling the one use-case API in `kanak-app`.

mod backups;
mod commands;
mod documents;
mod outbox;
mod state;
mod autosync;

use kanak_app::Kanak;
use tauri::Manager;

pub use state::Shell;

/// The commands the webview may call, with their TypeScript bindings (tauri-specta).
pub fn specta_builder<R: tauri::Runtime>() -> tauri_specta::Builder<R> {
    use commands::*;
    tauri_specta::Builder::<R>::new()
        .disable_serde_phases()
        .commands(tauri_specta::collect_commands![
            vault::vault_state,
            vault::unlock_database,
            shop::app_status,
            shop::setup_shop,
            shop::start_demo_shop,
            shop::update_settings,
            shop::set_shop_logo,
            customer::add_customer,
            customer::edit_customer,
            customer::search_customers,
            customer::customer_profile,
            customer::record_form60,
            plan::list_plans,
            plan::create_plan,
            plan::edit_plan,
            plan::retire_plan,
            enrollment::enroll,
            enrollment::counter_enroll,
            enrollment::enrollment_detail,
            enrollment::list_enrollments,
            payment::record_payment,
            rate::set_gold_rate,
            rate::gold_rates,
            rate::import_gold_rates,
            rate::fetch_gold_rates,
            import::preview_import,
            import::import_spreadsheet,
            scheme::simulate_plan,
            scheme::pause_enrollment,
            scheme::change_quote,
            scheme::change_enrollment,
            scheme::give_gift,
            scheme::add_festival,
            access::login,
            access::logout,
            access::current_user,
            access::list_staff,
            access::add_staff,
            access::set_staff_active,
            access::reset_pin,
            access::reset_owner_pin,
            access::regenerate_recovery_code,
            access::audit_log,
            access::verify_audit,
            closing::closure_quote,
            closing::request_closure_otp,
            closing::confirm_closure,
            closing::override_closure,
            closing::otp_settings,
            closing::update_otp_settings,
            closing::set_provider_key,
            closing::remove_provider_key,
            document::save_document,
            document::print_document,
            document::preset_save_dir,
            document::export_ledgers,
            document::cancel_export,
            message::outbox_summary,
            message::list_outbox,
            message::retry_message,
            message::cancel_message,
            message::send_outbox_now,
            message::send_missed_reminder,
            message::message_settings,
            message::update_message_settings,
            message::message_templates,
            message::register_message_template,
            message::preview_message_template,
            message::message_opt_outs,
            message::set_message_opt_out,
            dashboard::dashboard,
            dashboard::dashboard_layout,
            dashboard::save_dashboard_layout,
            report::report,
            report::export_report,
            support::create_support_bundle,
            support::ops_settings,
            support::update_ops_settings,
            support::check_for_update,
            support::install_update,
            sync::sync_status,
            sync::sync_enroll,
            sync::sync_now,
            sync::sync_conflicts,
            sync::sync_resolve,
            sync::sync_settings,
            sync::update_sync_settings,
            backup::backup_overview,
            backup::update_backup_settings,
            backup::create_backup,
            backup::verify_backup,
            backup::restore_backup,
        ])
}

/// Where the generated TypeScript bindings live; a test fails when they are stale.
pub const BINDINGS_PATH: &str = "ui/src/ipc/bindings.ts";

pub fn typescript_exporter() -> specta_typescript::Typescript {
    specta_typescript::Typescript::default().header("// @ts-nocheck\n/* eslint-disable */")
}

/// Opens the store in the shared data directory (`KANAK_DATA_DIR` overrides it).
/// `KANAK_RECOVERY_KEY` still opens a locked database without the screen (automated runs).
fn open_store() -> Result<Kanak, kanak_app::AppError> {
    let dir = kanak_app::default_data_dir();
    tracing::info!(data_dir = %dir.display(), "opening the local store");
    let recovery = std::env::var("KANAK_RECOVERY_KEY")
        .ok()
        .map(kanak_app::Sensitive::new);
    let opened = tauri::async_runtime::block_on(Kanak::open_with(
        &dir,
        kanak_app::Clock::System,
        kanak_app::default_secrets(),
        recovery.as_ref().map(kanak_app::Sensitive::expose),
    ));
    if let Err(error) = &opened {
        tracing::error!(code = error.code(), %error, "the local store did not open");
    }
    opened
}

/// The open database becomes the shell every command uses, and its workers start: at
/// start, or once the locked screen's recovery key opened it.
pub(crate) fn start_shell(
    app: &tauri::AppHandle,
    kanak: Kanak,
    logging: Option<kanak_app::logs::Logging>,
    settings: Result<kanak_app::OpsSettings, kanak_app::AppError>,
) {
    if let (Some(logging), Ok(settings)) = (&logging, settings) {
        if let Err(error) = logging.apply_setting(&settings.log_level) {
            tracing::warn!(%error, "the stored log level was not applied");
        }
    }
    let print_dir = app
        .path()
        .app_cache_dir()
        .unwrap_or_else(|_| std::env::temp_dir())
        .join("print");
    let data_dir = kanak_app::default_data_dir();
    let shell = Shell::new(kanak)
        .with_print_dir(print_dir)
        .with_preset_dir(preset_save_dir())
        .with_logging(kanak_app::logs::log_dir(&data_dir), logging);
    let _ = shell.app.set(app.clone());
    outbox::start(shell.kanak.clone(), shell.outbox.clone());
    backups::start(shell.kanak.clone());
    autosync::start(shell.kanak.clone(), shell.sync.clone(), app.clone());
    app.manage(shell);
}

/// `KANAK_SAVE_DIR`: for automated tests, a folder that replaces the save and folder dialogs;
/// documents to print are written there too, and not opened.
fn preset_save_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("KANAK_SAVE_DIR").filter(|dir| !dir.is_empty())?;
    tracing::warn!(dir = ?dir, "KANAK_SAVE_DIR is set: documents are saved there without a dialog");
    Some(dir.into())
}

/// One running app per data directory: a second launch on the same folder focuses the first
/// window (and exits) instead of opening the same database twice. The D-Bus name carries a
/// hash of the folder, so test runs on their own folders do not collide.
fn single_instance_id(data_dir: &std::path::Path) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    data_dir.hash(&mut hasher);
    format!("in.kanak.app.d{:016x}", hasher.finish())
}

fn focus_main_window(app: &tauri::AppHandle) {
    tracing::info!("a second launch on this data dir: focusing the running window");
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Logs to stderr and to daily files in the data dir's `logs/`; without a writable log dir
/// the app still starts, logging to stderr only.
fn start_logging(data_dir: &std::path::Path) -> Option<kanak_app::logs::Logging> {
    let dir = kanak_app::logs::log_dir(data_dir);
    match kanak_app::logs::init_file_logging(&dir, kanak_app::logs::DEFAULT_KEEP_DAYS) {
        Ok(logging) => Some(logging),
        Err(error) => {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(
                    tracing_subscriber::EnvFilter::try_from_env("KANAK_LOG")
                        .unwrap_or_else(|_| "info".into()),
                )
                .try_init();
            tracing::warn!(%error, "log files unavailable: logging to stderr only");
            None
        }
    }
}

pub fn run() {
    let data_dir = kanak_app::default_data_dir();
    let logging = start_logging(&data_dir);
    let builder = specta_builder::<tauri::Wry>();
    tauri::Builder::default()
        // First, so a second launch stops here before opening anything.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(single_instance_id(&data_dir))
                .callback(|app, _args, _cwd| focus_main_window(app))
                .build(),
        )
        .plugin(tauri_plugin_window_state::Builder::new().build())
        // Used from Rust only (support::check_for_update); the webview gets no updater command.
        .plugin(tauri_plugin_updater::Builder::new().build())
        // The webview asks for save and folder dialogs; the shell writes the PDFs, and opens a
        // document to print with tauri-plugin-opener's open_path (no opener command is exposed).
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(builder.invoke_handler())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::CloseRequested { .. } = event
                && let Some(shell) = window.try_state::<Shell>()
            {
                backups::on_close(&shell.kanak);
            }
        })
        .setup(move |app| {
            builder.mount_events(app);
            match open_store() {
                Ok(kanak) => {
                    let settings = tauri::async_runtime::block_on(kanak.ops_settings());
                    start_shell(app.handle(), kanak, logging, settings);
                    app.manage(commands::vault::Vault::open());
                }
                // The window shows "Database locked — enter the recovery key"; nothing is
                // opened or created until it is typed.
                Err(error) if commands::vault::recovery_key_answers(&error) => {
                    app.manage(commands::vault::Vault::locked(
                        &error,
                        logging,
                        app.handle().clone(),
                    ));
                }
                Err(error) => return Err(error.into()),
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the Kanak window failed to start");
}
