//! The hub under test: a throwaway PostgreSQL (pg-harness) and either the `kanak-hub serve`
//! binary as its own process (`--hub-bin`) or the same router served in this process on its
//! own runtime. Either way the counters reach it over loopback HTTP.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use kanak_hub::Hub;
use kanak_pg_harness::TestPostgres;

pub struct BenchHub {
    pub url: String,
    pub how: String,
    /// A connection to the hub's database, for `device add` and for reading the log.
    pub hub: Hub,
    child: Option<Child>,
    _pg: TestPostgres,
}

impl BenchHub {
    pub async fn start(bin: Option<&Path>) -> Result<BenchHub, Box<dyn std::error::Error>> {
        let pg = TestPostgres::local().await?;
        let hub = Hub::connect(pg.url()).await?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let url = format!("http://127.0.0.1:{port}");
        let (child, how) = match bin {
            Some(bin) => {
                let child = Command::new(bin)
                    .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
                    .env("DATABASE_URL", pg.url())
                    .env("KANAK_LOG", "error")
                    .stdout(Stdio::null())
                    .spawn()
                    .map_err(|e| format!("{}: {e}", bin.display()))?;
                (Some(child), format!("process {}", bin.display()))
            }
            None => {
                let served = hub.clone();
                std::thread::spawn(move || {
                    let runtime = tokio::runtime::Runtime::new().expect("a runtime for the hub");
                    runtime.block_on(async move {
                        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
                            .await
                            .expect("the hub's port");
                        kanak_hub::serve(listener, served).await
                    })
                });
                (None, "in process, its own tokio runtime".to_string())
            }
        };
        wait_healthy(&url).await?;
        Ok(BenchHub {
            url,
            how,
            hub,
            child,
            _pg: pg,
        })
    }

    /// The log's length now.
    pub async fn head(&self) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT head FROM log_head WHERE id = 1")
            .fetch_one(self.hub.pool())
            .await
    }
}

async fn wait_healthy(url: &str) -> Result<(), Box<dyn std::error::Error>> {
    let started = Instant::now();
    let health = format!("{url}/health");
    loop {
        let probe = health.clone();
        let up = tokio::task::spawn_blocking(move || ureq::get(&probe).call().is_ok()).await?;
        if up {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(30) {
            return Err(format!("the hub at {url} never answered /health").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

impl Drop for BenchHub {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
