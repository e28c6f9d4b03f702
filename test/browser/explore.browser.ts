import { writeFileSync } from 'fs';
import { chromium } from 'playwright-core';
import { startApiHarness } from '../support/api-harness';

it('explore', async () => {
  const h = await startApiHarness();
  const base = await h.listen();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(base + '/login');
  await page.fill('#username', 'service_clerk_1');
  await page.fill('#password', 'demo-pass-2026');
  await page.click('[data-testid=login-submit]');
  await page.waitForURL(/\/inbox/);
  await page.goto(base + '/start/objection');
  await page.waitForSelector('[data-testid=start-submit]');
  await page.waitForTimeout(500);
  writeFileSync('/tmp/start.html', await page.content());
  await page.screenshot({ path: '/tmp/start.png', fullPage: true });
  const res = await (await h.as('service_clerk_1')).get('/process-types');
  writeFileSync('/tmp/types.json', JSON.stringify(res.body.find((t: any) => t.type === 'objection'), null, 1));
  await browser.close();
  await h.close();
});
