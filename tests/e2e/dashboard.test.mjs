// End to end: the dashboard is the home screen, its figures follow a payment without a restart, and a
// figure opens the report behind it. Fresh shop → a plan → a counter enrollment with its first
// installment → the dashboard shows today's collection → clicking it opens today's payments report,
// which lists the receipt.

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
  const dataDir = mkdtempSync(join(tmpdir(), "kanak-e2e-dashboard-"));
  driver = await startDriver({ ...process.env, KANAK_DATA_DIR: dataDir });
  app = await Session.create(driver.base, application);
});

after(async () => {
  await app?.close();
  driver?.stop();
});

/** A screenshot, once the window has painted what the DOM already shows (WebKit lags a frame or two). */
async function snap(name) {
  await new Promise((r) => setTimeout(r, 400));
  writeFileSync(join(artifacts, `${name}.png`), await app.screenshot());
}

async function clickCss(css) {
  const id = await app.find(css);
  await app.cmd("POST", `/element/${id}/click`, {});
}

test("a payment shows in today's collection on the dashboard, and the figure opens the payments report with it", async () => {
  await app.type("Shop name", "Lakshmi Jewellers");
  await app.type("Address", "12 Johari Bazaar, Jaipur");
  await app.type("Branch code", "MAIN");
  await app.type("Owner name", "Ravi Soni");
  await app.type("Owner PIN", "4321");
  await app.type("Confirm PIN", "4321");
  await app.click("Start using Kanak");
  await app.waitForText('[data-testid="recovery-code"]', "-");
  await app.click("Continue");
  // The database recovery key, shown once: confirmed written down before the app opens.
  await app.find('[data-testid="recovery-key-groups"]');
  await app.click("I have written it down or printed the sheet");
  await app.click("Continue");

  // The home screen is the dashboard: nothing collected yet, and today's rate not entered.
  await app.waitForText("h1", "Dashboard");
  await app.waitForText('[data-testid="today-collection"]', "₹0.00");
  await app.waitForText('[data-testid="dashboard-rate-missing"]', "Today's rate not entered");

  await app.click("Plans");
  await app.type("Plan name", "Swarna 11");
  await app.type("Plan code", "SWARNA11");
  await app.type("Installment amount", "5000");
  await app.type("Number of installments", "11");
  await app.type("Bonus", "1 installment");
  await app.click("Create plan");
  await app.waitForText("main.content", "SWARNA11");

  await app.click("Counter");
  await app.type("Customer name", "Asha Verma");
  await app.type("Phone", "98765 43210");
  await app.choose("Plan", "SWARNA11");
  await app.type("Amount", "5000");
  await app.click("Enroll and take payment");
  await app.waitForText('[role="status"]', "MAIN-R000001");

  // Back on the dashboard, without a restart, the payment is in today's collection.
  await app.click("Dashboard");
  const today = await app.waitForText('[data-testid="today-collection"]', "₹5,000.00");
  assert.match(today, /Confirmed/);
  await app.waitForText('[data-testid="recent-payments"]', "MAIN-R000001");
  await app.waitForText('[data-testid="active"]', "1");
  await snap("dashboard-01-after-payment");

  // The figure links to today's payments report, which lists the receipt.
  await app.click("Today's collection: ₹5,000.00");
  await app.waitForText("h1", "Payments");
  const table = await app.waitForText('[data-testid="report-table"]', "MAIN-R000001");
  assert.match(table, /Asha Verma/);
  assert.match(table, /₹5,000\.00/);
  await snap("dashboard-02-payments-report");

  // Customize: hide the sync widget; the layout survives leaving and coming back.
  await app.click("Dashboard");
  await app.click("Customize");
  await app.click("Show Sync");
  await app.click("Move Recent payments up");
  await app.click("Done");
  await app.click("Counter");
  await app.click("Dashboard");
  await app.waitForText('[data-testid="recent-payments"]', "MAIN-R000001");
  const shown = await app.cmd("POST", "/execute/sync", { script: "return [...document.querySelectorAll('[data-widget]')].map((w) => w.dataset.widget);", args: [] });
  assert.ok(!shown.includes("sync_status"), `sync is hidden: ${shown}`);
  assert.ok(shown.indexOf("recent_payments") < shown.indexOf("collection_chart"), `recent payments moved up: ${shown}`);
  await snap("dashboard-03-customized");
});
