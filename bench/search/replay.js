#!/usr/bin/env node
// Replays cold queries of the search page against a built site's index in node, without a browser: the same
// assets/search.js, with fetch reading the files from disk. Prints, per query, the index bytes and files read until the
// results show and until the facet panel settles, by folder. Bytes are those of the files, as a server sends them.
//   node bench/search/replay.js SITE_DIR "query one" "query two" ...
'use strict';
const fs = require('fs');
const path = require('path');

const [site, ...queries] = process.argv.slice(2);
const source = fs.readFileSync(path.join(site, 'assets', 'search.js'), 'utf8')
  .replace('function init() {', 'globalThis.PmSearchKit = { Index: Index, search: search, facetCounts: facetCounts };\n  function init() {');

let fetched = [];
global.document = { readyState: 'complete', currentScript: null, querySelector: () => null, getElementById: () => null, addEventListener() {} };
global.location = { href: 'http://x/search/', search: '' };
global.fetch = async url => {
  const rel = url.slice('/search/'.length);
  const file = path.join(site, 'search', rel);
  if (!fs.existsSync(file)) return { ok: false, status: 404 };
  const bytes = fs.readFileSync(file);
  fetched.push({ rel, bytes: bytes.length });
  return { ok: true, text: async () => bytes.toString('utf8'), arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) };
};
new Function(source)();
const kit = globalThis.PmSearchKit;
let blocks = [];
const block = kit.Index.prototype.block;
kit.Index.prototype.block = function (entry, j) {
  blocks.push(`${entry.term}#${j}@${entry.blocks[j].pack}`);
  return block.call(this, entry, j);
};

function folders(list) {
  const out = {};
  for (const f of list) {
    const key = f.rel.includes('/') ? f.rel.split('/')[0] + '/' : f.rel;
    out[key] = out[key] || { bytes: 0, files: 0 };
    out[key].bytes += f.bytes;
    out[key].files++;
  }
  return Object.keys(out).sort().map(k => `${k} ${(out[k].bytes / 1024).toFixed(1)}/${out[k].files}`).join('  ');
}
const kb = list => (list.reduce((a, f) => a + f.bytes, 0) / 1024).toFixed(1);

(async () => {
  for (const q of queries) {
    fetched = [];
    blocks = [];
    const index = new kit.Index('/search/');
    const result = await kit.search(index, { text: q, prefix: false, filters: {}, k: 10 });
    await Promise.all(result.top.map(hit => index.doc(hit.doc)));
    const shown = fetched.slice();
    await kit.facetCounts(index, result, false);
    const settled = fetched.slice();
    console.log(`${q.padEnd(28)} shown ${kb(shown).padStart(7)} KB (${String(shown.length).padStart(3)})  settled ${kb(settled).padStart(7)} KB (${String(settled.length).padStart(3)})  top ${result.top.slice(0, 3).map(t => t.doc).join(',')}`);
    if (process.env.BREAKDOWN) {
      console.log('    shown:   ' + folders(shown));
      console.log('    settled: ' + folders(settled));
      console.log('    terms:   ' + result.entries.map(e => `${e.term} df=${e.total} blocks=${e.blockCount}`).join('; ') + ' | read ' + blocks.join(' '));
    }
  }
})().catch(e => { console.error(e); process.exit(1); });
