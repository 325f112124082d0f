// Exporting a report: the save dialog picks where (with the format's file type), then the backend
// writes the file there. KANAK_SAVE_DIR (end-to-end tests) answers instead of the dialog.

import { save } from "@tauri-apps/plugin-dialog";
import { documentDir, join } from "@tauri-apps/api/path";
import { backend, ipc, unwrap, type ReportExport, type ReportFilter, type ReportFormat, type ReportName } from "../../ipc";
import { dialogs, joinPath } from "../../ipc/files";

const FILE_TYPES: Record<ReportFormat, string> = { csv: "CSV", xlsx: "Excel", pdf: "PDF", json: "JSON", xml: "Tally XML" };

function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

async function savePath(fileName: string, format: ReportFormat): Promise<string | null> {
  if (!inTauri()) return dialogs().savePath(fileName);
  const preset = await unwrap(backend().presetSaveDir());
  if (preset) return joinPath(preset, fileName);
  let defaultPath = fileName;
  try {
    defaultPath = await join(await documentDir(), fileName);
  } catch {
    // No Documents folder: the dialog starts wherever the OS likes.
  }
  return save({ defaultPath, filters: [{ name: FILE_TYPES[format], extensions: [format] }] });
}

/** Asks where, then writes the export; null when the staff member cancelled the dialog. */
export async function exportReport(name: ReportName, filter: ReportFilter, format: ReportFormat, fileName: string): Promise<ReportExport | null> {
  const path = await savePath(fileName, format);
  if (!path) return null;
  return ipc.exportReport(name, filter, format, path);
}
