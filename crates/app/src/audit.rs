//! The tamper-evident audit trail. Every change is one row, written inside the change's own
//! transaction, carrying the SHA-256 of the row before it. Rows are append-only (triggers),
//! and `verify_audit` recomputes the chain to find the first row that was edited or removed.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use sqlx::SqliteConnection;

use crate::{Actor, AppError, Kanak};
use kanak_domain::Permission;

/// The hash the first entry points back to.
pub(crate) const GENESIS: &str = "genesis";

/// One change about to be recorded.
#[derive(Debug, Default)]
pub(crate) struct Change {
    action: &'static str,
    customer_code: Option<String>,
    enrollment_no: Option<String>,
    detail: String,
    before: Option<Value>,
    after: Option<Value>,
}

impl Change {
    pub(crate) fn new(action: &'static str, detail: impl Into<String>) -> Change {
        Change {
            action,
            detail: detail.into(),
            ..Change::default()
        }
    }

    pub(crate) fn customer(mut self, code: &str) -> Change {
        self.customer_code = Some(code.to_string());
        self
    }

    pub(crate) fn enrollment(mut self, no: &str) -> Change {
        self.enrollment_no = Some(no.to_string());
        self
    }

    /// Before/after snapshots of an edit. Callers mask KYC numbers before passing them.
    pub(crate) fn edit(mut self, before: &impl Serialize, after: &impl Serialize) -> Change {
        self.before = serde_json::to_value(before).ok();
        self.after = serde_json::to_value(after).ok();
        self
    }
}

/// The action of the entry that records a payment; the payment's receipt prints its hash.
pub(crate) const PAYMENT_RECORDED: &str = "payment.add";

/// How that entry's detail starts: "payment <id> of …", so the receipt can find it.
pub(crate) fn payment_subject(payment_id: &str) -> String {
    format!("payment {payment_id}")
}

/// The hash of the entry that recorded a payment, if the trail has one.
pub(crate) async fn payment_entry_hash(
    conn: &mut SqliteConnection,
    enrollment_no: &str,
    payment_id: &str,
) -> Result<Option<String>, AppError> {
    let prefix = format!("{} of ", payment_subject(payment_id));
    let hash = sqlx::query_scalar!(
        "SELECT hash FROM audit_log WHERE action = ?1 AND enrollment_no = ?2 AND substr(detail, 1, length(?3)) = ?3
         ORDER BY id LIMIT 1",
        PAYMENT_RECORDED, enrollment_no, prefix
    )
    .fetch_optional(conn)
    .await?;
    Ok(hash)
}

/// The fields that are hashed, in a fixed order. Changing this breaks every stored chain.
pub(crate) fn entry_hash(prev: &str, e: &AuditEntryView) -> String {
    let canonical = serde_json::json!([
        prev,
        e.at,
        e.actor,
        e.device,
        e.action,
        e.customer_code,
        e.enrollment_no,
        e.detail,
        e.before,
        e.after
    ]);
    format!("{:x}", Sha256::digest(canonical.to_string().as_bytes()))
}

