import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attributeSpeakers, detectQuotes } from '../../server/src/core/recognize/quotes';
import type { NameMatch, QuoteMatch, SpeakerMatch } from '../../server/src/core/model/types';

/** Capitalised word sequences, without a leading function word or title: enough to stand in for the actor recognizer. */
function capNames(text: string): NameMatch[] {
  const skip = new Set(['The', 'A', 'An', 'He', 'She', 'They', 'It', 'In', 'On', 'At', 'But', 'And', 'During', 'After', 'According', 'We', 'I', 'This', 'That', 'When', 'Mr', 'Mrs', 'Ms', 'Supreme', 'Leader', 'Prime', 'Minister', 'President', 'Iran\'s', 'Iran’s', 'Ayatollah', 'Sen', 'Gov', 'Representative', 'Iraqi']);
  const out: NameMatch[] = [];
  const re = /(?:al-)?\p{Lu}(?:\.\p{Lu}\.?|[\p{L}'’\-])*(?: (?:\p{Lu}(?:\.\p{Lu}\.?|[\p{L}'’\-])*|al-\p{Lu}[\p{L}]*))*/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let words = m[0].split(/\s+/);
    let start = m.index;
    while (words.length && skip.has(words[0].replace(/\.$/, ''))) {
      start = text.indexOf(words[1] ?? '', start + words[0].length);
      words = words.slice(1);
    }
    if (!words.length) continue;
    let t = words.join(' ');
    t = t.replace(/['’]s$/, '').replace(/[.,]$/, '');
    const s = start;
    out.push({ start: s, end: s + t.length, text: t, key: t.toLowerCase() });
  }
  return out;
}

function quotes(text: string, from?: number, to?: number): QuoteMatch[] {
  const qs = detectQuotes(text, from, to);
  for (const q of qs) {
    assert.equal(text.slice(q.start, q.end), q.text, 'span text');
    assert.ok(q.outerStart <= q.start && q.end <= q.outerEnd, 'outer contains inner');
    assert.equal(q.text, q.text.trim(), 'trimmed');
  }
  for (let i = 1; i < qs.length; i++) assert.ok(qs[i - 1].start <= qs[i].start, 'sorted');
  return qs;
}

function texts(text: string): string[] {
  return quotes(text).map((q) => q.text);
}

function speakers(text: string): { quote: string; speaker: string | null; via: string | null; sp: SpeakerMatch | null }[] {
  const qs = quotes(text);
  const sp = attributeSpeakers(text, qs, capNames(text));
  return qs.map((q, i) => ({ quote: q.text, speaker: sp[i]?.text ?? null, via: sp[i]?.via ?? null, sp: sp[i] }));
}

function speakerOf(text: string, quoteStart: string): { speaker: string | null; via: string | null; sp: SpeakerMatch | null } {
  const all = speakers(text);
  const hit = all.find((x) => x.quote.startsWith(quoteStart));
  assert.ok(hit, `quote starting with ${JSON.stringify(quoteStart)} not found in ${JSON.stringify(all.map((x) => x.quote))}`);
  return hit;
}

