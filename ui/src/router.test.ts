import { describe, expect, it } from "vitest";
import { hashToRoute, routeToHash, sectionOf, type Route } from "./router.svelte";

describe("hash routes", () => {
  const routes: Route[] = [
    { name: "dashboard" },
    { name: "counter" },
    { name: "reports", report: null, filters: {} },
    { name: "reports", report: "payments", filters: { from: "2026-12-10", to: "2026-12-10", mode: "cash" } },
    { name: "reports", report: "missed", filters: { month: "2026-12" } },
    { name: "customers" },
    { name: "customer-new", familyOf: "MAIN-00001" },
    { name: "customer", code: "MAIN/26/0003" },
    { name: "customer-edit", code: "MAIN-00002" },
    { name: "payments", customer: "MAIN-00001", find: null },
    { name: "payments", customer: null, find: "asha verma" },
    { name: "enrollment", no: "MAIN-E00001" },
    { name: "rate" },
    { name: "settings" },
    { name: "staff" },
    { name: "audit" },
    { name: "export" },
  ];

  it.each(routes)("round-trips %o", (route) => {
    expect(hashToRoute(routeToHash(route))).toEqual(route);
  });

  it("keeps codes with slashes in one segment", () => {
    expect(routeToHash({ name: "customer", code: "MAIN/26/0003" })).toBe("#/customers/MAIN%2F26%2F0003");
  });

  it("opens the dashboard at the root, the counter at #/counter", () => {
    expect(hashToRoute("#/")).toEqual({ name: "dashboard" });
    expect(hashToRoute("")).toEqual({ name: "dashboard" });
    expect(routeToHash({ name: "counter" })).toBe("#/counter");
    expect(routeToHash({ name: "reports", report: "payments", filters: { from: "2026-12-10", mode: "" } })).toBe("#/reports/payments?from=2026-12-10");
  });

  it("falls back to the dashboard and highlights the owning section", () => {
    expect(hashToRoute("#/nowhere")).toEqual({ name: "dashboard" });
    expect(sectionOf({ name: "customer", code: "X" })).toBe("customers");
    expect(sectionOf({ name: "enrollment", no: "X" })).toBe("enrollments");
  });
});
