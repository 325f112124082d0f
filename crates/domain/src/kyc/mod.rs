//! Know-your-customer details, each parsed once into a type that can only hold a valid value
//! ("parse, don't validate"): code that holds a `Mobile` never needs to re-check it.

mod aadhaar;
mod contact;
mod name;
mod pan;
mod verhoeff;

pub use aadhaar::Aadhaar;
pub use contact::{Email, Mobile, PinCode};
pub use name::PersonName;
pub use pan::Pan;
pub use verhoeff::{verhoeff_check_digit, verhoeff_valid};
