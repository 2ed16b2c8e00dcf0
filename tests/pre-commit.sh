#!/usr/bin/env bash
# End-to-end test with the real pre-commit tool: a throwaway git repository uses this checkout
# (at its HEAD commit) as its hook repository. A commit of an article with an unfilled placeholder
# is refused with the finding printed; a clean article is accepted; an excluded file is skipped;
# an .mdx article is linted; warnings pass quietly with `seolint`, are shown with `verbose: true`,
# and fail the commit with `seolint-strict`.
# Run by .ci/run; needs python3 with venv/pip, git and cargo.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$repo" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
precommit="$work/venv/bin/pre-commit"
"$precommit" --version

mkdir "$work/site" && cd "$work/site"
git init --quiet
git config user.email ci@example.com
git config user.name "seolint CI"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: seolint
YAML
printf 'exclude: ["drafts/**"]\n' > .seolint.yaml
git add .pre-commit-config.yaml .seolint.yaml
git commit --quiet --no-verify -m "config"
"$precommit" install >/dev/null

fail() { echo "pre-commit test FAILED: $*" >&2; exit 1; }

cat > post.md <<'MD'
---
title: "Cold Brew Coffee at Home: Ratios, Steeping and Storage"
---
# Cold Brew

Written by [AUTHOR_NAME].
MD
git add post.md
if git commit -m "unfilled article" > "$work/out1.txt" 2>&1; then
  cat "$work/out1.txt"; fail "a commit with an unfilled placeholder was accepted"
fi
grep -q "unfilled placeholder \`\[AUTHOR_NAME\]\`" "$work/out1.txt" || { cat "$work/out1.txt"; fail "the finding was not printed"; }
echo "ok: commit with [AUTHOR_NAME] refused, finding printed"

sed -i 's/\[AUTHOR_NAME\]/Jonas Ek/' post.md
git add post.md
git commit -m "filled article" > "$work/out2.txt" 2>&1 || { cat "$work/out2.txt"; fail "a clean article was refused"; }
echo "ok: clean article accepted"

mkdir -p drafts
printf -- '---\ntitle: "Draft"\n---\nBy [AUTHOR_NAME].\n' > drafts/wip.md
git add drafts/wip.md
git commit -m "draft" > "$work/out3.txt" 2>&1 || { cat "$work/out3.txt"; fail "an excluded draft was linted"; }
echo "ok: excluded file skipped (--force-exclude)"

cat > guide.mdx <<'MD'
---
title: "Cold Brew Concentrate: Ratios, Grinds and Steeping"
---
# Cold Brew

Written by [AUTHOR_NAME].
MD
git add guide.mdx
if git commit -m "unfilled mdx article" > "$work/out4.txt" 2>&1; then
  cat "$work/out4.txt"; fail "an .mdx article with an unfilled placeholder was accepted (types_or: [markdown, mdx])"
fi
grep -q "guide.mdx" "$work/out4.txt" || { cat "$work/out4.txt"; fail "the .mdx finding was not printed"; }
sed -i 's/\[AUTHOR_NAME\]/Jonas Ek/' guide.mdx
git add guide.mdx
git commit -m "filled mdx article" > "$work/out5.txt" 2>&1 || { cat "$work/out5.txt"; fail "a clean .mdx article was refused"; }
echo "ok: .mdx article linted"

# a title too short: a warning, no error
printf -- '---\ntitle: "Cold Brew"\n---\n# Cold Brew\n\nSteep it cold.\n' > short.md
git add short.md
git commit -m "warning only" > "$work/out6.txt" 2>&1 || { cat "$work/out6.txt"; fail "a warning refused the commit under the plain hook"; }
if grep -q "title-length" "$work/out6.txt"; then
  cat "$work/out6.txt"; fail "the plain hook printed the warning without verbose: true"
fi
echo "ok: a warning passes the plain hook, unseen"

hooks() {
  cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
$1
YAML
}
hooks "      - id: seolint
        verbose: true"
printf '\nSteep it for a day.\n' >> short.md
git add .pre-commit-config.yaml short.md
git commit -m "verbose" > "$work/out7.txt" 2>&1 || { cat "$work/out7.txt"; fail "verbose: true changed the verdict"; }
grep -q "title-length" "$work/out7.txt" || { cat "$work/out7.txt"; fail "verbose: true did not show the warning"; }
echo "ok: verbose: true shows the warning of a passing commit"

hooks "      - id: seolint-strict"
printf '\nServe it over ice.\n' >> short.md
git add .pre-commit-config.yaml short.md
if git commit -m "strict" > "$work/out8.txt" 2>&1; then
  cat "$work/out8.txt"; fail "seolint-strict accepted a commit with a warning"
fi
grep -q "title-length" "$work/out8.txt" || { cat "$work/out8.txt"; fail "seolint-strict did not show the warning"; }
grep -q "failed: warnings present (--fail-on warning)" "$work/out8.txt" || { cat "$work/out8.txt"; fail "seolint-strict did not say why it failed"; }
echo "ok: seolint-strict refuses a warning and says why"
echo "pre-commit: 7 passed, 0 failed"
