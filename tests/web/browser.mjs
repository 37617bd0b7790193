// Opens every page of a web edition in headless Chromium (Debian's, driven by
// playwright-core) at a phone's and a desktop's width and reports, as JSON on stdout:
// horizontal overflow of the page, images that did not load, and axe-core's serious and
// critical violations. Screenshots of the pages named in SCREENSHOTS go to OUT.
//
//   node browser.mjs SITE_DIR OUT_DIR [page …]
import { chromium } from "playwright-core";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";

const [site, out, ...shots] = process.argv.slice(2);
const axe = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const findings = [];
for (const width of [390, 1280]) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  for (const path of pages(site)) {
    const name = relative(site, path);
    await page.goto("file://" + path, { waitUntil: "load" });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) findings.push({ page: name, width, problem: `page overflows horizontally by ${overflow}px` });
    const broken = await page.evaluate(() => Array.from(document.images).filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
    for (const src of broken) findings.push({ page: name, width, problem: `image did not load: ${src}` });
    await page.addScriptTag({ content: axe });
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ["violations"] }));
    for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
      findings.push({ page: name, width, problem: `axe ${v.impact}: ${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes[0].target.join(" ")})` });
    }
    if (shots.includes(name)) {
      await page.screenshot({ path: join(out, `${name.replaceAll("/", "-").replace(".html", "")}-${width}.png`), fullPage: true });
    }
  }
  await context.close();
}
await browser.close();
console.log(JSON.stringify(findings, null, 2));
