#pragma once
// Online backup of the store's database file (`srcbot backup <path>`).
//
// Thread safety: reentrant; uses its own connections, so it may run while the
// bot (in this or another process) keeps writing to the source.

#include <string>

#include "core/result.h"

namespace srcbot::store {

// Copies the database at `from_path` into a new file `to_path` with SQLite's
// online backup API, as one consistent snapshot (writers are not blocked in
// WAL mode). The copy is a complete database the store can Open.
// Refuses to overwrite: kConflict "<to_path> exists" when anything is already
// at `to_path`. On any other failure (missing or unreadable source, not a
// database, destination directory missing or read-only) the error names the
// path concerned and a partly written destination file is removed.
core::Status BackupDatabase(const std::string& from_path, const std::string& to_path);

}  // namespace srcbot::store
