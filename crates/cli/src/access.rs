//! Staff accounts, acting as a staff member (`--as LOGIN --pin PIN`), and the audit trail.

use clap::{Args, Subcommand};
use kanak_app::{Actor, AppError, AuditFilter, Kanak, Sensitive, StaffInput};
use kanak_domain::Role;

use crate::args::Cli;
use crate::emit;

#[derive(Subcommand, Debug)]
pub enum StaffCommand {
    /// Add a staff member (owner only).
    Add(StaffAddArgs),
    List,
    /// Disable a login; `--enable` turns it back on.
    Disable {
        login: String,
        #[arg(long)]
        enable: bool,
    },
    /// Set a new PIN for a staff member (lifts a lockout).
    ResetPin {
        login: String,
        #[arg(long)]
        pin: Sensitive,
    },
    /// The owner forgot their PIN: the recovery code shown at setup sets a new one.
    Recover {
        #[arg(long)]
        recovery_code: Sensitive,
        #[arg(long)]
        pin: Sensitive,
    },
    /// A new owner recovery code (the old one stops working); shown once.
    RecoveryCode,
}

#[derive(Args, Debug)]
pub struct StaffAddArgs {
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub login: String,
    /// owner, manager or cashier
    #[arg(long)]
    pub role: String,
    #[arg(long)]
    pub pin: Sensitive,
}

#[derive(Subcommand, Debug)]
pub enum AuditCommand {
    /// Recompute the hash chain and report the first broken entry.
    Verify,
    /// The trail, newest first.
    List {
        #[arg(long)]
        staff: Option<String>,
        #[arg(long)]
        customer: Option<String>,
        #[arg(long)]
        enrollment: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
}

/// Who the command acts as: a staff login checked like the app's login screen, or
/// `cli:<os user>` with the owner's rights when `--as` is not given.
pub async fn actor(cli: &Cli, kanak: &Kanak) -> Result<Actor, AppError> {
    match (&cli.as_login, &cli.pin) {
        (Some(login), Some(pin)) => kanak.login(login, pin).await,
        (Some(_), None) => {
            Err(kanak_domain::FieldError::new("pin", "is required with --as").into())
        }
        (None, _) => {
            let user = std::env::var("USER")
                .or_else(|_| std::env::var("USERNAME"))
                .unwrap_or_else(|_| "unknown".into());
            Ok(Actor::cli(&user))
        }
    }
}

pub async fn staff(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    command: &StaffCommand,
) -> Result<(), AppError> {
    let line = |s: &kanak_app::StaffView| {
        let state = if !s.active {
            "disabled"
        } else if s.locked {
            "locked"
        } else {
            "active"
        };
        format!(
            "{:<12} {:<24} {:<8} {state}",
            s.login,
            s.name,
            s.role.as_str()
        )
    };
    match command {
        StaffCommand::Add(a) => {
            let input = StaffInput {
                name: a.name.clone(),
                login: a.login.clone(),
                role: Role::parse("role", &a.role)?,
                pin: a.pin.clone(),
            };
            emit(cli, &kanak.add_staff(actor, input).await?, line);
        }
        StaffCommand::List => emit(cli, &kanak.list_staff(actor).await?, |v: &Vec<_>| {
            v.iter().map(line).collect::<Vec<_>>().join("\n")
        }),
        StaffCommand::Disable { login, enable } => emit(
            cli,
            &kanak.set_staff_active(actor, login, *enable).await?,
            line,
        ),
        StaffCommand::ResetPin { login, pin } => {
            emit(cli, &kanak.reset_pin(actor, login, pin).await?, line)
        }
        StaffCommand::Recover { recovery_code, pin } => {
            let next = kanak.reset_owner_pin(recovery_code, pin).await?;
            emit(cli, &serde_json::json!({ "recovery_code": next }), |_| {
                format!(
                    "Owner PIN reset. Your new recovery code (shown once, keep it safe): {next}"
                )
            });
        }
        StaffCommand::RecoveryCode => {
            let code = kanak.regenerate_recovery_code(actor).await?;
            emit(cli, &serde_json::json!({ "recovery_code": code }), |_| {
                format!("New recovery code (shown once): {code}")
            });
        }
    }
    Ok(())
}

pub async fn audit(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    command: &AuditCommand,
) -> Result<(), AppError> {
    match command {
        AuditCommand::Verify => {
            let v = kanak.verify_audit(actor).await?;
            emit(cli, &v, |v| match (v.intact, v.first_broken) {
                (true, _) => format!("Audit trail intact: {} entries verified", v.entries),
                (false, id) => format!(
                    "AUDIT TRAIL BROKEN at entry {}: it {} ({} entries before it verified)",
                    id.unwrap_or_default(),
                    v.problem.as_deref().unwrap_or("does not verify"),
                    v.entries
                ),
            });
            if !v.intact {
                return Err(AppError::Corrupt(format!(
                    "the audit trail is broken at entry {}",
                    v.first_broken.unwrap_or_default()
                )));
            }
        }
        AuditCommand::List {
            staff,
            customer,
            enrollment,
            from,
            to,
            limit,
        } => {
            let filter = AuditFilter {
                staff: staff.clone(),
                customer_code: customer.clone(),
                enrollment_no: enrollment.clone(),
                from: from.clone(),
                to: to.clone(),
                limit: Some(*limit),
            };
            emit(
                cli,
                &kanak.audit_log(actor, filter).await?,
                |v: &Vec<kanak_app::AuditEntryView>| {
                    v.iter()
                        .map(|e| {
                            format!(
                                "{:>5} {} {:<16} {:<18} {}",
                                e.id, e.at, e.actor, e.action, e.detail
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                },
            );
        }
    }
    Ok(())
}
