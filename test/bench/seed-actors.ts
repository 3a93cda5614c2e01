/**
 * Actor discovery measured on the seed corpus (../shared/corpus: five raw articles, no corpus.yaml) against a gold list
 * written by reading every article: each actor a careful reader would name, with the spellings the articles use.
 *
 *   npx tsc -b && node out/test/bench/seed-actors.js          (VERBOSE=1 also lists each gold actor's actor ids)
 *
 * A gold actor is found when a mention whose text is one of its spellings resolves to an actor; split when those
 * mentions resolve to more than one actor (each extra actor counts once); two gold actors are wrongly merged when
 * mentions of both resolve to the same actor. Kind is the discovered actor's kind against the gold kind. Discovered
 * actors that no gold spelling reaches are listed as extra (junk unless listed as acceptable below).
 * Skips when the corpus is absent.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import { FileSystemWorkspace } from '../../server/src/cli/fsWorkspace';
import type { ActorKind } from '../../server/src/core/model/types';

interface Gold {
  name: string;
  kind: ActorKind;
  /** Spellings as written in the articles (titles excluded: "Ayatollah Ali Khamenei" is written, "Ali Khamenei" is the name). */
  forms: string[];
}

const person = (name: string, ...forms: string[]): Gold => ({ name, kind: 'person', forms: [name, ...forms] });
const org = (name: string, ...forms: string[]): Gold => ({ name, kind: 'organization', forms: [name, ...forms] });
const place = (name: string, ...forms: string[]): Gold => ({ name, kind: 'place', forms: [name, ...forms] });

export const GOLD: Gold[] = [
  // People: the three Alis, two Iraqi prime ministers spelled four ways each, the commanders killed in January 2020.
  person('Ali Khamenei', 'Khamenei'),
  person("Mohammed Shia' al-Sudani", "Muhammad Shia' Al-Sudani", 'Muhammad Shiaa al-Sudani', 'Mohammed Shia al-Sudani', "Shia' Al-Sudani", 'Al-Sudani', 'al-Sudani', 'Sudani'),
  person('Mustafa al-Kadhimi', 'Mostafa Al-Kadhimi', 'Mustafa Kadhimi', 'Al-Kadhimi', 'Kadhimi', 'KADHIMI'),
  person('Qassem Soleimani', 'Qasem Soleimani', 'Soleimani'),
  person('Abu Mahdi Al-Muhandis', 'Al-Muhandis'),
  person('Muqtada Al-Sadr'),
  person('Abbas Beheshti'),
  person('Hassan Rouhani', 'Rouhani', 'Rohani'),
  person('Biden'),
  person('Paul Bremer'),
  person('Ali Sistani'),
  person('Esmail Qaani', 'Qaani'),
  person('Masoud Pezeshkian', 'Pezeshkian'),
  person('Donald Trump'),
  person('Gideon Saar'),
  person('Adel Abdul Mahdi'),
  person('Ali Shamkhani', 'Shamkhani'),
  person('Mohammad Javad Zarif'),
  // Organisations: one militia federation under five names, two militias sharing "Hezbollah", one Quds Force spelled two ways.
  org('Popular Mobilization Forces', 'PMF', 'Hashd', "Al-Hashd Al-Sha'bi", 'Hashd al-Shaabi', 'Popular Mobilization'),
  org('Quds Force', 'Qods Force', 'IRGC Qods Force', 'IRGC Quds Force'),
  org('Islamic Revolution Guards Corps', 'IRGC', 'Revolution Guards Corps'),
  org('Kayhan'),
  org('IRNA'),
  org('ISIS'),
  org('Coalition Provisional Authority', 'CPA'),
  org('Tabnak'),
  org('Shafaq News'),
  org('Harakat Hezbollah al-Nujaba', 'Al-Nujaba Movement'),
  org('Kataib Hezbollah'),
  org('Kataib Sayyid al-Shuhada'),
  org('Asaib Ahl al-Haq'),
  org('Badr'),
  org('Kurdistan Workers Party'),
  org('Supreme National Security Council'),
  org('UN Security Council'),
  org('White House'),
  org('CENTCOM'),
  // Places, including the ones only named once in a list ("Karachi, Herat") and two military sites.
  place('Iran', 'Islamic Republic', 'Islamic Republic of Iran'),
  place('Iraq'),
  place('United States', 'U.S.', 'US', 'America'),
  place('Tehran'),
  place('Baghdad'),
  place('Kurdistan', 'Kurdistan Region'),
  place('Syria'),
  place('Gaza'),
  place('Lebanon'),
  place('Middle East'),
  place('Basra'),
  place('Washington'),
  place('Israel'),
  place('Jordan'),
  place('Kuwait'),
  place('Yemen'),
  place('Afghanistan'),
  place('Saudi Arabia'),
  place('Qatar'),
  place('Sanaa'),
  place('Algeria'),
  place('Karachi'),
  place('Herat'),
  place('Caracas'),
  place('Buenos Aires'),
  place('London'),
  place('Wales'),
  place('Shalamcheh'),
  place('Al-Qaim'),
  place('Ain al-Asad', 'Ail Al-Assad'),
];

