//! Amounts in words, as a receipt writes them below the figures: the Indian system
//! (thousand, lakh, crore), in English or Hindi.
//!
//! "Rupees One Lakh Twenty Three Thousand Four Hundred Fifty Six and Paise Fifty Only"
//! "रुपये एक लाख तेईस हज़ार चार सौ छप्पन और पचास पैसे मात्र"

// Numbers here are grouped the Indian way (1_00_00_000 is one crore), on purpose.
#![allow(clippy::inconsistent_digit_grouping)]

use crate::Money;

const EN_ONES: [&str; 20] = [
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
];
const EN_TENS: [&str; 10] = [
    "", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety",
];

/// Hindi has a word of its own for every number below a hundred, so it is a table.
const HI_0_99: [&str; 100] = [
    "शून्य",
    "एक",
    "दो",
    "तीन",
    "चार",
    "पाँच",
    "छह",
    "सात",
    "आठ",
    "नौ",
    "दस",
    "ग्यारह",
    "बारह",
    "तेरह",
    "चौदह",
    "पंद्रह",
    "सोलह",
    "सत्रह",
    "अठारह",
    "उन्नीस",
    "बीस",
    "इक्कीस",
    "बाईस",
    "तेईस",
    "चौबीस",
    "पच्चीस",
    "छब्बीस",
    "सत्ताईस",
    "अट्ठाईस",
    "उनतीस",
    "तीस",
    "इकतीस",
    "बत्तीस",
    "तैंतीस",
    "चौंतीस",
    "पैंतीस",
    "छत्तीस",
    "सैंतीस",
    "अड़तीस",
    "उनतालीस",
    "चालीस",
    "इकतालीस",
    "बयालीस",
    "तैंतालीस",
    "चवालीस",
    "पैंतालीस",
    "छियालीस",
    "सैंतालीस",
    "अड़तालीस",
    "उनचास",
    "पचास",
    "इक्यावन",
    "बावन",
    "तिरपन",
    "चौवन",
    "पचपन",
    "छप्पन",
    "सत्तावन",
    "अट्ठावन",
    "उनसठ",
    "साठ",
    "इकसठ",
    "बासठ",
    "तिरसठ",
    "चौंसठ",
    "पैंसठ",
    "छियासठ",
    "सड़सठ",
    "अड़सठ",
    "उनहत्तर",
    "सत्तर",
    "इकहत्तर",
    "बहत्तर",
    "तिहत्तर",
    "चौहत्तर",
    "पचहत्तर",
    "छिहत्तर",
    "सतहत्तर",
    "अठहत्तर",
    "उनासी",
    "अस्सी",
    "इक्यासी",
    "बयासी",
    "तिरासी",
    "चौरासी",
    "पचासी",
    "छियासी",
    "सत्तासी",
    "अट्ठासी",
    "नवासी",
    "नब्बे",
    "इक्यानबे",
    "बानबे",
    "तिरानबे",
    "चौरानबे",
    "पंचानबे",
    "छियानबे",
    "सत्तानबे",
    "अट्ठानबे",
    "निन्यानबे",
];

/// The language words are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordsLanguage {
    English,
    Hindi,
}

struct Scale {
    below_hundred: fn(u64) -> String,
    hundred: &'static str,
    thousand: &'static str,
    lakh: &'static str,
    crore: &'static str,
}

const ENGLISH: Scale = Scale {
    below_hundred: english_below_hundred,
    hundred: "Hundred",
    thousand: "Thousand",
    lakh: "Lakh",
    crore: "Crore",
};

const HINDI: Scale = Scale {
    below_hundred: hindi_below_hundred,
    hundred: "सौ",
    thousand: "हज़ार",
    lakh: "लाख",
    crore: "करोड़",
};

fn english_below_hundred(n: u64) -> String {
    let n = n as usize;
    match n {
        0..20 => EN_ONES[n].to_string(),
        _ if n.is_multiple_of(10) => EN_TENS[n / 10].to_string(),
        _ => format!("{} {}", EN_TENS[n / 10], EN_ONES[n % 10]),
    }
}

