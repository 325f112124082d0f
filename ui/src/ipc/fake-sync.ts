// The fake backend's sync with a hub: enrolling with a URL and a one-time token, a sync now that
// "reaches" the hub (or not, when the fake hub is set offline), the review queue and its
// resolution, and the auto-sync settings. No network: enough to drive the Settings → Sync
// section, the status indicator and the review queue in the browser and in component tests.

import type { SyncConflictView, SyncReport, SyncSettings, SyncStatusView } from "./bindings";
import { FieldProblem } from "./fake-kyc";
import { type Commands, type FakeState, Refusal, run } from "./fake-state";

type SyncCommands = Pick<Commands, "syncStatus" | "syncEnroll" | "syncNow" | "syncConflicts" | "syncResolve" | "syncSettings" | "updateSyncSettings">;

type FakeSync = {
  status: SyncStatusView;
  settings: SyncSettings;
  queue: (SyncConflictView & { resolution: string | null })[];
  hubOnline: boolean;
};

const all = new WeakMap<FakeState, FakeSync>();

function sync(s: FakeState): FakeSync {
  if (!all.has(s))
    all.set(s, {
      status: {
        enrolled: false, hub_url: null, device_id: null, counter_code: null, branch: null, online: false,
        last_synced_at: null, last_attempt_at: null, last_error: null, events_waiting: 0, events_pending: 0,
        conflicts: 0, clock_warning: null, push_high_water: 0, pull_cursor: 0,
      },
      settings: { auto_sync: true, interval_seconds: 120 },
      queue: [],
      hubOnline: true,
    });
  return all.get(s)!;
}

/** For tests and the browser demo: the fake hub goes offline (or back), and raises a conflict. */
export function setFakeHubOnline(s: FakeState, online: boolean): void {
  sync(s).hubOnline = online;
}

export function raiseFakeConflict(s: FakeState, entry: Pick<SyncConflictView, "id" | "kind" | "detail">): void {
  const f = sync(s);
  f.queue.push({ ...entry, enrollment_id: null, event_id: null, raised_at: s.clock.now().toISOString(), resolved: false, resolution: null });
  f.status.conflicts = f.queue.filter((c) => !c.resolved).length;
}

function hubUrl(raw: string): string {
  const text = raw.trim().replace(/\/+$/, "");
  if (!/^https?:\/\/[^/\s]+/.test(text)) throw new FieldProblem("hub_url", "enter the hub's address, e.g. https://hub.example.in:8750");
  return text;
}

export function syncCommands(s: FakeState): SyncCommands {
  return {
    syncStatus: () => run(() => sync(s).status),
    syncEnroll: (url: string, token: string) =>
      run(() => {
        const f = sync(s);
        const base = hubUrl(url);
        if (token.trim() === "") throw new FieldProblem("token", "enter the one-time token from kanak-hub device add");
        if (!f.hubOnline) throw new Refusal("hub_unreachable", `sync: the hub could not be reached: ${base}`);
        f.status = { ...f.status, enrolled: true, hub_url: base, device_id: "0190f000-0000-7000-8000-000000000001", counter_code: "C1", branch: "MAIN", last_error: null };
        return f.status;
      }),
    syncNow: () =>
      run((): SyncReport => {
        const f = sync(s);
        if (!f.status.enrolled) throw new Refusal("sync_not_enrolled", "this counter is not enrolled with a hub: enroll it in Settings → Sync");
        const at = s.clock.now().toISOString();
        if (!f.hubOnline) {
          f.status = { ...f.status, online: false, last_attempt_at: at, last_error: "sync: the hub could not be reached" };
          throw new Refusal("hub_unreachable", "sync: the hub could not be reached");
        }
        const pushed = f.status.events_waiting;
        f.status = { ...f.status, online: true, last_attempt_at: at, last_synced_at: at, last_error: null, events_waiting: 0 };
        return { pushed, pulled: 0, applied: 0, status: f.status };
      }),
    syncConflicts: (includeResolved: boolean) =>
      run(() => sync(s).queue.filter((c) => includeResolved || !c.resolved).map(({ resolution: _, ...view }) => view)),
    syncResolve: (id: string, resolution: string) =>
      run(() => {
        const f = sync(s);
        const entry = f.queue.find((c) => c.id === id);
        if (!entry) throw new Refusal("not_found", `review entry ${id} was not found`, "id");
        if (resolution.trim() === "") throw new FieldProblem("resolution", "say what was decided");
        if (entry.resolved) throw new Refusal("conflict", "this entry is already resolved");
        entry.resolved = true;
        entry.resolution = resolution.trim();
        f.status = { ...f.status, conflicts: f.queue.filter((c) => !c.resolved).length };
        const { resolution: _, ...view } = entry;
        return view;
      }),
    syncSettings: () => run(() => sync(s).settings),
    updateSyncSettings: (next: SyncSettings) =>
      run(() => {
        if (!Number.isInteger(next.interval_seconds) || next.interval_seconds < 15 || next.interval_seconds > 86400)
          throw new FieldProblem("interval_seconds", "must be between 15 and 86400 seconds");
        sync(s).settings = { ...next };
        return sync(s).settings;
      }),
  };
}
