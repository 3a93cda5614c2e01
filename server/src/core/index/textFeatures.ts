/** Words of a quotation reduced to comparable features: lower case, stop words out, light stemming, translation synonyms folded. */
import { memoized } from '../text/memo';

const STOP = new Set(
  `a an the and or but nor so yet of to in on at by for from with without into onto over under about as than then this that these those there here it its it's is are was were be been being am do does did done has have had having will would shall should can could may might not no yes i me my we us our you your he him his she her they them their who whom whose which what when where why how all any both each every some such own same other others another very just also only even too more most much many one ones s t don't won't can't isn't aren't wasn't weren't let's if because while though although whether until since again further once`.split(/\s+/),
);

// Groups of words that different translations use for the same word; the first is the canonical form (already stemmed forms are accepted too).
const SYNONYM_GROUPS = [
  'home house household residence roof',
  'kill murder assassinate assassination slay slain martyr',
  'confess admit acknowledge own concede',
  'blatant open overt explicit plain brazen shameless shame flagrant',
  'crime offence offense wrongdoing',
  'definite certain sure surely definitely certainly undoubtedly doubt inevitably',
  'strike hit attack blow retaliate respond',
  'revenge retaliation vengeance avenge reprisal',
  'interfere meddle intervene interference meddling intervention',
  'illegal unlawful illegitimate legal lawful legitimate',
  'strengthen strong stronger strength bolster reinforce enhance boost fortify empower',
  'power might capability capacity',
  'maintain preserve keep kept sustain protect safeguard',
  'continue persist',
  'occupy occupation occupier occupant',
  'independent sovereign independence sovereignty',
  'united unite unity cohesion cohesive integrity',
  'enemy foe adversary',
  'security safety secure',
  'govern government administration authority',
  'expel remove evict oust withdraw withdrawal exit leave',
  'presence deployment station stationing',
  'support backing',
  'threat danger menace endanger',
  'guest visitor',
  'young youth youthful',
  'motivate motivated energetic eager dedicated',
  'force troop soldier',
  'weaken undermine harm damage hurt',
  'contrary against oppose opposite counter',
  'want seek desire wish aim',
  'stand resist confront confrontation oppose tackle',
  'evident clear obvious apparent',
  'key vital essential crucial important pillar chief main',
  'source origin',
  'nation people public population',
  'interest benefit',
  'region area',
  'commander general',
  'american america',
  'iranian iran',
  'iraqi iraq',
  'insecurity instability unrest chaos',
  'follow bring cause produce',
  'bound tied linked connected intertwined',
  'defend protect',
  'asset resource',
  'draw rely use utilize exploit',
  'extend expand widen',
  'halt stop end prevent',
  'sign indication evidence',
  // obligation: "we must", "the duty requires"
  'must duty require obligation obliged',
  'serious seriously firm firmly resolute resolutely earnest',
];

const SYNONYM = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const words = group.split(' ');
  const canonical = stem(words[0]);
  for (const w of words) SYNONYM.set(stem(w), canonical);
}

/** A light English stemmer: enough to equate "confessed"/"confess", "strengthening"/"strengthen", "forces"/"force". */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ingly')) w = w.slice(0, -5);
  else if (w.endsWith('edly')) w = w.slice(0, -4);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 4) w = restoreE(w.slice(0, -3), w);
  else if (w.endsWith('ed') && w.length > 4) w = restoreE(w.slice(0, -2), w);
  else if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -5) + 'ate';
  else if (w.endsWith('ment') && w.length > 6) w = w.slice(0, -4);
  else if (w.endsWith('ness') && w.length > 6) w = w.slice(0, -4);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** After cutting -ing/-ed: "stopp" -> "stop", "mak" -> "make" (so "making" meets "make"), "br" (from "bring") -> the word unchanged. */
function restoreE(base: string, word: string): string {
  if (!/[aeiouy]/.test(base)) return word;
  const single = undouble(base);
  if (single !== base) return single;
  return /^[^aeiou]*[aeiou][^aeiouwxy]$/.test(base) ? base + 'e' : base;
}

function undouble(w: string): string {
  const n = w.length;
  if (n > 3 && w[n - 1] === w[n - 2] && !'lsz'.includes(w[n - 1])) return w.slice(0, -1);
  return w;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Content features of a text; `replacements` put actor tokens in place of the names inside it (offsets relative to the text). */
export function contentFeatures(text: string, replacements: { start: number; end: number; token: string }[] = []): string[] {
  return featureTokens(text, replacements).map((t) => t.feature);
}

/** Like contentFeatures, with the offset where each feature starts (to split a quotation into sentences and clauses). */
export function featureTokens(text: string, replacements: { start: number; end: number; token: string }[] = []): { feature: string; at: number }[] {
  const out: { feature: string; at: number }[] = [];
  let r = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    while (r < replacements.length && replacements[r].end <= m.index) r++;
    if (r < replacements.length && replacements[r].start <= m.index) {
      const tok = replacements[r].token;
      // "the Hashd [PMF]": two names of one actor in a row count once
      if (out[out.length - 1]?.feature !== tok) out.push({ feature: tok, at: m.index });
      continue;
    }
    const feature = wordFeature(m[0]);
    if (feature) out.push({ feature, at: m.index });
  }
  return out;
}

/** The feature of one word ('' for a stop word), remembered: a corpus repeats a few thousand words millions of times. */
const wordFeature = memoized((word: string): string => {
  const lower = word.toLowerCase().replace(/’/g, "'");
  const base = lower.endsWith("'s") ? lower.slice(0, -2) : lower;
  if (STOP.has(base) || base.length < 2) return '';
  const s = stem(base);
  return SYNONYM.get(s) ?? s;
}, 500_000);

/** The feature standing for an actor: its canonical name's features joined, so a one-word place ("Iraq") stays equal to the word it is also written as ("Iraqi") and any alias of a longer name ("the Hashd", "PMF") becomes one shared token. */
export function actorToken(name: string, id: string): string {
  const f = contentFeatures(name);
  return f.length ? f.join('_') : '@' + id;
}

/** Normalised surface text for exact comparison ("same words"), ignoring case, punctuation and spacing. */
export function surfaceKey(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'").replace(/[^\p{L}\p{N}']+/gu, ' ').trim();
}
