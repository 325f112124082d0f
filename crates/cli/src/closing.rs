//! Closing an enrollment from the command line: quote, send the code, confirm or override;
//! and the one-time code providers' settings and keys.

use std::io::Read;

use clap::{Args, Subcommand, ValueEnum};
use kanak_app::{
    Actor, AppError, CloseInput, ClosureView, Kanak, OtpProvider, OtpSettingsView, SettleAs,
};

use crate::args::Cli;
use crate::{emit, human};

#[derive(Subcommand, Debug)]
pub enum CloseCommand {
    /// What closing today gives: the engine's quote with each deduction.
    Quote { no: String },
    /// Send the customer a 6-digit code (prints nothing secret).
    RequestOtp { no: String },
    /// Close with the code the customer received.
    Confirm {
        no: String,
        #[arg(long)]
        otp: kanak_app::Sensitive,
        #[command(flatten)]
        settle: SettleArgs,
    },
    /// Close without a code (owner, with their PIN via --as): marked as an override.
    Override {
        no: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        settle: SettleArgs,
    },
    /// The closure statement of a closed enrollment as PDF: each deduction, how it was verified.
    Statement {
        no: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<std::path::PathBuf>,
        /// Language of the labels (default: the shop's setting).
        #[arg(long, value_enum)]
        lang: Option<crate::documents::LangArg>,
    },
}

