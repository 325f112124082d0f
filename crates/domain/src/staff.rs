//! Staff roles and what each may do. The use cases ask `role.allows(permission)`; the UI
//! only hides what a role cannot do, it never decides.

use serde::{Deserialize, Serialize};

use crate::field::{FieldError, parse_word};

#[derive(Serialize, Deserialize, specta::Type, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything: settings, staff, overrides.
    Owner,
    /// Plans, closures, reports and refunds, besides the counter's work.
    Manager,
    /// The counter: customers, enrollment, payments and the day's rate.
    Cashier,
}

/// One thing a use case may need permission for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    Settings,
    Staff,
    Override,
    Plans,
    Close,
    Refund,
    Reports,
    Audit,
    /// Pause, upgrade or downgrade an enrollment mid-term.
    ChangeEnrollment,
    Customers,
    Enroll,
    TakePayment,
    SetRate,
}

impl Permission {
    /// The words used in a refusal: "a cashier may not close plans".
    pub fn describe(self) -> &'static str {
        match self {
            Permission::Settings => "change settings",
            Permission::Staff => "manage staff",
            Permission::Override => "override a one-time code",
            Permission::Plans => "manage plans",
            Permission::Close => "close plans",
            Permission::Refund => "refund payments",
            Permission::Reports => "see reports",
            Permission::Audit => "see the audit trail",
            Permission::ChangeEnrollment => "pause or change enrollments",
            Permission::Customers => "manage customers",
            Permission::Enroll => "enroll customers",
            Permission::TakePayment => "take payments",
            Permission::SetRate => "set gold rates",
        }
    }
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Manager, Role::Cashier];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Manager => "manager",
            Role::Cashier => "cashier",
        }
    }

    pub fn parse(field: &'static str, s: &str) -> Result<Role, FieldError> {
        parse_word(field, s, &Role::ALL, Role::as_str)
    }

    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Owner => true,
            Role::Manager => !matches!(permission, Settings | Staff | Override),
            Role::Cashier => matches!(permission, Customers | Enroll | TakePayment | SetRate),
        }
    }
}

/// A staff login name: 3–32 lowercase letters, digits, `.`, `-` or `_`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffLogin(String);

impl StaffLogin {
    pub fn parse(field: &'static str, s: &str) -> Result<StaffLogin, FieldError> {
        let login = s.trim().to_ascii_lowercase();
        let ok_chars = login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
        if !(3..=32).contains(&login.len()) || !ok_chars {
            return Err(FieldError::new(
                field,
                "must be 3 to 32 letters, digits, '.', '-' or '_'",
            ));
        }
        Ok(StaffLogin(login))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cashier_works_the_counter_but_cannot_close_or_refund() {
        for p in [
            Permission::Customers,
            Permission::Enroll,
            Permission::TakePayment,
            Permission::SetRate,
        ] {
            assert!(Role::Cashier.allows(p), "{p:?}");
        }
        for p in [
            Permission::Close,
            Permission::Refund,
            Permission::Plans,
            Permission::Settings,
            Permission::Override,
        ] {
            assert!(!Role::Cashier.allows(p), "{p:?}");
        }
    }

    #[test]
    fn a_manager_closes_and_refunds_but_only_the_owner_overrides_or_manages_staff() {
        assert!(Role::Manager.allows(Permission::Close));
        assert!(Role::Manager.allows(Permission::Refund));
        assert!(Role::Manager.allows(Permission::Reports));
        assert!(!Role::Manager.allows(Permission::Override));
        assert!(!Role::Manager.allows(Permission::Staff));
        assert!(!Role::Manager.allows(Permission::Settings));
        assert!(Role::Owner.allows(Permission::Override));
    }

    #[test]
    fn logins_are_plain_words_so_cli_users_cannot_pose_as_staff() {
        assert_eq!(
            StaffLogin::parse("login", " Ravi.K ").unwrap().as_str(),
            "ravi.k"
        );
        assert_eq!(StaffLogin::parse("login", "ab").unwrap_err().field, "login");
        assert!(StaffLogin::parse("login", "ravi kumar").is_err());
        assert!(StaffLogin::parse("login", "cli:root").is_err());
        assert_eq!(Role::parse("role", "Manager").unwrap(), Role::Manager);
        assert!(
            Role::parse("role", "boss")
                .unwrap_err()
                .problem
                .contains("owner")
        );
    }
}
