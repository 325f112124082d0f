// End to end: two desktop apps and one hub on one machine. A throwaway PostgreSQL (Debian's initdb
// and pg_ctl on a temp dir, unix socket only), kanak-hub serving on a free loopback port, and the
// real Kanak window twice, on two data dirs, one after the other:
// app A enrolls in Settings → Sync with a token from `kanak-hub device add`, takes a payment at the
// counter and presses Sync now; app B (which registered the same phone on its own) enrolls, syncs,
// shows A's payment exactly once on the customer's profile, and lists the same-phone entry in its
// review queue, where the owner resolves it.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startDriver, Session } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const application = process.env.KANAK_DESKTOP_BIN ?? join(targetDir, "debug", "kanak-desktop");
const hubBin = process.env.KANAK_HUB_BIN ?? join(targetDir, "debug", "kanak-hub");
const artifacts = join(root, "tests", "e2e", "artifacts");
const screenshots = join(root, "docs", "screenshots");

let pg; // { dir, bin, asPostgres }
let dbUrl;
let hub;
let hubUrl;

function pgBin() {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? execFileSync("ls", [base]).toString().split(/\s+/).filter((v) => /^\d+$/.test(v)) : [];
  versions.sort((a, b) => Number(a) - Number(b));
  const bin = versions.length ? join(base, versions.at(-1), "bin") : null;
  assert.ok(bin && existsSync(join(bin, "initdb")), "no PostgreSQL binaries: apt-get install postgresql");
  return bin;
}

/** Runs a PostgreSQL program, as the postgres user when we are root (initdb refuses root). */
function pgRun(program, args) {
  const exe = join(pg.bin, program);
  const [cmd, all] = pg.asPostgres ? ["runuser", ["-u", "postgres", "--", exe, ...args]] : [exe, args];
  return execFileSync(cmd, all, { cwd: pg.dir, stdio: ["ignore", "pipe", "pipe"] }).toString();
}

async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
    server.on("error", fail);
  });
}

function hubCli(...args) {
  return execFileSync(hubBin, ["--database-url", dbUrl, ...args], { stdio: ["ignore", "pipe", "pipe"] }).toString();
}

