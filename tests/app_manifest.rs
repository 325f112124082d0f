//! The app manifest (build.rs) refuses every app command a capability does not allow: the
//! three lists — commands registered in lib.rs, the manifest's names, the main window's
//! capability — must agree, or a command is either unreachable or allowed by accident.

include!("../src-tauri/app_commands.rs");

fn registered() -> Vec<String> {
    let lib =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src-tauri/lib.rs")).unwrap();
    let start = lib.find("collect_commands![").unwrap();
    let end = start + lib[start..].find("])").unwrap();
    lib[start..end]
        .lines()
        .filter_map(|line| line.trim().strip_suffix(','))
        .map(|path| path.trim_end_matches("::<R>"))
        .filter_map(|path| path.rsplit("::").next().map(str::to_string))
        .collect()
}

#[test]
fn every_registered_command_is_in_the_app_manifest_and_nothing_else() {
    let mut registered = registered();
    let mut manifest: Vec<String> = APP_COMMANDS.iter().map(|s| s.to_string()).collect();
    registered.sort();
    manifest.sort();
    assert_eq!(registered, manifest);
}

#[test]
fn the_main_window_allows_exactly_the_app_commands_and_no_file_system_or_updater() {
    let capability: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/capabilities/main-window.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let permissions: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let mut allowed: Vec<String> = permissions
        .iter()
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect();
    let mut expected: Vec<String> = APP_COMMANDS.iter().map(|s| s.to_string()).collect();
    allowed.sort();
    expected.sort();
    assert_eq!(allowed, expected);
    let others: Vec<&&str> = permissions.iter().filter(|p| p.contains(':')).collect();
    assert_eq!(
        others,
        [&"core:default", &"dialog:allow-save", &"dialog:allow-open"]
    );
}

#[test]
fn the_csp_allows_only_the_app_itself_and_tauris_ipc() {
    let config: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tauri.conf.json")).unwrap(),
    )
    .unwrap();
    let csp = &config["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["frame-ancestors"], "'none'");
}
