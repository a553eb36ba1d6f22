#include "digit_api.hpp"

#include "recognise.hpp"

#include "models/digit_image.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <string>

#include <sys/socket.h>

namespace chainrule::embedded {
extern const char kDigitPage[];  // digit_page.html, embedded at build time (CMakeLists.txt)
}

namespace chainrule::mnist_cli {

namespace {

void send_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(nlohmann::json{{"error", message}}.dump(), "application/json");
}

int status_of(models::DigitImageError::Kind kind) {
    using Kind = models::DigitImageError::Kind;
    switch (kind) {
        case Kind::TooLarge: return 413;
        case Kind::NoInk: return 422;
        case Kind::NotPng:
        case Kind::Malformed: break;
    }
    return 400;
}

// "image/png; charset=…" → "image/png" (lower case, no parameters, no spaces).
std::string media_type(std::string value) {
    value = value.substr(0, value.find(';'));
    std::erase_if(value, [](unsigned char c) { return std::isspace(c); });
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    return value;
}

void serve_page(const httplib::Request&, httplib::Response& res) {
    // Inline script and style only; the page fetches nothing but /api/predict.
    res.set_header("Content-Security-Policy",
                   "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                   "img-src data: blob:; connect-src 'self'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(embedded::kDigitPage, "text/html; charset=utf-8");
}

// POST /api/predict. Pictures are decoded one at a time: a 4096² PNG of a few KiB
// takes about 100 MiB while it is decoded.
void predict(const models::Mlp<double>& model, const httplib::Request& req, httplib::Response& res) {
    static std::mutex one_at_a_time;
    if (media_type(req.get_header_value("Content-Type")) != "image/png")
        return send_error(res, 415, "POST the picture as Content-Type: image/png");
    if (req.body.empty()) return send_error(res, 400, "empty body: POST the PNG of the drawing");
    const auto* bytes = reinterpret_cast<const unsigned char*>(req.body.data());
    try {
        const std::lock_guard lock(one_at_a_time);
        const Recognition r = recognise(model, {bytes, req.body.size()});
        res.set_header("Cache-Control", "no-store");
        res.set_content(recognition_json(r), "application/json");
    } catch (const models::DigitImageError& e) {
        send_error(res, status_of(e.kind()), without_prefix(e.what()));
    }
}

// Fills the body of httplib's own errors (404, 413, 400 …) that have none yet.
httplib::Server::HandlerResponse error_body(const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string message = "HTTP " + std::to_string(res.status);
    if (res.status == 400) message += ": bad request (POST /api/predict takes a PNG body, Content-Type: image/png)";
    if (res.status == 404) message += ": no such page (GET / is the page, POST /api/predict the recogniser)";
    if (res.status == 413) message += ": the body is larger than " + std::to_string(kMaxBodyBytes / 1024) + " KiB";
    send_error(res, res.status, message);
    return httplib::Server::HandlerResponse::Handled;
}

}  // namespace

void install_digit_api(httplib::Server& server, const models::Mlp<double>& model) {
    // SO_REUSEADDR only: httplib's default SO_REUSEPORT lets a second server listen on the
    // same port and take half the requests; this way the second one fails to bind.
    server.set_socket_options([](socket_t sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    });
    // Short keep-alive: an idle browser connection holds a worker (and Ctrl-C) for 1 s, not 5.
    server.set_keep_alive_timeout(1);
    server.set_payload_max_length(kMaxBodyBytes);
    // httplib's payload limit holds for bodies with a Content-Length only: a chunked body is
    // read whole (300 MB were). Refused before its body is read: the page sends a length.
    server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!req.has_header("Transfer-Encoding")) return httplib::Server::HandlerResponse::Unhandled;
        send_error(res, 411, "send the body with a Content-Length (at most " + std::to_string(kMaxBodyBytes / 1024) +
                                 " KiB), not chunked");
        return httplib::Server::HandlerResponse::Handled;
    });
    server.set_read_timeout(5, 0);
    server.set_write_timeout(5, 0);
    server.Get("/", serve_page);
    server.Post("/api/predict", [&model](const httplib::Request& req, httplib::Response& res) { predict(model, req, res); });
    server.Get("/api/predict", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Allow", "POST");
        send_error(res, 405, "use POST with the PNG of the drawing");
    });
    server.set_error_handler(httplib::Server::HandlerWithResponse(error_body));
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(res, 500, "internal error");
    });
}

}  // namespace chainrule::mnist_cli
