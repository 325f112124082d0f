// Which chip colour each status gets, everywhere it is shown.

import type { EnrollmentStatus, InstallmentStatus, PaymentStatus } from "../../ipc";

type Tone = "good" | "warn" | "bad" | "quiet" | "info";

export const installmentTone: Record<InstallmentStatus, Tone> = {
  paid: "good",
  partly_paid: "info",
  upcoming: "quiet",
  due: "warn",
  in_grace: "warn",
  paid_late: "warn",
  late: "bad",
  missed: "bad",
};

export const enrollmentTone: Record<EnrollmentStatus, Tone> = {
  active: "good",
  matured: "info",
  closed: "quiet",
  cancelled: "quiet",
};

export const paymentTone: Record<PaymentStatus, Tone> = {
  processing: "warn",
  confirmed: "good",
  failed: "bad",
  refunded: "quiet",
};
