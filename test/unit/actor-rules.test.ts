/** One test per rule of name discovery and actor merging, each with the case it must leave alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findNames } from '../../server/src/core/recognize/names';
import { resolveActors, type ActorResolution } from '../../server/src/core/index/actors';
import { sameToken } from '../../server/src/core/recognize/nameKeys';
import { actorForDescription, firstOverlapping } from '../../server/src/core/index/nominalSpeakers';
import fc from 'fast-check';
import { parseCorpusConfig } from '../../server/src/core/parse/corpusConfig';

const resolve = (docs: Record<string, string>, yaml = 'version: 1\n') =>
  resolveActors(parseCorpusConfig(yaml).actors, Object.entries(docs).map(([path, text]) => ({ path, scan: findNames(text) })));

/** The actor id that the mention written `text` resolved to (first such mention), or undefined. */
function actorOf(r: ActorResolution, text: string): string | undefined {
  for (const list of r.mentions.values()) for (const m of list) if (m.text === text) return m.actor;
  return undefined;
}

const names = (text: string) => findNames(text).names;
const strong = (text: string) => names(text).filter((n) => !n.weak).map((n) => n.text);

// ---------------------------------------------------------------------------------------------- recognizer

test('titles: an honorific is followed by a name even when that word is also a title ("Mr. King")', () => {
  const [king] = names('Mr. King said the talks would resume.');
  assert.equal(king.text, 'King');
  assert.equal(king.title, 'Mr.');
  assert.equal(king.kind, 'person');
  // Without the honorific "King" is a title before a name.
  const [abdullah] = names('Later, King Abdullah said the talks would resume.');
  assert.equal(abdullah.text, 'Abdullah');
  assert.equal(abdullah.title, 'King');
});

test('titles: an editor\'s bracketed title still stands before the name; a bracketed first name does not join', () => {
  const n = names('It said: [U.S. President] Biden expressed his anger.');
  assert.deepEqual(n.map((x) => [x.text, x.title ?? null]), [['U.S.', null], ['Biden', 'President']]);
  assert.deepEqual(strong('the martyrs [Qassem] Soleimani and others'), ['Qassem', 'Soleimani']);
});

test('titles: trailing titles after a place are a title reference, not a person named "U.S. President"', () => {
  const scan = findNames('On Monday the U.S. President said nothing.');
  assert.deepEqual(scan.names.map((n) => n.text), ['U.S.']);
  assert.deepEqual(scan.titleRefs.map((r) => r.text), ['President']);
});

test('lower case elsewhere: a lone capitalised word the text also writes as a lower-case word is weak, in short texts and book-length ones alike', () => {
  // "resistance" occurs only inside other words ("nonresistance", "resistances", "resistance_fund"): not as a word of its own.
  const lead = 'Officials said the Influence of the group grew, and its Resistance held. The influence was clear; some saw nonresistance, resistances and a resistance_fund elsewhere.\n\n';
  const filler = 'Trade figures rose in March as exports grew.\n\n'.repeat(2000);
  const verdicts = (text: string) => names(text).filter((n) => n.start < lead.length && n.text !== 'Officials').map((n) => `${n.text}:${n.weak ? 'weak' : 'strong'}`);
  assert.deepEqual(verdicts(lead), ['Influence:weak', 'Resistance:strong']);
  assert.ok((lead + filler).length > 65_536);
  assert.deepEqual(verdicts(lead + filler), ['Influence:weak', 'Resistance:strong']);
  const late = names(filler + lead).filter((n) => n.start >= filler.length && n.text !== 'Officials').map((n) => `${n.text}:${n.weak ? 'weak' : 'strong'}`);
  assert.deepEqual(late, ['Influence:weak', 'Resistance:strong']);
  // Each long text is judged by its own words: one that writes "influence" in lower case, then one that does not.
  const plain = 'Officials said the Influence of the group grew, and its Resistance held.\n\n';
  assert.deepEqual(verdicts(lead + filler), ['Influence:weak', 'Resistance:strong']);
  const second = names(plain + filler).filter((n) => n.start < plain.length && n.text !== 'Officials').map((n) => `${n.text}:${n.weak ? 'weak' : 'strong'}`);
  assert.deepEqual(second, ['Influence:strong', 'Resistance:strong']);
});

