#pragma once
// A value read by polgraph's JSON scanner as nlohmann::json, to compare the two readers (the unit
// test and the fuzz target): numbers that are unsigned integers stay integers, a repeated key
// keeps its last value, as nlohmann::json::parse does.
#include <string>

#include <nlohmann/json.hpp>

#include "store/json_scan.hpp"

namespace polgraph::test {

inline nlohmann::json to_nlohmann(const JsonValue& v) {
    switch (v.type()) {
    case JsonValue::Type::Null:
        return nullptr;
    case JsonValue::Type::Boolean:
        return v.boolean();
    case JsonValue::Type::Number:
        if (v.is_unsigned()) return v.unsigned_value();
        return v.number();
    case JsonValue::Type::String:
        return std::string(v.str());
    case JsonValue::Type::Array: {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& x : v.items()) a.push_back(to_nlohmann(x));
        return a;
    }
    case JsonValue::Type::Object: {
        nlohmann::json o = nlohmann::json::object();
        for (const auto& m : v.items()) o[std::string(m.key())] = to_nlohmann(m);
        return o;
    }
    }
    return nullptr;
}

} // namespace polgraph::test
