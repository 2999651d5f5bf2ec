#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace escbot::storage::copy {

/// How a PostgreSQL column takes a value copied from SQLite, by its type (format_type's text).
enum class PgKind { kInteger, kBoolean, kFloat, kText, kBytes, kUnsupported };

/// The kind of a PostgreSQL column type: "bigint", "integer", "smallint" are kInteger (with
/// their ranges), "text", "character varying(80)", "json"... kText, and so on.
PgKind PgKindOf(std::string_view pg_type);

/// One SQLite value as the file holds it (SQLite types values per row, not per column).
struct SqliteValue {
    enum class Type { kNull, kInteger, kFloat, kText, kBlob };
    Type type = Type::kNull;
    long long integer = 0;
    double real = 0;
    std::string bytes;  // kText (UTF-8) or kBlob
};

/// A value that cannot go into its PostgreSQL column. The message names the SQLite type and the
/// column's type, never the value (it may be personal data).
class ConversionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The text PostgreSQL parses into a column of `pg_type` for `value` (nullopt for NULL; the
/// column's NOT NULL, if any, is PostgreSQL's to enforce). Explicit and strict:
///   integer columns: SQLite integers within the type's range, and reals with an exact integral
///                    value; text or blobs are refused (SQLite's INTEGER affinity already turned
///                    numeric text into integers, so what is left is not a number);
///   boolean:         the integers 0 and 1 (SQLite's flags) as false and true;
///   float:           integers and reals, with every digit;
///   text:            text without NUL characters (PostgreSQL's text cannot hold them), integers
///                    and reals as SQLite itself prints them; blobs are refused;
///   bytea:           blobs and text, hex-encoded.
/// Throws ConversionError otherwise.
std::optional<std::string> ToPostgresText(const SqliteValue& value, std::string_view pg_type);

}  // namespace escbot::storage::copy
