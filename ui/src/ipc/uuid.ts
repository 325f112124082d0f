// UUIDv7 (RFC 9562 §5.7): 48-bit Unix-millisecond timestamp, version 7, 12 bits rand_a, variant 10,
// 62 bits rand_b. rand_a is used as a counter within one millisecond (RFC 9562 §6.2, method 1) so ids
// made by this client sort in the order they were made. Payment ids are the backend's idempotency key.

let lastMs = -1;
let counter = 0;

function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  crypto.getRandomValues(bytes);
  return bytes;
}

export function uuidv7(now: number = Date.now()): string {
  let ms = Math.max(now, lastMs);
  const random = randomBytes(10);
  if (ms === lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      ms += 1; // counter exhausted: borrow the next millisecond
      counter = random[0] & 0x7ff;
    }
  } else {
    counter = ((random[0] << 8) | random[1]) & 0x7ff; // top bit clear leaves room to count up
  }
  lastMs = ms;

  const bytes = new Uint8Array(16);
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = t % 256;
    t = Math.floor(t / 256);
  }
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes.set(random.subarray(2), 8);
  bytes[8] = 0x80 | (bytes[8] & 0x3f);

  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The millisecond timestamp a UUIDv7 carries. */
export function uuidv7Time(id: string): number {
  return parseInt(id.replace(/-/g, "").slice(0, 12), 16);
}
