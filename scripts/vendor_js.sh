#!/usr/bin/env bash
# Re-create _vendor/ from scratch: local copies of the JavaScript that Jupyter Book would otherwise load from
# CDNs, so that the built book works offline and loads nothing from another host.
#
#   MathJax 3        typesets the maths          (Sphinx's mathjax_path in _config.yml)
#   RequireJS        AMD loader the widgets need (myst-nb's nb_ipywidgets_js in _config.yml)
#   html-manager     renders saved ipywidgets    (myst-nb's nb_ipywidgets_js in _config.yml)
#
# Only the files pages actually request are kept, with each package's licence. Versions are pinned here;
# change a version, run `bash scripts/vendor_js.sh`, rebuild the book and run the browser tests.
# Needs npm (the npm registry) and Python 3; downloads tarballs with `npm pack`, runs no package scripts.
set -euo pipefail
cd "$(dirname "$0")/.."

MATHJAX=mathjax@3.2.2
REQUIREJS=requirejs@2.3.8
# The html-manager release that matches ipywidgets 8.1.x (its bundled controls/base are the versions the
# Python widgets' saved state names: @jupyter-widgets/controls 2.0.0 model, base 2.0.0).
HTML_MANAGER=@jupyter-widgets/html-manager@1.0.15

out=_vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Download and unpack one package tarball into $tmp/<dir>/package; print its `npm pack --json` record.
fetch() {
  local spec=$1 dir=$2
  mkdir -p "$tmp/$dir"
  npm pack --json --silent --pack-destination "$tmp/$dir" "$spec" > "$tmp/$dir/pack.json"
  tar -xzf "$tmp/$dir"/*.tgz -C "$tmp/$dir"
}
fetch "$MATHJAX" mathjax
fetch "$REQUIREJS" requirejs
fetch "$HTML_MANAGER" html-manager

rm -rf "$out"
mkdir -p "$out"

# --- MathJax: the tex-chtml component, the fonts its CHTML output loads, and the TeX extensions that its
# autoload/require packages may fetch when a page uses e.g. \boldsymbol, \cancel or \require{...}.
# Left out: the speech/explorer modules (a11y/explorer, sre), fetched only if a reader switches them on in
# MathJax's context menu; the hidden MathML for screen readers (assistive-mml) is inside tex-chtml.js.
src=$tmp/mathjax/package
mkdir -p "$out/mathjax/output/chtml/fonts/woff-v2" "$out/mathjax/input/tex/extensions"
cp "$src/LICENSE" "$src/es5/tex-chtml.js" "$out/mathjax/"
cp "$src"/es5/output/chtml/fonts/woff-v2/*.woff "$out/mathjax/output/chtml/fonts/woff-v2/"
for f in "$src"/es5/input/tex/extensions/*.js; do
  # all-packages.js is a bundle of every extension for tex-full; autoload never requests it.
  [ "$(basename "$f")" = all-packages.js ] || cp "$f" "$out/mathjax/input/tex/extensions/"
done

# --- RequireJS: one file. The npm package ships no licence file; the file's header names the MIT licence.
src=$tmp/requirejs/package
mkdir -p "$out/requirejs"
cp "$src/require.js" "$out/requirejs/"
cat > "$out/requirejs/LICENSE" <<'LICENSE'
RequireJS (https://github.com/requirejs/requirejs), as stated in the header of require.js:
"Copyright jQuery Foundation and other contributors. Released under MIT license".

MIT License

Copyright jQuery Foundation and other contributors, https://jquery.org/

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation
the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and
to permit persons to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or substantial portions of
the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO
THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
IN THE SOFTWARE.
LICENSE

# --- Widget manager: embed-amd.js bundles @jupyter-widgets/base, controls and output (nothing is fetched from
# unpkg/jsDelivr for the built-in widgets) and the Font Awesome CSS, whose fonts it loads relative to its
# own module URL. Modern browsers take the .woff2 of each @font-face, so exactly the .woff2 files that
# embed-amd.js names are copied (the .eot/.ttf/.svg/.woff fallbacks are never requested).
src=$tmp/html-manager/package
mkdir -p "$out/jupyter-widgets"
cp "$src/dist/embed-amd.js" "$out/jupyter-widgets/"
fonts=$(grep -oE '\.p\+"[0-9a-f]+\.woff2"' "$src/dist/embed-amd.js" | grep -oE '[0-9a-f]+\.woff2' | sort -u)
[ -n "$fonts" ] || { echo "vendor_js.sh: no .woff2 named in embed-amd.js; has the bundle changed?" >&2; exit 1; }
for f in $fonts; do cp "$src/dist/$f" "$out/jupyter-widgets/"; done
cp "$src/dist/embed.js.LICENSE.txt" "$out/jupyter-widgets/THIRD-PARTY-NOTICES.txt"
cat > "$out/jupyter-widgets/LICENSE" <<'LICENSE'
@jupyter-widgets/html-manager is part of ipywidgets (https://github.com/jupyter-widgets/ipywidgets) and is
released under the BSD 3-Clause licence (package.json: "BSD-3-Clause"). The npm package ships no licence file;
this is the project's licence text. The bundled Font Awesome Free fonts are under the SIL OFL 1.1
(https://fontawesome.com/license/free); other bundled libraries are listed in THIRD-PARTY-NOTICES.txt.

Copyright (c) 2015 Project Jupyter Contributors
All rights reserved.

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this
   list of conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice,
   this list of conditions and the following disclaimer in the documentation
   and/or other materials provided with the distribution.

3. Neither the name of the copyright holder nor the names of its
   contributors may be used to endorse or promote products derived from
   this software without specific prior written permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
LICENSE

# --- What is here and where it came from.
python3 - "$tmp" "$out" <<'PY'
import json, pathlib, sys

tmp, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
lines = [
    "Vendored JavaScript for the offline book. Generated by scripts/vendor_js.sh: do not edit by hand;",
    "change the versions in that script and run it again.",
    "",
]
for folder, target in [("mathjax", "mathjax"), ("requirejs", "requirejs"), ("html-manager", "jupyter-widgets")]:
    pack = json.loads((tmp / folder / "pack.json").read_text())[0]
    meta = json.loads((tmp / folder / "package" / "package.json").read_text())
    lines += [
        f"{pack['name']}@{pack['version']}  ->  _vendor/{target}/",
        f"  source:    npm registry, {pack['filename']}",
        f"  integrity: {pack['integrity']}",
        f"  licence:   {meta.get('license')}",
        "  files:",
    ]
    for path in sorted(p for p in (out / target).rglob("*") if p.is_file()):
        lines.append(f"    {path.relative_to(out).as_posix()}  ({path.stat().st_size} bytes)")
    lines.append("")
lines.append("_theme/static/jupyter-widgets/widgets-config.js, the book's own RequireJS configuration for these "
             "files, is not vendored; Sphinx copies it next to them, to _static/jupyter-widgets/.")
(out / "VERSIONS.txt").write_text("\n".join(lines) + "\n")
PY

du -sh "$out"