test('headlines: Title Case sentences are weak, even run into the body on one line; ordinary sentences are not', () => {
  const text = 'What are your thoughts on the future of the country? Share your perspective in the comments below, tell your friends about it, and join the conversation.Iraq at a Crossroads: Balancing Relations with Iran and the U.S.\nKadhimi thanked Ali Shamkhani for help during the war.';
  const n = names(text);
  assert.ok(n.filter((x) => x.start < text.indexOf('\n')).every((x) => x.weak), JSON.stringify(n));
  assert.deepEqual(n.filter((x) => !x.weak).map((x) => x.text), ['Ali Shamkhani']);
  // A long Title Case quotation inside a long line is a headline too.
  const kayhan = 'Regime Mouthpiece Kayhan: "After This Visit We Can Expect The Iraqi Government To Take More Serious Measures. Putting Down These Barbaric Armed Groups Is Another Severe Blow To America And The Zionist Regime." The editorial followed.';
  assert.deepEqual(strong(kayhan), []);
});

test('headlines: a table cell of capitalised words is a heading; months do not make a line Title Case', () => {
  assert.deepEqual(strong('| Armed Factions | Khamenei emphasizes preserving the PMF. |'), ['PMF']);
  const [irna, iran] = names('[2]  IRNA (Iran), November 29, 2022.');
  assert.equal(irna.weak, undefined);
  assert.equal(iran.weak, undefined);
});

test('sentence starts: a first word before a place is not part of its name; a two-word place stays whole', () => {
  assert.deepEqual(strong('He spoke. Explaining Tehran\'s official position, he smiled.'), ['Tehran']);
  assert.deepEqual(strong('He spoke. Buenos Aires was quiet.'), ['Buenos Aires']);
});

test('lower-case evidence: a lone capitalised word the text also writes in lower case is weak; a name is not', () => {
  const text = "iran's Influence and the PMF\nIran's influence is deep. The regime mouthpiece Kayhan said so.";
  const n = names(text);
  assert.equal(n.find((x) => x.text === 'Influence')?.weak, true);
  assert.equal(n.find((x) => x.text === 'Kayhan')?.weak, undefined);
});

test('demonyms: split before titles, kept inside "Saudi Arabia", bodies and Arabic names; plurals name no actor', () => {
  assert.deepEqual(strong('They met Iraqi Prime Minister Mustafa al-Kadhimi.'), ['Mustafa al-Kadhimi']);
  assert.deepEqual(strong('They flew to Saudi Arabia and to Iraqi Kurdistan.'), ['Saudi Arabia', 'Kurdistan']);
  assert.deepEqual(strong("They said Tehran's Islamic Revolution Guards Corps (IRGC) and the Supreme National Security Council met."), ['Tehran', 'Islamic Revolution Guards Corps', 'IRGC', 'Supreme National Security Council']);
  assert.deepEqual(strong('It was led by Prime Minister Mohammed Shia al-Sudani.'), ['Mohammed Shia al-Sudani']);
  assert.deepEqual(strong('It is the Americans who interfere, said the Lebanese Hezbollah.'), ['Hezbollah']);
});

test('bodies: a generic head alone names nothing; "the Post" is a weak reference to a body named in the text', () => {
  assert.deepEqual(names('Along with the Government, News and Units arrived.').filter((n) => n.text !== 'Along'), [
    { start: 15, end: 25, text: 'Government', key: 'government', kind: 'organization', title: undefined, weak: true, caps: undefined },
  ]);
  const r = resolve({ 'a.txt': 'The New York Post reports that aides avoided the hospital. The Post has learned more.' });
  assert.equal(actorOf(r, 'Post'), actorOf(r, 'New York Post'));
  assert.ok(actorOf(r, 'Post'));
  // With no body of that head in the text, "the Post" stays unresolved rather than founding an actor.
  assert.equal(actorOf(resolve({ 'b.txt': 'The Post has learned more, an aide said.' }), 'Post'), undefined);
  // Each "the Post" is the body of that head named last before it, also when another comes in between.
  const text = 'The New York Post reports on the talks. The Post has learned more. Later the Washington Post wrote about them. The Post says aides agree. The Post adds a detail.';
  const two = resolve({ 'c.txt': text });
  const posts = two.mentions.get('c.txt')!.filter((m) => m.text === 'Post').map((m) => m.actor);
  const ny = actorOf(two, 'New York Post');
  const wp = actorOf(two, 'Washington Post');
  assert.ok(ny && wp && ny !== wp);
  assert.deepEqual(posts, [ny, wp, wp]);
});

