// The fake backend's database lock and backups: a shop that starts locked (lockFakeVault) until its
// recovery key is typed, and a pretend backup folder whose backups carry the manifest the real ones do.

import type { BackupManifest, BackupSettings, BackupStatus, BackupView, RestoreReport, VaultState } from "./bindings";
import { FieldProblem } from "./fake-kyc";
import { type Commands, type FakeState, Refusal, requireShop, run } from "./fake-state";

type VaultCommands = Pick<
  Commands,
  "vaultState" | "unlockDatabase" | "backupOverview" | "updateBackupSettings" | "createBackup" | "verifyBackup" | "restoreBackup"
>;

/** The fake database's recovery key (what setup shows), and the folder backups go to by default. */
export const FAKE_RECOVERY_KEY = ["FAKE", ...Array(13).fill("0000")].join("-");
export const FAKE_BACKUP_DIR = "/home/kanak/.local/share/kanak/backups";

type Vault = { locked: boolean; settings: BackupSettings; backups: BackupView[]; runs: { at: Date; ok: boolean }[] };
const vaults = new WeakMap<FakeState, Vault>();

export function fakeVault(s: FakeState): Vault {
  if (!vaults.has(s)) {
    vaults.set(s, {
      locked: false,
      settings: { folder: null, effective_folder: FAKE_BACKUP_DIR, keep_daily: 7, keep_monthly: 12, schedule: "daily" },
      backups: [],
      runs: [],
    });
  }
  return vaults.get(s)!;
}

/** Starts this fake shop locked, as the shell does when the keyring lost the database key. */
export function lockFakeVault(s: FakeState): void {
  fakeVault(s).locked = true;
}

const squeeze = (key: string) => key.toUpperCase().replace(/[\s-]/g, "");

export function fakeBackupStatus(s: FakeState): BackupStatus {
  const good = fakeVault(s).runs.filter((r) => r.ok);
  const last = good[good.length - 1];
  const file = fakeVault(s).backups[0]?.file ?? null;
  const hours = last ? Math.max(0, Math.floor((s.clock.now().getTime() - last.at.getTime()) / 3_600_000)) : null;
  const warning =
    hours === null
      ? "No backup has been made yet. Make one now from Settings → Backups."
      : hours >= 48
        ? `No backup has succeeded in ${Math.floor(hours / 24)} days. Plug in the backup drive or check Settings → Backups.`
        : null;
  return { last_good_at: last?.at.toISOString().replace(/\.\d{3}Z$/, "Z") ?? null, last_good_file: file, age_hours: hours, last_failure_at: null, last_failure: null, warning };
}

function manifest(s: FakeState, at: Date): BackupManifest {
  return {
    format: 1,
    app_version: "0.1.0",
    schema_version: 17,
    created_at: at.toISOString().replace(/\.\d{3}Z$/, "Z"),
    reason: "manual",
    counts: { customers: s.customers.size, enrollments: s.enrollments.size, payments: s.payments.length, closures: s.closures.size, audit_log: s.audit.length },
    sha256: "0".repeat(64),
    size_bytes: String(98_304 + s.payments.length * 512),
  };
}

function backupOrRefuse(s: FakeState, file: string): BackupView {
  if (!/\.kanakbackup$/i.test(file.trim()) || !file.trim().startsWith("/")) throw new FieldProblem("file", "must be the full path of a .kanakbackup file");
  const found = fakeVault(s).backups.find((b) => b.file === file.trim());
  if (!found) throw new Refusal("backup_refused", `${file} has no readable manifest; it is not a complete Kanak backup`);
  return found;
}

export function vaultCommands(s: FakeState): VaultCommands {
  const v = fakeVault(s);
  return {
    vaultState: () =>
      run((): VaultState => (v.locked ? { locked: true, code: "database_locked", reason: "the database key is not in this machine's keyring; enter the recovery key" } : { locked: false, code: null, reason: null })),
    unlockDatabase: (recoveryKey: string) =>
      run((): VaultState => {
        if (!v.locked) throw new Refusal("conflict", "the database is already open (or being opened)");
        const typed = squeeze(recoveryKey);
        if (typed.length !== 56) throw new FieldProblem("recovery_key", "must be the 56 letters and digits of the recovery key");
        if (typed !== squeeze(FAKE_RECOVERY_KEY)) throw new FieldProblem("recovery_key", "is not this shop's recovery key");
        v.locked = false;
        return { locked: false, code: null, reason: null };
      }),
    backupOverview: () => run(() => ({ status: fakeBackupStatus(s), settings: v.settings, backups: v.backups })),
    updateBackupSettings: (next: BackupSettings) =>
      run((): BackupSettings => {
        const folder = next.folder?.trim() || null;
        if (folder && !folder.startsWith("/") && !/^[A-Za-z]:[\\/]/.test(folder)) throw new FieldProblem("folder", "must be a full path (such as E:\\Kanak backups)");
        if (!(next.keep_daily >= 1 && next.keep_daily <= 365)) throw new FieldProblem("keep_daily", "must be between 1 and 365");
        if (!(next.keep_monthly >= 0 && next.keep_monthly <= 120)) throw new FieldProblem("keep_monthly", "must be between 0 and 120");
        v.settings = { ...next, folder, effective_folder: folder ?? FAKE_BACKUP_DIR };
        return v.settings;
      }),
    createBackup: () =>
      run((): BackupView => {
        requireShop(s);
        const at = s.clock.now();
        const stamp = at.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
        let file = `${v.settings.effective_folder}/kanak-${stamp}.kanakbackup`;
        for (let n = 2; v.backups.some((b) => b.file === file); n++) file = `${v.settings.effective_folder}/kanak-${stamp}-${n}.kanakbackup`;
        const view = { file, manifest: manifest(s, at) };
        v.backups.unshift(view);
        v.runs.push({ at, ok: true });
        return view;
      }),
    verifyBackup: (file: string) => run(() => backupOrRefuse(s, file)),
    restoreBackup: (file: string) =>
      run((): RestoreReport => ({ restored: backupOrRefuse(s, file), set_aside: "/home/kanak/.local/share/kanak/kanak.db.before-restore" })),
  };
}
