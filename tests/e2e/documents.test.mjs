// End to end: printed documents in the real Kanak window over WebDriver. A native save or folder
// dialog cannot be driven, so the app is started with KANAK_SAVE_DIR: the shell then answers the
// dialogs with that folder, and a document to print is written to its print/ subfolder instead of
// being opened in a PDF viewer. Fresh shop → a plan → counter enrollment with the first installment
// → the enrollment page: Download ledger, Print ledger in Hindi, the 80 mm receipt of the payment →
// Export ledgers into the folder and as one combined PDF.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startDriver, Session } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const application = process.env.KANAK_DESKTOP_BIN ?? join(targetDir, "debug", "kanak-desktop");
const artifacts = join(root, "tests", "e2e", "artifacts");

let driver;
let app;
let saveDir;

before(async () => {
  assert.ok(existsSync(application), `build the desktop binary first: ${application}`);
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "kanak-e2e-documents-"));
  saveDir = mkdtempSync(join(tmpdir(), "kanak-e2e-saved-"));
  driver = await startDriver({ ...process.env, KANAK_DATA_DIR: dataDir, KANAK_SAVE_DIR: saveDir });
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

/** Waits for a file to appear (the command has answered by the time the UI says so; this is slack). */
async function pdfAt(path) {
  for (let i = 0; i < 50 && !existsSync(path); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(existsSync(path), `${path} was not written`);
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 5).toString(), "%PDF-", `${path} is not a PDF`);
  return path;
}

/** The PDF's text, when poppler's pdftotext is installed ("" otherwise). */
function pdfText(path) {
  try {
    return execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
  } catch {
    return "";
  }
}

async function setUpShopWithOneEnrollment() {
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
  await app.waitForText('[data-testid="current-user"]', "owner");

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
  await app.waitForText('[data-testid="counter-success"]', "MAIN-R000001");
  await app.click("Open profile");
  await app.waitForText('[data-testid="profile-payments"]', "MAIN-R000001");
  await clickCss('a[href="#/enrollments/MAIN-E00001"]');
  await app.waitForText("h1", "MAIN-E00001");
}

test("the ledger, a thermal receipt and the bulk export are written as PDFs", async () => {
  await setUpShopWithOneEnrollment();

  // Download ledger: the "save dialog" is KANAK_SAVE_DIR, the file takes the proposed name
  await app.click("Download ledger");
  const saved = await app.waitForText('[data-testid="enrollment-documents"]', "Saved to");
  const ledger = join(saveDir, "ledger-MAIN-E00001.pdf");
  assert.match(saved, new RegExp(`Saved to ${ledger}`));
  const text = pdfText(await pdfAt(ledger));
  if (text) {
    assert.match(text, /MAIN-E00001/);
    assert.match(text, /5,000\.00/);
  }

  // Print ledger, in Hindi: written to the print folder (not opened under test)
  await app.choose("Document language", "hi");
  await app.click("Print ledger");
  await app.waitForText('[data-testid="enrollment-documents"]', "for printing");
  await pdfAt(join(saveDir, "print", "ledger-MAIN-E00001.pdf"));

  // The payment row's 80 mm receipt
  await app.cmd("POST", "/execute/sync", { script: "window.scrollTo(0, 0);", args: [] });
  const card = await app.text('[data-testid="enrollment-documents"]');
  await snap("documents-01-enrollment");
  assert.doesNotMatch(card, /Making the PDF/, "only one Print ledger ran");
  await app.click("Thermal receipt MAIN-R000001 (80 mm)");
  await app.find('[role="menu"]');
  await app.cmd("POST", "/execute/sync", { script: "document.querySelector('[data-testid=\"enrollment-payments\"]').scrollIntoView({ block: 'center' });", args: [] });
  await snap("documents-02-receipt-menu");
  await app.click("Print receipt MAIN-R000001");
  await app.waitForText('[data-testid="enrollment-payments-receipt"]', "Receipt MAIN-R000001 opened for printing");
  const receipts = readdirSync(join(saveDir, "print")).filter((name) => name.startsWith("receipt-80mm-"));
  assert.equal(receipts.length, 1, `one 80 mm receipt in ${readdirSync(join(saveDir, "print"))}`);
  await pdfAt(join(saveDir, "print", receipts[0]));

  // Export ledgers: into the folder, then as one combined PDF
  await app.click("Export ledgers");
  await app.waitForText('[data-testid="export-count"]', "Enrollments that match: 1");
  await snap("documents-03-export");
  await app.click("Export");
  try {
    await app.waitForText('[data-testid="export-result"]', `Ledgers exported: 1, to ${saveDir}`);
  } finally {
    await snap("documents-04-exported");
  }
  await pdfAt(join(saveDir, "LEDGER-MAIN-E00001.pdf"));
  await app.click("One combined PDF");
  await app.click("Export");
  const combined = await app.waitForText('[data-testid="export-result"]', ".pdf");
  const file = /to (\S+\.pdf)/.exec(combined)?.[1];
  assert.ok(file?.startsWith(saveDir), combined);
  await pdfAt(file);
});
