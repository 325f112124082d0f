// Where a document goes: the save dialog (one PDF) and the folder picker (bulk export); and the file
// pickers for the shop's logo and a spreadsheet to import. Inside the Tauri window these are the dialog plugin's native dialogs — unless the shell was started with KANAK_SAVE_DIR
// (the end-to-end test), which answers instead of any dialog. In a plain browser and in component
// tests a stand-in answers, which a test can replace with `useFakeDialogs`.
//
// The dialog only picks a path: the PDF itself is made and written by the Rust side (save_document), and
// the logo file is read by it too (set_shop_logo), so the webview never touches the disk.

import { Channel } from "@tauri-apps/api/core";
import { documentDir, join } from "@tauri-apps/api/path";
import { open, save } from "@tauri-apps/plugin-dialog";
import { backend, unwrap } from "./index";
import { FAKE_LOGO_PATH } from "./fake-logo";
import { FAKE_SHEET_PATH } from "./fake-import";

export type Dialogs = {
  /** The path to save `fileName` at (a PDF unless `fileType` says otherwise), or null when cancelled. */
  savePath: (fileName: string, fileType?: FileType) => Promise<string | null>;
  /** A folder, or null when cancelled. */
  folder: () => Promise<string | null>;
  /** A PNG file to read the shop's logo from, or null when cancelled. */
  logoFile: () => Promise<string | null>;
  /** A CSV or XLSX file to import, or null when cancelled. */
  spreadsheetFile: () => Promise<string | null>;
};

/** The browser stand-in: a pretend Documents folder, always chosen. */
export const FAKE_DOCUMENTS_DIR = "/home/kanak/Documents";

const browserDialogs: Dialogs = {
  savePath: async (fileName) => `${FAKE_DOCUMENTS_DIR}/${fileName}`,
  folder: async () => FAKE_DOCUMENTS_DIR,
  logoFile: async () => FAKE_LOGO_PATH,
  spreadsheetFile: async () => FAKE_SHEET_PATH,
};

/** The save dialog's filter: a name the staff member reads and the file's extensions. */
export type FileType = { name: string; extensions: string[] };

const PDF: FileType = { name: "PDF", extensions: ["pdf"] };
const PNG_FILTER = [{ name: "PNG", extensions: ["png"] }];
const SHEET_FILTER = [{ name: "Spreadsheet (CSV, XLSX)", extensions: ["csv", "xlsx"] }];

const nativeDialogs: Dialogs = {
  savePath: async (fileName, fileType = PDF) => {
    const dir = await presetDir();
    return dir ? joinPath(dir, fileName) : save({ defaultPath: await inDocuments(fileName), filters: [fileType] });
  },
  folder: async () => (await presetDir()) ?? open({ directory: true, multiple: false }),
  // KANAK_SAVE_DIR does not apply: it stands in for where documents go, not for a picture to read.
  logoFile: async () => open({ directory: false, multiple: false, filters: PNG_FILTER }),
  // The dialog cannot be driven over WebDriver: the import screen also takes a typed path.
  spreadsheetFile: async () => open({ directory: false, multiple: false, filters: SHEET_FILTER }),
};

let fakeDialogs: Dialogs = browserDialogs;

function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

/** The proposed file in the user's Documents folder (just the name if the OS has none). */
async function inDocuments(fileName: string): Promise<string> {
  try {
    return await join(await documentDir(), fileName);
  } catch {
    return fileName;
  }
}

/** KANAK_SAVE_DIR, when the shell was started with it. */
async function presetDir(): Promise<string | null> {
  return unwrap(backend().presetSaveDir());
}

export function joinPath(dir: string, fileName: string): string {
  const separator = dir.includes("\\") && !dir.includes("/") ? "\\" : "/";
  return dir.endsWith(separator) ? `${dir}${fileName}` : `${dir}${separator}${fileName}`;
}

/** The dialogs in use: the native ones in the app window, otherwise the stand-in. */
export function dialogs(): Dialogs {
  return inTauri() ? nativeDialogs : fakeDialogs;
}

/** Replaces the browser stand-in (a test that cancels, or picks a particular path). */
export function useFakeDialogs(next: Partial<Dialogs> | null): void {
  fakeDialogs = { ...browserDialogs, ...(next ?? {}) };
}

/**
 * A channel the backend reports progress on. In the app window it is Tauri's Channel; the fake
 * backend gets an object with the same `onmessage`, which it calls directly.
 */
export function progressChannel<T>(onMessage: (message: T) => void): Channel<T> {
  if (inTauri()) return new Channel<T>(onMessage);
  return { onmessage: onMessage } as unknown as Channel<T>;
}
