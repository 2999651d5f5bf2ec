#include "storage/copy/value_conversion.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace escbot::storage::copy {
namespace {

std::string_view TypeName(SqliteValue::Type type) {
    switch (type) {
        case SqliteValue::Type::kNull: return "NULL";
        case SqliteValue::Type::kInteger: return "INTEGER";
        case SqliteValue::Type::kFloat: return "REAL";
        case SqliteValue::Type::kText: return "TEXT";
        case SqliteValue::Type::kBlob: return "BLOB";
    }
    return "?";
}

[[noreturn]] void Refuse(const SqliteValue& value, std::string_view pg_type, std::string_view why) {
    throw ConversionError("a SQLite " + std::string(TypeName(value.type)) + " value cannot go into a " +
                          std::string(pg_type) + " column" + (why.empty() ? "" : ": ") +
                          std::string(why));
}

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// The range of an integer type, or nullopt when `pg_type` is not one.
struct Range {
    long long min;
    long long max;
};
std::optional<Range> IntegerRange(std::string_view pg_type) {
    if (pg_type == "bigint") {
        return Range{std::numeric_limits<long long>::min(), std::numeric_limits<long long>::max()};
    }
    if (pg_type == "integer") return Range{-2147483648LL, 2147483647LL};
    if (pg_type == "smallint") return Range{-32768, 32767};
    return std::nullopt;
}

// Every digit of a real, as SQLite would keep it (17 significant digits round-trip a double).
std::string RealText(double real) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", real);
    return buffer;
}

std::string Hex(std::string_view bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out = "\\x";
    out.reserve(2 + bytes.size() * 2);
    for (const unsigned char c : bytes) {
        out += kDigits[c >> 4];
        out += kDigits[c & 0xf];
    }
    return out;
}

std::string ToInteger(const SqliteValue& value, std::string_view pg_type, Range range) {
    long long integer = 0;
    if (value.type == SqliteValue::Type::kInteger) {
        integer = value.integer;
    } else if (value.type == SqliteValue::Type::kFloat) {
        // 2^63 is exactly representable; anything at or past it does not fit.
        if (!std::isfinite(value.real) || std::trunc(value.real) != value.real ||
            value.real >= 9223372036854775808.0 || value.real < -9223372036854775808.0) {
            Refuse(value, pg_type, "it is not a whole number");
        }
        integer = static_cast<long long>(value.real);
    } else {
        Refuse(value, pg_type, "it is not a number");
    }
    if (integer < range.min || integer > range.max) Refuse(value, pg_type, "out of range");
    return std::to_string(integer);
}

}  // namespace

PgKind PgKindOf(std::string_view pg_type) {
    if (IntegerRange(pg_type)) return PgKind::kInteger;
    if (pg_type == "boolean") return PgKind::kBoolean;
    if (pg_type == "double precision" || pg_type == "real" || StartsWith(pg_type, "numeric")) {
        return PgKind::kFloat;
    }
    if (pg_type == "text" || pg_type == "json" || pg_type == "jsonb" ||
        StartsWith(pg_type, "character")) {  // character(n), character varying(n)
        return PgKind::kText;
    }
    if (pg_type == "bytea") return PgKind::kBytes;
    return PgKind::kUnsupported;
}

std::optional<std::string> ToPostgresText(const SqliteValue& value, std::string_view pg_type) {
    if (value.type == SqliteValue::Type::kNull) return std::nullopt;
    switch (PgKindOf(pg_type)) {
        case PgKind::kInteger:
            return ToInteger(value, pg_type, *IntegerRange(pg_type));
        case PgKind::kBoolean:
            if (value.type == SqliteValue::Type::kInteger && (value.integer == 0 || value.integer == 1)) {
                return value.integer == 1 ? "true" : "false";
            }
            Refuse(value, pg_type, "only the integers 0 and 1 are flags");
        case PgKind::kFloat:
            if (value.type == SqliteValue::Type::kInteger) return std::to_string(value.integer);
            if (value.type == SqliteValue::Type::kFloat) return RealText(value.real);
            Refuse(value, pg_type, "it is not a number");
        case PgKind::kText:
            if (value.type == SqliteValue::Type::kInteger) return std::to_string(value.integer);
            if (value.type == SqliteValue::Type::kFloat) return RealText(value.real);
            if (value.type == SqliteValue::Type::kBlob) Refuse(value, pg_type, "");
            if (value.bytes.find('\0') != std::string::npos) {
                Refuse(value, pg_type, "it holds a NUL character");
            }
            return value.bytes;
        case PgKind::kBytes:
            if (value.type == SqliteValue::Type::kBlob || value.type == SqliteValue::Type::kText) {
                return Hex(value.bytes);
            }
            Refuse(value, pg_type, "");
        case PgKind::kUnsupported:
            break;
    }
    Refuse(value, pg_type, "the copy does not know that PostgreSQL type");
}

}  // namespace escbot::storage::copy
