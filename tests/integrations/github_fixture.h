#pragma once
// The real GithubClient (over the real cpprest HTTP client) against a
// FakeGithub on 127.0.0.1, with retries that record their waits instead of
// sleeping.

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "bot/net/http_client.h"
#include "bot/net/transport_threads.h"
#include "integrations/github_client.h"
#include "tests/fakes/fake_github.h"

namespace srcbot::testing {

struct GithubFixture {
  FakeGithub github;
  std::unique_ptr<bot::HttpClient> http;
  std::mutex sleeps_mu;
  std::vector<std::chrono::milliseconds> sleeps;
  std::unique_ptr<integrations::GithubClient> client;

  GithubFixture() {
    bot::InitTransportThreads(4);
    REQUIRE(github.Start().ok());
    github.AddRepo("acme/widget");
    http = bot::MakeCpprestHttpClient();
    client = MakeClient(FakeGithub::kToken);
  }

  integrations::GithubOptions Options(const std::string& token) const {
    integrations::GithubOptions o;
    o.api_url = github.api_url() + "/";
    o.token = token;
    o.timeout = std::chrono::milliseconds(5000);
    return o;
  }

  std::unique_ptr<integrations::GithubClient> MakeClient(const std::string& token) {
    return std::make_unique<integrations::GithubClient>(
        *http, Options(token), [this](std::chrono::milliseconds d) {
          std::lock_guard<std::mutex> lock(sleeps_mu);
          sleeps.push_back(d);
        });
  }
};

}  // namespace srcbot::testing
