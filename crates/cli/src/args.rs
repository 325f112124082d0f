//! The command line's shape. Names and flags are part of Kanak's contract with support staff
//! and scripts: keep them stable.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "kanak",
    version,
    about = "Kanak: gold savings schemes at the jeweller's counter"
)]
pub struct Cli {
    /// Data directory (defaults to the OS app-data dir shared with the desktop app).
    #[arg(long, global = true, env = "KANAK_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Machine-readable JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// Act as this staff login (checked with --pin, like the app's login).
    #[arg(long = "as", global = true, value_name = "LOGIN")]
    pub as_login: Option<String>,
    #[arg(long, global = true, env = "KANAK_PIN", hide_env_values = true)]
    pub pin: Option<kanak_app::Sensitive>,
    /// The database recovery key from the printed sheet: opens a database whose key this
    /// machine's keyring does not have, and backups made under it.
    #[arg(long, global = true, env = "KANAK_RECOVERY_KEY", hide_env_values = true)]
    pub recovery_key: Option<kanak_app::Sensitive>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// First-run setup: the shop and its owner account.
    Setup(SetupArgs),
    #[command(subcommand)]
    Customer(CustomerCommand),
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Enroll a customer in a plan.
    Enroll(EnrollArgs),
    /// Record a payment against an enrollment.
    Pay(PayArgs),
    #[command(subcommand)]
    Rate(RateCommand),
    #[command(subcommand)]
    Enrollment(EnrollmentCommand),
    #[command(subcommand)]
    Payment(PaymentCommand),
    #[command(subcommand)]
    Festival(FestivalCommand),
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// Staff accounts (owner).
    #[command(subcommand)]
    Staff(crate::access::StaffCommand),
    /// Close an enrollment: quote, one-time code, confirm or override.
    #[command(subcommand)]
    Close(crate::closing::CloseCommand),
    /// The tamper-evident audit trail.
    #[command(subcommand)]
    Audit(crate::access::AuditCommand),
    /// One-time code providers (MSG91, WhatsApp, console) and their keys.
    #[command(subcommand)]
    Otp(crate::closing::OtpCommand),
    /// An enrollment's passbook as PDF; --all exports every active enrollment's.
    Ledger(crate::documents::LedgerArgs),
    /// A payment's receipt as PDF, on A5 or an 80 mm thermal roll.
    Receipt(crate::documents::ReceiptArgs),
    /// Customer messages waiting, sent or failed: list, send, retry, cancel, remind.
    #[command(subcommand)]
    Outbox(crate::message::OutboxCommand),
    /// Message settings, templates and customers' opt-outs.
    #[command(subcommand)]
    Messages(crate::message::MessagesCommand),
    /// A report on the terminal, or written as csv, xlsx, pdf or json (tally: xml) with --out.
    Report(crate::report::ReportArgs),
    /// Support: the support bundle (--out FILE.zip), the update endpoint and log level.
    #[command(subcommand)]
    Support(crate::support::SupportCommand),
    /// Backups: create [--out DIR], list, verify FILE, restore FILE; settings; the recovery key.
    #[command(subcommand)]
    Backup(crate::backup::BackupCommand),
    /// Build a demo shop from a seed in an empty data directory (issue #9).
    Demo(crate::demo::DemoArgs),
    /// Time the counter's actions on a shop (the demo shop): median and p99 of each.
    Bench(crate::bench::BenchArgs),
    /// Sync with the shop's hub: enroll this counter, sync now, show where sync stands.
    #[command(subcommand)]
    Sync(crate::sync::SyncCommand),
    /// Import customers, plans, enrollments and payments from a CSV or XLSX file.
    Import(crate::import::ImportArgs),
}

