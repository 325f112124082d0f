// The browser fake's stand-in for the scheme engine's answer on a recorded enrollment. The real rules
// live in Rust (crates/domain/src/engine); this shapes the fake's simple schedule like an EvaluationView
// (with the plan's gifts and closure quote) so the screens can be developed and tested without the shell.

import type { EnrollmentView, EvaluationView, InstallmentView } from "./bindings";
import type { GiftGiven } from "./fake-state";
import type { Calendar } from "./fake-plan";
import { giftsEarned } from "./fake-engine";
import { closureQuote, NO_BENEFIT } from "./fake-closure";
import type { FullRules } from "../plan-rules";
import { compareMoney, subtractMoney } from "../money";

export function fakeEvaluation(a: {
  today: string;
  schedule: InstallmentView[];
  view: EnrollmentView;
  bonus: string;
  bonusText: string;
  averageRate: string | null;
  cal: Calendar;
  rules: FullRules;
  giftsGiven: readonly GiftGiven[];
  changed: boolean;
}): EvaluationView {
  const bonus = { money: a.bonus, grams: "0.000", waiver: null, lines: [{ label: `Maturity bonus: ${a.bonusText}`, money: a.bonus, grams: "0.000" }] };
  const late = a.schedule.filter((r) => r.status === "late" || r.status === "missed").map((r) => r.number);
  const left = subtractMoney(a.cal.totalPayable, a.view.total_paid);
  const explanation: string[] = [];
  if (a.cal.pauseMonths > 0) explanation.push(`Paused for ${a.cal.pauseMonths} month${a.cal.pauseMonths === 1 ? "" : "s"} in all; maturity moved accordingly.`);
  if (a.changed) explanation.push("The installment amount was changed mid-term; installments already due kept their amount.");
  const ev: Omit<EvaluationView, "closure"> = {
    on: a.today,
    state: a.view.state,
    schedule: a.schedule,
    total_paid: a.view.total_paid,
    total_payable: a.view.kind === "flexible" ? a.view.total_paid : a.cal.totalPayable,
    remaining: a.view.kind === "flexible" || compareMoney(left, "0") < 0 ? "0.00" : left,
    outstanding: a.view.outstanding,
    late_fees: "0.00",
    paid_installments: a.view.paid_installments,
    late_installments: late,
    missed_installments: [],
    total_grams: a.view.total_grams ?? "0.000",
    average_rate: a.averageRate,
    bonus_so_far: NO_BENEFIT,
    bonus_at_maturity: bonus,
    maturity_date: a.view.maturity_date,
    redeem_by: null,
    gifts: giftsEarned(a.rules, a.view.paid_installments, a.giftsGiven),
    explanation,
  };
  return { ...ev, closure: closureQuote({ rules: a.rules, cal: a.cal, start: a.view.start_date, ev, giftsGiven: a.giftsGiven }) };
}
