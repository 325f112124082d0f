import { describe, expect, it } from "vitest";
import { createFakeBackend } from "./fake";
import { seedDemoShop } from "./fake-demo";

describe("the demo shop", () => {
  it("seeds_every_plan_kind_and_a_plan_with_rules_without_a_refusal", async () => {
    const fake = createFakeBackend({ today: () => "2026-04-10", now: () => new Date("2026-04-10T11:00:00+05:30") });
    await seedDemoShop(fake, "en", "2026-04-10");
    const plans = await fake.listPlans(false);
    expect(plans.status === "ok" && plans.data.map((p) => p.code)).toEqual(["SWARNA11", "DHAN12", "GOLDGRAM", "SUVARNA", "VRIDDHI"]);
    const enrollments = await fake.listEnrollments(false);
    expect(enrollments.status === "ok" && enrollments.data.find((e) => e.plan_code === "VRIDDHI")).toMatchObject({ installments: 18, paid_installments: 3 });
  });
});
