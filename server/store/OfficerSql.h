// SQL shared by the nominal roll's stores (OfficerStore, PostingStore, OfficerImportStore):
// the officer SELECT and its reader, and the officer columns with their binding, all walked
// from domain::officerFields() so that a field is declared once. Store-internal.
#pragma once

#include "domain/Errors.h"
#include "domain/Officer.h"
#include "store/Connection.h"
#include "store/OfficerStore.h"

#include <string>

namespace kituo::store::officer_sql {

// "o.service_number, o.surname, ..." in officerFields() order.
inline const std::string& fieldColumns(const std::string& prefix = "o.") {
    static const std::string plain = [] {
        std::string s;
        for (const auto& f : domain::officerFields()) s += std::string(s.empty() ? "" : ", ") + f.column;
        return s;
    }();
    static const std::string prefixed = [] {
        std::string s;
        for (const auto& f : domain::officerFields()) s += std::string(s.empty() ? "" : ", ") + "o." + f.column;
        return s;
    }();
    return prefix.empty() ? plain : prefixed;
}

// The fields that change after creation: "surname = ?, other_names = ?, ...".
inline const std::string& editableAssignments() {
    static const std::string s = [] {
        std::string out;
        for (const auto& f : domain::officerFields()) {
            if (std::string(f.name) == "service_number") continue;
            out += std::string(out.empty() ? "" : ", ") + f.column + " = ?";
        }
        return out;
    }();
    return s;
}

// Binds the fields from position `first` (every field, or all but the service number);
// returns the next position.
inline int bindFields(sql::PreparedStatement& st, int first, const domain::OfficerInput& in, bool withKey) {
    int i = first;
    for (const auto& f : domain::officerFields()) {
        if (!withKey && std::string(f.name) == "service_number") continue;
        if (f.text) st.setString(i++, in.*f.text);
        else st.setInt64(i++, in.rankId);
    }
    return i;
}

// The officer with rank, station, unit and open posting: fields first, then the rest.
inline const std::string& select() {
    static const std::string s =
        "SELECT " + fieldColumns() +
        ", o.officer_id, r.name AS rank_name, r.ordinal AS rank_ordinal, o.station_id, "
        "st.name AS station_name, st.code AS station_code, o.unit_id, un.name AS unit_name, "
        "un.code AS unit_code, p.from_date AS posted_since, o.version "
        "FROM officers o JOIN ranks r ON r.rank_id = o.rank_id "
        "JOIN org_units st ON st.org_unit_id = o.station_id "
        "LEFT JOIN org_units un ON un.org_unit_id = o.unit_id "
        "LEFT JOIN postings p ON p.officer_id = o.officer_id AND p.open_marker = 1 ";
    return s;
}

// Reads a row of select() by position (by-name lookups cost more than the query).
inline OfficerRecord read(sql::ResultSet& rs) {
    auto text = [&](int i) { return rs.isNull(i) ? std::string() : std::string(rs.getString(i)); };
    OfficerRecord o;
    int i = 1;
    for (const auto& f : domain::officerFields()) {
        if (f.text) o.fields.*f.text = text(i++);
        else o.fields.rankId = rs.getInt64(i++);
    }
    o.id = rs.getInt64(i++);
    o.rankName = text(i++);
    o.rankOrdinal = rs.getInt(i++);
    o.stationId = rs.getInt64(i++);
    o.stationName = text(i++);
    o.stationCode = text(i++);
    if (!rs.isNull(i)) o.unitId = rs.getInt64(i);
    ++i;
    o.unitName = text(i++);
    o.unitCode = text(i++);
    o.postedSince = text(i++);
    o.version = rs.getInt(i++);
    return o;
}

// A duplicate key as the field it concerns; anything else rethrown.
[[noreturn]] inline void rethrowDuplicate(const sql::SQLException& e) {
    const std::string what = e.what();
    if (e.getErrorCode() == 1062 && what.find("national_id") != std::string::npos) {
        throw domain::ValidationError("national_id", "Another officer already has this national ID number.");
    }
    if (e.getErrorCode() == 1062) {
        throw domain::ValidationError("service_number", "Another officer already has this service number.");
    }
    throw e;
}

inline std::int64_t lastInsertId(Connection& c) {
    std::unique_ptr<sql::ResultSet> rs(c.prepare("SELECT LAST_INSERT_ID()").executeQuery());
    rs->next();
    return rs->getInt64(1);
}

}  // namespace kituo::store::officer_sql