describe('detectQuotes: marks', () => {
  it('finds straight and curly double quotes', () => {
    assert.deepEqual(texts('He said "we will win the vote" and left. She said “they will lose the vote” later.'), [
      'we will win the vote',
      'they will lose the vote',
    ]);
  });

  it('keeps offsets in UTF-16 units (emoji and accents before the quote)', () => {
    const t = '🙂 Café owner François said: “Prices will rise again next year.”';
    const [q] = quotes(t);
    assert.equal(q.text, 'Prices will rise again next year.');
    assert.equal(t.slice(q.outerStart, q.outerEnd), '“Prices will rise again next year.”');
  });

  it('does not take apostrophes for quotation marks', () => {
    const t =
      "Muhammad Shia' Al-Sudani met Iraq's partners. Iran’s leader said they don’t care. The Shi'ite militias of the '90s and the leaders' meeting rock 'n' roll.";
    assert.deepEqual(texts(t), []);
  });

  it('nests single quotes inside double quotes', () => {
    const t = 'The editorial said: "This crisis was embodied by [Iraq\'s] \'headless government,\' in which many enemies of Iran\'s allies were invested."';
    const qs = quotes(t);
    assert.equal(qs.length, 2);
    assert.match(qs[0].text, /^This crisis was embodied/);
    assert.equal(qs[1].text, 'headless government,');
    assert.equal(qs[1].kind, 'term');
  });

  it('nests a statement in single quotes, with apostrophes around it', () => {
    const t = `"Biden expressed his anger, saying: 'We will not cooperate with the Al-Sudani government.' Iran's answer is clear."`;
    const qs = texts(t);
    assert.equal(qs.length, 2);
    assert.equal(qs[1], 'We will not cooperate with the Al-Sudani government.');
  });

  it('ignores an ayin-like apostrophe at the start of a word inside a quotation', () => {
    const t = `"The attack on the base in 'Ail Al-Assad was a slap, and 'completely expelling America' is next."`;
    const qs = texts(t);
    assert.deepEqual(qs.slice(1), ['completely expelling America']);
  });

  it('finds single-quoted headline quotations', () => {
    const t = "Khamenei Tells Iraqi PM: 'We Will Strike Back At US' For Soleimani's 'Assassination'\n\nBody text.";
    const qs = quotes(t);
    assert.deepEqual(
      qs.map((q) => [q.text, q.kind]),
      [
        ['We Will Strike Back At US', 'statement'],
        ['Assassination', 'term'],
      ],
    );
  });

  it('finds quotations in a headline with a term and a statement', () => {
    const t =
      "Iranian Supreme Leader Khamenei Threatens Iranian Military Intervention To 'Defend' Iraq: 'If Anyone Tries To Violate Iraq's Security, We Will Stand Tall And Defend It'\n\nDecember 6, 2022";
    const qs = quotes(t);
    assert.deepEqual(
      qs.map((q) => [q.text, q.kind]),
      [
        ['Defend', 'term'],
        ["If Anyone Tries To Violate Iraq's Security, We Will Stand Tall And Defend It", 'statement'],
      ],
    );
  });

  it('reads doubled apostrophes and backticks as double quotes', () => {
    assert.deepEqual(texts("Mr. Trump said, ''Of course, I pay federal taxes.'' Critics said ``it is not enough.''"), [
      'Of course, I pay federal taxes.',
      'it is not enough.',
    ]);
  });

  it('reads a nested quotation that uses the same marks', () => {
    const t = '“As a young woman, I’d rather live in what he calls “hell” than live in a world where he is president.” ― Adriana';
    const qs = quotes(t);
    assert.equal(qs.length, 2);
    assert.match(qs[0].text, /^As a young woman.*president\.$/);
    assert.equal(qs[1].text, 'hell');
  });

  it('treats Markdown block quotes as quotations', () => {
    const t = 'Intro paragraph.\n\n> We must stand fast against the enemy.\n> We will not give in.\n\nAfter.';
    const qs = quotes(t);
    assert.equal(qs.length, 1);
    assert.equal(qs[0].text, 'We must stand fast against the enemy.\n> We will not give in.');
    assert.equal(qs[0].kind, 'statement');
    assert.equal(t[qs[0].outerStart], '>');
  });

  it('parses quotation marks inside block quotes normally', () => {
    const t = '> "We will win," he said.\n\nDone.';
    assert.deepEqual(texts(t), ['We will win,']);
  });

  it('respects from/to (YAML front matter is skipped)', () => {
    const t = '---\ntitle: "A quoted title in front matter"\n---\nHe said "the body quote counts here" today.';
    const from = t.indexOf('He said');
    const qs = quotes(t, from);
    assert.deepEqual(
      qs.map((q) => q.text),
      ['the body quote counts here'],
    );
    assert.deepEqual(quotes(t, from, from + 7), []);
  });
});

