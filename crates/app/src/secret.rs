//! Provider keys and tokens live in the OS keyring (Secret Service on Linux, Keychain on
//! macOS, Credential Manager on Windows), never in the database or a log. Settings only
//! ever learn whether a key is set.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::AppError;

/// The keyring's service name; each provider's key is one entry under it.
const SERVICE: &str = "in.kanak.desktop";

/// A key, code or PIN in memory. Debug never shows it, there is no Display, and it has no
/// `Serialize`: it cannot end up in a log line, an IPC answer or a JSON file by accident.
/// Reading it takes an explicit [`Sensitive::expose`] (a test below checks the missing impl).
pub struct Sensitive(String);

impl Sensitive {
    pub fn new(value: impl Into<String>) -> Sensitive {
        Sensitive(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Sensitive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sensitive(<redacted>)")
    }
}

/// Where keys are kept. The app uses the OS keyring; tests inject [`MemorySecrets`].
pub trait SecretStore: Send + Sync {
    fn get(&self, name: &str) -> Result<Option<Sensitive>, AppError>;
    fn set(&self, name: &str, value: &str) -> Result<(), AppError>;
    fn delete(&self, name: &str) -> Result<(), AppError>;
}

pub struct OsKeyring;

fn unavailable(error: keyring::Error) -> AppError {
    let message = match error {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => format!(
            "the OS keyring is not available ({error}); on Linux install and unlock a Secret Service \
             (GNOME Keyring or KWallet). Kanak never stores keys in plain text, so provider keys cannot be kept on this machine until it has one"
        ),
        other => format!("the OS keyring refused: {other}"),
    };
    AppError::Keyring { message }
}

impl SecretStore for OsKeyring {
    fn get(&self, name: &str) -> Result<Option<Sensitive>, AppError> {
        let entry = keyring::Entry::new(SERVICE, name).map_err(unavailable)?;
        match entry.get_password() {
            Ok(value) => Ok(Some(Sensitive(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, name: &str, value: &str) -> Result<(), AppError> {
        keyring::Entry::new(SERVICE, name)
            .and_then(|e| e.set_password(value))
            .map_err(unavailable)
    }

    fn delete(&self, name: &str) -> Result<(), AppError> {
        let entry = keyring::Entry::new(SERVICE, name).map_err(unavailable)?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}

/// An in-memory store for tests (the OS keyring is exercised separately).
#[derive(Default, Clone)]
pub struct MemorySecrets(Arc<Mutex<HashMap<String, String>>>);

impl SecretStore for MemorySecrets {
    fn get(&self, name: &str) -> Result<Option<Sensitive>, AppError> {
        Ok(self
            .0
            .lock()
            .expect("not poisoned")
            .get(name)
            .cloned()
            .map(Sensitive))
    }

    fn set(&self, name: &str, value: &str) -> Result<(), AppError> {
        self.0
            .lock()
            .expect("not poisoned")
            .insert(name.to_string(), value.to_string());
        Ok(())
    }

    fn delete(&self, name: &str) -> Result<(), AppError> {
        self.0.lock().expect("not poisoned").remove(name);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::marker::PhantomData;

    use super::Sensitive;

    /// Autoref probe: `(&Probe::<T>).serializes()` picks the first impl when `T: Serialize`
    /// and falls back to the second otherwise, so the answer is decided at compile time.
    struct Probe<T>(PhantomData<T>);
    trait Serializes {
        fn serializes(&self) -> bool {
            true
        }
    }
    impl<T: serde::Serialize> Serializes for Probe<T> {}
    trait DoesNotSerialize {
        fn serializes(&self) -> bool {
            false
        }
    }
    impl<T> DoesNotSerialize for &Probe<T> {}

    #[test]
    fn a_sensitive_value_cannot_be_serialized() {
        assert!(
            (&Probe::<String>(PhantomData)).serializes(),
            "the probe sees Serialize"
        );
        assert!(!(&Probe::<Sensitive>(PhantomData)).serializes());
    }

    #[test]
    fn debug_shows_no_part_of_the_value() {
        let key = Sensitive::new("msg91-authkey-123");
        assert_eq!(format!("{key:?}"), "Sensitive(<redacted>)");
        assert_eq!(key.expose(), "msg91-authkey-123");
    }
}
