#!/usr/bin/env node
// Loads a page written by `polgraph export -o graph.html` from file:// in headless Chromium
// (Debian's, driven by playwright-core), uses it as a person would, and prints one JSON line of
// what it saw. tests/html/html_page_test.cpp runs it and compares that with polgraph's own view.
//
//   node tests/html/page_check.mjs PAGE [--search TEXT --pick LABEL] [--click ID]
//        [--deep-link ID]... [--toggle-type TYPE] [--dates FROM TO] [--screenshot PNG]
//        [--size WxH] [--timing]
//
// Always: the counts the page drew (data-polgraph-nodes/-edges on <body>), the time from
// navigation to the first draw (the page's performance mark), every request the page made,
// every console error, page error and dialog. Then, each when asked for:
//   --search TEXT --pick LABEL  type TEXT into the search box, list the options offered, choose
//                               the one labelled LABEL: the panel (its title and links)
//   --click ID                  click where node ID is drawn on the canvas: the panel
//   --deep-link ID              open PAGE#node=ID in a new tab: the panel (repeatable)
//   --toggle-type TYPE          untick TYPE in the legend: the counts drawn (then tick it again)
//   --dates FROM TO             set the date filter: the counts drawn (then reset it)
//   --screenshot PNG            a screenshot at the end
//   --timing                    figures, not checks (README): the median interval between
//                               frames while a wheel event zooms at every frame (60 frames), and
//                               the time a full redraw takes (a type box toggled, 4 times)
// Modules come from $POLGRAPH_INTEROP_MODULES (default ~/.cache/polgraph-interop/node_modules),
// Chromium from $POLGRAPH_CHROMIUM (default /usr/bin/chromium). Exit status 0 when every step
// could be carried out (the caller judges the results), 1 otherwise, 2 on bad usage.
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const modules = process.env.POLGRAPH_INTEROP_MODULES
  || path.join(os.homedir(), '.cache', 'polgraph-interop', 'node_modules');
const require = createRequire(path.join(modules, 'resolve.js'));
const chromiumPath = process.env.POLGRAPH_CHROMIUM || '/usr/bin/chromium';

function parseArgs(argv) {
  const o = { size: [1280, 800] };
  const takes = {
    '--search': 1, '--pick': 1, '--click': 1, '--deep-link': 1, '--toggle-type': 1, '--dates': 2,
    '--screenshot': 1, '--size': 1,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a in takes) {
      const v = argv.slice(i + 1, i + 1 + takes[a]);
      if (v.length !== takes[a]) throw new Error(`${a} needs ${takes[a]} value(s)`);
      if (a === '--deep-link') (o.deepLinks = o.deepLinks || []).push(v[0]);
      else o[a.slice(2)] = takes[a] === 1 ? v[0] : v;
      i += takes[a];
    } else if (a === '--timing') {
      o.timing = true;
    } else if (!o.page && !a.startsWith('--')) {
      o.page = a;
    } else {
      throw new Error(`unknown argument ${a}`);
    }
  }
  if (!o.page) throw new Error('no page given');
  if (typeof o.size === 'string') o.size = o.size.split('x').map(Number);
  return o;
}

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`page_check: ${e.message}\n`);
  process.exit(2);
}

const { chromium } = require('playwright-core');
const url = pathToFileURL(path.resolve(args.page)).href;
const report = { page: url, requests: [], consoleErrors: [], pageErrors: [], dialogs: [] };

