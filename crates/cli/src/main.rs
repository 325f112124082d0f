//! `kanak`: the command line over the same use cases as the desktop app.

mod access;
mod args;
mod backup;
mod bench;
mod closing;
mod demo;
mod documents;
mod human;
mod import;
mod inputs;
mod message;
mod report;
mod support;
mod sync;

use std::process::ExitCode;

use clap::Parser;
use kanak_app::{AppError, IpcError, Kanak};
use serde::Serialize;

use args::{Cli, Command, FestivalCommand};

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("KANAK_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    match runtime.block_on(run(&cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&cli, &error),
    }
}

/// One line on stderr naming the field and the problem; with --json also the `{code, message, field}` object.
fn report(cli: &Cli, error: &AppError) -> ExitCode {
    let ipc = IpcError::from(error);
    if cli.json {
        println!(
            "{}",
            serde_json::to_string(&ipc).expect("an error serializes")
        );
    }
    eprintln!("error: {}", ipc.message);
    ExitCode::from(if ipc.code == "invalid_input" { 2 } else { 1 })
}

fn emit<T: Serialize>(cli: &Cli, value: &T, human: impl FnOnce(&T) -> String) {
    if cli.json {
        println!(
            "{}",
            serde_json::to_string_pretty(value).expect("views serialize")
        );
    } else {
        println!("{}", human(value));
    }
}

async fn run(cli: &Cli) -> Result<(), AppError> {
    let dir = cli
        .data_dir
        .clone()
        .unwrap_or_else(kanak_app::default_data_dir);
    let kanak = Kanak::open_with(
        &dir,
        kanak_app::Clock::System,
        kanak_app::default_secrets(),
        cli.recovery_key.as_ref().map(kanak_app::Sensitive::expose),
    )
    .await?;
    // Closed before the process exits: SQLCipher's connections must not outlive libcrypto's
    // exit handlers (an open pool at exit crashed the process with a double free).
    let pool = kanak.pool().clone();
    let result = run_opened(cli, kanak, &dir).await;
    pool.close().await;
    result
}

async fn run_opened(cli: &Cli, kanak: Kanak, dir: &std::path::Path) -> Result<(), AppError> {
    if let Command::Setup(a) = &cli.command {
        let setup = kanak.setup_shop(a.to_input()).await?;
        emit(cli, &setup, |s| {
            format!(
                "{}\nOwner recovery code (shown once; keep it somewhere safe, it resets a forgotten owner PIN): {}\n\n{}",
                human::shop(&s.shop),
                s.recovery_code,
                backup::recovery_sheet(&s.database_recovery_key.recovery_key)
            )
        });
        return Ok(());
    }
    if let Command::Demo(a) = &cli.command {
        let summary = demo::run(&kanak, a).await?;
        emit(cli, &summary, demo::human);
        return Ok(());
    }
    if let Command::Bench(a) = &cli.command {
        return bench::run(&kanak, dir, a).await;
    }
    let actor = access::actor(cli, &kanak).await?;
    if let Command::Backup(backup::BackupCommand::Restore { file, yes }) = &cli.command {
        if actor.role() != kanak_domain::Role::Owner {
            return Err(AppError::Forbidden {
                message: "only the owner may restore a backup".into(),
            });
        }
        return backup::restore(cli, kanak, file, *yes).await;
    }
    if kanak.recovery_key_pending().await? && kanak.app_status().await?.setup_done {
        eprintln!(
            "note: this database's recovery key was never shown; the owner should run `kanak backup recovery-key` and keep it safe"
        );
    }
    match &cli.command {
        Command::Setup(_) | Command::Demo(_) | Command::Bench(_) => unreachable!("handled above"),
        Command::Backup(c) => backup::backup(cli, &kanak, &actor, c).await?,
        Command::Customer(c) => commands::customer(cli, &kanak, &actor, c).await?,
        Command::Plan(c) => commands::plan(cli, &kanak, &actor, c).await?,
        Command::Enroll(a) => {
            let enrollment = kanak.enroll(&actor, a.to_input()).await?;
            emit(cli, &enrollment, human::enrollment);
        }
        Command::Pay(a) => {
            let outcome = kanak.record_payment(&actor, a.to_input()).await?;
            emit(cli, &outcome, human::payment_outcome);
        }
        Command::Rate(c) => commands::rate(cli, &kanak, &actor, c).await?,
        Command::Enrollment(c) => commands::enrollment(cli, &kanak, &actor, c).await?,
        Command::Festival(FestivalCommand::Add { name, date }) => {
            kanak.add_festival(&actor, name, date).await?;
            emit(
                cli,
                &serde_json::json!({ "festival": name, "date": date }),
                |_: &serde_json::Value| format!("Festival {name} on {date} added"),
            );
        }
        Command::Payment(c) => commands::payment(cli, &kanak, &actor, c).await?,
        Command::Settings(c) => commands::settings(cli, &kanak, &actor, c).await?,
        Command::Staff(c) => access::staff(cli, &kanak, &actor, c).await?,
        Command::Audit(c) => access::audit(cli, &kanak, &actor, c).await?,
        Command::Close(c) => closing::close(cli, &kanak, &actor, c).await?,
        Command::Otp(c) => closing::otp(cli, &kanak, &actor, c).await?,
        Command::Ledger(a) => documents::ledger(cli, &kanak, &actor, a).await?,
        Command::Receipt(a) => documents::receipt(cli, &kanak, &actor, a).await?,
        Command::Outbox(c) => message::outbox(cli, &kanak, &actor, c).await?,
        Command::Messages(c) => message::messages(cli, &kanak, &actor, c).await?,
        Command::Report(a) => report::report(cli, &kanak, &actor, a).await?,
        Command::Support(c) => support::support(cli, &kanak, &actor, c).await?,
        Command::Import(a) => import::import(cli, &kanak, &actor, a).await?,
        Command::Sync(c) => sync::sync(cli, &kanak, &actor, c).await?,
    }
    Ok(())
}

