/** Small built-in word lists: enough to classify names and skip capitalised function words. Written for news about states and their leaders. */

const list = (s: string): Set<string> => new Set(s.split('|').map((w) => w.trim().toLowerCase()).filter(Boolean));

/** Countries, territories, regions and capitals likely in international news (lower case). */
export const PLACES = list(`
afghanistan|albania|wales|scotland|england|algeria|angola|argentina|armenia|australia|austria|azerbaijan|bahrain|bangladesh|belarus|belgium|bolivia|bosnia|brazil|britain|bulgaria|cambodia|cameroon|canada|chad|chile|china|colombia|congo|croatia|cuba|cyprus|czech republic|denmark|djibouti|ecuador|egypt|eritrea|estonia|ethiopia|europe|finland|france|georgia|germany|ghana|greece|guatemala|haiti|honduras|hungary|iceland|india|indonesia|iran|iraq|ireland|israel|italy|japan|jordan|kazakhstan|kenya|kosovo|kuwait|kyrgyzstan|laos|latvia|lebanon|libya|lithuania|luxembourg|malaysia|mali|malta|mexico|moldova|mongolia|montenegro|morocco|mozambique|myanmar|nepal|netherlands|new zealand|nicaragua|niger|nigeria|north korea|norway|oman|pakistan|palestine|panama|paraguay|peru|philippines|poland|portugal|qatar|romania|russia|rwanda|saudi arabia|senegal|serbia|singapore|slovakia|slovenia|somalia|south africa|south korea|south sudan|spain|sri lanka|sudan|sweden|switzerland|syria|taiwan|tajikistan|tanzania|thailand|tunisia|turkey|turkiye|turkmenistan|uganda|ukraine|united arab emirates|uae|united kingdom|uk|united states|us|u.s.|usa|u.s.a.|america|uruguay|uzbekistan|venezuela|vietnam|yemen|zambia|zimbabwe|
gaza|gaza strip|west bank|golan heights|kurdistan|iraqi kurdistan|kurdistan region|middle east|persian gulf|gulf|strait of hormuz|red sea|mediterranean|levant|caucasus|balkans|africa|asia|latin america|the west|
tehran|baghdad|damascus|beirut|amman|riyadh|doha|abu dhabi|dubai|muscat|sanaa|cairo|ankara|istanbul|jerusalem|tel aviv|erbil|basra|najaf|karbala|mosul|kirkuk|sulaymaniyah|fallujah|ramadi|tikrit|qom|mashhad|isfahan|tabriz|shiraz|aleppo|homs|idlib|washington|new york|london|paris|berlin|moscow|beijing|tokyo|brussels|geneva|vienna|rome|madrid|kabul|islamabad|new delhi|delhi|kyiv|kiev|minsk|baku|yerevan|tbilisi|ottawa|canberra|seoul|pyongyang|hong kong|manila|jakarta|bangkok|hanoi|nairobi|lagos|johannesburg|pretoria|brasilia|buenos aires|mexico city|havana|caracas|bogota|lima|santiago|karachi|lahore|herat|kandahar|mazar-i-sharif|nineveh|diyala|anbar|salahuddin|dohuk|duhok|halabja|sinjar|gaza city|haifa|nablus|ramallah|hebron|rafah|khan younis|sidon|tyre|latakia|deir ez-zor|raqqa|hama|daraa|kobani|aden|hodeidah|marib|jeddah|mecca|medina|dammam|manama|kabul|ahvaz|kermanshah|bandar abbas|zahedan|chabahar|natanz|fordow|bushehr|arak`);

/** Nationality and group adjectives (and their plurals): they describe, they do not name an actor. */
export const DEMONYMS = list(`
iranian|iraqi|american|israeli|palestinian|kurdish|syrian|lebanese|saudi|emirati|qatari|kuwaiti|bahraini|omani|yemeni|jordanian|egyptian|turkish|russian|chinese|british|french|german|european|western|eastern|arab|arabic|persian|shiite|shi'ite|shia|shi'a|sunni|muslim|islamic|christian|jewish|afghan|pakistani|indian|ukrainian|libyan|tunisian|moroccan|algerian|sudanese|japanese|korean|canadian|australian|italian|spanish|greek|dutch|swiss|swedish|norwegian|polish|regional|international|national|federal|foreign|democratic|republican|
iranians|iraqis|americans|israelis|palestinians|kurds|syrians|lebanese|saudis|emiratis|qataris|kuwaitis|yemenis|jordanians|egyptians|turks|russians|arabs|persians|shiites|shi'ites|sunnis|muslims|christians|jews|afghans|pakistanis|indians|ukrainians|libyans|europeans|westerners|israelis|britons|germans|canadians|australians`);

