// English strings for the Help page and Settings → Updates. Spread into `en`; hi-help.ts has the same keys.

export const helpEn = {
  "nav.help": "Help",
  "help.title": "Help",
  "help.lead": "Answers to the questions asked most at the counter. Each one names the screen to use.",
  "help.topics": "Topics",

  "help.enroll.title": "Enroll a first-time customer",
  "help.enroll.body":
    "Open Counter. Type the visitor's name and mobile, and PAN or Aadhaar if they give it (only the last 4 digits of Aadhaar are kept). Choose the plan, check the amount, choose the payment mode and press Enroll and take payment. The customer, the enrollment and the first installment are saved together, and the receipt number is shown: hand over the receipt. For someone already registered, use Existing customer on the same screen, or Enroll in a plan on their profile.",
  "help.offline.title": "Record a UPI, card, bank or cheque payment with its reference",
  "help.offline.body":
    "Open Payments, find the customer by code, phone or name, pick the enrollment, type the amount and choose the mode. Every mode except cash needs the Reference: the UPI transaction id, the card slip number, the bank's UTR or the cheque number. Kanak works without internet: the payment is saved on this computer at once. If the same payment is entered twice by mistake, Kanak asks before recording it again.",
  "help.notShown.title": "A customer says they paid, but it is not shown",
  "help.notShown.body":
    "Open the customer's profile (Customers, search by phone) and look at Payments: a cheque shows Processing until it clears. Ask for the receipt number or the UPI/bank reference and look for it in Reports → Payments for that day. If it was paid at another counter, it is on that counter's computer: sync between counters is not built yet. If you find nothing, record the payment only after checking the shop's bank statement; never record it twice.",
  "help.processing.title": "“Processing” payments",
  "help.processing.body":
    "A cheque payment is saved as Processing: it is not counted as money until the bank clears it. Reports → Payments lists payments still processing with their age in days (5 days or more is flagged), and the dashboard shows them apart from confirmed money. When the cheque clears, the owner marks it on the command line: kanak payment status PAYMENT_ID --set confirmed (or failed if it bounced). The screen for this is not built yet.",
  "help.missed.title": "Missed payments this month",
  "help.missed.body":
    "The dashboard's Overdue figure names the months with missed installments; click a month, or open Reports → Missed payments and choose the month. Each row has Send reminder, which sends the customer an SMS or WhatsApp message when the shop has set up messages (Settings → Messages); otherwise it waits in the Outbox.",
  "help.close.title": "Close a plan with the customer's one-time code",
  "help.close.body":
    "Only a manager or the owner can close. Open the enrollment (Enrollments, or the customer's profile) and press Close plan. Check the quote: at maturity the redemption, before it the refund with each deduction. Press Send code: a 6-digit code goes to the customer's mobile. Type the code the customer reads out and press Confirm closure. A code expires after 10 minutes and 5 wrong tries spend it. If no code can be sent, the owner can use Owner override with their PIN and a reason; it is recorded on the audit trail.",
  "help.ledger.title": "Download a customer's ledger (passbook)",
  "help.ledger.body":
    "Open the enrollment and press Download ledger (or Print ledger). The PDF lists every installment, the bonus so far and what is outstanding, in the shop's language. For many at once, use Export ledgers in the menu.",
  "help.pin.title": "Reset a staff member's PIN",
  "help.pin.body":
    "The owner opens Staff, presses Reset PIN beside the person and types a new PIN; tell it to them privately. An account locked after wrong PINs is unlocked by the reset. If the owner forgets their own PIN, use Forgot PIN on the login screen with the recovery code shown at setup.",
  "help.backup.title": "Backups",
  "help.backup.body":
    "Everything is kept in one database on this computer. Keep a copy somewhere else: if the backup screen is in your version (Settings), set a backup folder on a USB drive or a synced folder and check the date of the last good backup there. Otherwise, close Kanak and copy its data folder (on Linux ~/.local/share/in.kanak.app) to a USB drive every day. Never copy it while Kanak is open.",

  "help.support.title": "Create support bundle",
  "help.support.lead":
    "A zip to send to Kanak support: the logs, the app and database versions, the operating system, how many records each table holds and the last errors. It contains no customer details, no PINs, no codes and no keys.",
  "help.support.create": "Create support bundle",
  "help.support.working": "Writing the bundle…",
  "help.support.saved": "Saved to {path} ({count} files)",

  "settings.updatesSection": "Updates and logs",
  "settings.updateEndpoint": "Update address",
  "settings.updateEndpointHint": "The https:// address of the shop's latest.json. Leave empty to never check.",
  "settings.logLevel": "Log level",
  "settings.logLevelHint": "info is right for every day; debug only when support asks.",
  "settings.saveUpdates": "Save",
  "settings.updatesSaved": "Saved",
  "settings.checkUpdate": "Check for updates",
  "settings.upToDate": "Kanak {version} is the newest version.",
  "settings.updateAvailable": "Version {version} is available.",
  "settings.installUpdate": "Install and restart",
} as const;
