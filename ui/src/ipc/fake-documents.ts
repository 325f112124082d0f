// The fake backend's printed documents: no PDF is made, but every request is checked as the shell
// checks it (the enrollment, payment or closure must exist; a saved file gets a .pdf name) and what
// was "saved" or "printed" is kept, so tests can see it. The bulk export reports progress on its
// channel one ledger at a time and stops between two ledgers when cancel_export is called.

import { FAKE_RECOVERY_KEY } from "./fake-vault";
import type { Channel } from "@tauri-apps/api/core";
import type { DocumentRequest, ExportProgress, ExportSummary, ExportTarget, IpcError, LedgerFilter, SavedDocument } from "./bindings";
import type { Result } from "./result";
import { FieldProblem } from "./fake-kyc";
import { enrollmentOrRefuse, enrollmentView } from "./fake-enrollments";
import { type Commands, type FakeState, Refusal, requireShop, run } from "./fake-state";

type DocumentCommands = Pick<Commands, "saveDocument" | "printDocument" | "presetSaveDir" | "exportLedgers" | "cancelExport">;

/** Where the fake "prints": the shell writes to the app's cache folder and opens the file from there. */
export const FAKE_PRINT_DIR = "/home/kanak/.cache/in.kanak.app/print";

/** A stand-in for the PDF's bytes: the size the real one roughly has, so "saved (12 KB)" reads right. */
const FAKE_PDF_BYTES = 12_288;

/** The print file's name as the shell makes it: the kind and the number, nothing else. */
export function documentFileName(document: DocumentRequest): string {
  switch (document.kind) {
    case "ledger":
      return `ledger-${document.enrollment_no}.pdf`;
    case "closure_statement":
      return `closure-statement-${document.enrollment_no}.pdf`;
    case "receipt":
      return `${document.format === "80mm" ? "receipt-80mm" : "receipt"}-${document.payment_id}.pdf`;
    case "recovery_sheet":
      return "recovery-key-sheet.pdf";
  }
}

/** Refuses what the real use case refuses: an unknown enrollment or payment, a plan that is not closed. */
function checkDocument(s: FakeState, document: DocumentRequest): void {
  requireShop(s);
  switch (document.kind) {
    case "ledger":
      enrollmentOrRefuse(s, document.enrollment_no);
      return;
    case "closure_statement": {
      const e = enrollmentOrRefuse(s, document.enrollment_no);
      if (!s.closures.has(e.no)) throw new Refusal("not_found", `closure of enrollment ${e.no} was not found`, "enrollment_no");
      return;
    }
    case "receipt":
      if (!s.payments.some((p) => p.id === document.payment_id)) throw new Refusal("not_found", `payment ${document.payment_id} was not found`, "payment_id");
      return;
    case "recovery_sheet":
      if (s.session?.user.role !== "owner") throw new Refusal("forbidden", "only the owner may print the database recovery key");
      if (document.recovery_key.toUpperCase().replace(/[\s-]/g, "") !== FAKE_RECOVERY_KEY.replace(/-/g, "")) throw new FieldProblem("recovery_key", "is not this database's recovery key");
      return;
  }
}

/** The path with a .pdf ending, as the shell writes it; a relative path is refused. */
export function pdfPath(path: string, field = "path"): string {
  const trimmed = path.trim();
  if (!trimmed.startsWith("/") && !/^[A-Za-z]:[\\/]/.test(trimmed)) throw new FieldProblem(field, "must be a full path to a file");
  return /\.pdf$/i.test(trimmed) ? trimmed : `${trimmed}.pdf`;
}

/** The enrollments a bulk export covers, oldest first: as the real filter, the running ones
 * (active or matured) by default, every one with `all`, or those of one status. */
function exportedEnrollments(s: FakeState, filter: LedgerFilter): string[] {
  const plan = filter.plan_code?.trim().toUpperCase() || null;
  if (plan !== null && !s.plans.has(plan)) throw new Refusal("not_found", `plan ${plan} was not found`, "plan_code");
  return [...s.enrollments.values()]
    .filter((e) => plan === null || e.plan === plan)
    .filter((e) => {
      const status = enrollmentView(s, e).status;
      if (filter.status) return status === filter.status;
      return filter.all || status === "active" || status === "matured";
    })
    .map((e) => e.no);
}

function checkTarget(target: ExportTarget): ExportTarget {
  if (target.kind === "combined") return { kind: "combined", file: pdfPath(target.file, "file") };
  if (!target.dir.trim().startsWith("/")) throw new FieldProblem("dir", "must be a full path to a folder");
  return target;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runExport(s: FakeState, numbers: string[], target: ExportTarget, progress: Channel<ExportProgress>): Promise<ExportSummary> {
  const total = numbers.length;
  const files: string[] = [];
  let done = 0;
  for (const no of numbers) {
    await pause(s.exportPaceMs);
    if (s.exportState.cancelled) return { total, written: files.length, cancelled: true, files };
    if (target.kind === "folder") {
      const path = `${target.dir.replace(/\/$/, "")}/LEDGER-${no}.pdf`;
      s.files.set(path, { kind: "ledger", enrollment_no: no, language: null });
      files.push(path);
    }
    done += 1;
    progress.onmessage({ done, total, enrollment_no: no });
  }
  if (target.kind === "folder") return { total, written: files.length, cancelled: false, files };
  // A combined file is written once, at the end (a cancelled one not at all).
  if (total > 0) s.files.set(target.file, { kind: "ledger", enrollment_no: numbers.join(","), language: null });
  return { total, written: total, cancelled: false, files: total > 0 ? [target.file] : [] };
}

export function documentCommands(s: FakeState): DocumentCommands {
  return {
    saveDocument: (document: DocumentRequest, path: string) =>
      run((): SavedDocument => {
        checkDocument(s, document);
        const saved = pdfPath(path);
        s.files.set(saved, document);
        return { path: saved, bytes: FAKE_PDF_BYTES };
      }),

    printDocument: (document: DocumentRequest) =>
      run((): SavedDocument => {
        checkDocument(s, document);
        const path = `${FAKE_PRINT_DIR}/${documentFileName(document)}`;
        s.printed.push(document);
        return { path, bytes: FAKE_PDF_BYTES };
      }),

    presetSaveDir: () => run(() => null),

    exportLedgers: async (filter: LedgerFilter, target: ExportTarget, progress: Channel<ExportProgress>): Promise<Result<ExportSummary, IpcError>> => {
      const checked = await run(() => {
        requireShop(s);
        if (s.exportState.running) throw new Refusal("conflict", "an export is already running; wait for it or cancel it");
        const valid = checkTarget(target);
        const numbers = exportedEnrollments(s, filter);
        s.exportState = { running: true, cancelled: false };
        return { target: valid, numbers };
      });
      if (checked.status === "error") return checked;
      try {
        return { status: "ok", data: await runExport(s, checked.data.numbers, checked.data.target, progress) };
      } finally {
        s.exportState = { running: false, cancelled: false };
      }
    },

    cancelExport: () =>
      run(() => {
        if (!s.exportState.running) return false;
        s.exportState.cancelled = true;
        return true;
      }),
  };
}