#[derive(Args, Debug)]
pub struct SetupArgs {
    #[arg(long)]
    pub shop_name: String,
    #[arg(long)]
    pub branch: String,
    #[arg(long)]
    pub owner_name: String,
    #[arg(long)]
    pub owner_pin: kanak_app::Sensitive,
    #[arg(long, default_value = "")]
    pub address: String,
    #[arg(long)]
    pub gstin: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum CustomerCommand {
    /// Register a customer (or a family member with --family-of).
    Add(CustomerAddArgs),
    /// List customers, optionally matching a name, phone fragment or code.
    List {
        #[arg(long)]
        search: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// A customer's profile: details, family, plans, dues and payments.
    Show { code: String },
    /// Record that the customer declared Form 60 (no PAN), for payments over the PAN limit.
    Form60 {
        code: String,
        /// The day the form was signed (DD-MM-YYYY or YYYY-MM-DD).
        #[arg(long)]
        date: String,
    },
}

#[derive(Args, Debug)]
pub struct CustomerAddArgs {
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub phone: String,
    #[arg(long)]
    pub pan: Option<String>,
    #[arg(long)]
    pub aadhaar: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    pub dob: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub pin_code: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// The main contact's customer code.
    #[arg(long, requires = "relation")]
    pub family_of: Option<String>,
    #[arg(long)]
    pub relation: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KindArg {
    Amount,
    Weight,
    Flexible,
}

#[derive(Subcommand, Debug)]
pub enum PlanCommand {
    /// Create a plan (scheme definition).
    Add(PlanAddArgs),
    List {
        #[arg(long)]
        all: bool,
    },
    /// Stop new enrollments in a plan.
    Retire { code: String },
    /// A plan's terms and rules in plain words, with any compliance warning.
    Show { code: String },
    /// What a customer would get for a payment pattern, e.g. --pattern "late 3 7, skip 5, close 6".
    Simulate(SimulateArgs),
}

#[derive(Args, Debug)]
pub struct SimulateArgs {
    pub code: String,
    /// Clauses: "on time", "late 3 7", "skip 5", "close 6", "pause 4 2".
    #[arg(long, default_value = "on time")]
    pub pattern: String,
    /// Enrollment day (default today).
    #[arg(long)]
    pub start: Option<String>,
    /// For a plan with tiers: which one.
    #[arg(long)]
    pub installments: Option<u32>,
    /// Weight plans: the gold rate per gram assumed throughout (default 7000).
    #[arg(long)]
    pub rate: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum FestivalCommand {
    /// A festival day for occasion bonuses (Akshaya Tritiya, Dhanteras…).
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        date: String,
    },
}

#[derive(Args, Debug)]
pub struct PlanAddArgs {
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub code: Option<String>,
    #[arg(long, value_enum)]
    pub kind: KindArg,
    /// Amount per installment (amount and weight plans).
    #[arg(long)]
    pub installment: Option<String>,
    /// Smallest payment (flexible plans).
    #[arg(long)]
    pub min: Option<String>,
    /// Largest payment (flexible plans).
    #[arg(long)]
    pub max: Option<String>,
    #[arg(long)]
    pub installments: u32,
    #[arg(long)]
    pub due_day: Option<u8>,
    #[arg(long, default_value_t = 7)]
    pub grace_days: u8,
    #[arg(long)]
    pub purity: Option<String>,
    /// "none", "1 installment", "50% of installment" or "5% of total".
    #[arg(long, default_value = "none")]
    pub bonus: String,
    #[arg(long, default_value = "")]
    pub terms: String,
    /// A JSON file of the plan's rules (tiers, rewards, lateness, pause, closure…); see README.
    #[arg(long)]
    pub rules: Option<std::path::PathBuf>,
}

#[derive(Args, Debug)]
pub struct EnrollArgs {
    #[arg(long)]
    pub customer: String,
    #[arg(long)]
    pub plan: String,
    #[arg(long)]
    pub date: Option<String>,
    /// For a plan with tiers: the number of installments picked.
    #[arg(long)]
    pub installments: Option<u32>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ModeArg {
    Cash,
    Upi,
    Card,
    Bank,
    Cheque,
}

#[derive(Args, Debug)]
pub struct PayArgs {
    #[arg(long)]
    pub enrollment: String,
    #[arg(long)]
    pub amount: String,
    #[arg(long, value_enum)]
    pub mode: ModeArg,
    #[arg(long)]
    pub reference: Option<String>,
    #[arg(long)]
    pub date: Option<String>,
    /// The payment's UUIDv7; re-running with the same id records nothing new.
    #[arg(long)]
    pub id: Option<String>,
    /// Record it even though a look-alike payment was taken minutes ago.
    #[arg(long)]
    pub confirm_duplicate: bool,
}

#[derive(Subcommand, Debug)]
pub enum RateCommand {
    /// Set the day's gold rate for a purity.
    Set {
        #[arg(long)]
        date: String,
        #[arg(long)]
        purity: String,
        #[arg(long)]
        per_gram: String,
    },
    List {
        #[arg(long)]
        date: Option<String>,
    },
    /// Import a CSV of rates (header date,purity,per_gram); one bad line refuses the whole file.
    Import { file: PathBuf },
    /// Read the rates from the shop's feed URL (settings) and import them.
    Fetch,
}

#[derive(Subcommand, Debug)]
pub enum SettingsCommand {
    /// The shop's settings.
    Show,
    /// Change some settings; the others stay as they are.
    Set(SettingsSetArgs),
    /// The logo printed on passbooks, receipts and statements: a PNG file, or --remove.
    Logo {
        #[arg(required_unless_present = "remove")]
        file: Option<PathBuf>,
        #[arg(long, conflicts_with = "file")]
        remove: bool,
    },
    /// The ledger names the Tally export posts to: shown, or changed with the flags given.
    Tally(crate::report::TallyArgs),
}

#[derive(Args, Debug)]
pub struct SettingsSetArgs {
    /// Store 22K and 18K rates computed from each 24K rate (true or false).
    #[arg(long)]
    pub derive_rates: Option<bool>,
    /// The http(s) address of the shop's rate feed; "" removes it.
    #[arg(long)]
    pub rate_feed_url: Option<String>,
    /// Cash from one person in a day may not total this much (Income-tax Act s.269ST).
    #[arg(long)]
    pub cash_limit: Option<String>,
    /// A payment or redemption over this needs PAN or Form 60.
    #[arg(long)]
    pub pan_limit: Option<String>,
    /// The desktop app prints the receipt right after each payment (true or false).
    #[arg(long)]
    pub print_receipt_after_payment: Option<bool>,
}

#[derive(Subcommand, Debug)]
pub enum EnrollmentCommand {
    /// Schedule, statuses, payments and bonus of one enrollment.
    Show { no: String },
    List {
        #[arg(long)]
        overdue: bool,
    },
    /// Pause for whole months (if the plan allows): no dues accrue, maturity moves.
    Pause {
        no: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        months: u32,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Upgrade or downgrade from today: prints before/after; records it with --confirm.
    Change {
        no: String,
        #[arg(long)]
        installment: Option<String>,
        #[arg(long)]
        installments: Option<u32>,
        #[arg(long)]
        confirm: bool,
    },
    /// Record a milestone gift handed over.
    Gift {
        no: String,
        #[arg(long)]
        item: String,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum StatusArg {
    Confirmed,
    Failed,
    Refunded,
}

#[derive(Subcommand, Debug)]
pub enum PaymentCommand {
    /// Show one payment.
    Show { id: String },
    /// Append a status change: a cheque clears (confirmed) or bounces (failed).
    Status {
        id: String,
        #[arg(long = "set", value_enum)]
        status: StatusArg,
        #[arg(long)]
        reason: Option<String>,
    },
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Cli;

    /// A parsed command line may end up in a debug log; its PINs and codes must not.
    #[test]
    fn a_parsed_command_line_prints_without_its_pins_or_one_time_code() {
        let lines: [&[&str]; 4] = [
            &[
                "kanak",
                "--as",
                "meena",
                "--pin",
                "97531",
                "close",
                "confirm",
                "MAIN-E00001",
                "--otp",
                "482913",
                "--settlement",
                "cash",
            ],
            &[
                "kanak",
                "setup",
                "--shop-name",
                "L",
                "--branch",
                "MAIN",
                "--owner-name",
                "Ravi",
                "--owner-pin",
                "97531",
            ],
            &["kanak", "staff", "reset-pin", "meena", "--pin", "97531"],
            &[
                "kanak",
                "staff",
                "recover",
                "--recovery-code",
                "ABCD-EFGH-JKLM-NPQR",
                "--pin",
                "97531",
            ],
        ];
        for line in lines {
            let cli = Cli::try_parse_from(line).unwrap();
            let shown = format!("{cli:?}");
            for secret in ["97531", "482913", "ABCD-EFGH"] {
                assert!(!shown.contains(secret), "{secret} in {shown}");
            }
            assert!(shown.contains("<redacted>"), "{shown}");
        }
    }
}