test('bodies: a generic head before a full name is not part of it ("Speaker of the House Newt Gingrich")', () => {
  assert.deepEqual(strong('as shown by Speaker of the House Newt Gingrich’s inclusion'), ['Newt Gingrich']);
  // Arabic heads come first in the name itself.
  assert.deepEqual(strong('militias such as Kataib Sayyid al-Shuhada operate'), ['Kataib Sayyid al-Shuhada']);
});

test('kinds: cue words around a name say organisation, place or other; a plain two-word name is a person', () => {
  const kinds = (text: string) => Object.fromEntries(names(text).map((n) => [n.text, n.kind ?? null]));
  assert.deepEqual(kinds('According to news website Tabnak, the Kayhan editorial ran.'), { Tabnak: 'organization', Kayhan: 'organization' });
  assert.deepEqual(kinds("They hit Iraq's Al-Qaim border area and the base in 'Ail Al-Assad."), { Iraq: 'place', 'Al-Qaim': 'place', 'Ail Al-Assad': 'place' });
  assert.deepEqual(kinds('They lost the World Cup to Paul Bremer.'), { 'World Cup': 'other', 'Paul Bremer': null });
});

test('kinds: unknown names listed with places are places; an apposition after a name is no list', () => {
  const kinds = (text: string) => Object.fromEntries(names(text).map((n) => [n.text, n.kind ?? null]));
  assert.deepEqual(kinds('eyes in Gaza, Algeria, Karachi, Herat and even Caracas watch; the Shalamcheh-Basra railway'), {
    Gaza: 'place',
    Algeria: 'place',
    Karachi: 'place',
    Herat: 'place',
    Caracas: 'place',
    Shalamcheh: 'place',
    Basra: 'place',
  });
  assert.equal(names("He wrote: Shia' Al-Sudani, Iraq's new prime minister, arrived.").find((n) => n.text === "Shia' Al-Sudani")?.kind, undefined);
});

test('acronyms: "(PMF)" must fit the initials; "[PMF]" is an editor\'s gloss; "(Iran)" is no acronym', () => {
  assert.deepEqual(findNames('the Popular Mobilization Forces (PMF) grew while the Coalition Provisional Authority (CPA) ruled').acronyms, [
    { long: 'popular mobilization forces', short: 'pmf' },
    { long: 'coalition provisional authority', short: 'cpa' },
  ]);
  assert.deepEqual(findNames('to strengthen the Hashd [PMF] now').acronyms, [{ long: 'hashd', short: 'pmf', gloss: true }]);
  assert.deepEqual(findNames('Kayhan (Iran), and Badr (KH) units').acronyms, []);
});

test('transliteration: short words leave less room ("Net" is not "Note", "Nato" is not "Note")', () => {
  assert.ok(sameToken('qods', 'quds'));
  assert.ok(sameToken('shia', 'shiaa'));
  assert.ok(!sameToken('net', 'note'));
  assert.ok(!sameToken('nato', 'note'));
  assert.ok(!sameToken('ali', 'aly'));
});

// ---------------------------------------------------------------------------------------------- resolver

test('merge: a shorter form that ends exactly one longer name joins it; one that ends two stays apart', () => {
  const r = resolve({
    'a.txt': "Prime Minister Mohammed Shia' al-Sudani arrived.",
    'b.txt': "The paper wrote: Shia' Al-Sudani, Iraq's new prime minister, came. Al-Sudani left.",
  });
  assert.equal(actorOf(r, "Shia' Al-Sudani"), actorOf(r, "Mohammed Shia' al-Sudani"));
  assert.equal(actorOf(r, 'Al-Sudani'), actorOf(r, "Mohammed Shia' al-Sudani"));
  const two = resolve({ 'a.txt': 'Abu Mahdi al-Muhandis met Adel Mahdi al-Muhandis. Later Mahdi al-Muhandis spoke.' });
  assert.notEqual(actorOf(two, 'Abu Mahdi al-Muhandis'), actorOf(two, 'Adel Mahdi al-Muhandis'));
  assert.notEqual(actorOf(two, 'Mahdi al-Muhandis'), actorOf(two, 'Abu Mahdi al-Muhandis'));
  assert.notEqual(actorOf(two, 'Mahdi al-Muhandis'), actorOf(two, 'Adel Mahdi al-Muhandis'));
});

