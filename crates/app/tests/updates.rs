//! Updates: a manifest served from a local HTTP server offers a newer, signed build; a build
//! whose signature does not match is refused; a manifest no newer than this build offers
//! nothing. Driven through `kanak_app::update` (the same minisign-verify and semver checks
//! as tauri-plugin-updater), not through the plugin, which needs a running window.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use base64::Engine;
use kanak_app::update::{self, UpdateManifest};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/updater");
const BUILD: &[u8] = b"pretend this is kanak_0.2.0_amd64.AppImage.tar.gz";

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn pubkey() -> String {
    std::fs::read_to_string(format!("{FIXTURES}/test-only.key.pub")).unwrap()
}

/// Signs `data` with the committed test key, the way `tauri signer sign` does (the trusted
/// comment carries the version), and returns the base64 of the signature file.
fn sign(data: &[u8], version: &str) -> String {
    let key_file = std::fs::read_to_string(format!("{FIXTURES}/test-only.key")).unwrap();
    let key_box = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(key_file.trim())
            .unwrap(),
    )
    .unwrap();
    // The key is unencrypted: read its bytes directly (minisign 0.7's box reader insists on a
    // password checksum that an unencrypted key does not carry).
    let encoded = key_box.lines().nth(1).expect("the key line");
    let sk = minisign::SecretKey::from_bytes(
        &base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .unwrap(),
    )
    .unwrap();
    let trusted = format!("timestamp:1764547200\tfile:kanak.tar.gz\tversion:{version}");
    let signature = minisign::sign(
        None,
        &sk,
        std::io::Cursor::new(data),
        Some(&trusted),
        Some("signature from tauri secret key"),
    )
    .unwrap();
    b64(signature.to_string().as_bytes())
}

/// Serves each path's body (GET only) on loopback until the test ends; `routes` is given
/// the server's address, which the manifest's build URL needs.
fn serve(routes: impl FnOnce(&str) -> Vec<(String, Vec<u8>)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let routes = routes(&base);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let mut buf = [0u8; 4096];
            let n = stream.read(&mut buf).unwrap_or(0);
            let request = String::from_utf8_lossy(&buf[..n]).to_string();
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let found = routes.iter().find(|(p, _)| path.starts_with(p.as_str()));
            let (status, body) = match found {
                Some((_, body)) => ("200 OK", body.clone()),
                None => ("404 Not Found", Vec::new()),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    base
}

/// A server whose manifest announces `version` with a signature of `BUILD` for `signed_as`,
/// and whose download is `served`.
fn server(version: &str, signed_as: &str, served: &[u8]) -> String {
    let signature = sign(BUILD, signed_as);
    let served = served.to_vec();
    let version = version.to_string();
    let base = serve(move |base| {
        let manifest = serde_json::json!({
            "version": version,
            "notes": "Faster reports",
            "pub_date": "2026-12-01T00:00:00Z",
            "platforms": { update::target(): { "signature": signature, "url": format!("{base}/kanak.tar.gz") } }
        });
        vec![
            (
                "/latest.json".to_string(),
                serde_json::to_vec(&manifest).unwrap(),
            ),
            ("/kanak.tar.gz".to_string(), served),
        ]
    });
    format!("{base}/latest.json?target={{{{target}}}}&current={{{{current_version}}}}")
}

const WAIT: Duration = Duration::from_secs(5);

#[test]
fn a_newer_signed_version_is_offered_and_its_build_verified() {
    let endpoint = server("0.2.0", "0.2.0", BUILD);
    let update = update::check_and_download(&endpoint, "0.1.0", &pubkey(), WAIT)
        .unwrap()
        .expect("0.2.0 is newer than 0.1.0");
    assert_eq!(update.offer.version, "0.2.0");
    assert_eq!(update.offer.notes.as_deref(), Some("Faster reports"));
    assert_eq!(update.bytes, BUILD);
}

#[test]
fn a_build_that_does_not_match_its_signature_is_refused() {
    let endpoint = server("0.2.0", "0.2.0", b"a tampered build");
    let refused = update::check_and_download(&endpoint, "0.1.0", &pubkey(), WAIT).unwrap_err();
    assert_eq!(refused.code(), "update_refused");
    assert!(
        refused.to_string().contains("signature does not match"),
        "{refused}"
    );
}

#[test]
fn a_build_signed_by_another_key_is_refused() {
    let endpoint = server("0.2.0", "0.2.0", BUILD);
    let other = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let other_pub = b64(other.pk.to_box().unwrap().to_string().as_bytes());
    let refused = update::check_and_download(&endpoint, "0.1.0", &other_pub, WAIT).unwrap_err();
    assert_eq!(refused.code(), "update_refused", "{refused}");
}

#[test]
fn a_manifest_that_renames_an_older_signed_build_as_newer_is_refused() {
    // The build and its signature are genuine, but signed for 0.1.5; the manifest says 0.2.0.
    let endpoint = server("0.2.0", "0.1.5", BUILD);
    let refused = update::check_and_download(&endpoint, "0.1.0", &pubkey(), WAIT).unwrap_err();
    assert!(
        refused.to_string().contains("signed for version 0.1.5"),
        "{refused}"
    );
}

#[test]
fn the_same_or_an_older_version_is_not_offered() {
    for announced in ["0.1.0", "0.0.9"] {
        let endpoint = server(announced, announced, BUILD);
        let found = update::check_and_download(&endpoint, "0.1.0", &pubkey(), WAIT).unwrap();
        assert!(found.is_none(), "{announced} is not newer than 0.1.0");
    }
}

#[test]
fn a_manifest_without_this_platform_offers_nothing_it_could_install() {
    let manifest: UpdateManifest = serde_json::from_value(serde_json::json!({
        "version": "0.3.0",
        "platforms": { "plan9-mips": { "signature": "x", "url": "https://example.invalid/k" } }
    }))
    .unwrap();
    let refused = update::offer(&manifest, "0.1.0", &update::target()).unwrap_err();
    assert!(refused.to_string().contains("no build for"), "{refused}");
}

#[test]
fn the_public_key_in_the_config_is_a_minisign_key_and_unsigned_builds_fail_against_it() {
    let config: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tauri.conf.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let configured = config["plugins"]["updater"]["pubkey"].as_str().unwrap();
    // A signature from a key that is not the configured one: the key decodes, the check fails.
    let other = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let signature =
        minisign::sign(None, &other.sk, std::io::Cursor::new(BUILD), None, None).unwrap();
    let refused = update::verify(
        BUILD,
        &b64(signature.to_string().as_bytes()),
        configured,
        "0.2.0",
    )
    .unwrap_err();
    assert!(
        refused.to_string().contains("signature does not match"),
        "{refused}"
    );
}
