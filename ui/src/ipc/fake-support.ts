// The fake backend's help and operations commands: the support bundle (a list of what the real
// one writes), this installation's settings, and an update check that finds nothing newer.

import type { OpsSettings, SupportBundleView } from "./bindings";
import { FieldProblem } from "./fake-kyc";
import { type Commands, type FakeState, run } from "./fake-state";

type SupportCommands = Pick<Commands, "createSupportBundle" | "opsSettings" | "updateOpsSettings" | "checkForUpdate" | "installUpdate">;

const settings = new WeakMap<FakeState, OpsSettings>();

function current(s: FakeState): OpsSettings {
  if (!settings.has(s)) settings.set(s, { update_endpoint: null, log_level: "info" });
  return settings.get(s)!;
}

function endpoint(raw: string | null): string | null {
  const text = raw?.trim() ?? "";
  if (text === "") return null;
  const local = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(text);
  if (!/^https:\/\/[^/\s]+/.test(text) && !local) throw new FieldProblem("update_endpoint", "must be an https:// address (http:// only for localhost)");
  return text;
}

export function supportCommands(s: FakeState): SupportCommands {
  return {
    createSupportBundle: (path: string) =>
      run((): SupportBundleView => ({
        path: path.endsWith(".zip") ? path : `${path}.zip`,
        files: ["README.txt", "about.json", "counts.json", "errors.json"],
        about: {
          app_version: "0.1.0",
          schema_version: 12,
          binary_schema_version: 12,
          os: "linux",
          arch: "x86_64",
          os_release: null,
          made_at: s.clock.now().toISOString(),
          sync_status: "sync not configured",
        },
      })),
    opsSettings: () => run(() => current(s)),
    updateOpsSettings: (next: OpsSettings) =>
      run(() => {
        const level = next.log_level.trim();
        if (!["error", "warn", "info", "debug", "trace"].includes(level)) throw new FieldProblem("log_level", "must be error, warn, info, debug or trace");
        const saved = { update_endpoint: endpoint(next.update_endpoint), log_level: level };
        settings.set(s, saved);
        return saved;
      }),
    checkForUpdate: () => run(() => ({ current_version: "0.1.0", available: null, notes: null })),
    installUpdate: () =>
      run((): null => {
        throw new FieldProblem("update_endpoint", "no newer version is offered");
      }),
  };
}
