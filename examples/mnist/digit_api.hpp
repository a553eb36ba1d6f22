#pragma once
// The HTTP routes of `chainrule-mnist serve`: GET / (the page), POST /api/predict (a PNG
// in, the digit as JSON out) and JSON error bodies for everything else.
#include "models/mlp.hpp"

#include <httplib.h>

namespace chainrule::mnist_cli {

/// Largest accepted request body: a 280 × 280 canvas PNG is 5–20 KiB.
inline constexpr std::size_t kMaxBodyBytes = 256 * 1024;

/// Installs the routes and limits on `server`; `model` must outlive it. Answers:
///   GET  /             200 the page (text/html)
///   POST /api/predict  200 {"digit", "probabilities": [10], "input": [784]};
///                      400 empty body, not a PNG, truncated or corrupt PNG;
///                      411 a chunked body (refused before it is read);
///                      413 a body above kMaxBodyBytes or a picture above 4096 px a side;
///                      415 a Content-Type other than image/png; 422 a blank picture;
///   GET  /api/predict  405; anything else 404 (httplib: 400 for what is not HTTP).
/// Every error body is {"error": "<one sentence>"}.
void install_digit_api(httplib::Server& server, const models::Mlp<double>& model);

}  // namespace chainrule::mnist_cli
