//! Demo customers: Indian names in English and Hindi, and phone, PAN and Aadhaar numbers
//! that pass the domain's own KYC checks (Aadhaar with its Verhoeff check digit).

use super::seeded::Seeded;
use crate::CustomerInput;

const GIVEN: &[&str] = &[
    "Aarav", "Vivaan", "Aditya", "Arjun", "Sai", "Rohan", "Karan", "Rahul", "Vikram", "Suresh",
    "Ramesh", "Mahesh", "Anil", "Sunil", "Deepak", "Manoj", "Rajesh", "Ganesh", "Harish", "Imran",
    "Aadhya", "Ananya", "Diya", "Isha", "Kavya", "Meera", "Neha", "Pooja", "Priya", "Riya",
    "Sunita", "Lakshmi", "Geeta", "Savitri", "Kamala", "Anjali", "Rekha", "Shabana", "Farida",
    "Jaspreet",
];
const FAMILY: &[&str] = &[
    "Sharma", "Verma", "Gupta", "Agarwal", "Soni", "Jain", "Mehta", "Shah", "Patel", "Reddy",
    "Iyer", "Nair", "Rao", "Khan", "Singh", "Yadav", "Chauhan", "Joshi", "Kulkarni", "Banerjee",
];
const GIVEN_HI: &[&str] = &[
    "आरव",
    "अर्जुन",
    "रोहन",
    "राहुल",
    "सुरेश",
    "रमेश",
    "महेश",
    "अनिल",
    "दीपक",
    "राजेश",
    "अनन्या",
    "दिया",
    "कविता",
    "मीरा",
    "नेहा",
    "पूजा",
    "प्रिया",
    "सुनीता",
    "लक्ष्मी",
    "गीता",
];
const FAMILY_HI: &[&str] = &[
    "शर्मा",
    "वर्मा",
    "गुप्ता",
    "अग्रवाल",
    "सोनी",
    "जैन",
    "मेहता",
    "शाह",
    "पटेल",
    "सिंह",
];
const CITIES: &[(&str, &str)] = &[
    ("Johari Bazaar, Jaipur", "302003"),
    ("Chandni Chowk, Delhi", "110006"),
    ("Zaveri Bazaar, Mumbai", "400002"),
    ("T. Nagar, Chennai", "600017"),
    ("Aminabad, Lucknow", "226018"),
    ("Sarafa Bazaar, Indore", "452002"),
];
pub(crate) const RELATIONS: &[&str] = &["spouse", "son", "daughter", "mother", "father"];

/// A customer's details; `family_of` is filled in by the caller.
pub(crate) fn person(rng: &mut Seeded, serial: u64) -> CustomerInput {
    // One in five names is written in Devanagari, as a Hindi-speaking customer gives it.
    let name = if rng.chance(20) {
        format!("{} {}", rng.pick(GIVEN_HI), rng.pick(FAMILY_HI))
    } else {
        format!("{} {}", rng.pick(GIVEN), rng.pick(FAMILY))
    };
    let (area, pin) = *rng.pick(CITIES);
    let with_kyc = rng.chance(60);
    CustomerInput {
        name,
        phone: phone(rng, serial),
        pan: with_kyc.then(|| pan(rng)),
        aadhaar: (with_kyc || rng.chance(30)).then(|| aadhaar(rng)),
        dob: None,
        address: Some(format!("{} {area}", rng.between(1, 400))),
        pin_code: Some(pin.to_string()),
        email: None,
        family_of: None,
        relation: None,
    }
}

/// A mobile number starting 6–9; the serial in its last digits keeps phones apart.
fn phone(rng: &mut Seeded, serial: u64) -> String {
    format!(
        "{}{:03}{:06}",
        rng.between(6, 9),
        rng.below(1000),
        serial % 1_000_000
    )
}

/// Five letters (the fourth is P: an individual's PAN), four digits, a letter.
fn pan(rng: &mut Seeded) -> String {
    let mut letter = || (b'A' + rng.below(26) as u8) as char;
    let head: String = [letter(), letter(), letter(), 'P', letter()]
        .iter()
        .collect();
    let tail = letter();
    format!("{head}{:04}{tail}", rng.below(10_000))
}

/// Eleven digits (the first 2–9) and the Verhoeff check digit.
fn aadhaar(rng: &mut Seeded) -> String {
    let body = format!("{}{:010}", rng.between(2, 9), rng.below(10_000_000_000));
    let check = kanak_domain::verhoeff_check_digit(&body).expect("eleven ASCII digits");
    format!("{body}{check}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_kyc_numbers_pass_the_domain_checks() {
        let mut rng = Seeded::new(7);
        for serial in 0..2000 {
            let p = person(&mut rng, serial);
            kanak_domain::Mobile::parse(&p.phone).unwrap();
            kanak_domain::PersonName::parse("name", &p.name).unwrap();
            if let Some(pan) = &p.pan {
                kanak_domain::Pan::parse(pan).unwrap();
            }
            if let Some(a) = &p.aadhaar {
                kanak_domain::Aadhaar::parse(a).unwrap();
            }
        }
    }
}
