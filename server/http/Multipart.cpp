// multipart/form-data parsing; see Multipart.h.
#include "http/Multipart.h"

#include "domain/Errors.h"
#include "domain/Utf8.h"

#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>

#include <sstream>

namespace kituo::http {

MultipartForm parseMultipart(const Request& request) {
    std::string mediaType;
    Poco::Net::NameValueCollection params;
    Poco::Net::MessageHeader::splitParameters(request.contentType, mediaType, params);
    if (Poco::icompare(mediaType, "multipart/form-data") != 0 || !params.has("boundary")) {
        throw domain::BadRequest("The form must be sent as multipart/form-data.");
    }
    MultipartForm form;
    try {
        std::istringstream body(request.body);
        Poco::Net::MultipartReader reader(body, params.get("boundary"));
        // Poco's reader can find parts without end in a malformed body (a boundary followed by
        // bytes that are no line end: found by the forms fuzz target), so the parts are counted.
        int parts = 0;
        while (reader.hasNextPart()) {
            if (++parts > kMaxParts) throw domain::BadRequest("The uploaded form is malformed.");
            Poco::Net::MessageHeader header;
            reader.nextPart(header);
            std::string disposition;
            Poco::Net::NameValueCollection dispositionParams;
            Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                                      dispositionParams);
            std::string content;
            Poco::StreamCopier::copyToString(reader.stream(), content);
            const std::string name = dispositionParams.get("name", "");
            if (dispositionParams.has("filename")) {
                form.files[name] = {dispositionParams.get("filename"), header.get("Content-Type", ""), content};
            } else {
                if (!domain::isValidUtf8(content) || !domain::isValidUtf8(name)) {
                    throw domain::BadRequest("The form contains text that is not valid UTF-8.");
                }
                form.fields.emplace(name, content);
            }
        }
    } catch (const Poco::Exception&) {
        throw domain::BadRequest("The uploaded form is malformed.");
    }
    return form;
}

}  // namespace kituo::http