before(async () => {
  assert.ok(existsSync(application), `build the desktop binary first: ${application}`);
  assert.ok(existsSync(hubBin), `build the hub first (cargo build -p kanak-hub): ${hubBin}`);
  mkdirSync(artifacts, { recursive: true });
  mkdirSync(screenshots, { recursive: true });
  const dir = mkdtempSync("/tmp/kanak-e2e-pg-");
  const asPostgres = process.getuid?.() === 0;
  pg = { dir, bin: pgBin(), asPostgres };
  if (asPostgres) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  pgRun("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions"]);
  const options = `-k ${dir} -p 5432 -c listen_addresses='' -F -c shared_buffers=16MB -c max_connections=40`;
  pgRun("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-o", options, "-w", "-t", "30", "start"]);
  dbUrl = `postgres://postgres@localhost:5432/postgres?host=${dir}`;
  const port = await freePort();
  hubUrl = `http://127.0.0.1:${port}`;
  hub = spawn(hubBin, ["--database-url", dbUrl, "serve", "--listen", `127.0.0.1:${port}`], { stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${hubUrl}/health`)).ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error("kanak-hub did not start");
});

after(() => {
  hub?.kill("SIGTERM");
  if (pg) {
    try {
      pgRun("pg_ctl", ["-D", join(pg.dir, "data"), "-m", "immediate", "-w", "stop"]);
    } catch {}
    execFileSync("rm", ["-rf", pg.dir]);
  }
});

/** One desktop app on its own data dir, under its own tauri-driver; stopped by close(). */
async function openApp(name) {
  const dataDir = mkdtempSync(join(tmpdir(), `kanak-e2e-sync-${name}-`));
  const driver = await startDriver({ ...process.env, KANAK_DATA_DIR: dataDir });
  const app = await Session.create(driver.base, application);
  app.snap = async (file) => writeFileSync(file, await app.screenshot());
  app.go = (hash) => app.cmd("POST", "/execute/sync", { script: "window.location.hash = arguments[0]; return true;", args: [hash] });
  app.hash = () => app.cmd("POST", "/execute/sync", { script: "return window.location.hash;", args: [] });
  app.stop = async () => {
    await app.close();
    driver.stop();
    await sleep(500);
  };
  return app;
}

async function setUp(app) {
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
}

async function enrollWithHub(app, token) {
  await app.go("#/settings");
  await app.type("Hub address", hubUrl);
  await app.type("One-time token", token);
  await app.click("Enroll this counter");
  await app.waitForText('[data-testid="sync-settings"] [role="status"]', "Enrolled with the hub");
  await app.waitForText('[data-testid="sync-indicator"]', "waiting");
}

async function syncNow(app) {
  await app.go("#/settings");
  await app.click("Sync now");
  return app.waitForText('[data-testid="sync-settings"] [role="status"]', "Sent ");
}

test("a payment taken on counter A appears on counter B once after a sync", async () => {
  const tokenA = hubCli("device", "add", "--branch", "MAIN", "--name", "Counter A").split("\n")[0].trim();
  const tokenB = hubCli("device", "add", "--branch", "MAIN", "--name", "Counter B").split("\n")[0].trim();
  assert.ok(tokenA.length > 10 && tokenB.length > 10, "device add prints the one-time token");

  // Counter A: set up, enroll with the hub in Settings, take a payment, Sync now.
  const a = await openApp("a");
  let receipt;
  let profileHash;
  try {
    await setUp(a);
    await enrollWithHub(a, tokenA);
    await a.snap(join(screenshots, "sync-settings.png"));
    await a.click("Plans");
    await a.type("Plan name", "Swarna 11");
    await a.type("Plan code", "SWARNA11");
    await a.type("Installment amount", "5000");
    await a.type("Number of installments", "11");
    await a.type("Bonus", "1 installment");
    await a.click("Create plan");
    await a.waitForText("main.content", "SWARNA11");
    await a.click("Counter");
    await a.type("Customer name", "Asha Verma");
    await a.type("Phone", "98123 45678");
    await a.choose("Plan", "SWARNA11");
    await a.type("Amount", "5000");
    await a.click("Enroll and take payment");
    const done = await a.waitForText('[role="status"]', "R0");
    receipt = done.match(/[A-Z0-9-]*R\d{6}/)[0];
    await a.click("Open profile");
    await a.waitForText('[data-testid="profile-payments"]', receipt);
    profileHash = await a.hash();
    // The auto-sync worker (woken by the enrollment) may have sent some already: the count may be 0.
    await syncNow(a);
    await a.waitForText('[data-testid="sync-indicator"]', "0 waiting");
  } catch (e) {
    await a.snap(join(artifacts, "sync-a-failed.png")).catch(() => {});
    throw e;
  } finally {
    await a.stop();
  }

  // Counter B: set up, register the same phone on its own, enroll, sync.
  const b = await openApp("b");
  try {
    await setUp(b);
    await b.go("#/customers/new");
    await b.type("Customer name", "Asha V.");
    await b.type("Phone", "98123 45678");
    await b.click("Save customer");
    await b.waitForText("h1", "Asha V.");
    await enrollWithHub(b, tokenB);
    await syncNow(b);
    await b.go(profileHash);
    const payments = await b.waitForText('[data-testid="profile-payments"]', receipt);
    assert.equal(payments.split(receipt).length - 1, 1, `${receipt} once on B: ${payments}`);
    // The same phone on two customers is for the manager: the indicator links to the review queue.
    await b.waitForText('[data-testid="sync-indicator"]', "to review");
    const indicator = await b.find('[data-testid="sync-indicator"]');
    await b.cmd("POST", `/element/${indicator}/click`, {});
    await b.waitForText('[data-testid="review-table"]', "Same phone twice");
    await b.snap(join(screenshots, "sync-review.png"));
    const row = await b.cmd("POST", "/execute/sync", { script: "return document.querySelector('[data-testid=review-row] input').getAttribute('aria-label');", args: [] });
    await b.type(row, "Two people share this phone");
    await b.click(row.replace(/^Decision/, "Resolve"));
    await b.waitForText('[role="status"]', "Marked resolved");
    await b.waitForText('[data-testid="review-empty"]', "Nothing to review");
  } catch (e) {
    await b.snap(join(artifacts, "sync-b-failed.png")).catch(() => {});
    throw e;
  } finally {
    await b.stop();
  }
});
