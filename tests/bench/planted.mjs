// Articles with hard cases (accents, typos, prefixes, phrases, stems)
// planted into a generated archive, and the queries that must find each:
// recall@10 in the engine comparison and at archive scale.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const paragraph = (text) => ({ type: 'paragraph', text });
const planted = (slug, title, text) => ({
  slug,
  title,
  lead: text,
  issued_on: '2026-11-01',
  body: [paragraph(text), paragraph('The meeting closed with a joint statement by all participants.')],
});
/** Articles with words found nowhere else, and the queries that must find them. */
export const PLANTED = [
  planted('planted-accents', 'Zuzana Čaputová and Đorđe Vučković visit Kraków', 'Zuzana Čaputová and Đorđe Vučković met students in Kraków and Łódź.'),
  planted('planted-typos', 'Ombudsperson consultations with interparliamentary delegations', 'Ombudsperson institutions held consultations with interparliamentary delegations on accountability.'),
  planted('planted-stems', 'Beekeeping cooperatives train rural beekeepers', 'Beekeeping cooperatives trained rural beekeepers in sustainable pollination practices.'),
  planted('planted-stems-2', 'Hydrologists compare irrigation activities', 'Hydrologists compared the irrigation activities of neighbouring municipalities.'),
  planted('planted-phrase', 'Alpine glacier monitoring network launched', 'A new network starts glacier monitoring across alpine valleys.'),
];
// Articles that hold the phrase's words more often but never in a row: a
// search that ignores word order ranks them above the one with the phrase.
for (let i = 0; i < 40; i++) {
  PLANTED.push(
    planted(
      `planted-phrase-distractor-${i}`,
      `Glacier report ${i}: monitoring of the alpine glacier`,
      `Monitoring teams measured each alpine glacier; the monitoring of every glacier continues, report ${i}.`,
    ),
  );
}
export const CASES = [
  ['accents', 'caputova', 'planted-accents'],
  ['accents', 'CAPUTOVÁ VUCKOVIC', 'planted-accents'],
  ['accents', 'krakow lodz', 'planted-accents'],
  ['accents', 'đorđe', 'planted-accents'],
  ['typos', 'ombudsprson', 'planted-typos'],
  ['typos', 'interparlamentary', 'planted-typos'],
  ['typos', 'consultatoins', 'planted-typos'],
  ['prefixes', 'ombuds', 'planted-typos'],
  ['prefixes', 'interparl', 'planted-typos'],
  ['prefixes', 'vučko', 'planted-accents'],
  ['phrases', '"glacier monitoring"', 'planted-phrase'],
  ['phrases', '"alpine glacier monitoring"', 'planted-phrase'],
  ['stems', 'beekeeper cooperative', 'planted-stems'],
  ['stems', 'pollinating', 'planted-stems'],
  ['stems', 'consultation delegation', 'planted-typos'],
  ['stems', 'irrigation activity', 'planted-stems-2'],
  ['stems', 'hydrologist comparing', 'planted-stems-2'],
];

/** A copy of the archive in `corpus` with the planted articles, in `out`.
 * The articles are spliced into the file's text: at 150,000 articles it is
 * longer than a JavaScript string may be. */
export function plantInto(corpus, out) {
  cpSync(join(corpus, 'site.json'), join(out, 'site.json'));
  const news = readFileSync(join(corpus, 'news.json'));
  // newsroom-corpus writes `{"articles":[…]}`, nothing after the list.
  const end = news.lastIndexOf(']}');
  if (!news.subarray(0, 13).toString().startsWith('{"articles":[') || end !== news.length - 2) {
    throw new Error(`${join(corpus, 'news.json')} is not the generator's {"articles":[…]}`);
  }
  const more = Buffer.from(`,${PLANTED.map((a) => JSON.stringify(a)).join(',')}]}`);
  writeFileSync(join(out, 'news.json'), Buffer.concat([news.subarray(0, end), more]));
}
