//! Staff PINs and passwords: validated, never logged, stored only as argon2id hashes.

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Argon2, PasswordHash, PasswordVerifier};
use kanak_domain::FieldError;
use rand_core::OsRng;

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

    #[allow(dead_code)] // used by staff login (#4)
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
