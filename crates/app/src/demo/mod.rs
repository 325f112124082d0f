//! The demo shop (issue #9): two years of a realistic shop, the same from the same seed.
//!
//! The rare events go through the app's own in-transaction functions (`store_rates`,
//! `change_payment_status`, `override_closure_in`); the many (customers, enrollments,
//! payments) are decided by the same rules and written in bulk ([`bulk`]), so the engine's
//! checks run, the audit chain is hashed as at the counter, and messages and sync events are
//! queued as the use cases queue them. What differs from the counter is the grouping: one
//! transaction per business day instead of one per action, and a multi-row statement per
//! table and day, which is what makes 100,000 customers take minutes rather than hours.

mod bulk;
mod events;
mod people;
mod plans;
mod seeded;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use kanak_domain::{PaymentStatus, Purity, RatePerGram, Role};
use serde::Serialize;
use sqlx::SqliteConnection;

use crate::rate::NewRate;
use crate::{
    Actor, AppError, Clock, Kanak, OWNER_LOGIN, RateSource, SetupInput, StaffInput,
    store,
};
use plans::{DemoPlan, PLANS, payment_days};
use seeded::Seeded;

/// The demo shop's PINs: the owner's and the cashier's (login `cashier`). Printed by the CLI.
pub const DEMO_OWNER_PIN: &str = "1234";
pub const DEMO_CASHIER_PIN: &str = "2468";
/// The shop a new user sees with "Try with demo data" (and `kanak demo` by default).
pub const DEMO_CUSTOMERS: u32 = 200;
pub const DEMO_SEED: u64 = 1;
/// How far back the shop's history goes.
const HISTORY_DAYS: i64 = 730;

#[derive(Debug, Clone, Serialize, specta::Type, PartialEq)]
pub struct DemoSummary {
    pub customers: u32,
    pub family_members: u32,
    pub enrollments: u32,
    pub payments: u32,
    /// Payments the engine or the compliance checks refused, as they would at the counter.
    pub refused_payments: u32,
    pub cheques_cleared: u32,
    pub cheques_bounced: u32,
    pub refunds: u32,
    pub closures: u32,
    pub rate_days: u32,
    pub first_day: String,
}

/// What happens on one day besides the rate: people join, enroll, pay, cheques clear.
#[derive(Default)]
struct Day {
    joins: Vec<u32>,
    enrolls: Vec<(u32, usize)>,
    pays: Vec<(usize, Money)>,
    /// A payment (its id, enrollment and index there) whose status changes that day.
    statuses: Vec<(String, usize, usize, PaymentStatus)>,
    closes: Vec<usize>,
}

use kanak_domain::Money;

struct Builder {
    rng: Seeded,
    first: NaiveDate,
    today: NaiveDate,
    days: Vec<Day>,
    codes: Vec<String>,
    /// Per customer serial: their index in the bulk writer's people (they join out of order).
    person: Vec<usize>,
    bulk: bulk::Bulk,
    /// Customers who are someone's family member (a family links to its main contact only).
    members: Vec<bool>,
    /// Per enrollment: its number and plan.
    enrollments: Vec<(String, usize)>,
    owner: Actor,
    cashier: Actor,
    summary: DemoSummary,
    rate_24k: i64,
}

