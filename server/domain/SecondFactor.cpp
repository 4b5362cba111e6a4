// Second-factor rules; see SecondFactor.h.
#include "domain/SecondFactor.h"

namespace kituo::domain {

bool requiresSecondFactor(Role role) {
    return role == Role::Counsellor || role == Role::ClinicalSupervisor || role == Role::Auditor ||
           role == Role::Admin;
}

}  // namespace kituo::domain
