// Load for the fault tests; see Load.h.
#include "Load.h"

#include "domain/Time.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include <ctime>
#include <iomanip>
#include <random>
#include <sstream>
#include <thread>

namespace kituo::test {

LoadSession signInForLoad(TestServer& server, const std::string& username) {
    Browser b(server);
    if (b.login(username).status != 303) throw std::runtime_error("sign-in failed for " + username);
    b.get("/officers/new");
    return {std::string("kituo_session=") + b.cookie("kituo_session"), b.csrf()};
}

LoadSession signInCommanderForLoad(TestServer& server, LoadTargets& targets, int reservists) {
    Browser b(server);
    if (b.login("commander").status != 303) throw std::runtime_error("sign-in failed for commander");
    targets.commanderId = queryValue(server.db(), "SELECT user_id FROM users WHERE username = 'commander'");
    targets.reservists = queryColumn(
        server.db(), "SELECT r.reservist_id FROM reservists r JOIN org_units st ON st.org_unit_id = r.station_id "
                     "WHERE st.code = 'KLM' AND r.status = 'active' ORDER BY r.reservist_id LIMIT " +
                         std::to_string(reservists));
    if (static_cast<int>(targets.reservists.size()) < reservists) throw std::runtime_error("too few reservists");
    for (const auto& r : targets.reservists) {
        b.get("/reservists/" + r);
        if (b.post("/reservists/" + r + "/pin", {{"pin", "2468"}, {"pin_again", "2468"}}).status != 303) {
            throw std::runtime_error("could not set the handover PIN of reservist " + r);
        }
    }
    b.get("/reservists/firearms");
    return {std::string("kituo_session=") + b.cookie("kituo_session"), b.csrf()};
}

void LoadTally::record(int status) {
    std::lock_guard<std::mutex> g(lock);
    statuses.push_back(status);
    times.push_back(std::chrono::steady_clock::now());
}

void LoadTally::acknowledge(std::set<std::string>& which, const std::string& number) {
    std::lock_guard<std::mutex> g(lock);
    which.insert(number);
}

int LoadTally::count(int status) { return countFrom(status, status); }

int LoadTally::countFrom(int lowest, int highest) {
    std::lock_guard<std::mutex> g(lock);
    int n = 0;
    for (int s : statuses) n += s >= lowest && s <= highest;
    return n;
}

namespace {

struct Answer {
    int status = 0;
    std::string location;
    std::string body;
};

// One keep-alive connection; reconnects after a failure.
class Connection {
public:
    Connection(unsigned short port, const LoadSession& session) : _port(port), _session(session) {}

    Answer send(const std::string& method, const std::string& path, const std::string& body = "",
                const std::string& contentType = "application/x-www-form-urlencoded") {
        Answer a;
        try {
            if (!_http) {
                _http = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", _port);
                _http->setKeepAlive(true);
                _http->setTimeout(Poco::Timespan(20, 0));
            }
            Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
            req.setKeepAlive(true);
            req.set("Cookie", _session.cookie);
            if (method == "POST") {
                req.setContentType(contentType);
                req.setContentLength64(static_cast<Poco::Int64>(body.size()));
            }
            _http->sendRequest(req) << body;
            Poco::Net::HTTPResponse res;
            std::istream& in = _http->receiveResponse(res);
            std::ostringstream content;
            Poco::StreamCopier::copyStream(in, content);
            a.status = res.getStatus();
            a.location = res.get("Location", "");
            a.body = content.str();
        } catch (const Poco::Exception&) {
            _http.reset();  // no answer: status 0, and a new connection next time
        }
        return a;
    }

    const std::string& csrf() const { return _session.csrf; }

    Answer post(const std::string& path, std::map<std::string, std::string> fields) {
        fields["csrf_token"] = _session.csrf;
        return send("POST", path, formEncode(fields));
    }

