//! The first start after an update: a database from an older schema gets its migrations now.
//! Before they run, [`before_migrations`] is called: the place where the database is backed
//! up first, so a migration that goes wrong never costs the shop its book.

use std::path::Path;

use sqlx::SqlitePool;

use crate::vault::DatabaseKey;
use crate::{AppError, backup, store};

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

/// Called before the migrations of an upgrade run: a verified backup of the database as it
/// is, into the backup folder the owner chose (the data dir's `backups/` otherwise). When the
/// backup fails the migration does not run: the app refuses to start rather than migrate a
/// book it could not save first.
pub(crate) async fn before_migrations(
    pool: &SqlitePool,
    data_dir: &Path,
    key: &DatabaseKey,
    upgrade: SchemaUpgrade,
) -> Result<(), AppError> {
    tracing::warn!(
        data_dir = %data_dir.display(),
        from = upgrade.from,
        to = upgrade.to,
        "the database schema is older than this build: backing up, then migrating"
    );
    let folder = backup_folder(pool)
        .await?
        .unwrap_or_else(|| backup::default_folder(data_dir));
    let view = backup::write_backup(pool, key, &folder, backup::BackupReason::Upgrade)
        .await
        .map_err(|error| AppError::Backup {
            message: format!(
                "the backup before upgrading the database (schema {} to {}) failed, so it was not migrated: {error}",
                upgrade.from, upgrade.to
            ),
        })?;
    tracing::warn!(file = %view.file, "backup before the migrations written and verified");
    Ok(())
}

/// The folder from the settings, when this schema has them (0014 and later).
async fn backup_folder(pool: &SqlitePool) -> Result<Option<std::path::PathBuf>, AppError> {
    let has: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'backup_settings'",
    )
    .fetch_one(pool)
    .await?;
    if has == 0 {
        return Ok(None);
    }
    let folder: Option<String> =
        sqlx::query_scalar("SELECT folder FROM backup_settings WHERE id = 1")
            .fetch_one(pool)
            .await?;
    Ok(folder.map(std::path::PathBuf::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn pool_at(dir: &Path, key: &DatabaseKey) -> SqlitePool {
        let options = store::connect_options(&dir.join(store::DATABASE_FILE), key).unwrap();
        SqlitePool::connect_with(options).await.unwrap()
    }

    #[tokio::test]
    async fn a_database_one_migration_behind_is_backed_up_before_it_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let key = DatabaseKey::generate();
        let pool = pool_at(dir.path(), &key).await;
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
        let upgraded = store::open_pool(dir.path(), &key).await.unwrap();
        assert_eq!(
            pending(&upgraded).await.unwrap(),
            None,
            "open migrated it to the current schema"
        );
        let backups = backup::list_folder(&backup::default_folder(dir.path())).unwrap();
        assert_eq!(backups.len(), 1, "one backup, taken before the migrations");
        assert_eq!(backups[0].manifest.schema_version, from);
        assert_eq!(backups[0].manifest.reason, "upgrade");
    }
}
