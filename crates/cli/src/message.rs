//! Customer messages from the command line: the outbox (list, one send pass, retry, cancel,
//! a missed-payment reminder), message settings, templates and a customer's opt-outs.

use clap::{Args, Subcommand};
use kanak_app::{
    Actor, AppError, Channel, Kanak, MessageSettingsView, MessageTemplateInput,
    MessageTemplateView, OutboxMessageView, OutboxState, Trigger,
};

use crate::args::Cli;
use crate::emit;

#[derive(Subcommand, Debug)]
pub enum OutboxCommand {
    /// Messages, newest first.
    List {
        /// pending, sending, sent, failed, given_up or cancelled
        #[arg(long)]
        state: Option<String>,
    },
    /// One pass: queue the calendar's reminders, then send what is due.
    Send,
    /// Send a failed or given-up message again now.
    Retry { id: String },
    /// Never send a message that has not gone.
    Cancel { id: String },
    /// Remind the customer of an enrollment's oldest late or missed installment.
    Remind { enrollment_no: String },
}

#[derive(Subcommand, Debug)]
pub enum MessagesCommand {
    /// Message settings: show, or change some of them.
    Settings(SettingsArgs),
    #[command(subcommand)]
    Template(TemplateCommand),
    /// A customer refuses (or, with --undo, accepts again) messages on a channel.
    OptOut {
        customer: String,
        /// sms or whatsapp
        #[arg(long)]
        channel: String,
        #[arg(long)]
        undo: bool,
    },
}

