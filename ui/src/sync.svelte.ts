// Where this counter stands with the shop's hub, for the indicator in the top bar, Settings → Sync
// and the review queue. Fetched from the local store (never waits for the network) when the app
// starts, after the staff change data here, and whenever the shell's auto-sync worker says a sync
// finished ("sync-changed"); when that sync applied other counters' changes, the screens that
// show figures fetch again through the data-changed signal.

import { ipc, type SyncStatusView } from "./ipc";
import { dataChanged } from "./data-version.svelte";

export const syncState = $state<{ status: SyncStatusView | null }>({ status: null });

/** What the shell emits after every sync: how many pulled events changed data here. */
export type SyncChanged = { applied: number; online: boolean };

export async function refreshSync(): Promise<void> {
  try {
    syncState.status = await ipc.syncStatus();
  } catch {
    // Logged out or not set up yet: the indicator stays as it was.
  }
}

/** Handles one sync-changed event: the status again, and the screens if data moved. */
export async function onSyncChanged(changed: SyncChanged): Promise<void> {
  await refreshSync();
  if (changed.applied > 0) dataChanged();
}

/** Listens to the shell's sync-changed event (inside the Tauri window only). Returns the stop function. */
export async function listenToSync(): Promise<() => void> {
  if (typeof window === "undefined" || !("__TAURI_INTERNALS__" in window)) return () => {};
  const { listen } = await import("@tauri-apps/api/event");
  return listen<SyncChanged>("sync-changed", (event) => void onSyncChanged(event.payload));
}

export type Indicator = { tone: "ok" | "warn" | "off"; key: "sync.indicatorOnline" | "sync.indicatorOffline" | "sync.indicatorNotEnrolled" };

/** How the top bar shows the status: online, offline (the last attempt failed or none yet), or not enrolled. */
export function indicatorOf(status: SyncStatusView | null): Indicator {
  if (!status?.enrolled) return { tone: "off", key: "sync.indicatorNotEnrolled" };
  return status.online ? { tone: "ok", key: "sync.indicatorOnline" } : { tone: "warn", key: "sync.indicatorOffline" };
}

/** The interval field's text as whole seconds, or null when it is not a whole number. */
export function parseSeconds(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}
