// One screenshot of a running EcomNow page, with Debian's Chromium driven by playwright-core.
//   node shoot.mjs OUTPUT.png URL [rabbitmq|qpid|none] [ACTION]
// rabbitmq / qpid: log in to that broker's UI first (user admin, password in $BROKER_PASSWORD).
// ACTION: qpid-queues (the virtual host's queues), bindings (RabbitMQ exchange page: open its bindings), get-message (RabbitMQ queue page: open "Get messages", fetch one, scroll to it). HEIGHT: viewport height.
import { chromium } from 'playwright-core';

const [output, url, login = 'none', action = ''] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  // As root, and with no network beyond localhost: no sandbox, nothing fetched in the background.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: Number(process.env.HEIGHT ?? 800) } });
const password = process.env.BROKER_PASSWORD ?? 'workshop-admin';
const origin = new URL(url).origin;

if (login === 'rabbitmq') {
  await page.goto(origin + '/');
  await page.fill('input[name="username"]', 'admin');
  await page.fill('input[name="password"]', password);
  await page.click('input[type="submit"]');
  await page.waitForSelector('#logout', { timeout: 15000 });
} else if (login === 'qpid') {
  // Qpid's login dialog is made of Dojo widgets: the two visible text boxes, in order.
  await page.goto(origin + '/index.html');
  await page.waitForSelector('#dijit_form_ValidationTextBox_1', { timeout: 15000 });
  await page.fill('#dijit_form_ValidationTextBox_0', 'admin');
  await page.fill('#dijit_form_ValidationTextBox_1', password);
  await page.keyboard.press('Enter');
  await page.waitForSelector('text=Virtual Hosts', { timeout: 15000 });
}
if (login !== 'qpid') {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
}
await page.waitForTimeout(1500);
if (action === 'qpid-queues') {
  // The virtual host's tab: its exchanges and queues with their depths.
  await page.locator('td', { hasText: 'ProvidedStore' }).first().dblclick();
  await page.waitForTimeout(3000);
  await page.locator('text=Queues').last().scrollIntoViewIfNeeded();
}
if (action === 'bindings') {
  await page.click('h2:has-text("Bindings")');
  await page.waitForTimeout(1000);
}
if (action === 'get-message') {
  await page.click('text=Get messages');
  await page.click('input[value="Get Message(s)"]');
  await page.waitForTimeout(1500);
  await page.locator('text=Message 1').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 120));
}
await page.screenshot({ path: output, fullPage: false });
await browser.close();
console.log('wrote ' + output);