#[derive(Args, Debug)]
pub struct SettleArgs {
    #[arg(long, value_enum, default_value = "jewellery")]
    pub settlement: SettlementArg,
    /// The jewellery invoice it is redeemed against.
    #[arg(long)]
    pub invoice: Option<String>,
    #[arg(long)]
    pub invoice_value: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum SettlementArg {
    Cash,
    Jewellery,
}

impl SettleArgs {
    fn input(&self, no: &str) -> CloseInput {
        CloseInput {
            enrollment_no: no.to_string(),
            settlement: match self.settlement {
                SettlementArg::Cash => SettleAs::Cash,
                SettlementArg::Jewellery => SettleAs::Jewellery,
            },
            invoice_no: self.invoice.clone(),
            invoice_value: self.invoice_value.clone(),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum OtpCommand {
    /// The providers' settings, and whether each key is in the OS keyring.
    Show,
    /// Change the providers' settings.
    Set(OtpSetArgs),
    /// Store a provider's key (MSG91 authkey or WhatsApp token) in the OS keyring; read from stdin.
    SetKey {
        provider: String,
    },
    RemoveKey {
        provider: String,
    },
}

#[derive(Args, Debug)]
pub struct OtpSetArgs {
    /// console, msg91 or whatsapp
    #[arg(long)]
    pub primary: Option<String>,
    /// console, msg91, whatsapp, or "none"
    #[arg(long)]
    pub fallback: Option<String>,
    #[arg(long)]
    pub expiry_minutes: Option<u32>,
    #[arg(long)]
    pub idle_lock_minutes: Option<u32>,
    /// MSG91's OTP template id (the template registered on DLT).
    #[arg(long)]
    pub msg91_template_id: Option<String>,
    #[arg(long)]
    pub msg91_url: Option<String>,
    #[arg(long)]
    pub whatsapp_phone_number_id: Option<String>,
    #[arg(long)]
    pub whatsapp_template: Option<String>,
    #[arg(long)]
    pub whatsapp_url: Option<String>,
}

pub async fn close(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    command: &CloseCommand,
) -> Result<(), AppError> {
    match command {
        CloseCommand::Quote { no } => {
            emit(cli, &kanak.closure_quote(no).await?, human::closure_quote)
        }
        CloseCommand::RequestOtp { no } => {
            let sent = kanak.request_closure_otp(actor, no).await?;
            emit(cli, &sent, |s| s.message.clone());
            if let Some(code) = &sent.test_code {
                // The console provider is for trials: its whole job is to show the code.
                eprintln!(
                    "*** TEST MODE (console provider) *** code for {}: {code}",
                    sent.enrollment_no
                );
            }
        }
        CloseCommand::Confirm { no, otp, settle } => emit(
            cli,
            &kanak.confirm_closure(actor, settle.input(no), otp).await?,
            closure_text,
        ),
        CloseCommand::Override { no, reason, settle } => emit(
            cli,
            &kanak
                .override_closure(actor, settle.input(no), reason)
                .await?,
            closure_text,
        ),
        CloseCommand::Statement { no, out, lang } => {
            crate::documents::closure_statement(cli, kanak, actor, no, out, *lang).await?
        }
    }
    Ok(())
}

pub fn closure_text(c: &ClosureView) -> String {
    let mut out = format!(
        "{} closed ({} closure, {}) on {} by {}: value ₹{} (paid ₹{}, bonus ₹{}, deductions ₹{})",
        c.enrollment_no,
        c.kind,
        c.settlement.as_str(),
        c.closed_on,
        c.closed_by,
        c.value,
        c.paid,
        c.bonus,
        c.deductions
    );
    if let (Some(no), Some(balance)) = (&c.invoice_no, &c.balance) {
        out.push_str(&format!(
            "\nInvoice {no}: balance ₹{balance} (positive: the customer pays)"
        ));
    }
    if let Some(reason) = &c.override_reason {
        out.push_str(&format!("\nOVERRIDE (no OTP): {reason}"));
    }
    out
}

pub async fn otp(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    command: &OtpCommand,
) -> Result<(), AppError> {
    let view = match command {
        OtpCommand::Show => kanak.otp_settings().await?,
        OtpCommand::Set(a) => {
            kanak
                .update_otp_settings(actor, a.apply(kanak.otp_settings().await?.settings)?)
                .await?
        }
        OtpCommand::SetKey { provider } => {
            let mut key = String::new();
            std::io::stdin()
                .read_to_string(&mut key)
                .map_err(|source| AppError::Io {
                    context: "reading the key from stdin".into(),
                    source,
                })?;
            kanak
                .set_provider_key(actor, OtpProvider::parse("provider", provider)?, &key)
                .await?
        }
        OtpCommand::RemoveKey { provider } => {
            kanak
                .remove_provider_key(actor, OtpProvider::parse("provider", provider)?)
                .await?
        }
    };
    emit(cli, &view, otp_text);
    Ok(())
}

fn otp_text(v: &OtpSettingsView) -> String {
    let s = &v.settings;
    let set = |b: bool| if b { "set" } else { "not set" };
    let keyring = v
        .keyring_problem
        .as_deref()
        .map(|p| format!("\nKEYRING: {p}"))
        .unwrap_or_default();
    let text = format!(
        "Codes: primary {}, fallback {}, expire after {} min; app locks after {} idle min\nMSG91: template {} at {}, key {}\nWhatsApp: number id {}, template {} at {}, token {}",
        s.primary.as_str(),
        s.fallback.map_or("none", OtpProvider::as_str),
        s.expiry_minutes,
        s.idle_lock_minutes,
        s.msg91_template_id.as_deref().unwrap_or("-"),
        s.msg91_base_url,
        set(v.msg91_key_set),
        s.whatsapp_phone_number_id.as_deref().unwrap_or("-"),
        s.whatsapp_template.as_deref().unwrap_or("-"),
        s.whatsapp_base_url,
        set(v.whatsapp_key_set),
    );
    text + &keyring
}

impl OtpSetArgs {
    fn apply(&self, mut s: kanak_app::OtpSettings) -> Result<kanak_app::OtpSettings, AppError> {
        if let Some(p) = &self.primary {
            s.primary = OtpProvider::parse("primary", p)?;
        }
        if let Some(f) = &self.fallback {
            s.fallback = if f == "none" {
                None
            } else {
                Some(OtpProvider::parse("fallback", f)?)
            };
        }
        s.expiry_minutes = self.expiry_minutes.unwrap_or(s.expiry_minutes);
        s.idle_lock_minutes = self.idle_lock_minutes.unwrap_or(s.idle_lock_minutes);
        let text = |v: &Option<String>| v.clone().filter(|t| !t.trim().is_empty());
        if self.msg91_template_id.is_some() {
            s.msg91_template_id = text(&self.msg91_template_id);
        }
        if self.whatsapp_phone_number_id.is_some() {
            s.whatsapp_phone_number_id = text(&self.whatsapp_phone_number_id);
        }
        if self.whatsapp_template.is_some() {
            s.whatsapp_template = text(&self.whatsapp_template);
        }
        s.msg91_base_url = self.msg91_url.clone().unwrap_or(s.msg91_base_url);
        s.whatsapp_base_url = self.whatsapp_url.clone().unwrap_or(s.whatsapp_base_url);
        Ok(s)
    }
}
