// The fake backend's dashboard: the same figures as crates/app/src/dashboard.rs, summed from the
// fake engine's schedules, and each staff login's widget layout (kept beside the state).

import type { DashboardView, MonthCollection, PaymentMode, WidgetKind, WidgetPlacement, WidgetPlacementInput } from "./bindings";
import { enrollmentDetail } from "./fake-enrollments";
import { fakeMessages } from "./fake-messages";
import { fakeBackupStatus } from "./fake-vault";
import { FieldProblem } from "./fake-kyc";
import { allows } from "../permissions";
import { subtractMoney, sumMoney } from "../money";
import { actorLogin, type Commands, type FakeState, requireShop, run } from "./fake-state";

export const WIDGETS: readonly WidgetKind[] = [
  "today_collection", "due_today", "overdue", "maturing_this_month", "active_enrollments",
  "gold_rate", "collection_chart", "recent_payments", "outbox", "sync_status",
];
const MODES: readonly PaymentMode[] = ["cash", "upi", "card", "bank", "cheque"];

const layouts = new WeakMap<FakeState, Map<string, WidgetPlacement[]>>();

function withMissing(layout: WidgetPlacement[]): WidgetPlacement[] {
  return [...layout, ...WIDGETS.filter((w) => !layout.some((l) => l.widget === w)).map((widget) => ({ widget, visible: true }))];
}

function validate(widgets: WidgetPlacementInput[]): WidgetPlacement[] {
  const out: WidgetPlacement[] = [];
  for (const p of widgets) {
    const widget = WIDGETS.find((w) => w === p.widget.trim());
    if (!widget) throw new FieldProblem("widgets", `has an unknown widget "${p.widget}"`);
    if (out.some((l) => l.widget === widget)) throw new FieldProblem("widgets", `lists the widget ${widget} twice`);
    out.push({ widget, visible: p.visible });
  }
  return out;
}

function monthsEnding(today: string, count: number): string[] {
  const [y, m] = today.split("-").map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (count - 1 - i), 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
  });
}

function tally(amounts: string[]): { count: number; amount: string } {
  return { count: amounts.length, amount: sumMoney(amounts) };
}

export function fakeDashboard(s: FakeState): DashboardView {
  requireShop(s);
  const today = s.clock.today();
  const role = s.session?.user.role ?? "owner";
  const todays = s.payments.filter((p) => p.received_on === today);
  const sumOf = (mode: PaymentMode | null, status: string) =>
    sumMoney(todays.filter((p) => (mode === null || p.mode === mode) && p.status === status).map((p) => p.amount));
  const due: string[] = [], overdue: string[] = [], maturing: string[] = [], active: string[] = [];
  const overdueMonths = new Set<string>();
  for (const e of s.enrollments.values()) {
    if (e.status !== "active") continue;
    const d = enrollmentDetail(s, e.no);
    const unpaid = (lines: typeof d.evaluation.schedule) => sumMoney(lines.map((l) => subtractMoney(l.amount, l.paid)));
    const dueLines = d.evaluation.schedule.filter((l) => l.due_date === today && l.paid !== l.amount);
    if (dueLines.length) due.push(unpaid(dueLines));
    const late = d.evaluation.schedule.filter((l) => l.status === "late" || l.status === "missed");
    if (late.length) overdue.push(unpaid(late));
    for (const l of late) overdueMonths.add(l.due_date.slice(0, 7));
    if (d.enrollment.maturity_date.slice(0, 7) === today.slice(0, 7)) maturing.push(d.enrollment.total_paid);
    if (d.enrollment.status === "active") active.push(d.enrollment.outstanding);
  }
  const confirmed = s.payments.filter((p) => p.status === "confirmed");
  const series: MonthCollection[] = monthsEnding(today, 12).map((month) => ({
    month,
    amount: sumMoney(confirmed.filter((p) => p.received_on.startsWith(month)).map((p) => p.amount)),
  }));
  const reports = allows(role, "reports");
  return {
    today,
    today_collection: {
      by_mode: MODES.map((mode) => ({
        mode,
        confirmed: sumOf(mode, "confirmed"),
        processing: sumOf(mode, "processing"),
        payments: todays.filter((p) => p.mode === mode && (p.status === "confirmed" || p.status === "processing")).length,
      })),
      confirmed: sumOf(null, "confirmed"),
      processing: sumOf(null, "processing"),
    },
    due_today: tally(due),
    overdue: tally(overdue),
    overdue_months: [...overdueMonths].sort(),
    maturing_this_month: tally(maturing),
    active: tally(active),
    gold_rates: s.rates.filter((r) => r.date === today),
    collection_series: reports ? series : null,
    recent_payments: [...s.payments].sort((a, b) => b.received_at.localeCompare(a.received_at)).slice(0, 10),
    outbox: {
      waiting: fakeMessages(s).outbox.filter((m) => m.state === "pending" || m.state === "sending").length,
      failed: fakeMessages(s).outbox.filter((m) => m.state === "failed").length,
      given_up: fakeMessages(s).outbox.filter((m) => m.state === "given_up").length,
    },
    sync: "not_configured",
    backup: fakeBackupStatus(s),
    can_open_reports: reports,
  };
}

export function dashboardCommands(s: FakeState): Pick<Commands, "dashboard" | "dashboardLayout" | "saveDashboardLayout"> {
  const saved = () => {
    if (!layouts.has(s)) layouts.set(s, new Map());
    return layouts.get(s)!;
  };
  return {
    dashboard: () => run(() => fakeDashboard(s)),
    dashboardLayout: () => run(() => withMissing(saved().get(actorLogin(s)) ?? [])),
    saveDashboardLayout: (widgets: WidgetPlacementInput[]) =>
      run(() => {
        const layout = validate(widgets);
        saved().set(actorLogin(s), layout);
        return withMissing(layout);
      }),
  };
}
