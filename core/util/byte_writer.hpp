#pragma once
/// ByteWriter: appends fixed-size values (host byte order) and length-prefixed strings to a
/// buffer. Shared by the graph snapshot (store/graph_snapshot.cpp) and packed records
/// (core/record_pack.cpp), which read the buffer back with their own readers.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace polgraph {

class ByteWriter {
public:
    template <class T> void pod(T v) {
        char b[sizeof(T)];
        std::memcpy(b, &v, sizeof(T));
        buf_.append(b, sizeof(T));
    }
    /// u32 length, then the bytes.
    void str(std::string_view s) {
        pod<std::uint32_t>(static_cast<std::uint32_t>(s.size()));
        buf_.append(s);
    }
    /// u32 count, then each string.
    void strs(const std::vector<std::string>& v) {
        pod<std::uint32_t>(static_cast<std::uint32_t>(v.size()));
        for (const auto& s : v) str(s);
    }
    /// u32 count, then each value.
    void u32s(const std::vector<std::uint32_t>& v) {
        pod<std::uint32_t>(static_cast<std::uint32_t>(v.size()));
        for (auto x : v) pod<std::uint32_t>(x);
    }
    std::string& bytes() { return buf_; }

private:
    std::string buf_;
};

} // namespace polgraph
