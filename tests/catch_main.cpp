// Catch2's main(), alone in this file so it compiles once.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
