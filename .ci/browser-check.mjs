// Opens each page in headless Chromium over the DevTools protocol (--remote-debugging-pipe: no port, no npm
// package), saves a 1280x2000 screenshot, and fails the page on a console error or uncaught exception, a request
// that leaves the file (http, https, ...), a missing section, or content wider than the viewport.
// Usage: node browser-check.mjs CHROMIUM OUT_DIR NAME=FILE=id,id,... [NAME=FILE=ids ...]
// Prints one line per page and exits 1 if any page fails.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [chromiumPath, outDir, ...pageArgs] = process.argv.slice(2);
const width = 1280, height = 2000;

const chromium = spawn(chromiumPath, [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--remote-debugging-pipe',
  `--window-size=${width},${height}`, 'about:blank',
], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
const toBrowser = chromium.stdio[3], fromBrowser = chromium.stdio[4];
const watchdog = setTimeout(() => { console.error('browser-check: timed out after 90 s'); chromium.kill('SIGKILL'); process.exit(1); }, 90_000);

let nextId = 1, buffer = '';
const waiting = new Map(), listeners = [];
fromBrowser.on('data', chunk => {
  buffer += chunk.toString('utf8');
  let end;
  while ((end = buffer.indexOf('\0')) >= 0) {
    const message = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (message.id && waiting.has(message.id)) {
      const { ok, fail } = waiting.get(message.id);
      waiting.delete(message.id);
      message.error ? fail(new Error(`${JSON.stringify(message.error)}`)) : ok(message.result);
    } else {
      for (const listen of listeners) listen(message);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
  return new Promise((ok, fail) => waiting.set(id, { ok, fail }));
}

async function check(name, file, sections) {
  const problems = [];
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const loaded = new Promise(ok => listeners.push(m => { if (m.sessionId === sessionId && m.method === 'Page.loadEventFired') ok(); }));
  listeners.push(m => {
    if (m.sessionId !== sessionId) return;
    if (m.method === 'Runtime.consoleAPICalled' && ['error', 'assert'].includes(m.params.type)) {
      problems.push(`console ${m.params.type}: ${m.params.args.map(a => a.value ?? a.description).join(' ')}`);
    } else if (m.method === 'Runtime.exceptionThrown') {
      problems.push(`uncaught exception: ${m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text}`);
    } else if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error') {
      problems.push(`console error: ${m.params.entry.text}`);
    } else if (m.method === 'Network.requestWillBeSent' && !/^(file|data|about):/.test(m.params.request.url)) {
      problems.push(`network request: ${m.params.request.url}`);
    }
  });
  for (const domain of ['Runtime', 'Log', 'Network', 'Page']) await send(`${domain}.enable`, {}, sessionId);
  await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false }, sessionId);
  await send('Page.navigate', { url: pathToFileURL(resolve(file)).href }, sessionId);
  await loaded;
  const probe = `JSON.stringify({
    missing: ${JSON.stringify(sections)}.filter(id => !document.getElementById(id)),
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
      .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')),
  })`;
  const { result } = await send('Runtime.evaluate', { expression: probe, returnByValue: true }, sessionId);
  const layout = JSON.parse(result.value);
  if (layout.missing.length) problems.push(`missing sections: ${layout.missing.join(', ')}`);
  if (layout.scrollWidth > layout.innerWidth) {
    problems.push(`content wider than the viewport: scrollWidth ${layout.scrollWidth} > innerWidth ${layout.innerWidth} (${layout.wide.join(', ')})`);
  }
  const shot = join(outDir, `${name}.png`);
  const { data } = await send('Page.captureScreenshot', { format: 'png' }, sessionId);
  writeFileSync(shot, Buffer.from(data, 'base64'));
  await send('Target.closeTarget', { targetId });
  return { name, file, shot, problems };
}

let failed = false;
try {
  for (const arg of pageArgs) {
    const [name, file, ids] = arg.split('=');
    const { shot, problems } = await check(name, file, ids ? ids.split(',') : []);
    failed ||= problems.length > 0;
    console.log(`${problems.length ? 'FAIL' : 'ok  '}  ${name}  ${file}  screenshot ${shot}`);
    for (const problem of problems) console.log(`      ${problem}`);
  }
} catch (error) {
  console.error(`browser-check: ${error.message}`);
  failed = true;
}
clearTimeout(watchdog);
await send('Browser.close').catch(() => {});
chromium.kill();
process.exit(failed ? 1 : 0);
