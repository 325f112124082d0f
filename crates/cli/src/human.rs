//! Plain-text output for people at a terminal: ₹ with Indian grouping, dates as DD-MM-YYYY.

use std::fmt::Write;

use kanak_app::{
    ChangeQuoteView, CustomerProfile, CustomerSummary, CustomerView, EnrollmentDetail,
    EnrollmentView, EvaluationView, GoldRateView, PaymentOutcome, PaymentView, PlanView,
    RateImportView, ShopView, SimulationView, SummaryView,
};
use kanak_domain::{Money, format_date, parse_date};

/// Views carry money as plain decimal strings; show them the Indian way.
fn inr(plain: &str) -> String {
    Money::parse("amount", plain)
        .map(Money::format_inr)
        .unwrap_or_else(|_| plain.to_string())
}

fn day(iso: &str) -> String {
    parse_date("date", iso)
        .map(format_date)
        .unwrap_or_else(|_| iso.to_string())
}

fn status<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn shop(s: &ShopView) -> String {
    format!(
        "Shop set up: {} (branch {}), owner {}. Customer codes follow {}.",
        s.shop_name, s.branch_code, s.owner_name, s.code_pattern
    )
}

pub fn settings(s: &ShopView) -> String {
    let mut out = format!(
        "{} (branch {}), address {}",
        s.shop_name,
        s.branch_code,
        if s.address.is_empty() {
            "-"
        } else {
            &s.address
        }
    );
    let _ = write!(out, "\nGSTIN {}", s.gstin.as_deref().unwrap_or("-"));
    let _ = write!(
        out,
        "\nCustomer codes {}  language {}",
        s.code_pattern,
        status(&s.language)
    );
    let _ = write!(
        out,
        "\nDerive 22K/18K rates from 24K: {}",
        if s.derive_rates { "yes" } else { "no" }
    );
    let _ = write!(
        out,
        "\nRate feed: {}",
        s.rate_feed_url.as_deref().unwrap_or("none")
    );
    let _ = write!(
        out,
        "\nCash limit per person per day (s.269ST): {} or more is refused",
        inr(&s.cash_limit_per_day)
    );
    let _ = write!(
        out,
        "\nPAN or Form 60 required above: {}",
        inr(&s.pan_required_above)
    );
    let _ = write!(
        out,
        "\nPrint the receipt after each payment: {}",
        if s.print_receipt_after_payment {
            "yes"
        } else {
            "no"
        }
    );
    let _ = write!(
        out,
        "\nLogo: {}",
        if s.has_logo { "set" } else { "not set" }
    );
    out
}

pub fn customer(c: &CustomerView) -> String {
    let mut out = format!("{}  {}  phone {}", c.code, c.name, c.phone);
    if let Some(main) = &c.family_of {
        let _ = write!(
            out,
            "  ({} of {main})",
            c.relation.as_deref().unwrap_or("family")
        );
    }
    if let Some(last4) = &c.aadhaar_last4 {
        let _ = write!(out, "  Aadhaar XXXX XXXX {last4}");
    }
    if let Some(declared) = &c.form60_declared_on {
        let _ = write!(out, "  Form 60 declared {}", day(declared));
    }
    out
}

