//! Who is acting. Every change records it; the caller's transport decides it, never a form field.

/// The staff member (or tool) on whose behalf a use case runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    label: String,
}

impl Actor {
    /// A logged-in staff member, recorded by login.
    pub fn staff(login: &str) -> Actor {
        Actor {
            label: login.to_string(),
        }
    }

    /// The command line run by an OS user without a staff login: recorded as `cli:<os user>`.
    pub fn cli(os_user: &str) -> Actor {
        Actor {
            label: format!("cli:{os_user}"),
        }
    }

    pub fn label(&self) -> &str {
        &self.label
    }
}
