// What an account's fields must be. Pure; returns per-field messages for the form.
#pragma once

#include <map>
#include <string>

namespace kituo::domain {

// Usernames: 2 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter.
bool validUsername(const std::string& username);

// Field errors for an account form (empty when valid). roleName is the stored role name;
// orgUnitId must be a positive number.
std::map<std::string, std::string> accountFieldErrors(const std::string& username,
                                                      const std::string& displayName,
                                                      const std::string& roleName,
                                                      const std::string& orgUnitId,
                                                      bool checkUsername);

}  // namespace kituo::domain
