//! A key store in a plain JSON file, for tests and CI machines that have no desktop keyring.
//!
//! Chosen only by setting `KANAK_INSECURE_KEYSTORE=<file>`; a key in a plain file protects
//! nothing, so the app warns in its log each time it is used. Never for a shop.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::{AppError, SecretStore, Sensitive};

pub struct InsecureFileSecrets {
    path: PathBuf,
    /// Several pooled tasks may set keys at once; the file is read and rewritten whole.
    lock: Mutex<()>,
}

impl InsecureFileSecrets {
    pub fn new(path: impl Into<PathBuf>) -> InsecureFileSecrets {
        InsecureFileSecrets {
            path: path.into(),
            lock: Mutex::new(()),
        }
    }

    fn read(&self) -> Result<BTreeMap<String, String>, AppError> {
        match std::fs::read(&self.path) {
            Ok(bytes) if bytes.is_empty() => Ok(BTreeMap::new()),
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| AppError::Keyring {
                message: format!("the key file {} is unreadable: {e}", self.path.display()),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(io(&self.path, e)),
        }
    }

    fn write(&self, entries: &BTreeMap<String, String>) -> Result<(), AppError> {
        if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        let temp = self.path.with_extension("tmp");
        let json = serde_json::to_vec_pretty(entries).expect("a map of strings serializes");
        std::fs::write(&temp, json).map_err(|e| io(&temp, e))?;
        std::fs::rename(&temp, &self.path).map_err(|e| io(&self.path, e))
    }
}

fn io(path: &Path, source: std::io::Error) -> AppError {
    AppError::Io {
        context: format!("the insecure key file {}", path.display()),
        source,
    }
}

impl SecretStore for InsecureFileSecrets {
    fn get(&self, name: &str) -> Result<Option<Sensitive>, AppError> {
        let _guard = self.lock.lock().expect("not poisoned");
        Ok(self.read()?.get(name).map(|v| Sensitive::new(v.clone())))
    }

    fn set(&self, name: &str, value: &str) -> Result<(), AppError> {
        let _guard = self.lock.lock().expect("not poisoned");
        let mut entries = self.read()?;
        entries.insert(name.to_string(), value.to_string());
        self.write(&entries)
    }

    fn delete(&self, name: &str) -> Result<(), AppError> {
        let _guard = self.lock.lock().expect("not poisoned");
        let mut entries = self.read()?;
        if entries.remove(name).is_some() {
            self.write(&entries)?;
        }
        Ok(())
    }
}