impl Kanak {
    /// Builds the demo shop in an empty store: `customers` people over the last two years.
    pub async fn build_demo_shop(
        &self,
        customers: u32,
        seed: u64,
    ) -> Result<DemoSummary, AppError> {
        let today = self.clock.today();
        let first = today - Duration::days(HISTORY_DAYS - 1);
        let at_first = self.at(first, 0);
        at_first
            .setup_shop(SetupInput {
                shop_name: "Lakshmi Jewellers (demo)".into(),
                address: "12 Johari Bazaar, Jaipur".into(),
                gstin: None,
                branch_code: "DEMO".into(),
                owner_name: "Ravi Soni".into(),
                owner_pin: DEMO_OWNER_PIN.into(),
            })
            .await?;
        let owner = at_first.login(OWNER_LOGIN, &DEMO_OWNER_PIN.into()).await?;
        let cashier_input = StaffInput {
            name: "Asha Cashier".into(),
            login: "cashier".into(),
            role: Role::Cashier,
            pin: DEMO_CASHIER_PIN.into(),
        };
        at_first.add_staff(&owner, cashier_input).await?;
        let cashier = at_first.login("cashier", &DEMO_CASHIER_PIN.into()).await?;
        for plan in &PLANS {
            at_first.create_plan(&owner, plan.input()).await?;
        }
        let codes: Vec<&str> = PLANS.iter().map(|p| p.code).collect();
        let mut tx = store::begin_write(&self.pool).await?;
        let bulk = bulk::Bulk::new(self, &mut tx, seed, &codes).await?;
        tx.commit().await?;
        let mut b = Builder::new(seed, first, today, customers, owner, cashier, bulk);
        for day in 0..HISTORY_DAYS as usize {
            let mut tx = store::begin_write(&self.pool).await?;
            b.run_day(self, &mut tx, day).await?;
            tx.commit().await?;
        }
        tracing::info!(customers, seed, "demo shop built");
        Ok(b.summary)
    }

    /// This store seen at `second` seconds past 10:00 India time on `day`.
    fn at(&self, day: NaiveDate, second: i64) -> Kanak {
        let ten_ist = day.and_hms_opt(4, 30, 0).expect("a valid time").and_utc();
        let mut k = self.clone();
        k.set_clock(Clock::Fixed(ten_ist + Duration::seconds(second)));
        k
    }
}

impl Builder {
    fn new(
        seed: u64,
        first: NaiveDate,
        today: NaiveDate,
        customers: u32,
        owner: Actor,
        cashier: Actor,
        bulk: bulk::Bulk,
    ) -> Builder {
        let mut rng = Seeded::new(seed);
        let mut days: Vec<Day> = (0..HISTORY_DAYS).map(|_| Day::default()).collect();
        for c in 0..customers {
            days[rng.below(HISTORY_DAYS as u64) as usize].joins.push(c);
        }
        Builder {
            rng,
            first,
            today,
            days,
            codes: vec![String::new(); customers as usize],
            person: vec![0; customers as usize],
            bulk,
            members: vec![false; customers as usize],
            enrollments: Vec::new(),
            owner,
            cashier,
            summary: DemoSummary {
                customers: 0,
                family_members: 0,
                enrollments: 0,
                payments: 0,
                refused_payments: 0,
                cheques_cleared: 0,
                cheques_bounced: 0,
                refunds: 0,
                closures: 0,
                rate_days: 0,
                first_day: first.to_string(),
            },
            rate_24k: 7_050_00,
        }
    }

    fn date(&self, day: usize) -> NaiveDate {
        self.first + Duration::days(day as i64)
    }

    async fn run_day(
        &mut self,
        app: &Kanak,
        conn: &mut SqliteConnection,
        day: usize,
    ) -> Result<(), AppError> {
        let mut second = 0;
        self.rate(&app.at(self.date(day), second), conn, day)
            .await?;
        self.bulk.load(conn, self.date(day)).await?;
        for c in std::mem::take(&mut self.days[day].joins) {
            second += 7;
            self.join(&app.at(self.date(day), second), day, c)?;
        }
        for (c, plan) in std::mem::take(&mut self.days[day].enrolls) {
            second += 7;
            self.enroll(&app.at(self.date(day), second), day, c, plan)?;
        }
        for (e, amount) in std::mem::take(&mut self.days[day].pays) {
            second += 7;
            self.pay(&app.at(self.date(day), second), day, e, amount)?;
        }
        self.bulk.flush(conn).await?;
        for (id, e, k, status) in std::mem::take(&mut self.days[day].statuses) {
            second += 7;
            self.status(&app.at(self.date(day), second), conn, &id, status)
                .await?;
            self.bulk.status_changed(e, k, status);
        }
        for e in std::mem::take(&mut self.days[day].closes) {
            second += 7;
            self.close(&app.at(self.date(day), second), conn, e).await?;
        }
        Ok(())
    }

