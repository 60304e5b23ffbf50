// The embargo, tested adversarially (issue 4): thousands of random sequences
// of commands by random people in random places — with fix-team and channel
// membership changing mid-case, channels being shared, and Slack failing —
// over the real handlers. After every step, every message any person could
// read is checked against canaries planted in each case's embargoed fields.

#include <algorithm>
#include <cctype>
#include <iostream>
#include <random>

#include <catch2/catch.hpp>

#include "core/public_release.h"
#include "tests/bot/egress/embargo_world.h"

using namespace srcbot;
using testing::EmbargoWorld;
using testing::Reach;

namespace {

constexpr int kSequences = 10'000;
constexpr int kStepsPerSequence = 20;

class Sequence {
 public:
  Sequence(EmbargoWorld& world, unsigned seed) : w_(world), rng_(seed), seed_(seed) {}

  void Run() {
    for (int step = 0; step < kStepsPerSequence; ++step) {
      w_.clock.Advance(std::chrono::minutes(Pick(1, 600)));
      Heal();
      Step();
      Check();
    }
  }

  std::size_t checked() const { return checked_; }

 private:
  int Pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  template <class T>
  const T& Any(const std::vector<T>& v) { return v[Pick(0, static_cast<int>(v.size()) - 1)]; }

  std::string Person() {
    switch (Pick(0, 2)) {
      case 0: return Any(testing::kSrc);
      case 1: return Any(testing::kEngineers);
      default: return Any(testing::kOutsiders);
    }
  }
  std::string Place(const std::string& user) {
    static const std::vector<std::string> kChannels = {"CSRC", "CSRC", "CTEAM", "CPRIV",
                                                       "CSHARED", "CGEN", "CDEV"};
    return Pick(0, 5) == 0 ? "D" + user : Any(kChannels);
  }
  core::CaseId SomeCase() { return Pick(1, static_cast<int>(w_.store.cases.size()) + 1); }
  std::string Ref() { return core::CaseRef(SomeCase()); }

  // Canaries: distinctive strings in every field the embargo protects.
  std::string Canary(const char* field) {
    return std::string("cnry") + field + std::to_string(seed_) + "x" + std::to_string(Pick(0, 999));
  }

  std::string RandomCommand() {
    const std::string engineer = "<@" + Any(testing::kEngineers) + ">";
    const std::string anyone = "<@" + Person() + ">";
    switch (Pick(0, 22)) {
      case 0:
      case 1:
        return "report \"" + Canary("title") + "\" --repo pub" + Canary("repo") + "/w --reporter \"" +
               Canary("reporter") + "\"" + (Pick(0, 4) == 0 ? " --via public" : "");
      case 2: return "ack " + Ref();
      case 3: return "lead " + Ref() + " " + anyone;
      case 4:
        return "triage " + Ref() + " --replicated yes --affected \"" + Canary("affected") +
               "\" --upstream \"" + Canary("upstream") + "\"";
      case 5: return "team " + Ref() + " add " + engineer + (Pick(0, 2) == 0 ? " --outside" : "");
      case 6: return "team " + Ref() + " add " + anyone;
      case 7: return "team " + Ref() + " remove " + anyone;
      case 8: return "approve " + Ref() + " " + engineer;
      case 9:
        return "reporter " + Ref() + " <@UMALLORY> --private-contact --credit \"" + Canary("credit") + "\"";
      case 10: return "fixed " + Ref();
      case 11: return "slow " + Ref() + " --reason \"" + Canary("reason") + "\"";
      case 12: return "public " + Ref();
      case 13: return "summary " + Ref() + " \"pub" + Canary("summary") + "\"";
      case 14:
        return "release " + Ref() + " --version pub" + Canary("version") +
               " --release-url https://example.com/pub" + Canary("url");
      case 15: return "show " + Ref();
      case 16: return "timeline " + Ref();
      case 17: return Pick(0, 1) ? "list" : "list --all";
      case 18: return "close " + Ref() + " --reason fixed";
      case 19: return "help";
      case 20: return "ack " + Ref() + " " + Canary("stray");  // an error quoting a typed word
      case 21: return "report";  // opens the (blank) form
      default: return "frobnicate " + Ref();
    }
  }

