//! Sync with the shop's hub (issue #7), the counter's side.
//!
//! Every change a counter makes is written, in the change's own transaction, to the outbox
//! ([`outbox::record_row`]). [`Kanak::sync_now`] pushes the outbox after the hub's
//! high-water mark in batches of at most `MAX_BATCH`, marking events sent only after the
//! hub's acknowledgement, then pulls the hub's log after its cursor and applies each page in
//! one transaction with the cursor ([`apply`]). Nothing here is on the path of a counter's
//! own work: enrollment and payments never wait for the network.

pub(crate) mod apply;
mod client;
mod closing;
pub(crate) mod hlc_state;
pub(crate) mod outbox;
mod resolve;
mod review;
mod settings;
mod snapshot;
mod status;
pub(crate) mod tables;

pub use apply::ApplyReport;
pub use review::SyncConflictView;
pub use settings::{AUTO_SYNC_MAX_SECONDS, AUTO_SYNC_MIN_SECONDS, SyncSettings};
pub use status::{SyncReport, SyncStatusView};

use std::time::Duration;

use kanak_sync::{EnrollRequest, MAX_BATCH, PushRequest};
use uuid::Uuid;

use crate::{AppError, Kanak, store};
use client::HubClient;

/// The keyring entry holding this counter's device credential.
pub(crate) const CREDENTIAL_KEY: &str = "sync.device-credential";

/// How long one call to the hub may take before the sync gives up (and retries later).
const HUB_TIMEOUT: Duration = Duration::from_secs(30);

/// Where the counter stands with its hub, as stored.
pub(crate) struct Standing {
    pub hub_url: String,
    pub device_id: Uuid,
}

impl Kanak {
    /// Trades the owner's one-time token for a device credential (kept in the OS keyring),
    /// and gives this counter its own series of customer codes, enrollment and receipt numbers.
    pub async fn sync_enroll(
        &self,
        actor: &crate::Actor,
        hub_url: &str,
        token: &str,
    ) -> Result<SyncStatusView, AppError> {
        actor.require(kanak_domain::Permission::Settings)?;
        let hub_url = parse_hub_url(hub_url)?;
        let token = token.trim();
        if token.is_empty() {
            return Err(kanak_domain::FieldError::new(
                "token",
                "enter the one-time token from kanak-hub device add",
            )
            .into());
        }
        let client = HubClient::new(&hub_url, None, HUB_TIMEOUT);
        let request = EnrollRequest {
            token: token.to_string(),
            device_name: self.device.clone(),
        };
        let enrolled = client.enroll(&request).await?;
        self.secrets.set(CREDENTIAL_KEY, &enrolled.credential)?;
        let mut tx = store::begin_write(&self.pool).await?;
        let device = enrolled.device_id.to_string();
        sqlx::query(
            "UPDATE sync_state SET hub_url = ?1, device_id = ?2, counter_code = ?3, branch = ?4,
                    push_high_water = 0, pull_cursor = 0, last_error = NULL WHERE id = 1",
        )
        .bind(&hub_url)
        .bind(&device)
        .bind(&enrolled.counter_code)
        .bind(&enrolled.branch)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE sync_outbox SET device_id = ?1 WHERE device_id IS NULL OR device_id <> ?1",
        )
        .bind(&device)
        .execute(&mut *tx)
        .await?;
        own_series(&mut tx, &enrolled.counter_code).await?;
        // Rows from before sync existed get their events now, in this same transaction.
        snapshot::record_missing(&mut tx, &self.clock).await?;
        tx.commit().await?;
        tracing::info!(
            hub = hub_url,
            counter = enrolled.counter_code,
            "enrolled with the hub"
        );
        self.sync_status().await
    }

    /// Pushes what waits, pulls what is new. An error (the hub unreachable, the device
    /// revoked, the app too old) is kept in the status and returned; nothing is lost.
    pub async fn sync_now(&self) -> Result<SyncReport, AppError> {
        let standing = status::standing(&self.pool)
            .await?
            .ok_or(AppError::SyncNotEnrolled)?;
        let credential = self
            .secrets
            .get(CREDENTIAL_KEY)?
            .ok_or(AppError::SyncNotEnrolled)?;
        let client = HubClient::new(
            &standing.hub_url,
            Some(credential.expose().to_string()),
            HUB_TIMEOUT,
        );
        let result = self.sync_with(&client, standing.device_id).await;
        let (at, error) = (
            self.clock.timestamp(),
            result.as_ref().err().map(ToString::to_string),
        );
        let sql = match error {
            None => {
                "UPDATE sync_state SET last_attempt_at = ?1, last_sync_at = ?1, last_error = ?2 WHERE id = 1"
            }
            Some(_) => "UPDATE sync_state SET last_attempt_at = ?1, last_error = ?2 WHERE id = 1",
        };
        sqlx::query(sql)
            .bind(at)
            .bind(&error)
            .execute(&self.pool)
            .await?;
        if let Some(error) = &error {
            tracing::warn!(error, "sync failed; the counter keeps working offline");
        }
        let mut report = result?;
        report.status = self.sync_status().await?;
        Ok(report)
    }

    async fn sync_with(&self, client: &HubClient, device: Uuid) -> Result<SyncReport, AppError> {
        let mut report = SyncReport::default();
        let mut high_water = client.status().await?.high_water;
        // A previous push whose acknowledgement was lost is acknowledged now.
        outbox::mark_sent(
            &mut *self.pool.acquire().await?,
            high_water,
            &self.clock.timestamp(),
        )
        .await?;
        loop {
            let events =
                outbox::unsent(&mut *self.pool.acquire().await?, high_water, MAX_BATCH).await?;
            let Some(last) = events.last().map(|e| e.local_seq) else {
                break;
            };
            let sent = events.len();
            let answer = client.push(&PushRequest { events }).await?;
            let mut tx = store::begin_write(&self.pool).await?;
            outbox::mark_sent(&mut tx, answer.high_water, &self.clock.timestamp()).await?;
            for rejected in &answer.rejected {
                review::rejected(&mut tx, &self.clock, rejected).await?;
            }
            for conflict in &answer.conflicts {
                review::conflict(&mut tx, &self.clock, conflict).await?;
            }
            tx.commit().await?;
            if answer.high_water <= high_water || answer.high_water < last {
                return Err(AppError::Sync {
                    code: "bad_batch",
                    message: format!(
                        "the hub acknowledged up to {} of events up to {last}",
                        answer.high_water
                    ),
                });
            }
            high_water = answer.high_water;
            report.pushed += u32::try_from(sent).unwrap_or(u32::MAX);
        }
        let mut cursor = status::pull_cursor(&self.pool).await?;
        loop {
            let page = client.pull(cursor, MAX_BATCH).await?;
            let mut tx = store::begin_write(&self.pool).await?;
            let applied = apply::apply_page(&mut tx, &self.clock, device, &page).await?;
            tx.commit().await?;
            report.pulled += u32::try_from(page.events.len()).unwrap_or(u32::MAX);
            report.applied += applied.applied;
            cursor = page.next_after.max(cursor);
            if !page.more || page.events.is_empty() {
                break;
            }
        }
        Ok(report)
    }

    /// Where sync stands, from the local store alone (no network).
    pub async fn sync_status(&self) -> Result<SyncStatusView, AppError> {
        status::view(&self.pool).await
    }

    /// The review queue: conflicts a manager must resolve (and, on request, resolved ones).
    pub async fn sync_conflicts(
        &self,
        include_resolved: bool,
    ) -> Result<Vec<SyncConflictView>, AppError> {
        review::list(&mut *self.pool.acquire().await?, include_resolved).await
    }
}

