import { describe, expect, it } from "vitest";
import { previewOf, parseCsv } from "../../ipc/fake-sheet";
import { initialChoices, mappingOf, missingFields, withField } from "./import-mapping";

const payments = previewOf("payments.csv", [{ name: "payments", rows: parseCsv("Mobile,Scheme code,Paid on,Amount,Mode,Ref,Notes\n9876543210,SWARNA11,10/01/2026,5000,cash,,\n") }]);

describe("the import screen's column choices", () => {
  it("become_a_mapping_of_field_to_heading_for_the_imported_sheets_only", () => {
    const choices = initialChoices(payments);
    expect(payments.date_format).toBe("%d/%m/%Y");
    expect(mappingOf(payments, choices, payments.date_format)).toEqual({
      date_format: "%d/%m/%Y",
      sheets: [{ sheet: "payments", kind: "payments", header_row: null, columns: { phone: "Mobile", plan_code: "Scheme code", date: "Paid on", amount: "Amount", mode: "Mode", reference: "Ref" } }],
    });
    expect(mappingOf(payments, [{ ...choices[0], kind: null }], null).sheets).toEqual([]);
  });

  it("name_the_required_fields_no_column_holds", () => {
    const [choice] = initialChoices(payments);
    expect(missingFields(payments.kinds, choice)).toEqual([]);
    const moved = withField(choice, 6, "amount");
    expect(moved.fields[3]).toBe("");
    expect(missingFields(payments.kinds, withField(moved, 6, ""))).toEqual(["amount"]);
  });

  it("quoted_csv_fields_keep_their_commas_quotes_and_newlines", () => {
    expect(parseCsv('a,"b,1","say ""hi""\nthere"\r\nx,,z')).toEqual([["a", "b,1", 'say "hi"\nthere'], ["x", "", "z"]]);
  });
});
