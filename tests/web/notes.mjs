// Footnotes in place: a click on a mark shows its note under it and keeps it, a second
// click hides it. (Showing a note while a mouse rests on its mark needs a pointer that can
// hover, which headless Chromium does not report.)
//   node notes.mjs PAGE.html   → prints a JSON report
import { chromium } from "playwright-core";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage();
await page.goto("file://" + process.argv[2], { waitUntil: "load" });
const mark = page.locator("a.noteref").first();
const report = {};
await mark.click();
report.clickShows = await page.locator(".note-popup").count();
report.text = (await page.locator(".note-popup").first().textContent()).slice(0, 40);
report.urlUnchanged = !page.url().includes("#");
await page.mouse.move(0, 0);
report.clickKeeps = await page.locator(".note-popup").count();
await mark.click();
report.secondClickHides = await page.locator(".note-popup").count();
console.log(JSON.stringify(report));
await browser.close();
