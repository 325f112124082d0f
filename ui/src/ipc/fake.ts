// An in-memory backend with the same commands as the Tauri bindings, so the UI runs in a plain browser
// (`npm run dev`) and in component tests. It is a faithful-enough model of the Rust use cases for the
// common cases — validation messages and fields, sequences, schedules, idempotent payments, the plan
// rules and the simulator, staff sessions and roles, the audit trail and closures — not a copy. Each
// domain lives in its own fake-*.ts module; fake-access.ts guards them all with the session and roles.

import { type Commands, emptyState, type FakeClock, type FakeOptions, type FakeState, systemClock } from "./fake-state";
import { shopCommands } from "./fake-shop";
import { customerCommands } from "./fake-customers";
import { planCommands } from "./fake-plans";
import { enrollmentCommands } from "./fake-enrollments";
import { paymentCommands } from "./fake-payments";
import { rateCommands } from "./fake-rates";
import { schemeCommands } from "./fake-scheme";
import { staffCommands } from "./fake-staff";
import { auditCommands } from "./fake-audit";
import { closingCommands } from "./fake-closing";
import { otpCommands } from "./fake-otp";
import { documentCommands } from "./fake-documents";
import { dashboardCommands } from "./fake-dashboard";
import { reportCommands } from "./fake-reports";
import { messageCommands } from "./fake-messages";
import { supportCommands } from "./fake-support";
import { syncCommands } from "./fake-sync";
import { vaultCommands } from "./fake-vault";
import { FAKE_SHEET_PATH, importCommands, SAMPLE_CUSTOMERS_CSV } from "./fake-import";
import { FAKE_LOGO_PATH, logoCommands, TINY_PNG } from "./fake-logo";
import { guarded } from "./fake-access";
import { startDemoShop } from "./fake-demo";

export type { Commands, FakeClock, FakeOptions } from "./fake-state";

/** The fake backend and, for tests that look behind it (saved and printed PDFs), its state. */
export function createFakeShop(clock: FakeClock = systemClock, options: FakeOptions = {}): { commands: Commands; state: FakeState } {
  const s = withPictures(emptyState(clock, options));
  return { commands: fakeCommands(s), state: s };
}

export function createFakeBackend(clock: FakeClock = systemClock): Commands {
  return fakeCommands(withPictures(emptyState(clock)));
}

/** The logo and the sample customer sheet the browser's stand-in file pickers choose, so "Choose logo…"
 * and the import screen's "Choose file…" work in `npm run dev`. */
function withPictures(s: FakeState): FakeState {
  s.disk.set(FAKE_LOGO_PATH, TINY_PNG);
  s.disk.set(FAKE_SHEET_PATH, new TextEncoder().encode(SAMPLE_CUSTOMERS_CSV));
  return s;
}

function fakeCommands(s: FakeState): Commands {
  // "Try with demo data" seeds through the guarded commands themselves, as a user would.
  const commands: Commands = guarded(s, {
    startDemoShop: () => startDemoShop(s, commands),
    ...shopCommands(s),
    ...logoCommands(s),
    ...customerCommands(s),
    ...planCommands(s),
    ...enrollmentCommands(s),
    ...paymentCommands(s),
    ...rateCommands(s),
    ...schemeCommands(s),
    ...staffCommands(s),
    ...auditCommands(s),
    ...closingCommands(s),
    ...otpCommands(s),
    ...documentCommands(s),
    ...dashboardCommands(s),
    ...reportCommands(s),
    ...supportCommands(s),
    ...importCommands(s),
    ...messageCommands(s),
    ...syncCommands(s),
    ...vaultCommands(s),
  });
  return commands;
}
