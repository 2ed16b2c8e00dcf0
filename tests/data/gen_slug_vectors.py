#!/usr/bin/env python3
"""Regenerates tests/data/slug_vectors.json: each heading of slug_headings.json slugged, in order
(duplicates included), by the real implementation of each `site.slugs` style. A dev tool, not run
by CI (`cargo test` reads only the JSON it writes). Needs, installed locally:

  npm install github-slugger                  (in $SLUGGER_DIR, default /tmp/slugnpm)
  apt-get install ruby-kramdown ruby-kramdown-parser-gfm
  pip install markdown                        (Python-Markdown: MkDocs' toc)
  a binary printing `slug::slugify` of each stdin line (Zola's anchors), in $ZOLA_SLUG

Usage: python3 tests/data/gen_slug_vectors.py
"""
import json, os, subprocess, sys
from pathlib import Path

here = Path(__file__).parent
heads = json.loads((here / "slug_headings.json").read_text())
lines = "\n".join(heads) + "\n"

def run(cmd, **kw):
    return subprocess.run(cmd, input=lines, capture_output=True, text=True, check=True, **kw).stdout

# github-slugger: its BananaSlug class, one instance for the page (it numbers repeats)
slugger_dir = os.environ.get("SLUGGER_DIR", "/tmp/slugnpm")
js = """
import GithubSlugger from 'github-slugger';
import { readFileSync } from 'fs';
const s = new GithubSlugger();
const heads = readFileSync(0, 'utf8').split('\\n').slice(0, -1);
process.stdout.write(JSON.stringify(heads.map(h => s.slug(h))));
"""
Path(slugger_dir, "gen.mjs").write_text(js)
github = json.loads(run(["node", "gen.mjs"], cwd=slugger_dir))

# kramdown: its converter's generate_id (plain kramdown input) and kramdown-parser-gfm's
# generate_gfm_header_id (Jekyll's default input), each on a fresh instance for the page
rb = r"""
require 'json'; require 'kramdown'; require 'kramdown-parser-gfm'
heads = STDIN.read.split("\n", -1)[0...-1]
conv = Kramdown::Converter::Html.send(:new, Kramdown::Element.new(:root), {auto_id_prefix: ''})
gfm = Kramdown::Parser::GFM.send(:new, '', Kramdown::Options.merge({}))
gfm.instance_variable_set(:@id_counter, Hash.new(-1))
out = {kramdown: heads.map { |h| conv.generate_id(h) },
       jekyll: heads.map { |h| gfm.send(:generate_gfm_header_id, h) }}
print JSON.generate(out)
"""
kd = json.loads(run(["ruby", "-e", rb]))

# Python-Markdown's toc: slugify with the default separator, then unique() over the page
from markdown.extensions.toc import slugify, unique
ids = set()
mkdocs = [unique(slugify(h, "-"), ids) for h in heads]

# Zola: slug::slugify, then Zola's numbering of repeats (`-1`, `-2`, ... the first free one)
zola_bin = os.environ.get("ZOLA_SLUG", "/tmp/zslug/target/release/zslug")
zola = []
for base in run([zola_bin]).split("\n")[:-1]:
    name, n = base, 0
    while name in zola:
        n += 1
        name = f"{base}-{n}"
    zola.append(name)

assert all(len(v) == len(heads) for v in (github, kd["kramdown"], kd["jekyll"], mkdocs, zola))
out = {"github": github, "zola": zola, "mkdocs": mkdocs, "jekyll": kd["jekyll"], "kramdown": kd["kramdown"]}
(here / "slug_vectors.json").write_text(json.dumps(out, ensure_ascii=False, indent=0) + "\n")
print(f"{len(heads)} headings", file=sys.stderr)
