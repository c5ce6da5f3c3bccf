#!/usr/bin/env node
// Writes N synthetic post-mortems (front matter + the guide's sections) into a knowledge-base folder,
// deterministically: the same N gives the same files. Words are drawn from the sample knowledge base
// with their real frequencies (a Zipf-like mix), plus per-incident rare tokens (error codes, hosts),
// so the vocabulary keeps growing with N as real corpora do.
//   node bench/search/generate.js N OUT_DIR
'use strict';
const fs = require('fs');
const path = require('path');

const n = Number(process.argv[2]);
const out = process.argv[3];
if (!Number.isInteger(n) || n <= 0 || !out) {
  console.error('usage: generate.js N OUT_DIR');
  process.exit(2);
}

let seed = 0x9e3779b9 ^ n;
function random() { // mulberry32
  seed = (seed + 0x6D2B79F5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = list => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

// Vocabulary: every word of the sample post-mortems, weighted by how often it occurs.
const root = path.resolve(__dirname, '..', '..', 'input', 'post-mortems');
const counts = new Map();
(function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name < b.name ? -1 : 1)) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.md')) {
      const text = fs.readFileSync(full, 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
      for (const word of text.match(/[A-Za-z][A-Za-z'-]{1,20}/g) || []) counts.set(word.toLowerCase(), (counts.get(word.toLowerCase()) || 0) + 1);
    }
  }
})(root);
const words = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const cumulative = [];
let total = 0;
for (const [, c] of words) { total += c; cumulative.push(total); }
function word() {
  const r = random() * total;
  let lo = 0, hi = cumulative.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (cumulative[mid] > r) hi = mid; else lo = mid + 1; }
  return words[lo][0];
}
function sentence(min, max) {
  const parts = [];
  for (let i = between(min, max); i > 0; i--) parts.push(word());
  if (random() < 0.15) parts.splice(between(0, parts.length), 0, rare());
  const s = parts.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}
function paragraph(sentences) {
  const out = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(6, 18));
  return out.join(' ');
}
const syllables = ['ka', 'lo', 'mi', 'ren', 'tor', 'vex', 'zu', 'pan', 'dri', 'sol', 'qua', 'nim', 'hel', 'bry', 'cos'];
function rare() {
  switch (between(0, 3)) {
    case 0: return 'E' + between(10000, 99999);
    case 1: return pick(syllables) + pick(syllables) + '-' + between(1, 99) + '.prod';
    case 2: return pick(syllables) + pick(syllables) + pick(syllables);
    default: return 'v' + between(1, 9) + '.' + between(0, 40) + '.' + between(0, 9);
  }
}

const services = [];
for (let i = 0; i < 60; i++) services.push(pick(syllables) + pick(syllables) + '-' + pick(['api', 'worker', 'db', 'gateway', 'cache', 'service']));
const tags = [];
for (let i = 0; i < 150; i++) tags.push(word().replace(/[^a-z]/g, '') + '-' + pick(syllables) || 'tag-' + i);
const severities = ['SEV1', 'SEV2', 'SEV2', 'SEV3', 'SEV3', 'SEV3'];
const uniqueSorted = list => [...new Set(list)];

fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'pmsite.yml'), 'title: Generated Incident Library\nbase_url: https://incidents.example.com/\nseverities: [SEV1, SEV2, SEV3]\n');
for (let i = 0; i < n; i++) {
  const id = 'INC-' + (100000 + i);
  const year = 2010 + Math.floor(i * 16 / n);
  const date = `${year}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
  const svc = uniqueSorted([pick(services), pick(services), pick(services)].slice(0, between(1, 3)));
  const tg = uniqueSorted([pick(tags), pick(tags), pick(tags), pick(tags)].slice(0, between(1, 4)));
  const title = sentence(5, 10).replace(/\.$/, '') + ' in ' + svc[0];
  const rows = [];
  for (let r = 0; r < 5; r++) rows.push(`| ${String(between(0, 23)).padStart(2, '0')}:${String(between(0, 59)).padStart(2, '0')} | ${sentence(4, 9)} | ${pick(['Monitoring', 'On-call', 'Deploy pipeline', '@sre'])} |`);
  const actions = [];
  for (let r = 0; r < 3; r++) actions.push(`| ${sentence(4, 8)} | @team-${between(1, 30)} | ${year + 1}-0${between(1, 9)}-1${between(0, 9)} | ${pick(['Done', 'To Do', 'In Progress'])} | OPS-${between(100, 9999)} |`);
  const text = `---
id: ${id}
title: ${JSON.stringify(title)}
date: ${date}
severity: ${pick(severities)}
status: Published
services: [${svc.join(', ')}]
tags: [${tg.join(', ')}]
summary: ${JSON.stringify(paragraph(3))}
---

## Executive Summary

${paragraph(4)}

## Impact

${paragraph(between(2, 5))}

## Timeline

| Time (UTC) | Event | Who/What |
|------------|-------|----------|
${rows.join('\n')}

## Root Cause Analysis

${paragraph(between(4, 9))}

${paragraph(between(3, 7))}

## Action Items

| Action | Owner | Deadline | Status | Ticket |
|--------|-------|----------|--------|--------|
${actions.join('\n')}

## Lessons Learned

${paragraph(between(2, 4))}
`;
  const dir = path.join(out, 'post-mortems', String(year));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, id + '.md'), text);
}
console.log(`wrote ${n} post-mortems to ${out}`);
