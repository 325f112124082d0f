// The Help page's topics in the order staff meet them; each has help.<id>.title and help.<id>.body.
export const HELP_TOPICS = ["enroll", "offline", "notShown", "processing", "missed", "close", "ledger", "pin", "backup"] as const;
