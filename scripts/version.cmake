# Writes OUT, the C++ source of config/version.h: srcbot's version and the git
# commit the build comes from. Run at every build (config/CMakeLists.txt), so a
# new commit shows without a re-configure; an unchanged tree recompiles nothing.
#
# In:  SOURCE_DIR, OUT, VERSION, and COMMIT (set when the tree is not a git
#      checkout, e.g. a Docker build context without .git: -DSRCBOT_COMMIT=…).
if(COMMIT STREQUAL "")
  execute_process(COMMAND git -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
                  OUTPUT_VARIABLE COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE head_status ERROR_QUIET)
  if(NOT head_status EQUAL 0 OR COMMIT STREQUAL "")
    set(COMMIT "unknown")
  else()
    # Tracked files changed since that commit: the binary is not exactly it.
    execute_process(COMMAND git -C "${SOURCE_DIR}" status --porcelain --untracked-files=no
                    OUTPUT_VARIABLE changes OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(NOT changes STREQUAL "")
      string(APPEND COMMIT "-dirty")
    endif()
  endif()
endif()
string(REGEX REPLACE "[^0-9A-Za-z._+-]" "" COMMIT "${COMMIT}")
# configure_file leaves OUT untouched when its text would not change.
configure_file("${SOURCE_DIR}/config/version.cc.in" "${OUT}" @ONLY)
