//! One hub on a throwaway PostgreSQL, served in-process behind a proxy that can lose the
//! hub's answers or cut a request in half, and counters enrolled with it.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use kanak_app::{Actor, Clock, Kanak, MemorySecrets, OWNER_LOGIN, SetupInput};
use kanak_hub::Hub;
use kanak_pg_harness::TestPostgres;
use sqlx::Row;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy does to the next pushes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Fault {
    None = 0,
    /// The hub gets the push and commits it, its answer never reaches the counter.
    LoseAck = 1,
    /// The connection drops halfway through sending the push.
    CutRequest = 2,
}

pub struct Net {
    pub hub: Hub,
    pub url: String,
    fault: Arc<AtomicU8>,
    _pg: TestPostgres,
}

pub struct Counter {
    pub kanak: Kanak,
    pub actor: Actor,
    pub name: String,
    _dir: tempfile::TempDir,
}

impl Net {
    pub async fn start() -> Net {
        let pg = TestPostgres::start().await;
        let hub = Hub::connect(pg.url()).await.unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let hub_addr = listener.local_addr().unwrap();
        tokio::spawn(kanak_hub::serve(listener, hub.clone()));
        let fault = Arc::new(AtomicU8::new(0));
        let proxy = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", proxy.local_addr().unwrap());
        tokio::spawn(run_proxy(proxy, hub_addr, fault.clone()));
        Net {
            hub,
            url,
            fault,
            _pg: pg,
        }
    }

    pub fn fault(&self, fault: Fault) {
        self.fault.store(fault as u8, Ordering::SeqCst);
    }

    /// A new counter (its own data dir, clock and in-memory keyring), set up and enrolled.
    pub async fn counter(&self, name: &str, clock: Clock) -> Counter {
        let counter = self.unenrolled(name, clock).await;
        self.enroll(&counter).await;
        counter
    }

    /// Enrolls `counter` with a fresh one-time token from the hub.
    pub async fn enroll(&self, counter: &Counter) {
        let token = self.hub.add_device("MAIN", &counter.name).await.unwrap();
        counter
            .kanak
            .sync_enroll(&counter.actor, &self.url, &token)
            .await
            .unwrap();
    }

    /// A new counter, set up but not enrolled (it works alone, like one from before sync).
    pub async fn unenrolled(&self, name: &str, clock: Clock) -> Counter {
        let dir = tempfile::tempdir().unwrap();
        // The database key and the device credential live in this counter's own in-memory keyring.
        let kanak = Kanak::open_with(dir.path(), clock, Arc::new(MemorySecrets::default()), None)
            .await
            .unwrap();
        kanak
            .setup_shop(SetupInput {
                shop_name: "Lakshmi Jewellers".into(),
                address: "12 Johari Bazaar, Jaipur".into(),
                gstin: None,
                branch_code: "MAIN".into(),
                owner_name: "Ravi Soni".into(),
                owner_pin: "4321".into(),
            })
            .await
            .unwrap();
        let actor = kanak.login(OWNER_LOGIN, &"4321".into()).await.unwrap();
        Counter {
            kanak,
            actor,
            name: name.into(),
            _dir: dir,
        }
    }

    /// The ids of the entities of `kind` in the hub's log, sorted.
    pub async fn hub_entities(&self, kind: &str) -> Vec<String> {
        let rows = sqlx::query(
            "SELECT DISTINCT body->>'entity_id' FROM log WHERE body->>'kind' = $1 ORDER BY 1",
        )
        .bind(kind)
        .fetch_all(self.hub.pool())
        .await
        .unwrap();
        rows.iter().map(|r| r.get::<String, _>(0)).collect()
    }
}

async fn run_proxy(listener: TcpListener, upstream: SocketAddr, fault: Arc<AtomicU8>) {
    loop {
        let Ok((client, _)) = listener.accept().await else {
            return;
        };
        let fault = fault.clone();
        tokio::spawn(async move {
            let _ = relay(client, upstream, fault).await;
        });
    }
}

async fn relay(
    mut client: TcpStream,
    upstream: SocketAddr,
    fault: Arc<AtomicU8>,
) -> std::io::Result<()> {
    let mut up = TcpStream::connect(upstream).await?;
    let mut first = vec![0u8; 64 * 1024];
    let n = client.read(&mut first).await?;
    first.truncate(n);
    let is_push = first.starts_with(b"POST /v1/push");
    match fault.load(Ordering::SeqCst) {
        f if f == Fault::CutRequest as u8 && is_push => {
            up.write_all(&first[..n / 2]).await?;
            return Ok(()); // both connections drop here
        }
        f if f == Fault::LoseAck as u8 && is_push => {
            up.write_all(&first).await?;
            let (mut cr, _cw) = client.into_split();
            let (mut ur, mut uw) = up.into_split();
            let forward = tokio::spawn(async move { tokio::io::copy(&mut cr, &mut uw).await });
            let mut byte = [0u8; 1];
            // The answer starts only after the hub committed: drop it.
            let _ = ur.read(&mut byte).await;
            forward.abort();
            return Ok(());
        }
        _ => {}
    }
    up.write_all(&first).await?;
    tokio::io::copy_bidirectional(&mut client, &mut up).await?;
    Ok(())
}

/// What must be equal on every counter after a final sync.
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Ledger {
    pub customers: Vec<(String, String, String)>,
    pub enrollments: Vec<(String, String)>,
    pub payments: Vec<(String, String, i64, String)>,
    pub closures: Vec<(String, String)>,
    pub balances: Vec<(String, i64)>,
}

pub async fn ledger(kanak: &Kanak) -> Ledger {
    let pool = kanak.pool();
    let customers = sqlx::query_as("SELECT code, name, phone FROM customers ORDER BY code")
        .fetch_all(pool)
        .await
        .unwrap();
    let enrollments =
        sqlx::query_as("SELECT enrollment_no, status FROM enrollments ORDER BY enrollment_no")
            .fetch_all(pool)
            .await
            .unwrap();
    let payments = sqlx::query_as(
        "SELECT p.id, p.receipt_no, p.amount_paise,
                (SELECT status FROM payment_status_events s WHERE s.payment_id = p.id ORDER BY s.at DESC, s.status LIMIT 1)
         FROM payments p ORDER BY p.id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let closures = sqlx::query_as(
        "SELECT c.id, e.enrollment_no FROM closures c JOIN enrollments e ON e.id = c.enrollment_id ORDER BY c.id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let balances = sqlx::query_as(
        "SELECT e.enrollment_no, COALESCE(SUM(p.amount_paise), 0) FROM enrollments e
         LEFT JOIN payments p ON p.enrollment_id = e.id GROUP BY e.enrollment_no ORDER BY e.enrollment_no",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    Ledger {
        customers,
        enrollments,
        payments,
        closures,
        balances,
    }
}

/// Syncs each counter in turn, twice round, so everyone has everyone's events.
pub async fn sync_all(counters: &[&Counter]) {
    for _ in 0..2 {
        for counter in counters {
            counter
                .kanak
                .sync_now()
                .await
                .unwrap_or_else(|e| panic!("{} sync: {e}", counter.name));
        }
    }
}