mod commands {
    //! Subcommand groups: parse nothing here, just call the use case and print.
    use kanak_app::{
        Actor, AppError, ChangeInput, GoldRateInput, Kanak, PauseInput, SimulateInput,
    };
    use kanak_domain::PaymentStatus;

    use crate::args::{
        Cli, CustomerCommand, EnrollmentCommand, PaymentCommand, PlanCommand, RateCommand,
        SettingsCommand, StatusArg,
    };
    use crate::{emit, human};

    pub async fn customer(
        cli: &Cli,
        kanak: &Kanak,
        actor: &Actor,
        command: &CustomerCommand,
    ) -> Result<(), AppError> {
        match command {
            CustomerCommand::Add(a) => emit(
                cli,
                &kanak.add_customer(actor, a.to_input()).await?,
                human::customer,
            ),
            CustomerCommand::List { search, limit } => {
                let found = kanak
                    .search_customers(search.as_deref().unwrap_or(""), *limit)
                    .await?;
                emit(cli, &found, |v: &Vec<_>| human::customer_list(v));
            }
            CustomerCommand::Show { code } => {
                emit(cli, &kanak.customer_profile(code).await?, human::profile)
            }
            CustomerCommand::Form60 { code, date } => emit(
                cli,
                &kanak.record_form60(actor, code, date).await?,
                human::customer,
            ),
        }
        Ok(())
    }

    pub async fn plan(
        cli: &Cli,
        kanak: &Kanak,
        actor: &Actor,
        command: &PlanCommand,
    ) -> Result<(), AppError> {
        match command {
            PlanCommand::Add(a) => emit(
                cli,
                &kanak.create_plan(actor, a.to_input()?).await?,
                human::plan_detail,
            ),
            PlanCommand::Show { code } => emit(cli, &kanak.plan(code).await?, human::plan_detail),
            PlanCommand::Simulate(a) => {
                let input = SimulateInput {
                    plan_code: Some(a.code.clone()),
                    plan: None,
                    pattern: a.pattern.clone(),
                    start: a.start.clone(),
                    installments: a.installments,
                    rate: a.rate.clone(),
                };
                emit(cli, &kanak.simulate_plan(input).await?, human::simulation);
            }
            PlanCommand::List { all } => emit(cli, &kanak.list_plans(*all).await?, |v: &Vec<_>| {
                human::plan_list(v)
            }),
            PlanCommand::Retire { code } => {
                emit(cli, &kanak.retire_plan(actor, code).await?, human::plan)
            }
        }
        Ok(())
    }

