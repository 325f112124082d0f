// How a backup's age and contents read, on the Backups screen and the dashboard's backup line.

import type { BackupManifest, BackupStatus } from "../../ipc";
import { t, type MessageKey } from "../../i18n";
import { formatTimestamp } from "../../format";

/** "5 hours ago" / "3 days ago"; null when no backup succeeded yet. */
export function backupAge(status: BackupStatus): string | null {
  if (status.age_hours === null) return null;
  return status.age_hours < 48 ? t("backups.age", { hours: status.age_hours }) : t("backups.ageDays", { days: Math.floor(status.age_hours / 24) });
}

/** The file's name without its folder. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function reasonText(reason: string): string {
  const key = `backups.reason.${reason}` as MessageKey;
  return ["manual", "scheduled", "close", "upgrade"].includes(reason) ? t(key) : reason;
}

/** "Made … by Kanak 0.1.0 (schema 17)" and the counts a person recognises. */
export function manifestLines(m: BackupManifest): [string, string] {
  const count = (table: string) => m.counts[table] ?? 0;
  return [
    t("backups.holds", { at: formatTimestamp(m.created_at), version: m.app_version, schema: m.schema_version ?? "?" }),
    t("backups.counts", {
      customers: count("customers"),
      enrollments: count("enrollments"),
      payments: count("payments"),
      closures: count("closures"),
      audit: count("audit_log"),
    }),
  ];
}

export function sizeText(bytes: string): string {
  const n = Number(bytes);
  if (!Number.isFinite(n)) return bytes;
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}
