#pragma once
// StrCat: one string from pieces, sized once and appended in order.
//
// Why not `"x" + s + "y"`: `const char* + std::string&&` inserts at the front
// of the temporary, and GCC 12 at -O3 reports that insert as a false
// -Wrestrict (GCC PR 105651), which the Release build treats as an error.
// StrCat only appends, so it compiles clean and allocates once.

#include <initializer_list>
#include <string>
#include <string_view>

namespace srcbot::core {

inline std::string StrCat(std::initializer_list<std::string_view> pieces) {
  std::size_t size = 0;
  for (std::string_view p : pieces) size += p.size();
  std::string out;
  out.reserve(size);
  for (std::string_view p : pieces) out.append(p);
  return out;
}

}  // namespace srcbot::core
