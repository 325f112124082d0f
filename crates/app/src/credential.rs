//! Staff PINs and passwords: validated, never logged, stored only as argon2id hashes.

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Argon2, PasswordHash, PasswordVerifier};
use kanak_domain::FieldError;
use rand_core::{OsRng, RngCore};

use crate::AppError;

/// A PIN (4–8 digits) or a password (8–64 characters). Its Debug output is redacted.
pub struct LoginSecret(String);

impl std::fmt::Debug for LoginSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoginSecret(<redacted>)")
    }
}

impl LoginSecret {
    pub fn parse(field: &'static str, value: &str) -> Result<LoginSecret, FieldError> {
        let all_digits = !value.is_empty() && value.chars().all(|c| c.is_ascii_digit());
        let len = value.chars().count();
        let ok = if all_digits {
            (4..=8).contains(&len)
        } else {
            (8..=64).contains(&len)
        };
        if !ok {
            return Err(FieldError::new(
                field,
                "must be a PIN of 4 to 8 digits or a password of 8 to 64 characters",
            ));
        }
        Ok(LoginSecret(value.to_string()))
    }

    /// argon2id with a random salt, in PHC string form.
    pub fn hash(&self) -> Result<String, AppError> {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(self.0.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::corrupt(format!("hashing a PIN failed: {e}")))
    }

    pub fn verify(&self, phc: &str) -> bool {
        PasswordHash::new(phc)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(self.0.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    }
}

/// A uniformly random number below `bound`, from the OS's CSPRNG (rejection sampling, so
/// no value is likelier than another).
pub(crate) fn random_below(bound: u32) -> u32 {
    let zone = u32::MAX - (u32::MAX % bound);
    loop {
        let n = OsRng.next_u32();
        if n < zone {
            return n % bound;
        }
    }
}

/// The owner's recovery code: 16 characters from an alphabet without look-alikes, in four
/// groups (80 bits). Shown once; only its argon2id hash is stored.
pub(crate) fn new_recovery_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let chars: Vec<char> = (0..16)
        .map(|_| ALPHABET[random_below(32) as usize] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// A recovery code as typed: case, spaces and dashes do not matter.
pub(crate) fn normalise_recovery_code(typed: &str) -> LoginSecret {
    let plain: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    LoginSecret(plain.to_ascii_uppercase())
}
