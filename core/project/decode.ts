// Source bytes to text: UTF-8 with or without a BOM, UTF-16 LE or BE with a BOM (Visual Studio's
// "Unicode" save). A NUL byte in a file without a UTF-16 BOM marks it as binary. A BOM becomes one
// space, so that every column after it stays where an editor shows it.

// Every host the core runs in (Node, browsers, web workers) has TextDecoder; core/ is typed
// without the DOM library, so its shape is declared here.
declare const TextDecoder: new (label?: string) => { decode(bytes: Uint8Array): string };

export type SourceEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export type DecodedSource =
  | { readonly kind: 'text'; readonly text: string; readonly encoding: SourceEncoding }
  | { readonly kind: 'binary' };

export function decodeSource(bytes: Uint8Array): DecodedSource {
  const n = bytes.length;
  if (n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: ' ' + utf16(bytes.subarray(2), true), encoding: 'utf-16le' };
  if (n >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { kind: 'text', text: ' ' + utf16(bytes.subarray(2), false), encoding: 'utf-16be' };
  if (bytes.indexOf(0) !== -1) return { kind: 'binary' };
  if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { kind: 'text', text: ' ' + new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  return { kind: 'text', text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
}

function utf16(bytes: Uint8Array, littleEndian: boolean): string {
  const units = bytes.length >> 1;
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let at = 0; at < units; at += CHUNK) {
    const count = Math.min(CHUNK, units - at);
    const codes = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      const b = (at + i) * 2;
      codes[i] = littleEndian ? bytes[b]! | (bytes[b + 1]! << 8) : (bytes[b]! << 8) | bytes[b + 1]!;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
