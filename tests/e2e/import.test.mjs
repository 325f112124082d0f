// End to end: the spreadsheet import screen in the real Kanak window over WebDriver. The native file
// dialog cannot be driven, so the test types the file's path (the screen's other way in). A shop set up
// with the `kanak` command line → log in → Import → a file with a bad mobile: the check lists row,
// column and why, and nothing is stored → the sample docs/import/customers.csv: its columns are
// pre-mapped from the headings, the check passes, Import all rows stores the 3 customers (the command
// line lists them), and importing it again adds nothing.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startDriver, Session } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const application = process.env.KANAK_DESKTOP_BIN ?? join(targetDir, "debug", "kanak-desktop");
const cli = process.env.KANAK_CLI_BIN ?? join(targetDir, "debug", "kanak");
const artifacts = join(root, "tests", "e2e", "artifacts");
const sample = join(root, "docs", "import", "customers.csv");

let driver;
let app;
let dataDir;
let scratch;

// The same key file the window's driver gives the app (webdriver.mjs): the database is encrypted.
const kanak = (...args) => execFileSync(cli, ["--data-dir", dataDir, ...args], {
  encoding: "utf8",
  env: { ...process.env, KANAK_INSECURE_KEYSTORE: `${dataDir}/test-keys.json` },
});

before(async () => {
  assert.ok(existsSync(application), `build the desktop binary first: ${application}`);
  assert.ok(existsSync(cli), `build the kanak command line first: ${cli}`);
  mkdirSync(artifacts, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), "kanak-e2e-import-"));
  scratch = mkdtempSync(join(tmpdir(), "kanak-e2e-import-files-"));
  kanak("setup", "--shop-name", "Lakshmi Jewellers", "--branch", "MAIN", "--owner-name", "Ravi Soni", "--owner-pin", "4321");
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

/** The selected value of the select labelled `label`. */
async function selected(label) {
  const id = await app.byLabel(label, "select");
  return app.cmd("GET", `/element/${id}/property/value`);
}

/** Scrolls the control labelled `label` to the middle of the window, clear of the sticky top bar. */
async function centre(label) {
  const script = "document.querySelector(`[aria-label=\"${arguments[0]}\"]`)?.scrollIntoView({ block: 'center' });";
  await app.cmd("POST", "/execute/sync", { script, args: [label] });
}

async function openFile(path) {
  await centre("File path");
  await app.type("File path", path);
  await centre("Open file");
  await app.click("Open file");
  await app.waitForText('[data-testid="import-file"]', "sheet(s)");
}

const customerCount = () => JSON.parse(kanak("customer", "list", "--json")).length;

test("a bad row is listed by row, column and why; the sample sheet imports all its rows once", async () => {
  await app.type("Login", "owner");
  await app.type("PIN", "4321");
  await app.click("Log in");
  await app.waitForText('[data-testid="current-user"]', "owner");
  await app.click("Import");
  await app.waitForText("h1", "Import from a spreadsheet");

  const bad = join(scratch, "old-book.csv");
  writeFileSync(bad, "Customer Name,Mobile,PAN\nAsha Verma,9876543210,\nRekha Jain,12345,\n");
  await openFile(bad);
  await app.click("Check every row");
  const problems = await app.waitForText('[data-testid="import-problems"]', "Mobile");
  assert.match(problems, /old-book\s+3\s+Mobile\s+.*mobile/i, problems);
  await app.waitForText('[data-testid="import-problem-count"]', "1 problem(s) found");
  await snap("import-01-problems");
  assert.equal(customerCount(), 0, "a check stores nothing");

  await openFile(sample);
  assert.equal(await selected("Rows in customers are"), "customers");
  assert.equal(await selected("Field for Customer Name"), "name");
  assert.equal(await selected("Field for Mobile"), "phone");
  assert.equal(await selected("Field for Pin code"), "pin_code");
  await app.waitForText('[data-testid="import-sheet"]', "Farhan Qureshi");
  await snap("import-02-columns");
  await app.click("Check every row");
  await app.waitForText('[data-testid="import-summary"]', "All 3 rows can be imported.");
  assert.equal(customerCount(), 0, "a check stores nothing");
  await app.click("Import all rows");
  const done = await app.waitForText('[data-testid="import-done"]', "Imported 3 rows.");
  assert.match(done, /Customers: 3 new, 0 already stored/);
  await snap("import-03-done");
  const phones = JSON.parse(kanak("customer", "list", "--json")).map((c) => c.phone).sort();
  assert.deepEqual(phones, ["9123456780", "9876543210", "9988776655"]);

  await app.click("Import another file");
  await openFile(sample);
  await app.click("Check every row");
  await app.waitForText('[data-testid="import-summary"]', "All 3 rows can be imported.");
  await app.click("Import all rows");
  await app.waitForText('[data-testid="import-done"]', "every one was already stored");
  assert.equal(customerCount(), 3, "a second import adds nothing");
});
