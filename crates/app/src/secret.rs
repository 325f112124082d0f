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
///
/// It does deserialize (a PIN or one-time code arrives from the window as a plain string, and
/// the bindings show it as `string`), and parses from a command-line flag.
#[derive(Clone, serde::Deserialize, specta::Type)]
#[serde(transparent)]
#[specta(transparent)]
pub struct Sensitive(String);

impl From<String> for Sensitive {
    fn from(value: String) -> Sensitive {
        Sensitive(value)
    }
}

impl From<&str> for Sensitive {
    fn from(value: &str) -> Sensitive {
        Sensitive(value.to_string())
    }
}

impl std::str::FromStr for Sensitive {
    type Err = std::convert::Infallible;

    fn from_str(value: &str) -> Result<Sensitive, Self::Err> {
        Ok(Sensitive(value.to_string()))
    }
}

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
    fn a_pin_read_from_ipc_json_is_kept_but_never_shown() {
        let pin: Sensitive = serde_json::from_str("\"4321\"").unwrap();
        assert_eq!(pin.expose(), "4321");
        assert!(!format!("{pin:?}").contains("4321"));
    }

    #[test]
    fn the_setup_and_staff_inputs_print_without_their_pins() {
        let setup: crate::SetupInput = serde_json::from_value(serde_json::json!({
            "shop_name": "Lakshmi Jewellers", "address": "Jaipur", "gstin": null,
            "branch_code": "MAIN", "owner_name": "Ravi Soni", "owner_pin": "97531"
        }))
        .unwrap();
        let staff = crate::StaffInput {
            name: "Meena".into(),
            login: "meena".into(),
            role: kanak_domain::Role::Cashier,
            pin: "86420".into(),
        };
        let (setup, staff) = (format!("{setup:?}"), format!("{staff:?}"));
        assert!(
            setup.contains("Ravi Soni") && !setup.contains("97531"),
            "{setup}"
        );
        assert!(
            staff.contains("meena") && !staff.contains("86420"),
            "{staff}"
        );
        assert!(staff.contains("pin: Sensitive(<redacted>)"), "{staff}");
    }

    #[test]
    fn debug_shows_no_part_of_the_value() {
        let key = Sensitive::new("msg91-authkey-123");
        assert_eq!(format!("{key:?}"), "Sensitive(<redacted>)");
        assert_eq!(key.expose(), "msg91-authkey-123");
    }
}