test('merge: country aliases are one place under its usual name; "Latin America" stays apart from America', () => {
  const r = resolve({
    'a.txt': 'Troops of the U.S. left. The United States and America are one, like the US. The Islamic Republic of Iran spoke.',
    'b.txt': 'Iran and the Islamic Republic agreed. Latin America watched.',
  });
  const us = actorOf(r, 'U.S.');
  assert.ok(us);
  for (const form of ['United States', 'America', 'US']) assert.equal(actorOf(r, form), us, form);
  assert.equal(r.actors.find((a) => a.id === us)?.name, 'United States');
  assert.equal(actorOf(r, 'Islamic Republic'), actorOf(r, 'Iran'));
  assert.equal(actorOf(r, 'Islamic Republic of Iran'), actorOf(r, 'Iran'));
  assert.equal(r.actors.find((a) => a.id === actorOf(r, 'Iran'))?.name, 'Iran');
  assert.notEqual(actorOf(r, 'Latin America'), us);
});

test('merge: a place qualified by "Region" is the place; "Mexico City" is not Mexico', () => {
  const r = resolve({ 'a.txt': 'Attacks in Kurdistan continued. The Kurdistan Region is autonomous. Mexico and Mexico City were calm.' });
  assert.equal(actorOf(r, 'Kurdistan Region'), actorOf(r, 'Kurdistan'));
  assert.equal(r.actors.find((a) => a.id === actorOf(r, 'Kurdistan'))?.name, 'Kurdistan');
  assert.notEqual(actorOf(r, 'Mexico City'), actorOf(r, 'Mexico'));
});

test('merge: shorter names of one body join it (Quds/Qods, a dropped head, Harakat = Movement)', () => {
  const r = resolve({
    'a.txt': 'former IRGC Qods Force Commander Qassem Soleimani died. The Popular Mobilization Forces (PMF) mourned. Harakat Hezbollah al-Nujaba fired.',
    'b.txt': "the commander of Iran's Quds Force spoke, the Popular Mobilization [Units] marched, and the Al-Nujaba Movement too.",
  });
  assert.equal(actorOf(r, 'Quds Force'), actorOf(r, 'IRGC Qods Force'));
  assert.equal(actorOf(r, 'Popular Mobilization'), actorOf(r, 'Popular Mobilization Forces'));
  assert.equal(actorOf(r, 'Al-Nujaba Movement'), actorOf(r, 'Harakat Hezbollah al-Nujaba'));
});

test('merge: two militias sharing "Hezbollah" stay two, and Hezbollah stays itself', () => {
  const r = resolve({
    'a.txt': 'Kataib Hezbollah and Harakat Hezbollah al-Nujaba fired rockets. In Lebanon, Hezbollah stayed out.',
  });
  const ids = ['Kataib Hezbollah', 'Harakat Hezbollah al-Nujaba', 'Hezbollah'].map((n) => actorOf(r, n));
  assert.equal(new Set(ids).size, 3, JSON.stringify(ids));
  assert.ok(ids.every(Boolean));
});

test('merge: generic adjectives and ambiguous shorter names do not join a longer body', () => {
  const r = resolve({
    'a.txt': 'The Kurdistan Democratic Party met the Democratic Party. The UN Security Council and the Supreme National Security Council met; the Security Council agency said nothing.',
  });
  assert.notEqual(actorOf(r, 'Democratic Party'), actorOf(r, 'Kurdistan Democratic Party'));
  const sc = actorOf(r, 'Security Council');
  assert.ok(sc);
  assert.notEqual(sc, actorOf(r, 'UN Security Council'));
  assert.notEqual(sc, actorOf(r, 'Supreme National Security Council'));
});

