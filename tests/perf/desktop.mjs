// Desktop cold start and memory (issue #9), on the real app binary under Xvfb over WebDriver.
//
//   KANAK_PERF_SHOP=DIR [KANAK_PERF_RUNS=7] [KANAK_DESKTOP_BIN=…/kanak-desktop] node tests/perf/desktop.mjs
//
// DIR is a data dir with a shop in it (`kanak demo --data-dir DIR`, its key in DIR/test-keys.json).
//
// Cold start: launch → the login screen's first paint. "Launch" is the kernel's start time of the
// kanak-desktop process (/proc/PID/stat field 22, in clock ticks since boot, turned into wall time with
// /proc/uptime: ±10 ms). "First paint" is the `kanak:login-painted` performance mark the login screen
// sets two animation frames after mounting (so the frame showing the form has been painted), turned
// into wall time with performance.timeOrigin. Each run is a fresh app process and a fresh web process
// (the OS page cache stays warm after the first run: a "warm cold start").
//
// Memory: one more session logs in as the owner and browses: the customer list, a name search, a
// customer's profile, the missed, outstanding and year-end reports, and the dashboard. Then it reads
// VmRSS and VmHWM (peak) from /proc/PID/status, and Pss from /proc/PID/smaps_rollup, for the app
// process and each WebKit process under it.

import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { startDriver, Session } from "../e2e/webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const application = process.env.KANAK_DESKTOP_BIN ?? join(targetDir, "debug", "kanak-desktop");
const shop = process.env.KANAK_PERF_SHOP;
const runs = Number(process.env.KANAK_PERF_RUNS ?? 7);
const pin = process.env.KANAK_PERF_PIN ?? "1234";
const TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

function processes() {
  const all = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" "); // fields[0] is field 3 (state)
      all.set(Number(name), { pid: Number(name), comm, ppid: Number(fields[1]), startTicks: Number(fields[19]) });
    } catch {}
  }
  return all;
}

/** The processes under `ancestor` (the driver's process group leader). */
function descendants(ancestor) {
  const all = processes();
  const out = [];
  for (const p of all.values()) {
    for (let q = p; q && q.ppid > 1; q = all.get(q.ppid)) {
      if (q.ppid === ancestor) { out.push(p); break; }
    }
  }
  return out;
}

function bootEpochMs() {
  const uptime = Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]);
  return Date.now() - uptime * 1000;
}

function status(pid) {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
  let pss = NaN;
  try { pss = Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1]); } catch {}
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024, pss: pss / 1024 };
}

function quantile(samples, q) {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.round((s.length - 1) * q)];
}

async function waitForMark(app, timeoutMs = 60000) {
  const script = "const m = performance.getEntriesByName('kanak:login-painted')[0]; return m ? [performance.timeOrigin, m.startTime] : null;";
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const found = await app.cmd("POST", "/execute/sync", { script, args: [] });
      if (found) return found;
    } catch {}
    await sleep(20);
  }
  throw new Error("the login screen never set its kanak:login-painted mark");
}

async function waitGone(driverPid) {
  for (let i = 0; i < 100 && descendants(driverPid).some((p) => p.comm.startsWith("kanak-desktop")); i++) await sleep(100);
}

async function coldStart(driver) {
  const launchToPaint = [];
  const launchToNavigation = [];
  for (let run = 1; run <= runs; run++) {
    await waitGone(driver.pid);
    const app = await Session.create(driver.base, application);
    const [origin, mark] = await waitForMark(app);
    const desktop = descendants(driver.pid).find((p) => p.comm.startsWith("kanak-desktop"));
    const launched = bootEpochMs() + (desktop.startTicks * 1000) / TICKS;
    const painted = origin + mark;
    launchToPaint.push(painted - launched);
    launchToNavigation.push(origin - launched);
    console.log(`cold start run ${run}: launch → login painted ${(painted - launched).toFixed(0)} ms (launch → page navigation ${(origin - launched).toFixed(0)} ms, page → paint ${mark.toFixed(0)} ms)`);
    await app.close();
  }
  const line = (name, s) => console.log(`${name.padEnd(46)} median ${quantile(s, 0.5).toFixed(0).padStart(6)} ms   p99 ${quantile(s, 0.99).toFixed(0).padStart(6)} ms   n=${s.length}`);
  line("desktop cold start: launch → login painted", launchToPaint);
  line("  of which launch → web page navigation", launchToNavigation);
}

async function settle(app, timeoutMs = 120000) {
  // Until no loading text shows in the main area for two checks in a row.
  const script = "const m = document.querySelector('main.content') ?? document.body; return m.innerText;";
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (Date.now() < deadline && quiet < 2) {
    const text = await app.cmd("POST", "/execute/sync", { script, args: [] });
    quiet = /Loading…|Working out the report…|Opening Kanak…/.test(text) ? 0 : quiet + 1;
    await sleep(250);
  }
}

async function go(app, hash) {
  await app.cmd("POST", "/execute/sync", { script: "location.hash = arguments[0];", args: [hash] });
  await sleep(300);
  await settle(app);
}

async function memory(driver) {
  await waitGone(driver.pid);
  const app = await Session.create(driver.base, application);
  await waitForMark(app);
  await app.type("Login", "owner");
  await app.type("PIN", pin);
  await app.click("Log in");
  await app.waitForText('[data-testid="current-user"]', "owner", 60000);
  await settle(app);
  await go(app, "#/customers");
  await app.find('[data-testid="customers-table"]', 60000);
  await app.type("Search customers", "Ra");
  await sleep(600);
  await settle(app);
  const code = await app.cmd("POST", "/execute/sync", { script: "const a = document.querySelector('[data-testid=\"customers-table\"] td a'); return a ? a.textContent : null;", args: [] });
  if (code) await go(app, `#/customers/${encodeURIComponent(code)}`);
  for (const report of ["missed", "outstanding", "year-end"]) await go(app, `#/reports/${report}`);
  await go(app, "#/");
  await sleep(1000);
  const rows = descendants(driver.pid).filter((p) => p.comm.startsWith("kanak-desktop") || p.comm.startsWith("WebKit"));
  let pssTotal = 0;
  for (const p of rows) {
    const m = status(p.pid);
    pssTotal += m.pss;
    console.log(`memory after browsing: ${p.comm.padEnd(22)} pid ${String(p.pid).padEnd(8)} VmRSS ${m.rss.toFixed(1)} MB   VmHWM ${m.hwm.toFixed(1)} MB   Pss ${m.pss.toFixed(1)} MB`);
  }
  console.log(`memory after browsing: all ${rows.length} processes, Pss total ${pssTotal.toFixed(1)} MB (shared pages counted once)`);
  await app.close();
}

if (!shop || !existsSync(shop)) throw new Error("set KANAK_PERF_SHOP to a data dir with a shop (kanak demo --data-dir DIR)");
if (!existsSync(application)) throw new Error(`build the desktop binary first: ${application}`);
const env = { ...process.env, KANAK_DATA_DIR: shop, KANAK_INSECURE_KEYSTORE: process.env.KANAK_INSECURE_KEYSTORE ?? join(shop, "test-keys.json") };
const driver = await startDriver(env);
try {
  console.log(`app ${application}; shop ${shop}; load ${readFileSync("/proc/loadavg", "utf8").trim()}`);
  await coldStart(driver);
  await memory(driver);
} finally {
  driver.stop();
}
