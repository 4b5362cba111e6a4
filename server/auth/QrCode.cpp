// Server-drawn QR codes; see QrCode.h.
#include "auth/QrCode.h"

#include <Poco/Base64Encoder.h>
#include <qrencode.h>

#include <memory>
#include <sstream>
#include <stdexcept>

namespace kituo::auth {

std::string qrSvg(const std::string& text) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(
        QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!qr) throw std::runtime_error("the text does not fit in a QR code");
    const int quiet = 4;
    const int size = qr->width + 2 * quiet;
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << size << ' ' << size
        << "\" shape-rendering=\"crispEdges\"><rect width=\"" << size << "\" height=\"" << size
        << "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    for (int y = 0; y < qr->width; ++y) {
        for (int x = 0; x < qr->width; ++x) {
            if (qr->data[y * qr->width + x] & 1) svg << 'M' << x + quiet << ' ' << y + quiet << "h1v1h-1z";
        }
    }
    svg << "\"/></svg>";
    return svg.str();
}

std::string qrSvgDataUri(const std::string& text) {
    std::ostringstream out;
    {
        Poco::Base64Encoder encoder(out);
        encoder.rdbuf()->setLineLength(0);
        encoder << qrSvg(text);
        encoder.close();
    }
    return "data:image/svg+xml;base64," + out.str();
}

}  // namespace kituo::auth