// Everything a tab did that a page working offline must not: watched on every tab we open.
function watch(page) {
  page.on('request', (r) => report.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') report.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => report.pageErrors.push(String(e && e.message ? e.message : e)));
  page.on('dialog', (d) => {
    report.dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
}

async function drawnCounts(page) {
  return page.evaluate(() => ({
    nodes: Number(document.body.dataset.polgraphNodes),
    edges: Number(document.body.dataset.polgraphEdges),
  }));
}

// The counts drawn once the page has drawn what was just changed (it draws in the next frame).
async function redrawn(page) {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return drawnCounts(page);
}

// The details panel, once open: its title and where its links go.
async function panel(page) {
  await page.waitForSelector('#panel:not([hidden])', { timeout: 5000 });
  return {
    panelTitle: await page.textContent('#panel-title'),
    links: await page.$$eval('#panel a', (as) => as.map((a) => a.getAttribute('href'))),
  };
}

async function closePanel(page) {
  if (await page.isVisible('#panel')) {
    await page.click('#panel-close');
    await page.waitForSelector('#panel', { state: 'hidden' });
  }
  await redrawn(page);
}

async function open(context, target) {
  const page = await context.newPage();
  watch(page);
  await page.goto(target, { waitUntil: 'load' });
  await page.waitForFunction(() => document.body.dataset.polgraphNodes !== undefined, null,
    { timeout: 20000 });
  return page;
}

async function timing(page) {
  const zoomFrameMs = await page.evaluate(() => new Promise((done) => {
    const canvas = document.getElementById('graph');
    const r = canvas.getBoundingClientRect();
    const stamps = [];
    const step = (t) => {
      stamps.push(t);
      if (stamps.length > 60) {
        const gaps = stamps.slice(1).map((x, k) => x - stamps[k]).sort((a, b) => a - b);
        return done(Math.round(gaps[30] * 10) / 10);
      }
      canvas.dispatchEvent(new WheelEvent('wheel', {
        deltaY: stamps.length < 30 ? -40 : 40, clientX: r.left + r.width / 2 + 50,
        clientY: r.top + r.height / 2, bubbles: true, cancelable: true,
      }));
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }));
  await page.waitForTimeout(400); // the redraw after the view stops moving
  const redrawMs = [];
  for (let k = 0; k < 4; k++) {
    redrawMs.push(await page.evaluate(() => new Promise((done) => {
      const box = document.querySelector('#type-list input');
      const t = performance.now();
      box.click();
      requestAnimationFrame(() => requestAnimationFrame(() => done(Math.round(performance.now() - t))));
    })));
  }
  return { zoomFrameMs, redrawMs };
}

let browser;
try {
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: args.size[0], height: args.size[1] } });
  const page = await open(context, url);
  Object.assign(report, await drawnCounts(page));
  report.firstDrawMs = await page.evaluate(() => {
    const mark = performance.getEntriesByName('polgraph-first-draw')[0];
    return mark ? Math.round(mark.startTime * 10) / 10 : null;
  });

  if (args.search) {
    await page.click('#search');
    await page.keyboard.type(args.search);
    await page.waitForSelector('#search-results:not([hidden]) li', { timeout: 5000 });
    const offered = await page.$$eval('#search-results li',
      (lis) => lis.map((li) => li.children[1].textContent));
    report.search = { text: args.search, offered };
    if (args.pick) {
      const k = offered.indexOf(args.pick);
      if (k < 0) throw new Error(`search "${args.search}" did not offer "${args.pick}"`);
      await page.click(`#search-results li:nth-child(${k + 1})`);
      Object.assign(report.search, await panel(page));
      report.search.focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
      report.search.hash = await page.evaluate(() => location.hash);
    }
    await closePanel(page);
  }

  if (args.click) {
    await page.click('#zoom-fit'); // the search has centred the view on its node
    await redrawn(page);
    const at = await page.evaluate((id) => window.polgraphViewer.screenPosition(id), args.click);
    if (!at) throw new Error(`no node ${args.click} in the page`);
    const box = await page.locator('#graph').boundingBox();
    if (at.x < box.x || at.y < box.y || at.x > box.x + box.width || at.y > box.y + box.height)
      throw new Error(`node ${args.click} is drawn outside the canvas (${at.x}, ${at.y})`);
    await page.mouse.move(at.x, at.y);
    await page.mouse.click(at.x, at.y);
    report.click = { id: args.click, ...(await panel(page)) };
    await closePanel(page);
  }

  if (args['toggle-type']) {
    const box = `#type-list input[value="${args['toggle-type']}"]`;
    await page.uncheck(box);
    report.toggle = { type: args['toggle-type'], ...(await redrawn(page)) };
    await page.check(box);
    report.toggle.restored = await redrawn(page);
  }

  if (args.dates) {
    const [from, to] = args.dates;
    await page.fill('#date-from', from);
    await page.dispatchEvent('#date-from', 'change');
    await page.fill('#date-to', to);
    await page.dispatchEvent('#date-to', 'change');
    report.dates = { from, to, ...(await redrawn(page)) };
    await page.click('#reset');
    report.dates.restored = await redrawn(page);
  }

  if (args.timing) report.timing = await timing(page);

  let last = page;
  for (const id of args.deepLinks || []) {
    last = await open(context, `${url}#node=${encodeURIComponent(id)}`);
    (report.deepLinks = report.deepLinks || []).push({ id, ...(await panel(last)) });
  }
  if (args.screenshot) await last.screenshot({ path: args.screenshot });
  report.ok = true;
} catch (e) {
  report.ok = false;
  report.error = String(e && e.message ? e.message : e).split('\n')[0];
} finally {
  if (browser) await browser.close();
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exit(report.ok ? 0 : 1);
