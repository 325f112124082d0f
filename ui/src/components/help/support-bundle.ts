// Help → Create support bundle: the save dialog picks where (a .zip), then the backend writes it.
// KANAK_SAVE_DIR (end-to-end tests) answers instead of the dialog.

import { save } from "@tauri-apps/plugin-dialog";
import { documentDir, join } from "@tauri-apps/api/path";
import { backend, ipc, unwrap, type SupportBundleView } from "../../ipc";
import { dialogs, joinPath } from "../../ipc/files";

function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

async function zipPath(fileName: string): Promise<string | null> {
  if (!inTauri()) return dialogs().savePath(fileName);
  const preset = await unwrap(backend().presetSaveDir());
  if (preset) return joinPath(preset, fileName);
  let defaultPath = fileName;
  try {
    defaultPath = await join(await documentDir(), fileName);
  } catch {
    // No Documents folder: the dialog starts wherever the OS likes.
  }
  return save({ defaultPath, filters: [{ name: "Zip", extensions: ["zip"] }] });
}

/** Asks where, then writes the bundle; null when the staff member cancelled the dialog. */
export async function createSupportBundle(today: string): Promise<SupportBundleView | null> {
  const path = await zipPath(`kanak-support-${today}.zip`);
  if (!path) return null;
  return ipc.createSupportBundle(path);
}
