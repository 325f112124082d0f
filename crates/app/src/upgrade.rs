//! The first start after an update: a database from an older schema gets its migrations now.
//! Before they run, [`before_migrations`] is called: the place where the database is backed
//! up first, so a migration that goes wrong never costs the shop its book.

use std::path::Path;

use sqlx::SqlitePool;

use crate::{AppError, store};

/// The stored schema is older than this build's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchemaUpgrade {
    /// The newest migration already applied.
    pub from: i64,
    /// The newest migration this build carries.
    pub to: i64,
}

/// Some upgrade when the database has migrations applied and this build carries newer ones;
/// None for a new database (nothing to protect) or one that is current.
pub(crate) async fn pending(pool: &SqlitePool) -> Result<Option<SchemaUpgrade>, AppError> {
    let has_table: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(pool)
    .await?;
    if has_table == 0 {
        return Ok(None);
    }
    let from: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(pool)
            .await?;
    let to = store::binary_schema_version();
    Ok(from
        .filter(|&from| from < to)
        .map(|from| SchemaUpgrade { from, to }))
}

/// Called before the migrations of an upgrade run.
///
/// MERGE (vault, issue #8 "backups"): call the backup here — a verified snapshot of
/// `data_dir`'s database labelled with `upgrade.from` — and return its error to stop the
/// migration when the backup fails. Until then this only records the upgrade in the log.
pub(crate) fn before_migrations(data_dir: &Path, upgrade: SchemaUpgrade) -> Result<(), AppError> {
    tracing::warn!(
        data_dir = %data_dir.display(),
        from = upgrade.from,
        to = upgrade.to,
        "the database schema is older than this build: migrating (no backup is taken yet)"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn pool_at(dir: &Path) -> SqlitePool {
        let url = format!(
            "sqlite://{}?mode=rwc",
            dir.join(store::DATABASE_FILE).display()
        );
        SqlitePool::connect(&url).await.unwrap()
    }

    #[tokio::test]
    async fn a_database_one_migration_behind_is_an_upgrade_and_a_new_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let pool = pool_at(dir.path()).await;
        assert_eq!(
            pending(&pool).await.unwrap(),
            None,
            "a new database has nothing to back up"
        );
        let mut older = store::migrator();
        let last = older.migrations.len() - 1;
        older.migrations.to_mut().truncate(last);
        older.run(&pool).await.unwrap();
        let to = store::binary_schema_version();
        let from = older.migrations.last().unwrap().version;
        assert_eq!(
            pending(&pool).await.unwrap(),
            Some(SchemaUpgrade { from, to })
        );
        pool.close().await;
        let upgraded = store::open_pool(dir.path()).await.unwrap();
        assert_eq!(
            pending(&upgraded).await.unwrap(),
            None,
            "open migrated it to the current schema"
        );
    }
}
