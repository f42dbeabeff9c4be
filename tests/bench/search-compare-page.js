// The page of tests/bench/search-compare.mjs: builds MiniSearch's and
// FlexSearch's indexes from the archive and starts our search worker.
import MiniSearch from './vendor/minisearch.js';
import { Document, Charset } from './vendor/flexsearch.js';

const fold = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();
const text = (a) => ({
  id: a.slug,
  title: a.title,
  lead: a.lead ?? '',
  body: (a.body ?? []).map((b) => b.text ?? (b.items ?? []).join(' ')).join('\n'),
  tags: Object.values(a.tags ?? {}).flat().join(' '),
});

window.ready = {};
const t0 = performance.now();
const news = await (await fetch('news.json')).json();
const docs = news.articles.map(text);
const fetched = performance.now() - t0;

const t1 = performance.now();
const mini = new MiniSearch({
  fields: ['title', 'lead', 'body', 'tags'],
  processTerm: (term) => fold(term),
  searchOptions: { prefix: true, fuzzy: 0.2, combineWith: 'AND', boost: { title: 5, tags: 3, lead: 2 } },
});
mini.addAll(docs);
window.ready.minisearch = fetched + performance.now() - t1;

const t2 = performance.now();
const flex = new Document({
  tokenize: 'forward',
  encoder: Charset.LatinBalance,
  document: { id: 'id', index: ['title', 'lead', 'body', 'tags'] },
});
for (const d of docs) flex.add(d);
window.ready.flexsearch = fetched + performance.now() - t2;

// Ours: the app's own worker and message format.
const t3 = performance.now();
const worker = new Worker('../search-worker-start.js');
const waiting = new Map();
let started;
const workerReady = new Promise((ok) => (started = ok));
let nextId = 1;
worker.onmessage = (event) => {
  const message = JSON.parse(event.data);
  if (message === 'Ready') return started();
  if (message.Failed) throw new Error(message.Failed);
  const reply = message.Reply;
  waiting.get(reply.id)?.(reply.answer);
  waiting.delete(reply.id);
};
const ask = (text, limit) =>
  new Promise((ok) => {
    const id = nextId++;
    waiting.set(id, ok);
    worker.postMessage(JSON.stringify({ Search: { id, query: { text, filters: [], offset: 0, limit, facets: false, retry: false } } }));
  });
await workerReady;
await ask('warm', 10);
window.ready.newsroom = performance.now() - t3;

const slugs = (answer) => (answer.Ok ? answer.Ok.docs.map((d) => d.slug) : []);
window.engines = {
  newsroom: async (q, limit) => slugs(await ask(q, limit)),
  minisearch: async (q, limit) => mini.search(q).slice(0, limit).map((r) => r.id),
  flexsearch: async (q, limit) => {
    // Results per field, merged in field order (title first).
    const seen = [];
    for (const field of flex.search(q, { limit })) for (const id of field.result) if (!seen.includes(id)) seen.push(id);
    return seen.slice(0, limit);
  },
};

window.time = async (name, queries, rounds, batch) => {
  const search = window.engines[name];
  const times = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = performance.now();
      for (let i = 0; i < batch; i++) await search(q, 10);
      times.push((performance.now() - start) / batch);
    }
  }
  return times;
};

// Serialized sizes, streamed: FlexSearch's export runs to hundreds of MB.
window.sizeOf = async (name) => {
  const gzip = new CompressionStream('gzip');
  const compressed = new Response(gzip.readable).arrayBuffer();
  const writer = gzip.writable.getWriter();
  const encoder = new TextEncoder();
  let raw = 0;
  const write = async (text) => {
    const bytes = encoder.encode(text);
    raw += bytes.length;
    await writer.write(bytes);
  };
  if (name === 'minisearch') await write(JSON.stringify(mini));
  else {
    const chunks = [];
    await flex.export((key, data) => chunks.push([key, data]));
    for (const [key, data] of chunks) await write(key + (typeof data === 'string' ? data : JSON.stringify(data ?? '')));
  }
  await writer.close();
  return { raw, gzip: (await compressed).byteLength };
};
