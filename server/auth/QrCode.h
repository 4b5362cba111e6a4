// QR codes drawn on the server (libqrencode), for the second-factor enrolment page: an SVG of
// black squares on white with the standard 4-module quiet zone, as a data: URI that an <img>
// can show under the CSP (img-src 'self' data:), so the page needs no script.
#pragma once

#include <string>

namespace kituo::auth {

// The SVG markup of `text` as a QR code (error correction M, byte mode). Throws
// std::runtime_error when the text is too long for a QR code.
std::string qrSvg(const std::string& text);
// data:image/svg+xml;base64,... of qrSvg(text).
std::string qrSvgDataUri(const std::string& text);

}  // namespace kituo::auth
