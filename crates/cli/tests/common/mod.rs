//! A shop in a temp data dir, driven through the `kanak` binary.
#![allow(dead_code)]

use std::process::{Command, Output};

use serde_json::Value;

pub struct Shop {
    pub dir: tempfile::TempDir,
}

impl Shop {
    pub fn new() -> Shop {
        let shop = Shop {
            dir: tempfile::tempdir().unwrap(),
        };
        shop.ok(&[
            "setup",
            "--shop-name",
            "Lakshmi Jewellers",
            "--branch",
            "MAIN",
            "--owner-name",
            "Ravi Soni",
            "--owner-pin",
            "4321",
        ]);
        shop
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_kanak"))
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env("USER", "support")
            // No desktop keyring in tests: the database key goes to a file beside the data.
            .env("KANAK_INSECURE_KEYSTORE", self.dir.path().join("test-keys.json"))
            .output()
            .unwrap()
    }

    /// Runs with --json, expects success and returns the parsed output.
    pub fn ok(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.run(&all);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    pub fn refused(&self, args: &[&str]) -> (i32, String) {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} should fail");
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }
}
