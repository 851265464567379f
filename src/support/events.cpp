#include "retort/events.hpp"

namespace retort {

const char* to_string(StepKind kind) {
  switch (kind) {
    case StepKind::Upgrade:
      return "upgrade";
    case StepKind::Downgrade:
      return "downgrade";
    case StepKind::Stamp:
      return "stamp";
  }
  return "?";
}

}  // namespace retort

#include "retort/retort.hpp"

namespace retort {

const char* version() { return RETORT_VERSION; }

}  // namespace retort
