// Account field rules; see AccountRules.h.
#include "domain/AccountRules.h"

#include "domain/PasswordRules.h"
#include "domain/Role.h"

namespace kituo::domain {

bool validUsername(const std::string& u) {
    if (u.size() < 2 || u.size() > 64) return false;
    if (!(u[0] >= 'a' && u[0] <= 'z')) return false;
    for (char c : u) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) {
            return false;
        }
    }
    return true;
}

std::map<std::string, std::string> accountFieldErrors(const std::string& username,
                                                      const std::string& displayName,
                                                      const std::string& roleName,
                                                      const std::string& orgUnitId,
                                                      bool checkUsername) {
    std::map<std::string, std::string> errors;
    if (checkUsername && !validUsername(username)) {
        errors["username"] = "Use 2 to 64 characters: lower-case letters, digits, '.', '_' or "
                             "'-', starting with a letter.";
    }
    const std::size_t nameLength = codePointCount(displayName);
    if (displayName.find_first_not_of(" \t") == std::string::npos) {
        errors["display_name"] = "Enter the person's name.";
    } else if (nameLength > 160) {
        errors["display_name"] = "Use at most 160 characters.";
    }
    if (!roleFromString(roleName)) errors["role"] = "Choose a role.";
    bool idOk = !orgUnitId.empty() && orgUnitId.size() < 19 &&
                orgUnitId.find_first_not_of("0123456789") == std::string::npos && orgUnitId != "0";
    if (!idOk) errors["org_unit_id"] = "Choose where in the organisation this account works.";
    return errors;
}

}  // namespace kituo::domain
