//! A fresh database on an existing server (`KANAK_TEST_DATABASE_URL`).

use sqlx::Connection;
use sqlx::postgres::PgConnection;

use crate::HarnessError;

#[derive(Debug)]
pub(crate) struct ExternalDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl ExternalDatabase {
    pub(crate) async fn create(admin_url: &str) -> Result<ExternalDatabase, HarnessError> {
        let name = format!("kanak_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::connect(admin_url).await?;
        sqlx::raw_sql(&format!("CREATE DATABASE \"{name}\"")).execute(&mut admin).await?;
        admin.close().await?;
        let url = with_database(admin_url, &name);
        Ok(ExternalDatabase { admin_url: admin_url.to_string(), name, url })
    }

    pub(crate) fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for ExternalDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let drop_sql = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
        // Drop cannot await, and may run inside a runtime: a thread with its own runtime can.
        let dropping = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            runtime.block_on(async {
                let mut admin = PgConnection::connect(&admin_url).await.ok()?;
                sqlx::raw_sql(&drop_sql).execute(&mut admin).await.ok()?;
                admin.close().await.ok()
            })
        });
        let _ = dropping.join();
    }
}

/// `admin_url` with its database path replaced by `name`, keeping user, host and query.
pub(crate) fn with_database(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (admin_url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let authority_end = base[scheme_end..].find('/').map(|i| scheme_end + i).unwrap_or(base.len());
    let mut url = format!("{}/{name}", &base[..authority_end]);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_name_replaces_the_path_and_keeps_the_rest() {
        assert_eq!(with_database("postgres://u:p@db:5433/postgres", "t1"), "postgres://u:p@db:5433/t1");
        assert_eq!(with_database("postgres://u@db", "t1"), "postgres://u@db/t1");
        assert_eq!(
            with_database("postgres://postgres@localhost/postgres?host=/tmp/x", "t1"),
            "postgres://postgres@localhost/t1?host=/tmp/x"
        );
    }
}
