#include "katex_assets.hpp"

#include "output.hpp"
#include "subprocess.hpp"

#include <boost/archive/iterators/base64_from_binary.hpp>
#include <boost/archive/iterators/transform_width.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <regex>

namespace chainrule::tools {

namespace fs = std::filesystem;

namespace {

fs::path katex_dir() {
    const char* dir = std::getenv("CHAINRULE_KATEX_DIR");
    return dir != nullptr && *dir != '\0' ? fs::path(dir) : fs::path("/usr/share/javascript/katex");
}

std::string base64(const std::string& bytes) {
    using namespace boost::archive::iterators;
    using Encoder = base64_from_binary<transform_width<std::string::const_iterator, 6, 8>>;
    std::string out(Encoder(bytes.begin()), Encoder(bytes.end()));
    out.append((3 - bytes.size() % 3) % 3, '=');
    return out;
}

std::string required(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        throw ToolError("--format html needs KaTeX, and " + file.string() +
                        " is missing (Debian: apt-get install libjs-katex; or set CHAINRULE_KATEX_DIR to a KaTeX "
                        "release folder)");
    return read_file(file);
}

// Each `src:url(fonts/NAME.woff2) format('woff2'),…;` of the style sheet as one data: URL.
std::string inline_fonts(const std::string& css, const fs::path& dir) {
    static const std::regex src(R"(src:url\(fonts/([A-Za-z0-9_-]+)\.woff2\)[^;}]*)");
    std::string out;
    auto last = css.cbegin();
    for (std::sregex_iterator m(css.begin(), css.end(), src), end; m != end; ++m) {
        out.append(last, css.cbegin() + m->position());
        const std::string font = required(dir / "fonts" / (m->str(1) + ".woff2"));
        out += "src:url(data:font/woff2;base64," + base64(font) + ") format('woff2')";
        last = css.cbegin() + m->position() + m->length();
    }
    return out.append(last, css.cend());
}

}  // namespace

std::string katex_elements() {
    const fs::path dir = katex_dir();
    const std::string css = inline_fonts(required(dir / "katex.min.css"), dir);
    if (css.find("url(fonts/") != std::string::npos)
        throw ToolError(dir.string() + "/katex.min.css names a font that is not WOFF2 first: the page would need files beside it");
    const std::string js = required(dir / "katex.min.js");
    // Inside <script>, "</script" (in any case) would end the element and "<!--" change how
    // the parser reads it.
    std::string lower = js;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.find("</script") != std::string::npos || lower.find("<!--") != std::string::npos)
        throw ToolError(dir.string() + "/katex.min.js cannot be inlined in a <script> element");
    return "<style>\n" + css + "\n</style>\n<script>\n" + js + "\n</script>\n";
}

}  // namespace chainrule::tools