  // The command that moves the newest case towards release.
  std::string NextStep() {
    if (Pick(0, 6) == 0) return RandomCommand();
    if (w_.store.cases.empty() || w_.store.cases.rbegin()->second.released_at ||
        !w_.store.cases.rbegin()->second.IsOpen()) {
      return "report \"" + Canary("title") + "\" --repo pub" + Canary("repo") + "/w --reporter \"" +
             Canary("reporter") + "\"";
    }
    const core::Case& c = w_.store.cases.rbegin()->second;
    const std::string ref = core::CaseRef(c.id);
    switch (c.stage) {
      case core::Stage::kReported: return "ack " + ref;
      case core::Stage::kTriage:
        return "triage " + ref + " --replicated yes --affected \"" + Canary("affected") + "\"";
      case core::Stage::kFixTeam: return "team " + ref + " add <@" + Any(testing::kEngineers) + ">";
      case core::Stage::kFixDevelopment:
        if (!c.fixed_at) return "fixed " + ref;
        if (!c.cvss_score) return "cvss " + ref + " CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
        if (c.public_summary.empty()) return "summary " + ref + " \"pub" + Canary("summary") + "\"";
        return "release-day " + ref + " next";
      case core::Stage::kReleaseScheduled:
        if (Pick(0, 3) == 0) return "announce " + ref;
        return "release " + ref + " --version pub" + Canary("version") +
               " --release-url https://example.com/pub" + Canary("url");
      case core::Stage::kReleased:
        if (Pick(0, 1) == 0) return "link " + ref + " https://lists.example.com/pub" + Canary("ann") + " --announcement";
        return Pick(0, 1) ? "retro " + ref : "retro " + ref + " --done";
      default: return "timeline " + ref;
    }
  }

  // Fix a channel that an earlier step broke, most of the time.
  void Heal() {
    if (Pick(0, 2) == 0) {
      for (auto& [id, d] : w_.unreachable) w_.directory.channels[id] = d;
      w_.unreachable.clear();
    }
    if (w_.sink != nullptr && Pick(0, 1) == 0) w_.sink->fail = false;
  }

  void Step() {
    switch (Pick(0, 11)) {
      case 0: {  // someone joins or leaves a private channel
        auto& d = w_.directory.channels[Pick(0, 1) ? "CSRC" : "CTEAM"];
        std::string who = Pick(0, 1) ? Any(testing::kOutsiders) : Any(testing::kEngineers);
        auto it = std::find(d.members.begin(), d.members.end(), who);
        if (it == d.members.end()) d.members.push_back(who); else d.members.erase(it);
        return;
      }
      case 1: {  // the SRC channel is shared through Slack Connect, or unshared
        auto& d = w_.directory.channels["CSRC"];
        d.is_ext_shared = !d.is_ext_shared;
        return;
      }
      case 2: {  // Slack cannot be asked about a channel for a while
        std::string id = Pick(0, 1) ? "CSRC" : "CGEN";
        auto it = w_.directory.channels.find(id);
        if (it != w_.directory.channels.end()) {
          w_.unreachable[id] = it->second;
          w_.directory.channels.erase(it);
        }
        return;
      }
      case 3:  // Slack refuses to take messages
        w_.sink->fail = true;
        return;
      case 4:
        w_.Click(Person(), Pick(0, 1) ? "CSRC" : "CGEN", SomeCase());
        return;
      case 5: {  // someone's App Home shows a case
        core::CaseId id = SomeCase();
        auto c = w_.store.Load(id);
        std::string title = c.ok() ? c.value().title : "none";
        (void)w_.guard.PublishHome(Person(), {{"type", "home"}, {"text", title}}, {id});
        w_.Collect();
        return;
      }
      case 6:
      case 7:
      case 8: {  // the SRC moves a case on, from wherever they are
        std::string user = Pick(0, 5) ? Any(testing::kSrc) : Person();
        w_.Command(user, Place(user), NextStep());
        return;
      }
      default: {
        std::string user = Person();
        w_.Command(user, Place(user), RandomCommand());
        return;
      }
    }
  }

  // The whole canary that starts at `at` in `text`.
  static std::string TokenAt(const std::string& text, std::size_t at) {
    std::size_t end = at;
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
    return text.substr(at, end - at);
  }

