// One screenshot of a running EcomNow page, with Debian's Chromium driven by playwright-core.
//   node shoot.mjs OUTPUT.png URL [rabbitmq|qpid|none] [ACTION]
// rabbitmq / qpid: log in to that broker's UI first (user admin, password in $BROKER_PASSWORD).
// ACTION: get-message (RabbitMQ queue page: open "Get messages" and fetch one).
import { chromium } from 'playwright-core';

const [output, url, login = 'none', action = ''] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  // As root, and with no network beyond localhost: no sandbox, nothing fetched in the background.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const password = process.env.BROKER_PASSWORD ?? 'workshop-admin';
const origin = new URL(url).origin;

if (login === 'rabbitmq') {
  await page.goto(origin + '/');
  await page.fill('input[name="username"]', 'admin');
  await page.fill('input[name="password"]', password);
  await page.click('input[type="submit"]');
  await page.waitForSelector('#logout', { timeout: 15000 });
} else if (login === 'qpid') {
  await page.goto(origin + '/index.html');
  await page.waitForSelector('input[name="username"]', { timeout: 15000 });
  await page.fill('input[name="username"]', 'admin');
  await page.fill('input[name="password"]', password);
  await page.keyboard.press('Enter');
  await page.waitForLoadState('networkidle');
}
await page.goto(url);
await page.waitForLoadState('networkidle');
await page.waitForTimeout(1500);
if (action === 'get-message') {
  await page.click('text=Get messages');
  await page.click('input[value="Get Message(s)"]');
  await page.waitForTimeout(1500);
}
await page.screenshot({ path: output, fullPage: false });
await browser.close();
console.log('wrote ' + output);
