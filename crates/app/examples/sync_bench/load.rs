//! Many counters syncing at once: each simulated counter is its own OS thread with its own
//! blocking HTTP client, made afresh for every call exactly as the app's sync client does
//! (ureq, a new agent and connection per request). After a common start line each pushes a
//! small batch (an enrollment opened, then payments with a real payment's payload) and pulls
//! the log to its head, round after round, back to back.

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use kanak_sync::{
    EnrollRequest, EnrollResponse, Event, EventKind, HybridClock, PullPage, PushRequest,
    PushResponse, SCHEMA_VERSION,
};
use uuid::Uuid;

use crate::Args;
use crate::figure::Figure;
use crate::hub::BenchHub;

type Failure = Box<dyn std::error::Error>;

#[derive(Default)]
struct Samples {
    push: Vec<Duration>,
    pull_page: Vec<Duration>,
    round: Vec<Duration>,
    events_pulled: u64,
}

struct Sim {
    url: String,
    enrolled: EnrollResponse,
    cursor: u64,
    rounds: usize,
    batch: usize,
    payload: serde_json::Value,
}

pub async fn run(hub: &BenchHub, args: &Args, payload: serde_json::Value) -> Result<(), Failure> {
    let n = args.counters;
    let mut sims = Vec::with_capacity(n);
    let cursor = hub.head().await? as u64;
    for i in 0..n {
        let token = hub
            .hub
            .add_device("MAIN", &format!("Simulated {}", i + 1))
            .await?;
        let url = hub.url.clone();
        let enrolled = tokio::task::spawn_blocking(move || enroll(&url, token)).await??;
        sims.push(Sim {
            url: hub.url.clone(),
            enrolled,
            cursor,
            rounds: args.counter_rounds,
            batch: args.batch.max(1),
            payload: payload.clone(),
        });
    }
    println!(
        "{n} simulated counters enrolled; each pushes {} events then pulls to the head, {} rounds, all at once",
        args.batch, args.counter_rounds
    );
    let started = Instant::now();
    let results = tokio::task::spawn_blocking(move || {
        let barrier = Arc::new(Barrier::new(n));
        let threads: Vec<_> = sims
            .into_iter()
            .map(|sim| {
                let barrier = barrier.clone();
                std::thread::spawn(move || simulate(sim, &barrier))
            })
            .collect();
        threads
            .into_iter()
            .map(|t| {
                t.join()
                    .unwrap_or_else(|_| Err("a counter thread panicked".into()))
            })
            .collect::<Vec<Result<Samples, String>>>()
    })
    .await?;
    let wall = started.elapsed();
    let mut all = Samples::default();
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(s) => {
                all.push.extend(s.push);
                all.pull_page.extend(s.pull_page);
                all.round.extend(s.round);
                all.events_pulled += s.events_pulled;
            }
            Err(e) => failures.push(e),
        }
    }
    let pushed = n * args.counter_rounds * args.batch;
    println!(
        "hub load: {pushed} events pushed, {} pulled, in {:.2} s wall; {} counters failed{}",
        all.events_pulled,
        wall.as_secs_f64(),
        failures.len(),
        failures
            .first()
            .map(|e| format!(" (first: {e})"))
            .unwrap_or_default()
    );
    Figure::new(all.push).print(
        &format!("hub, {n} counters: push round trip"),
        "p99 <= 500 ms",
    );
    Figure::new(all.pull_page).print(
        &format!("hub, {n} counters: pull page round trip"),
        "p99 <= 500 ms",
    );
    Figure::new(all.round).print(&format!("hub, {n} counters: push + pull to head"), "");
    Ok(())
}

fn simulate(mut sim: Sim, barrier: &Barrier) -> Result<Samples, String> {
    let mut clock = HybridClock::new(sim.enrolled.counter_code.clone(), None);
    let enrollment = Uuid::now_v7();
    let mut seq = 0u64;
    let mut samples = Samples::default();
    barrier.wait();
    for round in 0..sim.rounds {
        let events: Vec<Event> = (0..sim.batch)
            .map(|i| {
                seq += 1;
                let opening = round == 0 && i == 0;
                Event {
                    event_id: Uuid::now_v7(),
                    device_id: sim.enrolled.device_id,
                    local_seq: seq,
                    kind: if opening {
                        EventKind::EnrollmentOpened
                    } else {
                        EventKind::PaymentRecorded
                    },
                    schema_version: SCHEMA_VERSION,
                    hlc: clock.tick(now_ms()),
                    entity_id: if opening { enrollment } else { Uuid::now_v7() },
                    enrollment_id: Some(enrollment),
                    payload: sim.payload.clone(),
                }
            })
            .collect();
        let round_started = Instant::now();
        let body = serde_json::to_string(&PushRequest { events }).map_err(|e| e.to_string())?;
        let t = Instant::now();
        let answer: PushResponse = call(&sim, "POST", "/v1/push", Some(body))?;
        samples.push.push(t.elapsed());
        if answer.high_water != seq {
            return Err(format!(
                "pushed up to {seq}, acknowledged {}",
                answer.high_water
            ));
        }
        loop {
            let t = Instant::now();
            let path = format!(
                "/v1/pull?after={}&limit={}",
                sim.cursor,
                kanak_sync::MAX_BATCH
            );
            let page: PullPage = call(&sim, "GET", &path, None)?;
            samples.pull_page.push(t.elapsed());
            samples.events_pulled += page.events.len() as u64;
            sim.cursor = page.next_after.max(sim.cursor);
            if !page.more || page.events.is_empty() {
                break;
            }
        }
        samples.round.push(round_started.elapsed());
    }
    Ok(samples)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .into()
}

fn call<T: serde::de::DeserializeOwned>(
    sim: &Sim,
    method: &str,
    path: &str,
    body: Option<String>,
) -> Result<T, String> {
    let url = format!("{}{path}", sim.url);
    let auth = format!("Bearer {}", sim.enrolled.credential);
    let sent = match method {
        "POST" => agent()
            .post(&url)
            .header("Content-Type", "application/json")
            .header("Authorization", &auth)
            .send(body.unwrap_or_default()),
        _ => agent()
            .get(url.as_str())
            .header("Authorization", &auth)
            .call(),
    };
    let mut response = sent.map_err(|e| format!("{method} {path}: {e}"))?;
    let status = response.status().as_u16();
    let text = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .map_err(|e| e.to_string())?;
    if status != 200 {
        return Err(format!("{method} {path}: HTTP {status}: {text}"));
    }
    serde_json::from_str(&text).map_err(|e| format!("{method} {path}: {e}"))
}

fn enroll(url: &str, token: String) -> Result<EnrollResponse, String> {
    let request = EnrollRequest {
        token,
        device_name: "simulated".into(),
    };
    let body = serde_json::to_string(&request).map_err(|e| e.to_string())?;
    let mut response = agent()
        .post(format!("{url}/v1/devices/enroll").as_str())
        .header("Content-Type", "application/json")
        .send(body)
        .map_err(|e| e.to_string())?;
    let text = response
        .body_mut()
        .read_to_string()
        .map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| format!("enroll: {e}: {text}"))
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}
