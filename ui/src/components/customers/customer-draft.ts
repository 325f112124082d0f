// The customer form's editable text, and its conversion to the backend's inputs (empty → null).

import type { CustomerEdit, CustomerInput, CustomerView } from "../../ipc";

export type CustomerDraft = {
  name: string;
  phone: string;
  pan: string;
  aadhaar: string;
  dob: string;
  address: string;
  pin_code: string;
  email: string;
};

export const CUSTOMER_FIELDS = ["name", "phone", "pan", "aadhaar", "dob", "address", "pin_code", "email"] as const;

export function emptyDraft(): CustomerDraft {
  return { name: "", phone: "", pan: "", aadhaar: "", dob: "", address: "", pin_code: "", email: "" };
}

/** An edit starts from what is stored; the Aadhaar box starts empty (only its last 4 digits are kept). */
export function draftOf(customer: CustomerView): CustomerDraft {
  return {
    name: customer.name,
    phone: customer.phone,
    pan: customer.pan ?? "",
    aadhaar: "",
    dob: customer.dob ?? "",
    address: customer.address ?? "",
    pin_code: customer.pin_code ?? "",
    email: customer.email ?? "",
  };
}

const orNull = (value: string): string | null => (value.trim() === "" ? null : value.trim());

export function customerInput(draft: CustomerDraft, familyOf = "", relation = ""): CustomerInput {
  return {
    name: draft.name.trim(),
    phone: draft.phone.trim(),
    pan: orNull(draft.pan),
    aadhaar: orNull(draft.aadhaar),
    dob: orNull(draft.dob),
    address: orNull(draft.address),
    pin_code: orNull(draft.pin_code),
    email: orNull(draft.email),
    family_of: orNull(familyOf),
    relation: orNull(familyOf) === null ? null : orNull(relation),
  };
}

export function customerEdit(draft: CustomerDraft, newCode: string | null): CustomerEdit {
  const { family_of: _family, relation: _relation, ...rest } = customerInput(draft);
  return { code: newCode, ...rest };
}
