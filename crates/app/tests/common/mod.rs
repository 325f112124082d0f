//! A fresh shop on a fresh temp database for each test, with the date pinned.
#![allow(dead_code)]

pub mod crash;
pub mod messages;
pub mod printed;
pub mod provider;
pub mod report_seed;
pub mod report_table;

use chrono::NaiveDate;
use kanak_app::{
    Actor, Clock, CustomerInput, EnrollInput, Kanak, MemorySecrets, OWNER_LOGIN, PaymentInput,
    PlanInput, SettingsInput, SetupInput, StaffInput,
};
use kanak_domain::{PaymentMode, PlanKind, Role};

pub struct TestShop {
    pub kanak: Kanak,
    pub actor: Actor,
    pub recovery_code: String,
    /// The database recovery key shown at setup.
    pub database_recovery_key: String,
    /// Where the database key (and provider keys) are kept: memory, never this machine's keyring.
    pub secrets: MemorySecrets,
    pub dir: tempfile::TempDir,
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn uuid7() -> String {
    uuid::Uuid::now_v7().to_string()
}

impl TestShop {
    /// A shop set up on `today` (branch MAIN), empty otherwise.
    pub async fn on(today: &str) -> TestShop {
        let dir = tempfile::tempdir().unwrap();
        // Keys go to an in-memory store, never this machine's keyring; a provider that does
        // not answer in 2 s counts as down.
        let secrets = MemorySecrets::default();
        let kanak = Kanak::open_with(
            dir.path(),
            Clock::fixed_on(date(today)),
            std::sync::Arc::new(secrets.clone()),
            None,
        )
        .await
        .unwrap()
            .with_provider_timeout(std::time::Duration::from_secs(2));
        let setup = kanak
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
        TestShop {
            kanak,
            actor,
            recovery_code: setup.recovery_code,
            database_recovery_key: setup.database_recovery_key.recovery_key,
            secrets,
            dir,
        }
    }

    /// Adds a staff member with `role` (PIN 2468) and logs them in.
    pub async fn staff(&self, login: &str, role: Role) -> Actor {
        let input = StaffInput {
            name: format!("Staff {login}"),
            login: login.into(),
            role,
            pin: "2468".into(),
        };
        self.kanak.add_staff(&self.actor, input).await.unwrap();
        self.kanak.login(login, &"2468".into()).await.unwrap()
    }

    /// The same database seen on another day.
    pub fn on_day(&self, today: &str) -> Kanak {
        let mut kanak = self.kanak.clone();
        kanak.set_clock(Clock::fixed_on(date(today)));
        kanak
    }

    pub async fn amount_plan(&self, code: &str, installment: &str, count: u32) -> String {
        let plan = self
            .kanak
            .create_plan(
                &self.actor,
                plan_input(code, PlanKind::Amount, Some(installment), count),
            )
            .await
            .unwrap();
        plan.code
    }

    pub async fn weight_plan(&self, code: &str, installment: &str, count: u32) -> String {
        let mut input = plan_input(code, PlanKind::Weight, Some(installment), count);
        input.purity = Some("22K".into());
        self.kanak
            .create_plan(&self.actor, input)
            .await
            .unwrap()
            .code
    }

    /// A flexible plan taking any amount from `min` to `max` per payment.
    pub async fn flexible_plan(&self, code: &str, min: &str, max: &str, count: u32) -> String {
        let mut input = plan_input(code, PlanKind::Flexible, None, count);
        (input.min_amount, input.max_amount) = (Some(min.into()), Some(max.into()));
        self.kanak
            .create_plan(&self.actor, input)
            .await
            .unwrap()
            .code
    }

    /// Changes some settings, keeping the rest as they stand.
    pub async fn change_settings(&self, change: impl FnOnce(&mut SettingsInput)) {
        let mut settings = self
            .kanak
            .app_status()
            .await
            .unwrap()
            .shop
            .unwrap()
            .settings();
        change(&mut settings);
        self.kanak
            .update_settings(&self.actor, settings)
            .await
            .unwrap();
    }

    pub async fn customer(&self, name: &str, phone: &str) -> String {
        self.kanak
            .add_customer(&self.actor, customer_input(name, phone))
            .await
            .unwrap()
            .code
    }

    pub async fn enroll(&self, customer: &str, plan: &str) -> String {
        let input = EnrollInput {
            customer_code: customer.into(),
            plan_code: plan.into(),
            date: None,
            installments: None,
        };
        self.kanak
            .enroll(&self.actor, input)
            .await
            .unwrap()
            .enrollment_no
    }

    /// Counts rows in every table that a use case writes, to prove a refused input wrote nothing.
    pub async fn row_counts(&self) -> Vec<(String, i64)> {
        let mut counts = Vec::new();
        for table in [
            "customers",
            "plans",
            "enrollments",
            "payments",
            "payment_status_events",
            "gold_rates",
            "sequences",
        ] {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(self.kanak.pool())
                .await
                .unwrap();
            counts.push((table.to_string(), n));
        }
        counts
    }
}

pub fn plan_input(code: &str, kind: PlanKind, installment: Option<&str>, count: u32) -> PlanInput {
    PlanInput {
        rules: None,
        code: Some(code.into()),
        name: format!("{code} scheme"),
        kind,
        installment: installment.map(str::to_string),
        min_amount: None,
        max_amount: None,
        installments: count,
        due_day: None,
        grace_days: 7,
        purity: None,
        bonus: "1 installment".into(),
        terms: "Redeemable against jewellery only.".into(),
    }
}

pub fn customer_input(name: &str, phone: &str) -> CustomerInput {
    CustomerInput {
        name: name.into(),
        phone: phone.into(),
        pan: None,
        aadhaar: None,
        dob: None,
        address: None,
        pin_code: None,
        email: None,
        family_of: None,
        relation: None,
    }
}

pub fn cash(enrollment_no: &str, amount: &str) -> PaymentInput {
    PaymentInput {
        id: uuid7(),
        enrollment_no: enrollment_no.into(),
        amount: amount.into(),
        mode: PaymentMode::Cash,
        reference: None,
        date: None,
        confirm_duplicate: false,
    }
}
pub mod sync_net;
