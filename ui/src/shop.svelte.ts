// What every screen may need: the app status (shop, today) and today's 22K rate for the top bar.

import { ipc, type AppStatus, type GoldRateView, type VaultState } from "./ipc";
import { setLanguage } from "./i18n";
import { todayIso } from "./format";
import { loadSession, session } from "./session.svelte";

export const shop = $state<{ status: AppStatus | null; todayRate: GoldRateView | null; loadError: string | null; locked: VaultState | null }>({
  status: null,
  todayRate: null,
  loadError: null,
  locked: null,
});

export async function loadStatus(): Promise<void> {
  try {
    // A database whose key is not in this machine's keyring stays closed until the recovery key is typed.
    const vault = await ipc.vaultState();
    shop.locked = vault.locked ? vault : null;
    if (vault.locked) return;
    const status = await ipc.appStatus();
    shop.status = status;
    shop.loadError = null;
    if (status.shop) setLanguage(status.shop.language);
    if (status.setup_done) await loadSession();
    if (session.user) await loadTodayRate();
  } catch (e) {
    shop.loadError = e instanceof Error ? e.message : String(e);
  }
}

export async function loadTodayRate(): Promise<void> {
  const today = shop.status?.today;
  if (!today) return;
  try {
    const rates = await ipc.goldRates(today);
    shop.todayRate = rates.find((r) => r.purity === "22K") ?? null;
  } catch {
    shop.todayRate = null;
  }
}

/** The shop's "today" (the backend's clock), falling back to this computer's date. */
export function today(): string {
  return shop.status?.today ?? todayIso();
}
