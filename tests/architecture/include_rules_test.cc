// The direction of dependencies (docs/architecture.md), checked on every
// #include of the product's sources (app/, bot/, commands/, config/, core/,
// integrations/, store/; tests and fuzz targets may include anything). Each
// failure names the file, the line and the forbidden edge.
//
// A folder is a room: core/, commands/, ... and each subfolder of bot/
// (bot/http, bot/egress, ...). kMayInclude says which other rooms a room may
// include; everything else is forbidden, and the table itself must have no
// cycle. The rules the issue asked for (a pure core, commands without a
// transport, transports that never include each other) follow from the table
// and are also checked on their own, so that a failure says which one broke.

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

namespace {

namespace fs = std::filesystem;

// One #include line of a product source file.
struct Include {
  std::string file;    // relative to the source dir, e.g. "bot/http/http_endpoint.cc"
  int line = 0;        // 1-based
  std::string header;  // as written, e.g. "bot/net/http_types.h" or "string"
  bool angled = false;
};

const std::vector<std::string> kProductDirs = {"app",  "bot",          "commands", "config",
                                               "core", "integrations", "store"};

bool IsSource(const fs::path& p) { return p.extension() == ".cc" || p.extension() == ".h"; }

std::vector<std::string> ProductFiles() {
  std::vector<std::string> out;
  const fs::path root = SRCBOT_SOURCE_DIR;
  for (const std::string& dir : kProductDirs) {
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      if (e.is_regular_file() && IsSource(e.path())) {
        out.push_back(fs::relative(e.path(), root).generic_string());
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

const std::vector<Include>& ProductIncludes() {
  static const std::vector<Include> kIncludes = [] {
    std::vector<Include> out;
    const std::regex include(R"re(^\s*#\s*include\s*([<"])([^>"]+)[>"])re");
    for (const std::string& file : ProductFiles()) {
      std::ifstream in(fs::path(SRCBOT_SOURCE_DIR) / file);
      std::string text;
      int line = 0;
      while (std::getline(in, text)) {
        ++line;
        if (text.find("include") == std::string::npos) continue;
        std::smatch m;
        if (std::regex_search(text, m, include)) {
          out.push_back({file, line, m[2].str(), m[1].str() == "<"});
        }
      }
    }
    return out;
  }();
  return kIncludes;
}

// The room of a path inside the tree: its top folder, or for bot/ its first
// two ("bot/http"). "" for a project header outside the rooms, "bot" for a
// file left directly in bot/.
std::string RoomOf(std::string_view path) {
  const std::size_t slash = path.find('/');
  if (slash == std::string_view::npos) return "";
  const std::string_view top = path.substr(0, slash);
  if (top != "bot") return std::string(top);
  const std::size_t second = path.find('/', slash + 1);
  if (second == std::string_view::npos) return "bot";
  return std::string(path.substr(0, second));
}

// A quoted include that names a file of the tree (not a same-folder bare name).
bool IsProjectHeader(const Include& inc) {
  if (inc.angled) return false;
  const std::string top = inc.header.substr(0, inc.header.find('/'));
  return top == "tests" || top == "fuzz" ||
         std::find(kProductDirs.begin(), kProductDirs.end(), top) != kProductDirs.end();
}

// Which other rooms each room may include. app/ (main) wires everything and
// may include any room.
const std::map<std::string, std::set<std::string>> kMayInclude = {
    {"core", {}},
    {"commands", {"core"}},
    {"config", {"core"}},
    {"store", {"core"}},
    {"integrations", {"core", "bot/runtime", "bot/net"}},
    {"bot/runtime", {"core"}},
    {"bot/net", {"core"}},
    {"bot/observability", {"core", "commands", "bot/runtime", "bot/net"}},
    {"bot/decode", {"core"}},
    {"bot/egress", {"core", "commands", "bot/runtime", "bot/observability"}},
    {"bot/blocks", {"core", "commands", "bot/egress", "bot/decode"}},
    {"bot/inbound",
     {"core", "commands", "bot/egress", "bot/observability", "bot/blocks", "bot/decode"}},
    {"bot/slack_api",
     {"core", "bot/runtime", "bot/net", "bot/egress", "bot/observability", "bot/blocks"}},
    {"bot/http", {"core", "bot/net", "bot/inbound", "bot/observability", "bot/decode"}},
    {"bot/socket_mode", {"core", "bot/runtime", "bot/inbound", "bot/observability", "bot/decode"}},
    {"bot/console", {"core", "commands", "bot/egress"}},
};

// Single files a room may include from a room it may not: each is a library
// or an interface of its own, below the including room.
const std::map<std::string, std::set<std::string>> kMayIncludeFile = {
    // The method names are a library below observability; the rest of
    // slack_api reports to Metrics (bot/slack_api/CMakeLists.txt).
    {"bot/observability", {"bot/slack_api/slack_web_api_methods.h"}},
    // The connection URL comes through the SlackApi interface (header only),
    // never through the Web API client.
    {"bot/socket_mode", {"bot/slack_api/slack_api.h"}},
};

// The transports that take requests in; none may include another.
const std::set<std::string> kInboundTransports = {"bot/http", "bot/socket_mode", "bot/console"};
// What commands/ must never reach: the transports and the libraries under them.
const std::set<std::string> kTransportRooms = {"bot/http", "bot/socket_mode", "bot/console",
                                               "bot/slack_api", "bot/net"};

// The only files that include cpprestsdk, Boost or websocketpp headers (11-18 s
// of compile each), and the private header they share.
const std::set<std::string> kHeavyFiles = {
    "bot/http/beast_connection.h",   "bot/http/beast_connection.cc",
    "bot/http/beast_http_server.cc", "bot/net/cpprest_http_client.cc",
    "bot/net/transport_threads.cc",  "bot/socket_mode/beast_websocket.cc",
    "bot/socket_mode/beast_session.h"};

// Standard headers that read files, streams, threads, randomness or the clock:
// none is used by core/ or commands/ today.
const std::set<std::string> kIoStandardHeaders = {
    "fstream",    "iostream", "istream", "ostream",      "filesystem",
    "thread",     "future",   "mutex",   "shared_mutex", "condition_variable",
    "stop_token", "random",   "ctime",   "csignal"};

// A header of the standard library: no directory, no extension (<string>,
// <cstdint>); <sqlite3.h>, <sys/socket.h> or <boost/...> are not.
bool IsStandardHeader(const std::string& header) {
  return header.find('/') == std::string::npos && header.find('.') == std::string::npos;
}

bool StartsWith(const std::string& s, std::string_view prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string Where(const Include& inc) {
  return inc.file + ":" + std::to_string(inc.line) + " includes " +
         (inc.angled ? "<" + inc.header + ">" : "\"" + inc.header + "\"");
}

// Runs `rule` on every include and fails once per forbidden edge it reports.
void Check(const std::function<std::string(const Include&)>& rule) {
  const std::vector<Include>& includes = ProductIncludes();
  REQUIRE(includes.size() > 1000);  // the tree was found and read
  for (const Include& inc : includes) {
    const std::string why = rule(inc);
    if (!why.empty()) FAIL_CHECK(Where(inc) << ": " << why);
  }
}

std::string Edge(const std::string& from, const std::string& to) { return from + " -> " + to; }

}  // namespace

TEST_CASE("architecture: core includes only itself and the standard library, nothing for I/O",
          "[architecture]") {
  Check([](const Include& inc) -> std::string {
    if (RoomOf(inc.file) != "core") return "";
    if (!inc.angled) {
      const std::string to = RoomOf(inc.header);
      return to == "core" ? ""
                          : "forbidden edge " + Edge("core", to.empty() ? inc.header : to) +
                                ": the domain includes only core/";
    }
    if (!IsStandardHeader(inc.header)) {
      return "forbidden edge core -> <" + inc.header +
             ">: the domain uses the standard library only";
    }
    if (kIoStandardHeaders.count(inc.header) > 0) {
      return "forbidden edge core -> <" + inc.header + ">: the domain does no I/O";
    }
    return "";
  });
}

TEST_CASE("architecture: commands include no transport, store, I/O or network library",
          "[architecture]") {
  Check([](const Include& inc) -> std::string {
    if (RoomOf(inc.file) != "commands") return "";
    if (!inc.angled) {
      const std::string to = RoomOf(inc.header);
      if (to == "commands" || to == "core") return "";
      if (kTransportRooms.count(to) > 0) {
        return "forbidden edge " + Edge("commands", to) + ": commands never include a transport";
      }
      return "forbidden edge " + Edge("commands", to.empty() ? inc.header : to) +
             ": commands include only core/ and commands/";
    }
    if (!IsStandardHeader(inc.header)) {
      return "forbidden edge commands -> <" + inc.header +
             ">: handlers return values and include the standard library only";
    }
    if (kIoStandardHeaders.count(inc.header) > 0) {
      return "forbidden edge commands -> <" + inc.header + ">: handlers do no I/O";
    }
    return "";
  });
}

TEST_CASE("architecture: the transports never include each other", "[architecture]") {
  Check([](const Include& inc) -> std::string {
    const std::string from = RoomOf(inc.file);
    if (kInboundTransports.count(from) == 0 || !IsProjectHeader(inc)) return "";
    const std::string to = RoomOf(inc.header);
    if (to != from && kInboundTransports.count(to) > 0) {
      return "forbidden edge " + Edge(from, to) + ": transports never include each other";
    }
    if (to == "bot/slack_api" && inc.header != "bot/slack_api/slack_api.h") {
      return "forbidden edge " + Edge(from, to) +
             ": a transport reaches Slack's Web API through the guard or the SlackApi interface";
    }
    return "";
  });
}

TEST_CASE(
    "architecture: cpprest, Boost and websocketpp headers only in the transport "
    "implementations",
    "[architecture]") {
  Check([](const Include& inc) -> std::string {
    const bool heavy =
        inc.angled && (StartsWith(inc.header, "cpprest/") || StartsWith(inc.header, "pplx/") ||
                       StartsWith(inc.header, "boost/") || StartsWith(inc.header, "websocketpp/"));
    const bool heavy_private = !inc.angled && kHeavyFiles.count(inc.header) > 0;
    if ((heavy || heavy_private) && kHeavyFiles.count(inc.file) == 0) {
      return "forbidden edge " + inc.file + " -> " + inc.header +
             ": only the transport implementations (bot/*/CMakeLists.txt) pay for these headers";
    }
    return "";
  });
}

TEST_CASE("architecture: SQLite only in store/, CLI11 only in config/, spdlog only in the log",
          "[architecture]") {
  Check([](const Include& inc) -> std::string {
    if (!inc.angled) return "";
    const std::string from = RoomOf(inc.file);
    if (inc.header == "sqlite3.h" && from != "store") {
      return "forbidden edge " + Edge(from, "<sqlite3.h>") + ": SQLite stays behind store/";
    }
    if (StartsWith(inc.header, "CLI/") && from != "config") {
      return "forbidden edge " + Edge(from, "<" + inc.header + ">") + ": CLI11 stays in config/";
    }
    if (StartsWith(inc.header, "spdlog/") && inc.file != "bot/observability/log.cc") {
      return "forbidden edge " + Edge(inc.file, "<" + inc.header + ">") +
             ": spdlog stays behind bot/observability/log.h";
    }
    return "";
  });
}

TEST_CASE("architecture: each room includes only the rooms below it", "[architecture]") {
  Check([](const Include& inc) -> std::string {
    if (!IsProjectHeader(inc)) return "";
    const std::string from = RoomOf(inc.file);
    const std::string to = RoomOf(inc.header);
    if (to == "tests" || to == "fuzz") {
      return "forbidden edge " + Edge(from, to) + ": the product never includes test code";
    }
    if (from == "app" || to == from) return "";
    auto rooms = kMayInclude.find(from);
    if (rooms == kMayInclude.end()) {
      return "room " + from + " is not in kMayInclude (tests/architecture/include_rules_test.cc)";
    }
    if (rooms->second.count(to) > 0) return "";
    auto files = kMayIncludeFile.find(from);
    if (files != kMayIncludeFile.end() && files->second.count(inc.header) > 0) return "";
    return "forbidden edge " + Edge(from, to) + " (kMayInclude allows " + from + " only " + [&] {
      std::string list;
      for (const std::string& r : rooms->second) list += (list.empty() ? "" : ", ") + r;
      return list.empty() ? std::string("itself") : list;
    }() + ")";
  });
}

TEST_CASE("architecture: the rooms' dependencies have no cycle", "[architecture]") {
  // Depth-first search over kMayInclude; a room met again on the current path
  // closes a cycle.
  std::map<std::string, int> state;  // 0 unseen, 1 on the path, 2 done
  std::vector<std::string> path;
  std::function<void(const std::string&)> visit = [&](const std::string& room) {
    state[room] = 1;
    path.push_back(room);
    auto it = kMayInclude.find(room);
    if (it != kMayInclude.end()) {
      for (const std::string& next : it->second) {
        if (state[next] == 1) {
          std::string cycle;
          for (auto p = std::find(path.begin(), path.end(), next); p != path.end(); ++p) {
            cycle += *p + " -> ";
          }
          FAIL_CHECK("cycle: " << cycle << next);
        } else if (state[next] == 0) {
          visit(next);
        }
      }
    }
    path.pop_back();
    state[room] = 2;
  };
  for (const auto& [room, rooms] : kMayInclude) {
    CHECK(rooms.count(room) == 0);
    if (state[room] == 0) visit(room);
  }
  // A file a room may include from elsewhere must not include that room back.
  for (const auto& [room, files] : kMayIncludeFile) {
    for (const std::string& file : files) {
      for (const Include& inc : ProductIncludes()) {
        if (inc.file == file && IsProjectHeader(inc)) {
          INFO(Where(inc));
          CHECK(RoomOf(inc.header) != room);
        }
      }
    }
  }
}

TEST_CASE("architecture: every source file of bot/ sits in a room the rules know",
          "[architecture]") {
  int files = 0;
  for (const std::string& file : ProductFiles()) {
    const std::string room = RoomOf(file);
    if (room == "app") continue;
    ++files;
    INFO(file);
    CHECK(room != "bot");
    CHECK(kMayInclude.count(room) == 1);
  }
  CHECK(files > 200);
}
