import { beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import MessageOptOuts from "./MessageOptOuts.svelte";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeBackend, type Commands } from "../../ipc/fake";

let fake: Commands;

async function ok<T>(pending: Promise<Result<T, IpcError>>): Promise<T> {
  const r = await pending;
  if (r.status === "error") throw new Error(JSON.stringify(r.error));
  return r.data;
}

beforeEach(async () => {
  fake = createFakeBackend();
  useFakeBackend(fake);
  await ok(fake.setupShop({ shop_name: "Lakshmi Jewellers", address: "Jaipur", gstin: null, branch_code: "MAIN", owner_name: "Ravi Soni", owner_pin: "4321" }));
  await ok(fake.login("owner", "4321"));
  await ok(fake.addCustomer({ name: "Asha Verma", phone: "9876543210", pan: null, aadhaar: null, dob: null, address: null, pin_code: null, email: null, family_of: null, relation: null }));
});

describe("a customer's message opt-outs", () => {
  it("ticking_a_channel_opts_the_customer_out_of_it_alone", async () => {
    render(MessageOptOuts, { customerCode: "MAIN-00001" });
    const sms = (await screen.findByLabelText("No SMS messages")) as HTMLInputElement;
    expect(sms.checked).toBe(false);
    await fireEvent.click(sms);
    await waitFor(async () => expect(await ok(fake.messageOptOuts("MAIN-00001"))).toEqual({ customer_code: "MAIN-00001", sms_opted_out: true, whatsapp_opted_out: false }));
    expect((screen.getByLabelText("No WhatsApp messages") as HTMLInputElement).checked).toBe(false);
  });
});
