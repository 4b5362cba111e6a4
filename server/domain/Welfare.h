// Confidential psychosocial support, pure: the fixed choices of a session record, the rules a
// case, a session and a break-glass request must meet, and who may reach a case. Nothing here
// reads the clock or the database.
//
// Who reaches a case (the one decision; WelfareStore enforces the same rule inside every
// query, so a page cannot forget it):
// - a counsellor assigned to the case;
// - a clinical supervisor who supervises one of the case's counsellors, or who holds a
//   break-glass grant for that case that has not expired;
// - nobody else, whatever their role (admins, HR, commanders and auditors included): to them
//   the case, its sessions and notes do not exist (404).
#pragma once

#include "domain/Officer.h"
#include "domain/Role.h"
#include "domain/TrainingCatalogue.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kituo::domain {

const std::vector<Choice>& sessionTypes();      // individual, group, family, debrief
const std::vector<Choice>& referralSources();   // self, commander, peer, critical_incident, medical
const std::vector<Choice>& concernCategories(); // trauma, stress, substance, family, financial, grief, suicidal, other
const std::vector<Choice>& riskLevels();        // none, low, moderate, high, imminent
const std::vector<Choice>& caseOutcomes();      // goals_met, referred_out, declined, left_service, other

// Minutes a break-glass grant lasts.
constexpr int kBreakGlassMinutes = 60;
// The longest process note accepted, in bytes.
constexpr std::size_t kMaxNoteBytes = 20000;

// Opening a case: the officer (by service number), and the consent the officer gave.
struct CaseInput {
    std::string serviceNumber;
    bool consent = false;          // the counsellor confirms the officer consented
    std::string consentReference;  // where the consent is recorded (form number, "verbal, witnessed by ...")
};
FieldErrors caseFieldErrors(const CaseInput& in);

// A session as typed in its form. Dates are read with parseDateInput (ISO or day first).
struct SessionInput {
    std::string heldOn, heldTime, durationMinutes, sessionType, referralSource;
    std::vector<std::string> concerns;
    std::string riskLevel, followUpOn, referralOutTo, referralOutReason, note;
};
// Field errors of a session recorded on `today`: held on a real date not after today, at a
// time HH:MM, 5 to 600 minutes, a type, a referral source, at least one concern, a risk level,
// a follow-up date (optional) not before the session, a reason when referred out, and a note of
// at most kMaxNoteBytes.
FieldErrors sessionFieldErrors(const SessionInput& in, const std::string& today);

// Closing a case: an outcome.
FieldErrors closeFieldErrors(const std::string& outcome);

// A break-glass request's reason: written out (at least 20 characters), at most 1,000.
std::optional<std::string> breakGlassReasonProblem(const std::string& reason);

enum class CaseAccess { None, Assigned, Supervising, BreakGlass };

// What the store found of the viewer's relation to one case.
struct CaseRelation {
    bool assigned = false;            // the viewer is one of its counsellors
    bool supervisesCounsellor = false; // the viewer supervises one of its counsellors
    bool liveBreakGlass = false;      // the viewer holds an unexpired grant for it
};

// How `role` reaches a case given `relation` (None: it does not exist for them).
CaseAccess caseAccess(Role role, const CaseRelation& relation);

// Who may use the counselling pages at all: isCounsellingRole (domain/Role.h).

// Retention: a closed case's notes are kept `retentionDays` days from its closing date
// (welfare.retentionDays, 2555 = 7 years by default), then destroyed with its data key by `kituo purge-expired`. Its
// session records (the first tier, which statistics count) are kept. An open case is never
// past retention, however old.
// The latest closing date whose case is past retention on `today` ("YYYY-MM-DD"): a case
// closed on or before it has been kept `retentionDays` full days.
std::string retentionCutoff(const std::string& today, int retentionDays);
// Whether a case with `status` ("open", "closed") closed on `closedOn` (empty while open) is
// past retention on `today`.
bool pastRetention(const std::string& status, const std::string& closedOn, int retentionDays, const std::string& today);

}  // namespace kituo::domain