/** Adjectives that also sit inside proper names of bodies ("Supreme National Security Council", "Kurdistan Democratic Party"). */
export const NAME_ADJECTIVES = list(`national|international|federal|regional|islamic|democratic|republican|foreign|supreme|revolutionary|popular|patriotic|central|united|free|independent|arab`);

/** Titles and honorifics that precede names; multi-word titles are matched token by token. */
export const TITLE_WORDS = list(`
president|vice|prime|minister|ministers|foreign|defense|defence|interior|finance|oil|deputy|secretary|general|gen|gen.|brig|brig.|brigadier|major|maj.|colonel|col.|lieutenant|lt.|captain|capt.|commander|chief|admiral|adm.|sergeant|sgt.|
ayatollah|hajj|haj|grand|supreme|leader|sheikh|shaikh|sayyid|seyed|sayed|imam|mullah|cleric|hojatoleslam|mufti|pope|cardinal|bishop|rabbi|
king|queen|prince|princess|crown|emir|amir|sultan|sheikha|
mr|mr.|mrs|mrs.|ms|ms.|dr|dr.|prof|prof.|professor|sir|lord|lady|
senator|sen.|rep.|representative|congressman|congresswoman|governor|gov.|mayor|speaker|chairman|chairwoman|chair|spokesman|spokeswoman|spokesperson|ambassador|envoy|special|judge|justice|attorney|
lawmaker|mp|mps|premier|chancellor|director|head|ceo|founder|editor|analyst|correspondent|commissioner|secretary-general|under-secretary`);

/** Titles that make a name a person without doubt. */
export const PERSON_TITLES = list(`
president|prime|minister|ayatollah|sheikh|sayyid|imam|mr|mr.|mrs|mrs.|ms|ms.|dr|dr.|senator|sen.|gen|gen.|general|brig|brig.|brigadier|colonel|commander|king|queen|prince|emir|sultan|pope|governor|mayor|spokesman|spokeswoman|ambassador|envoy|premier|chancellor|cleric|judge|leader|speaker|chairman|lawmaker|hojatoleslam|grand|professor|prof.|ceo|director`);

/** Last words that make a name an organisation. */
export const ORG_WORDS = list(`
forces|force|corps|guard|guards|party|movement|ministry|council|parliament|assembly|agency|organization|organisation|brigades|brigade|hezbollah|hizbollah|kataib|kata'ib|harakat|asaib|jaish|hizb|liwa|saraya|front|army|committee|company|corporation|corp|corp.|inc|inc.|ltd|bank|university|institute|times|news|post|press|network|union|alliance|coalition|group|groups|government|court|office|house|department|commission|fund|foundation|association|federation|league|mobilization|mobilisation|militia|militias|navy|police|service|services|authority|administration|cabinet|congress|senate|nations|reuters|ap|afp|irna|isna|tasnim|fars|memri|hamas|taliban|isis|isil|daesh|badr|asaib|unit|units|division|directorate|bureau|embassy|consulate|centre|center|tv|radio|agency|daily|journal|gazette|review|monitor|tribune|herald|observer|channel`);

/** Words of ORG_WORDS that name one body by themselves; the others are generic heads ("Government", "News") that name nothing alone. */
export const ORG_PROPER = list(`hezbollah|hizbollah|reuters|ap|afp|irna|isna|tasnim|fars|memri|hamas|taliban|isis|isil|daesh|badr|congress|senate|parliament|nato`);

/** Transliterated Arabic heads of militia and party names and their English equivalents, so "Harakat ... al-Nujaba" and "Al-Nujaba Movement" compare. */
export const ORG_TRANSLATIONS: ReadonlyMap<string, string> = new Map([
  ['harakat', 'movement'],
  ['haraka', 'movement'],
  ['kataib', 'brigades'],
  ['brigade', 'brigades'],
  ['asaib', 'leagues'],
  ['jaish', 'army'],
  ['hizb', 'party'],
  ['liwa', 'brigades'],
  ['saraya', 'companies'],
  ['majlis', 'council'],
  ['jabhat', 'front'],
  ['tanzim', 'organization'],
  ['organisation', 'organization'],
  ['mobilisation', 'mobilization'],
  ['force', 'forces'],
  ['unit', 'units'],
  ['militias', 'militia'],
]);