impl Kanak {
    /// Appends one entry inside the caller's (`BEGIN IMMEDIATE`) transaction, which
    /// serialises writers, so the chain never forks.
    pub(crate) async fn audit(
        &self,
        conn: &mut SqliteConnection,
        actor: &Actor,
        change: Change,
    ) -> Result<(), AppError> {
        let prev = sqlx::query_scalar!("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?
            .unwrap_or_else(|| GENESIS.to_string());
        let entry = self.audit_entry(actor, change);
        let hash = entry_hash(&prev, &entry);
        sqlx::query!(
            "INSERT INTO audit_log (at, actor, device, action, customer_code, enrollment_no, detail, before_json, after_json, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            entry.at, entry.actor, entry.device, entry.action, entry.customer_code, entry.enrollment_no,
            entry.detail, entry.before, entry.after, prev, hash
        )
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// The entry `change` becomes, stamped now by `actor` on this device (not yet hashed).
    pub(crate) fn audit_entry(&self, actor: &Actor, change: Change) -> AuditEntryView {
        AuditEntryView {
            id: 0,
            at: self.clock.timestamp(),
            actor: actor.label().to_string(),
            device: self.device.clone(),
            action: change.action.to_string(),
            customer_code: change.customer_code,
            enrollment_no: change.enrollment_no,
            detail: change.detail,
            before: change.before.map(|v| v.to_string()),
            after: change.after.map(|v| v.to_string()),
        }
    }

    /// Recomputes the whole chain; reports the first entry whose hash or link does not hold.
    pub async fn verify_audit(&self, actor: &Actor) -> Result<AuditVerification, AppError> {
        actor.require(Permission::Audit)?;
        let rows = sqlx::query!(
            r#"SELECT id AS "id!", at, actor, device, action, customer_code, enrollment_no, detail,
                      before_json, after_json, prev_hash, hash FROM audit_log ORDER BY id"#
        )
        .fetch_all(&self.pool)
        .await?;
        let mut prev = GENESIS.to_string();
        for (i, r) in rows.iter().enumerate() {
            let entry = AuditEntryView {
                id: r.id,
                at: r.at.clone(),
                actor: r.actor.clone(),
                device: r.device.clone(),
                action: r.action.clone(),
                customer_code: r.customer_code.clone(),
                enrollment_no: r.enrollment_no.clone(),
                detail: r.detail.clone(),
                before: r.before_json.clone(),
                after: r.after_json.clone(),
            };
            let problem = if r.prev_hash != prev {
                Some("does not point to the entry before it (an entry was removed or inserted)")
            } else if entry_hash(&prev, &entry) != r.hash {
                Some("was changed after it was written")
            } else {
                None
            };
            if let Some(problem) = problem {
                tracing::warn!(entry = r.id, "audit chain broken");
                return Ok(AuditVerification {
                    entries: i as u32,
                    intact: false,
                    first_broken: Some(r.id),
                    problem: Some(problem.into()),
                });
            }
            prev = r.hash.clone();
        }
        Ok(AuditVerification {
            entries: rows.len() as u32,
            intact: true,
            first_broken: None,
            problem: None,
        })
    }

    /// The trail, newest first, filtered by staff, customer, enrollment and dates (DD-MM-YYYY).
    pub async fn audit_log(
        &self,
        actor: &Actor,
        filter: AuditFilter,
    ) -> Result<Vec<AuditEntryView>, AppError> {
        actor.require(Permission::Audit)?;
        let from = filter
            .from
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| kanak_domain::parse_date("from", s))
            .transpose()?;
        let to = filter
            .to
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|s| kanak_domain::parse_date("to", s))
            .transpose()?;
        let (from, to) = (
            from.map(|d| d.to_string()),
            to.map(|d| (d + chrono::Days::new(1)).to_string()),
        );
        let limit = i64::from(filter.limit.unwrap_or(500).min(5000));
        let rows = sqlx::query_as!(
            AuditEntryView,
            r#"SELECT id AS "id!", at, actor, device, action, customer_code, enrollment_no, detail,
                      before_json AS before, after_json AS after
               FROM audit_log
               WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR customer_code = ?2) AND (?3 IS NULL OR enrollment_no = ?3)
                 AND (?4 IS NULL OR at >= ?4) AND (?5 IS NULL OR at < ?5)
               ORDER BY id DESC LIMIT ?6"#,
            filter.staff, filter.customer_code, filter.enrollment_no, from, to, limit
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct AuditEntryView {
    /// A row id, not an amount: specta refuses i64, and ids stay far below 2^53.
    #[specta(type = f64)]
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub device: String,
    pub action: String,
    pub customer_code: Option<String>,
    pub enrollment_no: Option<String>,
    pub detail: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
pub struct AuditFilter {
    pub staff: Option<String>,
    pub customer_code: Option<String>,
    pub enrollment_no: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct AuditVerification {
    /// Entries checked before the first broken one (all of them when intact).
    pub entries: u32,
    pub intact: bool,
    #[specta(type = Option<f64>)]
    pub first_broken: Option<i64>,
    pub problem: Option<String>,
}
