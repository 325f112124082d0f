//! The Verhoeff check digit, which UIDAI puts at the end of every Aadhaar number.
//!
//! Verhoeff catches every single-digit typo and every swap of two neighbouring digits, the
//! two mistakes people make copying a 12-digit number off a card. It works in the dihedral
//! group D5: `MULTIPLY` is the group table, `PERMUTE` moves each digit by its position, and
//! `INVERSE` finds the digit that brings the running check back to 0.

const MULTIPLY: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];

const PERMUTE: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

const INVERSE: [u8; 10] = [0, 4, 3, 2, 1, 5, 6, 7, 8, 9];

/// The running check over `digits` read right to left, the first of them at `offset`.
fn checksum(digits: &str, offset: usize) -> Option<u8> {
    let mut check = 0u8;
    for (position, byte) in digits.bytes().rev().enumerate() {
        if !byte.is_ascii_digit() {
            return None;
        }
        let moved = PERMUTE[(position + offset) % 8][usize::from(byte - b'0')];
        check = MULTIPLY[usize::from(check)][usize::from(moved)];
    }
    Some(check)
}

/// True when `digits` (ASCII digits only, check digit last) carries a valid Verhoeff check digit.
pub fn verhoeff_valid(digits: &str) -> bool {
    !digits.is_empty() && checksum(digits, 0) == Some(0)
}

/// The check digit to append to `payload` (ASCII digits); `None` if it holds anything else.
pub fn verhoeff_check_digit(payload: &str) -> Option<char> {
    // The check digit will sit at position 0, so the payload starts at position 1.
    let check = checksum(payload, 1)?;
    Some(char::from(b'0' + INVERSE[usize::from(check)]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_textbook_example_236_has_check_digit_3() {
        assert_eq!(verhoeff_check_digit("236"), Some('3'));
        assert!(verhoeff_valid("2363"));
        assert!(!verhoeff_valid("2364"));
    }

    #[test]
    fn a_known_aadhaar_format_number_is_valid() {
        assert!(verhoeff_valid("234123412346"));
        assert_eq!(verhoeff_check_digit("23412341234"), Some('6'));
    }

    #[test]
    fn every_single_digit_typo_is_caught() {
        let valid = "234123412346";
        for position in 0..valid.len() {
            for replacement in b'0'..=b'9' {
                let mut typo = valid.as_bytes().to_vec();
                if typo[position] == replacement {
                    continue;
                }
                typo[position] = replacement;
                let typo = String::from_utf8(typo).unwrap();
                assert!(!verhoeff_valid(&typo), "{typo} slipped through");
            }
        }
    }

    #[test]
    fn swapping_neighbouring_digits_is_caught() {
        let valid = "234123412346";
        for position in 0..valid.len() - 1 {
            let mut swapped = valid.as_bytes().to_vec();
            if swapped[position] == swapped[position + 1] {
                continue;
            }
            swapped.swap(position, position + 1);
            let swapped = String::from_utf8(swapped).unwrap();
            assert!(!verhoeff_valid(&swapped), "{swapped} slipped through");
        }
    }

    #[test]
    fn non_digits_and_empty_input_are_never_valid() {
        assert!(!verhoeff_valid(""));
        assert!(!verhoeff_valid("2341 2341 2346"));
        assert_eq!(verhoeff_check_digit("12a"), None);
    }
}