/** Named in the text but not actors a reader would list (an event, a photo credit): neither counted nor junk. */
const ACCEPTABLE = new Set(['FIFA World Cup', 'World Cup', 'REUTERS', 'Reuters', 'Zionist Regime']);

export interface SeedScore {
  gold: number;
  found: number;
  missing: string[];
  split: { name: string; pieces: string[] }[];
  merged: { actor: string; gold: string[] }[];
  wrongKind: { name: string; expected: ActorKind; got: ActorKind }[];
  extra: string[];
  acceptable: string[];
}

/** Scores the engine's actors on a corpus folder against the gold list. */
export async function scoreSeed(root: string): Promise<SeedScore> {
  const engine = createEngine({ workspace: new FileSystemWorkspace(root) });
  await engine.load();
  const state = engine.getState();
  const goldOf = new Map<string, number>();
  GOLD.forEach((g, i) => g.forms.forEach((f) => goldOf.set(f, i)));
  const actorsOfGold = GOLD.map(() => new Map<string, number>());
  const goldOfActor = new Map<string, Set<number>>();
  for (const list of state.mentions.values()) {
    for (const m of list) {
      if (m.via !== 'name') continue;
      const g = goldOf.get(m.text);
      if (g === undefined) continue;
      actorsOfGold[g].set(m.actor, (actorsOfGold[g].get(m.actor) ?? 0) + 1);
      let set = goldOfActor.get(m.actor);
      if (!set) goldOfActor.set(m.actor, (set = new Set()));
      set.add(g);
    }
  }
  const score: SeedScore = { gold: GOLD.length, found: 0, missing: [], split: [], merged: [], wrongKind: [], extra: [], acceptable: [] };
  GOLD.forEach((g, i) => {
    const ids = [...actorsOfGold[i]].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    if (!ids.length) {
      score.missing.push(g.name);
      return;
    }
    score.found++;
    if (ids.length > 1) score.split.push({ name: g.name, pieces: ids });
    const kind = state.actorById.get(ids[0])!.kind;
    if (kind !== g.kind) score.wrongKind.push({ name: g.name, expected: g.kind, got: kind });
  });
  for (const [actor, golds] of goldOfActor) if (golds.size > 1) score.merged.push({ actor, gold: [...golds].map((i) => GOLD[i].name) });
  for (const a of state.actors) {
    if (goldOfActor.has(a.id)) continue;
    (ACCEPTABLE.has(a.name) ? score.acceptable : score.extra).push(`${a.name} (${a.kind})`);
  }
  return score;
}

async function main(): Promise<void> {
  const root = [process.env.CORROBORATE_SEED, path.resolve(__dirname, '../../../../shared/corpus'), path.resolve(process.cwd(), '../shared/corpus')].find((d): d is string => !!d && existsSync(d));
  if (!root) {
    console.log('seed-actors: ../shared/corpus not found; skipped');
    return;
  }
  const s = await scoreSeed(root);
  const splitPieces = s.split.reduce((n, x) => n + x.pieces.length - 1, 0);
  console.log(`seed corpus ${root}`);
  console.log(`gold actors: ${s.gold}; found ${s.found}; missing ${s.missing.length}; split ${s.split.length} (${splitPieces} extra pieces); wrongly merged ${s.merged.length}; wrong kind ${s.wrongKind.length}; extra actors ${s.extra.length} (+${s.acceptable.length} acceptable)`);
  if (s.missing.length) console.log(`  missing: ${s.missing.join(', ')}`);
  for (const x of s.split) console.log(`  split: ${x.name} → ${x.pieces.join(', ')}`);
  for (const x of s.merged) console.log(`  merged: ${x.actor} ← ${x.gold.join(' + ')}`);
  for (const x of s.wrongKind) console.log(`  kind: ${x.name} is ${x.expected}, found ${x.got}`);
  if (s.extra.length) console.log(`  extra: ${s.extra.join('; ')}`);
  if (s.acceptable.length) console.log(`  acceptable extra: ${s.acceptable.join('; ')}`);
}

if (require.main === module) void main();
