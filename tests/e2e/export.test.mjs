// End to end: a bulk export's progress bar and Cancel, in the real Kanak window over WebDriver.
// The shop is seeded with the `kanak` command line (setup, a plan, 60 enrollments) so the export
// takes long enough to watch; KANAK_SAVE_DIR stands in for the folder picker. Log in as the owner →
// Export ledgers → Export → the bar moves → Cancel export → it stops between two ledgers, and the
// folder holds exactly the ledgers it says it wrote.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startDriver, Session } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const application = process.env.KANAK_DESKTOP_BIN ?? join(targetDir, "debug", "kanak-desktop");
const cli = process.env.KANAK_CLI_BIN ?? join(targetDir, "debug", "kanak");
const artifacts = join(root, "tests", "e2e", "artifacts");
const ENROLLMENTS = 60;

let driver;
let app;
let saveDir;

/** A shop with one plan and ENROLLMENTS customers enrolled in it, made with the command line. */
function seed(dataDir) {
  const kanak = (...args) => execFileSync(cli, ["--data-dir", dataDir, ...args], {
    stdio: "pipe",
    env: { ...process.env, KANAK_INSECURE_KEYSTORE: `${dataDir}/test-keys.json` },
  });
  kanak("setup", "--shop-name", "Lakshmi Jewellers", "--branch", "MAIN", "--owner-name", "Ravi Soni", "--owner-pin", "4321");
  kanak("plan", "add", "--name", "Swarna 11", "--code", "SWARNA11", "--kind", "amount", "--installment", "5000", "--installments", "11", "--bonus", "1 installment");
  const names = ["Asha Verma", "Meena Soni", "Lakshmi Devi", "Farida Khan", "Gurpreet Kaur", "Kavita Joshi"];
  for (let i = 1; i <= ENROLLMENTS; i++) {
    kanak("customer", "add", "--name", names[i % names.length], "--phone", `98123${String(i).padStart(5, "0")}`);
    kanak("enroll", "--customer", `MAIN-${String(i).padStart(5, "0")}`, "--plan", "SWARNA11");
  }
}

before(async () => {
  assert.ok(existsSync(application), `build the desktop binary first: ${application}`);
  assert.ok(existsSync(cli), `build the kanak command line first: ${cli}`);
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "kanak-e2e-export-"));
  saveDir = mkdtempSync(join(tmpdir(), "kanak-e2e-export-out-"));
  seed(dataDir);
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

/** The progress bar's value, or -1 while it is not shown. */
async function progressDone() {
  const script = "const bar = document.querySelector('[data-testid=\"export-progress\"] progress'); return bar ? bar.value : -1;";
  return app.cmd("POST", "/execute/sync", { script, args: [] });
}

test("a bulk export shows its progress and Cancel stops it between two ledgers", async () => {
  await app.type("Login", "owner");
  await app.type("PIN", "4321");
  await app.click("Log in");
  await app.waitForText('[data-testid="current-user"]', "owner");

  await app.click("Export ledgers");
  await app.waitForText('[data-testid="export-count"]', `Enrollments that match: ${ENROLLMENTS}`);
  await app.click("Export");
  let done = -1;
  for (let i = 0; i < 200 && done < 3; i++) {
    done = await progressDone();
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(done >= 3 && done < ENROLLMENTS, `the bar should be moving, at ${done}`);
  await app.waitForText('[data-testid="export-progress"]', `of ${ENROLLMENTS}`);
  await snap("export-01-progress");
  await app.click("Cancel export");
  let result;
  try {
    result = await app.waitForText('[data-testid="export-result"]', "Export cancelled");
  } finally {
    await snap("export-02-cancelled");
  }
  const written = Number(/ledgers written (\d+) of (\d+)/.exec(result)?.[1]);
  assert.ok(written >= 3 && written < ENROLLMENTS, result);
  const files = readdirSync(saveDir).filter((name) => /^LEDGER-MAIN-E\d{5}\.pdf$/.test(name));
  assert.equal(files.length, written, `${saveDir} holds ${files}`);
});
