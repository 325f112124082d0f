//! Which local tables travel through sync, and how their rows become events and back.
//!
//! A row travels as a JSON object of its columns. Integer primary keys are local to one
//! counter, so they never travel: such a row gets a UUID (its sync identity, in
//! `sync_entities`), and an integer foreign key travels as the parent's UUID.

use serde_json::{Map, Value};
use sqlx::{Row, SqliteConnection};
use uuid::Uuid;

use crate::AppError;

/// How one table's rows are captured and applied.
#[derive(Debug)]
pub(crate) struct TableSpec {
    pub name: &'static str,
    /// An INTEGER id that stays local (the row travels under a UUID); otherwise the TEXT id
    /// is itself the UUID that travels.
    pub integer_id: bool,
    /// Integer foreign keys and the table they point at.
    pub parents: &'static [(&'static str, &'static str)],
    /// When set, only these columns travel (the shop row: settings, not this counter's own).
    pub only: Option<&'static [&'static str]>,
}

pub(crate) const CUSTOMERS: TableSpec = TableSpec {
    name: "customers",
    integer_id: true,
    parents: &[("family_of", "customers")],
    only: None,
};
pub(crate) const PLANS: TableSpec = TableSpec {
    name: "plans",
    integer_id: true,
    parents: &[],
    only: None,
};
pub(crate) const ENROLLMENTS: TableSpec = TableSpec {
    name: "enrollments",
    integer_id: true,
    parents: &[("customer_id", "customers"), ("plan_id", "plans")],
    only: None,
};
pub(crate) const PAYMENTS: TableSpec = TableSpec {
    name: "payments",
    integer_id: false,
    parents: &[("enrollment_id", "enrollments")],
    only: None,
};
pub(crate) const PAYMENT_STATUS: TableSpec = TableSpec {
    name: "payment_status_events",
    integer_id: true,
    parents: &[],
    only: None,
};
pub(crate) const CLOSURES: TableSpec = TableSpec {
    name: "closures",
    integer_id: false,
    parents: &[("enrollment_id", "enrollments")],
    only: None,
};
pub(crate) const PAYOUTS: TableSpec = TableSpec {
    name: "payouts",
    integer_id: false,
    parents: &[("enrollment_id", "enrollments")],
    only: None,
};
/// The one-time code a closure was verified with travels with the closure (the closure row
/// refers to it).
pub(crate) const OTP_CODES: TableSpec = TableSpec {
    name: "otp_codes",
    integer_id: false,
    parents: &[("enrollment_id", "enrollments")],
    only: None,
};
pub(crate) const PAUSES: TableSpec = TableSpec {
    name: "enrollment_pauses",
    integer_id: true,
    parents: &[("enrollment_id", "enrollments")],
    only: None,
};
pub(crate) const CHANGES: TableSpec = TableSpec {
    name: "enrollment_changes",
    integer_id: true,
    parents: &[("enrollment_id", "enrollments")],
    only: None,
};
pub(crate) const GOLD_RATES: TableSpec = TableSpec {
    name: "gold_rates",
    integer_id: true,
    parents: &[],
    only: None,
};
/// The shop-wide settings; the branch, this counter's code, the logo and the recovery hash stay.
pub(crate) const SHOP: TableSpec = TableSpec {
    name: "shop",
    integer_id: true,
    parents: &[],
    only: Some(&[
        "shop_name",
        "address",
        "gstin",
        "code_pattern",
        "language",
        "derive_rates",
        "rate_feed_url",
        "cash_limit_per_day_paise",
        "pan_required_above_paise",
        "print_receipt_after_payment",
    ]),
};

/// The local key of a row: an integer id or a TEXT (UUID) id.
#[derive(Debug, Clone)]
pub(crate) enum LocalKey {
    Int(i64),
    Text(String),
}

/// A stable UUID for a natural key (the shop row, a day's gold rate): every counter derives
/// the same one.
pub(crate) fn derived_uid(what: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(what.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// The sync identity of an integer-keyed row, made (UUIDv7) the first time it is needed.
pub(crate) async fn ensure_uid(
    conn: &mut SqliteConnection,
    tbl: &str,
    local_id: i64,
) -> Result<String, AppError> {
    if let Some(uid) = uid_of(conn, tbl, local_id).await? {
        return Ok(uid);
    }
    let uid = if tbl == "shop" {
        derived_uid("shop")
    } else {
        Uuid::now_v7().to_string()
    };
    map_uid(conn, tbl, local_id, &uid).await?;
    Ok(uid)
}

pub(crate) async fn uid_of(
    conn: &mut SqliteConnection,
    tbl: &str,
    local_id: i64,
) -> Result<Option<String>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT uid FROM sync_entities WHERE tbl = ?1 AND local_id = ?2")
            .bind(tbl)
            .bind(local_id)
            .fetch_optional(conn)
            .await?,
    )
}

pub(crate) async fn local_id_of(
    conn: &mut SqliteConnection,
    tbl: &str,
    uid: &str,
) -> Result<Option<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT local_id FROM sync_entities WHERE tbl = ?1 AND uid = ?2")
            .bind(tbl)
            .bind(uid)
            .fetch_optional(conn)
            .await?,
    )
}

pub(crate) async fn map_uid(
    conn: &mut SqliteConnection,
    tbl: &str,
    local_id: i64,
    uid: &str,
) -> Result<(), AppError> {
    sqlx::query("INSERT OR IGNORE INTO sync_entities (tbl, local_id, uid) VALUES (?1, ?2, ?3)")
        .bind(tbl)
        .bind(local_id)
        .bind(uid)
        .execute(conn)
        .await?;
    Ok(())
}