    // A multipart/form-data form with one CSV file (field "file").
    Answer upload(const std::string& path, const std::string& csv) {
        const std::string b = "KituoLoadBoundary7d1f";
        const std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" +
                                 _session.csrf + "\r\n--" + b +
                                 "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"load.csv\"\r\n"
                                 "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + b + "--\r\n";
        return send("POST", path, body, "multipart/form-data; boundary=" + b);
    }

private:
    unsigned short _port;
    const LoadSession& _session;
    std::unique_ptr<Poco::Net::HTTPClientSession> _http;
};

std::map<std::string, std::string> newOfficerForm(const std::string& number, const std::string& station,
                                                  const std::string& unit, const std::string& rank) {
    return {{"service_number", number}, {"surname", "Load"}, {"other_names", "Officer " + number},
            {"national_id", "3" + number.substr(1)}, {"gender", "F"}, {"date_of_birth", "1996-02-14"},
            {"enlistment_date", "2018-09-03"}, {"service", "KPS"}, {"rank_id", rank},
            {"rank_since", "2023-01-09"}, {"status", "active"}, {"status_since", "2018-09-03"},
            {"phone", ""}, {"station_id", station}, {"unit_id", unit},
            {"posted_since", "2018-09-03"}, {"reference", "PO/LOAD/" + number}};
}

std::string serviceNumber(const LoadOptions& o, int worker, int sequence) {
    std::ostringstream n;
    n << o.numberPrefix << std::setw(2) << std::setfill('0') << worker << std::setw(4) << sequence;
    return n.str();
}

// Creates an officer and, once that is acknowledged, transfers them; returns the officer's id
// (empty when the creation was not acknowledged).
std::string createAndTransfer(Connection& c, const LoadTargets& t, const std::string& number, LoadTally& tally) {
    const auto created = c.post("/officers/new", newOfficerForm(number, t.station, t.unit, t.rank));
    tally.record(created.status);
    if (created.status != 303) return "";
    tally.acknowledge(tally.created, number);
    const std::string profile = created.location;
    const std::string id = profile.substr(profile.rfind('/') + 1);
    const auto page = c.send("GET", profile);
    tally.record(page.status);
    const std::string version = inputValue(page.body, "version");
    if (page.status != 200 || version.empty()) return id;
    const auto moved = c.post(profile + "/postings", {{"station_id", t.transferTo},
                                                      {"from_date", kToday},
                                                      {"reference", "FT/" + number},
                                                      {"version", version}});
    tally.record(moved.status);
    if (moved.status == 303) tally.acknowledge(tally.transferred, number);
    return id;
}

// Enrols officers in the course, all in one request.
void enrol(Connection& c, const LoadTargets& t, const std::vector<std::string>& officerIds, LoadTally& tally) {
    {
        std::lock_guard<std::mutex> g(tally.lock);
        tally.enrolments.push_back(officerIds);
    }
    std::string body = "csrf_token=" + c.csrf();
    for (const auto& id : officerIds) body += "&officer_id=" + id;
    const auto answer = c.send("POST", "/training/offerings/" + t.offering + "/enrolments", body);
    tally.record(answer.status);
    if (answer.status == 303) {
        for (const auto& id : officerIds) tally.acknowledge(tally.enrolled, id);
    }
}

// Imports a file of new officers: upload, then commit from the preview.
void importFile(Connection& c, const std::vector<std::string>& numbers, LoadTally& tally) {
    std::string csv = "service_number,surname,other_names,national_id,gender,date_of_birth,enlistment_date,service,"
                      "rank,rank_since,status,status_since,phone,station_code,unit_code,posted_since\r\n";
    for (const auto& n : numbers) {
        csv += n + ",Import,Officer " + n + ",3" + n.substr(1) +
               ",M,1995-03-01,2017-01-09,KPS,CPL,2022-01-01,active,2017-01-09,,KLM,KLM-TRF,2017-01-09\r\n";
    }
    {
        std::lock_guard<std::mutex> g(tally.lock);
        tally.importFiles.push_back(numbers);
    }
    const auto preview = c.upload("/officers/import", csv);
    tally.record(preview.status);
    const auto at = preview.body.find("/officers/import/");
    const auto end = preview.body.find("/commit", at);
    if (preview.status != 200 || at == std::string::npos || end == std::string::npos) return;
    const auto committed = c.post(preview.body.substr(at, end - at) + "/commit", {});
    tally.record(committed.status);
    if (committed.status == 303) {
        for (const auto& n : numbers) tally.acknowledge(tally.created, n);
    }
}

// A new open-ended duty for `reservist` from `start`: it ends the one in progress then.
void assignDuty(Connection& c, const LoadTargets& t, const std::string& reservist, std::int64_t start,
                LoadTally& tally) {
    const auto answer = c.post("/reservists/" + reservist + "/assignments",
                               {{"commander_id", t.commanderId}, {"station_id", t.station},
                                {"area_county", "Nairobi"}, {"area_sub_county", "Dagoretti North"},
                                {"area_ward", "Kilimani"}, {"area_location", "Load Centre"},
                                {"role", "patrol"}, {"note", ""},
                                {"starts_at", domain::formatEatInput(start)}, {"ends_at", ""}});
    tally.record(answer.status);
    if (answer.status == 303) {
        std::lock_guard<std::mutex> g(tally.lock);
        tally.duties.insert({reservist, domain::formatUtc(start)});
    }
}

// Issues a kit to `reservist` at the counter (their PIN) and, once that is acknowledged, takes
// it back in full.
void issueAndReturn(Connection& c, const std::string& reservist, const std::string& serial, LoadTally& tally) {
    const auto issued = c.post("/reservists/firearms",
                               {{"reservist_id", reservist}, {"serial", serial}, {"firearm_type", "rifle"},
                                {"magazines", "2"}, {"rounds", "60"},
                                {"expected_return_at", domain::formatEatInput(std::time(nullptr) + 12 * 3600)},
                                {"pin", "2468"}});
    tally.record(issued.status);
    if (issued.status != 303) return;
    tally.acknowledge(tally.issued, serial);
    const auto page = c.send("GET", issued.location);
    tally.record(page.status);
    const std::string version = inputValue(page.body, "version");
    if (page.status != 200 || version.empty()) return;
    const auto back = c.post(issued.location + "/return",
                             {{"version", version}, {"magazines_returned", "2"}, {"rounds_returned", "60"}, {"note", ""}});
    tally.record(back.status);
    if (back.status == 303) tally.acknowledge(tally.returned, serial);
}

void reserveWorker(int id, const LoadOptions& o, LoadTally& tally, const std::atomic<bool>& stop) {
    const LoadTargets& t = o.targets;
    const std::string& reservist = t.reservists.at(static_cast<std::size_t>(id));
    Connection c(o.port, *o.commander);
    std::mt19937 rng(static_cast<unsigned>(id) * 104729u + 3u);
    const auto end = std::chrono::steady_clock::now() + o.duration;
    // Duties from 90 days ahead (after any the demo planned), an hour apart; serials unique to
    // the run and the connection.
    const std::int64_t firstStart = (std::time(nullptr) / 3600 + 90 * 24) * 3600;
    int sequence = 0;
    while (!stop && std::chrono::steady_clock::now() < end) {
        if (static_cast<int>(rng() % static_cast<unsigned>(o.writeEvery)) != 0) {
            tally.record(c.send("GET", rng() % 2 ? "/reservists/deployments" : "/reservists/" + reservist).status);
        } else if (++sequence % 2 == 0) {
            assignDuty(c, t, reservist, firstStart + sequence * 3600, tally);
        } else {
            issueAndReturn(c, reservist, "LD" + o.numberPrefix + "-" + std::to_string(id) + "-" + std::to_string(sequence),
                           tally);
        }
    }
}

void worker(int id, const LoadOptions& o, const LoadSession& session, LoadTally& tally, const std::atomic<bool>& stop) {
    const LoadTargets& t = o.targets;
    Connection c(o.port, session);
    std::mt19937 rng(static_cast<unsigned>(id) * 7919u + 17u);
    const auto end = std::chrono::steady_clock::now() + o.duration;
    int sequence = 0, writes = 0;
    std::vector<std::string> mine;  // officers this worker created, not yet enrolled
    while (!stop && std::chrono::steady_clock::now() < end) {
        if (static_cast<int>(rng() % static_cast<unsigned>(o.writeEvery)) != 0) {
            const std::string page = rng() % 2 ? "/officers?page=" + std::to_string(1 + rng() % 3)
                                                : "/officers?q=Load&station=" + t.station;
            tally.record(c.send("GET", page).status);
        } else if (++writes % 16 == 0) {
            std::vector<std::string> numbers;
            for (int i = 0; i < 10; ++i) numbers.push_back(serviceNumber(o, id, sequence++));
            importFile(c, numbers, tally);
        } else if (writes % 16 == 8 && mine.size() >= 3) {
            enrol(c, t, {mine.end() - 3, mine.end()}, tally);
            mine.clear();
        } else {
            const std::string officer = createAndTransfer(c, t, serviceNumber(o, id, sequence++), tally);
            if (!officer.empty()) mine.push_back(officer);
        }
    }
}

}  // namespace

void runLoad(const LoadOptions& options, const std::vector<LoadSession>& sessions, LoadTally& tally,
             const std::atomic<bool>& stop) {
    std::vector<std::thread> threads;
    for (int i = 0; i < options.connections; ++i) {
        if (options.commander && i < options.reserveConnections) {
            threads.emplace_back(reserveWorker, i, std::cref(options), std::ref(tally), std::cref(stop));
            continue;
        }
        threads.emplace_back(worker, i, std::cref(options), std::cref(sessions[i % sessions.size()]), std::ref(tally),
                             std::cref(stop));
    }
    for (auto& t : threads) t.join();
}

LoadTargets loadTargets(store::Db& db) {
    auto org = [&](const std::string& code) {
        return queryValue(db, "SELECT org_unit_id FROM org_units WHERE code = '" + code + "'");
    };
    const std::string offering = queryValue(
        db, "SELECT MIN(training_offering_id) FROM training_offerings WHERE starts_on > '" + std::string(kToday) + "'");
    execute(db, "UPDATE training_offerings SET capacity = 60000 WHERE training_offering_id = " + offering);
    LoadTargets t;
    t.station = org("KLM");
    t.unit = org("KLM-TRF");
    t.rank = queryValue(db, "SELECT rank_id FROM ranks WHERE code = 'CPL'");
    t.transferTo = org("CPH");
    t.offering = offering;
    return t;
}

namespace {

void checkReserve(store::Db& db, LoadTally& tally, std::vector<std::string>& problems) {
    for (const auto& [reservist, start] : tally.duties) {
        if (queryInt(db, "SELECT COUNT(*) FROM reservist_assignments WHERE status = 'active' AND reservist_id = " +
                             reservist + " AND starts_at = '" + start + "'") != 1) {
            problems.push_back("acknowledged duty lost: reservist " + reservist + " from " + start);
        }
    }
    for (const auto& r : queryColumn(db, "SELECT DISTINCT a.reservist_id FROM reservist_assignments a JOIN "
                                         "reservist_assignments b ON b.reservist_id = a.reservist_id AND "
                                         "b.reservist_assignment_id > a.reservist_assignment_id AND b.status = 'active' "
                                         "WHERE a.status = 'active' AND (a.ends_at IS NULL OR a.ends_at > b.starts_at) "
                                         "AND (b.ends_at IS NULL OR b.ends_at > a.starts_at)")) {
        problems.push_back("two overlapping duties (a reassignment half applied): reservist " + r);
    }
    for (const auto& serial : tally.issued) {
        const bool back = tally.returned.count(serial) > 0;
        if (queryInt(db, "SELECT COUNT(*) FROM firearm_issues WHERE serial = '" + serial + "'" +
                             (back ? " AND returned_at IS NOT NULL AND rounds_returned = 60" : "")) != 1) {
            problems.push_back(std::string("acknowledged firearm ") + (back ? "return" : "issue") + " lost: " + serial);
        }
    }
    for (const auto& serial : queryColumn(db, "SELECT serial FROM firearm_issues WHERE returned_at IS NULL "
                                              "GROUP BY serial HAVING COUNT(*) > 1")) {
        problems.push_back("firearm out twice: " + serial);
    }
}

}  // namespace

std::vector<std::string> checkAcknowledged(store::Db& db, LoadTally& tally, const LoadTargets& targets) {
    const std::string& transferTo = targets.transferTo;
    std::vector<std::string> problems;
    const auto present = queryColumn(db, "SELECT service_number FROM officers");
    const std::set<std::string> have(present.begin(), present.end());
    for (const auto& n : tally.created) {
        if (!have.count(n)) problems.push_back("acknowledged creation lost: " + n);
    }
    for (const auto& file : tally.importFiles) {
        std::size_t present = 0;
        for (const auto& n : file) present += have.count(n);
        if (present != 0 && present != file.size()) {
            problems.push_back("import half applied: " + std::to_string(present) + " of " + std::to_string(file.size()) +
                               " rows from " + file.front());
        }
    }
    for (const auto& ids : tally.enrolments) {
        std::string list;
        for (const auto& id : ids) list += (list.empty() ? "" : ",") + id;
        const int in = queryInt(db, "SELECT COUNT(*) FROM training_enrolments WHERE status = 'enrolled' AND "
                                    "training_offering_id = " + targets.offering + " AND officer_id IN (" + list + ")");
        if (in != 0 && in != static_cast<int>(ids.size())) problems.push_back("enrolment half applied: " + list);
        for (const auto& id : ids) {
            if (tally.enrolled.count(id) && in == 0) problems.push_back("acknowledged enrolment lost: " + id);
        }
    }
    if (queryInt(db, "SELECT o.enrolled - (SELECT COUNT(*) FROM training_enrolments e WHERE e.training_offering_id = "
                     "o.training_offering_id AND e.status = 'enrolled') FROM training_offerings o WHERE "
                     "o.training_offering_id = " + targets.offering) != 0) {
        problems.push_back("the course's places taken differ from its enrolments");
    }
    for (const auto& n : tally.transferred) {
        if (queryInt(db, "SELECT COUNT(*) FROM officers o JOIN postings p ON p.officer_id = o.officer_id AND p.to_date "
                         "IS NULL WHERE o.service_number = '" + n + "' AND o.station_id = " + transferTo +
                             " AND p.station_id = " + transferTo + " AND p.reference = 'FT/" + n + "'") != 1) {
            problems.push_back("acknowledged transfer lost or half applied: " + n);
        }
    }
    for (const auto& n : queryColumn(db, "SELECT o.service_number FROM officers o LEFT JOIN postings p ON "
                                         "p.officer_id = o.officer_id AND p.to_date IS NULL GROUP BY o.officer_id, "
                                         "o.service_number HAVING COUNT(p.posting_id) <> 1")) {
        problems.push_back("officer without exactly one open posting: " + n);
    }
    for (const auto& n : queryColumn(db, "SELECT o.service_number FROM officers o JOIN postings p ON p.officer_id = "
                                         "o.officer_id AND p.to_date IS NULL WHERE p.station_id <> o.station_id")) {
        problems.push_back("officer's station and open posting disagree: " + n);
    }
    checkReserve(db, tally, problems);
    return problems;
}

unsigned short freePort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

}  // namespace kituo::test
