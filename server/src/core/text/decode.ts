/** Turning file bytes into text without ever throwing: BOM, invalid UTF-8 and binary files become problems. */

export interface DecodedText {
  text: string;
  /** Null when the bytes are not text at all (the document is skipped). */
  binary: boolean;
  /** The file began with a byte order mark, which `text` leaves out (so file offsets are one more than text offsets). */
  bom: boolean;
  warnings: string[];
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** Decodes UTF-8 bytes; strips a BOM (as editors do, so offsets agree with them) and reports anything odd. */
export function decodeText(bytes: Uint8Array | string): DecodedText {
  const warnings: string[] = [];
  let text: string;
  if (typeof bytes === 'string') {
    text = bytes;
  } else {
    if (looksBinary(bytes)) {
      return { text: '', binary: true, bom: false, warnings: ['binary file (contains NUL bytes): skipped'] };
    }
    try {
      text = strictDecoder.decode(bytes);
    } catch {
      text = lenientDecoder.decode(bytes);
      warnings.push('invalid UTF-8 byte sequences were replaced with U+FFFD; save the file as UTF-8');
    }
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) {
    text = text.slice(1);
    warnings.push('byte order mark (BOM) at the start of the file was ignored; offsets count from after it');
  }
  if (text.includes('\r\n')) {
    warnings.push('CRLF line ends: offsets count both characters of each line end');
  }
  return { text, binary: false, bom, warnings };
}

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
