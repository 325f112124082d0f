//! The UI's TypeScript bindings are generated from the Rust commands and types.
//! This test fails when the committed file is stale; `KANAK_WRITE_BINDINGS=1` rewrites it.

use std::path::Path;

#[test]
fn committed_typescript_bindings_match_the_rust_commands() {
    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(kanak_shell::BINDINGS_PATH);
    let scratch = tempfile::tempdir().unwrap();
    let fresh_path = scratch.path().join("bindings.ts");
    kanak_shell::specta_builder::<tauri::test::MockRuntime>()
        .export(kanak_shell::typescript_exporter(), &fresh_path)
        .expect("bindings export");
    let fresh = std::fs::read_to_string(&fresh_path).unwrap();
    if std::env::var_os("KANAK_WRITE_BINDINGS").is_some() {
        std::fs::write(&committed_path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale: run `KANAK_WRITE_BINDINGS=1 cargo test --test bindings` and commit the result",
        kanak_shell::BINDINGS_PATH
    );
}
