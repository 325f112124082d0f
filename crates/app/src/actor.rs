//! Who is acting. Every change records it; the caller's transport decides it, never a form field.
//!
//! A staff actor exists only through [`Kanak::login`](crate::Kanak::login), which checked the
//! PIN. The command line without `--as` acts as `cli:<os user>` with the owner's rights
//! (whoever can run it on this machine can open the database file anyway), except that an
//! override needs an owner who typed their PIN.

use kanak_domain::{Permission, Role};

use crate::AppError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    label: String,
    role: Role,
    /// True when the PIN was checked (a login), false for the OS user of the command line.
    verified: bool,
}

impl Actor {
    /// A staff member whose PIN was just checked.
    pub(crate) fn staff(login: &str, role: Role) -> Actor {
        Actor {
            label: login.to_string(),
            role,
            verified: true,
        }
    }

    /// Someone who has not proved who they are (a failed login), for the audit trail only.
    pub(crate) fn unverified(label: &str) -> Actor {
        Actor {
            label: label.to_string(),
            role: Role::Cashier,
            verified: false,
        }
    }

    /// The command line run by an OS user without a staff login: recorded as `cli:<os user>`.
    pub fn cli(os_user: &str) -> Actor {
        Actor {
            label: format!("cli:{os_user}"),
            role: Role::Owner,
            verified: false,
        }
    }

    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn role(&self) -> Role {
        self.role
    }

    /// Refuses, with a message naming the role and the act, what this actor's role may not do.
    pub fn require(&self, permission: Permission) -> Result<(), AppError> {
        if permission == Permission::Override && !self.verified {
            return Err(AppError::Forbidden {
                message:
                    "an override needs the owner to log in with their PIN (--as LOGIN --pin PIN)"
                        .into(),
            });
        }
        if self.role.allows(permission) {
            return Ok(());
        }
        Err(AppError::Forbidden {
            message: format!(
                "{} ({}) may not {}",
                self.label,
                self.role.as_str(),
                permission.describe()
            ),
        })
    }
}
