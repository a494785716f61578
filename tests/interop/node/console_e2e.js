#!/usr/bin/env node
// The registry's web console in real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core):
// sign in with a key, the seeded list, the Tulpar light tank's competing calibres with their sources, an
// operator's deprecation shown on the page and in the history with the operator's name, the page as it was
// before it (as-of), the timeline's production claims, a reader who is offered no corrections, and links followed
// while a page is still loading (the last one wins; the focus stays where the user put it).
// Usage: node console_e2e.js --url http://127.0.0.1:PORT --artifacts DIR
// Keys come from the environment (never arguments): REGISTRY_OPERATOR_KEY, REGISTRY_READER_KEY, and
// REGISTRY_OPERATOR_NAME, the operator principal's name. Prints one JSON line per step; exits 1 on failure.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

const argument = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const url = argument('--url');
const artifacts = argument('--artifacts');
const operatorKey = process.env.REGISTRY_OPERATOR_KEY;
const readerKey = process.env.REGISTRY_READER_KEY;
const operatorName = process.env.REGISTRY_OPERATOR_NAME;
const TULPAR = 'kz-tulpar-light-tank';
const TIMEOUT = 20000;

function check(condition, message) { if (!condition) throw new Error(message); }
const step = (name, detail = {}) => console.log(JSON.stringify({ step: name, ...detail }));

async function signIn(page, key) {
  await page.goto(url + '/');
  await page.getByLabel('API key or token').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#principal').filter({ hasText: '(' }).waitFor({ timeout: TIMEOUT });
}

async function openTulpar(page) {
  await page.getByRole('link', { name: /Tulpar/ }).click();
  await page.locator('[data-attribute="turret_calibre"]').waitFor({ timeout: TIMEOUT });
}

