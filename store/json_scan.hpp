#pragma once
/// A strict JSON (RFC 8259) scanner over bytes held in memory, for the files polgraph reads back at
/// scale (a node-link graph of 10^5 articles is gigabytes). The caller walks the outer structure
/// itself (open_object, next_member, open_array, next_item) and parses each element into a small
/// tree (JsonDoc) that it drops before the next one, so memory holds one element, never the
/// document. Strings without escapes point into the input; nothing is copied per character.
///
/// What it accepts is what nlohmann::json accepts (tests/core/json_scan_test.cpp compares the two):
/// UTF-8 checked per Unicode's table 3-7, escapes and surrogate pairs, numbers by the JSON grammar
/// (integers that fit 64 bits read as integers, so -0 is 0; a number beyond double is an error), a
/// leading byte-order mark skipped, nothing but whitespace after the value.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace polgraph {

/// Text that is not JSON. what() is "line L, column C: reason" (columns count bytes from 1).
class JsonSyntaxError : public Error {
public:
    using Error::Error;
};

/// A value nested deeper than the scanner's limit (checked before recursing, so deep input cannot
/// exhaust the stack).
class JsonDepthError : public Error {
public:
    using Error::Error;
};

class JsonDoc;

/// One parsed value. Owned by the JsonDoc it was parsed into and valid until that doc is cleared;
/// string views point into the scanned text or into the doc.
class JsonValue {
public:
    enum class Type : std::uint8_t { Null, Boolean, Number, String, Array, Object };

    Type type() const { return type_; }
    bool is_null() const { return type_ == Type::Null; }
    bool is_boolean() const { return type_ == Type::Boolean; }
    bool is_number() const { return type_ == Type::Number; }
    bool is_string() const { return type_ == Type::String; }
    bool is_array() const { return type_ == Type::Array; }
    bool is_object() const { return type_ == Type::Object; }

    bool boolean() const { return boolean_; }
    double number() const { return number_; }
    /// A number written as a non-negative integer that fits 64 bits (nlohmann's "unsigned").
    bool is_unsigned() const { return type_ == Type::Number && unsigned_; }
    std::uint64_t unsigned_value() const { return uint_; }
    std::string_view str() const { return str_; }
    /// The elements of an array, or the members of an object (each with its key()); empty
    /// otherwise.
    std::span<const JsonValue> items() const;
    /// The member's key, when this value is a member of an object.
    std::string_view key() const { return key_; }
    /// The member of an object with this key (the last one, when a key repeats), or nullptr.
    const JsonValue* find(std::string_view key) const;

private:
    friend class JsonScanner;
    Type type_ = Type::Null;
    bool boolean_ = false;
    bool unsigned_ = false;
    std::uint32_t count_ = 0;
    std::uint64_t uint_ = 0;
    std::size_t first_ = 0;
    double number_ = 0;
    std::string_view str_;
    std::string_view key_;
    const std::vector<JsonValue>* pool_ = nullptr;
};

/// Storage for parsed values; reuse one across elements (clear() keeps its capacity).
class JsonDoc {
public:
    void clear() {
        values_.clear();
        stack_.clear();
        decoded_.clear();
    }

private:
    friend class JsonScanner;
    std::vector<JsonValue> values_;   ///< children of every container, each container's contiguous
    std::vector<JsonValue> stack_;    ///< values whose container is still open
    std::deque<std::string> decoded_; ///< strings that had escapes (a deque: views stay valid)
    JsonValue root_;
};

/// Walks JSON text. Not thread-safe; the text must outlive the scanner and the values it parses.
/// Every method throws JsonSyntaxError at the first byte that cannot be JSON.
class JsonScanner {
public:
    /// `max_depth`: containers may nest this deep below the outermost value (depth 0).
    JsonScanner(std::string_view text, int max_depth);

    /// Skips a UTF-8 byte-order mark and whitespace; the first byte of the next value, or '\0' at
    /// the end of the text.
    char start();
    /// The next non-whitespace byte without consuming it ('\0' at the end).
    char peek();
    /// After the last value: only whitespace may follow.
    void finish();

    /// Parses one whole value at nesting depth `depth` into `doc` (cleared first).
    const JsonValue& parse(JsonDoc& doc, int depth);

    /// Consumes '{' of an object whose members the caller walks with next_member.
    void open_object();
    /// Before each member: false at the closing '}', else reads the key and ':' into `key` (which
    /// then points into the text or into `scratch`).
    bool next_member(std::string_view& key, std::string& scratch);
    /// Consumes '[' of an array whose elements the caller walks with next_item.
    void open_array();
    /// Before each element: false at the closing ']'.
    bool next_item();

    /// Byte offset of the next unread byte; seek() returns to an offset read earlier.
    std::size_t offset() const { return pos_; }
    void seek(std::size_t offset) {
        pos_ = offset;
        after_open_ = false;
    }

    [[noreturn]] void fail(const char* reason) const;

private:
    void skip_ws();
    JsonValue parse_value(JsonDoc& doc, int depth);
    /// At the opening quote. A string with escapes is decoded into a new string of `doc`, or into
    /// `*scratch` when `doc` is null.
    std::string_view parse_string(JsonDoc* doc, std::string* scratch);
    void decode_escape(std::string& out);
    unsigned hex4();
    void parse_number(JsonValue& v);
    void literal(std::string_view word);
    void expect(char c, const char* reason);
    static void close_container(JsonDoc& doc, JsonValue& v, std::size_t first_on_stack);

    std::string_view text_;
    std::size_t pos_ = 0;
    int max_depth_;
    bool after_open_ = false; ///< just past '{' or '[' walked by the caller: no ',' before the next
};

} // namespace polgraph