    pub async fn rate(
        cli: &Cli,
        kanak: &Kanak,
        actor: &Actor,
        command: &RateCommand,
    ) -> Result<(), AppError> {
        match command {
            RateCommand::Set {
                date,
                purity,
                per_gram,
            } => {
                let input = GoldRateInput {
                    date: date.clone(),
                    purity: purity.clone(),
                    per_gram: per_gram.clone(),
                };
                emit(cli, &kanak.set_gold_rate(actor, input).await?, human::rate);
            }
            RateCommand::List { date } => emit(
                cli,
                &kanak.gold_rates(date.as_deref()).await?,
                |v: &Vec<_>| human::rate_list(v),
            ),
            RateCommand::Import { file } => {
                let csv = std::fs::read_to_string(file).map_err(|source| AppError::Io {
                    context: format!("reading {}", file.display()),
                    source,
                })?;
                emit(
                    cli,
                    &kanak.import_gold_rates(actor, &csv).await?,
                    human::rate_import,
                );
            }
            RateCommand::Fetch => emit(
                cli,
                &kanak.fetch_gold_rates(actor).await?,
                human::rate_import,
            ),
        }
        Ok(())
    }

    pub async fn settings(
        cli: &Cli,
        kanak: &Kanak,
        actor: &Actor,
        command: &SettingsCommand,
    ) -> Result<(), AppError> {
        let current = kanak.app_status().await?.shop.ok_or(AppError::NotSetUp)?;
        match command {
            SettingsCommand::Show => emit(cli, &current, human::settings),
            SettingsCommand::Set(a) => emit(
                cli,
                &kanak
                    .update_settings(actor, a.apply(current.settings()))
                    .await?,
                human::settings,
            ),
            SettingsCommand::Logo { file, remove } => {
                let png = match (file, remove) {
                    (Some(path), false) => Some(kanak_app::read_logo_file(path)?),
                    _ => None,
                };
                let set = png.is_some();
                kanak.set_shop_logo(actor, png).await?;
                emit(cli, &serde_json::json!({ "logo": set }), |_| {
                    if set {
                        "logo set".to_string()
                    } else {
                        "logo removed".to_string()
                    }
                });
            }
            SettingsCommand::Tally(a) => {
                crate::report::tally_settings(cli, kanak, actor, a).await?
            }
        }
        Ok(())
    }

    pub async fn enrollment(
        cli: &Cli,
        kanak: &Kanak,
        actor: &Actor,
        command: &EnrollmentCommand,
    ) -> Result<(), AppError> {
        match command {
            EnrollmentCommand::Show { no } => emit(
                cli,
                &kanak.enrollment_detail(no).await?,
                human::enrollment_detail,
            ),
            EnrollmentCommand::List { overdue } => emit(
                cli,
                &kanak.list_enrollments(*overdue).await?,
                |v: &Vec<_>| human::enrollment_list(v),
            ),
            EnrollmentCommand::Pause {
                no,
                from,
                months,
                reason,
            } => {
                let input = PauseInput {
                    enrollment_no: no.clone(),
                    from: from.clone(),
                    months: *months,
                    reason: reason.clone(),
                };
                emit(
                    cli,
                    &kanak.pause_enrollment(actor, input).await?,
                    human::enrollment_detail,
                );
            }
            EnrollmentCommand::Change {
                no,
                installment,
                installments,
                confirm,
            } => {
                let input = ChangeInput {
                    enrollment_no: no.clone(),
                    installment: installment.clone(),
                    installments: *installments,
                };
                if *confirm {
                    emit(
                        cli,
                        &kanak.change_enrollment(actor, input).await?,
                        human::enrollment_detail,
                    );
                } else {
                    emit(cli, &kanak.change_quote(input).await?, human::change_quote);
                }
            }
            EnrollmentCommand::Gift { no, item } => emit(
                cli,
                &kanak.give_gift(actor, no, item).await?,
                human::enrollment_detail,
            ),
        }
        Ok(())
    }

    pub async fn payment(
        cli: &Cli,
        kanak: &Kanak,
        actor: &Actor,
        command: &PaymentCommand,
    ) -> Result<(), AppError> {
        match command {
            PaymentCommand::Show { id } => emit(cli, &kanak.payment(id).await?, human::payment),
            PaymentCommand::Status { id, status, reason } => {
                let status = match status {
                    StatusArg::Confirmed => PaymentStatus::Confirmed,
                    StatusArg::Failed => PaymentStatus::Failed,
                    StatusArg::Refunded => PaymentStatus::Refunded,
                };
                emit(
                    cli,
                    &kanak
                        .set_payment_status(actor, id, status, reason.clone())
                        .await?,
                    human::payment,
                );
            }
        }
        Ok(())
    }
}
