include!("app_commands.rs");

fn main() {
    // With an app manifest the app's own commands are no longer allowed by default: each
    // must be allowed by name in a capability (capabilities/main-window.json).
    println!("cargo:rerun-if-changed=src-tauri/app_commands.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(APP_COMMANDS)),
    )
    .expect("tauri-build: the app manifest and capabilities");
}
