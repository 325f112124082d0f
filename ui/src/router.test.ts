import { describe, expect, it } from "vitest";
import { hashToRoute, routeToHash, sectionOf, type Route } from "./router.svelte";

describe("hash routes", () => {
  const routes: Route[] = [
    { name: "counter" },
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

  it("falls back to the counter and highlights the owning section", () => {
    expect(hashToRoute("#/nowhere")).toEqual({ name: "counter" });
    expect(sectionOf({ name: "customer", code: "X" })).toBe("customers");
    expect(sectionOf({ name: "enrollment", no: "X" })).toBe("enrollments");
  });
});