describe('detectQuotes: boundaries', () => {
  it('ends an unclosed quotation at the end of its paragraph', () => {
    const t = 'He said "we will fight on and never surrender\n\nNext paragraph without quotes.';
    const [q] = quotes(t);
    assert.equal(q.text, 'we will fight on and never surrender');
    assert.equal(q.closed, false);
    assert.equal(q.outerEnd, t.indexOf('\n'));
  });

  it('joins a quotation over paragraphs that each open with a mark', () => {
    const t =
      'He said: "Iraq\'s progress is an interest of ours.\n\n"Iraq is the region\'s leading Arab country.\n\n"Iraq\'s new government can make changes."\n\nThen he left.';
    const qs = quotes(t);
    assert.equal(qs.length, 1);
    assert.equal(qs[0].paragraphs, 3);
    assert.equal(qs[0].closed, true);
    assert.match(qs[0].text, /^Iraq's progress.*make changes\.$/s);
  });

  it('handles a stray space after an opening mark and a second opener', () => {
    const t =
      'Khamenei added that " Iraq\'s security is Iran\'s security, just as Iran\'s security affects Iraq\'s. He also called on Al-Sudani to "make maximum use of young and motivated Iraqi forces," namely the militias.';
    const qs = quotes(t);
    assert.equal(qs.length, 2);
    assert.equal(qs[0].text, "Iraq's security is Iran's security, just as Iran's security affects Iraq's.");
    assert.equal(qs[0].closed, false);
    assert.equal(qs[1].text, 'make maximum use of young and motivated Iraqi forces,');
    assert.equal(qs[1].closed, true);
  });

  it('handles stray spaces inside straight marks', () => {
    assert.deepEqual(texts('The minister said " we will respond firmly " and left.'), ['we will respond firmly']);
  });

  it('decides straight marks by context, not by alternation only', () => {
    // the inch mark closes nothing; the quotation after it is intact
    assert.deepEqual(texts('The 12" pipe burst. Officials said "the damage is limited to one street" on Monday.'), [
      'the damage is limited to one street',
    ]);
  });

  it('continues a quotation into a paragraph that forgot its opening mark', () => {
    const t = 'The article reads:\n\n"First part of the article goes here.\n\nSecond part closes it."[4]\n\nAfter.';
    const qs = quotes(t);
    assert.equal(qs.length, 1);
    assert.equal(qs[0].paragraphs, 2);
    assert.equal(qs[0].closed, true);
  });

  it('reads hard-wrapped newswire with indented paragraphs', () => {
    const t =
      'The company said it would appeal.\n    "The circumstances at the time\nof the offering have changed a great deal," a spokesman\nsaid on Monday.\n    Analysts agreed with the company\nthat the outlook was poor.';
    const qs = quotes(t);
    assert.equal(qs.length, 1);
    assert.equal(qs[0].text, 'The circumstances at the time\nof the offering have changed a great deal,');
    const sp = attributeSpeakers(t, qs, capNames(t));
    assert.equal(sp[0]?.text, 'a spokesman');
  });
});

describe('detectQuotes: statement or term', () => {
  it('types scare quotes and short terms as terms', () => {
    const t =
      'He said the presence of American “occupying forces” is a problem, part of Iran’s “resistance axis,” and the “corrupt” Americans.';
    assert.deepEqual(
      quotes(t).map((q) => q.kind),
      ['term', 'term', 'term'],
    );
  });

  it('types utterances as statements, even short ones with a speech verb', () => {
    const t = '“Never,” he said. She replied: “Absolutely not.” They called it “a source of joy and pride for all.”';
    assert.deepEqual(
      quotes(t).map((q) => [q.text, q.kind]),
      [
        ['Never,', 'statement'],
        ['Absolutely not.', 'statement'],
        ['a source of joy and pride for all.', 'statement'],
      ],
    );
  });

  it('types a short quotation introduced by "as" as a term, whatever speech verb follows it', () => {
    const t = 'The Supreme Leader described American forces in Iraq as “occupying forces,” emphasizing that “the duty requires confronting them seriously.”';
    assert.deepEqual(
      quotes(t).map((q) => [q.text, q.kind]),
      [
        ['occupying forces,', 'term'],
        ['the duty requires confronting them seriously.', 'statement'],
      ],
    );
  });

  it('types a title-cased phrase in running text as a term', () => {
    const [q] = quotes('Pence said on CNN\'s "State of the Union" that the plan was sound.');
    assert.equal(q.kind, 'term');
  });
});

describe('attributeSpeakers: cues', () => {
  it('X said after the quotation', () => {
    const r = speakerOf('“There are indications that the Americans are attempting to expand,” Khamenei added during a meeting.', 'There are');
    assert.equal(r.speaker, 'Khamenei');
    assert.equal(r.via, 'said');
  });

  it('said X after the quotation, with a title', () => {
    const r = speakerOf('"I think it is very smart for the president to say it," said Representative Charles Rangel of New York.', 'I think');
    assert.equal(r.speaker, 'Charles Rangel');
  });

  it('X says before the quotation', () => {
    assert.equal(speakerOf('Trump says, “Working that microphone was a hell of a lot more difficult.”', 'Working').speaker, 'Trump');
  });

  it('X said: before the quotation', () => {
    assert.equal(speakerOf('Khamenei said: "Iran has never had any intention to meddle in Iraq\'s affairs."', 'Iran has').speaker, 'Khamenei');
  });

  it('headline colon pattern', () => {
    const t = "Khamenei Tells Iraqi PM: 'We Will Strike Back At US' For Soleimani's 'Assassination'\n\nBody.";
    const r = speakerOf(t, 'We Will');
    assert.equal(r.speaker, 'Khamenei');
    assert.equal(r.via, 'headline');
  });

  it('a colon without a verb: "X: …"', () => {
    const t = 'Regime Mouthpiece Kayhan: "After This Visit We Can Expect The Iraqi Government To Act"\n\nBody.';
    assert.match(speakerOf(t, 'After This').speaker ?? '', /Kayhan$/);
  });

  it('according to X', () => {
    const t = 'According to the ministry\'s representative in Iraq, Abbas Beheshti, "this office will manage Iraqi offices in Basra."';
    const r = speakerOf(t, 'this office');
    assert.equal(r.via, 'according-to');
    assert.ok(r.speaker && /Beheshti|representative/.test(r.speaker));
    const t2 = '"The talks went well," according to a senior official.';
    assert.equal(speakerOf(t2, 'The talks').speaker, 'a senior official');
  });

  it('X told …', () => {
    assert.equal(speakerOf('Fowler told reporters, "It is something you would be a fool not to prepare for."', 'It is').speaker, 'Fowler');
    assert.equal(speakerOf('"We are a content provider," Dickey told me.', 'We are').speaker, 'Dickey');
  });

  it('many speech verbs: stressed, urged, warned, noted, vowed, insisted, tweeted, wrote', () => {
    for (const v of ['stressed', 'urged', 'warned', 'noted', 'stated', 'emphasized', 'remarked', 'vowed', 'reiterated', 'declared', 'insisted', 'argued', 'wrote', 'tweeted']) {
      const t = `Shamkhani ${v} that "the US presence in the region brings only destruction."`;
      assert.equal(speakerOf(t, 'the US').speaker, 'Shamkhani', v);
    }
  });

  it('X, the …, said (apposition)', () => {
    const t = '“It’s an invasion of the state regulatory domain,” Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing, said at an event.';
    assert.equal(speakerOf(t, 'It’s an').speaker, 'Scott Pruitt');
    const t2 = 'Scott Pruitt, the attorney general of Oklahoma, said: "It is an invasion of the state domain."';
    assert.equal(speakerOf(t2, 'It is').speaker, 'Scott Pruitt');
  });

  it('a nominal speaker before the verb', () => {
    const t = 'The Iraqi prime minister said that "the two nations, Iran and Iraq, stand side by side."';
    assert.equal(speakerOf(t, 'the two').speaker, 'The Iraqi prime minister');
    assert.equal(speakerOf('"We saw no evidence of that," officials said.', 'We saw').speaker, 'officials');
  });

  it('a participial clause: "…, X added." and "…, stating, “…”"', () => {
    const t = 'The Iranian leader called for bolstering the PMF, stating, “The Popular Mobilization Forces are a key element of Iraq’s strength.”';
    assert.equal(speakerOf(t, 'The Popular').speaker, 'The Iranian leader');
    const t2 = 'Khamenei emphasized the influence of foreign governments, remarking that “their involvement is clearly evident.”';
    assert.equal(speakerOf(t2, 'their').speaker, 'Khamenei');
    const t3 = '“Iran has no reservations about any decision,” adding that Tehran “does not want to be part of the conflict”, Qaani reportedly stated.';
    assert.equal(speakerOf(t3, 'Iran has').speaker === null || speakerOf(t3, 'Iran has').speaker === 'Qaani', true);
  });

  it('a title before the name: the span is the name', () => {
    const t = 'Iran’s Supreme Leader Ayatollah Ali Khamenei stated that the presence of American “occupying forces” in Iraq is “illegal and against the interests of the Iraqi people.”';
    const all = speakers(t);
    assert.deepEqual(
      all.map((x) => x.speaker),
      ['Ali Khamenei', 'Ali Khamenei'],
    );
  });

  it('a statement by X', () => {
    const t = 'Responding to a statement by Al-Sudani, that "based on the constitution, we do not allow any side to use Iraq\'s soil," Khamenei said: "Sadly, this is now happening in parts of Iraq."';
    const all = speakers(t);
    assert.equal(all[0].speaker, 'Al-Sudani');
    assert.equal(all[1].speaker, 'Khamenei');
  });

  it('several quotations in one sentence share the cue', () => {
    const t = 'Khamenei added that there is need "to overcome the desires" of those who seek "to prevent understandings and cooperation between Iran and Iraq."';
    assert.deepEqual(
      speakers(t).map((x) => x.speaker),
      ['Khamenei', 'Khamenei'],
    );
  });

  it('a dash after the quotation', () => {
    assert.equal(speakerOf('“Maybe we can build a wall around Donald Trump.” ― Steve Quinlan\n“Next one.” ― Ana Diaz', 'Maybe').speaker, 'Steve Quinlan');
  });

  it('returns null when nobody is named', () => {
    assert.equal(speakerOf('Iraq is Iran’s “near abroad” in this equation.', 'near').speaker, null);
  });
});

describe('attributeSpeakers: pronouns and continuations', () => {
  it('resolves he to the nearest fitting named subject', () => {
    const t =
      'During the meeting, Khamenei vowed to take revenge for Qassem Soleimani who was killed in a U.S. drone strike in Baghdad in January. He said: "We will definitely strike back at the U.S."';
    const r = speakerOf(t, 'We will');
    assert.equal(r.speaker, 'Khamenei');
    assert.equal(r.via, 'pronoun');
    assert.ok(r.sp?.mention);
    assert.equal(t.slice(r.sp!.mention!.start, r.sp!.mention!.end), 'He');
  });

  it('resolves he after a quotation to the previous speaker', () => {
    const t =
      'Khamenei further charged: "The U.S. crime in assassinating General Soleimani is an example of its presence."\n\n"The Islamic Republic of Iran will never forget the martyrdom of Hajj Qassem Soleimani," he said.';
    const r = speakerOf(t, 'The Islamic');
    assert.equal(r.speaker, 'Khamenei');
    assert.equal(r.via, 'pronoun');
  });

  it('resolves he to a nominal speaker that spoke last', () => {
    const t =
      'Khamenei added that there is need "to overcome the desires" of those who oppose it.\n\nThe Iraqi prime minister said that "the two nations stand side by side."\n\nHe also said that Iraq\'s new government "is determined to implement the agreements."';
    assert.equal(speakerOf(t, 'is determined').speaker, 'The Iraqi prime minister');
  });

  it('resolves he to the subject of the previous sentence rather than an earlier speaker', () => {
    const t =
      'Khamenei met Iraqi Prime Minister Mohammed Shia al-Sudani. “The Popular Mobilization Forces are a key element,” Khamenei said.\nIn response, al-Sudani expressed satisfaction with the talks in Tehran. He referred to the PMF as one of the “key pillars of Iraq’s power” and praised the “resistance” in the region.';
    const all = speakers(t);
    assert.equal(all[1].speaker, 'al-Sudani');
    assert.equal(all[2].speaker, 'al-Sudani');
  });

  it('resolves she to a woman named before', () => {
    const t =
      'Mrs. Clinton met Mr. Kaine in Ohio. Mr. Kaine spoke first.\n\n"This is not who we are," she said.';
    assert.equal(speakerOf(t, 'This is').speaker, 'Clinton');
  });

  it('ignores names inside quotations as antecedents', () => {
    const t = 'Obama spoke in Honolulu. "You know, I love Larry and Holdren," he said.';
    assert.equal(speakerOf(t, 'You know').speaker, 'Obama');
  });

  it('carries the speaker to a continuing quotation', () => {
    const t = '“The insurance model doesn’t work here,” Clinton said. “So you’ve got this crazy system where premiums double.”';
    const r = speakerOf(t, 'So you’ve');
    assert.equal(r.speaker, 'Clinton');
    assert.equal(r.via, 'continued');
  });

  it('carries the speaker into the next paragraph', () => {
    const t = '"It\'s heartbreaking," Ryan said on CBS.\n\n"And this country has to find new ways of learning how to heal."\n\nOther news.';
    assert.equal(speakerOf(t, 'And this').speaker, 'Ryan');
  });

  it('does not carry the speaker past another attribution', () => {
    const t = '"We will win this race," Trump said. Clinton said the polls were tight.\n\n"Nothing is settled yet."';
    assert.notEqual(speakerOf(t, 'Nothing').speaker, 'Trump');
  });

  it('takes the speaker of a multi-paragraph quotation from its first paragraph', () => {
    const t = 'He met the premier. Khamenei said: "Iraq\'s progress matters to us.\n\n"Iraq is the leading Arab country.\n\n"Iraq\'s government can make changes."';
    const all = speakers(t);
    assert.equal(all.length, 1);
    assert.equal(all[0].speaker, 'Khamenei');
  });

  it('a paragraph quote introduced by a colon line', () => {
    const t = 'The following is a translation of the Kayhan article:\n\n"Shia\' Al-Sudani, Iraq\'s new prime minister, arrived in Tehran yesterday."';
    assert.equal(speakerOf(t, "Shia'").speaker, 'Kayhan');
  });

  it('a description with a name in apposition gives the name: according to the envoy in Iraq, Abbas Beheshti, "…"', () => {
    const t = 'Trade grew. According to the ministry\'s envoy in Iraq, Abbas Beheshti, "this office will run the new projects in the south."';
    assert.equal(speakerOf(t, 'this office').speaker, 'Abbas Beheshti');
    // a place in apposition is not the speaker
    const p = 'According to the ministry, Iraq, "the border is calm this week and trade is normal."';
    assert.equal(speakerOf(p, 'the border').speaker, 'the ministry');
  });

  it('a nested quotation gets its own speaker from inside the outer one', () => {
    const t = '"Biden expressed his anger a few days later, saying: \'We will not cooperate with the Al-Sudani government.\' That was a mistake."';
    assert.equal(speakerOf(t, 'We will not').speaker, 'Biden');
  });
});

describe('speed and robustness', () => {
  // Speed is measured by the benchmarks (npm run bench); here a generous timeout only catches a quadratic blow-up.
  it('handles long and pathological inputs', { timeout: 120_000 }, () => {
    const unit = 'He said "we will win the vote," and officials added that the “talks” went well. Iran\'s leaders\' view: \'firm\'.\n\n';
    const big = unit.repeat(20000); // ~2 MB
    const qs = detectQuotes(big);
    const sp = attributeSpeakers(big, qs, capNames(big.slice(0, 0)));
    assert.equal(qs.length, 60000);
    assert.equal(sp.length, qs.length);
    const marks = '" '.repeat(200000) + "' ".repeat(200000) + '“'.repeat(100000);
    for (const q of detectQuotes(marks)) assert.ok(q.start <= q.end && q.end <= marks.length);
  });

  it('handles empty input and no quotes', () => {
    assert.deepEqual(detectQuotes(''), []);
    assert.deepEqual(detectQuotes('No quotations here.'), []);
    assert.deepEqual(attributeSpeakers('No quotations here.', [], []), []);
  });
});

describe('long documents', () => {
  it('attributes every quotation of a transcript with thousands of them, several to a sentence', () => {
    // Each paragraph has its own speaker and three quotations in one sentence: the lead-in of the later ones has
    // to be read around the earlier ones (masks), thousands of times over.
    const surnames = ['Rahimi', 'Karimi', 'Hosseini', 'Moradi', 'Jafari', 'Ahmadi', 'Rostami'];
    const paragraphs: string[] = [];
    for (let i = 0; i < 2500; i++) {
      const who = `Ali ${surnames[i % surnames.length]}`;
      paragraphs.push(`${who} said: “The talks on item ${i} went well,” and then “we expect progress by March,” before adding “we will not give up on item ${i}.”`);
    }
    const text = paragraphs.join('\n\n');
    const qs = quotes(text);
    assert.equal(qs.length, 3 * paragraphs.length);
    const speakers = attributeSpeakers(text, qs, capNames(text));
    qs.forEach((q, k) => {
      const i = Math.floor(k / 3);
      assert.equal(speakers[k]?.text, `Ali ${surnames[i % surnames.length]}`, `quotation ${k}: ${q.text}`);
    });
  });
});