/// The columns that travel: every non-BLOB column but the integer id (and `only`, if set).
pub(crate) async fn columns(
    conn: &mut SqliteConnection,
    spec: &TableSpec,
) -> Result<Vec<String>, AppError> {
    let rows = sqlx::query("SELECT name, type FROM pragma_table_info(?1) ORDER BY cid")
        .bind(spec.name)
        .fetch_all(conn)
        .await?;
    let mut names = Vec::new();
    for row in rows {
        let (name, kind): (String, String) = (row.try_get(0)?, row.try_get(1)?);
        let travels = match spec.only {
            Some(only) => only.contains(&name.as_str()),
            None => !(kind.eq_ignore_ascii_case("BLOB") || (spec.integer_id && name == "id")),
        };
        if travels {
            names.push(name);
        }
    }
    Ok(names)
}

/// The row as JSON with its integer foreign keys replaced by the parents' UUIDs.
pub(crate) async fn row_image(
    conn: &mut SqliteConnection,
    spec: &TableSpec,
    key: &LocalKey,
) -> Result<Map<String, Value>, AppError> {
    let cols = columns(conn, spec).await?;
    let sql = format!(
        "SELECT {} FROM \"{}\" WHERE id = ?1",
        image_expr(&cols),
        spec.name
    );
    let query = sqlx::query_scalar::<_, String>(&sql);
    let query = match key {
        LocalKey::Int(id) => query.bind(*id),
        LocalKey::Text(id) => query.bind(id.clone()),
    };
    let text = query
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| AppError::corrupt(format!("{} row {key:?} just written", spec.name)))?;
    let mut image: Map<String, Value> = serde_json::from_str(&text).map_err(AppError::corrupt)?;
    for (column, parent) in spec.parents {
        if let Some(id) = image.get(*column).and_then(Value::as_i64) {
            let uid = ensure_uid(conn, parent, id).await?;
            image.insert((*column).to_string(), Value::String(uid));
        }
    }
    Ok(image)
}

/// The JSON object a row travels as, before its parents become UUIDs.
fn image_expr(cols: &[String]) -> String {
    let pairs: Vec<String> = cols.iter().map(|c| format!("'{c}', \"{c}\"")).collect();
    format!("json_object({})", pairs.join(", "))
}

/// The images of many rows at once (the demo shop's bulk history), by id, in one statement
/// and one result row; parents are left as local ids for the caller to replace.
pub(crate) async fn row_images(
    conn: &mut SqliteConnection,
    spec: &TableSpec,
    ids: &[Value],
) -> Result<Vec<(Value, Map<String, Value>)>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let cols = columns(conn, spec).await?;
    let sql = format!(
        "SELECT json_group_array(json_array(id, {})) FROM \"{}\" WHERE id IN (SELECT value FROM json_each(?1))",
        image_expr(&cols),
        spec.name
    );
    let keys = serde_json::to_string(ids).map_err(AppError::corrupt)?;
    let text: String = sqlx::query_scalar(&sql).bind(keys).fetch_one(conn).await?;
    serde_json::from_str(&text).map_err(AppError::corrupt)
}

/// Why a travelled row cannot be stored here yet.
#[derive(Debug)]
pub(crate) struct MissingParent(pub String);

/// Turns the parents' UUIDs in a travelled row back into this counter's integer ids.
pub(crate) async fn localize(
    conn: &mut SqliteConnection,
    spec: &TableSpec,
    image: &mut Map<String, Value>,
) -> Result<Result<(), MissingParent>, AppError> {
    for (column, parent) in spec.parents {
        if let Some(uid) = image
            .get(*column)
            .and_then(Value::as_str)
            .map(str::to_string)
        {
            match local_id_of(conn, parent, &uid).await? {
                Some(id) => {
                    image.insert((*column).to_string(), Value::from(id));
                }
                None => {
                    return Ok(Err(MissingParent(format!(
                        "{parent} {uid} has not arrived"
                    ))));
                }
            }
        }
    }
    Ok(Ok(()))
}

/// Binds one JSON value as a SQLite parameter.
fn bind_value<'q>(
    query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    value: &Value,
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
    match value {
        Value::Null => query.bind(None::<String>),
        Value::Bool(b) => query.bind(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => query.bind(i),
            None => query.bind(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => query.bind(s.clone()),
        other => query.bind(other.to_string()),
    }
}

/// Inserts a travelled (localized) row; returns the new row's rowid.
pub(crate) async fn insert_row(
    conn: &mut SqliteConnection,
    spec: &TableSpec,
    image: &Map<String, Value>,
) -> Result<Result<i64, sqlx::Error>, AppError> {
    let cols: Vec<String> = image.keys().map(|c| format!("\"{c}\"")).collect();
    let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let sql = format!(
        "INSERT INTO \"{}\" ({}) VALUES ({})",
        spec.name,
        cols.join(", "),
        marks.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for value in image.values() {
        query = bind_value(query, value);
    }
    // A constraint failure aborts only this statement, not the transaction: the caller
    // decides what it means (a duplicate closure, a clash to review).
    Ok(query
        .execute(&mut *conn)
        .await
        .map(|done| done.last_insert_rowid()))
}

/// Sets one column of a local row (a last-writer-wins field that won).
pub(crate) async fn update_field(
    conn: &mut SqliteConnection,
    spec: &TableSpec,
    local_id: i64,
    field: &str,
    value: &Value,
) -> Result<(), AppError> {
    let sql = format!(
        "UPDATE \"{}\" SET \"{field}\" = ?1 WHERE id = ?2",
        spec.name
    );
    bind_value(sqlx::query(&sql), value)
        .bind(local_id)
        .execute(conn)
        .await?;
    Ok(())
}