fn hindi_below_hundred(n: u64) -> String {
    HI_0_99[n as usize].to_string()
}

/// A whole number in words, grouped the Indian way: crores, lakhs, thousands, hundreds.
/// Above 99 crore the crores themselves are written in words ("Two Hundred Crore").
fn number_in_words(n: u64, scale: &Scale) -> String {
    if n == 0 {
        return (scale.below_hundred)(0);
    }
    let mut parts = Vec::new();
    let crores = n / 1_00_00_000;
    if crores > 0 {
        parts.push(format!(
            "{} {}",
            number_in_words(crores, scale),
            scale.crore
        ));
    }
    let rest = n % 1_00_00_000;
    for (value, unit) in [
        (rest / 1_00_000, scale.lakh),
        (rest / 1000 % 100, scale.thousand),
    ] {
        if value > 0 {
            parts.push(format!("{} {unit}", (scale.below_hundred)(value)));
        }
    }
    let hundreds = rest / 100 % 10;
    if hundreds > 0 {
        parts.push(format!(
            "{} {}",
            (scale.below_hundred)(hundreds),
            scale.hundred
        ));
    }
    if !rest.is_multiple_of(100) {
        parts.push((scale.below_hundred)(rest % 100));
    }
    parts.join(" ")
}

/// The amount as a receipt writes it in words. Negative amounts are written as their size:
/// a receipt never shows a negative sum in words.
pub fn amount_in_words(amount: Money, language: WordsLanguage) -> String {
    let paise = amount.paise().unsigned_abs();
    let (rupees, paise) = (paise / 100, paise % 100);
    match language {
        WordsLanguage::English => {
            let mut text = format!("Rupees {}", number_in_words(rupees, &ENGLISH));
            if paise > 0 {
                text.push_str(&format!(" and Paise {}", english_below_hundred(paise)));
            }
            text + " Only"
        }
        WordsLanguage::Hindi => {
            let mut text = format!("रुपये {}", number_in_words(rupees, &HINDI));
            if paise > 0 {
                text.push_str(&format!(" और {} पैसे", hindi_below_hundred(paise)));
            }
            text + " मात्र"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en(paise: i64) -> String {
        amount_in_words(Money::from_paise(paise), WordsLanguage::English)
    }

    fn hi(paise: i64) -> String {
        amount_in_words(Money::from_paise(paise), WordsLanguage::Hindi)
    }

    #[test]
    fn receipts_write_lakhs_and_paise_the_indian_way() {
        assert_eq!(
            en(1_23_456_50),
            "Rupees One Lakh Twenty Three Thousand Four Hundred Fifty Six and Paise Fifty Only"
        );
        assert_eq!(en(5000_00), "Rupees Five Thousand Only");
        assert_eq!(en(0), "Rupees Zero Only");
        assert_eq!(en(1), "Rupees Zero and Paise One Only");
        assert_eq!(en(10_00_000_00), "Rupees Ten Lakh Only");
        assert_eq!(
            en(12_34_56_789_05),
            "Rupees Twelve Crore Thirty Four Lakh Fifty Six Thousand Seven Hundred Eighty Nine and Paise Five Only"
        );
    }

    #[test]
    fn crores_beyond_ninety_nine_are_themselves_in_words() {
        assert_eq!(en(250_00_00_000_00), "Rupees Two Hundred Fifty Crore Only");
    }

    #[test]
    fn every_number_below_a_hundred_has_its_own_hindi_word() {
        assert_eq!(
            hi(1_23_456_50),
            "रुपये एक लाख तेईस हज़ार चार सौ छप्पन और पचास पैसे मात्र"
        );
        assert_eq!(
            hi(99_99_999_00),
            "रुपये निन्यानबे लाख निन्यानबे हज़ार नौ सौ निन्यानबे मात्र"
        );
        assert_eq!(hi(5000_00), "रुपये पाँच हज़ार मात्र");
        assert_eq!(hi(1_00_00_000_00), "रुपये एक करोड़ मात्र");
    }

    #[test]
    fn a_refund_owed_is_written_as_its_size() {
        assert_eq!(en(-500_00), en(500_00));
    }
}