test('merge: an editor\'s gloss joins "the Hashd" to the PMF, and the Hashd\'s Arabic names follow, kind organisation', () => {
  const r = resolve({
    'a.txt': 'the Popular Mobilization Forces (PMF) grew. Khamenei urged them to strengthen the Hashd [PMF] now. The Hashd [PMF] agreed.',
    'b.txt': "Abu Mahdi Al-Muhandis [deputy commander of Al-Hashd Al-Sha'bi] died. Ayatollah Ali Sistani praised Hashd al-Shaabi militia's role.",
  });
  const pmf = actorOf(r, 'PMF');
  for (const form of ['Hashd', "Al-Hashd Al-Sha'bi", 'Hashd al-Shaabi', 'Popular Mobilization Forces']) assert.equal(actorOf(r, form), pmf, form);
  assert.equal(r.actors.find((a) => a.id === pmf)?.kind, 'organization');
  assert.notEqual(actorOf(r, 'Abu Mahdi Al-Muhandis'), pmf);
});

test('merge: a gloss never merges a person or a place into a body', () => {
  const r = resolve({ 'a.txt': 'Hassan Rouhani met the Popular Mobilization Forces (PMF). Later Rouhani [PMF] spoke with Basra [PMF] officials.' });
  assert.notEqual(actorOf(r, 'Rouhani'), actorOf(r, 'PMF'));
  assert.notEqual(actorOf(r, 'Basra'), actorOf(r, 'PMF'));
});

test('title references: a title used before the name binds to it; another title does not', () => {
  const r = resolve({
    'a.txt': "The Ayatollah stressed that Iran does not interfere.\n\nIran's Supreme Leader Ayatollah Ali Khamenei met Iraqi Prime Minister Mustafa al-Kadhimi. Iranian Foreign Minister's visit came later.",
  });
  const list = r.mentions.get('a.txt')!;
  const khamenei = actorOf(r, 'Ali Khamenei');
  assert.equal(list.find((m) => m.text === 'Ayatollah' && m.via === 'title')?.actor, khamenei);
  assert.equal(list.find((m) => m.text.includes('Minister') && m.start > list.find((x) => x.text === 'Mustafa al-Kadhimi')!.end), undefined);
});

test('merge: the three men named Ali are three actors, each surname resolving to its own man', () => {
  const r = resolve({
    'a.txt': 'Ayatollah Ali Khamenei met Ali Shamkhani, head of the council. Shamkhani spoke first; Khamenei agreed.',
    'b.txt': 'Grand Ayatollah Ali Sistani stayed in Najaf. Sistani said little.',
  });
  const ids = ['Ali Khamenei', 'Ali Shamkhani', 'Ali Sistani'].map((n) => actorOf(r, n));
  assert.equal(new Set(ids).size, 3);
  assert.equal(actorOf(r, 'Shamkhani'), ids[1]);
  assert.equal(actorOf(r, 'Khamenei'), ids[0]);
  assert.equal(actorOf(r, 'Sistani'), ids[2]);
});

test('merge: a declared actor collects a discovered short form and a gloss but is never merged with another declared one', () => {
  const yaml = 'version: 1\nactors:\n  - id: pmf\n    name: Popular Mobilization Forces\n    kind: organization\n  - id: kh\n    name: Kataib Hezbollah\n    kind: organization\n';
  const r = resolve({ 'a.txt': 'The Popular Mobilization grew, and Kataib Hezbollah [PMF] fired.' }, yaml);
  assert.equal(actorOf(r, 'Popular Mobilization'), 'pmf');
  assert.equal(actorOf(r, 'Kataib Hezbollah'), 'kh');
});

// ---------------------------------------------------------------------------------------------- ALL CAPS, hyphens, quotes

