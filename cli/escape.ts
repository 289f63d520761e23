// File names in the text format and on stderr: a name may hold a newline or a terminal escape
// sequence, which printed raw could forge a diagnostic line or recolour the terminal. Control
// characters, DEL, C1 controls and the bidirectional overrides are shown as \n, \r, \t, \xNN or
// \u{NNNN}; everything else (backslashes of Windows paths too) is printed as it is.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeName(name: string): string {
  return name.replace(UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
