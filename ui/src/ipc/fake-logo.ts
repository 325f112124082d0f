// The fake backend's shop logo. The real shell reads the picked file from disk and the use case
// checks it decodes as a PNG of at most 1 MB and 2000 px a side; the fake reads from `s.disk`
// (files a test, or the browser demo, put there) and checks the same things from the PNG's header,
// with the real messages, so the settings screen can be tested against every refusal.

import type { ShopView } from "./bindings";
import { recordAudit } from "./fake-audit";
import { FieldProblem } from "./fake-kyc";
import { type Commands, type FakeState, actorLogin, requireShop, run } from "./fake-state";

/** Where the browser stand-in of the file picker "finds" a logo (seeded with TINY_PNG). */
export const FAKE_LOGO_PATH = "/home/kanak/Pictures/logo.png";

const MAX_BYTES = 1024 * 1024;
const MAX_SIDE = 2000;
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The smallest valid PNG: 1×1, one grey pixel (the same bytes the Rust tests use). */
export const TINY_PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0, 0x3a, 0x7e, 0x9b, 0x55, 0, 0, 0,
  0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x68, 0x00, 0x00, 0x00, 0x82, 0x00, 0x81, 0x77, 0xcd, 0x72, 0xb6, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae,
  0x42, 0x60, 0x82,
]);

/** A PNG header claiming `width`×`height` (for the too-large refusal; the fake never decodes pixels). */
export function pngOfSize(width: number, height: number): Uint8Array {
  const bytes = TINY_PNG.slice();
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

/** The file's bytes as the shell reads them: a full path to a file that exists. */
function readLogo(s: FakeState, path: string): Uint8Array {
  const trimmed = path.trim();
  if (!trimmed.startsWith("/") && !/^[A-Za-z]:[\\/]/.test(trimmed)) throw new FieldProblem("logo", "must be a full path to a PNG file");
  const bytes = s.disk.get(trimmed);
  if (!bytes) throw new FieldProblem("logo", `cannot read ${trimmed}: No such file or directory (os error 2)`);
  return bytes;
}

/** What Kanak::set_shop_logo refuses: over 1 MB, not a PNG, larger than 2000 px a side. */
function checkLogo(bytes: Uint8Array): void {
  if (bytes.length > MAX_BYTES) throw new FieldProblem("logo", "must be a PNG of at most 1 MB");
  if (bytes.length < 24 || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new FieldProblem("logo", "is not a PNG image the printer can use (Invalid PNG signature.)");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [width, height] = [view.getUint32(16), view.getUint32(20)];
  if (width > MAX_SIDE || height > MAX_SIDE) throw new FieldProblem("logo", `is ${width}×${height} pixels; at most ${MAX_SIDE} on each side`);
}

export function logoCommands(s: FakeState): Pick<Commands, "setShopLogo"> {
  return {
    setShopLogo: (path: string | null) =>
      run((): ShopView => {
        const shop = requireShop(s);
        const bytes = path === null ? null : readLogo(s, path);
        if (bytes) checkLogo(bytes);
        s.logo = bytes;
        s.shop = { ...shop, has_logo: bytes !== null };
        const detail = bytes ? `shop logo set (${bytes.length} bytes)` : "shop logo removed";
        recordAudit(s, actorLogin(s), "settings.logo", detail);
        return s.shop;
      }),
  };
}
