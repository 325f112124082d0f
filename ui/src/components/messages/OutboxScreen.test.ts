import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import OutboxScreen from "./OutboxScreen.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeShop, type Commands } from "../../ipc/fake";
import { fakeMessages, seedOutboxMessage } from "../../ipc/fake-messages";
import type { FakeState } from "../../ipc/fake-state";

let fake: Commands;
let state: FakeState;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

const rows = () => screen.getAllByTestId("outbox-row");
const states = () => rows().map((r) => r.dataset.state);
const button = (label: string) => screen.getByRole("button", { name: label });

beforeEach(async () => {
  ({ commands: fake, state } = createFakeShop());
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
  await ok(fake.login("owner", "4321"));
  seedOutboxMessage(state, { to_phone: "******1111", state: "sent", attempts: 1 });
  seedOutboxMessage(state, { to_phone: "******2222", state: "failed", attempts: 3, last_error: "MSG91 refused (HTTP 400): Template ID is not approved" });
  seedOutboxMessage(state, { to_phone: "******3333", state: "pending", trigger: "due", channel: "whatsapp" });
});

describe("the outbox screen", () => {
  it("lists_each_message_with_state_channel_masked_phone_tries_and_the_providers_error", async () => {
    render(OutboxScreen);
    await waitFor(() => expect(states()).toEqual(["pending", "failed", "sent"]));
    const failed = rows()[1];
    expect(failed.textContent).toContain("******2222");
    expect(failed.textContent).toContain("SMS");
    expect(failed.textContent).toContain("Failed");
    expect(failed.textContent).toContain("MSG91 refused (HTTP 400): Template ID is not approved");
    expect(rows()[0].textContent).toContain("WhatsApp");
    expect(rows()[0].textContent).toContain("Due-date reminder");
    // A sent message has neither button; a pending one can only be cancelled.
    expect(rows()[2].querySelectorAll("button")).toHaveLength(0);
    expect(screen.queryByRole("button", { name: "Retry message to ******3333" })).toBeNull();
  });

  it("retry_puts_a_failed_message_back_in_the_queue_and_cancel_stops_a_pending_one", async () => {
    render(OutboxScreen);
    await waitFor(() => expect(states()).toHaveLength(3));
    await fireEvent.click(button("Retry message to ******2222"));
    await waitFor(() => expect(states()).toEqual(["pending", "pending", "sent"]));
    expect(screen.getByRole("status").textContent).toContain("The message will be sent again now.");
    await fireEvent.click(button("Cancel message to ******3333"));
    await waitFor(() => expect(states()).toEqual(["cancelled", "pending", "sent"]));
    expect(fakeMessages(state).outbox[0].last_error).toBe("cancelled by owner");
  });

  it("filters_by_state", async () => {
    render(OutboxScreen);
    await waitFor(() => expect(states()).toHaveLength(3));
    await fireEvent.change(screen.getByLabelText("Show"), { target: { value: "failed" } });
    await waitFor(() => expect(states()).toEqual(["failed"]));
  });

  it("a_refusal_is_shown_in_the_banner", async () => {
    render(OutboxScreen);
    await waitFor(() => expect(states()).toHaveLength(3));
    // Another counter sent it meanwhile: retrying a sent message is refused.
    fakeMessages(state).outbox[1].state = "sent";
    await fireEvent.click(button("Retry message to ******2222"));
    await waitFor(() => expect(document.querySelector(".banner-error")?.textContent).toContain("a sent message cannot be retried"));
  });
});
