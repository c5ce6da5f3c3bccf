#!/usr/bin/env node
// Cold queries in headless Chromium against one built site, for PmSite's index and for Pagefind's:
// bytes fetched and time until the results are on screen. Serves the site itself on 127.0.0.1.
// "until shown" counts only the index files requested before the results were put on screen; the other PmSite columns
// are read from the server's log once the page says it is done, so they may include the facet counts' first fetches.
//   node bench/search/measure.js SITE_DIR TOOLS_DIR "query one" "query two" ...
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const [site, tools, ...queries] = process.argv.slice(2);
const { chromium } = require(path.join(tools, 'node_modules', 'playwright-core'));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

// Without a pagefind/ folder (a site Pagefind has not indexed) only PmSite is measured.
const hasPagefind = fs.existsSync(path.join(site, 'pagefind'));
let log = [];
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.join(site, url);
  if (!file.startsWith(site)) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404); res.end(); log.push({ url, bytes: 0 }); return; }
  const body = fs.readFileSync(file);
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Content-Length': body.length });
  res.end(body);
  log.push({ url, bytes: body.length });
});

fs.writeFileSync(path.join(site, 'pagefind-bench.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<script type="module">
const q = new URLSearchParams(location.search).get('q');
const pagefind = await import('/pagefind/pagefind.js');
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
document.body.dataset.count = String(search.results.length);
document.body.dataset.first = data.length ? data[0].url : '';
document.body.dataset.state = 'done';
</script></body></html>`);

(async () => {
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const rows = [];
  async function run(url, ready, indexPrefix) {
    const context = await browser.newContext();
    // Notes which URLs were requested by the time #search-results is first set to done.
    await context.addInitScript(() => {
      const requested = [];
      const fetch = window.fetch;
      window.fetch = function (input, init) { requested.push(new URL(String(input), location.href).pathname); return fetch.call(this, input, init); };
      const setAttribute = Element.prototype.setAttribute;
      Element.prototype.setAttribute = function (name, value) {
        if (name === 'data-state' && value === 'done' && this.id === 'search-results' && !window.requestedWhenShown) window.requestedWhenShown = requested.slice();
        return setAttribute.call(this, name, value);
      };
    });
    const page = await context.newPage();
    log = [];
    const started = Date.now();
    await page.goto(base + url);
    await page.waitForFunction(ready, null, { timeout: 120000 });
    const ms = Date.now() - started;
    const total = log.reduce((a, r) => a + r.bytes, 0);
    const index = log.filter(r => r.url.startsWith(indexPrefix) && r.url !== '/search/').reduce((a, r) => a + r.bytes, 0);
    const files = log.filter(r => r.url.startsWith(indexPrefix) && r.url !== '/search/').length;
    const shown = await page.evaluate('window.requestedWhenShown || null');
    const sizes = new Map(log.map(r => [r.url, r.bytes]));
    const untilShown = shown ? [...new Set(shown)].filter(u => u.startsWith(indexPrefix)).reduce((a, u) => a + (sizes.get(decodeURIComponent(u)) || 0), 0) : null;
    const shownFiles = shown ? new Set(shown.filter(u => u.startsWith(indexPrefix))).size : null;
    // Bytes per index folder (terms/, postings/, display/ …): those requested before the results showed, and all so far.
    const folderOf = u => u.slice(indexPrefix.length).split('/').length > 1 ? u.slice(indexPrefix.length).split('/')[0] + '/' : u.slice(indexPrefix.length);
    const byFolder = urls => {
      const out = {};
      for (const u of urls) {
        if (!u.startsWith(indexPrefix) || u === indexPrefix) continue;
        const f = folderOf(u);
        out[f] = out[f] || { bytes: 0, files: 0 };
        out[f].bytes += sizes.get(u) || 0;
        out[f].files++;
      }
      return out;
    };
    const shownFolders = shown ? byFolder([...new Set(shown.map(decodeURIComponent))]) : null;
    const result = { ms, total, index, files, untilShown, shownFiles, page, shownFolders, byFolder: () => byFolder([...new Set(log.map(r => r.url))]) };
    return { result, context };
  }
  for (const q of queries) {
    const ours = await run('/search/?q=' + encodeURIComponent(q),
      "document.getElementById('search-results') && document.getElementById('search-results').dataset.state === 'done'", '/search/');
    const count = await ours.result.page.evaluate("document.querySelectorAll('#search-results [data-incident-id]').length");
    await ours.result.page.waitForFunction("document.getElementById('search-facets').dataset.state === 'done'", null, { timeout: 120000 });
    const withFacets = log.reduce((a, r) => a + r.bytes, 0);
    ours.result.settledFolders = ours.result.byFolder();
    await ours.context.close();
    if (!hasPagefind) {
      rows.push({ q, ours: ours.result, shown: count, withFacets, pf: { index: 0, files: 0, total: 0, ms: 0 }, pfCount: '-' });
      continue;
    }
    const pf = await run('/pagefind-bench.html?q=' + encodeURIComponent(q), "document.body.dataset.state === 'done'", '/pagefind/');
    const pfCount = await pf.result.page.evaluate('document.body.dataset.count');
    await pf.context.close();
    rows.push({ q, ours: ours.result, shown: count, withFacets, pf: pf.result, pfCount });
  }
  await browser.close();
  server.close();
  fs.unlinkSync(path.join(site, 'pagefind-bench.html'));
  const kb = n => (n / 1024).toFixed(1).padStart(7) + ' KB';
  console.log('query                     | PmSite: until shown (files) | index bytes (files) | all bytes | +facet counts | time   || Pagefind: index bytes (files) | all bytes | time   | hits');
  for (const r of rows) {
    if (process.env.BREAKDOWN) {
      const fmt = folders => Object.keys(folders || {}).sort().map(f => `${f} ${(folders[f].bytes / 1024).toFixed(1)} KB/${folders[f].files}`).join(', ');
      console.log(`  ${r.q}: shown: ${fmt(r.ours.shownFolders)}`);
      console.log(`  ${r.q}: settled: ${fmt(r.ours.settledFolders)}`);
    }
    console.log(`${r.q.padEnd(25)} | ${kb(r.ours.untilShown)} (${String(r.ours.shownFiles).padStart(3)})        | ${kb(r.ours.index)} (${String(r.ours.files).padStart(3)})        | ${kb(r.ours.total)} | ${kb(r.withFacets)}    | ${String(r.ours.ms).padStart(4)} ms || ${kb(r.pf.index)} (${String(r.pf.files).padStart(3)})          | ${kb(r.pf.total)} | ${String(r.pf.ms).padStart(4)} ms | ${r.pfCount}`);
  }
})().catch(error => { console.error(error); server.close(); process.exit(1); });
