//! A throwaway PostgreSQL for tests.
//!
//! [`TestPostgres::start`] runs Debian's `initdb` and `pg_ctl` into a fresh temporary directory,
//! listening only on a unix socket inside it, and stops the server and deletes the directory
//! when dropped. PostgreSQL refuses to run as root, so as root the binaries run as the
//! `postgres` user (`runuser -u postgres --`) on a directory that user owns.
//!
//! With `KANAK_TEST_DATABASE_URL` set (e.g. `postgres://me:pw@db.lan/postgres`), no server is
//! started: each harness creates a fresh database on that server and drops it afterwards.

mod external;
mod local;

use std::path::PathBuf;

/// The variable naming an existing server to create test databases on.
pub const EXTERNAL_URL_VAR: &str = "KANAK_TEST_DATABASE_URL";

#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    #[error(
        "no PostgreSQL binaries under /usr/lib/postgresql/*/bin: `apt-get install postgresql`, \
         or set KANAK_TEST_DATABASE_URL to an existing server"
    )]
    NoBinaries,
    #[error("{what} failed: {output}")]
    Command { what: String, output: String },
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// One PostgreSQL database that exists as long as this value does.
#[derive(Debug)]
pub struct TestPostgres {
    url: String,
    backing: Backing,
}

#[derive(Debug)]
enum Backing {
    Local(local::LocalServer),
    /// Held for its Drop, which drops the database.
    #[allow(dead_code)]
    External(external::ExternalDatabase),
}

impl TestPostgres {
    /// Starts a throwaway server (or, with `KANAK_TEST_DATABASE_URL`, a fresh database on that
    /// server). Panics with the reason when it cannot: it is for tests.
    pub async fn start() -> TestPostgres {
        match TestPostgres::try_start().await {
            Ok(pg) => pg,
            Err(e) => panic!("cannot start a test PostgreSQL: {e}"),
        }
    }

    pub async fn try_start() -> Result<TestPostgres, HarnessError> {
        match std::env::var(EXTERNAL_URL_VAR) {
            Ok(url) if !url.trim().is_empty() => TestPostgres::on_server(url.trim()).await,
            _ => TestPostgres::local().await,
        }
    }

    /// Always a new local server, whatever the environment says.
    pub async fn local() -> Result<TestPostgres, HarnessError> {
        let server = tokio::task::spawn_blocking(local::LocalServer::start)
            .await
            .map_err(|e| HarnessError::Io(std::io::Error::other(e)))??;
        Ok(TestPostgres { url: server.url(), backing: Backing::Local(server) })
    }

    /// A fresh database on the server `admin_url` points at (any database on it the user may
    /// connect to, and a user allowed to create databases).
    pub async fn on_server(admin_url: &str) -> Result<TestPostgres, HarnessError> {
        let db = external::ExternalDatabase::create(admin_url).await?;
        Ok(TestPostgres { url: db.url().to_string(), backing: Backing::External(db) })
    }

    /// A `postgres://` URL sqlx, psql and `kanak-hub --database-url` accept.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The data directory of a local server (None on an existing server).
    pub fn data_dir(&self) -> Option<PathBuf> {
        match &self.backing {
            Backing::Local(server) => Some(server.data_dir()),
            Backing::External(_) => None,
        }
    }
}
