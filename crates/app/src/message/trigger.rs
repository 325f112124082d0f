//! What makes Kanak write to a customer, on which channel, and which variables each kind of
//! message can fill.

use kanak_domain::FieldError;
use serde::{Deserialize, Serialize};

/// The event behind a message. `PaymentGold` is not a switch of its own: it is the payment
/// template used for plans that show the customer their gold (grams and rate), so a plan that
/// hides gold can never put them in the text.
#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case", rename = "MessageTrigger")]
pub enum Trigger {
    Payment,
    PaymentGold,
    Due,
    Missed,
    Maturity,
    Closure,
    Occasion,
    /// Sent by staff from the missed-payments report.
    Reminder,
}

impl Trigger {
    pub const ALL: [Trigger; 8] = [
        Trigger::Payment,
        Trigger::PaymentGold,
        Trigger::Due,
        Trigger::Missed,
        Trigger::Maturity,
        Trigger::Closure,
        Trigger::Occasion,
        Trigger::Reminder,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Payment => "payment",
            Trigger::PaymentGold => "payment_gold",
            Trigger::Due => "due",
            Trigger::Missed => "missed",
            Trigger::Maturity => "maturity",
            Trigger::Closure => "closure",
            Trigger::Occasion => "occasion",
            Trigger::Reminder => "reminder",
        }
    }

    pub fn parse(field: &'static str, s: &str) -> Result<Trigger, FieldError> {
        parse_word(field, s, &Trigger::ALL, Trigger::as_str)
    }

    /// The switch that turns this trigger on or off.
    pub fn switch(self) -> Trigger {
        match self {
            Trigger::PaymentGold => Trigger::Payment,
            other => other,
        }
    }

    /// Reminders wait for the shop's sending hours; confirmations of what just happened at
    /// the counter go at any hour.
    pub fn is_reminder(self) -> bool {
        !matches!(
            self,
            Trigger::Payment | Trigger::PaymentGold | Trigger::Closure
        )
    }

    /// The variables a template for this trigger may use, in a sensible default order.
    pub fn variables(self) -> &'static [&'static str] {
        match self {
            Trigger::Payment => &[
                "customer_name",
                "amount",
                "receipt_no",
                "enrollment_no",
                "date",
                "plan_name",
                "shop_name",
            ],
            Trigger::PaymentGold => &[
                "customer_name",
                "amount",
                "receipt_no",
                "enrollment_no",
                "grams",
                "rate",
                "date",
                "plan_name",
                "shop_name",
            ],
            Trigger::Due | Trigger::Missed | Trigger::Reminder => &[
                "customer_name",
                "amount",
                "due_date",
                "installment_no",
                "enrollment_no",
                "plan_name",
                "shop_name",
            ],
            Trigger::Maturity => &[
                "customer_name",
                "enrollment_no",
                "maturity_date",
                "plan_name",
                "shop_name",
            ],
            Trigger::Closure => &[
                "customer_name",
                "enrollment_no",
                "closure_kind",
                "value",
                "settlement",
                "plan_name",
                "shop_name",
            ],
            Trigger::Occasion => &["customer_name", "occasion", "plan_name", "shop_name"],
        }
    }
}

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Hash)]
// "Channel" is taken by Tauri's runtime in the TypeScript bindings.
#[serde(rename_all = "snake_case", rename = "MessageChannel")]
pub enum Channel {
    /// MSG91 Flow, on a DLT-registered template.
    Sms,
    /// WhatsApp Cloud API template message.
    Whatsapp,
}

impl Channel {
    pub const ALL: [Channel; 2] = [Channel::Sms, Channel::Whatsapp];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sms => "sms",
            Channel::Whatsapp => "whatsapp",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::Sms => "SMS",
            Channel::Whatsapp => "WhatsApp",
        }
    }

    pub fn parse(field: &'static str, s: &str) -> Result<Channel, FieldError> {
        parse_word(field, s, &Channel::ALL, Channel::as_str)
    }

    pub fn other(self) -> Channel {
        match self {
            Channel::Sms => Channel::Whatsapp,
            Channel::Whatsapp => Channel::Sms,
        }
    }
}

fn parse_word<T: Copy>(
    field: &'static str,
    s: &str,
    all: &[T],
    word: fn(T) -> &'static str,
) -> Result<T, FieldError> {
    let text = s.trim().to_ascii_lowercase();
    all.iter()
        .copied()
        .find(|value| word(*value) == text)
        .ok_or_else(|| {
            let words: Vec<&str> = all.iter().map(|value| word(*value)).collect();
            FieldError::not_one_of(field, &words)
        })
}