test('ALL CAPS: an al- prefix in capitals stays on its name; a shouted run keeps only the names known elsewhere', () => {
  const text = 'Prime Minister Mustafa al-Kadhimi landed, and later Mohammed Shia al-Sudani and Ayatollah Ali Khamenei spoke.\nMUSTAFA AL-KADHIMI WAS GREETED\nAL-SUDANI MET KHAMENEI\nKHAMENEI SPOKE at length.\n';
  const r = resolve({ 'a.txt': text });
  const list = r.mentions.get('a.txt')!;
  const shouted = list.filter((m) => m.start > text.indexOf('\n')).map((m) => [m.text, m.actor]);
  assert.deepEqual(shouted, [
    ['MUSTAFA AL-KADHIMI', actorOf(r, 'Mustafa al-Kadhimi')],
    ['AL-SUDANI', actorOf(r, 'Mohammed Shia al-Sudani')],
    ['KHAMENEI', actorOf(r, 'Ali Khamenei')],
    ['KHAMENEI', actorOf(r, 'Ali Khamenei')],
  ]);
  // No actor is made of shouted words, and none is named in capitals.
  assert.deepEqual(r.actors.filter((a) => /\b(?:MET|SPOKE|WAS|GREETED|AL)\b/.test(a.name) || a.name === a.name.toUpperCase()), []);
  assert.ok(r.actors.every((a) => !a.aliases.some((x) => x === x.toUpperCase())), 'shouted spellings are not recorded as aliases');
});

test('ALL CAPS: words never written otherwise name no one; places in capitals come from the gazetteer; acronyms alone stay', () => {
  const r = resolve({ 'a.txt': 'KHAMENEI SPOKE FIRST\nNEW TEHRAN TALKS RESUMED\nThe IRGC and the PMF answered. The IRGC spoke again.\n' });
  const texts = r.mentions.get('a.txt')!.map((m) => m.text);
  assert.ok(!texts.includes('KHAMENEI') && !texts.includes('SPOKE'), texts.join('|'));
  assert.deepEqual(r.mentions.get('a.txt')!.filter((m) => m.text === m.text.toUpperCase() && m.text.length > 4).map((m) => m.text), ['TEHRAN']);
  assert.equal(r.actors.find((a) => a.name === 'Tehran')?.kind, 'place');
  assert.ok(texts.includes('IRGC') && texts.includes('PMF'));
  assert.deepEqual(names('KHAMENEI SPOKE OUT').map((n) => [n.text, n.caps]), [['KHAMENEI SPOKE OUT', true]]);
  assert.deepEqual(names('Then reporters said IRGC units left.').map((n) => [n.text, n.caps ?? false]), [['IRGC', false]]);
});

test('canonical name: mixed case beats ALL CAPS even when the capitals are more frequent; capitals alone still name it', () => {
  const r = resolve({ 'a.txt': 'A wire from REUTERS said so. Another wire from REUTERS agreed. He told Reuters the same.\n', 'b.txt': 'An item from IRNA said so, and IRNA repeated it.\n' });
  assert.equal(r.actors.find((a) => a.aliases.includes('REUTERS') || a.name === 'REUTERS')?.name, 'Reuters');
  assert.ok(r.actors.some((a) => a.name === 'IRNA'));
});

test('hyphens: a capitalised hyphenated surname is one name; two places or demonyms joined by a hyphen are two', () => {
  assert.deepEqual(strong('Iranian Foreign Minister Hossein Amir-Abdollahian arrived late.'), ['Hossein Amir-Abdollahian']);
  const r = resolve({ 'a.txt': 'Foreign Minister Hossein Amir-Abdollahian arrived late. Officials said that Amir-Abdollahian was tired.\n' });
  assert.equal(actorOf(r, 'Amir-Abdollahian'), actorOf(r, 'Hossein Amir-Abdollahian'));
  assert.ok(!r.actors.some((a) => a.name === 'Hossein Amir' || a.name === 'Abdollahian'));
  assert.deepEqual(strong('They discussed Iran-Iraq trade and the Iran-US rift.'), ['Iran', 'Iraq', 'Iran', 'US']);
  assert.deepEqual(strong('Voters in the African-American community spoke.'), ['African']);
  assert.deepEqual(strong('Forces came from Shalamcheh-Basra yesterday.'), ['Shalamcheh', 'Basra']);
  assert.deepEqual(strong('The Iran-backed group fired.'), []);
});

