// Accessibility figures for a built site, run by bench/accessibility.sh (see there).
//
//   node bench/accessibility.mjs ORIGIN AXE_JS LIGHTHOUSE_DIR CHROMIUM
//
// Opens every page kind in every language of the site served at ORIGIN in one headless
// Chromium (driven by the puppeteer-core that Lighthouse ships), runs axe-core (AXE_JS,
// the copy the tests use, default rules) at 375 and 1280 CSS pixels, and Lighthouse's
// accessibility category at the same two screens (mobile and desktop form factors).
// Prints a Markdown table, then every violation and failed audit found.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [origin, axeFile, lighthouseDir, chromium] = process.argv.slice(2);
if (!chromium) {
  console.error("usage: node bench/accessibility.mjs ORIGIN AXE_JS LIGHTHOUSE_DIR CHROMIUM");
  process.exit(2);
}
const require = createRequire(`${lighthouseDir}/package.json`);
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const lighthouse = (await load("lighthouse")).default;
const puppeteer = (await load("puppeteer-core")).default;
const version = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`))).version;
const axeSource = readFileSync(axeFile, "utf8");
const axeVersion = JSON.parse(readFileSync(new URL("package.json", pathToFileURL(axeFile)))).version;

const SCREENS = [
  { name: "375", formFactor: "mobile", width: 375, height: 812, deviceScaleFactor: 2, mobile: true },
  { name: "1280", formFactor: "desktop", width: 1280, height: 800, deviceScaleFactor: 1, mobile: false },
];
const LANGUAGES = ["vi", "en", "lo"];

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const page = await browser.newPage();

// The first link matching `css` on the page at `path`, as a path on this origin.
async function firstLink(path, css) {
  await page.goto(origin + path, { waitUntil: "load" });
  const href = await page.$eval(css, (a) => a.href).catch(() => null);
  return href && href.startsWith(origin) ? href.slice(origin.length) : null;
}

// One of each page kind per language, chosen as tests/accessibility.rs chooses them.
async function pagesToMeasure() {
  const pages = [{ kind: "language chooser", lang: "–", path: "/" }];
  for (const lang of LANGUAGES) {
    const add = (kind, path) => path && pages.push({ kind, lang, path });
    add("home", `/${lang}/`);
    const section = await firstLink(`/${lang}/`, ".site-nav li:nth-child(2) a");
    add("section listing", section);
    add("section listing, page 2", await firstLink(section, ".pagination a[rel=next]"));
    add("article", await firstLink(section, ".card-title a"));
    add("single page", (await page.goto(`${origin}/${lang}/about/`)).ok() ? `/${lang}/about/` : null);
    add("term list", `/${lang}/categories/`);
    add("term page", await firstLink(`/${lang}/categories/`, ".terms a"));
    // The first category long enough for a second page.
    await page.goto(`${origin}/${lang}/categories/`, { waitUntil: "load" });
    const terms = await page.$$eval(".terms a", (links) => links.map((a) => a.href));
    for (const term of terms) {
      const next = await firstLink(term.slice(origin.length), ".pagination a[rel=next]");
      if (next) {
        add("term page, page 2", next);
        break;
      }
    }
    add("404", `/${lang}/404.html`);
  }
  pages.push({ kind: "404 outside the languages", lang: "–", path: "/404.html" });
  return pages;
}

async function axeViolations(path, screen) {
  await page.setViewport({
    width: screen.width, height: screen.height, deviceScaleFactor: screen.deviceScaleFactor,
    isMobile: screen.mobile, hasTouch: screen.mobile,
  });
  await page.goto(origin + path, { waitUntil: "load" });
  await page.evaluate(axeSource);
  return page.evaluate(() =>
    axe.run(document, { resultTypes: ["violations"] }).then((r) =>
      r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)));
}

async function lighthouseScore(path, screen) {
  const flags = {
    logLevel: "error",
    output: "json",
    onlyCategories: ["accessibility"],
    formFactor: screen.formFactor,
    screenEmulation: {
      mobile: screen.mobile, width: screen.width, height: screen.height,
      deviceScaleFactor: screen.deviceScaleFactor, disabled: false,
    },
    // The accessibility audits read the DOM; network and CPU throttling change nothing.
    throttlingMethod: "provided",
  };
  const result = await lighthouse(origin + path, flags, undefined, page);
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`${path}: ${lhr.runtimeError.message}`);
  const category = lhr.categories.accessibility;
  const failed = category.auditRefs
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
    .map((ref) => ref.id);
  return { score: Math.round(category.score * 100), failed };
}

const pages = await pagesToMeasure();
const rows = [];
const details = [];
for (const p of pages) {
  const row = { ...p, axe: {}, lh: {} };
  for (const screen of SCREENS) {
    const violations = await axeViolations(p.path, screen);
    row.axe[screen.name] = violations.length;
    for (const v of violations) details.push(`axe ${screen.name} px ${p.path}: ${v}`);
    const { score, failed } = await lighthouseScore(p.path, screen);
    row.lh[screen.name] = score;
    if (failed.length) details.push(`Lighthouse ${screen.formFactor} ${p.path}: ${failed.join(", ")}`);
  }
  rows.push(row);
  process.stderr.write(`measured ${p.path}\n`);
}
const browserVersion = await browser.version();
await browser.close();

console.log(`axe-core ${axeVersion} (default rules, violations of any impact); Lighthouse ` +
  `${version("lighthouse")} accessibility score; ${browserVersion}`);
console.log("");
console.log("| page kind | language | address | axe 375 px | axe 1280 px | Lighthouse mobile 375 px | Lighthouse desktop 1280 px |");
console.log("| --- | --- | --- | ---: | ---: | ---: | ---: |");
for (const r of rows) {
  console.log(`| ${r.kind} | ${r.lang} | \`${decodeURI(r.path)}\` | ${r.axe["375"]} | ${r.axe["1280"]} | ${r.lh["375"]} | ${r.lh["1280"]} |`);
}
console.log("");
console.log(details.length ? details.map((d) => `- ${d}`).join("\n") : "No violation, no failed audit.");
