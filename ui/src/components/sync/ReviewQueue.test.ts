import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import ReviewQueue from "./ReviewQueue.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeShop, type Commands } from "../../ipc/fake";
import { raiseFakeConflict } from "../../ipc/fake-sync";
import type { FakeState } from "../../ipc/fake-state";
import { session } from "../../session.svelte";
import { dataChanged, dataVersion } from "../../data-version.svelte";
import { indicatorOf, onSyncChanged, syncState } from "../../sync.svelte";

let fake: Commands;
let state: FakeState;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

const byLabel = (label: string) => {
  const found = document.querySelectorAll<HTMLElement>(`[aria-label="${label}"]`);
  if (found.length !== 1) throw new Error(`${found.length} controls labelled ${label}`);
  return found[0];
};

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop());
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
  session.user = await ok(fake.currentUser());
  raiseFakeConflict(state, { id: "c-1", kind: "duplicate_closure", detail: "MAIN-E00001 was closed on counter C1 and on C2" });
});

describe("the sync review queue", () => {
  it("lists_what_happened_and_a_manager_resolves_it_with_a_decision", async () => {
    render(ReviewQueue);
    await waitFor(() => expect(screen.getAllByTestId("review-row")).toHaveLength(1));
    const row = screen.getByTestId("review-row");
    expect(row.textContent).toContain("Closed on two counters");
    expect(row.textContent).toContain("MAIN-E00001 was closed on counter C1 and on C2");
    await fireEvent.click(byLabel("Resolve c-1"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("say what was decided"));
    await fireEvent.input(byLabel("Decision c-1"), { target: { value: "C2's payout was never handed over" } });
    await fireEvent.click(byLabel("Resolve c-1"));
    await waitFor(() => expect(screen.getByTestId("review-empty")).toBeTruthy());
    expect(syncState.status?.conflicts).toBe(0);
    await fireEvent.click(byLabel("Show resolved"));
    await waitFor(() => expect(screen.getByTestId("review-row").textContent).toContain("Resolved"));
  });

  it("a_cashier_sees_the_queue_without_a_resolve_button", async () => {
    session.user = { ...session.user!, role: "cashier" };
    render(ReviewQueue);
    await waitFor(() => expect(screen.getAllByTestId("review-row")).toHaveLength(1));
    expect(document.querySelector('[aria-label="Resolve c-1"]')).toBeNull();
  });
});

describe("the sync status signal", () => {
  it("the_indicator_reads_not_set_up_online_or_offline", () => {
    expect(indicatorOf(null).key).toBe("sync.indicatorNotEnrolled");
    const base = { enrolled: true, online: true } as Parameters<typeof indicatorOf>[0];
    expect(indicatorOf(base)).toEqual({ tone: "ok", key: "sync.indicatorOnline" });
    expect(indicatorOf({ ...base!, online: false })).toEqual({ tone: "warn", key: "sync.indicatorOffline" });
  });

  it("a_sync_that_applied_other_counters_changes_refreshes_the_screens_and_one_that_did_not_does_not", async () => {
    dataChanged();
    const before = dataVersion.value;
    await onSyncChanged({ applied: 0, online: true });
    expect(dataVersion.value).toBe(before);
    expect(syncState.status?.conflicts).toBe(1);
    await onSyncChanged({ applied: 3, online: true });
    expect(dataVersion.value).toBe(before + 1);
  });
});
