//! The last line of defence for the support bundle: whatever a log line says, the bundle
//! never carries a full PAN, Aadhaar or mobile number, a labelled code, PIN or key, or any
//! provider key the shop has stored. (The first line is that nothing logs them at all.)

use std::sync::LazyLock;

use regex::Regex;

static PAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[A-Za-z]{5}[0-9]{4}[A-Za-z]\b").expect("a valid pattern"));
/// Twelve digits, optionally grouped 4-4-4 by spaces or dashes.
static AADHAAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{4}[ -]?\d{4}[ -]?(\d{4})\b").expect("a valid pattern"));
/// An Indian mobile, with or without +91 / 0.
static MOBILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+91[ -]?|\b0)?\b[6-9]\d{5}(\d{4})\b").expect("a valid pattern")
});
/// `otp=123456`, `pin: 4321`, `"authkey":"…"`, `password = …`, `Bearer …`: the value goes.
static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b(otp|one[_ -]?time[_ -]?code|test_code|pin|new_pin|password|passcode|secret|token|authkey|auth_key|api[_ -]?key|key|recovery[_ -]?code|authorization)("?\s*[=:]\s*"?)(bearer\s+)?[^\s",}]+"#,
    )
    .expect("a valid pattern")
});

/// `text` with every sensitive value masked; `known` are exact strings (stored keys) that
/// must not appear whatever their shape.
pub fn redact(text: &str, known: &[String]) -> String {
    let mut out = text.to_string();
    for secret in known.iter().filter(|s| s.len() >= 4) {
        out = out.replace(secret.as_str(), "<redacted key>");
    }
    let out = LABELLED.replace_all(&out, "$1$2<redacted>");
    // Aadhaar before mobile: a 12-digit run must not be read as a mobile plus two digits.
    let out = AADHAAR.replace_all(&out, "XXXX XXXX $1");
    let out = MOBILE.replace_all(&out, "XXXXXX$1");
    let out = PAN.replace_all(&out, |c: &regex::Captures| {
        let pan = &c[0];
        format!("******{}", &pan[pan.len() - 4..])
    });
    out.into_owned()
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn kyc_numbers_are_masked_the_way_the_app_masks_them() {
        let line =
            "customer pan=ABCDE1234F aadhaar 2345 6789 0124 phone +91 98765 43210 alt 9876543210";
        let out = redact(line, &[]);
        assert!(out.contains("******234F"), "{out}");
        assert!(out.contains("XXXX XXXX 0124"), "{out}");
        assert!(out.contains("XXXXXX3210"), "{out}");
        assert!(
            !out.contains("ABCDE1234F") && !out.contains("9876543210"),
            "{out}"
        );
    }

    #[test]
    fn labelled_codes_pins_and_keys_lose_their_value() {
        let line = r#"otp=482913 pin: 4321 {"authkey":"k3y-abc"} Authorization: Bearer tok123"#;
        let out = redact(line, &[]);
        for secret in ["482913", "4321", "k3y-abc", "tok123"] {
            assert!(!out.contains(secret), "{secret} in {out}");
        }
        assert!(out.contains("otp=<redacted>"), "{out}");
    }

    #[test]
    fn a_stored_key_is_removed_wherever_it_appears() {
        let out = redact(
            "provider answered: bad credentials sk_live_77aa",
            &["sk_live_77aa".into()],
        );
        assert_eq!(out, "provider answered: bad credentials <redacted key>");
    }

    #[test]
    fn amounts_dates_and_ids_are_left_alone() {
        let line = "2026-12-01T10:00:00Z INFO payment recorded amount=5000.00 id=0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b";
        assert_eq!(redact(line, &[]), line);
    }
}
