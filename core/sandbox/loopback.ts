// The one loopback rule of the sandbox, shared by the host's webview validation and the worker.

/** 127.0.0.0/8 as a dotted quad, ::1 (any spelling), ::ffff:127.x.y.z, and 'localhost'. */
export function isLoopbackLiteral(address: string): boolean {
  if (address === 'localhost') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (v4) return v4.slice(1).every((p) => Number(p) <= 255) && v4[1] === '127';
  const bare = (address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address).toLowerCase();
  if (bare === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(bare)) return true;
  const mapped = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(bare);
  return mapped !== null && isLoopbackLiteral(mapped[1] ?? '');
}
