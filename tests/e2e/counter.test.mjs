// End to end: the real Kanak window, under Xvfb, over WebDriver (tauri-driver + WebKitWebDriver).
// First-run setup → a plan → counter enrollment of a customer with a Hindi name and the first
// installment → the profile shows the payment.

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
  const dataDir = mkdtempSync(join(tmpdir(), "kanak-e2e-"));
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

test("first-run setup, counter enrollment with a Hindi name, and the payment on the profile", async () => {
  // First-run setup
  await app.type("Shop name", "Lakshmi Jewellers");
  await app.type("Address", "12 Johari Bazaar, Jaipur");
  await app.type("Branch code", "MAIN");
  await app.type("Owner name", "Ravi Soni");
  await app.type("Owner PIN", "4321");
  await app.type("Confirm PIN", "4321");
  await snap("01-setup");
  await app.click("Start using Kanak");
  // The owner's recovery code is shown once; setup has logged the owner in.
  await app.waitForText('[data-testid="recovery-code"]', "-");
  await snap("01b-recovery-code");
  await app.click("Continue");
  // The database recovery key, shown once: confirmed written down before the app opens.
  await app.find('[data-testid="recovery-key-groups"]');
  await app.click("I have written it down or printed the sheet");
  await app.click("Continue");

  // A plan to enroll in
  await app.click("Plans");
  await app.type("Plan name", "Swarna 11");
  await app.type("Plan code", "SWARNA11");
  await app.type("Installment amount", "5000");
  await app.type("Number of installments", "11");
  await app.type("Bonus", "1 installment");
  await app.click("Create plan");
  try {
    await app.waitForText("main.content", "SWARNA11");
  } finally {
    await snap("02-plan-created");
  }

  // Counter enrollment: register, enroll and take the first installment on one screen
  await app.click("Counter");
  await app.type("Customer name", "श्रीमती लक्ष्मी");
  await app.type("Phone", "98123 45678");
  await app.choose("Plan", "SWARNA11");
  await app.type("Amount", "5000");
  await snap("03-counter-filled");
  await app.click("Enroll and take payment");
  const receipt = await app.waitForText('[role="status"]', "MAIN-R000001");
  assert.match(receipt, /MAIN-00001/);
  await snap("04-counter-done");

  // The profile shows the customer and the payment
  await app.click("Open profile");
  const heading = await app.waitForText("h1", "श्रीमती लक्ष्मी");
  assert.equal(heading.trim(), "श्रीमती लक्ष्मी");
  const payments = await app.waitForText('[data-testid="profile-payments"]', "MAIN-R000001");
  assert.match(payments, /₹5,000\.00/);
  await snap("05-profile");
});
