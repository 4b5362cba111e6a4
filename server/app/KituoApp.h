// The server process: loads the configuration, migrates (unless db.migrateOnStart=false),
// serves until SIGINT/SIGTERM, then stops gracefully (in-flight requests finish).
#pragma once

#include <Poco/Util/ServerApplication.h>

namespace kituo::app {

class KituoApp : public Poco::Util::ServerApplication {
protected:
    int main(const std::vector<std::string>& args) override;
};

}  // namespace kituo::app
