// A small W3C WebDriver client over fetch, plus the tauri-driver/Xvfb lifecycle.
// No npm dependencies: the end-to-end test runs with Node's own test runner.

import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecc";

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Starts tauri-driver under a virtual display; resolves once it accepts sessions. */
export async function startDriver(env) {
  // No desktop keyring under Xvfb: the database key goes to a file in the test's data dir.
  if (env.KANAK_DATA_DIR && !env.KANAK_INSECURE_KEYSTORE) {
    env = { ...env, KANAK_INSECURE_KEYSTORE: `${env.KANAK_DATA_DIR}/test-keys.json` };
  }
  const port = await freePort();
  const nativePort = await freePort();
  const child = spawn("xvfb-run", ["-a", "-s", "-screen 0 1280x900x24", "tauri-driver", "--port", String(port), "--native-port", String(nativePort)], {
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${base}/status`);
      if (res.ok) return { base, pid: child.pid, stop: () => { try { process.kill(-child.pid, "SIGTERM"); } catch {} } };
    } catch {}
    await sleep(100);
  }
  try { process.kill(-child.pid, "SIGTERM"); } catch {}
  throw new Error("tauri-driver did not start");
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async create(base, application) {
    const body = { capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application } } } };
    const value = await call(base, "POST", "/session", body);
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return call(this.base, method, `/session/${this.id}${path}`, body);
  }

  /** Waits until a CSS selector matches a displayed element. */
  async find(css, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    let lastError;
    while (Date.now() < deadline) {
      try {
        const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
        for (const el of found) {
          const id = el[ELEMENT] ?? el.ELEMENT ?? Object.values(el)[0];
          if (await this.cmd("GET", `/element/${id}/displayed`)) return id;
        }
      } catch (e) {
        lastError = e;
      }
      await sleep(150);
    }
    throw new Error(`no visible element for ${css}${lastError ? `: ${lastError.message}` : ""}`);
  }

  /** The control whose accessible label is `label` (aria-label), as a screen reader would find it. */
  byLabel(label, tag = "") {
    return this.find(`${tag}[aria-label="${label.replaceAll('"', '\\"')}"]`);
  }

  async type(label, text) {
    const id = await this.byLabel(label);
    await this.cmd("POST", `/element/${id}/clear`, {});
    await this.cmd("POST", `/element/${id}/value`, { text });
    const value = await this.cmd("GET", `/element/${id}/property/value`);
    if (value !== text) throw new Error(`typed ${JSON.stringify(text)} into ${label} but it shows ${JSON.stringify(value)}`);
  }

  async choose(label, optionValue) {
    const select = await this.byLabel(label);
    await this.cmd("POST", `/element/${select}/click`, {});
    const option = await this.find(`[aria-label="${label}"] option[value="${optionValue}"]`);
    await this.cmd("POST", `/element/${option}/click`, {});
  }

  async click(label) {
    const id = await this.byLabel(label);
    await this.cmd("POST", `/element/${id}/click`, {});
  }

  /** The rendered text of the first element matching `css` ("" when none). */
  async text(css) {
    const script = "const el = document.querySelector(arguments[0]); return el ? el.innerText : '';";
    return this.cmd("POST", "/execute/sync", { script, args: [css] });
  }

  /** Waits for `css` to contain `expected` text. */
  async waitForText(css, expected, timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    let seen = "";
    while (Date.now() < deadline) {
      try {
        seen = await this.text(css);
        if (seen.includes(expected)) return seen;
      } catch {}
      await sleep(150);
    }
    throw new Error(`${css} never showed ${JSON.stringify(expected)}; last saw ${JSON.stringify(seen)}`);
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  async close() {
    try { await this.cmd("DELETE", ""); } catch {}
  }
}

async function call(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json.value ?? json)}`);
  return json.value;
}
