//! Human-readable running numbers (customer codes, enrollment and receipt numbers).

use sqlx::SqliteConnection;

use crate::AppError;

/// Takes the next value of a named sequence inside the caller's write transaction,
/// so a rolled-back change gives its number back.
pub async fn next(conn: &mut SqliteConnection, name: &str) -> Result<i64, AppError> {
    let value = sqlx::query_scalar!(
        r#"INSERT INTO sequences (name, next_value) VALUES (?1, 2)
           ON CONFLICT (name) DO UPDATE SET next_value = next_value + 1
           RETURNING next_value - 1 AS "value!: i64""#,
        name
    )
    .fetch_one(conn)
    .await?;
    Ok(value)
}
