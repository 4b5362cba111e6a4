// The `kituo` command line: `kituo [serve]`, `kituo migrate`, `kituo seed-demo`,
// `kituo check-templates`. Each returns a process exit code.
#pragma once

#include <string>
#include <vector>

namespace kituo::app {

int runCommand(const std::string& command, const std::vector<std::string>& args);
bool isCommand(const std::string& word);

}  // namespace kituo::app