pub fn customer_list(list: &[CustomerSummary]) -> String {
    if list.is_empty() {
        return "No customers found.".into();
    }
    list.iter()
        .map(|c| {
            format!(
                "{:<14} {:<28} {:<12} {} active plan(s)",
                c.code, c.name, c.phone, c.active_enrollments
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn profile(p: &CustomerProfile) -> String {
    let mut out = customer(&p.customer);
    for member in &p.family {
        let _ = write!(out, "\n  family: {} {}", member.code, member.name);
    }
    let _ = write!(out, "\nOutstanding: {}", inr(&p.outstanding));
    for e in &p.enrollments {
        let _ = write!(out, "\n{}", enrollment(e));
    }
    for pay in &p.payments {
        let _ = write!(out, "\n  {}", payment(pay));
    }
    out
}

pub fn plan(p: &PlanView) -> String {
    let amount = p.installment.as_deref().map(inr).unwrap_or_else(|| {
        format!(
            "{} to {}",
            inr(p.min_amount.as_deref().unwrap_or("0")),
            inr(p.max_amount.as_deref().unwrap_or("0"))
        )
    });
    let state = if p.active { "" } else { " [retired]" };
    format!(
        "{}  {}  {} × {}  {}{state}",
        p.code, p.name, amount, p.installments, p.bonus_text
    )
}

pub fn plan_list(list: &[PlanView]) -> String {
    if list.is_empty() {
        return "No plans yet.".into();
    }
    list.iter().map(plan).collect::<Vec<_>>().join("\n")
}

pub fn enrollment(e: &EnrollmentView) -> String {
    let mut out = format!(
        "{}  {} ({})  {}  paid {}  outstanding {}  matures {}",
        e.enrollment_no,
        e.plan_name,
        e.plan_code,
        status(&e.status),
        inr(&e.total_paid),
        inr(&e.outstanding),
        day(&e.maturity_date)
    );
    if let Some(grams) = &e.total_grams {
        let _ = write!(out, "  gold {grams} g");
    }
    if let (Some(date), Some(amount)) = (&e.next_due_date, &e.next_due_amount) {
        let _ = write!(out, "  next due {} on {}", inr(amount), day(date));
    }
    if e.overdue {
        let _ = write!(out, "  OVERDUE ({})", e.overdue_count);
    }
    out
}

pub fn enrollment_list(list: &[EnrollmentView]) -> String {
    if list.is_empty() {
        return "No enrollments.".into();
    }
    list.iter().map(enrollment).collect::<Vec<_>>().join("\n")
}

pub fn enrollment_detail(d: &EnrollmentDetail) -> String {
    let mut out = format!(
        "{}\nCustomer {} {}\n",
        enrollment(&d.enrollment),
        d.enrollment.customer_code,
        d.enrollment.customer_name
    );
    out.push_str(&evaluation(&d.evaluation));
    for p in &d.payments {
        let _ = writeln!(out, "  {}", payment(p));
    }
    out.trim_end().to_string()
}

/// The engine's answer: schedule, bonus, closure quote and the explanation.
pub fn evaluation(ev: &EvaluationView) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "State {} on {}; matures {}",
        ev.state,
        day(&ev.on),
        day(&ev.maturity_date)
    );
    let _ = writeln!(
        out,
        "{:>3}  {:<10}  {:>14}  {:>14}  status",
        "#", "due", "amount", "paid"
    );
    for i in &ev.schedule {
        let _ = writeln!(
            out,
            "{:>3}  {:<10}  {:>14}  {:>14}  {}",
            i.number,
            day(&i.due_date),
            inr(&i.amount),
            inr(&i.paid),
            status(&i.status)
        );
    }
    let _ = writeln!(
        out,
        "Paid {}  outstanding {}  bonus so far {}  bonus at maturity {}",
        inr(&ev.total_paid),
        inr(&ev.outstanding),
        inr(&ev.bonus_so_far.money),
        inr(&ev.bonus_at_maturity.money)
    );
    for line in &ev.bonus_at_maturity.lines {
        let _ = writeln!(out, "  {}  {}", line.label, inr(&line.money));
    }
    if let Some(rate) = &ev.average_rate {
        let _ = writeln!(
            out,
            "Gold {} g at an average {} per gram",
            ev.total_grams,
            inr(rate)
        );
    }
    out.push_str(&closure_quote(&ev.closure));
    for line in &ev.explanation {
        let _ = writeln!(out, "{line}");
    }
    out
}

/// The closure quote: allowed or why not, each deduction, cash and/or jewellery value.
pub fn closure_quote(q: &kanak_app::ClosureQuoteView) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Closure today ({}): {}",
        q.kind,
        q.refused_reason
            .as_deref()
            .map_or("allowed".to_string(), |r| format!("not allowed: {r}"))
    );
    for d in &q.deductions {
        let _ = writeln!(out, "  − {}  {}", d.label, inr(&d.amount));
    }
    if let Some(refund) = &q.cash_refund {
        let _ = writeln!(out, "  cash refund {}", inr(refund));
    }
    if let Some(value) = &q.jewellery_value {
        let _ = writeln!(out, "  against jewellery {}", inr(value));
    }
    for line in &q.explanation {
        let _ = writeln!(out, "{line}");
    }
    out
}

pub fn simulation(s: &SimulationView) -> String {
    let payments: Vec<String> = s
        .payments
        .iter()
        .map(|p| format!("{} {}", day(&p.date), inr(&p.amount)))
        .collect();
    format!(
        "Payments: {}\n{}",
        payments.join(", "),
        evaluation(&s.evaluation).trim_end()
    )
}

pub fn plan_detail(p: &PlanView) -> String {
    let mut out = plan(p);
    for line in &p.rules_text {
        let _ = write!(out, "\n  {line}");
    }
    for warning in &p.warnings {
        let _ = write!(out, "\nWARNING: {warning}");
    }
    out
}

pub fn change_quote(q: &ChangeQuoteView) -> String {
    let row = |label: &str, s: &SummaryView| {
        format!(
            "{label:<7} {} × {}  total {}  bonus {}  matures {}",
            s.installments,
            inr(&s.installment),
            inr(&s.total_payable),
            inr(&s.bonus_at_maturity),
            day(&s.maturity_date)
        )
    };
    format!(
        "{}\n{}\n{}\nNot recorded: add --confirm to make the change.",
        row("Before", &q.before),
        row("After", &q.after),
        q.explanation.join("\n")
    )
}

pub fn payment(p: &PaymentView) -> String {
    let mut out = format!(
        "{}  {}  {}  installment {}  {}  {}  by {}",
        p.receipt_no,
        day(&p.received_on),
        inr(&p.amount),
        p.installment_no,
        status(&p.mode),
        status(&p.status),
        p.received_by
    );
    if let Some(r) = &p.reference {
        let _ = write!(out, "  ref {r}");
    }
    if let (Some(rate), Some(grams)) = (&p.rate_per_gram, &p.grams) {
        let _ = write!(out, "  {grams} g at {}/g", inr(rate));
    }
    let _ = write!(out, "  id {}", p.id);
    out
}

pub fn payment_outcome(o: &PaymentOutcome) -> String {
    let prefix = if o.replayed {
        "Already recorded (same id): "
    } else {
        "Recorded: "
    };
    format!("{prefix}{}", payment(&o.payment))
}

pub fn rate(r: &GoldRateView) -> String {
    format!(
        "{}  {:<4} {} per gram  {:<7}  (entered by {})",
        day(&r.date),
        r.purity,
        inr(&r.per_gram),
        status(&r.source),
        r.entered_by
    )
}

pub fn rate_import(i: &RateImportView) -> String {
    let head = format!(
        "Imported {} rate(s) from {}, derived {}:",
        i.imported,
        status(&i.source),
        i.derived
    );
    std::iter::once(head)
        .chain(i.rates.iter().map(rate))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn rate_list(list: &[GoldRateView]) -> String {
    if list.is_empty() {
        return "No gold rates entered.".into();
    }
    list.iter().map(rate).collect::<Vec<_>>().join("\n")
}
