#pragma once
/// \file katex_assets.hpp
/// KaTeX (https://katex.org, MIT licence) for the HTML pages: the `<style>` and `<script>`
/// elements that load it, with every font inlined, so that a page typesets its math
/// offline, mailed or opened from a USB stick.

#include <string>

namespace chainrule::tools {

/// `<style>` with katex.min.css, each @font-face's WOFF2 font inlined as a data: URL (the
/// other font formats dropped: every browser that runs KaTeX reads WOFF2), and `<script>`
/// with katex.min.js. Read from $CHAINRULE_KATEX_DIR, else Debian's libjs-katex
/// (/usr/share/javascript/katex). About 0.6 MB. Throws ToolError naming the package when
/// KaTeX is not there, or when a font its style sheet names is missing.
std::string katex_elements();

}  // namespace chainrule::tools
