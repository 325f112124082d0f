//! Customer messages: WhatsApp and SMS confirmations and reminders, through a durable outbox.
//!
//! Events write their message into the outbox in their own transaction ([`events`]); a scan
//! of the calendar queues reminders ([`schedule`]); the worker sends with retries and
//! backoff ([`worker`]). Templates, settings and opt-outs decide what goes, where and when.

pub(crate) mod compose;
pub(crate) mod events;
mod opt_out;
pub(crate) mod outbox;
mod registered;
mod schedule;
pub(crate) mod settings;
pub(crate) mod template;
mod trigger;
pub(crate) mod worker;

pub use opt_out::MessageOptOutView;
pub use outbox::{OutboxMessageView, OutboxState, OutboxSummary};
pub use settings::{MessageSettings, MessageSettingsView, TriggerSwitch, TriggerVariables};
pub use template::{
    DLT_VARIABLE_MAX, MessageTemplateInput, MessageTemplateView, PreviewParam, TemplatePreview,
};
pub use trigger::{Channel, Trigger};
pub use worker::{BACKOFF_MINUTES, MAX_ATTEMPTS, SendPass, next_attempt};
