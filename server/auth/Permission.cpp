// Permission names, for logs and the route listing.
#include "auth/Permission.h"

namespace kituo::auth {

std::string toString(Permission p) {
    switch (p) {
        case Permission::Public: return "public";
    }
    return "unknown";
}

}  // namespace kituo::auth
