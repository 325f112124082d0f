import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/svelte";
import HelpScreen from "./HelpScreen.svelte";
import { HELP_TOPICS } from "./help-topics";
import { useFakeBackend, type IpcError, type Result } from "../../ipc";
import { createFakeBackend, type Commands } from "../../ipc/fake";
import { en, hi, setLanguage } from "../../i18n";
import type { MessageKey } from "../../i18n";

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
});

afterEach(() => setLanguage("en"));

const key = (id: string, part: "title" | "body") => `help.${id}.${part}` as MessageKey;

describe("the Help page", () => {
  it("answers_every_question_staff_ask_most", () => {
    render(HelpScreen);
    const topics = screen.getAllByTestId("help-topic");
    expect(topics).toHaveLength(9);
    HELP_TOPICS.forEach((id, i) => {
      expect(within(topics[i]).getByRole("heading", { name: en[key(id, "title")] })).toBeTruthy();
      expect(topics[i].textContent).toContain(en[key(id, "body")]);
    });
    for (const words of ["first-time customer", "Reference", "paid, but it is not shown", "Processing", "Missed payments", "one-time code", "ledger", "PIN", "Backups"]) {
      expect(screen.getAllByTestId("help-topic").some((t) => t.textContent!.includes(words)), words).toBe(true);
    }
  });

  it("shows_every_answer_in_hindi_when_the_shop_uses_hindi", () => {
    setLanguage("hi");
    render(HelpScreen);
    const topics = screen.getAllByTestId("help-topic");
    HELP_TOPICS.forEach((id, i) => {
      expect(topics[i].textContent).toContain(hi[key(id, "title")]);
      expect(topics[i].textContent).toContain(hi[key(id, "body")]);
      expect(hi[key(id, "body")]).not.toBe(en[key(id, "body")]);
    });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("सहायता");
  });

  it("creates_a_support_bundle_where_the_dialog_says", async () => {
    render(HelpScreen);
    await fireEvent.click(screen.getByRole("button", { name: "Create support bundle" }));
    const done = await screen.findByRole("status");
    expect(done.textContent).toMatch(/Saved to \/home\/kanak\/Documents\/kanak-support-\d{4}-\d{2}-\d{2}\.zip \(4 files\)/);
  });
});
