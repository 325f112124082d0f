// Help → Create support bundle: the save dialog picks where (a .zip), then the backend writes it.
// KANAK_SAVE_DIR (end-to-end tests) answers instead of the dialog.

import { ipc, type SupportBundleView } from "../../ipc";
import { dialogs } from "../../ipc/files";

/** Asks where, then writes the bundle; null when the staff member cancelled the dialog. */
export async function createSupportBundle(today: string): Promise<SupportBundleView | null> {
  const path = await dialogs().savePath(`kanak-support-${today}.zip`, { name: "Zip", extensions: ["zip"] });
  if (!path) return null;
  return ipc.createSupportBundle(path);
}
