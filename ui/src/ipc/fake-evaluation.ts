// The browser fake's stand-in for the scheme engine's answer. The real rules live in Rust
// (crates/domain/src/engine); this only shapes the fake's simple schedule like an EvaluationView
// so the screens can be developed and tested without the desktop shell.

import type { EnrollmentView, EvaluationView, InstallmentView } from "./bindings";

export function fakeEvaluation(a: {
  today: string;
  schedule: InstallmentView[];
  view: EnrollmentView;
  bonus: string;
  bonusText: string;
  averageRate: string | null;
}): EvaluationView {
  const bonus = { money: a.bonus, grams: "0.000", waiver: null, lines: [{ label: `Maturity bonus: ${a.bonusText}`, money: a.bonus, grams: "0.000" }] };
  const late = a.schedule.filter((r) => r.status === "late" || r.status === "missed").map((r) => r.number);
  return {
    on: a.today,
    state: a.view.state,
    schedule: a.schedule,
    total_paid: a.view.total_paid,
    total_payable: a.view.total_paid,
    remaining: "0.00",
    outstanding: a.view.outstanding,
    late_fees: "0.00",
    paid_installments: a.view.paid_installments,
    late_installments: late,
    missed_installments: [],
    total_grams: a.view.total_grams ?? "0.000",
    average_rate: a.averageRate,
    bonus_so_far: { money: "0.00", grams: "0.000", waiver: null, lines: [] },
    bonus_at_maturity: bonus,
    maturity_date: a.view.maturity_date,
    redeem_by: null,
    gifts: [],
    closure: {
      kind: "premature",
      allowed: true,
      refused_reason: null,
      paid: a.view.total_paid,
      grams: a.view.total_grams ?? "0.000",
      deductions: [],
      cash_refund: a.view.total_paid,
      jewellery_value: a.view.total_paid,
      benefit: { money: "0.00", grams: "0.000", waiver: null, lines: [] },
      explanation: [],
    },
    explanation: [],
  };
}
