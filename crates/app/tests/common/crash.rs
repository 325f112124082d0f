//! What the two SIGKILL harnesses (`crash_safety`, `crash_backup`) share: seeded kill moments,
//! the database key file the harness and its writer child both read, and env-tuned run counts.

use std::path::{Path, PathBuf};

use kanak_app::Kanak;

/// splitmix64: a seeded sequence of kill moments, so a failing run can be replayed.
pub struct Moments(pub u64);

impl Moments {
    pub fn next_below(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % bound.max(1)
    }
}

/// No desktop keyring in CI: harness and writer share the database key through a file.
pub fn key_file(dir: &Path) -> PathBuf {
    dir.join("test-keys.json")
}

pub async fn open(dir: &Path) -> Kanak {
    let secrets = std::sync::Arc::new(kanak_app::InsecureFileSecrets::new(key_file(dir)));
    Kanak::open_with(dir, kanak_app::Clock::System, secrets, None)
        .await
        .expect("the database opens")
}

pub fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
