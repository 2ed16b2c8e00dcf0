// Drives the HTML report of `seolint report` in headless Chromium through the DevTools
// protocol (playwright-core, the system's Chromium): the rows, sorting by a click on a column
// header, the filter box, the details panel, the cluster graph, no network request, no script
// error. Usage: node report.mjs REPORT.html SCREENSHOT.png FILE...  (FILE: the expected rows)
import { chromium } from "playwright-core";
import { pathToFileURL } from "node:url";

const [reportPath, screenshot, ...expected] = process.argv.slice(2);
if (!reportPath || !screenshot || expected.length === 0) {
  console.error("usage: node report.mjs REPORT.html SCREENSHOT.png FILE...");
  process.exit(2);
}
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? "ok" : "FAIL"} - ${what}`);
  if (!ok) failures.push(what);
};

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const requests = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:")) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(reportPath).href);

  const files = () => page.$$eval("#table tbody tr", (rows) => rows.filter((r) => !r.hidden).map((r) => r.dataset.file));
  const all = await files();
  check(all.length === expected.length, `${expected.length} rows (got ${all.length})`);
  check(expected.every((f) => all.includes(f)), `a row for each of ${expected.join(", ")}`);

  // sort by words: ascending on the first click, descending on the second
  const words = () => page.$$eval("#table tbody tr", (rows) => rows.map((r) => Number(r.cells[2].dataset.value)));
  await page.click("#table thead th:nth-child(3)");
  let w = await words();
  check(w.every((v, i) => i === 0 || w[i - 1] <= v), `a click on Words sorts ascending (${w.join(" ")})`);
  await page.click("#table thead th:nth-child(3)");
  w = await words();
  check(w.every((v, i) => i === 0 || w[i - 1] >= v), `a second click sorts descending (${w.join(" ")})`);
  check(await page.$eval("#table thead th:nth-child(3)", (th) => th.getAttribute("aria-sort")) === "descending",
    "the header says how it sorts");
  // sort by title, as text
  await page.click("#table thead th:nth-child(2)");
  const titles = await page.$$eval("#table tbody tr", (rows) => rows.map((r) => r.cells[1].textContent.trim().toLowerCase()));
  check(titles.every((t, i) => i === 0 || titles[i - 1].localeCompare(t) <= 0), "a click on Title sorts by title");

  // filter by text, then by rule
  await page.fill("#filter", "grind");
  let shown = await files();
  check(shown.length === 1 && shown[0].endsWith("grind-size.md"), `filter "grind" keeps grind-size.md (got ${shown})`);
  check((await page.textContent("#shown")).trim() === `1 of ${expected.length}`, "the count says 1 of all");
  await page.fill("#filter", "rule:broken-link");
  shown = await files();
  check(shown.length === 2 && shown.every((f) => /cold-brew-guide|grind-size/.test(f)),
    `filter rule:broken-link keeps the two articles with a broken link (got ${shown})`);
  await page.fill("#filter", "");
  check((await files()).length === expected.length, "an empty filter shows every row");

  // a click on a row shows its findings with line numbers
  await page.click('#table tbody tr[data-file$="cold-brew-guide.md"]');
  const panel = await page.textContent("#details");
  check(panel.includes("cold-brew-guide.md") && /line \d+:\d+/.test(panel) && panel.includes("broken-link")
    && panel.includes("backlinks"), "the details panel lists the row's findings with lines");

  // user text is text, not markup
  const tips = await page.$eval('#table tbody tr[data-file$="tips.md"]', (r) => r.cells[1].textContent);
  check(tips.includes('Tips & Tricks') && tips.includes('"Cold Brew"'), `a title with & and quotes shows as written (${tips})`);

  // the cluster graph: a missing backlink and a broken link
  check(await page.$$eval("svg.graph .edge.no-backlink", (e) => e.length) === 1, "one dashed edge for the missing backlink");
  check(await page.$$eval("svg.graph .edge.broken", (e) => e.length) === 1, "one edge to the broken link");
  check(await page.$$eval("svg.graph .node.pillar", (e) => e.length) === 1, "one pillar node");
  check((await page.textContent("#keywords")).toLowerCase().includes("cold brew ratio"), "the shared keyword is listed");

  check(requests.length === 0, `no network request (${requests.join(" ")})`);
  check(errors.length === 0, `no script error (${errors.join(" | ")})`);

  // the screenshot: the page as first opened, the pillar's row selected
  await page.reload();
  await page.click('#table tbody tr[data-file$="cold-brew-guide.md"]');
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`${failures.length} check(s) failed`);
  process.exit(1);
}
