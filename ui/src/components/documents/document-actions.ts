// Saving and printing one document. Saving asks where (the save dialog), then the backend makes the PDF
// and writes it there; printing has the backend write it to a cache file and open it in the system's
// PDF viewer, whose print dialog does the rest. Both answer with the file written.

import { ipc, type DocumentRequest, type ReceiptFormat, type SavedDocument } from "../../ipc";
import { dialogs } from "../../ipc/files";

/** Asks where to save, then writes the PDF there; null when the staff member cancelled the dialog. */
export async function saveDocument(document: DocumentRequest, fileName: string): Promise<SavedDocument | null> {
  const path = await dialogs().savePath(fileName);
  if (!path) return null;
  return ipc.saveDocument(document, path);
}

export function printDocument(document: DocumentRequest): Promise<SavedDocument> {
  return ipc.printDocument(document);
}

/** The names the save dialog proposes. */
export const fileNames = {
  ledger: (enrollmentNo: string) => `ledger-${enrollmentNo}.pdf`,
  closureStatement: (enrollmentNo: string) => `closure-statement-${enrollmentNo}.pdf`,
  receipt: (receiptNo: string, format: ReceiptFormat) => `receipt-${receiptNo}${format === "80mm" ? "-80mm" : ""}.pdf`,
  combinedLedgers: (today: string) => `ledgers-${today}.pdf`,
};

/** The message of a failed command, for a banner. */
export function failureText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
