#include "store/change_rows.h"

#include "store/case_rows.h"
#include "store/mail_outbox_rows.h"
#include "store/outbox_rows.h"
#include "store/reminder_rows.h"

namespace srcbot::store {

core::Status WriteChange(SqliteConnection& db, core::Change& change, core::CaseId id, bool created,
                         core::TimePoint now) {
  if (change.after.id == 0) change.after.id = id;
  if (change.after.id != id) {
    return core::Status::Internal(core::CaseRef(id) + ": change returned case " +
                                  core::CaseRef(change.after.id));
  }
  for (core::Event& e : change.events) {
    if (e.case_id == 0) e.case_id = id;
  }
  for (core::QueuedMail& m : change.mails) {
    if (m.case_id == 0) m.case_id = id;
  }
  core::Status s = created ? InsertCase(db, change.after) : UpdateCase(db, change.after);
  if (!s.ok()) return s;
  if (s = InsertEvents(db, change.events); !s.ok()) return s;
  // Whatever changed (a new case, `public`, a release), the next reminder
  // tick looks at the case again (docs/reminders.md).
  if (s = MarkCaseChanged(db, id); !s.ok()) return s;
  if (s = InsertMessages(db, change.messages, now); !s.ok()) return s;
  return InsertMails(db, change.mails, now);
}

core::Status WriteCaselessChange(SqliteConnection& db, const core::Change& change,
                                 core::TimePoint now) {
  if (change.after.id != 0 || !change.events.empty()) {
    return core::Status::Internal("a change about no case named a case or held events");
  }
  for (const core::QueuedMail& m : change.mails) {
    if (m.case_id != 0) return core::Status::Internal("a change about no case queued case mail");
  }
  if (core::Status s = InsertMessages(db, change.messages, now); !s.ok()) return s;
  return InsertMails(db, change.mails, now);
}

}  // namespace srcbot::store
