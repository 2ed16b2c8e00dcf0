#!/usr/bin/env bash
# End-to-end test with the real pre-commit tool: a throwaway git repository uses this checkout
# (at its HEAD commit) as its hook repository. A commit of an article with an unfilled placeholder
# is refused with the finding printed; a clean article is accepted; an excluded file is skipped.
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
echo "pre-commit: 3 passed, 0 failed"
