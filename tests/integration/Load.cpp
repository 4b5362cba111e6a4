// Load for the fault tests; see Load.h.
#include "Load.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

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
    return {org("KLM"), org("KLM-TRF"), queryValue(db, "SELECT rank_id FROM ranks WHERE code = 'CPL'"), org("CPH"),
            offering};
}

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
    return problems;
}

unsigned short freePort() {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    return socket.address().port();
}

}  // namespace kituo::test