    /// The day's 24K and 22K rates: a random walk with the slow rise gold had.
    async fn rate(
        &mut self,
        app: &Kanak,
        conn: &mut SqliteConnection,
        day: usize,
    ) -> Result<(), AppError> {
        let step = self.rng.between(-90, 110);
        self.rate_24k = (self.rate_24k * (10_000 + step) / 10_000).max(4_000_00);
        let k24 = RatePerGram::new(Money::from_paise(self.rate_24k)).map_err(AppError::from)?;
        let k22 = k24
            .at_purity(Purity::K24, Purity::K22)
            .ok_or_else(|| AppError::corrupt("22K from 24K"))?;
        let date = self.date(day);
        let rates = [
            NewRate {
                date,
                purity: Purity::K24,
                rate: k24,
            },
            NewRate {
                date,
                purity: Purity::K22,
                rate: k22,
            },
        ];
        app.store_rates(conn, &self.owner, &rates, RateSource::Manual)
            .await?;
        self.summary.rate_days += 1;
        Ok(())
    }

    fn join(&mut self, app: &Kanak, day: usize, c: u32) -> Result<(), AppError> {
        let mut input = people::person(&mut self.rng, u64::from(c));
        let mut family_of = None;
        // One in ten is family of someone who joined before (the shop's existing customer).
        if c > 0 && self.rng.chance(10) {
            let relative = self.rng.below(u64::from(c)) as usize;
            if !self.codes[relative].is_empty() && !self.members[relative] {
                self.members[c as usize] = true;
                input.family_of = Some(self.codes[relative].clone());
                input.relation = Some(self.rng.pick(people::RELATIONS).to_string());
                family_of = Some(self.person[relative]);
                self.summary.family_members += 1;
            }
        }
        self.person[c as usize] = self.bulk.people.len();
        let code = self.bulk.customer(app, &self.owner, &input, family_of)?;
        self.codes[c as usize] = code;
        self.summary.customers += 1;
        let plan = self.rng.below(PLANS.len() as u64) as usize;
        self.enroll(app, day, c, plan)?;
        // Most come back for a second plan later.
        if self.rng.chance(65) {
            let later = day + self.rng.between(30, 400) as usize;
            if later < self.days.len() {
                let plan = self.rng.below(PLANS.len() as u64) as usize;
                self.days[later].enrolls.push((c, plan));
            }
        }
        Ok(())
    }

    fn enroll(
        &mut self,
        app: &Kanak,
        day: usize,
        c: u32,
        plan: usize,
    ) -> Result<(), AppError> {
        let no = self
            .bulk
            .enroll(app, &self.owner, self.person[c as usize], plan)?;
        let e = self.enrollments.len();
        self.enrollments.push((no, plan));
        self.summary.enrollments += 1;
        let spec: &DemoPlan = &PLANS[plan];
        let start = self.date(day);
        let pay_days = payment_days(&mut self.rng, spec, start, self.today);
        for d in &pay_days {
            let amount = spec.amount(&mut self.rng);
            self.days[(*d - self.first).num_days() as usize]
                .pays
                .push((e, amount));
        }
        // A plan paid in full is mostly closed soon after it matures.
        let maturity = start + chrono::Months::new(spec.installments);
        if pay_days.len() == spec.installments as usize && self.rng.chance(70) {
            let close_on = maturity + Duration::days(self.rng.between(0, 20));
            if close_on <= self.today {
                self.days[(close_on - self.first).num_days() as usize]
                    .closes
                    .push(e);
            }
        }
        Ok(())
    }
}

/// A UUIDv7 at `at` with seeded random bits: the same seed gives the same ids.
fn uuid_v7(rng: &mut Seeded, at: DateTime<Utc>) -> String {
    let bytes: [u8; 10] = rng.bytes();
    uuid::Builder::from_unix_timestamp_millis(at.timestamp_millis() as u64, &bytes)
        .into_uuid()
        .to_string()
}
