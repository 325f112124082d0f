// Exporting a report: the save dialog picks where (with the format's file type), then the backend
// writes the file there. KANAK_SAVE_DIR (end-to-end tests) answers instead of the dialog.

import { ipc, type ReportExport, type ReportFilter, type ReportFormat, type ReportName } from "../../ipc";
import { dialogs } from "../../ipc/files";

const FILE_TYPES: Record<ReportFormat, string> = { csv: "CSV", xlsx: "Excel", pdf: "PDF", json: "JSON", xml: "Tally XML" };

/** Asks where, then writes the export; null when the staff member cancelled the dialog. */
export async function exportReport(name: ReportName, filter: ReportFilter, format: ReportFormat, fileName: string): Promise<ReportExport | null> {
  const path = await dialogs().savePath(fileName, { name: FILE_TYPES[format], extensions: [format] });
  if (!path) return null;
  return ipc.exportReport(name, filter, format, path);
}
