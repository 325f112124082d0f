//! A real hub on a throwaway PostgreSQL, served over HTTP on 127.0.0.1:0, and counters that
//! talk to it as the app's sync client does.
#![allow(dead_code)]

use std::time::{SystemTime, UNIX_EPOCH};

use kanak_hub::Hub;
use kanak_pg_harness::TestPostgres;
use kanak_sync::{
    EnrollRequest, EnrollResponse, Event, EventKind, HybridClock, LoggedEvent, PullPage,
    PushRequest, PushResponse, SCHEMA_VERSION,
};
use serde_json::json;
use uuid::Uuid;

pub struct TestHub {
    pub hub: Hub,
    pub base: String,
    pub http: reqwest::Client,
    // Last: the database outlives the server task's pool users in this struct.
    pub pg: TestPostgres,
}

impl TestHub {
    pub async fn start() -> TestHub {
        let pg = TestPostgres::start().await;
        let hub = Hub::connect(pg.url()).await.expect("connect and migrate");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(kanak_hub::serve(listener, hub.clone()));
        TestHub {
            hub,
            base,
            http: http_client(),
            pg,
        }
    }

    /// A device added on the hub and enrolled over HTTP with its one-time token.
    pub async fn counter(&self, name: &str) -> Counter {
        let token = self.hub.add_device("MAIN", name).await.unwrap();
        let response = self.enroll(&token, name).await;
        assert_eq!(response.status(), 200, "enroll {name}");
        let enrolled: EnrollResponse = response.json().await.unwrap();
        Counter {
            base: self.base.clone(),
            http: self.http.clone(),
            clock: HybridClock::new(enrolled.counter_code.clone(), None),
            enrolled,
            next_seq: 1,
        }
    }

    pub async fn enroll(&self, token: &str, name: &str) -> reqwest::Response {
        let request = EnrollRequest {
            token: token.to_string(),
            device_name: name.to_string(),
        };
        self.http
            .post(format!("{}/v1/devices/enroll", self.base))
            .json(&request)
            .send()
            .await
            .unwrap()
    }

    pub async fn health(&self) -> serde_json::Value {
        self.http
            .get(format!("{}/health", self.base))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

pub struct Counter {
    pub base: String,
    pub http: reqwest::Client,
    pub enrolled: EnrollResponse,
    pub clock: HybridClock,
    pub next_seq: u64,
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

impl Counter {
    pub fn device_id(&self) -> Uuid {
        self.enrolled.device_id
    }

    /// The next outbox event of this counter.
    pub fn event(
        &mut self,
        kind: EventKind,
        entity_id: Uuid,
        enrollment_id: Option<Uuid>,
    ) -> Event {
        let local_seq = self.next_seq;
        self.next_seq += 1;
        Event {
            event_id: Uuid::now_v7(),
            device_id: self.device_id(),
            local_seq,
            kind,
            schema_version: SCHEMA_VERSION,
            hlc: self.clock.tick(now_ms()),
            entity_id,
            enrollment_id,
            payload: json!({ "amount": "1000.00", "by": self.enrolled.counter_code }),
        }
    }

    pub fn payment(&mut self, enrollment: Uuid) -> Event {
        self.event(EventKind::PaymentRecorded, Uuid::now_v7(), Some(enrollment))
    }

    pub fn closure(&mut self, enrollment: Uuid) -> Event {
        self.event(EventKind::ClosureRecorded, Uuid::now_v7(), Some(enrollment))
    }

    pub fn opening(&mut self) -> (Uuid, Event) {
        let enrollment = Uuid::now_v7();
        (
            enrollment,
            self.event(EventKind::EnrollmentOpened, enrollment, Some(enrollment)),
        )
    }

    fn authorized(&self, builder: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        builder.bearer_auth(&self.enrolled.credential)
    }

    pub async fn push(&self, events: &[Event]) -> reqwest::Response {
        let request = PushRequest {
            events: events.to_vec(),
        };
        self.authorized(self.http.post(format!("{}/v1/push", self.base)))
            .json(&request)
            .send()
            .await
            .unwrap()
    }

    pub async fn push_ok(&self, events: &[Event]) -> PushResponse {
        let response = self.push(events).await;
        assert_eq!(response.status(), 200, "push accepted");
        response.json().await.unwrap()
    }

    pub async fn pull(&self, after: u64, limit: usize) -> reqwest::Response {
        let url = format!("{}/v1/pull?after={after}&limit={limit}", self.base);
        self.authorized(self.http.get(url)).send().await.unwrap()
    }

    pub async fn pull_page(&self, after: u64, limit: usize) -> PullPage {
        let response = self.pull(after, limit).await;
        assert_eq!(response.status(), 200, "pull accepted");
        response.json().await.unwrap()
    }

    /// The whole log, page by page, as a counter's sync does.
    pub async fn pull_all(&self, limit: usize) -> Vec<LoggedEvent> {
        let mut after = 0;
        let mut all = Vec::new();
        loop {
            let page = self.pull_page(after, limit).await;
            all.extend(page.events);
            after = page.next_after;
            if !page.more {
                return all;
            }
        }
    }
}

/// A plain-HTTP client for the loopback hub. Built across the whole workspace, reqwest gets
/// rustls without a crypto provider (feature unification with the shell's updater), and then
/// refuses to build a client until one is installed: install ring's, which the hub uses too.
fn http_client() -> reqwest::Client {
    let _already_installed = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}
