// Password rules: 12 to 128 characters counted as code points, not the username, not one
// character repeated.
#include "domain/PasswordRules.h"

#include <catch2/catch.hpp>

using namespace kituo::domain;

TEST_CASE("length is counted in characters, 12 to 128", "[unit]") {
    CHECK(passwordProblem("elevenchars", "u"));
    CHECK_FALSE(passwordProblem("twelve chars", "u"));
    CHECK_FALSE(passwordProblem(std::string(64, 'a') + "b", "u"));      // 64+ allowed
    CHECK_FALSE(passwordProblem(std::string(127, 'a') + "b", "u"));
    CHECK(passwordProblem(std::string(128, 'a') + "b", "u"));
    // 11 Kiswahili/accented characters are 11, even though they take more bytes.
    CHECK(passwordProblem("ñãõéíúàèìòù", "u"));
    CHECK_FALSE(passwordProblem("ñãõéíúàèìòùü", "u"));
}

TEST_CASE("the username and a repeated character are refused", "[unit]") {
    CHECK(passwordProblem("my-name-is-peter.otieno", "peter.otieno"));
    CHECK(passwordProblem("MY-NAME-IS-PETER.OTIENO", "peter.otieno"));
    CHECK(passwordProblem("aaaaaaaaaaaaaa", "u"));
    CHECK_FALSE(passwordProblem("correct horse battery", "peter"));
}