async function main() {
  check(url && artifacts && operatorKey && readerKey && operatorName, 'usage: --url URL --artifacts DIR with REGISTRY_OPERATOR_KEY, REGISTRY_READER_KEY, REGISTRY_OPERATOR_NAME set');
  fs.mkdirSync(artifacts, { recursive: true });
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-console-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  try {
    const page = context.pages()[0] ?? await context.newPage();
    page.on('pageerror', e => errors.push(String(e)));
    // A reader's request for the history is refused (403) by design and shown as such; any other error counts.
    page.on('console', m => { if (m.type() === 'error' && !m.text().includes('status of 403')) errors.push(m.text()); });

    // Sign in with a key; the list shows the seeded programmes.
    await signIn(page, operatorKey);
    await page.locator('table.programs tbody tr').nth(18).waitFor({ timeout: TIMEOUT });
    const rows = await page.locator('table.programs tbody tr').count();
    check(rows === 19, `the list shows ${rows} programmes, expected the 19 seeded`);
    check(await page.locator(`table.programs a[href="#/programs/${TULPAR}"]`).count() === 1, 'the Tulpar light tank is not listed');
    const credentialInStorage = await page.evaluate(() => sessionStorage.getItem('registry.credential'));
    const cookies = await context.cookies();
    check(credentialInStorage && cookies.length === 0 && !page.url().includes(operatorKey), 'the key must be in sessionStorage only');
    await page.screenshot({ path: path.join(artifacts, 'console-list.png'), fullPage: true });
    step('list', { rows });

    // The valid-time filter: production planned in 2026.
    await page.getByLabel('Stage').selectOption('PRODUCTION_PLANNED');
    await page.getByLabel('In year').fill('2026');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.programs tbody tr').length === 1, null, { timeout: TIMEOUT });
    const planned = await page.locator('table.programs tbody th a').allTextContents();
    check(planned.length === 1 && /Alpar/.test(planned[0]), `production planned in 2026: ${planned}`);
    step('valid_time_filter', { planned });
    await page.goto(url + '/#/');
    await page.locator('table.programs tbody tr').nth(18).waitFor({ timeout: TIMEOUT });

    // The Tulpar page: 120 mm and 105 mm side by side, each with its source.
    await openTulpar(page);
    const calibre = page.locator('[data-attribute="turret_calibre"]');
    check(await calibre.locator('.conflict').count() === 1, 'turret calibre carries no conflict mark');
    const c120 = calibre.locator('[data-claim="tulpar-turret-120"]');
    const c105 = calibre.locator('[data-claim="tulpar-turret-105"]');
    check((await c120.innerText()).includes('120 mm') && (await c120.innerText()).includes('Defence Blog'), '120 mm claim or its source missing');
    check((await c105.innerText()).includes('105 mm') && /unnamed|Çin|Rusya/.test(await c105.innerText()), '105 mm claim or its source missing');
    check(await c105.locator('.badge.rank-normal').count() === 1, '105 mm is not ranked normal before the correction');
    const before = await page.locator('.facts').innerText();
    const positionBefore = /position (\d+)/.exec(before)[1];
    await page.screenshot({ path: path.join(artifacts, 'console-program.png') });
    await page.screenshot({ path: path.join(artifacts, 'console-program-full.png'), fullPage: true });
    step('program', { positionBefore });

    // The timeline shows the Tulpar production claims.
    const figure = page.locator('figure.timeline-figure');
    await figure.waitFor({ timeout: TIMEOUT });
    for (const claim of ['tulpar-production-start', 'tulpar-production-planned-src001'])
      check(await figure.locator(`g.entry[data-claim="${claim}"]`).count() === 1, `timeline lacks ${claim}`);
    const words = await figure.locator('g.entry[data-claim="tulpar-production-start"] text.valid').textContent();
    check(words.includes('next year'), `the source's own words are not shown: ${words}`);
    await figure.screenshot({ path: path.join(artifacts, 'console-timeline.png') });
    step('timeline');

    // An operator deprecates the 105 mm claim with a reason, using the keyboard-reachable form.
    const reason = 'contradicted by the manufacturer brochure (console test)';
    await c105.locator('summary').click();
    await c105.getByLabel('Correction').selectOption('DEPRECATED');
    await c105.getByLabel('Reason (required)').fill(reason);
    await c105.getByRole('button', { name: 'Apply' }).click();
    const after = page.locator('[data-attribute="turret_calibre"] [data-claim="tulpar-turret-105"]');
    await after.locator('.badge.rank-deprecated').waitFor({ timeout: TIMEOUT });
    check((await after.innerText()).includes(`by ${operatorName}: ${reason}`), 'the page does not show who deprecated it and why');
    const history = page.locator('table.history');
    await history.waitFor({ timeout: TIMEOUT });
    const lastRow = await history.locator('tbody tr').last().innerText();
    check(lastRow.includes(operatorName) && lastRow.includes('tulpar-turret-105') && lastRow.includes(reason), `history's last entry: ${lastRow}`);
    await page.locator('[data-attribute="turret_calibre"]').screenshot({ path: path.join(artifacts, 'console-program-corrected.png') });
    await history.screenshot({ path: path.join(artifacts, 'console-history.png') });
    step('deprecated', { lastRow });

    // As of the position before the correction: 105 mm ranked normal again, no corrections offered.
    await page.getByLabel(/Show as the registry held it/).fill(positionBefore);
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('.banner').waitFor({ timeout: TIMEOUT });
    const past = page.locator('[data-attribute="turret_calibre"] [data-claim="tulpar-turret-105"]');
    await past.waitFor({ timeout: TIMEOUT });
    check(await past.locator('.badge.rank-normal').count() === 1, 'as of before the correction, 105 mm should be ranked normal');
    check(await page.locator('form.correct').count() === 0, 'corrections offered on the past');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(artifacts, 'console-as-of.png') });
    step('as_of', { positionBefore });

    // Every form control has a label.
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea')]
      .filter(c => !c.labels?.length && !c.getAttribute('aria-label')).map(c => c.outerHTML));
    check(unlabelled.length === 0, `controls without a label: ${unlabelled.join(' ')}`);

    // A reader, by keyboard alone, signs in and opens the programme: no correction controls.
    await page.getByRole('button', { name: 'Sign out' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('API key or token').waitFor({ timeout: TIMEOUT });
    await page.getByLabel('API key or token').focus();
    await page.keyboard.type(readerKey);
    await page.keyboard.press('Enter');
    await page.locator('#principal').filter({ hasText: '(reader)' }).waitFor({ timeout: TIMEOUT });
    await page.getByRole('link', { name: 'Registry', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.locator(`table.programs a[href="#/programs/${TULPAR}"]`).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-attribute="turret_calibre"] [data-claim="tulpar-turret-105"]').waitFor({ timeout: TIMEOUT });
    const controls = await page.locator('form.correct, details.actions').count();
    check(controls === 0, `a reader is offered ${controls} correction controls`);
    step('reader', { controls });

    // Links followed while a page is still loading (the programme is held back 1 s): the page navigated to last
    // stays, and the focus stays where the user put it.
    await page.evaluate(() => { location.hash = '#/'; });
    await page.locator('table.programs').waitFor({ timeout: TIMEOUT });
    const slowProgramme = `**/v1/programs/${TULPAR}`;
    await page.route(slowProgramme, async (request) => { await new Promise(done => setTimeout(done, 1000)); await request.continue(); });
    await page.evaluate((id) => { location.hash = `#/programs/${id}`; }, TULPAR);
    await page.evaluate(() => { location.hash = '#/?country=KZ'; });
    const listed = page.locator(`table.programs a[href="#/programs/${TULPAR}"]`);
    await listed.waitFor({ timeout: TIMEOUT });
    await listed.focus();
    await page.waitForTimeout(1500);
    check(await page.locator('table.programs').count() === 1, 'a page that arrived late replaced the one navigated to after it');
    check(await listed.evaluate(link => document.activeElement === link), 'the page that arrived late took the focus');
    await page.evaluate((id) => { location.hash = `#/programs/${id}`; }, TULPAR);
    const home = page.getByRole('link', { name: 'Registry', exact: true });
    await home.focus();
    await page.locator('[data-attribute="turret_calibre"]').waitFor({ timeout: TIMEOUT });
    check(await home.evaluate(link => document.activeElement === link), 'the page took the focus the user had moved while it loaded');
    await page.unroute(slowProgramme);
    step('late_page');

    // A denied claim is struck through, with who denied it; its timeline mark says denied.
    await page.goto(url + '/#/programs/kz-otokar-arma-procurement');
    const denied = page.locator('li.claim.denied[data-claim="arma-procurement-834"]');
    await denied.waitFor({ timeout: TIMEOUT });
    check(await denied.locator('del').count() === 1, 'the denied claim is not struck through');
    check((await denied.locator('.fate').innerText()).includes('Ministry of Defense'), 'the denial does not name who denied');
    check(await page.locator('li.claim.denied[data-claim="arma-supplier-otokar"] del').count() === 1, 'the denied organisation role is not struck through');
    await page.locator('figure.timeline-figure g.entry.denied').first().waitFor({ timeout: TIMEOUT });
    await page.screenshot({ path: path.join(artifacts, 'console-denied.png'), fullPage: true });
    step('denied');

    check(errors.length === 0, `errors in the page: ${errors.join(' | ')}`);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(() => step('passed'), (error) => { console.error(error.stack || String(error)); process.exit(1); });
