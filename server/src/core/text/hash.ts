/** Short stable hashes for ids (two independent FNV-1a passes give 48 useful bits). */
export function stableHash(input: string, hexDigits = 12): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  const hex = (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  return hex.slice(0, hexDigits);
}

const SIMPLE_NAME = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

/** Lower-case ASCII slug for ids derived from names ("Mohammed Shia' al-Sudani" → "mohammed-shia-al-sudani"). */
export function slugify(name: string): string {
  // The common plain name ("Ali Khamenei") directly, same result.
  if (SIMPLE_NAME.test(name)) return name.toLowerCase().replace(/ /g, '-');
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'actor';
}