#[derive(Args, Debug)]
pub struct SettingsArgs {
    /// sms or whatsapp
    #[arg(long)]
    pub preferred: Option<String>,
    /// Use the other channel when the preferred one cannot be used.
    #[arg(long)]
    pub fallback: Option<bool>,
    #[arg(long)]
    pub due_days_before: Option<u32>,
    /// Reminders are sent from this time (HH:MM, India time)…
    #[arg(long)]
    pub quiet_start: Option<String>,
    /// …to this time.
    #[arg(long)]
    pub quiet_end: Option<String>,
    /// MSG91 Flow's base URL, if not the one-time codes' MSG91 address ("" clears it).
    #[arg(long)]
    pub flow_url: Option<String>,
    /// Switch a trigger on (repeatable): payment, due, missed, maturity, closure, occasion, reminder.
    #[arg(long = "on")]
    pub on: Vec<String>,
    /// Switch a trigger off (repeatable).
    #[arg(long = "off")]
    pub off: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum TemplateCommand {
    List,
    /// Register (or replace) the template of a trigger on a channel.
    Add {
        /// payment, payment_gold, due, missed, maturity, closure, occasion or reminder
        #[arg(long)]
        trigger: String,
        /// sms or whatsapp
        #[arg(long)]
        channel: String,
        /// WhatsApp template name, or MSG91 Flow template id (DLT).
        #[arg(long)]
        name: String,
        #[arg(long)]
        language: Option<String>,
        /// The variables in order, comma-separated: customer_name,amount,receipt_no
        #[arg(long, value_delimiter = ',')]
        vars: Vec<String>,
        /// The approved text with {{1}}… placeholders (for the preview).
        #[arg(long)]
        text: Option<String>,
    },
    /// What the template sends, for a sample event or a queued message.
    Preview {
        #[arg(long)]
        trigger: String,
        #[arg(long)]
        channel: String,
        #[arg(long)]
        message: Option<String>,
    },
}

fn message_line(m: &OutboxMessageView) -> String {
    format!(
        "{}  {:<9} {:<8} {:<12} {} {} tries={}{}",
        m.id,
        m.state.as_str(),
        m.channel.as_str(),
        m.trigger.as_str(),
        m.to_phone,
        m.created_at,
        m.attempts,
        m.last_error
            .as_deref()
            .map(|e| format!("  ({e})"))
            .unwrap_or_default()
    )
}

fn template_line(t: &MessageTemplateView) -> String {
    format!(
        "{:<12} {:<8} {} [{}] {}",
        t.trigger.as_str(),
        t.channel.as_str(),
        t.name,
        t.language,
        t.variables.join(",")
    )
}

fn settings_text(v: &MessageSettingsView) -> String {
    let s = &v.settings;
    let switches: Vec<String> = s
        .triggers
        .iter()
        .map(|t| {
            format!(
                "{}={}",
                t.trigger.as_str(),
                if t.enabled { "on" } else { "off" }
            )
        })
        .collect();
    format!(
        "Preferred channel: {} (fallback {})\nDue reminder: {} days before and on the day\nReminders sent: {}–{} (India time)\nMSG91 Flow URL: {}\nTriggers: {}\nKeys: MSG91 {}, WhatsApp {}; WhatsApp phone number id {}",
        s.preferred_channel.label(),
        if s.fallback { "on" } else { "off" },
        s.due_days_before,
        s.quiet_start,
        s.quiet_end,
        s.msg91_flow_base_url
            .as_deref()
            .unwrap_or("(the one-time codes' MSG91 address)"),
        switches.join(" "),
        if v.msg91_key_set { "set" } else { "not set" },
        if v.whatsapp_key_set { "set" } else { "not set" },
        if v.whatsapp_phone_number_id_set {
            "set"
        } else {
            "not set"
        },
    )
}

pub async fn outbox(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    command: &OutboxCommand,
) -> Result<(), AppError> {
    match command {
        OutboxCommand::List { state } => {
            let state = state
                .as_deref()
                .map(|s| OutboxState::parse("state", s))
                .transpose()?;
            emit(
                cli,
                &kanak.list_outbox(actor, state).await?,
                |v: &Vec<_>| {
                    if v.is_empty() {
                        "The outbox is empty.".into()
                    } else {
                        v.iter().map(message_line).collect::<Vec<_>>().join("\n")
                    }
                },
            );
        }
        OutboxCommand::Send => {
            actor.require(kanak_domain::Permission::Reports)?;
            let pass = kanak.run_outbox_pass().await?;
            emit(cli, &pass, |p| {
                format!(
                    "Queued {}, sent {}, failed {}, given up {}, held back {}",
                    p.queued, p.sent, p.failed, p.given_up, p.held
                )
            });
        }
        OutboxCommand::Retry { id } => {
            emit(cli, &kanak.retry_message(actor, id).await?, message_line)
        }
        OutboxCommand::Cancel { id } => {
            emit(cli, &kanak.cancel_message(actor, id).await?, message_line)
        }
        OutboxCommand::Remind { enrollment_no } => emit(
            cli,
            &kanak.send_missed_reminder(actor, enrollment_no).await?,
            message_line,
        ),
    }
    Ok(())
}

pub async fn messages(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    command: &MessagesCommand,
) -> Result<(), AppError> {
    match command {
        MessagesCommand::Settings(a) => settings(cli, kanak, actor, a).await?,
        MessagesCommand::Template(t) => template(cli, kanak, actor, t).await?,
        MessagesCommand::OptOut {
            customer,
            channel,
            undo,
        } => {
            let channel = Channel::parse("channel", channel)?;
            let v = kanak
                .set_message_opt_out(actor, customer, channel, !undo)
                .await?;
            emit(cli, &v, |v| {
                format!(
                    "{}: SMS {}, WhatsApp {}",
                    v.customer_code,
                    if v.sms_opted_out { "opted out" } else { "on" },
                    if v.whatsapp_opted_out {
                        "opted out"
                    } else {
                        "on"
                    }
                )
            });
        }
    }
    Ok(())
}

async fn settings(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    a: &SettingsArgs,
) -> Result<(), AppError> {
    let changes = a.preferred.is_some()
        || a.fallback.is_some()
        || a.due_days_before.is_some()
        || a.quiet_start.is_some()
        || a.quiet_end.is_some()
        || a.flow_url.is_some()
        || !a.on.is_empty()
        || !a.off.is_empty();
    if !changes {
        emit(cli, &kanak.message_settings().await?, settings_text);
        return Ok(());
    }
    let mut s = kanak.message_settings().await?.settings;
    if let Some(p) = &a.preferred {
        s.preferred_channel = Channel::parse("preferred", p)?;
    }
    s.fallback = a.fallback.unwrap_or(s.fallback);
    s.due_days_before = a.due_days_before.unwrap_or(s.due_days_before);
    s.quiet_start = a.quiet_start.clone().unwrap_or(s.quiet_start);
    s.quiet_end = a.quiet_end.clone().unwrap_or(s.quiet_end);
    if let Some(url) = &a.flow_url {
        s.msg91_flow_base_url = Some(url.clone()).filter(|u| !u.trim().is_empty());
    }
    for (words, enabled) in [(&a.on, true), (&a.off, false)] {
        for word in words {
            let trigger = Trigger::parse("on", word)?.switch();
            for t in s.triggers.iter_mut().filter(|t| t.trigger == trigger) {
                t.enabled = enabled;
            }
        }
    }
    emit(
        cli,
        &kanak.update_message_settings(actor, s).await?,
        settings_text,
    );
    Ok(())
}

async fn template(
    cli: &Cli,
    kanak: &Kanak,
    actor: &Actor,
    t: &TemplateCommand,
) -> Result<(), AppError> {
    match t {
        TemplateCommand::List => emit(cli, &kanak.message_templates().await?, |v: &Vec<_>| {
            if v.is_empty() {
                "No templates are registered.".into()
            } else {
                v.iter().map(template_line).collect::<Vec<_>>().join("\n")
            }
        }),
        TemplateCommand::Add {
            trigger,
            channel,
            name,
            language,
            vars,
            text,
        } => {
            let input = MessageTemplateInput {
                trigger: Trigger::parse("trigger", trigger)?,
                channel: Channel::parse("channel", channel)?,
                name: name.clone(),
                language: language.clone(),
                variables: vars
                    .iter()
                    .map(|v| v.trim().to_string())
                    .filter(|v| !v.is_empty())
                    .collect(),
                sample_text: text.clone(),
            };
            emit(
                cli,
                &kanak.register_message_template(actor, input).await?,
                template_line,
            );
        }
        TemplateCommand::Preview {
            trigger,
            channel,
            message,
        } => {
            let preview = kanak
                .preview_message_template(
                    Trigger::parse("trigger", trigger)?,
                    Channel::parse("channel", channel)?,
                    message.clone(),
                )
                .await?;
            emit(cli, &preview, |p| {
                let params: Vec<String> = p
                    .params
                    .iter()
                    .map(|x| format!("  {} {} = {}", x.slot, x.variable, x.value))
                    .collect();
                format!(
                    "{} ({})\n{}\n{}",
                    p.name,
                    p.channel.label(),
                    params.join("\n"),
                    p.text
                )
            });
        }
    }
    Ok(())
}
