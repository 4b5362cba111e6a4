// multipart/form-data bodies (file uploads), parsed with Poco's MultipartReader from the body
// the Dispatcher already read within the size limit. Text fields must be valid UTF-8; file
// contents are returned as bytes for the handler to judge (a CSV import says "not a CSV file"
// itself rather than failing the whole request).
#pragma once

#include "http/Request.h"

#include <map>
#include <string>

namespace kituo::http {

struct UploadedFile {
    std::string fileName;
    std::string contentType;
    std::string content;
};

struct MultipartForm {
    Params fields;
    std::map<std::string, UploadedFile> files;
};

// At most this many parts (fields and files) are read from one form.
constexpr int kMaxParts = 1000;

// Throws domain::BadRequest when the body is not multipart/form-data, is malformed or has more
// than kMaxParts parts.
MultipartForm parseMultipart(const Request& request);

}  // namespace kituo::http
