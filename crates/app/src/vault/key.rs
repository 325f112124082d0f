//! The database key and its printable form, the recovery key.
//!
//! The key is 32 random bytes handed to SQLCipher as a raw key (`x'…'`), so no password
//! derivation stands between a guess and the data: the key itself is the secret. The recovery
//! key is the same 32 bytes in Crockford base32 with a 3-byte checksum, in groups of four, so a
//! slip while typing it back from the printed sheet is caught before SQLCipher is even asked.

use kanak_domain::FieldError;
use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// Crockford's alphabet: no I, L, O or U, so nothing reads as another character.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const KEY_BYTES: usize = 32;
const CHECK_BYTES: usize = 3;
/// 35 bytes are 280 bits: exactly 56 base32 characters, 14 groups of four.
const RECOVERY_CHARS: usize = (KEY_BYTES + CHECK_BYTES) * 8 / 5;

/// The database key. Debug never shows it and it has no Serialize or Display.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseKey([u8; KEY_BYTES]);

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(<redacted>)")
    }
}

impl DatabaseKey {
    /// A new key from the OS CSPRNG.
    pub fn generate() -> DatabaseKey {
        let mut bytes = [0u8; KEY_BYTES];
        OsRng.fill_bytes(&mut bytes);
        DatabaseKey(bytes)
    }

    /// The form kept in the keyring: 64 lowercase hex digits.
    pub(crate) fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub(crate) fn from_hex(hex: &str) -> Option<DatabaseKey> {
        let hex = hex.trim();
        if hex.len() != KEY_BYTES * 2 || !hex.is_ascii() {
            return None;
        }
        let mut bytes = [0u8; KEY_BYTES];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok()?;
        }
        Some(DatabaseKey(bytes))
    }

    /// The value of `PRAGMA key` (and of `ATTACH … KEY`): a raw key, quoted as SQLCipher wants.
    pub(crate) fn pragma_value(&self) -> String {
        format!("\"x'{}'\"", self.to_hex())
    }

    /// The value bound to `ATTACH DATABASE ?1 AS x KEY ?2`: the raw key as SQLCipher reads it.
    pub(crate) fn attach_value(&self) -> String {
        format!("x'{}'", self.to_hex())
    }

    /// The recovery key shown once at setup: `XXXX-XXXX-…`, 14 groups.
    pub fn recovery_key(&self) -> String {
        let mut bytes = self.0.to_vec();
        bytes.extend_from_slice(&checksum(&self.0));
        let chars = encode(&bytes);
        chars
            .as_bytes()
            .chunks(4)
            .map(|group| std::str::from_utf8(group).expect("ascii"))
            .collect::<Vec<_>>()
            .join("-")
    }

    /// Reads a recovery key as typed: case, spaces and dashes do not matter, and the letters
    /// people confuse (O for 0, I or L for 1) are read as Crockford says.
    pub fn from_recovery_key(typed: &str) -> Result<DatabaseKey, FieldError> {
        const FIELD: &str = "recovery_key";
        let mut values = Vec::with_capacity(RECOVERY_CHARS);
        for c in typed.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            let Some(value) = ALPHABET.iter().position(|&a| a as char == c) else {
                return Err(FieldError::new(
                    FIELD,
                    format!("'{c}' is not a character of a recovery key"),
                ));
            };
            values.push(value as u8);
        }
        if values.len() != RECOVERY_CHARS {
            return Err(FieldError::new(
                FIELD,
                format!(
                    "a recovery key has {RECOVERY_CHARS} characters (14 groups of 4); this has {}",
                    values.len()
                ),
            ));
        }
        let bytes = decode(&values);
        let (key, check) = bytes.split_at(KEY_BYTES);
        let key: [u8; KEY_BYTES] = key.try_into().expect("32 bytes");
        if checksum(&key) != check {
            return Err(FieldError::new(
                FIELD,
                "this recovery key has a typing mistake (its checksum does not match); check each group against the printed sheet",
            ));
        }
        Ok(DatabaseKey(key))
    }
}

fn checksum(key: &[u8; KEY_BYTES]) -> [u8; CHECK_BYTES] {
    let digest = Sha256::digest(key);
    [digest[0], digest[1], digest[2]]
}

fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(RECOVERY_CHARS);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &byte in bytes {
        buffer = (buffer << 8) | u32::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    out
}

fn decode(values: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(KEY_BYTES + CHECK_BYTES);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &value in values {
        buffer = (buffer << 5) | u32::from(value);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(((buffer >> bits) & 0xff) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_key_reads_back_as_the_same_key() {
        let key = DatabaseKey::generate();
        let shown = key.recovery_key();
        assert_eq!(shown.len(), 14 * 4 + 13, "14 groups of 4 with dashes");
        assert_eq!(DatabaseKey::from_recovery_key(&shown).unwrap(), key);
        let sloppy = shown.to_lowercase().replace('-', " ").replace('0', "o");
        assert_eq!(DatabaseKey::from_recovery_key(&sloppy).unwrap(), key);
    }

    #[test]
    fn one_mistyped_character_is_caught_by_the_checksum() {
        let shown = DatabaseKey::generate().recovery_key();
        let mut chars: Vec<char> = shown.chars().collect();
        chars[5] = if chars[5] == 'A' { 'B' } else { 'A' };
        let typo: String = chars.into_iter().collect();
        let error = DatabaseKey::from_recovery_key(&typo).unwrap_err();
        assert_eq!(error.field, "recovery_key");
        assert!(error.problem.contains("checksum"), "{}", error.problem);
    }

    #[test]
    fn a_short_key_says_how_long_it_should_be() {
        let error = DatabaseKey::from_recovery_key("ABCD-EFGH").unwrap_err();
        assert!(error.problem.contains("56 characters"), "{}", error.problem);
    }

    #[test]
    fn debug_shows_no_part_of_the_key() {
        let key = DatabaseKey::generate();
        assert_eq!(format!("{key:?}"), "DatabaseKey(<redacted>)");
        assert_eq!(DatabaseKey::from_hex(&key.to_hex()).unwrap(), key);
    }
}
