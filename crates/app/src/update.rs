//! Checking for an update and verifying it, the way tauri-plugin-updater does, in plain
//! functions a test (or the CLI) can drive without a window.
//!
//! The manifest is Tauri's `latest.json`; each platform's `signature` is the base64 of a
//! minisign signature file, and the public key in `tauri.conf.json` is the base64 of a
//! minisign public key file. The same crates as the plugin (minisign-verify, semver) decide.

use std::collections::BTreeMap;
use std::time::Duration;

use base64::Engine;
use serde::{Deserialize, Serialize};

use crate::AppError;

/// Tauri's update manifest (the "static JSON" form).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UpdateManifest {
    pub version: String,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub pub_date: Option<String>,
    pub platforms: BTreeMap<String, PlatformRelease>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PlatformRelease {
    pub signature: String,
    pub url: String,
}

/// A newer version the manifest offers for this platform.
#[derive(Debug, Clone, Serialize, PartialEq, specta::Type)]
pub struct UpdateOffer {
    pub version: String,
    pub notes: Option<String>,
    pub url: String,
    pub signature: String,
}

fn refused(message: impl Into<String>) -> AppError {
    AppError::Update {
        message: message.into(),
    }
}

/// This machine's platform key as the updater names it: `linux-x86_64`, `darwin-aarch64`,
/// `windows-x86_64`.
pub fn target() -> String {
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        other => other,
    };
    format!("{os}-{}", std::env::consts::ARCH)
}

fn parse_version(field: &str, text: &str) -> Result<semver::Version, AppError> {
    semver::Version::parse(text.trim_start_matches('v'))
        .map_err(|e| refused(format!("{field} {text:?} is not a version: {e}")))
}

/// The offer, if the manifest's version is newer than `current` and has a build for `target`.
pub fn offer(
    manifest: &UpdateManifest,
    current: &str,
    target: &str,
) -> Result<Option<UpdateOffer>, AppError> {
    let announced = parse_version("the manifest's version", &manifest.version)?;
    if announced <= parse_version("this build's version", current)? {
        return Ok(None);
    }
    let release = manifest
        .platforms
        .get(target)
        .ok_or_else(|| refused(format!("version {announced} has no build for {target}")))?;
    Ok(Some(UpdateOffer {
        version: manifest.version.clone(),
        notes: manifest.notes.clone(),
        url: release.url.clone(),
        signature: release.signature.clone(),
    }))
}

fn base64_text(what: &str, b64: &str) -> Result<String, AppError> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .map_err(|e| refused(format!("the {what} is not base64: {e}")))?;
    String::from_utf8(bytes).map_err(|_| refused(format!("the {what} is not text")))
}

/// Checks `data` against the base64 minisign `signature` with the base64 `pubkey`, then, as
/// the plugin does, that the version in the signed trusted comment (when there is one) is
/// the version announced: an unsigned manifest cannot pair a new number with an old build.
pub fn verify(data: &[u8], signature: &str, pubkey: &str, announced: &str) -> Result<(), AppError> {
    let key = minisign_verify::PublicKey::decode(&base64_text("public key", pubkey)?)
        .map_err(|e| refused(format!("the public key is unreadable: {e}")))?;
    let signature = minisign_verify::Signature::decode(&base64_text("signature", signature)?)
        .map_err(|e| refused(format!("the signature is unreadable: {e}")))?;
    key.verify(data, &signature, true)
        .map_err(|e| refused(format!("the update's signature does not match: {e}")))?;
    let signed = signature
        .trusted_comment()
        .split('\t')
        .find_map(|field| field.strip_prefix("version:"));
    match signed {
        Some(signed)
            if parse_version("the signed version", signed)?
                != parse_version("the announced version", announced)? =>
        {
            Err(refused(format!(
                "the update was signed for version {signed}, not {announced}"
            )))
        }
        _ => Ok(()),
    }
}

/// The endpoint with the updater's variables filled in.
pub fn endpoint_url(endpoint: &str, current: &str) -> String {
    let arch = std::env::consts::ARCH;
    let os = target().split('-').next().unwrap_or_default().to_string();
    endpoint
        .replace("{{current_version}}", current)
        .replace("{{target}}", &os)
        .replace("{{arch}}", arch)
}

fn get(url: &str, timeout: Duration) -> Result<Vec<u8>, AppError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(0)
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| refused(format!("cannot reach {url}: {e}")))?;
    response
        .body_mut()
        .with_config()
        .limit(512 * 1024 * 1024)
        .read_to_vec()
        .map_err(|e| refused(format!("reading {url}: {e}")))
}

/// A downloaded update whose signature checked out.
#[derive(Debug)]
pub struct VerifiedUpdate {
    pub offer: UpdateOffer,
    pub bytes: Vec<u8>,
}

/// Fetches the manifest, and when it offers a newer version for this platform downloads the
/// build and verifies it; a build whose signature fails is refused, never returned.
pub fn check_and_download(
    endpoint: &str,
    current: &str,
    pubkey: &str,
    timeout: Duration,
) -> Result<Option<VerifiedUpdate>, AppError> {
    let body = get(&endpoint_url(endpoint, current), timeout)?;
    if body.is_empty() {
        return Ok(None);
    }
    let manifest: UpdateManifest = serde_json::from_slice(&body)
        .map_err(|e| refused(format!("the update manifest is not valid: {e}")))?;
    let Some(offer) = offer(&manifest, current, &target())? else {
        return Ok(None);
    };
    let bytes = get(&offer.url, timeout)?;
    verify(&bytes, &offer.signature, pubkey, &offer.version)?;
    tracing::info!(version = %offer.version, "update downloaded and its signature verified");
    Ok(Some(VerifiedUpdate { offer, bytes }))
}
