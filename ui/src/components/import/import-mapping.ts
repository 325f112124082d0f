// The import screen's column choices: for each sheet, what its rows are (or not imported) and which
// Kanak field each column holds; turned into the mapping the backend reads (field → column heading).

import type { ImportKind, ImportMapping, ImportPreview, KindFields, SheetPreview } from "../../ipc";

/** One sheet's choices: its kind (null: not imported) and, per column, the field it holds ("" for none). */
export type SheetChoice = { kind: ImportKind | null; fields: string[] };

/** The date formats offered; null reads 31-03-2026 or 2026-03-31 (and a workbook's date cells). */
export const DATE_FORMATS: { format: string | null; example: string }[] = [
  { format: null, example: "" },
  { format: "%d/%m/%Y", example: "31/03/2026" },
  { format: "%d.%m.%Y", example: "31.03.2026" },
  { format: "%m/%d/%Y", example: "03/31/2026" },
];

/** The choice for `kind`, pre-filled from the header's suggestion for that kind. */
export function choiceFor(sheet: SheetPreview, kind: ImportKind | null): SheetChoice {
  const fields = sheet.header.map(() => "");
  const suggested = sheet.suggestions.find((s) => s.kind === kind)?.columns ?? {};
  for (const [field, column] of Object.entries(suggested)) {
    const i = sheet.header.indexOf(column ?? "");
    if (i >= 0) fields[i] = field;
  }
  return { kind, fields };
}

/** The first choices: each sheet as the backend guessed it. */
export function initialChoices(preview: ImportPreview): SheetChoice[] {
  return preview.sheets.map((sheet) => choiceFor(sheet, sheet.kind));
}

/** Column `column` holds `field`; a field is held by one column only, so another column holding it lets go. */
export function withField(choice: SheetChoice, column: number, field: string): SheetChoice {
  const fields = choice.fields.map((f, i) => (i === column ? field : field !== "" && f === field ? "" : f));
  return { ...choice, fields };
}

export function fieldsOf(kinds: KindFields[], kind: ImportKind | null): KindFields["fields"] {
  return kinds.find((k) => k.kind === kind)?.fields ?? [];
}

/** The required fields of the sheet's kind that no column holds yet. */
export function missingFields(kinds: KindFields[], choice: SheetChoice): string[] {
  return fieldsOf(kinds, choice.kind)
    .filter((f) => f.required && !choice.fields.includes(f.name))
    .map((f) => f.name);
}

/** The mapping file the choices make: only the sheets that are imported, columns by their heading. */
export function mappingOf(preview: ImportPreview, choices: SheetChoice[], dateFormat: string | null): ImportMapping {
  const sheets = preview.sheets.flatMap((sheet, i) => {
    const choice = choices[i];
    if (!choice?.kind) return [];
    const columns: Record<string, string> = {};
    choice.fields.forEach((field, column) => {
      if (field !== "" && sheet.header[column]?.trim()) columns[field] = sheet.header[column];
    });
    return [{ sheet: sheet.name, kind: choice.kind, header_row: null, columns }];
  });
  return { date_format: dateFormat, sheets };
}
