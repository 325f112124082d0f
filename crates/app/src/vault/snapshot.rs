//! One consistent copy of a database into an encrypted file (`sqlcipher_export`), and the
//! check that such a file is whole: it opens with its key, `integrity_check` says ok, and it
//! has the rows it should.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{Connection, Row};

use super::{DatabaseKey, io};
use crate::AppError;
use crate::store::is_not_a_database;

/// Rows per table (the migrations' bookkeeping table included: it carries the schema).
pub type TableCounts = BTreeMap<String, i64>;

/// What a snapshot held: rows per table and the schema version, read in its transaction.
pub(crate) struct Exported {
    pub counts: TableCounts,
    pub schema_version: i64,
}

/// Writes everything `conn`'s main database holds, as of one read snapshot, into a new file
/// at `target` encrypted with `key` (replacing a leftover file of that name).
pub(crate) async fn export(
    conn: &mut SqliteConnection,
    target: &Path,
    key: &DatabaseKey,
) -> Result<Exported, AppError> {
    // An empty file is an empty database: ATTACH then needs no create flag on `conn`.
    std::fs::File::create(target).map_err(|e| io(target, e))?;
    sqlx::query("ATTACH DATABASE ?1 AS snapshot KEY ?2")
        .bind(target.to_string_lossy().to_string())
        .bind(key.attach_value())
        .execute(&mut *conn)
        .await?;
    // A read transaction on main: every table is copied from the same moment even while
    // the counter keeps recording payments on other connections (WAL).
    let copied = export_in_transaction(conn).await;
    let detached = sqlx::raw_sql("DETACH DATABASE snapshot")
        .execute(&mut *conn)
        .await;
    let exported = copied?;
    detached?;
    sync_file(target)?;
    Ok(exported)
}

async fn export_in_transaction(conn: &mut SqliteConnection) -> Result<Exported, AppError> {
    sqlx::raw_sql("BEGIN").execute(&mut *conn).await?;
    let result = counted_export(conn).await;
    let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
    sqlx::raw_sql(end).execute(&mut *conn).await?;
    result
}

async fn counted_export(conn: &mut SqliteConnection) -> Result<Exported, AppError> {
    let counts = table_counts(conn).await?;
    let schema_version = schema_version(conn).await?;
    sqlx::query("SELECT sqlcipher_export('snapshot')")
        .execute(&mut *conn)
        .await?;
    Ok(Exported {
        counts,
        schema_version,
    })
}

/// Flushes a finished file to the disk before anyone relies on it.
pub(crate) fn sync_file(path: &Path) -> Result<(), AppError> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| io(path, e))
}

/// Opens the file at `path` with `key` (read-only unless `writable`: an attached export
/// target needs a writable connection); a wrong key is `Ok(None)`.
pub(crate) async fn open_with_key(
    path: &Path,
    key: Option<&DatabaseKey>,
    writable: bool,
) -> Result<Option<SqliteConnection>, AppError> {
    let url = format!("sqlite://{}", path.display());
    let mut options = SqliteConnectOptions::from_str(&url)?.read_only(!writable);
    if let Some(key) = key {
        options = options.pragma("key", key.pragma_value());
    }
    let mut conn = match SqliteConnection::connect_with(&options).await {
        Ok(conn) => conn,
        Err(e) if is_not_a_database(&e) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    match sqlx::query("SELECT COUNT(*) FROM sqlite_master")
        .fetch_one(&mut conn)
        .await
    {
        Ok(_) => Ok(Some(conn)),
        Err(e) if is_not_a_database(&e) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// `PRAGMA integrity_check` of the main database: Ok when it says "ok".
pub(crate) async fn integrity_check(conn: &mut SqliteConnection) -> Result<(), AppError> {
    let lines: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut *conn)
        .await?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(())
    } else {
        Err(AppError::corrupt(format!(
            "integrity_check failed: {}",
            lines.join("; ")
        )))
    }
}

pub(crate) async fn table_counts(conn: &mut SqliteConnection) -> Result<TableCounts, AppError> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut counts = TableCounts::new();
    for table in tables {
        let quoted = table.replace('"', "\"\"");
        let row = sqlx::query(&format!("SELECT COUNT(*) FROM \"{quoted}\""))
            .fetch_one(&mut *conn)
            .await?;
        counts.insert(table, row.get::<i64, _>(0));
    }
    Ok(counts)
}

/// The newest applied migration (0 for a database without any).
pub(crate) async fn schema_version(conn: &mut SqliteConnection) -> Result<i64, AppError> {
    let has: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *conn)
    .await?;
    if has == 0 {
        return Ok(0);
    }
    let version: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(&mut *conn)
            .await?;
    Ok(version.unwrap_or(0))
}

/// Opens `path` with `key`, runs `integrity_check` and returns its counts.
pub(crate) async fn verify(path: &Path, key: &DatabaseKey) -> Result<TableCounts, AppError> {
    let Some(mut conn) = open_with_key(path, Some(key), false).await? else {
        return Err(AppError::corrupt(format!(
            "{} does not open with the key it was written with",
            path.display()
        )));
    };
    integrity_check(&mut conn).await?;
    let counts = table_counts(&mut conn).await?;
    conn.close().await?;
    Ok(counts)
}
