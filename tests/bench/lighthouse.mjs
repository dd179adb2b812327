// Lighthouse (a dev dependency of tests/, 12.x for Node 20) with its default mobile preset (a
// simulated mid-range phone: CPU 4x slower, slow 4G) on every page, against the built site served
// gzipped (gzip-server.mjs), in the system's Chromium. Reports the performance score, total blocking
// time and largest contentful paint of each page; with DOWNHILL_BEFORE_DIST, of an older build too.

import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { builtPages } from '../e2e/harness.mjs';
import { startGzipServer } from './gzip-server.mjs';
import { report, printTable, pagesToMeasure, sitesToCompare, cell } from './figures.mjs';

export async function measureLighthouse(dist) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'downhill-lighthouse-'));
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.DOWNHILL_CHROMIUM || '/usr/bin/chromium',
    userDataDir: profile,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const rows = [];
  try {
    for (const { label, dist: siteDist } of sitesToCompare(dist)) {
      const server = await startGzipServer(siteDist);
      try {
        for (const pagePath of pagesToMeasure(builtPages(siteDist))) {
          const result = await lighthouse(server.base + pagePath, { port: chrome.port, onlyCategories: ['performance'], output: 'json', logLevel: 'error' });
          const { categories, audits } = result.lhr;
          const score = categories.performance.score;
          const blocking = audits['total-blocking-time'].numericValue;
          const paint = audits['largest-contentful-paint'].numericValue;
          rows.push([label, pagePath, score === null ? '-' : score.toFixed(2), cell(blocking), cell(paint)]);
          const key = `${label === 'before' ? 'before.' : ''}lighthouse.${pagePath.replace('.html', '')}`;
          const after = label === 'after';
          report(`${key}.score`, score ?? NaN, 'score', null, `Lighthouse mobile (${label}): ${pagePath} performance (goal at least 0.95)`);
          report(`${key}.tbt`, blocking, 'ms', after ? 100 : null, `Lighthouse mobile (${label}): ${pagePath} total blocking time`);
          report(`${key}.lcp`, paint, 'ms', after ? 2500 : null, `Lighthouse mobile (${label}): ${pagePath} largest contentful paint`);
        }
      } finally {
        await server.close();
      }
    }
  } finally {
    await chrome.kill();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log('\nLighthouse 12, mobile preset, gzip server:\n');
  printTable(['build', 'page', 'performance', 'total blocking (ms)', 'largest contentful paint (ms)'], rows);
}
