/* pr-core.h: the GLib-only core of PressReader */
#pragma once

#include "pr-catalog.h"
#include "pr-contact.h"
#include "pr-entity.h"
#include "pr-import.h"
#include "pr-release.h"
#include "pr-parser.h"
#include "pr-query.h"
#include "pr-release-list.h"
#include "pr-store.h"