/** Lower-case nouns that, right before or after a name, say it is an organisation ("news website Tabnak", "the Kayhan editorial"). */
export const ORG_CUES_BEFORE = list(`newspaper|daily|weekly|paper|agency|website|site|outlet|channel|broadcaster|network|magazine|mouthpiece|militia|group|party|movement|organization|organisation|company|firm|bank|broadcaster|station|tv|radio|publication|journal|tabloid|brand`);
export const ORG_CUES_AFTER = list(`editorial|editorials|article|articles|newspaper|daily|website|militia|militias|group|movement|organization|organisation|spokesman|spokeswoman|spokesperson|officials|leadership|members|fighters|militants|commander|commanders|report|reported|reports|headquarters|chief|ceo|shares|shareholders`);

/** Lower-case nouns right after a name that make it a place ("Iraq's Al-Qaim border area"). */
export const PLACE_CUES_AFTER = list(`border|area|region|province|governorate|district|city|town|village|airbase|base|airport|crossing|valley|mountains|port|harbour|harbor|desert|countryside|villagers|residents`);

/** Words after a place name that do not make another place ("Kurdistan Region" is Kurdistan). */
export const PLACE_QUALIFIERS = list(`region|province|governorate|strip|district|territory|territories`);

/** Country names that differ from their short form, and the short forms news uses; the first is shown. */
export const PLACE_ALIASES: readonly (readonly string[])[] = [
  ['United States', 'U.S.', 'US', 'USA', 'U.S.A.', 'United States of America', 'America'],
  ['United Kingdom', 'U.K.', 'UK', 'Britain', 'Great Britain'],
  ['United Arab Emirates', 'UAE', 'U.A.E.'],
  ['Iran', 'Islamic Republic of Iran', 'Islamic Republic'],
  ['Iraq', 'Republic of Iraq'],
  ['Saudi Arabia', 'Kingdom of Saudi Arabia', 'KSA'],
  ['Russia', 'Russian Federation'],
  ['China', "People's Republic of China", 'PRC'],
  ['North Korea', 'DPRK'],
  ['Turkey', 'Turkiye', 'Türkiye'],
  ['Kyiv', 'Kiev'],
];

/** Capitalised words that start sentences or headlines but never start a name. */
export const STOP_WORDS = list(`
a|an|the|this|that|these|those|there|here|it|its|he|she|his|her|they|them|their|we|our|you|your|i|my|me|us.|
in|on|at|by|for|from|with|without|of|to|into|onto|over|under|after|before|during|since|until|while|when|where|whether|which|who|whom|whose|what|why|how|
and|but|or|nor|so|yet|if|then|than|though|although|because|however|nevertheless|moreover|meanwhile|instead|also|still|even|only|just|both|either|neither|each|every|all|some|any|many|much|more|most|other|another|such|no|not|yes|
as|about|above|below|between|among|against|across|along|around|behind|beyond|despite|except|like|near|per|through|toward|towards|upon|via|within|
said|says|told|asked|added|according|amid|following|earlier|later|today|yesterday|tomorrow|now|then|last|next|first|second|third|former|late|
january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|
monday|tuesday|wednesday|thursday|friday|saturday|sunday|
breaking|read|more|photo|video|image|credit|source|table|contents|key|takeaways|related|advertisement|subscribe|share|click|comment|comments|update|updated|opinion|analysis|editor's|note|
do|does|did|is|are|was|were|be|been|will|would|can|could|should|must|may|might|has|have|had|let|see|one|two|three|four|five|six|seven|eight|nine|ten|why|what's|who's`);

/** Lower-case words that may join the parts of a name ("Abu Mahdi al-Muhandis", "Mohammed bin Salman"). */
export const NAME_PARTICLES = list(`al|el|bin|ibn|bint|abu|abd|de|da|di|van|von|der|den|du|le|la`);

/** Words after which "of" continues an organisation or place name ("Ministry of Foreign Affairs"). */
export const OF_HEADS = list(`ministry|minister|republic|kingdom|council|university|bank|organization|organisation|department|office|league|union|state|states|emirate|commander|court|assembly|secretary|party|association|federation|institute|house|gulf|strait|sea|bay|city|province|governorate|people's`);

/** Helper for tests and callers: is this word (any case) in the list? */
export function inList(set: Set<string>, word: string): boolean {
  return set.has(word.toLowerCase());
}

// Place keys are compared after nameKey (hyphens as spaces, dots of acronyms dropped): add those spellings, and every alias.
for (const place of [...PLACES]) if (/[-.]/.test(place)) PLACES.add(place.replace(/-/g, ' ').replace(/\./g, ''));
for (const group of PLACE_ALIASES) for (const form of group) PLACES.add(form.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f'’.]/g, '').replace(/-/g, ' '));
