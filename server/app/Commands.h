// The `kituo` command line. Each returns a process exit code.
//   kituo [serve]                         run the server (KituoApp)
//   kituo migrate                         apply pending migrations
//   kituo seed-demo                       seed the demo station; needs KITUO_DEMO_PASSWORD
//   kituo create-admin USERNAME [CODE]    create an admin scoped to org unit CODE (default:
//                                         the national node), password read from stdin
//   kituo verify-audit [--checkpoint F]   seal pending events, verify the audit chain and its
//                                         signed head (and that it reaches every checkpoint in
//                                         F); non-zero naming the first broken event
//   kituo audit-checkpoint [FILE]         append a signed checkpoint of the chain head to FILE
//                                         (default audit.checkpointFile)
//   kituo check-templates                 compile every template
//   kituo routes                          print the route table: METHOD PATTERN PERMISSION
//                                         [upload], one route per line
//   kituo rotate-key --new-key-file PATH  move case data keys, second-factor secrets and the
//                                         audit chain to the master key in PATH (no note is
//                                         re-encrypted); safe to run again
//   kituo purge-expired [--date D]        destroy the keys and notes of closed counselling
//                                         cases past welfare.retentionDays
#pragma once

#include <string>
#include <vector>

namespace kituo::app {

int runCommand(const std::string& command, const std::vector<std::string>& args);
bool isCommand(const std::string& word);

}  // namespace kituo::app
