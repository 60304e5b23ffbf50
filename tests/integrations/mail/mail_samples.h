#pragma once
// Raw messages for the mail tests: each a plain RFC 5322 text with CRLF line ends.

#include <string>
#include <vector>

namespace srcbot::testing {

// Joins `lines` with CRLF (and ends with one).
inline std::string Crlf(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) {
    out.append(l);
    out.append("\r\n");
  }
  return out;
}

// A plain report: From, To, Subject, Date, Message-ID and a text body.
inline std::string PlainReport(const std::string& message_id = "report-1@reporter.example",
                               const std::string& subject = "Heap overflow in the parser") {
  return Crlf({"From: Rita Reporter <rita@reporter.example>", "To: security@src.example",
               "Subject: " + subject, "Date: Tue, 01 Dec 2026 10:00:00 +0000",
               "Message-ID: <" + message_id + ">", "MIME-Version: 1.0",
               "Content-Type: text/plain; charset=utf-8", "",
               "The parser overflows on long input.", "Steps: run it."});
}

}  // namespace srcbot::testing