  // Everything one case's embargo protects, and what becomes public at release.
  struct Fields {
    std::vector<std::string> secret, published;
    std::set<std::string> allowed;  // SRC and the approved fix team
    bool released = false;
  };
  Fields FieldsOf(const core::Case& c) {
    Fields f;
    for (const std::string* s : {&c.title, &c.reporter, &c.credit, &c.affected, &c.upstream}) {
      if (s->starts_with("cnry")) f.secret.push_back(*s);
    }
    for (const std::string* s : {&c.repo, &c.fixed_version, &c.public_summary, &c.release_url,
                                  &c.announcement_url}) {
      if (s->find("cnry") != std::string::npos) f.published.push_back(TokenAt(*s, s->find("cnry")));
    }
    auto events = w_.store.Timeline(c.id);
    for (const core::Event& e : events.value()) {
      auto at = e.text.find("cnryreason");
      if (at != std::string::npos) f.secret.push_back(TokenAt(e.text, at));
    }
    f.allowed.insert(testing::kSrc.begin(), testing::kSrc.end());
    for (const core::TeamMember& m : c.team) {
      if (m.approved) f.allowed.insert(m.user);
    }
    f.released = core::IsReleased(c);
    return f;
  }

  static bool Qualifies(const Reach& r, const Fields& f) {
    auto ok = [&](const std::string& u) { return f.allowed.count(u) > 0; };
    if (!std::all_of(r.readers.begin(), r.readers.end(), ok)) return false;
    if (r.where.empty()) return true;
    const core::Destination& d = r.place;
    if (!d.is_private || d.is_shared || d.is_ext_shared || d.is_org_shared || d.is_pending_ext_shared) {
      return false;
    }
    return !d.members.empty() && std::all_of(d.members.begin(), d.members.end(), ok);
  }

  void Check() {
    for (; seen_ < w_.reached.size(); ++seen_) {
      const Reach& r = w_.reached[seen_];
      ++checked_;
      for (const auto& [id, c] : w_.store.cases) {
        Fields f = FieldsOf(c);
        bool qualifies = Qualifies(r, f);
        if (qualifies) continue;
        // Checked by hand, failing loudly: millions of passing CHECKs would
        // make the test slow.
        for (const std::string& secret : f.secret) {
          if (r.text.find(secret) == std::string::npos) continue;
          FAIL_CHECK("seed " << seed_ << ": " << r.what << " to " << r.where << " leaked " << secret
                             << ":\n" << r.text);
        }
        // Public fields: in the release post once released; before, only
        // where details may go.
        bool release_post = f.released && r.what == "post" && r.text.starts_with(":shield:");
        for (const std::string& field : f.published) {
          if (release_post || r.text.find(field) == std::string::npos) continue;
          FAIL_CHECK("seed " << seed_ << ": " << r.what << " to " << r.where << " showed " << field
                             << ":\n" << r.text);
        }
      }
      if (r.what == "post" && r.text.starts_with(":shield:")) CheckReleasePost(r);
    }
  }

  // A release post names its project and version and no reporter, title or team.
  void CheckReleasePost(const Reach& r) {
    ++release_posts;
    bool named = (r.where == "CGEN" || r.where == "CDEV") &&
                 r.text.find("cnryrepo") != std::string::npos &&
                 r.text.find("cnryversion") != std::string::npos;
    for (const std::string& person : testing::EmbargoWorld::Everyone()) {
      named = named && r.text.find(person) == std::string::npos;
    }
    if (!named) FAIL_CHECK("seed " << seed_ << ": release post to " << r.where << ":\n" << r.text);
  }

  EmbargoWorld& w_;
  std::mt19937 rng_;
  unsigned seed_;
  std::size_t seen_ = 0;
  std::size_t checked_ = 0;

 public:
  std::size_t release_posts = 0;
};

}  // namespace

TEST_CASE("embargo property: no canary reaches a place that does not qualify", "[embargo]") {
  std::size_t messages = 0, releases = 0, refusals = 0;
  for (int i = 0; i < kSequences; ++i) {
    EmbargoWorld world;
    Sequence sequence(world, 20261125u + static_cast<unsigned>(i));
    sequence.Run();
    messages += sequence.checked();
    releases += sequence.release_posts;
    for (const auto& [id, c] : world.store.cases) {
      for (const auto& d : world.store.decisions) refusals += d.case_id == id && d.outcome == "refused";
    }
  }
  std::cout << "embargo property: " << kSequences << " sequences, " << messages
            << " outbound messages checked, " << releases << " release posts, " << refusals
            << " refusals recorded\n";
  CHECK(messages > static_cast<std::size_t>(kSequences) * 5);
  CHECK(releases > 0);
  CHECK(refusals > 0);
}
