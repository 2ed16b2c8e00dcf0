// Test-only oracle (see oracle.sh): runs Yoast's own analysis on each article, rendered to HTML
// with markdown-it, and prints Yoast's figures beside seolint's (`seolint stats --format json`).
//   node compare.js MODULES_DIR SEOLINT_STATS_JSON FILE...
// Gaps over the tolerances (Flesch +-5, long sentences +-3 points, passive +-4,
// transition +-6) are marked with `!`. With ORACLE_JSON=1 it prints the raw figures as JSON.
"use strict";
const fs = require("fs");
const path = require("path");
const [modules, statsPath, ...files] = process.argv.slice(2);
const req = (m) => require(path.join(modules, m));
const yoast = req("yoastseo");
const Researcher = req("yoastseo/build/languageProcessing/languages/en/Researcher.js").default;
const LanguageProcessor = req("yoastseo/build/parse/language/LanguageProcessor.js").default;
const { build } = req("yoastseo/build/parse/build");
const md = req("markdown-it")({ html: true });
// A soft line break is a space: WordPress paragraphs hold no hard wraps, and Yoast's passive
// research would count each wrapped line as a sentence of its own.
md.renderer.rules.softbreak = () => " ";

/** The body without front matter, and the front matter's title and description. */
function split(source) {
  const m = source.match(/^(---|\+\+\+)\r?\n([\s\S]*?)\r?\n\1[ \t]*(\r?\n|$)/);
  const head = m ? m[2] : "";
  const body = m ? source.slice(m[0].length) : source;
  const field = (k) => {
    const f = head.match(new RegExp(`^${k}\\s*[:=]\\s*(.*)$`, "m"));
    return f ? f[1].trim().replace(/^["']|["']$/g, "") : "";
  };
  return { body, title: field("title"), description: field("description") };
}

function research(researcher, name) {
  try {
    return researcher.getResearch(name);
  } catch (e) {
    return undefined;
  }
}

function yoastFigures(source, keyword) {
  const { body, title, description } = split(source);
  // Hugo shortcodes and MDX imports are site machinery, not prose
  const prose = body.replace(/\{\{[<%][\s\S]*?[%>]\}\}/g, "").replace(/^(import|export) .*$/gm, "");
  const paper = new yoast.Paper(md.render(prose), {
    keyword: keyword || "",
    title,
    description,
    locale: "en_US",
  });
  const researcher = new Researcher(paper);
  paper.setTree(build(paper, new LanguageProcessor(researcher)));
  const r = {};
  const sentences = research(researcher, "countSentencesFromText");
  if (Array.isArray(sentences)) {
    r.sentences = sentences.length;
    r.long_sentences = sentences.filter((s) => s.sentenceLength > 20).length;
  }
  const passive = research(researcher, "getPassiveVoiceResult");
  if (passive && passive.total !== undefined) {
    r.passive_total = passive.total;
    r.passive_sentences = passive.passives.length;
  }
  const tr = research(researcher, "findTransitionWords");
  if (tr && tr.totalSentences !== undefined) {
    r.transition_total = tr.totalSentences;
    r.transition_sentences = tr.transitionWordSentences;
  }
  const flesch = research(researcher, "getFleschReadingScore");
  if (flesch && flesch.score !== undefined) r.flesch_reading_ease = flesch.score;
  const paragraphs = research(researcher, "getParagraphLength");
  if (Array.isArray(paragraphs)) {
    r.paragraphs = paragraphs.length;
    r.long_paragraphs = paragraphs.filter((p) => p.countLength > 150).length;
  }
  const sections = research(researcher, "getSubheadingTextLengths");
  if (Array.isArray(sections)) r.long_sections = sections.filter((s) => s.countLength > 300).length;
  const words = research(researcher, "wordCountInText");
  if (words && words.count !== undefined) r.words = words.count;
  if (keyword) {
    const sub = research(researcher, "matchKeywordInSubheadings");
    if (sub && sub.count !== undefined) r.subheadings_with_keyword = `${sub.matches}/${sub.count}`;
  }
  return r;
}

const pct = (n, d) => (n === undefined || !d ? undefined : (100 * n) / d);
const fmt = (v, digits = 1) => (v === undefined || v === null ? "-" : Number(v).toFixed(digits));

const stats = JSON.parse(fs.readFileSync(statsPath, "utf8"));
const byFile = new Map(stats.map((s) => [path.resolve(s.file), s]));
const rows = [];
for (const file of files) {
  const s = byFile.get(path.resolve(file)) || {};
  const keyword = s.keyword && typeof s.keyword === "object" ? s.keyword.keyword : s.keyword;
  const y = yoastFigures(fs.readFileSync(file, "utf8"), keyword);
  const rd = s.readability || {};
  rows.push({ file, seolint: { words: s.words, ...rd }, yoast: y });
}
if (process.env.ORACLE_JSON) {
  process.stdout.write(JSON.stringify(rows, null, 1) + "\n");
  process.exit(0);
}

// one line per article; each figure "seolint/yoast", shares in percent of sentences
const cols = [
  ["words", (r, t) => [r.words, t.words], 0, Infinity],
  ["sent", (r, t) => [r.sentences, t.sentences], 0, Infinity],
  ["long%", (r, t) => [pct(r.long_sentences, r.sentences), pct(t.long_sentences, t.sentences)], 1, 3],
  ["passive%", (r, t) => [pct(r.passive_sentences, r.sentences), pct(t.passive_sentences, t.passive_total)], 1, 4],
  ["trans%", (r, t) => [pct(r.transition_sentences, r.sentences), pct(t.transition_sentences, t.transition_total)], 1, 6],
  ["flesch", (r, t) => [r.flesch_reading_ease, t.flesch_reading_ease], 1, 5],
  ["paras", (r, t) => [r.paragraphs, t.paragraphs], 0, Infinity],
  ["longpara", (r, t) => [r.long_paragraphs, t.long_paragraphs], 0, Infinity],
];
const short = (f) => {
  const rel = f.includes("/shared/corpus/") ? f.split("/shared/corpus/")[1] : path.relative(process.cwd(), f);
  return rel.length > 48 ? "…" + rel.slice(-47) : rel;
};
const header = ["article (seolint / yoast)", ...cols.map((c) => c[0])];
const lines = [header];
let gaps = 0;
for (const { file, seolint, yoast: y } of rows) {
  const cells = [short(file)];
  for (const [, get, digits, tol] of cols) {
    const [a, b] = get(seolint, y);
    let mark = "";
    if (a !== undefined && b !== undefined && Math.abs(a - b) > tol) {
      mark = "!";
      gaps++;
    }
    cells.push(`${fmt(a, digits)}/${fmt(b, digits)}${mark}`);
  }
  lines.push(cells);
}
const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
const row = (l) => "| " + l.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
console.log(row(lines[0]));
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
lines.slice(1).forEach((l) => console.log(row(l)));
console.log(
  `\n${rows.length} articles; ${gaps} figures outside the tolerances (!: Flesch +-5, long +-3 points, ` +
    `passive +-4, transition +-6); "-" = not measured (seolint's readability object absent or a research failed)`,
);
