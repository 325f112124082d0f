//! What every command needs: the use-case API and who is acting.

use kanak_app::{Actor, Kanak};

pub struct Shell {
    pub kanak: Kanak,
    pub actor: Actor,
}

impl Shell {
    pub fn new(kanak: Kanak, actor: Actor) -> Shell {
        Shell { kanak, actor }
    }
}
