// End to end: closing a plan with a one-time code, in the real Kanak window over WebDriver.
// Fresh shop (setup logs the owner in; the console provider is the default) → a plan that may close
// from its first installment with a 2% deduction → counter enrollment with that installment → the
// enrollment page → Close plan → cash → Send code → the code from the TEST MODE banner → Confirm
// closure → "Closed by owner", and payments are no longer offered.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startDriver, Session } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const application = process.env.KANAK_DESKTOP_BIN ?? join(targetDir, "debug", "kanak-desktop");
const artifacts = join(root, "tests", "e2e", "artifacts");

let driver;
let app;

before(async () => {
  assert.ok(existsSync(application), `build the desktop binary first: ${application}`);
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "kanak-e2e-closure-"));
  driver = await startDriver({ ...process.env, KANAK_DATA_DIR: dataDir });
  app = await Session.create(driver.base, application);
});

after(async () => {
  await app?.close();
  driver?.stop();
});

async function snap(name) {
  writeFileSync(join(artifacts, `${name}.png`), await app.screenshot());
}

/** Clicks the first displayed element matching `css` (links without an aria-label). */
async function clickCss(css) {
  const id = await app.find(css);
  await app.cmd("POST", `/element/${id}/click`, {});
}

test("a premature closure confirmed with the console provider's one-time code", async () => {
  // First-run setup: the owner is logged in, and the recovery code is shown once
  await app.type("Shop name", "Lakshmi Jewellers");
  await app.type("Address", "12 Johari Bazaar, Jaipur");
  await app.type("Branch code", "MAIN");
  await app.type("Owner name", "Ravi Soni");
  await app.type("Owner PIN", "4321");
  await app.type("Confirm PIN", "4321");
  await app.click("Start using Kanak");
  const recovery = await app.waitForText('[data-testid="recovery-code"]', "-");
  assert.match(recovery, /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
  await app.click("Continue");
  // The database recovery key, shown once: confirmed written down before the app opens.
  await app.find('[data-testid="recovery-key-groups"]');
  await app.click("I have written it down or printed the sheet");
  await app.click("Continue");
  await app.waitForText('[data-testid="current-user"]', "owner");

  // A plan that may close from the first installment, 2% of the amount paid deducted
  await app.click("Plans");
  await app.type("Plan name", "Early Exit 11");
  await app.type("Plan code", "EARLY11");
  await app.type("Installment amount", "5000");
  await app.type("Number of installments", "11");
  await app.type("Bonus", "1 installment");
  await app.type("Earliest after installments", "1");
  await app.type("Deduction (% of paid)", "2");
  await app.choose("Early closure settled in", "cash_or_jewellery");
  await app.click("Create plan");
  try {
    await app.waitForText("main.content", "EARLY11");
  } finally {
    await snap("closure-01-plan");
  }

  // Counter enrollment with the first installment
  await app.click("Counter");
  await app.type("Customer name", "Asha Verma");
  await app.type("Phone", "98765 43210");
  await app.choose("Plan", "EARLY11");
  await app.type("Amount", "5000");
  await app.click("Enroll and take payment");
  await app.waitForText('[role="status"]', "MAIN-R000001");

  // The enrollment page, from the customer's profile
  await app.click("Open profile");
  await app.waitForText('[data-testid="profile-payments"]', "MAIN-R000001");
  await clickCss('a[href="#/enrollments/MAIN-E00001"]');
  await app.waitForText("h1", "MAIN-E00001");

  // Close plan: the quote, cash settlement, a code from the TEST MODE banner
  await app.click("Close plan");
  const quote = await app.waitForText('[data-testid="close-quote"]', "₹4,900.00");
  assert.match(quote, /₹5,000\.00/);
  await app.choose("Settlement", "cash");
  await app.click("Send code");
  await app.waitForText('[data-testid="otp-test-mode"]', "TEST MODE");
  const code = (await app.text('[data-testid="otp-test-code"]')).trim();
  assert.match(code, /^\d{6}$/);
  await snap("closure-02-code-sent");
  await app.type("One-time code", code);
  await app.click("Confirm closure");

  // Closed: by whom, how, and no more payments
  try {
    await app.waitForText('[data-testid="closed-by"]', "Closed by owner");
  } finally {
    await snap("closure-03-closed");
  }
  const summary = await app.text('[data-testid="closure-summary"]');
  assert.match(summary, /Premature closure/);
  assert.match(summary, /₹4,900\.00/);
  assert.match(summary, /one-time code/);
  const takePayment = await app.cmd("POST", "/execute/sync", { script: "return document.querySelectorAll('[aria-label=\"Take payment\"]').length;", args: [] });
  assert.equal(takePayment, 0);
});
