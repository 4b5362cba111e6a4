// Splits a migration file into single SQL statements at top-level semicolons. Understands
// '...', "...", `...` with backslash and doubled-quote escapes, -- and # line comments and
// /* */ block comments. Comments are dropped; empty statements are skipped. DELIMITER
// (stored-procedure bodies) is deliberately unsupported: migrations stay plain DDL/DML.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kituo::domain {

std::vector<std::string> splitSqlStatements(std::string_view script);

}  // namespace kituo::domain