test('quotes: a closing single quote after a name is no part of it; an apostrophe inside a name that goes on is', () => {
  const headline = "Leader Tells Visitor: 'Our Answer Will Come To The US' After The Strike\n";
  assert.ok(names(headline).every((n) => !/['’]$/.test(n.text)), JSON.stringify(names(headline).map((n) => n.text)));
  assert.ok(names(headline).some((n) => n.text === 'US'));
  assert.deepEqual(strong("He said the answer was 'a matter for the US' and left."), ['US']);
  assert.deepEqual(strong("He said 'Karim Sadjadpour' Monday was busy."), ['Karim Sadjadpour']);
  // Negative: the transliteration apostrophe stays when the name goes on.
  assert.deepEqual(strong("Then Mohammed Shia' al-Sudani and Muhammad Shia' Sudani arrived."), ["Mohammed Shia' al-Sudani", "Muhammad Shia' Sudani"]);
});

test('title references: "Foreign Minister" binds to the one who held it; two holders close together leave it open', () => {
  const one = resolve({ 'a.txt': 'Iranian Foreign Minister Mohammad Javad Zarif spoke to reporters. The Foreign Minister said talks would go on.' });
  const ref = one.mentions.get('a.txt')!.find((m) => m.via === 'title');
  assert.equal(ref?.text, 'Foreign Minister');
  assert.equal(ref?.actor, actorOf(one, 'Mohammad Javad Zarif'));
  const text = 'Foreign Minister Javad Zarif met Foreign Minister Fuad Hussein on Sunday. The Foreign Minister said the border would open.';
  const two = resolve({ 'a.txt': text });
  assert.ok(actorOf(two, 'Javad Zarif') && actorOf(two, 'Fuad Hussein'));
  assert.deepEqual(two.mentions.get('a.txt')!.filter((m) => m.via === 'title'), [], 'ambiguous: unresolved');
  // Negative: the same holder named twice is no rival, and an old rival far back in the story no longer counts.
  const same = resolve({ 'a.txt': 'Foreign Minister Fuad Hussein arrived. Foreign Minister Fuad Hussein sat down. The Foreign Minister said little.' });
  assert.equal(same.mentions.get('a.txt')!.find((m) => m.via === 'title')?.actor, actorOf(same, 'Fuad Hussein'));
  const far = resolve({ 'a.txt': `Foreign Minister Javad Zarif left early.\n\n${'Talks went on through the day without any news from the hall. '.repeat(30)}\n\nForeign Minister Fuad Hussein arrived. The Foreign Minister said the border would open.` });
  assert.equal(far.mentions.get('a.txt')!.find((m) => m.via === 'title')?.actor, actorOf(far, 'Fuad Hussein'));
});

// ---------------------------------------------------------------------------------------------- discovery rules

test('titles: "Brig. Gen." is a title, kept off the name; the surname alone finds the man', () => {
  const [qaani] = names('The force is now run by Brig. Gen. Esmail Qaani, a veteran.');
  assert.equal(qaani.text, 'Esmail Qaani');
  assert.equal(qaani.title, 'Brig. Gen.');
  assert.equal(qaani.kind, 'person');
  const r = resolve({ 'a.txt': 'The force is now run by Brig. Gen. Esmail Qaani, a veteran. Officials said Qaani flew north.' });
  assert.equal(actorOf(r, 'Qaani'), actorOf(r, 'Esmail Qaani'));
  // Negative: "Gen." alone before a lower-case word names no one.
  assert.deepEqual(strong('The Gen. said little.'), []);
});

test('particles: bin and ibn stay inside a name; a name without them is another man', () => {
  assert.deepEqual(strong('Envoys met Crown Prince Mohammed bin Salman and Abdullah ibn Hussein in the capital.'), ['Mohammed bin Salman', 'Abdullah ibn Hussein']);
  const r = resolve({ 'a.txt': 'Envoys met Crown Prince Mohammed bin Salman in the capital. Officials said bin Salman was pleased, and Mohammed Hussein was not.' });
  assert.equal(r.actors.find((a) => a.name === 'Mohammed bin Salman')?.kind, 'person');
  assert.notEqual(actorOf(r, 'Mohammed Hussein'), actorOf(r, 'Mohammed bin Salman'));
});

test('three men named Ali: a lone "Ali" joins none of them and founds no actor', () => {
  const r = resolve({
    'a.txt': 'Ayatollah Ali Khamenei, Ali Shamkhani and Grand Ayatollah Ali al-Sistani were all quoted. Later, Ali said nothing more, and officials said Ali had left.',
  });
  const alis = ['Ali Khamenei', 'Ali Shamkhani', 'Ali al-Sistani'].map((n) => actorOf(r, n));
  assert.equal(new Set(alis).size, 3);
  assert.equal(actorOf(r, 'Ali'), undefined);
  assert.ok(!r.actors.some((a) => a.name === 'Ali'));
  // Negative: with one Ali in the text, a surname still resolves.
  const one = resolve({ 'a.txt': 'Ali Shamkhani spoke first. Later, officials said Shamkhani had left.' });
  assert.equal(actorOf(one, 'Shamkhani'), actorOf(one, 'Ali Shamkhani'));
});

test('titles: "Secretary of State" and "Minister of Oil" keep their portfolio off the name; "Bank of England" stays one body', () => {
  const [blinken] = names('Secretary of State Antony Blinken said the talks would go on.');
  assert.equal(blinken.text, 'Antony Blinken');
  assert.equal(blinken.title, 'Secretary of State');
  assert.equal(names('Minister of Oil Hayan Abdul-Ghani spoke to reporters.')[0].text, 'Hayan Abdul-Ghani');
  const hussein = names("The talks went on late. Iraq's Minister of Foreign Affairs Fuad Hussein met the envoy on Monday and said the border would stay open.").find((n) => /Hussein/.test(n.text))!;
  assert.deepEqual([hussein.text, hussein.title], ['Fuad Hussein', 'Minister of Foreign Affairs']);
  assert.deepEqual(names('The Bank of England raised rates.').map((n) => n.text), ['Bank of England']);
  // "of" and a place is no portfolio: the title does not bind across it.
  assert.deepEqual(names('He met the Prime Minister of Iraq in Baghdad.').map((n) => n.text), ['Iraq', 'Baghdad']);
});

test('descriptions: "the prime minister" stands for the latest name with that title before it, through the mention over that name', () => {
  const text = 'Prime Minister Mustafa al-Kadhimi met Foreign Minister Fuad Hussein. Later Prime Minister Mohammed Shia al-Sudani arrived. The prime minister said: “We agree.”';
  const scan = findNames(text);
  const at = text.indexOf('The prime minister');
  const mention = (name: string, actor: string) => ({ start: text.indexOf(name), end: text.indexOf(name) + name.length, text: name, actor, via: 'name' as const });
  // Mentions in text order; the first two end before al-Sudani's name, the last covers only part of it.
  const mentions = [mention('Mustafa al-Kadhimi', 'kadhimi'), mention('Fuad Hussein', 'hussein'), mention('Shia al-Sudani', 'sudani')];
  assert.equal(actorForDescription('The prime minister', at, scan.names, mentions), 'sudani');
  assert.equal(actorForDescription('the foreign minister', at, scan.names, mentions), 'hussein');
  // Before al-Sudani is named, the latest prime minister is al-Kadhimi.
  assert.equal(actorForDescription('the prime minister', text.indexOf('Later'), scan.names, mentions), 'kadhimi');
  // A titled name with no mention over it is passed over; a plural description never stands for one person.
  assert.equal(actorForDescription('the prime minister', at, scan.names, mentions.slice(0, 2)), 'kadhimi');
  assert.equal(actorForDescription('the ministers', at, scan.names, mentions), undefined);
});

test('descriptions: the mention over a name is the first mention overlapping it, whatever the mentions look like', () => {
  const mentionArb = fc.record({ at: fc.integer({ min: 0, max: 60 }), len: fc.integer({ min: 1, max: 15 }) });
  fc.assert(
    fc.property(fc.array(mentionArb, { maxLength: 25 }), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 1, max: 15 }), (raw, at, len) => {
      // sorted by start, as a document's mentions are; overlapping and nested ones included
      const mentions = raw.map(({ at: s, len: l }, k) => ({ start: s, end: s + l, text: '', actor: `a${k}`, via: 'name' as const })).sort((a, b) => a.start - b.start);
      const span = { start: at, end: at + len };
      assert.equal(firstOverlapping(mentions, span), mentions.find((m) => m.start < span.end && span.start < m.end));
    }),
    { numRuns: 500 },
  );
});
