//! What every command needs: the use-case API and the counter's login session.

use kanak_app::{Actor, IpcError, Kanak, Session};

pub struct Shell {
    pub kanak: Kanak,
    pub session: Session,
}

impl Shell {
    pub fn new(kanak: Kanak) -> Shell {
        Shell {
            kanak,
            session: Session::new(),
        }
    }

    /// The logged-in staff member; `logged_out` if nobody is, or the idle lock has passed.
    pub async fn actor(&self) -> Result<Actor, IpcError> {
        Ok(self.kanak.session_actor(&self.session).await?)
    }
}