fn parse_hub_url(text: &str) -> Result<String, AppError> {
    let text = text.trim().trim_end_matches('/');
    let uri: Result<ureq::http::Uri, _> = text.parse();
    match uri {
        Ok(uri) if matches!(uri.scheme_str(), Some("http" | "https")) && uri.host().is_some() => {
            Ok(text.to_string())
        }
        _ => Err(kanak_domain::FieldError::new(
            "hub_url",
            "enter the hub's address, e.g. https://hub.example.in:8750",
        )
        .into()),
    }
}

/// This counter's own series: its code from the hub, and `{COUNTER}` in the customer-code
/// pattern, so two offline counters never hand out the same code.
async fn own_series(conn: &mut sqlx::SqliteConnection, counter_code: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE shop SET counter_code = ?1 WHERE id = 1")
        .bind(counter_code)
        .execute(&mut *conn)
        .await?;
    let pattern: Option<String> = sqlx::query_scalar("SELECT code_pattern FROM shop WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(pattern) = pattern.filter(|p| !p.contains("{COUNTER}")) {
        let with_counter = match pattern.find("{SEQ") {
            Some(at) => format!("{}{{COUNTER}}-{}", &pattern[..at], &pattern[at..]),
            None => format!("{{COUNTER}}-{pattern}"),
        };
        if kanak_domain::CodePattern::parse(&with_counter).is_ok() {
            sqlx::query("UPDATE shop SET code_pattern = ?1 WHERE id = 1")
                .bind(with_counter)
                .execute(conn)
                .await?;
        }
    }
    Ok(())
}

impl Kanak {
    /// Writes the change to row `key` of `spec` to the sync outbox, in the caller's
    /// transaction: the one door every use case's change goes through.
    pub(crate) async fn sync_record(
        &self,
        conn: &mut sqlx::SqliteConnection,
        kind: kanak_sync::EventKind,
        spec: &tables::TableSpec,
        key: tables::LocalKey,
    ) -> Result<(), AppError> {
        outbox::record_row(conn, &self.clock, kind, spec, key).await
    }
}

/// The local integer id of the row whose `column` is `value` (a plan by its code).
pub(crate) async fn local_id(
    conn: &mut sqlx::SqliteConnection,
    table: &str,
    column: &str,
    value: &str,
) -> Result<i64, AppError> {
    let sql = format!("SELECT id FROM \"{table}\" WHERE \"{column}\" = ?1");
    Ok(sqlx::query_scalar(&sql).bind(value).fetch_one(conn).await?)
}

/// The row the connection inserted last (a status event, a pause), for tables whose insert
/// is not ours to change.
pub(crate) async fn last_row(
    conn: &mut sqlx::SqliteConnection,
) -> Result<tables::LocalKey, AppError> {
    let id: i64 = sqlx::query_scalar("SELECT last_insert_rowid()")
        .fetch_one(conn)
        .await?;
    Ok(tables::LocalKey::Int(id))
}

#[cfg(test)]
mod tests;
