// Errors that cross layers. Every layer throws these; the HTTP dispatcher maps them to a
// status in one place (Validation->400, NotFound->404, Forbidden->403, Conflict->409,
// TooLarge->413, Unavailable->503). Messages are shown to users, so they never carry SQL,
// stack traces or confidential content.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

namespace kituo::domain {

class KituoError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A request that cannot be understood at all (malformed encoding, bad syntax).
class BadRequest : public KituoError {
public:
    using KituoError::KituoError;
};

// A form whose values break a rule; fieldErrors maps a field name to its message.
class ValidationError : public KituoError {
public:
    using FieldErrors = std::map<std::string, std::string>;
    explicit ValidationError(FieldErrors fieldErrors,
                             const std::string& message = "Please correct the marked fields.")
        : KituoError(message), _fieldErrors(std::move(fieldErrors)) {}
    // One field's error.
    ValidationError(const std::string& field, const std::string& fieldMessage)
        : ValidationError(FieldErrors{{field, fieldMessage}}) {}
    const std::map<std::string, std::string>& fieldErrors() const { return _fieldErrors; }

private:
    std::map<std::string, std::string> _fieldErrors;
};

class NotFound : public KituoError {
public:
    using KituoError::KituoError;
};

class Forbidden : public KituoError {
public:
    using KituoError::KituoError;
};

class Conflict : public KituoError {
public:
    using KituoError::KituoError;
};

class TooLarge : public KituoError {
public:
    using KituoError::KituoError;
};

// The database (or another dependency) does not answer; the request may succeed later.
class Unavailable : public KituoError {
public:
    using KituoError::KituoError;
};

}  // namespace kituo::domain
