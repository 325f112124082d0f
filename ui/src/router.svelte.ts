// A tiny hash router: "#/customers/MAIN-00001" ⇄ { name: "customer", code: "MAIN-00001" }.
// Hash routes keep back/forward working in the Tauri window without a server.

export type Route =
  | { name: "dashboard" }
  | { name: "counter" }
  | { name: "customers" }
  | { name: "customer-new"; familyOf: string | null }
  | { name: "customer"; code: string }
  | { name: "customer-edit"; code: string }
  | { name: "payments"; customer: string | null; find: string | null }
  | { name: "plans" }
  | { name: "enrollments" }
  | { name: "enrollment"; no: string }
  | { name: "rate" }
  | { name: "settings" }
  | { name: "staff" }
  | { name: "audit" }
  | { name: "export" }
  | { name: "outbox" }
  | { name: "help" }
  | { name: "import" }
  | { name: "sync-review" }
  | { name: "backups" }
  | { name: "reports"; report: string | null; filters: Record<string, string> };

export type Section = "dashboard" | "reports" | "counter" | "customers" | "payments" | "plans" | "enrollments" | "rate" | "settings" | "staff" | "audit" | "export" | "outbox" | "help" | "import" | "backups";

const enc = encodeURIComponent;

export function routeToHash(route: Route): string {
  switch (route.name) {
    case "dashboard":
      return "#/";
    case "counter":
      return "#/counter";
    case "customers":
      return "#/customers";
    case "customer-new":
      return route.familyOf ? `#/customers/new?family_of=${enc(route.familyOf)}` : "#/customers/new";
    case "customer":
      return `#/customers/${enc(route.code)}`;
    case "customer-edit":
      return `#/customers/${enc(route.code)}/edit`;
    case "payments": {
      const query = new URLSearchParams();
      if (route.customer) query.set("customer", route.customer);
      if (route.find) query.set("find", route.find);
      const text = query.toString();
      return text ? `#/payments?${text}` : "#/payments";
    }
    case "plans":
      return "#/plans";
    case "enrollments":
      return "#/enrollments";
    case "enrollment":
      return `#/enrollments/${enc(route.no)}`;
    case "rate":
      return "#/rate";
    case "settings":
      return "#/settings";
    case "staff":
      return "#/staff";
    case "audit":
      return "#/audit";
    case "export":
      return "#/export";
    case "outbox":
      return "#/outbox";
    case "help":
      return "#/help";
    case "import":
      return "#/import";
    case "sync-review":
      return "#/sync/review";
    case "backups":
      return "#/backups";
    case "reports": {
      const query = new URLSearchParams(Object.entries(route.filters).filter(([, v]) => v !== ""));
      const text = query.toString();
      const path = route.report ? `#/reports/${enc(route.report)}` : "#/reports";
      return text ? `${path}?${text}` : path;
    }
  }
}

export function hashToRoute(hash: string): Route {
  const [path, queryText = ""] = hash.replace(/^#/, "").split("?");
  const query = new URLSearchParams(queryText);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case undefined:
      return { name: "dashboard" };
    case "counter":
      return { name: "counter" };
    case "reports":
      return { name: "reports", report: parts[1] ?? null, filters: Object.fromEntries(query.entries()) };
    case "customers":
      if (parts.length === 1) return { name: "customers" };
      if (parts[1] === "new" && parts.length === 2) return { name: "customer-new", familyOf: query.get("family_of") };
      if (parts[2] === "edit") return { name: "customer-edit", code: parts[1] };
      return { name: "customer", code: parts[1] };
    case "payments":
      return { name: "payments", customer: query.get("customer"), find: query.get("find") };
    case "plans":
      return { name: "plans" };
    case "enrollments":
      return parts[1] ? { name: "enrollment", no: parts[1] } : { name: "enrollments" };
    case "rate":
      return { name: "rate" };
    case "settings":
      return { name: "settings" };
    case "staff":
      return { name: "staff" };
    case "audit":
      return { name: "audit" };
    case "export":
      return { name: "export" };
    case "outbox":
      return { name: "outbox" };
    case "help":
      return { name: "help" };
    case "import":
      return { name: "import" };
    case "sync":
      return { name: "sync-review" };
    case "backups":
      return { name: "backups" };
    default:
      return { name: "dashboard" };
  }
}

/** The sidebar entry a route belongs to. */
export function sectionOf(route: Route): Section {
  switch (route.name) {
    case "customer-new":
    case "customer":
    case "customer-edit":
      return "customers";
    case "enrollment":
      return "enrollments";
    case "sync-review":
      return "dashboard";
    default:
      return route.name;
  }
}

export const router = $state<{ route: Route }>({
  route: typeof window === "undefined" ? { name: "dashboard" } : hashToRoute(window.location.hash),
});

export function navigate(route: Route): void {
  router.route = route;
  const hash = routeToHash(route);
  if (typeof window !== "undefined" && window.location.hash !== hash) window.location.hash = hash;
}

export function listenToHash(): () => void {
  const onChange = () => {
    router.route = hashToRoute(window.location.hash);
  };
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}
